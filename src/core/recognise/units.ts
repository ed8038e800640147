import { Grid } from '../grid';
import { CellRef } from '../model';
import { toHalfWidth, Unit } from '../numbers';

const UNIT_STATEMENT = /(?:金额)?单位[:：\s]*(?:人民币)?\s*(亿元|万元|元)/;
const HEADER_UNIT = /[(（](亿元|万元|元)[)）]/;

/** The unit a piece of text states: 「单位：万元」, 「金额单位：元」, 「（万元）」. */
export function unitStatedIn(text: string): Unit | null {
  const s = toHalfWidth(text);
  const m = UNIT_STATEMENT.exec(s) ?? HEADER_UNIT.exec(s);
  return m ? (m[1] as Unit) : null;
}

/**
 * Finds the unit of a table whose header starts at headerRow: a 单位 row above it
 * (title area), else a unit in the header cells, else 万元 (the usual default).
 */
export function tableUnit(grid: Grid, firstRow: number, headerRow: number, headerEndRow: number): { unit: Unit; ref?: CellRef } {
  const from = Math.max(grid.rowOffset, firstRow);
  for (let r = headerEndRow; r >= from; r--) {
    for (let c = grid.colOffset; c < grid.colEnd; c++) {
      if (grid.isMergedCovered(r, c)) continue;
      const v = grid.value(r, c);
      if (typeof v !== 'string' || v.length > 60) continue;
      const unit = r < headerRow ? unitStatedIn(v) : UNIT_STATEMENT.test(toHalfWidth(v)) ? unitStatedIn(v) : null;
      if (unit) return { unit, ref: { sheet: grid.name, row: r, col: c, cell: grid.address(r, c) } };
    }
  }
  // Units written into every amount header: 「年初预算（万元）」.
  for (let r = headerRow; r <= headerEndRow; r++) {
    for (let c = grid.colOffset; c < grid.colEnd; c++) {
      const v = grid.value(r, c);
      if (typeof v !== 'string') continue;
      const m = HEADER_UNIT.exec(toHalfWidth(v));
      if (m) return { unit: m[1] as Unit, ref: { sheet: grid.name, row: r, col: c, cell: grid.address(r, c) } };
    }
  }
  return { unit: '万元' };
}
