import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import * as path from 'path';
import { readXlsx } from '../../src/node/xlsx-reader';
import { UserError } from '../../src/node/errors';
import { makeTempDir } from './tmp';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

/** A workbook written with ExcelJS directly, so the reader is not tested against its own writer. */
async function writeOddWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目表');
  // The used range starts at C3: rows 1-2 and columns A-B are empty.
  ws.getCell('C3').value = '2023年度项目支出表';
  ws.mergeCells('C3:F3');
  ws.getCell('C4').value = '单位：万元';
  ws.getCell('C5').value = { richText: [{ text: '项目', font: { bold: true } }, { text: '名称' }] };
  ws.getCell('D5').value = '金额';
  ws.getCell('E5').value = '日期';
  ws.getCell('C6').value = '村级办公经费';
  ws.getCell('D6').value = 45;
  ws.getCell('D6').numFmt = '#,##0.00';
  ws.getCell('E6').value = new Date(Date.UTC(2023, 11, 31));
  ws.getCell('E6').numFmt = 'yyyy-mm-dd';
  ws.getCell('C7').value = '村级党建工作经费';
  ws.getCell('D7').value = '1,234.50';
  ws.getCell('F7').value = true;
  ws.getCell('C8').value = '合计';
  ws.getCell('D8').value = { formula: 'SUM(D6:D7)', result: 1279.5 };
  ws.getCell('D8').numFmt = '#,##0.00';
  ws.getCell('E8').value = { formula: 'D8/0', result: { error: '#DIV/0!' } };
  // Shared formula: master F9, children F10:F11 (Excel writes these for filled-down formulas).
  ws.getCell('D9').value = 1;
  ws.getCell('D10').value = 2;
  ws.getCell('D11').value = 3;
  ws.getCell('F9').value = { formula: 'D9*2', result: 2, shareType: 'shared', ref: 'F9:F11' } as ExcelJS.CellFormulaValue;
  ws.getCell('F10').value = { sharedFormula: 'F9', result: 4 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('F11').value = { sharedFormula: 'F9', result: 6 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('C12').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
  ws.getCell('D12').value = { text: '链接文字', hyperlink: 'https://example.invalid' };
  ws.getRow(7).hidden = true;
  const hidden = wb.addWorksheet('隐藏表', { state: 'hidden' });
  hidden.getCell('A1').value = '内部';
  const veryHidden = wb.addWorksheet('深度隐藏', { state: 'veryHidden' });
  veryHidden.getCell('A1').value = 1;
  wb.addWorksheet('空表');
  await wb.xlsx.writeFile(file);
}

describe('readXlsx', () => {
  const file = path.join(tmp.dir, 'odd.xlsx');
  let before: Buffer;
  beforeAll(async () => {
    await writeOddWorkbook(file);
    before = readFileSync(file);
  });

  test('places the used range by its offset and reads values as Excel shows them', async () => {
    const snap = await readXlsx(file);
    const s = snap.sheets.find((x) => x.name === '项目表')!;
    expect(s.rowOffset).toBe(2);
    expect(s.colOffset).toBe(2);
    const at = (a1: string) => {
      const m = /^([A-Z])(\d+)$/.exec(a1)!;
      const r = Number(m[2]) - 1 - s.rowOffset!;
      const c = m[1].charCodeAt(0) - 65 - s.colOffset!;
      return { v: s.values[r]?.[c] ?? null, f: s.formulas?.[r]?.[c] ?? null, nf: s.numberFormats?.[r]?.[c] ?? null };
    };
    expect(at('C3').v).toBe('2023年度项目支出表');
    expect(at('C5').v).toBe('项目名称'); // rich text flattened
    expect(at('D6')).toEqual({ v: 45, f: null, nf: '#,##0.00' });
    expect(at('E6').v).toBe(45291); // 2023-12-31 as an Excel serial number
    expect(at('D7').v).toBe('1,234.50'); // text stays text for the core to judge
    expect(at('F7').v).toBe(true);
    expect(at('D8')).toEqual({ v: 1279.5, f: '=SUM(D6:D7)', nf: '#,##0.00' });
    expect(at('E8')).toMatchObject({ v: '#DIV/0!', f: '=D8/0' });
    expect(at('F9')).toMatchObject({ v: 2, f: '=D9*2' });
    expect(at('F10')).toMatchObject({ v: 4, f: '=D10*2' }); // shared formula translated
    expect(at('F11')).toMatchObject({ v: 6, f: '=D11*2' });
    expect(at('C12').v).toBe('#REF!');
    expect(at('D12').v).toBe('链接文字');
    // Merged cells other than the top-left hold nothing, as in Excel.
    expect(at('D3').v).toBeNull();
    expect(s.merges).toEqual(['C3:F3']);
    expect(s.hiddenRows).toEqual([6]);
    expect(s.hidden).toBe(false);
  });

  test('marks hidden and very hidden sheets and drops sheets with no cells', async () => {
    const snap = await readXlsx(file);
    expect(snap.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['项目表', false],
      ['隐藏表', true],
      ['深度隐藏', true],
    ]);
  });

  test('never modifies the input file', async () => {
    await readXlsx(file);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  test('a missing file is a UserError naming the file', async () => {
    const missing = path.join(tmp.dir, '不存在.xlsx');
    await expect(readXlsx(missing)).rejects.toThrow(UserError);
    await expect(readXlsx(missing)).rejects.toMatchObject({ code: 'file-not-found', zh: `找不到文件：${missing}` });
  });

  test('a folder is refused with a clear message', async () => {
    await expect(readXlsx(tmp.dir)).rejects.toMatchObject({ code: 'is-directory' });
  });
});
