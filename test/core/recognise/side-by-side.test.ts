/** Two project tables side by side on one sheet are two tables (issue #9): a slip in the right one is found. */
import { validateWorkbook } from '../../../src/core/validate';
import { buildSheet, CellSpec } from '../../../src/samples/sheet-builder';

const header = ['序号', '项目名称', '全年预算数', '实际支出', '结余结转'];
const rows = (rightCarryOut: number): CellSpec[][] => [
  ['2023年项目支出执行情况（一般公共预算）', null, null, null, null, null, '2023年项目支出执行情况（政府性基金）', null, null, null, null],
  ['单位：万元', null, null, null, null, null, null, null, null, null, null],
  [...header, null, ...header],
  [1, '党员教育培训', 45.5, 44.32, 1.18, null, 1, '城乡社区公共设施维护', 120, 96.4, rightCarryOut],
  [2, '基层党建示范点', 30, 30, 0, null, 2, '农村人居环境整治', 80, 80, 0],
  ['合计', null, 75.5, 74.32, 1.18, null, '合计', null, 200, 176.4, 23.6],
];

test('a correct pair of tables raises nothing, and the sheet holds two tables', () => {
  const r = validateWorkbook({ sheets: [buildSheet({ name: '项目', rows: rows(23.6) })] });
  expect(r.model.projectTables.length).toBe(2);
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
});

test("the right-hand table's slip is found at its cell", () => {
  const r = validateWorkbook({ sheets: [buildSheet({ name: '项目', rows: rows(32.6) })] });
  const cells = r.findings.filter((f) => f.severity === 'error').map((f) => f.cell);
  expect(cells).toContain('K4');
  expect(r.notChecked.filter((n) => /出现 2 次/.test(n.reason))).toEqual([]);
});
