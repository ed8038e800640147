import { validateWorkbook } from '../../../src/core/validate';
import { findingAt, ofRule } from '../../fixtures/findings';
import { projectSheet, RATE } from '../../fixtures/project-sheet';

/** 执行率 as fractions shown 0.00% (the usual Excel way). */
function fractions(rate1: number | string | null, rate3: number | string | null = '—') {
  return projectSheet({
    name: '执行情况',
    title: '2024年度项目预算执行率统计表',
    unitLine: '单位：万元',
    headers: ['项目名称', '年初预算数', '年中调整', '全年预算数', '执行数', '执行率'],
    formats: { 执行率: RATE },
    rows: [
      ['防汛抗旱专项经费', 150, 32.3, 182.3, 170.15, rate1],
      ['动物防疫经费', 80, -5, 75, 74.2, 0.9893],
      ['退休人员抚恤金', 0, 0, 0, 0, rate3],
    ],
  });
}

describe('rate: a stated 执行率 against 执行数 ÷ 全年预算数', () => {
  test('a rate computed on 年初预算 instead of 全年预算数 is an error with the right rate and a fix', () => {
    const t = fractions(1.1343);
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'rate', '执行情况', t.addr(0, '执行率'));
    expect(f.cell).toBe('F4');
    expect(f).toMatchObject({ severity: 'error', actual: '1.1343', unit: '%', label: '防汛抗旱专项经费' });
    expect(f.expected).toBe('0.933352');
    expect(f.message).toBe('防汛抗旱专项经费：执行率应为 93.34%（170.15 ÷ 182.30），表中为 113.43%');
    expect(f.related.map((x) => x.cell)).toEqual(['E4', 'D4']);
    expect(f.fix).toMatchObject({ cell: 'F4', value: '0.9334' });
  });

  test('a correct table gives no rate finding; 全年预算数 = 0 with "—" is right', () => {
    const r = validateWorkbook({ sheets: [fractions(0.9334).sheet] });
    expect(ofRule(r, 'rate')).toEqual([]);
  });

  test('a last-digit difference that rounding of the amounts explains is a notice', () => {
    // 170.15 ÷ 182.30 = 0.9333516…; 0.9333 is off by 0.000052, within ½·10⁻⁴ plus what the amounts'
    // half cents can move the quotient (≈ 0.000053); 0.9335 (off by 0.000148) is not.
    const f = findingAt(validateWorkbook({ sheets: [fractions(0.9333).sheet] }), 'rate', '执行情况', 'F4');
    expect(f.severity).toBe('info');
    expect(f.message).toContain('四舍五入');
    expect(findingAt(validateWorkbook({ sheets: [fractions(0.9335).sheet] }), 'rate', '执行情况', 'F4').severity).toBe('error');
  });

  test('全年预算数 = 0: 0.00% is a warning (should be —), any other rate an error', () => {
    const zero = findingAt(validateWorkbook({ sheets: [fractions(0.9334, 0).sheet] }), 'rate', '执行情况', 'F6');
    expect(zero).toMatchObject({ severity: 'warning', label: '退休人员抚恤金' });
    expect(zero.message).toBe('退休人员抚恤金：全年预算数为 0，执行率无意义，应填“—”而不是 0.00%');
    const other = findingAt(validateWorkbook({ sheets: [fractions(0.9334, 1).sheet] }), 'rate', '执行情况', 'F6');
    expect(other.severity).toBe('error');
    expect(other.message).toContain('表中却为 100.00%');
  });

  test('a blank rate is not checked', () => {
    expect(ofRule(validateWorkbook({ sheets: [fractions(null).sheet] }), 'rate')).toEqual([]);
  });
});

describe('rate stored as percent numbers (95.54) under 执行率(%)', () => {
  const make = (rate: number | string) =>
    projectSheet({
      name: 'Sheet1',
      unitLine: '金额单位：元',
      headers: ['项目名称', '全年预算数', '实际支出', '结余结转', '执行率(%)'],
      numberFormat: '#,##0.00',
      rows: [
        ['老干部专项经费', 1313100, 1254500, 58600, rate],
        ['春节慰问费', 88600, 88600, 0, 100],
      ],
    });

  test('read as fractions; a wrong one is fixed in the sheet\'s own form (95.54, not 0.9554)', () => {
    const r = validateWorkbook({ sheets: [make(95.54).sheet] });
    expect(r.model.projectTables[0].rateAsPercentNumber).toBe(true);
    expect(r.model.projectTables[0].rows[0].amounts.executionRate?.value.toFixed()).toBe('0.9554');
    expect(ofRule(r, 'rate')).toEqual([]);
    const bad = validateWorkbook({ sheets: [make(59.54).sheet] });
    const f = findingAt(bad, 'rate', 'Sheet1', 'E3');
    expect(f).toMatchObject({ severity: 'error', actual: '0.5954', label: '老干部专项经费' });
    expect(f.message).toContain('执行率应为 95.54%');
    expect(f.fix?.value).toBe('95.54');
  });

  test('text percentages ("95.54%") read as fractions too', () => {
    const r = validateWorkbook({ sheets: [make('95.54%').sheet] });
    expect(ofRule(r, 'rate')).toEqual([]);
    expect(ofRule(r, 'text-number').map((f) => f.cell)).toEqual(['E3']);
  });
});

describe('rate fixes follow each cell\'s own form', () => {
  test('in a column mixing 0.00%-formatted fractions and typed percent numbers, each fix is in its cell\'s form', () => {
    const t = projectSheet({
      name: '混合',
      unitLine: '单位：万元',
      headers: ['项目名称', '全年预算数', '实际支出', '执行率'],
      rows: [
        ['会议费', 10, 8, 70],
        ['培训费', 20, 18, { v: 0.8, nf: RATE }],
      ],
    });
    const r = validateWorkbook({ sheets: [t.sheet] });
    expect(findingAt(r, 'rate', '混合', 'D3').fix?.value).toBe('80');
    expect(findingAt(r, 'rate', '混合', 'D4').fix?.value).toBe('0.9');
  });
});
