/**
 * Issue #11 item 3: a workbook validate reads is a workbook highlight and report --xlsx can
 * copy. Each package below is valid OOXML (or a slip Excel tolerates) that the ExcelJS writer
 * used to fail on with JavaScript internals in the message: rows and cells without an r
 * attribute, no styles part, a shared-string index out of range, a cell past XFD1048576.
 */
import { existsSync, promises as fs } from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import { main } from '../../src/node/cli/main';
import { memoryIO } from '../../src/node/cli/io';
import { readXlsx } from '../../src/node/xlsx-reader';
import { RESULT_SHEET, SEVERITY_FILL } from '../../src/ooxml/highlight';
import { makeTempDir } from './tmp';

const tmp = makeTempDir('budget-recon-odd-');
afterAll(() => tmp.cleanup());

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const str = (t: string, r = '') => `<c${r ? ` r="${r}"` : ''} t="inlineStr"><is><t>${t}</t></is></c>`;
const num = (v: number, r = '') => `<c${r ? ` r="${r}"` : ''}><v>${v}</v></c>`;

/** A project table whose 合计 实际支出 (D5) is 10 more than its projects: one error to mark. */
const TABLE: [string, number, number, number, number][] = [
  ['村级活动场所运行经费', 100, 100, 80, 20],
  ['党员教育培训', 50, 50, 50, 0],
  ['驻村工作队经费', 30, 30, 24, 6],
  ['合计', 180, 180, 164, 26],
];
const HEADERS = ['项目名称', '年初预算', '全年预算数', '实际支出', '结余结转'];

interface Shape {
  /** Rows and cells written without r attributes. */
  noRefs?: boolean;
  noStyles?: boolean;
  /** Shared-strings part with fewer items than a cell refers to. */
  badSharedIndex?: boolean;
  /** A stray cell past the last column Excel has. */
  pastXfd?: boolean;
}

function sheetXml(shape: Shape): string {
  const cols = 'ABCDE';
  const rows: string[] = [];
  const ref = (c: number, r: number) => (shape.noRefs ? '' : `${cols[c]}${r}`);
  rows.push(`<row${shape.noRefs ? '' : ' r="1"'}>${HEADERS.map((h, c) => str(h, ref(c, 1))).join('')}${shape.pastXfd ? str('备注', 'XFE1') : ''}</row>`);
  TABLE.forEach((row, i) => {
    const r = i + 2;
    const cells = row.map((v, c) => (typeof v === 'string' ? str(v, ref(c, r)) : num(v, ref(c, r))));
    rows.push(`<row${shape.noRefs ? '' : ` r="${r}"`}>${cells.join('')}</row>`);
  });
  if (shape.badSharedIndex) rows.push(`<row r="7"><c r="A7" t="s"><v>99</v></c><c r="B7" t="s"><v>0</v></c></row>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${R}"><sheetData>${rows.join('')}</sheetData></worksheet>`;
}

async function oddPackage(file: string, shape: Shape): Promise<void> {
  const zip = new JSZip();
  const overrides = [
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
  ];
  const rels = [`<Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/>`];
  if (!shape.noStyles) {
    zip.file('xl/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`);
    overrides.push('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>');
    rels.push(`<Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/>`);
  }
  if (shape.badSharedIndex) {
    zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>说明</t></si></sst>`);
    overrides.push('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>');
    rels.push(`<Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  zip.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="项目支出明细" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  zip.file('xl/worksheets/sheet1.xml', sheetXml(shape));
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
}

/**
 * The solid fill of the cell at (row, col), found as Excel finds it: rows and cells by their r
 * attribute or, without one, by their order; then cellXfs[s].fillId in the styles part.
 */
function fillAt(sheet: string, styles: string, row: number, col: number): string | undefined {
  let r = -1;
  for (const rm of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rr = /\br="(\d+)"/.exec(rm[1]);
    r = rr ? Number(rr[1]) - 1 : r + 1;
    if (r !== row) continue;
    let c = -1;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g)) {
      const cr = /\br="([A-Z]+)\d+"/.exec(cm[1]);
      c = cr ? cr[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : c + 1;
      if (c !== col) continue;
      const xf = (/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [])[Number(/\bs="(\d+)"/.exec(cm[1])?.[1] ?? 0)];
      const fillId = Number(/fillId="(\d+)"/.exec(xf)?.[1] ?? 0);
      const fill = (/<fills\b[^>]*>([\s\S]*?)<\/fills>/.exec(styles)![1].match(/<fill\b[^>]*?(?:\/>|>[\s\S]*?<\/fill>)/g) ?? [])[fillId];
      return /patternType="solid"/.test(fill) ? /<fgColor rgb="(\w+)"/.exec(fill)?.[1] : undefined;
    }
  }
  return undefined;
}

const SHAPES: [string, Shape][] = [
  ['rows and cells without r attributes', { noRefs: true }],
  ['no styles part', { noStyles: true }],
  ['a shared-string index out of range', { badSharedIndex: true }],
  ['a cell past XFD1048576', { pastXfd: true }],
  ['all of these at once', { noRefs: true, noStyles: true, badSharedIndex: true }],
];

describe.each(SHAPES)('a workbook with %s', (label, shape) => {
  const file = path.join(tmp.dir, `${label.replace(/\W+/g, '-')}.xlsx`);
  const marked = file.replace(/\.xlsx$/, '-标注.xlsx');
  const reportCopy = file.replace(/\.xlsx$/, '-报告.xlsx');

  beforeAll(() => oddPackage(file, shape));

  test('validate finds the slip; highlight marks it and keeps every value', async () => {
    const v = memoryIO(tmp.dir);
    expect(await main(['validate', file, '--format', 'json'], v)).toBe(1);
    const findings = JSON.parse(v.stdout.join('')).findings as { sheet: string; cell: string; severity: string }[];
    expect(findings.some((f) => f.cell === 'D5' && f.severity === 'error')).toBe(true);

    const io = memoryIO(tmp.dir);
    expect(await main(['highlight', file, '-o', marked], io)).toBe(1);
    expect(io.stderr.join('')).toBe('');
    expect(existsSync(marked)).toBe(true);

    // Read back from the XML itself: ExcelJS cannot load these packages at all.
    const zip = await JSZip.loadAsync(await fs.readFile(marked));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(fillAt(sheet, styles, 4, 3)).toBe(SEVERITY_FILL.error);
    // Neighbours are not filled with it.
    expect(fillAt(sheet, styles, 4, 1)).toBeUndefined();
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbook).toContain(`<sheet name="${RESULT_SHEET}"`);

    const a = await readXlsx(file);
    const b = await readXlsx(marked);
    expect(b.sheets.map((s) => [s.name, s.values, s.rowOffset, s.colOffset])).toEqual(a.sheets.map((s) => [s.name, s.values, s.rowOffset, s.colOffset]));
  });

  test('report --xlsx adds the 自评报告 sheet', async () => {
    const io = memoryIO(tmp.dir);
    expect(await main(['report', file, '--xlsx', reportCopy], io)).toBe(1);
    expect(io.stderr.join('')).toBe('');
    const copy = await readXlsx(reportCopy, { includeOwnedSheets: true });
    expect(copy.sheets.map((s) => s.name)).toEqual(['项目支出明细', '自评报告']);
  });
});

describe('a sheet whose part is missing from the package (issue #11 item 4)', () => {
  const seed = path.join(__dirname, '..', '..', 'samples', '2023-石峰区委组织部-预算对账.xlsx');
  const damaged = path.join(tmp.dir, '缺表.xlsx');
  const onlySheet = path.join(tmp.dir, '只缺一张表.xlsx');

  beforeAll(async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(seed));
    zip.remove('xl/worksheets/sheet2.xml'); // 收支情况
    await fs.writeFile(damaged, await zip.generateAsync({ type: 'nodebuffer' }));
    const one = await JSZip.loadAsync(await fs.readFile(path.join(tmp.dir, 'no-styles-part.xlsx')));
    one.remove('xl/worksheets/sheet1.xml');
    await fs.writeFile(onlySheet, await one.generateAsync({ type: 'nodebuffer' }));
  });

  test('is a warning naming the sheet, and the other sheets are still checked', async () => {
    const io = memoryIO(tmp.dir);
    expect(await main(['validate', damaged, '--format', 'json'], io)).toBe(1);
    const { findings } = JSON.parse(io.stdout.join('')) as { findings: { rule: string; sheet: string; severity: string; message: string }[] };
    const lost = findings.filter((f) => f.rule === 'unreadable-sheet');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ sheet: '收支情况', severity: 'warning' });
    expect(lost[0].message).toMatch(/工作表“收支情况”无法读取（文件中缺少其内容（xl\/worksheets\/sheet2\.xml））/);
    expect(findings.some((f) => f.sheet === '项目支出明细' && f.severity === 'error')).toBe(true);
    // The copy can still be written; the lost sheet's finding is listed on 校验结果.
    const marked = path.join(tmp.dir, '缺表-标注.xlsx');
    expect(await main(['highlight', damaged, '-o', marked], memoryIO(tmp.dir))).toBe(1);
    const result = (await readXlsx(marked, { includeOwnedSheets: true })).sheets.find((s) => s.name === RESULT_SHEET)!;
    expect(result.values.flat()).toContain('收支情况');
  });

  test('when it was the only sheet, the message names it instead of calling the workbook empty', async () => {
    const io = memoryIO(tmp.dir);
    expect(await main(['validate', onlySheet], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/工作表 “项目支出明细”（文件中缺少其内容（xl\/worksheets\/sheet1\.xml））无法读取/);
    expect(io.stderr.join('')).not.toMatch(/没有任何数据/);
  });
});
