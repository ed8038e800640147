/**
 * Issue #11 item 4: formulas saved without their results. A workbook written by a script keeps
 * every check (the seed sample stripped of its cached results gives the same findings), and a
 * formula that cannot be computed is listed by cell, never read as "not filled in" or blamed.
 */
import { promises as fs } from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import { evaluateUncached } from '../../src/core/formula-eval';
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { validateWorkbook } from '../../src/core/validate';
import { SAMPLE_FILES, samplesDir } from '../../src/node/make-samples';
import { readOoxml } from '../../src/ooxml/reader';

const one = (formula: string, cells: Record<string, (string | number | boolean | null)[]> = {}): unknown => {
  const values: (string | number | boolean | null)[][] = [];
  const formulas: (string | null)[][] = [];
  for (const [row, list] of Object.entries(cells)) values[Number(row) - 1] = list;
  values[9] = [null];
  formulas[9] = [formula];
  for (let r = 0; r < 10; r++) values[r] ??= [];
  const snap: WorkbookSnapshot = { sheets: [{ name: '表', values, formulas }, { name: '收支 表', values: [[5]] }] };
  const r = evaluateUncached(snap);
  return r.computed.length ? r.snapshot.sheets[0].values[9][0] : 'not computed';
};

describe('evaluateUncached', () => {
  test('the arithmetic budget sheets use, in decimal', () => {
    const row = { 1: [0.1, 0.2, 3, null, '4'] };
    expect(one('=A1+B1', row)).toBe(0.3);
    expect(one('=SUM(A1:E1)', row)).toBe(3.3); // text in a range is skipped, as Excel does
    expect(one('=A1+E1', row)).toBe(4.1); // numeric text in arithmetic is its number
    expect(one('=(C1-A1)*2/4', row)).toBe(1.45);
    expect(one('=-C1+10%', row)).toBe(-2.9);
    expect(one('=ROUND(2.675,2)', row)).toBe(2.68);
    expect(one('=ROUND(-2.5,0)', row)).toBe(-3);
    expect(one('=SUM(A1,B1,C1)+MAX(A1:C1)-MIN(A1:C1)+ABS(-1)', row)).toBe(7.2);
    expect(one("='收支 表'!A1*2", row)).toBe(10);
    expect(one('=SUM($A$1:$C$1)', row)).toBe(3.3);
    expect(one('=D1', row)).toBe(0); // a blank cell shows 0
  });

  test('the 执行率 column: IF, IFERROR and comparisons', () => {
    expect(one('=IF(C1=0,"—",A1/C1)', { 1: [1.5, null, 3] })).toBe(0.5);
    expect(one('=IF(C1=0,"—",A1/C1)', { 1: [1.5, null, 0] })).toBe('—');
    expect(one('=IF(C1=0,"—",A1/C1)', { 1: [1.5, null, null] })).toBe('—');
    expect(one('=IFERROR(A1/C1,0)', { 1: [1.5, null, 0] })).toBe(0);
    expect(one('=IF(A1>=C1,A1,C1)', { 1: [2, null, 3] })).toBe(3);
    expect(one('=IF(A1<>"",1,2)', { 1: ['x'] })).toBe(1);
  });

  test('what it cannot compute it leaves alone', () => {
    expect(one('=VLOOKUP(A1,B1:C1,2,0)', { 1: [1, 2, 3] })).toBe('not computed');
    expect(one('=A1/C1', { 1: [1, null, 0] })).toBe('not computed'); // #DIV/0!: Excel alone should show it
    expect(one('=A1+B1', { 1: ['x', 1] })).toBe('not computed');
    expect(one('=未知!A1', { 1: [1] })).toBe('not computed');
    expect(one('=A1+', { 1: [1] })).toBe('not computed');
    expect(one('=SUM(A1:C1)', { 1: [1, '#REF!', 3] })).toBe('not computed');
  });

  test('chains, loops and long cumulative columns', () => {
    // B(n) = B(n-1) + A(n) over 3,000 rows, written in one sheet with no results saved.
    const n = 3000;
    const values = Array.from({ length: n }, (_, i) => [i + 1, null]);
    const formulas = Array.from({ length: n }, (_, i) => [null, i === 0 ? '=A1' : `=B${i}+A${i + 1}`]);
    const r = evaluateUncached({ sheets: [{ name: 's', values, formulas }] });
    expect(r.notComputed).toEqual([]);
    expect(r.snapshot.sheets[0].values[n - 1][1]).toBe((n * (n + 1)) / 2);
    // Formulas that refer to each other never finish: both listed.
    const loop = evaluateUncached({ sheets: [{ name: 's', values: [[null, null]], formulas: [['=B1+1', '=A1+1']] }] });
    expect(loop.notComputed.map((f) => f.cell)).toEqual(['A1', 'B1']);
    // The input is not changed.
    expect(values[5][1]).toBeNull();
  });
});

/** The seed sample as a script would write it: every formula kept, no result saved. */
async function strippedSeed(extra?: (xml: string) => string): Promise<WorkbookSnapshot> {
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(samplesDir(), SAMPLE_FILES.seed)));
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    let xml = await zip.file(name)!.async('string');
    xml = xml.replace(/(<c\b[^>]*>)(<f>[^<]*<\/f>)<v>[^<]*<\/v>(<\/c>)/g, (_m, open: string, f: string, close: string) => open.replace(/ t="\w+"/, '') + f + close);
    zip.file(name, extra ? extra(xml) : xml);
  }
  return readOoxml(await zip.generateAsync({ type: 'nodebuffer' }));
}

describe('a workbook saved by a script', () => {
  test('loses no check: the same findings as with Excel\'s saved results, and one notice a sheet', async () => {
    const original = validateWorkbook(await readOoxml(await fs.readFile(path.join(samplesDir(), SAMPLE_FILES.seed))));
    const stripped = await strippedSeed();
    expect(stripped.sheets.some((s) => s.formulas?.some((r) => r?.some((f, c) => f && r && s.values[s.formulas!.indexOf(r)]?.[c] === null)))).toBe(true);
    const result = validateWorkbook(stripped);
    const key = (f: { id: string; severity: string; expected?: string; actual?: string; fix?: { value: string } }) => [f.id, f.severity, f.expected, f.actual, f.fix?.value];
    expect(result.findings.filter((f) => f.rule !== 'uncached-formula').map(key)).toEqual(original.findings.map(key));
    expect(original.findings.filter((f) => f.severity === 'error').length).toBeGreaterThanOrEqual(5);
    const notices = result.findings.filter((f) => f.rule === 'uncached-formula');
    expect(notices.map((f) => f.sheet).sort()).toEqual(['收支情况', '项目支出明细']);
    expect(notices.every((f) => f.severity === 'info' && /重新计算后保存/.test(f.message))).toBe(true);
    expect(result.notChecked).toEqual(original.notChecked);
  });

  test('a formula it cannot compute is listed by cell; its total is not checked and nobody is blamed', async () => {
    // 项目支出明细 H5 (实际支出 of the first project) becomes a lookup into another workbook.
    const stripped = await strippedSeed((xml) => xml.replace(/<c r="H5"( s="\d+")?>(?:<v>[^<]*<\/v>)?<\/c>/, '<c r="H5"$1><f>VLOOKUP(B5,[明细.xlsx]支出!A:H,8,0)</f></c>'));
    const sheet = stripped.sheets.find((s) => s.name === '项目支出明细')!;
    expect(sheet.formulas!.flat()).toContain('=VLOOKUP(B5,[明细.xlsx]支出!A:H,8,0)');
    const result = validateWorkbook(stripped);
    const listed = result.notChecked.filter((n) => n.cell === 'H5');
    expect(listed).toHaveLength(1);
    expect(listed[0].reason).toMatch(/公式 =VLOOKUP\(.*\) 没有保存计算结果.*请在 Excel 中重新计算后保存/);
    // The 合计 of 实际支出 is not checked (naming H5), and no finding or fix points at a cell because of H5.
    expect(result.notChecked.some((n) => /H5 的公式 .* 没有保存计算结果，无法核对此合计/.test(n.reason))).toBe(true);
    expect(result.notChecked.some((n) => /未填写|not filled/.test(n.reason) && n.cell === 'H5')).toBe(false);
    for (const f of result.findings) expect(f.related.some((r) => r.sheet === '项目支出明细' && r.cell === 'H5') && f.severity === 'error').toBe(false);
  });
});
