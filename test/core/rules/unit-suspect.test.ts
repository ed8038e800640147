import { validateWorkbook } from '../../../src/core/validate';
import { findingAt, ofRule } from '../../fixtures/findings';
import { projectSheet } from '../../fixtures/project-sheet';
import { budgetSummary } from '../../fixtures/summary-sheets';

function wanTable(odd: number | string) {
  return projectSheet({
    name: '项目支出',
    title: '2024年度项目支出情况',
    unitLine: '单位：万元',
    headers: ['序号', '项目名称', '全年预算数', '实际支出'],
    formats: { 序号: '0' },
    rows: [
      [1, '业务性专项经费', 18.67, 16.53],
      [2, '村级组织运转经费', 340.31, 293.14],
      [3, '城市基层党建工作经费', 189.4, 189.4],
      // 35.34 万元 typed in 元.
      [4, '退休人员去世抚恤慰问金', 35.34, odd],
      [5, '老干部专项经费', 131.31, 131.31],
      [6, '代理记账服务', 0.48, 0.48],
    ],
  });
}

function yuanTable(odd: number) {
  return projectSheet({
    name: '项目支出',
    unitLine: '金额单位：元',
    headers: ['项目名称', '全年预算数', '实际支出'],
    rows: [
      ['高标准农田建设', 1250000, 1200000],
      ['农村人居环境整治', 860000, 850000],
      ['耕地地力保护补贴', 2300000, 2300000],
      ['动物防疫', 415000, 400000],
      // 98.5 万元 typed into a 元 table.
      ['农机购置补贴', odd, 980000],
      ['防汛抗旱', 560000, 530000],
    ],
  });
}

describe('unit-suspect: a figure typed in the wrong unit', () => {
  test('in a 万元 table, 353,400 among figures in the tens and hundreds is flagged as 元', () => {
    const t = wanTable(353400);
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'unit-suspect', '项目支出', t.addr(3, '实际支出'));
    expect(f.cell).toBe('D7');
    expect(f).toMatchObject({ severity: 'warning', expected: '35.34', actual: '353400', unit: '万元', label: '退休人员去世抚恤慰问金' });
    expect(f.message).toMatch(/^退休人员去世抚恤慰问金：实际支出 353400\.00 是同列其他数字（中位数 [\d.]+）的 \d+ 倍，疑似按“元”填入了万元表，应为 35\.34 万元$/);
    expect(f.fix).toMatchObject({ cell: 'D7', value: '35.34' });
    expect(ofRule(r, 'unit-suspect')).toHaveLength(1);
  });

  test('in a 元 table, 98.5 among figures in the hundreds of thousands is flagged as 万元', () => {
    const t = yuanTable(98.5);
    const f = findingAt(validateWorkbook({ sheets: [t.sheet] }), 'unit-suspect', '项目支出', t.addr(4, '全年预算数'));
    expect(f).toMatchObject({ severity: 'warning', expected: '985000', actual: '98.5', unit: '元', label: '农机购置补贴' });
    expect(f.message).toContain('疑似按“万元”填入了元表，应为 985000.00 元');
  });

  test('a unit written into the cell that is not the table\'s ("35.34元" in a 万元 table)', () => {
    const t = wanTable('35.34元');
    const f = findingAt(validateWorkbook({ sheets: [t.sheet] }), 'unit-suspect', '项目支出', 'D7');
    expect(f.message).toContain('单元格写的是“35.34元”，而本表单位为万元');
    expect(f.expected).toBe('0.003534');
  });

  test('an ordinary spread of figures, and the right unit in a cell, give nothing', () => {
    expect(ofRule(validateWorkbook({ sheets: [wanTable(35.34).sheet] }), 'unit-suspect')).toEqual([]);
    expect(ofRule(validateWorkbook({ sheets: [wanTable('35.34万元').sheet] }), 'unit-suspect')).toEqual([]);
    expect(ofRule(validateWorkbook({ sheets: [yuanTable(985000).sheet] }), 'unit-suspect')).toEqual([]);
  });
});

describe('unit-suspect in a summary', () => {
  test('基本支出 typed in 元 (12,106,000) in a 万元 收支总表 towers over every total', () => {
    const r = validateWorkbook({ sheets: [budgetSummary({ basic: 12106000 })] });
    const f = findingAt(r, 'unit-suspect', '收支总表', 'B10');
    expect(f).toMatchObject({ severity: 'warning', expected: '1210.6', actual: '12106000', label: '基本支出' });
  });

  test('a summary whose lines differ by their nature (totals vs small lines) gives nothing', () => {
    const r = validateWorkbook({ sheets: [budgetSummary({ other: 0.25, income: 3180.4, carryOut: 169.5 })] });
    expect(ofRule(r, 'unit-suspect')).toEqual([]);
  });
});

describe('unit-suspect: a figure in 元 that breaks its row, whatever else it breaks (issue #11)', () => {
  // A county agriculture bureau's three projects in 万元: 耕地地力保护补贴's 实际支出 typed as 2,200,000 (元) for
  // 220 万元. Too few figures for a column yardstick, but 220 balances the row (230 − 220 = 10) and the 合计.
  function threeProjects(spend: number) {
    return projectSheet({
      name: '项目支出',
      title: '2024年度项目支出执行情况表',
      preparer: '编制单位：某县农业农村局',
      unitLine: '单位：万元',
      headers: ['序号', '项目名称', '年初预算数', '调整数', '全年预算数', '实际支出', '结余结转', '执行率'],
      formats: { 序号: '0', 执行率: '0.00%' },
      rows: [
        [1, '高标准农田建设', 125, 0, 125, 120, 5, 0.96],
        [2, '农村人居环境整治', 86, 0, 86, 85, 1, 0.9884],
        [3, '耕地地力保护补贴', 230, 0, 230, spend, 10, 0.9565],
        ['合计', null, 441, 0, 441, 425, 16, 0.9637],
      ],
    });
  }

  test('2,200,000 among 120 and 85 is flagged as typed in 元, with the fix to 220.00 万元', () => {
    const t = threeProjects(2200000);
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'unit-suspect', '项目支出', t.addr(2, '实际支出'));
    expect(f.cell).toBe('F6');
    expect(f).toMatchObject({ severity: 'warning', expected: '220', actual: '2200000', unit: '万元', label: '耕地地力保护补贴' });
    expect(f.message).toBe('耕地地力保护补贴：实际支出 2200000.00 疑似按“元”填入了万元表：按 220.00 万元计，结余结转 = 全年预算数 − 实际支出、合计行 实际支出 = 各项目实际支出之和 即相符，应为 220.00 万元');
    expect(f.fix).toMatchObject({ cell: 'F6', value: '220' });
    // The balance errors it causes are still reported.
    expect(r.findings.filter((x) => x.severity === 'error').map((x) => `${x.rule} ${x.cell}`)).toEqual(expect.arrayContaining(['project-balance G6', 'overspend F6']));
  });

  test('whatever else it breaks: 2,300,000 that does not balance the row in 万元 either is still flagged, by its magnitude', () => {
    // 2,300,000 ÷ 10⁴ = 230 leaves 230 − 230 ≠ 10: a second slip in the row, but 2,300,000 is 10⁴ times its row and column.
    const t = threeProjects(2300000);
    const f = findingAt(validateWorkbook({ sheets: [t.sheet] }), 'unit-suspect', '项目支出', 'F6');
    expect(f).toMatchObject({ severity: 'warning', expected: '230', actual: '2300000' });
    expect(f.message).toBe('耕地地力保护补贴：实际支出 2300000.00 与「结余结转 = 全年预算数 − 实际支出」中其他数字相差 10000 倍，与同列其他数字也相差千倍以上，疑似按“元”填入了万元表，应为 230.00 万元');
  });

  test('the right figure, a large project of its own, or a slip of ordinary size give no unit warning', () => {
    expect(ofRule(validateWorkbook({ sheets: [threeProjects(220).sheet] }), 'unit-suspect')).toEqual([]);
    // 220 typed 2200 breaks its row, but a figure ten times its budget is a typo, not a unit.
    expect(ofRule(validateWorkbook({ sheets: [threeProjects(2200).sheet] }), 'unit-suspect')).toEqual([]);
    // A project of 2,300 万元 among projects of 100 万元, balanced: its own size, not a unit.
    const big = projectSheet({
      name: '项目支出',
      unitLine: '单位：万元',
      headers: ['项目名称', '全年预算数', '实际支出', '结余结转'],
      rows: [
        ['高标准农田建设', 125, 120, 5],
        ['农村人居环境整治', 86, 85, 1],
        ['乡村振兴衔接资金', 230000, 220000, 1000],
      ],
    });
    expect(ofRule(validateWorkbook({ sheets: [big.sheet] }), 'unit-suspect')).toEqual([]);
  });
});
