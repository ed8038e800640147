import { validateWorkbook } from '../../../src/core/validate';
import { findingAt, ofRule } from '../../fixtures/findings';
import { projectSheet } from '../../fixtures/project-sheet';

function table(spend1: number | string, carry1: number | string | null) {
  return projectSheet({
    name: '民政项目',
    title: '2024年度民政局项目支出表',
    preparer: '编制单位：某县民政局',
    unitLine: '单位：万元',
    headers: ['序号', '项目名称', '上年结转', '年初预算数', '全年预算数', '实际支出', '结余结转'],
    formats: { 序号: '0' },
    rows: [
      [1, '城乡低保资金', 12.5, 600, 612.5, spend1, carry1],
      [2, '临时救助资金', null, 80, 80, 76.4, 3.6],
    ],
  });
}

describe('overspend: spending above the year\'s budget and negative 结余结转', () => {
  test('spending 630.20 against a budget of 612.50 is an error on the spending cell', () => {
    const t = table(630.2, -17.7);
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'overspend', '民政项目', t.addr(0, '实际支出'));
    expect(f.cell).toBe('F4');
    expect(f).toMatchObject({ severity: 'error', expected: '612.5', actual: '630.2', difference: '17.7', unit: '万元', label: '城乡低保资金' });
    expect(f.message).toBe('城乡低保资金：实际支出 630.20 万元 超过全年预算 612.50 万元，超支 17.70 万元');
    expect(f.related.map((x) => x.cell)).toEqual(['E4']);
    const neg = findingAt(r, 'overspend', '民政项目', 'G4');
    expect(neg).toMatchObject({ severity: 'error', actual: '-17.7', label: '城乡低保资金' });
    expect(neg.message).toBe('城乡低保资金：结余结转为负数（-17.70 万元），支出超过了可用资金');
  });

  test('a parenthesised negative 结余结转 stored as text ("(17.70)") is read as negative', () => {
    const t = table(630.2, '(17.70)');
    const r = validateWorkbook({ sheets: [t.sheet] });
    expect(findingAt(r, 'overspend', '民政项目', 'G4').actual).toBe('-17.7');
  });

  test('spending exactly the budget, or within rounding of it, is fine', () => {
    expect(ofRule(validateWorkbook({ sheets: [table(612.5, 0).sheet] }), 'overspend')).toEqual([]);
    // 612.505 shown to two decimals is 612.50 or 612.51: rounding, not overspending.
    expect(ofRule(validateWorkbook({ sheets: [table(612.51, -0.01).sheet] }), 'overspend').filter((f) => f.cell === 'F4')).toEqual([]);
  });

  test('a blank 实际支出 is not overspending', () => {
    expect(ofRule(validateWorkbook({ sheets: [table('—', null).sheet] }), 'overspend')).toEqual([]);
  });
});
