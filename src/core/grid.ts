import { address, parseRange } from './address';
import { CellValue, EXCEL_ERRORS, SheetSnapshot } from './snapshot';

/**
 * Read-only view of one sheet snapshot in absolute sheet coordinates (0-based).
 * Merged areas read as their top-left value only through `mergedText`, so a
 * merged title never masquerades as many cells of data.
 */
export class Grid {
  readonly name: string;
  readonly rowOffset: number;
  readonly colOffset: number;
  /** One past the last row / column that holds anything. */
  readonly rowEnd: number;
  readonly colEnd: number;
  private readonly hidden: Set<number>;
  /** key row*16384+col of every cell covered by a merge (not its anchor) -> anchor key */
  private readonly mergeAnchor = new Map<number, number>();

  constructor(readonly snapshot: SheetSnapshot) {
    this.name = snapshot.name;
    this.rowOffset = snapshot.rowOffset ?? 0;
    this.colOffset = snapshot.colOffset ?? 0;
    let width = 0;
    for (const row of snapshot.values) if (row && row.length > width) width = row.length;
    this.rowEnd = this.rowOffset + snapshot.values.length;
    this.colEnd = this.colOffset + width;
    this.hidden = new Set(snapshot.hiddenRows ?? []);
    for (const m of snapshot.merges ?? []) {
      const r = parseRange(m);
      if (!r) continue;
      // Large merges are rare and small; cap to keep a pathological sheet cheap.
      if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > 10000) continue;
      const anchor = r.top * 16384 + r.left;
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++)
          if (row !== r.top || col !== r.left) this.mergeAnchor.set(row * 16384 + col, anchor);
    }
  }

  value(row: number, col: number): CellValue {
    const r = this.snapshot.values[row - this.rowOffset];
    if (!r) return null;
    const v = r[col - this.colOffset];
    return v === undefined ? null : v;
  }

  formula(row: number, col: number): string | null {
    const f = this.snapshot.formulas?.[row - this.rowOffset]?.[col - this.colOffset];
    return typeof f === 'string' && f.startsWith('=') ? f : null;
  }

  numberFormat(row: number, col: number): string | null {
    return this.snapshot.numberFormats?.[row - this.rowOffset]?.[col - this.colOffset] ?? null;
  }

  /** Whether any number cell carries digits a double cannot hold (snapshot.exactNumbers). */
  get hasExactNumbers(): boolean {
    return !!this.snapshot.exactNumbers;
  }

  /** A number cell's digits as the file wrote them, where a double cannot hold them; null for nearly every cell. */
  exactNumber(row: number, col: number): string | null {
    const e = this.snapshot.exactNumbers;
    if (!e) return null;
    const t = e[row - this.rowOffset]?.[col - this.colOffset];
    return typeof t === 'string' ? t : null;
  }

  isHiddenRow(row: number): boolean {
    return this.hidden.has(row);
  }

  /** Value of the cell, or of its merge anchor when the cell is covered by a merged area. */
  mergedValue(row: number, col: number): CellValue {
    const anchor = this.mergeAnchor.get(row * 16384 + col);
    if (anchor === undefined) return this.value(row, col);
    return this.value(Math.floor(anchor / 16384), anchor % 16384);
  }

  /** True when the cell is covered by a merge but is not its top-left cell. */
  isMergedCovered(row: number, col: number): boolean {
    return this.mergeAnchor.has(row * 16384 + col);
  }

  /** Trimmed text of a cell ("" for blank, numbers as written). */
  text(row: number, col: number): string {
    return cellText(this.value(row, col));
  }

  mergedText(row: number, col: number): string {
    return cellText(this.mergedValue(row, col));
  }

  address(row: number, col: number): string {
    return address(row, col);
  }

  /** True when the sheet's position holds a real cell (inside the used range). */
  contains(row: number, col: number): boolean {
    return row >= this.rowOffset && row < this.rowEnd && col >= this.colOffset && col < this.colEnd;
  }
}

export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  return String(v);
}

export function isErrorValue(v: CellValue): v is string {
  return typeof v === 'string' && EXCEL_ERRORS.has(v.trim());
}
