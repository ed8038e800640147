/**
 * Issue #11: changes that once left `npm test` green, each caught here by a realistic case (the seed sample or
 * a table laid out as units lay theirs out). Every test below was run against its mutation and failed.
 */
import { validateWorkbook } from '../../src/core';
import { auditText } from '../../src/core/audit';
import { generateReport } from '../../src/core/report';
import { paragraphText } from '../../src/core/report/types';
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { seedWorkbook } from '../../src/samples/seed-workbook';

const projects = (rows: (string | number | null)[][]): WorkbookSnapshot => ({
  sheets: [
    {
      name: '项目支出明细',
      values: [
        ['2024年度项目支出明细表', null, null, null, null, null],
        [null, null, null, null, null, '单位：万元'],
        ['序号', '项目名称', '全年预算数', '实际支出', '结余结转', '执行率'],
        ...rows,
      ],
    },
  ],
});

test('执行率 typed as a percent number at an exact tie rounds half-up (88.545% is 88.55, not 88.54)', () => {
  // 177.09 ÷ 200 = 0.88545 exactly; 88.55 typed as a number (the slow path of the rate rule).
  const r = validateWorkbook(projects([[1, '乡村振兴项目', 200, 177.09, 22.91, 88.55], [2, '业务培训项目', 100, 95, 5, 95], [null, '合计', 300, 272.09, 27.91, null]]));
  expect(r.findings.filter((f) => f.rule === 'rate')).toEqual([]);
});

test('the audit rounds a share half-up at a tie: 1.00 of 8.00 is 12.5%, shown 13% when the text says 20%', () => {
  const f = auditText(['支出合计8.00万元，其中培训费1.00万元，占20%。']).findings.find((x) => x.rule === 'share');
  expect(f?.message).toContain('应为13%');
});

test('the audit\'s sum allowance counts every figure\'s half unit (10.0 = 5.00 + 4.95 holds)', () => {
  // |10.0 − 9.95| = 0.05 ≤ ½·0.1 + ½·0.01 + ½·0.01 = 0.06: a rounding residue, never an error.
  expect(auditText(['项目支出10.0万元，其中人员经费5.00万元，公用经费4.95万元。']).findings.filter((x) => x.severity === 'error')).toEqual([]);
});

test('idle funds are a project\'s, never the 合计 row\'s (the seed\'s 合计 runs at 86%)', () => {
  const r = validateWorkbook(seedWorkbook());
  expect(r.findings.filter((f) => f.rule === 'idle-funds' && f.cell.endsWith('28'))).toEqual([]);
});

test('one blank row inside a project list does not end it: the projects below and the 合计 are still read and checked', () => {
  const wb = seedWorkbook();
  const s = wb.sheets.find((x) => x.name === '项目支出明细')!;
  // A row inserted as Excel inserts one: values, formulas and formats all move down.
  s.values.splice(22, 0, s.values[22].map(() => null));
  s.formulas?.splice(22, 0, []);
  s.numberFormats?.splice(22, 0, []);
  const r = validateWorkbook(wb);
  const table = r.model.projectTables[0];
  expect(table.rows.some((row) => row.label.startsWith('区直部门代理记账'))).toBe(true);
  // The seed's 合计 slips are still found on their (moved) row.
  expect(r.findings.filter((f) => f.rule === 'subtotal' && f.severity === 'error').map((f) => f.cell).sort()).toEqual(['F29', 'G29', 'I29']);
});

test('spending 0.10 over budget is an overspend (the allowance is half a unit of each figure, not a hundred times that)', () => {
  // No 结余结转 stated: only the spend-over-budget check can see it. 200.05 − 199.95 = 0.10 > 0.005 + 0.005.
  const over = validateWorkbook(projects([[1, '乡村振兴项目', 199.95, 200.05, null, null], [null, '合计', 199.95, 200.05, null, null]]));
  expect(over.findings.filter((f) => f.rule === 'overspend' && /4$/.test(f.cell)).length).toBe(1);
  // A negative 结余结转 of 0.10 likewise.
  const negative = validateWorkbook(projects([[1, '乡村振兴项目', 199.95, 199.95, -0.1, null], [null, '合计', 199.95, 199.95, -0.1, null]]));
  expect(negative.findings.filter((f) => f.rule === 'overspend' && f.cell === 'E4').length).toBe(1);
});

test('the report prints a derived 执行率 at two decimals (业务性专项经费 16.53 ÷ 18.67 = 88.54%)', () => {
  const r = validateWorkbook(seedWorkbook());
  const text = generateReport(r.model, { findings: r.findings }).paragraphs.map(paragraphText).join('\n');
  expect(text).toContain('执行率88.54%');
});

describe('结余结转 = 收入合计 − 支出合计, with 上年结转 added only where it is not already in 收入合计', () => {
  const summary = (rows: (string | number | null)[][]): WorkbookSnapshot => ({
    sheets: [{ name: '收支情况', values: [['2024年度收支情况表', null], [null, '单位：万元'], ['项目', '金额'], ...rows] }],
  });
  const errors = (wb: WorkbookSnapshot) => validateWorkbook(wb).findings.filter((f) => f.rule === 'summary-identity' && f.severity === 'error');
  it('上年结转 as a 其中 line of 收入合计: 200 − 180 = 20', () => {
    expect(errors(summary([['收入合计', 200], ['其中：年初预算', 150], ['上年结转', 50], ['支出合计', 180], ['基本支出', 100], ['项目支出', 80], ['结余结转', 20]]))).toEqual([]);
  });
  it('上年结转 beside 收入合计: 150 − 180 + 50 = 20', () => {
    expect(errors(summary([['上年结转', 50], ['收入合计', 150], ['其中：年初预算', 150], ['支出合计', 180], ['基本支出', 100], ['项目支出', 80], ['结余结转', 20]]))).toEqual([]);
  });
});

describe('其中 lists in prose (mutation spot-check survivors)', () => {
  it('one 其中 item larger than its whole says so', () => {
    const f = auditText(['支出合计100万元，其中基本支出120万元。']).findings.find((x) => x.rule === 'parts-sum');
    expect(f?.message).toContain('其中数大于总数');
  });
  it('a list well short of its whole (60%), no known breakdown, may be a selection: a notice, not a warning', () => {
    const fs = auditText(['资金总额100万元，其中培训费30万元，会议费30万元。']).findings.filter((x) => x.rule === 'parts-sum');
    expect(fs.map((x) => x.severity)).toEqual(['info']);
  });
});

test('spending exactly the budget is no overspend, also where the figures carry a float residue (the slow path)', () => {
  // Both figures are formula results =120.1+30.2, cached as 150.29999999999998: fully spent, not over.
  const residue = 120.1 + 30.2;
  const r = validateWorkbook(projects([[1, '乡村振兴项目', residue, residue, 0, 1], [2, '业务培训项目', 100, 95, 5, 0.95], [null, '合计', 250.3, 245.3, 5, null]]));
  expect(r.findings.filter((f) => f.rule === 'overspend')).toEqual([]);
  // One cent more is.
  const over = validateWorkbook(projects([[1, '乡村振兴项目', residue, residue + 0.01, -0.01, 1.0001], [2, '业务培训项目', 100, 95, 5, 0.95], [null, '合计', 250.3, 245.31, 4.99, null]]));
  expect(over.findings.filter((f) => f.rule === 'overspend' && /4$/.test(f.cell)).length).toBe(1);
});

test('two blank rows between groups of projects do not end the list either', () => {
  const wb = seedWorkbook();
  const s = wb.sheets.find((x) => x.name === '项目支出明细')!;
  // Rows inserted as Excel inserts them: values, formulas and formats all move down.
  for (let k = 0; k < 2; k++) {
    s.values.splice(22, 0, s.values[22].map(() => null));
    s.formulas?.splice(22, 0, []);
    s.numberFormats?.splice(22, 0, []);
  }
  const r = validateWorkbook(wb);
  expect(r.model.projectTables[0].rows.some((row) => row.label.startsWith('区直部门代理记账'))).toBe(true);
  expect(r.findings.filter((f) => f.rule === 'subtotal' && f.severity === 'error').map((f) => f.cell).sort()).toEqual(['F30', 'G30', 'I30']);
});

test('a project a hundred times the size of the others is a large project, not a unit slip', () => {
  // A 2,000 万元 construction project among 20 万元 training and office lines: all balances hold.
  const r = validateWorkbook(projects([
    [1, '学校新建工程', 2000, 1900, 100, 0.95],
    [2, '业务培训项目', 20, 19, 1, 0.95],
    [3, '办公设备购置', 18, 18, 0, 1],
    [4, '党建活动经费', 22, 21, 1, 0.9545],
    [5, '档案整理经费', 19, 19, 0, 1],
    [6, '宣传经费', 21, 20, 1, 0.9524],
    [null, '合计', 2100, 1997, 103, null],
  ]));
  expect(r.findings.filter((f) => f.rule === 'unit-suspect')).toEqual([]);
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
});
