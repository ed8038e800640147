import JSZip from 'jszip';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { readXlsx, loadXlsx } from '../../src/node/xlsx-reader';
import { readOoxml } from '../../src/ooxml/reader';
import { SAMPLE_FILES, samplesDir } from '../../src/node/make-samples';
import { snapshotToWorkbook } from '../../src/node/xlsx-writer';
import { bigProjectWorkbook } from '../corpus/big-workbook';
import { CORPUS } from '../corpus/corpus';
import { writeOddWorkbook } from '../node/odd-workbook';
import { makeTempDir } from '../node/tmp';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

/** The direct reader must give exactly the snapshot the ExcelJS path gives. */
async function expectSameAsExcelJS(file: string): Promise<void> {
  const fast = await readXlsx(file);
  const { snapshot } = await loadXlsx(file);
  expect(fast).toEqual(snapshot);
}

describe('direct OOXML reader agrees with ExcelJS', () => {
  test('on odd cells: rich text, dates, errors, shared formulas, hidden rows and sheets, offsets', async () => {
    const file = path.join(tmp.dir, 'odd.xlsx');
    await writeOddWorkbook(file);
    await expectSameAsExcelJS(file);
  });

  test.each(Object.values(SAMPLE_FILES))('on the bundled sample %s', async (name) => {
    await expectSameAsExcelJS(path.join(samplesDir(), name));
  });

  test.each(CORPUS.filter((c) => c.exit !== 2 && !c.slow).map((c) => [c.name, c] as const))('on the corpus case %s', async (_n, c) => {
    const file = path.join(tmp.dir, c.file);
    await c.write(file);
    await expectSameAsExcelJS(file);
  });

  test('on a 2,000-project table with sub-items', async () => {
    const file = path.join(tmp.dir, 'big.xlsx');
    await snapshotToWorkbook(bigProjectWorkbook(2000)).xlsx.writeFile(file);
    await expectSameAsExcelJS(file);
  });
});

/** A hand-made package in the shapes other producers write (WPS, OpenXML SDK, exports). */
async function handMadePackage(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>' +
      '<x:sheet name="预算&amp;决算" sheetId="1" r:id="rId1"/><x:sheet name="图表" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  );
  zip.file(
    'xl/styles.xml',
    '<?xml version="1.0"?><x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:numFmts count="1"><x:numFmt numFmtId="176" formatCode="#,##0.00&quot;万元&quot;"/></x:numFmts>' +
      '<x:cellStyleXfs count="1"><x:xf numFmtId="10"/></x:cellStyleXfs><x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="176"/><x:xf numFmtId="10"/></x:cellXfs></x:styleSheet>',
  );
  // Cells without r attributes, inline strings, a date cell, a cached string result, escapes.
  zip.file(
    'xl/worksheets/sheet1.xml',
    '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:cols><x:col min="1" max="2" width="20"/></x:cols><x:sheetData>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>项目名称</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:r><x:t>全年</x:t></x:r><x:r><x:t xml:space="preserve">预算数</x:t></x:r></x:is></x:c><x:c t="inlineStr"><x:is><x:t>执行率</x:t></x:is></x:c></x:row>' +
      '<x:row r="3" hidden="1"><x:c r="A3" t="inlineStr"><x:is><x:t>A&amp;B_x000D_经费</x:t></x:is></x:c><x:c r="B3" s="1"><x:v>12.5</x:v></x:c><x:c r="C3" s="2"><x:f>B3/B4</x:f><x:v>0.5</x:v></x:c></x:row>' +
      '<x:row r="4"><x:c r="A4" t="d"><x:v>2023-12-31T00:00:00</x:v></x:c><x:c r="B4" s="1"><x:v>25</x:v></x:c><x:c r="C4" t="str"><x:f>IF(B4=0,"—","有")</x:f><x:v>有</x:v></x:c><x:c r="D4" t="e"><x:v>#REF!</x:v></x:c><x:c r="E4" s="1"/></x:row>' +
      '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:A2"/></x:mergeCells></x:worksheet>',
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('direct OOXML reader on packages ExcelJS did not write', () => {
  test('reads prefixed tags, cells without addresses, inline and rich strings, dates, escapes', async () => {
    const snap = await readOoxml(await handMadePackage());
    expect(snap.sheets).toHaveLength(1); // the chart sheet is skipped
    const s = snap.sheets[0];
    expect(s.name).toBe('预算&决算');
    expect(s.values).toEqual([
      ['项目名称', '全年预算数', '执行率'],
      [],
      ['A&B\r经费', 12.5, 0.5],
      [45291, 25, '有', '#REF!'],
    ]);
    expect(s.formulas![2][2]).toBe('=B3/B4');
    expect(s.formulas![3][2]).toBe('=IF(B4=0,"—","有")');
    expect(s.numberFormats![2]).toEqual(['General', '#,##0.00"万元"', '0.00%']);
    expect(s.hiddenRows).toEqual([2]);
    expect(s.merges).toEqual(['A1:A2']);
  });

  test('through readXlsx, with the file untouched', async () => {
    const file = path.join(tmp.dir, 'hand.xlsx');
    writeFileSync(file, await handMadePackage());
    const snap = await readXlsx(file);
    expect(snap.sheets[0].values[0]).toEqual(['项目名称', '全年预算数', '执行率']);
  });
});
