import { validateWorkbook } from '../../../src/core/validate';
import { findingAt, ofRule } from '../../fixtures/findings';
import { projectSheet } from '../../fixtures/project-sheet';
import { budgetSummary } from '../../fixtures/summary-sheets';

describe('text-number: figures stored as text are used and reported', () => {
  const t = projectSheet({
    name: '项目明细',
    title: '项目资金明细',
    unitLine: '单位：万元',
    headers: ['项目名称', '上年结转结余', '年初预算数', '全年预算数', '实际支出', '结余结转'],
    rows: [
      ['业务性专项经费', '5.17', '13.50', 18.67, '１６．５３', 2.14],
      ['老干部专项经费', '—', 131.31, '131.31万元', 131.31, '-'],
      ['人才发展专项经费', null, '1,200.00', 1200, 1200.4, '(0.40)'],
    ],
  });
  const r = validateWorkbook({ sheets: [t.sheet] });

  test.each([
    [0, '上年结转结余', '5.17', '5.17'],
    [0, '年初预算数', '13.50', '13.5'],
    [0, '实际支出', '１６．５３', '16.53'],
    [1, '全年预算数', '131.31万元', '131.31'],
    [2, '年初预算数', '1,200.00', '1200'],
    [2, '结余结转', '(0.40)', '-0.4'],
  ])('row %i %s: %j is a warning read as %s', (i, header, raw, value) => {
    const f = findingAt(r, 'text-number', '项目明细', t.addr(i, header));
    expect(f).toMatchObject({ severity: 'warning', raw, actual: value, expected: value });
    expect(f.message).toBe(`${['业务性专项经费', '老干部专项经费', '人才发展专项经费'][i]}：${f.cell} 中的“${raw}”是文本格式的数字，已按 ${value} 参与校验；建议转换为数值，否则 Excel 的求和公式会漏算它`);
    expect(f.fix).toMatchObject({ cell: f.cell, value, clears: 1 });
  });

  test('"—" and "-" are blanks, real numbers are fine: exactly six findings', () => {
    expect(ofRule(r, 'text-number')).toHaveLength(6);
  });

  test('text figures take part in the checks (the project rows balance, the parenthesised −0.40 is overspending)', () => {
    expect(ofRule(r, 'project-balance').filter((f) => f.severity === 'error')).toEqual([]);
    expect(findingAt(r, 'overspend', '项目明细', t.addr(2, '结余结转')).actual).toBe('-0.4');
  });

  test('text in a summary line is reported with the line\'s label', () => {
    const s = validateWorkbook({ sheets: [budgetSummary({ income: '3,250.40' })] });
    const f = findingAt(s, 'text-number', '收支总表', 'B5');
    expect(f.label).toBe('收入合计');
    expect(ofRule(s, 'summary-identity')).toEqual([]);
  });

  test('text that is not a number is left out and said so, not read as 0', () => {
    const s = validateWorkbook({ sheets: [budgetSummary({ other: '见附表' })] });
    expect(ofRule(s, 'text-number')).toEqual([]);
    expect(s.notChecked).toContainEqual(expect.objectContaining({ sheet: '收支总表', cell: 'B8', reason: '“见附表”不是数字，未参与校验' }));
    // 收入合计 is then checked against the two lines that are numbers, and no longer adds up.
    expect(findingAt(s, 'summary-identity', '收支总表', 'B5').expected).toBe('3180.15');
  });
});
