import { validateWorkbook } from '../../../src/core/validate';
import { CellSpec } from '../../../src/samples/sheet-builder';
import { findingAt, ofRule } from '../../fixtures/findings';
import { FS, projectSheet } from '../../fixtures/project-sheet';
import { budgetSummary } from '../../fixtures/summary-sheets';

/** Rows 4–9; the 合计 on row 9 sums rows 4, 7 and 8 (the 其中 rows are sub-items of row 4). */
function table(totalSpend: CellSpec, totalBudget: CellSpec = { v: 330, f: 'B4+B7+B8' }, parentSpend: CellSpec = { v: 150, f: 'C5+C6' }) {
  return projectSheet({
    name: '项目表',
    title: '2024年度项目支出表',
    unitLine: '单位：万元',
    headers: ['项目名称', '全年预算数', '实际支出'],
    rows: [
      ['农村公路养护', 160, parentSpend],
      ['其中：县道养护', null, 100],
      [`${FS}${FS}乡道养护`, null, 50],
      ['客运站运营补贴', 120, 110],
      ['道路应急抢险', 50, 40],
      ['合计', totalBudget, totalSpend],
    ],
  });
}

describe('hardcoded-total: a total typed as a constant where its neighbours are formulas', () => {
  test('the 合计 row\'s 实际支出 typed as 300 beside a =SUM 全年预算数 is a notice on that cell', () => {
    const t = table(300);
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'hardcoded-total', '项目表', t.addr(5, '实际支出'));
    expect(f.cell).toBe('C9');
    expect(f).toMatchObject({ severity: 'info', actual: '300', label: '合计行' });
    expect(f.message).toBe('合计行：实际支出 C9 是手工输入的数字，而相邻的合计是公式；明细变动后它不会自动更新');
    expect(ofRule(r, 'hardcoded-total')).toHaveLength(1);
  });

  test('all totals as formulas, or all as constants, give nothing', () => {
    expect(ofRule(validateWorkbook({ sheets: [table({ v: 300, f: 'C4+C7+C8' }).sheet] }), 'hardcoded-total')).toEqual([]);
    expect(ofRule(validateWorkbook({ sheets: [table(300, 330, 150).sheet] }), 'hardcoded-total')).toEqual([]);
  });

  test('a parent typed as a constant among formula parents', () => {
    const t = projectSheet({
      name: '项目表',
      unitLine: '单位：万元',
      headers: ['项目编码', '项目名称', '全年预算数', '实际支出'],
      formats: { 项目编码: '@' },
      rows: [
        ['1', '学生资助', 120, { v: 118.05, f: 'D4+D5' }],
        ['1.1', '生活补助', null, 68],
        ['1.2', '营养改善', null, 50.05],
        ['2', '校舍维修', 30, 29.8],
        ['2.1', '屋面防水', null, 20],
        ['2.2', '围墙修缮', null, 9.8],
      ],
    });
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'hardcoded-total', '项目表', t.addr(3, '实际支出'));
    expect(f.label).toBe('校舍维修');
    expect(ofRule(r, 'hardcoded-total')).toHaveLength(1);
  });
});

describe('hardcoded-total in a summary', () => {
  test('支出合计 typed as a constant where 收入合计 and 基本支出 are =SUM formulas', () => {
    const sheet = budgetSummary({ income: { v: 3250.4, f: 'SUM(B6:B8)' }, basic: { v: 1210.6, f: 'SUM(B11:B13)' } });
    const r = validateWorkbook({ sheets: [sheet] });
    const f = findingAt(r, 'hardcoded-total', '收支总表', 'B9');
    expect(f).toMatchObject({ severity: 'info', label: '支出合计' });
    expect(f.message).toContain('支出合计：支出合计 B9 是手工输入的数字');
    expect(ofRule(r, 'hardcoded-total').map((x) => x.cell)).toEqual(['B9']);
    expect(ofRule(validateWorkbook({ sheets: [budgetSummary()] }), 'hardcoded-total')).toEqual([]);
  });
});
