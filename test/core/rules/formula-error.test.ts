import { validateWorkbook } from '../../../src/core/validate';
import { findingAt, ofRule } from '../../fixtures/findings';
import { projectSheet, RATE } from '../../fixtures/project-sheet';

describe('formula-error: #REF!, #DIV/0! … are errors at their cell', () => {
  const t = projectSheet({
    name: '项目表',
    unitLine: '单位：万元',
    headers: ['项目名称', '全年预算数', '实际支出', '结余结转', '执行率', '备注'],
    formats: { 执行率: RATE },
    rows: [
      ['会议费', 10, { v: '#REF!', f: 'SUM(#REF!)' }, 2, 0.8, null],
      ['培训费', 0, 0, 0, { v: '#DIV/0!', f: 'C5/B5' }, null],
      ['差旅费', 20, 18, 2, 0.9, '#说明见附件'],
      ['印刷费', 5, 5, 0, 1, null],
    ],
  });
  const r = validateWorkbook({ sheets: [t.sheet] });

  test('#REF! in 实际支出 names the project, the meaning and the formula', () => {
    const f = findingAt(r, 'formula-error', '项目表', t.addr(0, '实际支出'));
    expect(f.cell).toBe('C3');
    expect(f).toMatchObject({ severity: 'error', raw: '#REF!', label: '会议费' });
    expect(f.actual).toBeUndefined();
    expect(f.message).toBe('会议费：C3 显示 #REF!（公式引用的单元格已被删除），公式为 =SUM(#REF!)，该数字无法参与校验');
  });

  test('#DIV/0! in 执行率 is found too', () => {
    const f = findingAt(r, 'formula-error', '项目表', t.addr(1, '执行率'));
    expect(f.message).toContain('除数为 0 或为空');
    expect(f.label).toBe('培训费');
  });

  test('only real error values: text that starts with # is not one', () => {
    expect(ofRule(r, 'formula-error').map((f) => f.cell)).toEqual(['C3', 'E4']);
  });

  test('the error cell is not read as 0: the row\'s balance is not checked against it', () => {
    expect(r.findings.filter((f) => f.label === '会议费' && f.rule !== 'formula-error')).toEqual([]);
  });

  test('an error value anywhere in a sheet is reported, inside a table or not', () => {
    const sheet = t.sheet;
    sheet.values.push([], [null, null, null, null, null, '#N/A']);
    const f = findingAt(validateWorkbook({ sheets: [sheet] }), 'formula-error', '项目表', 'F8');
    expect(f.message).toContain('查找不到对应的值');
  });
});

test('a sheet of 250 #REF! lists the first 200 by cell and one line for the rest', () => {
  // A column whose source sheet was deleted: every 实际支出 shows #REF!.
  const rows = Array.from({ length: 250 }, (_, i) => [`项目${i + 1}`, 10, { v: '#REF!', f: `'已删除'!C${i + 2}` }, null]);
  const t = projectSheet({ name: '项目表', unitLine: '单位：万元', headers: ['项目名称', '全年预算数', '实际支出', '结余结转'], rows });
  const found = ofRule(validateWorkbook({ sheets: [t.sheet] }), 'formula-error');
  const byCell = found.filter((f) => f.raw === '#REF!');
  expect(byCell).toHaveLength(200);
  expect(byCell[199].cell).toBe(t.addr(199, '实际支出'));
  const summary = found.filter((f) => f.raw === undefined);
  expect(summary.map((f) => f.message)).toEqual(['工作表“项目表”共有 250 个错误值，以上仅列出前 200 个']);
});
