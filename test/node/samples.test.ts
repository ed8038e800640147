import { readFileSync } from 'fs';
import * as path from 'path';
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { SheetSnapshot } from '../../src/core/snapshot';
import { makeSamples, SAMPLE_FILES, samplesDir } from '../../src/node/make-samples';
import { readXlsx } from '../../src/node/xlsx-reader';
import { makeTempDir } from './tmp';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

/** Cell content as the core sees it: value, formula and (for non-blank cells) number format. */
function cells(sheet: SheetSnapshot): Map<string, string> {
  const out = new Map<string, string>();
  const r0 = sheet.rowOffset ?? 0;
  const c0 = sheet.colOffset ?? 0;
  sheet.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const f = sheet.formulas?.[r]?.[c] ?? null;
      if (v === null && !f) return;
      const nf = sheet.numberFormats?.[r]?.[c] ?? 'General';
      out.set(`${r0 + r},${c0 + c}`, JSON.stringify([v, f, nf]));
    }),
  );
  return out;
}

function expectSameContent(actual: SheetSnapshot[], expected: SheetSnapshot[]): void {
  expect(actual.map((s) => s.name)).toEqual(expected.map((s) => s.name));
  expected.forEach((e, i) => {
    const a = actual[i];
    expect(Object.fromEntries(cells(a))).toEqual(Object.fromEntries(cells(e)));
    expect([...(a.merges ?? [])].sort()).toEqual([...(e.merges ?? [])].sort());
  });
}

describe('bundled samples', () => {
  test.each([
    ['seed', false],
    ['corrected', true],
  ] as const)('regenerating the %s sample gives the seed workbook cell for cell', async (key, corrected) => {
    const [seedFile, correctedFile] = await makeSamples(tmp.dir);
    const file = key === 'seed' ? seedFile : correctedFile;
    const snap = await readXlsx(file);
    expectSameContent(snap.sheets, seedWorkbook({ corrected }).sheets);
  });

  test.each(Object.entries(SAMPLE_FILES))('the committed %s sample is up to date', async (key, name) => {
    const snap = await readXlsx(path.join(samplesDir(), name));
    expectSameContent(snap.sheets, seedWorkbook({ corrected: key === 'corrected' }).sheets);
  });

  test('regenerating is byte-for-byte stable, and the committed files are what `npm run samples` writes', async () => {
    const first = await makeSamples(tmp.dir);
    const bytes = first.map((f) => readFileSync(f));
    const again = await makeSamples(tmp.dir);
    again.forEach((f, i) => expect(readFileSync(f).equals(bytes[i])).toBe(true));
    Object.values(SAMPLE_FILES).forEach((name, i) => {
      expect(readFileSync(path.join(samplesDir(), name)).equals(bytes[i])).toBe(true);
    });
  });

  test('the seed and corrected samples differ where the slips are', async () => {
    const seed = await readXlsx(path.join(samplesDir(), SAMPLE_FILES.seed));
    const fixed = await readXlsx(path.join(samplesDir(), SAMPLE_FILES.corrected));
    const b9 = (s: typeof seed) => s.sheets.find((x) => x.name === '收支情况')!.values[8][1];
    expect(b9(seed)).toBe(434.35);
    expect(b9(fixed)).toBe(416.47);
  });
});
