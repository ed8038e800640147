import { Finding } from '../../../src/core/findings';
import { WorkbookSnapshot } from '../../../src/core/snapshot';
import { validateWorkbook } from '../../../src/core/validate';
import { seedWorkbook } from '../../../src/samples/seed-workbook';
import { projectSheet, withOffset } from '../../fixtures/project-sheet';

const key = (f: Finding, rename: Record<string, string> = {}) => `${f.rule}|${rename[f.sheet] ?? f.sheet}!${f.cell}|${f.severity}|${f.expected ?? ''}|${f.actual ?? ''}`;

describe('recognition by content, not by sheet name or position', () => {
  const base = validateWorkbook(seedWorkbook());

  test('renamed sheets in reverse order give the same findings at the same cells', () => {
    const names: Record<string, string> = { 单位基本情况: 'Sheet3', 收支情况: 'Sheet2', 项目支出明细: 'Sheet1' };
    const back = Object.fromEntries(Object.entries(names).map(([a, b]) => [b, a]));
    const wb: WorkbookSnapshot = { sheets: seedWorkbook().sheets.map((s) => ({ ...s, name: names[s.name] })).reverse() };
    const r = validateWorkbook(wb);
    expect(r.model.projectTables.map((t) => t.sheet)).toEqual(['Sheet1']);
    expect(r.model.summaries.map((s) => s.sheet)).toEqual(['Sheet2']);
    expect(r.model.unitInfo?.sheet).toBe('Sheet3');
    expect(r.findings.map((f) => key(f, back)).sort()).toEqual(base.findings.map((f) => key(f)).sort());
    expect(base.findings.length).toBeGreaterThan(5);
  });

  test('the table placed at C7 of a sheet is found and its cells addressed there', () => {
    const spec = {
      name: '附表2',
      title: '项目支出表',
      unitLine: '单位：万元',
      headers: ['项目名称', '全年预算数', '实际支出', '结余结转'],
      rows: [
        ['会议费', 10, 8, 3],
        ['培训费', 20, 18, 2],
      ],
    };
    const at0 = projectSheet(spec);
    const atC7 = projectSheet({ ...spec, at: { row: 6, col: 2 } });
    expect(atC7.addr(0, '结余结转')).toBe('F10');
    const r = validateWorkbook({ sheets: [atC7.sheet] });
    expect(r.model.projectTables[0].columns).toEqual({ name: 2, adjustedBudget: 3, actualSpend: 4, carryOut: 5 });
    expect(r.findings.filter((f) => f.rule === 'project-balance').map((f) => f.cell)).toEqual(['F10']);
    expect(validateWorkbook({ sheets: [at0.sheet] }).findings.filter((f) => f.rule === 'project-balance').map((f) => f.cell)).toEqual(['D4']);
  });

  test('a snapshot whose used range starts at C7 (rowOffset/colOffset) addresses the same cells as the padded sheet', () => {
    const spec = {
      name: '附表2',
      title: '项目支出表',
      unitLine: '单位：万元',
      headers: ['项目名称', '全年预算数', '实际支出', '结余结转'],
      rows: [
        ['会议费', 10, 8, 3],
        ['培训费', 20, 18, 2],
      ],
    };
    const padded = validateWorkbook({ sheets: [projectSheet({ ...spec, at: { row: 6, col: 2 } }).sheet] });
    const offset = validateWorkbook({ sheets: [withOffset(projectSheet(spec).sheet, 6, 2)] });
    expect(offset.findings.map((f) => key(f)).sort()).toEqual(padded.findings.map((f) => key(f)).sort());
    expect(offset.findings.length).toBeGreaterThan(0);
  });

  test('owned sheets (校验结果) are skipped, not read as data', () => {
    const wb = seedWorkbook();
    wb.sheets.push({ ...wb.sheets[2], name: '校验结果' });
    const r = validateWorkbook(wb);
    expect(r.model.skippedSheets).toEqual(['校验结果']);
    expect(r.findings.some((f) => f.sheet === '校验结果')).toBe(false);
  });
});
