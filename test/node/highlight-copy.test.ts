import ExcelJS from 'exceljs';
import * as path from 'path';
import { Finding, NotChecked } from '../../src/core/findings';
import { SheetSnapshot } from '../../src/core/snapshot';
import { promises as fs } from 'fs';
import { highlightPackage, RESULT_SHEET, SEVERITY_FILL } from '../../src/ooxml/highlight';
import { SAMPLE_FILES, samplesDir } from '../../src/node/make-samples';
import { readXlsx } from '../../src/node/xlsx-reader';
import { makeTempDir } from './tmp';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const SAMPLE = path.join(samplesDir(), SAMPLE_FILES.seed);

function finding(partial: Partial<Finding> & Pick<Finding, 'sheet' | 'cell' | 'severity' | 'rule'>): Finding {
  return {
    id: `${partial.rule}:${partial.sheet}!${partial.cell}`,
    related: [],
    message: `${partial.label ?? '某行'}：应为 416.47 万元，表中为 434.35 万元，相差 17.88 万元`,
    messageEn: 'mismatch',
    ...partial,
  };
}

const FINDINGS: Finding[] = [
  finding({
    rule: 'summary-identity',
    severity: 'error',
    sheet: '收支情况',
    cell: 'B9',
    label: '基本支出',
    expected: '416.47',
    actual: '434.35',
    difference: '17.88',
    unit: '万元',
    fix: { sheet: '收支情况', cell: 'B9', value: '416.47', clears: 2, findingIds: [], message: '将 B9 改为 416.47 可消除 2 项差异', messageEn: '' },
  }),
  finding({ rule: 'subtotal', severity: 'warning', sheet: '收支情况', cell: 'B9', label: '基本支出' }),
  finding({ rule: 'idle-funds', severity: 'warning', sheet: '项目支出明细', cell: 'H21', label: '驻村工作队员待遇保障' }),
  finding({ rule: 'text-number', severity: 'info', sheet: '项目支出明细', cell: 'H24', label: '村党组织书记' }),
];
const NOT_CHECKED: NotChecked[] = [
  { rule: 'cross-sheet', sheet: '收支情况', check: '收入合计 = 年初预算 + 调整追加', reason: '缺少对应行', reasonEn: 'missing line' },
];

function userCells(sheets: SheetSnapshot[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of sheets) {
    if (s.name === RESULT_SHEET) continue;
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const f = s.formulas?.[r]?.[c] ?? null;
        if (v !== null || f) out[`${s.name}!${(s.rowOffset ?? 0) + r},${(s.colOffset ?? 0) + c}`] = JSON.stringify([v, f, s.numberFormats?.[r]?.[c]]);
      }),
    );
  }
  return out;
}

describe('highlightPackage', () => {
  const out = path.join(tmp.dir, 'marked.xlsx');
  let marked: ExcelJS.Workbook;

  beforeAll(async () => {
    const { data, stats } = await highlightPackage(await fs.readFile(SAMPLE), { findings: FINDINGS, notChecked: NOT_CHECKED });
    expect(stats).toEqual({ cellsMarked: 3, findings: 4, missingCells: 0 });
    await fs.writeFile(out, data);
    marked = new ExcelJS.Workbook();
    await marked.xlsx.readFile(out);
  });

  test('fills each flagged cell with the colour of its most severe finding', () => {
    const fill = (sheet: string, cell: string) => (marked.getWorksheet(sheet)!.getCell(cell).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(fill('收支情况', 'B9')).toBe(SEVERITY_FILL.error);
    expect(fill('项目支出明细', 'H21')).toBe(SEVERITY_FILL.warning);
    expect(fill('项目支出明细', 'H24')).toBe(SEVERITY_FILL.info);
    // Cells sharing B9's style in the source must not be filled along with it.
    expect(fill('收支情况', 'B10')).toBeUndefined();
    expect(fill('收支情况', 'B8')).toBeUndefined();
    expect(fill('项目支出明细', 'H20')).toBeUndefined();
  });

  test('puts every message of a cell, and its fix, in the note', () => {
    const note = marked.getWorksheet('收支情况')!.getCell('B9').note;
    const text = typeof note === 'string' ? note : note!.texts!.map((t) => t.text).join('');
    expect(text).toContain('【错误·收支总表勾稽】基本支出：应为 416.47 万元');
    expect(text).toContain('建议：将 B9 改为 416.47 可消除 2 项差异');
    expect(text).toContain('【警告·合计与明细】');
    expect(text.indexOf('【错误')).toBeLessThan(text.indexOf('【警告'));
  });

  test('lists every finding on the 校验结果 sheet with a link to its cell', () => {
    const ws = marked.getWorksheet(RESULT_SHEET)!;
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '级别', '规则', '工作表', '单元格', '项目/行', '应为', '表中', '差额', '单位', '说明', '建议修正']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const first = ws.getRow(2);
    expect(first.getCell(2).value).toBe('错误');
    expect(first.getCell(4).value).toBe('收支情况');
    expect(first.getCell(5).formula).toBe('HYPERLINK("#\'收支情况\'!B9","B9")');
    expect(first.getCell(7).value).toBe(416.47);
    expect(first.getCell(12).value).toBe('将 B9 改为 416.47 可消除 2 项差异');
    const links = [2, 3, 4, 5].map((r) => ws.getRow(r).getCell(5).formula);
    expect(links).toContain('HYPERLINK("#\'项目支出明细\'!H21","H21")');
    const texts = ws.getSheetValues().flat().filter((v) => typeof v === 'string');
    expect(texts).toContain('未能检查的项目（1 项）');
    expect(texts).toContain('收入合计 = 年初预算 + 调整追加');
  });

  test('leaves every user cell value, formula and number format unchanged', async () => {
    const before = await readXlsx(SAMPLE);
    const after = await readXlsx(out, { includeOwnedSheets: true });
    expect(Object.keys(userCells(after.sheets)).length).toBeGreaterThan(200);
    expect(userCells(after.sheets)).toEqual(userCells(before.sheets));
    expect(after.sheets.map((s) => s.name)).toEqual([...before.sheets.map((s) => s.name), RESULT_SHEET]);
  });

  test('replaces a 校验结果 sheet already in the source instead of adding a second', async () => {
    const { data } = await highlightPackage(await fs.readFile(out), { findings: FINDINGS.slice(0, 1), notChecked: [] });
    const again = path.join(tmp.dir, 'again.xlsx');
    await fs.writeFile(again, data);
    const snap = await readXlsx(again, { includeOwnedSheets: true });
    expect((await readXlsx(again)).sheets.map((s) => s.name)).not.toContain(RESULT_SHEET);
    expect(snap.sheets.filter((s) => s.name === RESULT_SHEET)).toHaveLength(1);
    const result = snap.sheets.find((s) => s.name === RESULT_SHEET)!;
    expect(result.values.filter((r) => typeof r[0] === 'number')).toHaveLength(1);
  });
});
