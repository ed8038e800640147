/**
 * Issue #11 item 3: the highlighted copy (and the report copy) is the user's workbook with
 * marks. On a macro-enabled workbook with a chart, a chart sheet, a pivot table, an Excel
 * table, data validation, conditional formats, defined names and a note, every part the marks
 * do not touch comes back byte for byte, the touched parts keep everything they held, and
 * LibreOffice reads the same objects from the copy as from the original.
 */
import { spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import { existsSync, promises as fs } from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import { main } from '../../src/node/cli/main';
import { memoryIO } from '../../src/node/cli/io';
import { readXlsx } from '../../src/node/xlsx-reader';
import { RESULT_SHEET, SEVERITY_FILL } from '../../src/ooxml/highlight';
import { NOTE_SEPARATOR } from '../../src/ooxml/notes';
import { richWorkbook, USER_NOTE } from './rich-workbook';
import { makeTempDir } from './tmp';

const tmp = makeTempDir('budget-recon-copy-');
afterAll(() => tmp.cleanup());

const ORIGINAL = path.join(tmp.dir, '预算（含宏）.xlsm');
const MARKED = path.join(tmp.dir, '标注.xlsm');
const REPORT = path.join(tmp.dir, '报告副本.xlsm');

async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const out = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) out.set(name, await entry.async('nodebuffer'));
  return out;
}

const text = (m: Map<string, Buffer>, name: string) => m.get(name)!.toString('utf8');
/** The direct children of a block, e.g. the <xf> of cellXfs. */
const blockItems = (xml: string, block: string, item: string) =>
  (new RegExp(`<${block}\\b[^>]*>([\\s\\S]*?)</${block}>`).exec(xml)?.[1] ?? '').match(new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, 'g')) ?? [];

let before: Map<string, Buffer>;
let marked: Map<string, Buffer>;
let reportCopy: Map<string, Buffer>;

beforeAll(async () => {
  await fs.writeFile(ORIGINAL, await richWorkbook());
  const io = memoryIO(tmp.dir);
  expect(await main(['highlight', ORIGINAL, '-o', MARKED], io)).toBe(1);
  expect(io.stderr.join('')).toBe('');
  const io2 = memoryIO(tmp.dir);
  expect(await main(['report', ORIGINAL, '--xlsx', REPORT], io2)).toBe(1);
  expect(io2.stderr.join('')).toBe('');
  [before, marked, reportCopy] = await Promise.all([parts(ORIGINAL), parts(MARKED), parts(REPORT)]);
}, 60000);

describe('the highlighted copy of a workbook with charts, a pivot table, a table and VBA', () => {
  /** The parts the marks may change: the marked sheets, their notes, styles, and where the new sheet is registered. */
  const mayChange = (name: string) =>
    /^xl\/worksheets\/sheet[23]\.xml$/.test(name) ||
    /^xl\/worksheets\/_rels\/sheet[23]\.xml\.rels$/.test(name) ||
    /^xl\/comments\d*\.xml$/.test(name) ||
    /^xl\/drawings\/vmlDrawing\d*\.vml$/.test(name) ||
    ['xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'].includes(name);

  test('every part of the original is in the copy, and every part the marks do not touch is identical', () => {
    const changed: string[] = [];
    for (const [name, bytes] of before) {
      expect(marked.has(name)).toBe(true);
      if (marked.get(name)!.equals(bytes)) continue;
      changed.push(name);
      expect({ name, mayChange: mayChange(name) }).toEqual({ name, mayChange: true });
    }
    // The macro project, the pivot cache, the charts and the table among the untouched.
    for (const kept of ['xl/vbaProject.bin', 'xl/pivotTables/pivotTable1.xml', 'xl/pivotCache/pivotCacheRecords1.xml', 'xl/charts/chart1.xml', 'xl/chartsheets/sheet1.xml', 'xl/tables/table1.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet4.xml']) {
      expect(marked.get(kept)!.equals(before.get(kept)!)).toBe(true);
    }
    expect(changed).toEqual(expect.arrayContaining(['xl/styles.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml', 'xl/workbook.xml']));
    // Added: the 校验结果 sheet, and notes for the project sheet, which had none.
    const added = [...marked.keys()].filter((n) => !before.has(n)).sort();
    expect(added).toEqual(['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/worksheets/_rels/sheet3.xml.rels', 'xl/worksheets/sheet6.xml']);
  });

  test('the marked sheets keep their validation, conditional formats and every cell value and formula', async () => {
    const sheet3 = text(before, 'xl/worksheets/sheet3.xml');
    const copy3 = text(marked, 'xl/worksheets/sheet3.xml');
    for (const block of ['dataValidations', 'conditionalFormatting', 'mergeCells', 'sheetViews', 'cols']) {
      const m = new RegExp(`<${block}\\b[\\s\\S]*?</${block}>`).exec(sheet3);
      if (m) expect(copy3).toContain(m[0]);
    }
    expect(sheet3).toContain('<dataValidations');
    expect(sheet3).toContain('<conditionalFormatting');
    // Apart from style attributes, new empty marked cells and the notes' drawing, the part is unchanged.
    const normalise = (xml: string) => xml.replace(/ s="\d+"/g, '').replace(/<c r="[A-Z]+\d+"\/>/g, '').replace(/<legacyDrawing [^>]*\/>/, '').replace(/ spans="[^"]*"/g, '');
    expect(normalise(copy3)).toBe(normalise(sheet3));
    const a = await readXlsx(ORIGINAL);
    const b = await readXlsx(MARKED);
    expect(b.sheets.map((s) => ({ name: s.name, values: s.values, formulas: s.formulas, numberFormats: s.numberFormats }))).toEqual(
      a.sheets.map((s) => ({ name: s.name, values: s.values, formulas: s.formulas, numberFormats: s.numberFormats })),
    );
  });

  test('styles are only appended to: every existing format keeps its index', () => {
    const s0 = text(before, 'xl/styles.xml');
    const s1 = text(marked, 'xl/styles.xml');
    for (const [block, item] of [['cellXfs', 'xf'], ['fonts', 'font'], ['fills', 'fill'], ['borders', 'border'], ['cellStyleXfs', 'xf'], ['dxfs', 'dxf']]) {
      const old = blockItems(s0, block, item);
      expect(blockItems(s1, block, item).slice(0, old.length)).toEqual(old);
    }
    expect(blockItems(s1, 'cellXfs', 'xf').length).toBeGreaterThan(blockItems(s0, 'cellXfs', 'xf').length);
  });

  test('the workbook part keeps its names and pivot caches and gains one sheet', () => {
    const w0 = text(before, 'xl/workbook.xml');
    const w1 = text(marked, 'xl/workbook.xml');
    expect(w1).toContain(/<pivotCaches>[\s\S]*?<\/pivotCaches>/.exec(w0)![0]);
    for (const name of w0.match(/<definedName\b[^>]*>[^<]*<\/definedName>/g)!) expect(w1).toContain(name);
    const sheets = (xml: string) => [...xml.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(sheets(w1)).toEqual([...sheets(w0), RESULT_SHEET]);
  });

  test('marks and notes are where the findings are, and the user note is kept', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(MARKED)) as unknown as ExcelJS.Buffer);
    const b9 = wb.getWorksheet('收支情况')!.getCell('B9');
    expect((b9.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(SEVERITY_FILL.error);
    const note = typeof b9.note === 'string' ? b9.note : b9.note!.texts!.map((t) => t.text).join('');
    expect(note.startsWith(USER_NOTE)).toBe(true);
    expect(note).toContain(NOTE_SEPARATOR);
    expect(note).toContain('基本支出');
    // B9 keeps its number format and font (only the fill changed).
    const original = new ExcelJS.Workbook();
    await original.xlsx.load((await fs.readFile(ORIGINAL)) as unknown as ExcelJS.Buffer);
    const o9 = original.getWorksheet('收支情况')!.getCell('B9');
    expect(b9.numFmt).toBe(o9.numFmt);
    expect(b9.font).toEqual(o9.font);
    const h23 = wb.getWorksheet('项目支出明细')!.getCell('H23');
    expect((h23.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(SEVERITY_FILL.warning);
    expect(wb.getWorksheet(RESULT_SHEET)!.getCell('A1').value).toBe('序号');
  });

  test('the report copy adds its sheet the same way and keeps every other part', () => {
    for (const [name, bytes] of before) {
      expect(reportCopy.has(name)).toBe(true);
      if (!['xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'].includes(name)) {
        expect({ name, same: reportCopy.get(name)!.equals(bytes) }).toEqual({ name, same: true });
      }
    }
    expect([...reportCopy.keys()].filter((n) => !before.has(n))).toEqual(['xl/worksheets/sheet6.xml']);
    expect(text(reportCopy, 'xl/workbook.xml')).toContain('name="自评报告"');
  });

  test('a copy named .xlsx for a macro-enabled workbook is refused before anything is written', async () => {
    const io = memoryIO(tmp.dir);
    const target = path.join(tmp.dir, 'wrong.xlsx');
    expect(await main(['highlight', ORIGINAL, '-o', target], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/启用宏的工作簿，副本须以 \.xlsm 结尾/);
    expect(existsSync(target)).toBe(false);
  });
});

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
if (!SOFFICE) console.warn('LibreOffice check skipped: soffice not found (apt-get install -y libreoffice-calc-nogui)');
const describeIfOffice = SOFFICE ? describe : describe.skip;

/** What LibreOffice reads from a workbook: its sheets and the objects it recognised. */
async function officeView(file: string): Promise<Record<string, unknown>> {
  const out = path.join(tmp.dir, `lo-${path.basename(file)}`);
  await fs.mkdir(out, { recursive: true });
  const r = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${tmp.dir}/lo-profile`, '--headless', '--convert-to', 'ods', '--outdir', out, file], { encoding: 'utf8', timeout: 120000 });
  const ods = path.join(out, path.basename(file).replace(/\.\w+$/, '.ods'));
  expect({ converted: existsSync(ods), stderr: existsSync(ods) ? '' : r.stderr }).toEqual({ converted: true, stderr: '' });
  const content = await (await JSZip.loadAsync(await fs.readFile(ods))).file('content.xml')!.async('string');
  const count = (re: RegExp) => (content.match(re) ?? []).length;
  return {
    sheets: [...content.matchAll(/<table:table table:name="([^"]+)"/g)].map((m) => m[1]),
    charts: count(/<draw:object /g),
    pivotTables: [...content.matchAll(/<table:data-pilot-table table:name="([^"]+)"/g)].map((m) => m[1]),
    validations: count(/<table:content-validation /g),
    conditionalFormats: count(/<calcext:conditional-format /g),
    tables: [...content.matchAll(/<table:database-range table:name="([^"]+)"/g)].map((m) => m[1]).filter((n) => !n.startsWith('__')),
    names: [...content.matchAll(/<table:named-range table:name="([^"]+)"/g)].map((m) => m[1]),
    notes: count(/<office:annotation\b/g),
  };
}

describeIfOffice('LibreOffice opens the copy and finds everything the original has', () => {
  test('charts, pivot table, table, validation, conditional formats, names; plus our sheet and notes', async () => {
    const original = await officeView(ORIGINAL);
    const copy = await officeView(MARKED);
    expect(original).toMatchObject({ charts: 2, pivotTables: ['数据透视表1'], tables: ['资产表'], validations: 1, conditionalFormats: 1, notes: 1 });
    expect(copy).toEqual({
      ...original,
      sheets: [...(original.sheets as string[]), RESULT_SHEET],
      // One note per marked cell; B9's is the user's, extended.
      notes: expect.any(Number),
    });
    expect(copy.notes as number).toBeGreaterThan(5);
  }, 240000);
});
