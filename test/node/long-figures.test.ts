/**
 * Issue #11 item 5: a number cell whose <v> holds more digits than a double keeps (a file written by a
 * script or an export) is read with every digit; Excel's own 17-digit form of a double is read as the double.
 */
import JSZip from 'jszip';
import { readOoxml } from '../../src/ooxml/reader';
import { validateWorkbook } from '../../src/core/validate';

const str = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
const num = (ref: string, v: string) => `<c r="${ref}" s="1"><v>${v}</v></c>`;

/** A 元 project table as an export tool writes it: inline strings, numbers with every digit it has. */
async function exportPackage(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="项目支出" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  );
  zip.file(
    'xl/styles.xml',
    '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="4"/></cellXfs></styleSheet>',
  );
  const rows = [
    [str('A1', '2024年度项目支出执行情况表')],
    [str('E2', '金额单位：元')],
    [str('A3', '序号'), str('B3', '项目名称'), str('C3', '全年预算数'), str('D3', '实际支出'), str('E3', '结余结转')],
    [num('A4', '1'), str('B4', '政务云租赁'), num('C4', '1250000'), num('D4', '1200000'), num('E4', '50000')],
    // 结余结转 should be 100000000000000000000000000000.12.
    [num('A5', '2'), str('B5', '信息化建设'), num('C5', '123456789012345678901234567890.12'), num('D5', '23456789012345678901234567890'), num('E5', '100000000000000000000000000000.02')],
    // 0.40000000000000002 is how Excel writes the double nearest 0.4: 415000.4 − 400000 − 15000.4 holds.
    [num('A6', '3'), str('B6', '网络安全等级保护'), num('C6', '415000.40000000002'), num('D6', '400000'), num('E6', '15000.400000000001')],
  ];
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.map((r, i) => `<row r="${i + 1}">${r.join('')}</row>`).join('')}</sheetData></worksheet>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('number cells with more digits than a double keeps', () => {
  test('the reader keeps the digits of the 30-digit cells only, in the snapshot\'s coordinates', async () => {
    const s = (await readOoxml(await exportPackage())).sheets[0];
    expect(s.values[4][2]).toBe(Number('123456789012345678901234567890.12'));
    expect(s.exactNumbers?.[4]?.[2]).toBe('123456789012345678901234567890.12');
    expect(s.exactNumbers?.[4]?.[3]).toBe('23456789012345678901234567890');
    expect(s.exactNumbers?.[4]?.[4]).toBe('100000000000000000000000000000.02');
    // Excel's 17-digit forms of doubles are doubles.
    expect(s.exactNumbers?.[5]?.[2]).toBeUndefined();
    expect(s.exactNumbers?.[5]?.[4]).toBeUndefined();
  });

  test('validation shows every digit in the finding and its fix', async () => {
    const r = validateWorkbook(await readOoxml(await exportPackage()));
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.cell)).toEqual(['E5']);
    expect(errors[0].message).toBe('信息化建设：结余结转应为 100000000000000000000000000000.12 元，表中为 100000000000000000000000000000.02 元，相差 0.10 元');
    expect(errors[0].fix?.message).toBe('将 E5 改为 100000000000000000000000000000.12');
  });
});
