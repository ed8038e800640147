/**
 * The value, formula and number-format grids of one sheet, built from cells given row by row,
 * left to right, in absolute sheet coordinates. Both readers (the direct OOXML one and the
 * ExcelJS one) build through it, so they give the same snapshot of the same file.
 */
import { CellValue, SheetSnapshot } from '../core/snapshot';

export type SheetGrids = Pick<SheetSnapshot, 'rowOffset' | 'colOffset' | 'values' | 'formulas' | 'numberFormats'>;

/**
 * Gaps inside a row are padded with nulls; a row with no cell is left out, and inside the used
 * range becomes []. The used range's offset is cut off at the end. It is called once per cell
 * on large sheets, so it keeps plain arrays and allocates nothing per cell.
 */
export class SheetGridBuilder {
  private readonly values: CellValue[][] = [];
  private readonly formulas: (string | null)[][] = [];
  private readonly numberFormats: (string | null)[][] = [];
  private top = Infinity;
  private left = Infinity;
  private bottom = -1;
  // The row being filled; its arrays are made at its first cell.
  private row = -1;
  private vRow: CellValue[] | null = null;
  private fRow: (string | null)[] = [];
  private nRow: (string | null)[] = [];
  private last = -1;

  /** Starts row `r` (0-based); the previous row must have been ended. */
  startRow(r: number): void {
    this.row = r;
    this.vRow = null;
    this.last = -1;
  }

  /** A cell of the current row at column `c` (0-based), right of the row's previous cell. */
  addCell(c: number, value: CellValue, formula: string | null, numberFormat: string): void {
    let vRow = this.vRow;
    if (!vRow) {
      vRow = this.vRow = [];
      this.fRow = [];
      this.nRow = [];
    }
    const fRow = this.fRow;
    const nRow = this.nRow;
    for (let k = this.last + 1; k < c; k++) {
      vRow[k] = null;
      fRow[k] = null;
      nRow[k] = null;
    }
    vRow[c] = value;
    fRow[c] = formula;
    nRow[c] = numberFormat;
    if (this.last < 0 && c < this.left) this.left = c;
    this.last = c;
  }

  /** Ends the current row; a row that got no cell is not kept. */
  endRow(): void {
    const vRow = this.vRow;
    if (!vRow) return;
    const r = this.row;
    if (r < this.top) this.top = r;
    if (r > this.bottom) this.bottom = r;
    this.values[r] = vRow;
    this.formulas[r] = this.fRow;
    this.numberFormats[r] = this.nRow;
    this.vRow = null;
  }

  /** The grids cut to the used range, and its offset; all empty at 0, 0 when no cell was added. */
  build(): SheetGrids {
    const { top, left, bottom, values, formulas, numberFormats } = this;
    if (bottom < 0) return { rowOffset: 0, colOffset: 0, values: [], formulas: [], numberFormats: [] };
    const n = bottom - top + 1;
    const outV: CellValue[][] = new Array(n);
    const outF: (string | null)[][] = new Array(n);
    const outN: (string | null)[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      const r = top + i;
      const v = values[r];
      if (!v) {
        outV[i] = [];
        outF[i] = [];
        outN[i] = [];
      } else if (left === 0) {
        outV[i] = v;
        outF[i] = formulas[r];
        outN[i] = numberFormats[r];
      } else {
        outV[i] = v.slice(left);
        outF[i] = formulas[r].slice(left);
        outN[i] = numberFormats[r].slice(left);
      }
    }
    return { rowOffset: top, colOffset: left, values: outV, formulas: outF, numberFormats: outN };
  }
}
