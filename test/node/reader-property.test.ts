/**
 * Random grids written to .xlsx, read back by both readers: the direct reader and the
 * ExcelJS path must agree with each other and with the grid that was written.
 */
import fc from 'fast-check';
import * as path from 'path';
import { CellValue, SheetSnapshot } from '../../src/core/snapshot';
import { loadXlsx, readXlsx } from '../../src/node/xlsx-reader';
import { snapshotToWorkbook } from '../../src/node/xlsx-writer';
import { makeTempDir } from './tmp';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

/** Characters an .xlsx can carry as they are (no control characters, lone surrogates or _xHHHH_ lookalikes). */
function xmlSafe(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  if (ch === '_') return false;
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code < 0xd800 || code > 0xdfff;
}

const text = fc.oneof(
  fc.constantFrom('项目名称', '合计', '其中：村级办公经费', '\u3000\u3000春节慰问费', 'A&B <c> "q" \'s\'', '1,234.50', '（12.00）', '—', '#N/A text', ' 前后空格 ', '第一行\n第二行', 'Windows\r\n换行', '制表\t符'),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && [...s].every(xmlSafe)),
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((d) => Math.round(d * 100) / 100 + 0) }, // + 0: no -0, which a file cannot hold
  { weight: 1, arbitrary: fc.integer({ min: -100000, max: 100000 }) },
  { weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom('#REF!', '#DIV/0!', '#VALUE!') },
);

const sheetArb = fc
  .record({
    rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
    rowOffset: fc.integer({ min: 0, max: 3 }),
    colOffset: fc.integer({ min: 0, max: 3 }),
    formulaEvery: fc.integer({ min: 2, max: 5 }),
    hidden: fc.boolean(),
  })
  .filter((s) => s.rows.some((r) => r.some((v) => v !== null)));

function toSnapshot(s: { rows: CellValue[][]; rowOffset: number; colOffset: number; formulaEvery: number }, name: string): SheetSnapshot {
  let k = 0;
  const formulas = s.rows.map((row) => row.map((v) => (typeof v === 'number' && ++k % s.formulaEvery === 0 ? `=ROUND(${v},2)` : null)));
  const numberFormats = s.rows.map((row) => row.map((v) => (typeof v === 'number' ? '#,##0.00' : 'General')));
  return { name, rowOffset: s.rowOffset, colOffset: s.colOffset, values: s.rows, formulas, numberFormats, merges: [], hiddenRows: [] };
}

/** What a reader should give back for a written grid: the used range trimmed to what holds something. */
function nonBlankCells(s: SheetSnapshot): Map<string, [CellValue, string | null]> {
  const out = new Map<string, [CellValue, string | null]>();
  s.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const f = s.formulas?.[r]?.[c] ?? null;
      if (v === null && !f) return;
      // ExcelJS writes a CR unescaped, and XML reads CR LF as LF; Excel itself escapes it as _x000D_.
      out.set(`${(s.rowOffset ?? 0) + r},${(s.colOffset ?? 0) + c}`, [typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v, f]);
    }),
  );
  return out;
}

test('both readers give back exactly the grid that was written', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(sheetArb, { minLength: 1, maxLength: 3 }), async (sheets) => {
      const snapshot = { sheets: sheets.map((s, i) => ({ ...toSnapshot(s, `表${i + 1}`), hidden: s.hidden && i > 0 })) };
      const file = path.join(tmp.dir, `random-${n++}.xlsx`);
      await snapshotToWorkbook(snapshot, { boldTitle: false }).xlsx.writeFile(file);
      const fast = await readXlsx(file);
      const { snapshot: slow } = await loadXlsx(file);
      expect(fast).toEqual(slow);
      expect(fast.sheets.map((s) => [s.name, s.hidden])).toEqual(snapshot.sheets.map((s) => [s.name, s.hidden]));
      fast.sheets.forEach((s, i) => expect(nonBlankCells(s)).toEqual(nonBlankCells(snapshot.sheets[i])));
    }),
    { numRuns: 40 },
  );
}, 120000);
