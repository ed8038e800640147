import { readFileSync } from 'fs';
import * as path from 'path';
import { readXlsx } from '../../src/node/xlsx-reader';
import { UserError } from '../../src/node/errors';
import { makeTempDir } from './tmp';
import { writeOddWorkbook } from './odd-workbook';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

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
