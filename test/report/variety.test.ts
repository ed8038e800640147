/**
 * The report over workbooks other than the seed: a 元 table with dotted sub-item codes, a 决算
 * summary side by side, a budget summary with 其中 lines, a large generated table. Each must
 * generate without error and with every number traced to its cell.
 */
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { paragraphText, Report } from '../../src/core/report/types';
import { bigProjectWorkbook } from '../corpus/big-workbook';
import { projectSheet, RATE } from '../fixtures/project-sheet';
import { budgetSummary, finalSummary } from '../fixtures/summary-sheets';
import { reportFor } from './helpers';
import { checkReportSources } from './sources';
import { unitInfoSheet } from './fixtures';

const texts = (r: Report) => r.paragraphs.map(paragraphText);

function yuanTable() {
  return projectSheet({
    name: '项目明细',
    title: '2024年度专项资金使用情况表',
    preparer: '编制单位：某县农业农村局',
    unitLine: '金额单位：元',
    headers: ['编码', '项目名称', '年初预算数', '调增', '调减', '调整后预算数', '预算执行数', '结转结余', '执行率', '存在问题', '改进措施'],
    rows: [
      ['1', '高标准农田建设', '1,200,000.00', 300000, null, 1500000, 1380000, 120000, { v: 0.92, nf: RATE }, null, null],
      ['1.1', '田间道路', null, null, null, null, 880000, null, null, null, null],
      ['1.2', '灌溉渠系', null, null, null, null, 500000, null, null, null, null],
      ['2', '动物防疫', 400000, null, 50000, 350000, 210000, 140000, { v: 0.6, nf: RATE }, '疫苗集中采购推迟到次年', '提前编制采购计划'],
      [null, '合计', 1600000, 300000, 50000, 1850000, 1590000, 260000, { v: 1590000 / 1850000, nf: RATE }, null, null],
    ],
  }).sheet;
}

const cases: [string, WorkbookSnapshot][] = [
  ['元 table with dotted codes, 调增/调减 columns, text numbers', { sheets: [unitInfoSheet(), yuanTable()] }],
  ['budget summary with 其中 lines', { sheets: [unitInfoSheet(), budgetSummary(), yuanTable()] }],
  ['决算 summary side by side', { sheets: [unitInfoSheet(), finalSummary(), yuanTable()] }],
  ['large generated table (300 projects with sub-items)', bigProjectWorkbook(300)],
];

describe.each(cases)('%s', (_name, wb) => {
  const report = reportFor(wb);
  test('every number in the text comes from the workbook', () => {
    expect(checkReportSources(report, wb)).toEqual([]);
  });
  test('reads as a report', () => {
    expect(report.paragraphs.filter((p) => p.style === 'heading1').length).toBe(5);
    expect(texts(report).some((t) => t === '绩效管理不存在相关问题。' || /^[一二三四五六七八九十百]+是/.test(t))).toBe(true);
  });
});

test('元 amounts print in 元, sub-items by dotted code, 调减 and reasons from the sheet', () => {
  const all = texts(reportFor({ sheets: [unitInfoSheet(), yuanTable()] }));
  expect(all[all.indexOf('（1）高标准农田建设') + 1]).toBe(
    '年初预算1200000.00元，年中执行调增300000.00元，实际支出1380000.00元，执行率92.00%，结余结转120000.00元。其中田间道路880000.00元，灌溉渠系500000.00元。',
  );
  expect(all.find((t) => t.startsWith('二是动物防疫') || t.startsWith('一是动物防疫'))).toBe(
    '二是动物防疫：全年预算350000.00元，实际支出210000.00元，执行率60.00%，低于90.00%，结余结转140000.00元，年中调减50000.00元。存在问题：疫苗集中采购推迟到次年。偏差原因：【请补充：动物防疫的原因】。改进措施：提前编制采购计划。',
  );
});

test('决算 summary: income and expenditure from 本年收入合计 / 本年支出合计 and their lines', () => {
  const all = texts(reportFor({ sheets: [unitInfoSheet(), finalSummary(), yuanTable()] }));
  // A 决算 summary: the year's income is 本年收入合计, not a 预算收入.
  expect(all.find((t) => t.startsWith('2024年本年收入合计'))).toMatch(/^2024年本年收入合计1784\.00万元，其中一般公共预算财政拨款收入1523\.46万元，政府性基金预算财政拨款收入200\.00万元/);
  expect(all.find((t) => t.startsWith('2024年本年支出合计'))).toMatch(/^2024年本年支出合计1800\.00万元，其中基本支出980\.20万元，项目支出819\.80万元。年末结转和结余104\.35万元。$/);
  // The carry-over in from 年初结转和结余 makes 收入总计.
  expect(all.find((t) => t.startsWith('2024年本年收入合计'))).toMatch(/加上年初结转和结余120\.35万元，收入总计1904\.35万元。$/);
});
