import { validateWorkbook } from '../../../src/core/validate';
import { findingAt, ofRule } from '../../fixtures/findings';
import { projectSheet } from '../../fixtures/project-sheet';
import { budgetSummary, finalSummary } from '../../fixtures/summary-sheets';

/** Projects of the bureau whose summary says 项目支出 1800.30 万元. */
function projects(unit: '万元' | '元', spend2: number) {
  const k = unit === '元' ? 10000 : 1;
  return projectSheet({
    name: '项目明细',
    title: '2024年度项目支出明细表',
    unitLine: unit === '元' ? '金额单位：元' : '单位：万元',
    headers: ['序号', '项目名称', '全年预算数', '实际支出', '结余结转'],
    formats: { 序号: '0' },
    rows: [
      [1, '高标准农田建设', 1000 * k, 980.3 * k, 19.7 * k],
      [2, '农村人居环境整治', 900 * k, spend2 * k, (900 - spend2) * k],
    ],
  });
}

describe('cross-sheet: the summary 项目支出 against the project table (identity 11)', () => {
  test('agreeing figures give nothing, also when the project table is in 元 and the summary in 万元', () => {
    for (const unit of ['万元', '元'] as const) {
      const r = validateWorkbook({ sheets: [budgetSummary(), projects(unit, 820).sheet] });
      expect(ofRule(r, 'cross-sheet')).toEqual([]);
    }
  });

  test('a summary 项目支出 that disagrees is an error on the summary cell, naming both sheets', () => {
    const t = projects('万元', 802);
    const r = validateWorkbook({ sheets: [budgetSummary(), t.sheet] });
    const f = findingAt(r, 'cross-sheet', '收支总表', 'B14');
    expect(f).toMatchObject({ severity: 'error', expected: '1782.3', actual: '1800.3', difference: '18', unit: '万元', label: '收支总表“项目支出”' });
    expect(f.message).toBe('收支总表“项目支出”：项目支出应为 1782.30 万元，表中为 1800.30 万元，相差 18.00 万元');
    expect(f.related.map((x) => `${x.sheet}!${x.cell}`)).toEqual([`项目明细!${t.addr(0, '实际支出')}`, `项目明细!${t.addr(1, '实际支出')}`]);
  });

  test('from a 元 table the figures are converted: 18,003,000 元 = 1800.30 万元, 17,823,000 元 is not', () => {
    const r = validateWorkbook({ sheets: [projects('元', 802).sheet, budgetSummary()] });
    const f = findingAt(r, 'cross-sheet', '收支总表', 'B14');
    expect(f.expected).toBe('1782.3');
    expect(f.message).toContain('应为 1782.30 万元');
  });

  test('with a single 合计 row the table total stands for the projects', () => {
    const t = projectSheet({
      name: '项目明细',
      unitLine: '单位：万元',
      headers: ['项目名称', '全年预算数', '实际支出'],
      rows: [
        ['高标准农田建设', 1000, 980.3],
        ['农村人居环境整治', 900, 820],
        ['合计', 1900, 1800.3],
      ],
    });
    const r = validateWorkbook({ sheets: [t.sheet, budgetSummary({ project: 1810.3, expenditure: 3020.9, carryOut: 229.5 })] });
    const f = findingAt(r, 'cross-sheet', '收支总表', 'B14');
    expect(f.related.map((x) => x.cell)).toEqual([t.addr(2, '实际支出')]);
    expect(f.expected).toBe('1800.3');
  });

  test('the same quantity on two summary sheets must agree (基本支出 in 收支总表 and 财决01表)', () => {
    const budget = budgetSummary({ basic: 980.2, wages: 700, subsidies: 100, publicFunds: 180.2, expenditure: 1800, project: 819.8, carryOut: 1450.4 });
    const final = finalSummary({ expenditure: { '一、基本支出': 990.2, '二、项目支出': 809.8 } });
    const r = validateWorkbook({ sheets: [budget, final] });
    // The 决算 figure is the reference, whatever the sheet order: the budget summary's cell is flagged.
    const f = findingAt(r, 'cross-sheet', '收支总表', 'B10');
    expect(f).toMatchObject({ severity: 'error', expected: '990.2', actual: '980.2', label: '收支总表“基本支出”' });
    expect(f.message).toBe('收支总表“基本支出”：基本支出应为 990.20 万元，表中为 980.20 万元，相差 10.00 万元');
    expect(f.related).toEqual([expect.objectContaining({ sheet: '财决01表', cell: 'F7' })]);
    const reversed = validateWorkbook({ sheets: [final, budget] });
    expect(ofRule(reversed, 'cross-sheet').map((x) => `${x.sheet}!${x.cell}`)).toEqual(ofRule(r, 'cross-sheet').map((x) => `${x.sheet}!${x.cell}`));
    const ok = validateWorkbook({ sheets: [budget, finalSummary()] });
    expect(ofRule(ok, 'cross-sheet')).toEqual([]);
  });

  test('without a summary the check is reported as not made', () => {
    const r = validateWorkbook({ sheets: [projects('万元', 820).sheet] });
    expect(ofRule(r, 'cross-sheet')).toEqual([]);
    expect(r.notChecked).toContainEqual(expect.objectContaining({ rule: 'cross-sheet', reason: '工作簿中没有识别到收支总表' }));
  });
});

describe('cross-sheet within rounding', () => {
  test('three projects adding to 1800.31 against a stated 1800.30 is a 尾差 notice, not an error', () => {
    const t = projectSheet({
      name: '项目明细',
      unitLine: '单位：万元',
      headers: ['项目名称', '全年预算数', '实际支出'],
      rows: [
        ['高标准农田建设', 1000, 980.31],
        ['农村人居环境整治', 500, 420],
        ['耕地地力保护补贴', 400, 400],
      ],
    });
    const r = validateWorkbook({ sheets: [budgetSummary(), t.sheet] });
    const f = findingAt(r, 'cross-sheet', '收支总表', 'B14');
    expect(f).toMatchObject({ severity: 'info', expected: '1800.31', actual: '1800.3', difference: '-0.01', tolerance: '0.02' });
    expect(f.message).toContain('在四舍五入尾差范围内');
  });
});
