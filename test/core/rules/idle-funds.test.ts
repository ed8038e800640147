import { validateWorkbook } from '../../../src/core/validate';
import { findingAt, ofRule } from '../../fixtures/findings';
import { projectSheet } from '../../fixtures/project-sheet';

function table() {
  return projectSheet({
    name: '文旅项目',
    title: '2024年度文化旅游项目资金执行表',
    unitLine: '单位：万元',
    headers: ['项目名称', '年初预算数', '调增', '调减', '实际支出', '结余结转', '偏差原因'],
    group: { label: '预算安排', from: 1, to: 3 },
    rows: [
      ['非遗保护传承', 50, 10, null, 59.4, 0.6, null], // 99%
      ['全域旅游宣传推广', 120, null, 20, 85, 15, '部分推广活动延期至次年'], // 85%
      ['乡村文化振兴示范点', 30, null, null, 0, 30, null], // 0%
      ['图书馆数字化', 40, null, null, '—', null, null], // not reported
      ['旅游厕所建设', null, null, null, 12, null, null], // no budget
    ],
  });
}

describe('idle-funds: budget left unspent below the threshold (default 90%)', () => {
  const t = table();
  const r = validateWorkbook({ sheets: [t.sheet] });

  test('85% executed is a warning on the spending cell with the unspent amount and the stated reason', () => {
    const f = findingAt(r, 'idle-funds', '文旅项目', t.addr(1, '实际支出'));
    expect(f.cell).toBe('E6');
    expect(f).toMatchObject({ severity: 'warning', actual: '0.850000', difference: '-0.050000', expected: '0.9', label: '全域旅游宣传推广' });
    expect(f.message).toBe('全域旅游宣传推广：执行率 85.00%，低于 90%，尚有 15.00 万元 未支出，报告中须说明原因（表中说明：部分推广活动延期至次年）');
    // The budget is 年初预算 + 调增 − 调减 when 全年预算数 is not a column.
    expect(f.related.map((x) => x.cell)).toEqual(['B6', 'D6']);
  });

  test('zero spending is said as such', () => {
    const f = findingAt(r, 'idle-funds', '文旅项目', 'E7');
    expect(f.message).toBe('乡村文化振兴示范点：全年预算 30.00 万元 全部未支出（执行率 0.00%），资金闲置，报告中须说明原因');
  });

  test('99% executed, spending not reported ("—") and no budget give nothing', () => {
    expect(ofRule(r, 'idle-funds').map((f) => f.cell)).toEqual(['E6', 'E7']);
  });

  test('the threshold is a setting', () => {
    expect(ofRule(validateWorkbook({ sheets: [t.sheet] }, { idleThreshold: 0.8 }), 'idle-funds').map((f) => f.cell)).toEqual(['E7']);
    const strict = validateWorkbook({ sheets: [t.sheet] }, { idleThreshold: 1 });
    expect(ofRule(strict, 'idle-funds').map((f) => f.cell)).toEqual(['E5', 'E6', 'E7']);
    expect(findingAt(strict, 'idle-funds', '文旅项目', 'E5').message).toContain('低于 100%');
  });
});

describe('idle-funds with a zero budget', () => {
  test('全年预算数 = 0 and nothing spent is not idle money (no 0 ÷ 0 rate)', () => {
    const t = projectSheet({
      name: '项目表',
      unitLine: '单位：万元',
      headers: ['项目名称', '全年预算数', '实际支出'],
      rows: [
        ['退休人员抚恤金', 0, 0],
        ['会议费', 10, 5],
      ],
    });
    const r = validateWorkbook({ sheets: [t.sheet] });
    expect(ofRule(r, 'idle-funds').map((f) => [f.label, f.actual])).toEqual([['会议费', '0.500000']]);
  });
});
