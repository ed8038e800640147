import { validateWorkbook } from '../../../src/core/validate';
import { findingAt, ofRule } from '../../fixtures/findings';
import { FS, projectSheet, RATE } from '../../fixtures/project-sheet';

/** A county water bureau's project table in 万元, single-row header, one slip per identity. */
function waterBureau(overrides: { carryOut3?: number | string; budget5?: number; carryOut5?: number } = {}) {
  return projectSheet({
    name: 'Sheet1',
    title: '2024年度项目支出执行情况表',
    preparer: '编制单位：某县水利局',
    unitLine: '单位：万元',
    headers: ['序号', '项目名称', '上年结转结余', '年初预算数', '年中调整数', '全年预算数', '实际支出', '结余结转', '执行率'],
    formats: { 序号: '0', 执行率: RATE },
    rows: [
      [1, '防汛抗旱专项经费', 12.3, 150, 20, 182.3, 170.15, 12.15, 0.9333],
      [2, '动物防疫经费', '—', 80, -5, 75, 74.2, 0.8, 0.9893],
      // 结余结转 typed with two digits swapped: 2.06 for 2.60.
      [3, '乡村振兴衔接资金', 8, 300, 45.6, 353.6, 351, overrides.carryOut3 ?? 2.06, 0.9926],
      [4, '农机购置补贴', null, 60, null, 60, 58, 2, 0.9667],
      // 全年预算数 115 where the sources give 105; 结余结转 follows the stated 115.
      [5, '小型水库维修养护', 10, 90, 5, overrides.budget5 ?? 115, 100, overrides.carryOut5 ?? 15, null],
    ],
    footer: ['注：全年预算数＝上年结转结余＋年初预算数＋年中调整数。'],
  });
}

describe('project-balance: 全年预算数 from its sources and 结余结转 = 全年预算数 − 实际支出', () => {
  const t = waterBureau();
  const result = validateWorkbook({ sheets: [t.sheet] });

  test('a transposed 结余结转 is an error on that cell, naming the project, with expected/actual/difference', () => {
    const f = findingAt(result, 'project-balance', 'Sheet1', 'H6');
    expect(t.addr(2, '结余结转')).toBe('H6');
    expect(f).toMatchObject({ severity: 'error', expected: '2.6', actual: '2.06', difference: '-0.54', unit: '万元', label: '乡村振兴衔接资金' });
    expect(f.message).toBe('乡村振兴衔接资金：结余结转应为 2.60 万元，表中为 2.06 万元，相差 0.54 万元');
    expect(f.related.map((r) => r.cell)).toEqual(['F6', 'G6']);
    expect(f.equation?.parts.map((p) => p.weight)).toEqual([1, -1]);
    expect(f.fix).toMatchObject({ cell: 'H6', value: '2.6', clears: 1 });
  });

  test('a 全年预算数 that disagrees with 上年结转 + 年初预算 + 年中调整 is flagged on the budget cell', () => {
    const f = findingAt(result, 'project-balance', 'Sheet1', t.addr(4, '全年预算数'));
    expect(f.cell).toBe('F8');
    expect(f).toMatchObject({ severity: 'error', expected: '105', actual: '115', difference: '10', label: '小型水库维修养护' });
    expect(f.message).toContain('小型水库维修养护：全年预算数应为 105.00 万元，表中为 115.00 万元');
    expect(f.related.map((r) => r.cell)).toEqual(['C8', 'D8', 'E8']);
  });

  test('a negative 年中调整 (调减 folded into one column) is added with its sign: no finding on 动物防疫经费', () => {
    expect(result.findings.filter((f) => f.rule === 'project-balance' && f.label === '动物防疫经费')).toEqual([]);
  });

  test('rows that balance give nothing: exactly two findings in the table', () => {
    expect(ofRule(result, 'project-balance').map((f) => f.cell).sort()).toEqual(['F8', 'H6']);
  });

  test('a correct table gives no project-balance finding', () => {
    const ok = validateWorkbook({ sheets: [waterBureau({ carryOut3: 2.6, budget5: 105, carryOut5: 5 }).sheet] });
    expect(ofRule(ok, 'project-balance')).toEqual([]);
  });

  test('a one-cent difference within the rounding allowance is a notice (尾差), not an error', () => {
    // 8 + 300 + 45.6 = 353.6; 353.60 − 351.00 = 2.60; 2.61 is within (1+2)×0.005 = 0.015.
    const r = validateWorkbook({ sheets: [waterBureau({ carryOut3: 2.61, budget5: 105, carryOut5: 5 }).sheet] });
    const f = findingAt(r, 'project-balance', 'Sheet1', 'H6');
    expect(f.severity).toBe('info');
    expect(f.tolerance).toBe('0.015');
    expect(f.message).toContain('尾差');
    expect(r.findings.filter((x) => x.severity === 'error').map((x) => x.message)).toEqual([]);
    // Two cents is beyond it.
    const r2 = validateWorkbook({ sheets: [waterBureau({ carryOut3: 2.62, budget5: 105, carryOut5: 5 }).sheet] });
    expect(findingAt(r2, 'project-balance', 'Sheet1', 'H6').severity).toBe('error');
  });

  test('a user tolerance overrides the rounding rule', () => {
    const r = validateWorkbook({ sheets: [t.sheet] }, { tolerance: '1' });
    expect(findingAt(r, 'project-balance', 'Sheet1', 'H6').severity).toBe('info');
    expect(findingAt(r, 'project-balance', 'Sheet1', 'F8').severity).toBe('error');
  });
});

/** An agriculture bureau in 元: two-row header with 资金来源 over separate 调增 and 调减 columns, at C7. */
function agriculture(rows: (string | number | null)[][]) {
  return projectSheet({
    name: '表3',
    title: '2024年度部门项目支出预算执行情况表',
    preparer: '编制单位：某县农业农村局',
    unitLine: '金额单位：元',
    headers: ['序号', '项目名称', '上年结转', '年初预算数', '调增', '调减', '全年预算数', '执行数', '结余结转'],
    group: { label: '资金来源', from: 2, to: 5 },
    formats: { 序号: '@' },
    rows,
    at: { row: 6, col: 2 },
  });
}

describe('project-balance with separate 调增 / 调减 columns, figures in 元 stored as text', () => {
  const t = agriculture([
    ['1', '高标准农田建设', 100000, '2,000,000.00', 500000, 100000, 2500000, '2,400,000.00', 100000],
    // 调减 typed as a negative number is already signed.
    ['2', '农村人居环境整治', null, 800000, null, -50000, 750000, 700000, 50000],
    // The 调减 was added instead of subtracted: 0 + 600,000 + 0 + 30,000 = 630,000 stated.
    ['3', '耕地地力保护补贴', null, 600000, null, 30000, 630000, 570000, 60000],
  ]);
  const result = validateWorkbook({ sheets: [t.sheet] });

  test('the table is read at C7 with its two-row header', () => {
    expect(result.model.projectTables).toHaveLength(1);
    expect(result.model.projectTables[0].unit).toBe('元');
    expect(t.addr(0, '全年预算数')).toBe('I11');
  });

  test('positive 调减 subtracts, negative 调减 is already signed: only 耕地地力保护补贴 is wrong', () => {
    const list = ofRule(result, 'project-balance');
    expect(list.map((f) => f.cell)).toEqual([t.addr(2, '全年预算数')]);
    const f = list[0];
    expect(f).toMatchObject({ severity: 'error', expected: '570000', actual: '630000', difference: '60000', unit: '元', label: '耕地地力保护补贴' });
    expect(f.message).toContain('耕地地力保护补贴：全年预算数应为 570000.00 元');
    expect(f.equation?.parts.map((p) => [p.label, p.weight])).toEqual([
      ['年初预算数', 1],
      ['调减', -1],
    ]);
    expect(f.related.map((r) => r.cell)).toEqual([t.addr(2, '年初预算数'), t.addr(2, '调减')]);
  });

  test('text figures (2,000,000.00) take part in the identities', () => {
    const bad = agriculture([['1', '高标准农田建设', 100000, '2,000,000.00', 500000, 100000, 2500000, '2,400,000.00', 90000]]);
    const r = validateWorkbook({ sheets: [bad.sheet] });
    const f = findingAt(r, 'project-balance', '表3', bad.addr(0, '结余结转'));
    expect(f).toMatchObject({ expected: '100000', actual: '90000' });
  });
});

describe('project-balance: blank means not reported', () => {
  test('a blank 实际支出 ("—") does not read as 0: 结余结转 is not checked against it', () => {
    const t = projectSheet({
      name: '项目表',
      unitLine: '单位：万元',
      headers: ['项目名称', '年初预算数', '全年预算数', '实际支出', '结余结转'],
      rows: [
        ['电子政务运维', 50, 50, '—', 12],
        ['档案数字化', 30, 30, null, 5],
      ],
    });
    const r = validateWorkbook({ sheets: [t.sheet] });
    expect(ofRule(r, 'project-balance')).toEqual([]);
  });

  test('a blank source is left out of 全年预算数 rather than counted as 0 (and the rest still adds up)', () => {
    const t = projectSheet({
      name: '项目表',
      unitLine: '单位：万元',
      headers: ['项目名称', '上年结转', '年初预算数', '全年预算数', '实际支出', '结余结转'],
      rows: [['电子政务运维', '-', 50, 50.01, 50.01, 0]],
    });
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'project-balance', '项目表', t.addr(0, '全年预算数'));
    // One part (年初预算) only: allowance ½·0.01 + ½·0.01 = 0.01, so a cent is a notice.
    expect(f.equation?.parts).toHaveLength(1);
    expect(f.severity).toBe('info');
  });

  test('without a 全年预算数 column, 结余结转 is checked against the sources minus spending', () => {
    const t = projectSheet({
      name: '项目表',
      unitLine: '单位：万元',
      headers: ['项目名称', '上年结转结余', '年初预算数', '实际支出', '结余结转'],
      rows: [
        ['电子政务运维', 4.5, 50, 48.2, 6.3],
        [`其中：${FS}机房维护`, null, null, 20, null],
      ],
    });
    const r = validateWorkbook({ sheets: [t.sheet] });
    expect(ofRule(r, 'project-balance')).toEqual([]);
    const wrong = projectSheet({
      name: '项目表',
      unitLine: '单位：万元',
      headers: ['项目名称', '上年结转结余', '年初预算数', '实际支出', '结余结转'],
      rows: [['电子政务运维', 4.5, 50, 48.2, 6.8]],
    });
    const f = findingAt(validateWorkbook({ sheets: [wrong.sheet] }), 'project-balance', '项目表', 'E3');
    expect(f).toMatchObject({ severity: 'error', expected: '6.3', actual: '6.8', difference: '0.5', label: '电子政务运维' });
    expect(f.equation?.formula).toBe('结余结转 = 上年结转结余 + 年初预算数 − 实际支出');
  });
});
