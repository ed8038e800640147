import { validateWorkbook } from '../../../src/core/validate';
import { buildSheet } from '../../../src/samples/sheet-builder';
import { projectSheet } from '../../fixtures/project-sheet';
import { budgetSummary } from '../../fixtures/summary-sheets';

const headers = ['项目名称', '全年预算数', '实际支出'];
const rows = [['会议费', 10, 8]];

describe('the amount unit of each table', () => {
  test.each([
    ['单位：万元', '万元'],
    ['金额单位：元', '元'],
    ['单位:亿元', '亿元'],
    ['单位：人民币万元', '万元'],
    ['金额单位： 元', '元'],
    [null, '万元'],
  ])('%j gives %s', (line, unit) => {
    const t = projectSheet({ name: 'S', title: '某表', unitLine: line, headers, rows });
    const table = validateWorkbook({ sheets: [t.sheet] }).model.projectTables[0];
    expect(table.unit).toBe(unit);
    expect(table.unitRef === undefined).toBe(line === null);
  });

  test('a unit written in the headers (年初预算（元）) when no 单位 row says it', () => {
    const t = projectSheet({ name: 'S', title: '某表', headers: ['项目名称', '全年预算数（元）', '实际支出（元）'], rows });
    const table = validateWorkbook({ sheets: [t.sheet] }).model.projectTables[0];
    expect(table.unit).toBe('元');
    expect(table.columnLabels.adjustedBudget).toBe('全年预算数（元）');
  });

  test('two tables on one sheet keep their own units', () => {
    const a = projectSheet({ name: 'S', title: '表一 项目支出（本级）', unitLine: '单位：万元', headers, rows });
    const b = projectSheet({ name: 'S', title: '表二 项目支出（下属单位）', unitLine: '金额单位：元', headers, rows: [['培训费', 200000, 180000]] });
    const sheet = buildSheet({ name: 'S', rows: [] });
    sheet.values = [...a.sheet.values, [], [], ...b.sheet.values];
    sheet.formulas = [...a.sheet.formulas!, [], [], ...b.sheet.formulas!];
    sheet.numberFormats = [...a.sheet.numberFormats!, [], [], ...b.sheet.numberFormats!];
    const tables = validateWorkbook({ sheets: [sheet] }).model.projectTables;
    expect(tables.map((t) => [t.unit, t.rows.map((r) => r.label)])).toEqual([
      ['万元', ['会议费']],
      ['元', ['培训费']],
    ]);
  });

  test('sheets in different units: a 元 summary and a 万元 summary each keep theirs', () => {
    const r = validateWorkbook({ sheets: [budgetSummary({ name: '汇总（元）', unitLine: '单位：元' }), budgetSummary({ name: '汇总' })] });
    expect(r.model.summaries.map((s) => [s.sheet, s.unit])).toEqual([
      ['汇总（元）', '元'],
      ['汇总', '万元'],
    ]);
  });
});
