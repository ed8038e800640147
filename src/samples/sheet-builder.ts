import { address } from '../core/address';
import { CellValue, SheetSnapshot } from '../core/snapshot';

/** A cell in a fixture: a plain value, or a value with its formula and number format. */
export type CellSpec = CellValue | { v: CellValue; f?: string; nf?: string };

export interface SheetSpec {
  name: string;
  rows: CellSpec[][];
  merges?: string[];
  hiddenRows?: number[];
  /** Number format applied to every numeric cell without its own. */
  numberFormat?: string;
  /** Per-column number formats (by 0-based column), overriding numberFormat. */
  columnFormats?: Record<number, string>;
}

function isSpec(c: CellSpec): c is { v: CellValue; f?: string; nf?: string } {
  return c !== null && typeof c === 'object';
}

/** Builds the plain snapshot a host would hand over, from a readable fixture. */
export function buildSheet(spec: SheetSpec): SheetSnapshot {
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: (string | null)[][] = [];
  spec.rows.forEach((row, r) => {
    values[r] = [];
    formulas[r] = [];
    numberFormats[r] = [];
    row.forEach((cell, c) => {
      const v = isSpec(cell) ? cell.v : cell;
      values[r][c] = v === undefined ? null : v;
      formulas[r][c] = isSpec(cell) && cell.f ? (cell.f.startsWith('=') ? cell.f : '=' + cell.f) : null;
      const own = isSpec(cell) ? cell.nf : undefined;
      numberFormats[r][c] =
        own ?? (typeof v === 'number' ? (spec.columnFormats?.[c] ?? spec.numberFormat ?? 'General') : 'General');
    });
  });
  return {
    name: spec.name,
    values,
    formulas,
    numberFormats,
    merges: spec.merges ?? [],
    hiddenRows: spec.hiddenRows ?? [],
  };
}

/** A1 address helper for fixtures written by row/column index. */
export const at = address;
