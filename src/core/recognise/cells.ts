import Decimal from 'decimal.js';
import { Grid } from '../grid';
import { Amount, CellNote, CellRef } from '../model';
import { decimalFromNumber, numberDecimals, parseNumber } from '../numbers';

export function refOf(grid: Grid, row: number, col: number): CellRef {
  return { sheet: grid.name, row, col, cell: grid.address(row, col) };
}

/**
 * One Decimal per distinct number in a sheet: budget sheets repeat figures (0, round sums, the
 * same carry-over on many rows), and a Decimal is immutable, so amounts can share it. Kept per
 * Grid, i.e. per reading of a workbook: nothing carries over from one validation to the next.
 */
const decimalsByGrid = new WeakMap<Grid, Map<number, Decimal>>();

function decimalOf(grid: Grid, n: number): Decimal {
  let cache = decimalsByGrid.get(grid);
  if (!cache) decimalsByGrid.set(grid, (cache = new Map()));
  let d = cache.get(n);
  if (!d) cache.set(n, (d = decimalFromNumber(n)));
  return d;
}

/**
 * Reads a figure; records text numbers, error values and non-numeric text as notes.
 * Blank (and "—") gives undefined: not reported, which is not zero.
 */
export function readAmount(grid: Grid, row: number, col: number, notes: CellNote[], label?: string): Amount | undefined {
  const raw = grid.value(row, col);
  if (raw === null || raw === '') return undefined;
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    // Most figures are plain numbers: read them without parseNumber's intermediate object.
    const value = decimalOf(grid, raw);
    const shown = numberDecimals(value, grid.numberFormat(row, col));
    const formula = grid.formula(row, col);
    const amount: Amount = { value, decimals: shown.decimals, ref: refOf(grid, row, col), fromText: false, unitSuffix: undefined, formula: formula ?? undefined, percent: shown.percent || undefined };
    return amount;
  }
  const parsed = parseNumber(raw, grid.numberFormat(row, col));
  switch (parsed.kind) {
    case 'blank':
      return undefined;
    case 'error':
      notes.push({ ref: refOf(grid, row, col), kind: 'formula-error', raw: parsed.code, label });
      return undefined;
    case 'text':
      notes.push({ ref: refOf(grid, row, col), kind: 'non-numeric', raw: parsed.text, label });
      return undefined;
    case 'number': {
      const ref = refOf(grid, row, col);
      if (parsed.fromText) notes.push({ ref, kind: 'text-number', raw: String(raw), label, value: parsed.value });
      const formula = grid.formula(row, col) ?? undefined;
      return {
        value: parsed.value,
        decimals: parsed.decimals,
        ref,
        fromText: parsed.fromText,
        unitSuffix: parsed.unitSuffix,
        formula,
        percent: parsed.percent || undefined,
      };
    }
  }
}

const NOTE_ROW = /^(注|说明|备注|填表人|填报人|审核人|制表人|制表|单位负责人|财务负责人|负责人|联系电话|填报日期|填表日期)[:：\s]?/;

/** Footer rows that end a table: 注：…, 填表人：…. */
export function isNoteRow(grid: Grid, row: number): boolean {
  for (let c = grid.colOffset; c < Math.min(grid.colEnd, grid.colOffset + 3); c++) {
    const v = grid.value(row, c);
    // A number or TRUE/FALSE is never 注：… (and is the first thing on most data rows).
    if (typeof v === 'number' || typeof v === 'boolean') return false;
    const t = grid.text(row, c);
    if (t) return NOTE_ROW.test(t.replace(/^[\s\u3000]+/, ''));
  }
  return false;
}

export function rowIsBlank(grid: Grid, row: number): boolean {
  const r = grid.snapshot.values[row - grid.rowOffset];
  if (!r) return true;
  for (const v of r) if (v !== null && v !== undefined && v !== '') return false;
  return true;
}
