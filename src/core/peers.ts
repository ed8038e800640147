/**
 * What a project table's column holds, as a yardstick for one of its figures: the largest and smallest
 * of the other projects' figures (not zero) in the same column. A figure 10³ times the largest, or a
 * thousandth of the smallest, is of another magnitude than its peers: typed in the wrong unit, or a
 * correction no one would make. Order of magnitude only: doubles suffice.
 */
import { FIGURE_PRESENT, PROJECT_AMOUNT_COLUMNS, ProjectAmountColumn, ProjectRow, ProjectTable } from './model';

/** The other projects' figures in a column: how many, the largest and the smallest |figure| (not zero). */
export interface Spread {
  count: number;
  max: number;
  min: number;
}

/**
 * A column's extremes: the two largest and two smallest |figure| (not zero) of its item rows, with the row
 * holding the largest and the smallest, so the spread of the others (one row left out) is read off at once.
 * One pass over the column, no object per row: a 20,000-row table costs microseconds, not a sort.
 */
interface ColumnExtremes {
  count: number;
  max1: number;
  max1Row: number;
  max2: number;
  min1: number;
  min1Row: number;
  min2: number;
  /** Row index → whether the row has a figure counted here (to leave it out of its own spread). */
  counted: (i: number) => boolean;
}

/** Where a cell sits in a project table: its row and amount column; undefined outside every project table's figures. */
export interface TableCell {
  table: ProjectTable;
  row: ProjectRow;
  key: ProjectAmountColumn;
}

export class ColumnPeers {
  private readonly columns = new Map<ProjectTable, Map<ProjectAmountColumn, ColumnExtremes>>();
  /** Per table, whether its rows run down the sheet (then a binary search finds a sheet row). */
  private readonly ordered = new Map<ProjectTable, boolean>();

  constructor(private readonly tables: readonly ProjectTable[]) {}

  /** The project table cell at sheet (row, col), 0-based; amount columns of item and total rows. */
  locate(sheet: string, row: number, col: number): TableCell | undefined {
    for (const table of this.tables) {
      if (table.sheet !== sheet) continue;
      const key = PROJECT_AMOUNT_COLUMNS.find((k) => table.columns[k] === col);
      if (!key) continue;
      const r = this.rowAt(table, row);
      if (r) return { table, row: r, key };
    }
    return undefined;
  }

  private rowAt(table: ProjectTable, row: number): ProjectRow | undefined {
    const rows = table.rows;
    let ordered = this.ordered.get(table);
    if (ordered === undefined) {
      ordered = true;
      for (let i = 1; i < rows.length && ordered; i++) ordered = rows[i - 1].row < rows[i].row;
      this.ordered.set(table, ordered);
    }
    if (!ordered) return rows.find((r) => r.row === row);
    let lo = 0;
    let hi = rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = rows[mid].row;
      if (at === row) return rows[mid];
      if (at < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The other item rows' figures (not zero) in the cell's column. */
  spread(at: TableCell): Spread {
    const c = this.index(at.table, at.key);
    // The row itself is left out: only the ends can move, to the second largest or smallest.
    const self = c.counted(at.row.index);
    const n = c.count - (self ? 1 : 0);
    if (!n) return { count: 0, max: 0, min: 0 };
    return { count: n, max: self && c.max1Row === at.row.index ? c.max2 : c.max1, min: self && c.min1Row === at.row.index ? c.min2 : c.min1 };
  }

  private index(table: ProjectTable, key: ProjectAmountColumn): ColumnExtremes {
    let byKey = this.columns.get(table);
    if (!byKey) this.columns.set(table, (byKey = new Map()));
    const done = byKey.get(key);
    if (done) return done;
    const k = PROJECT_AMOUNT_COLUMNS.indexOf(key);
    const f = table.figures;
    const flags = f?.flags[k];
    const micros = f?.micros[k];
    // |figure| of an item row, or 0 when it has none (or not a finite one) to count.
    const valueOf = (row: ProjectRow): number => {
      if (row.kind !== 'item') return 0;
      let v: number;
      if (flags) {
        if (!(flags[row.index] & FIGURE_PRESENT)) return 0;
        const m = micros![row.index];
        v = Number.isNaN(m) ? Math.abs(row.amounts[key]?.value.toNumber() ?? 0) : Math.abs(m) / 1e6;
      } else {
        const a = row.amounts[key];
        if (!a) return 0;
        v = Math.abs(a.value.toNumber());
      }
      return v > 0 && Number.isFinite(v) ? v : 0;
    };
    let count = 0;
    let max1 = -Infinity;
    let max2 = -Infinity;
    let min1 = Infinity;
    let min2 = Infinity;
    let max1Row = -1;
    let min1Row = -1;
    let last = -1;
    for (const row of table.rows) if (row.index > last) last = row.index;
    const counted = new Uint8Array(last + 1);
    for (const row of table.rows) {
      const v = valueOf(row);
      if (v === 0) continue;
      count++;
      counted[row.index] = 1;
      if (v > max1) {
        max2 = max1;
        max1 = v;
        max1Row = row.index;
      } else if (v > max2) max2 = v;
      if (v < min1) {
        min2 = min1;
        min1 = v;
        min1Row = row.index;
      } else if (v < min2) min2 = v;
    }
    const c: ColumnExtremes = { count, max1, max1Row, max2, min1, min1Row, min2, counted: (i) => counted[i] === 1 };
    byKey.set(key, c);
    return c;
  }
}
/** How far above its peers |value| is (≥ 1: that many times the largest), or below (≤ 1: that fraction of the smallest); 1 in between. */
export function offPeers(value: number, s: Spread): number {
  const v = Math.abs(value);
  if (!s.count || v === 0) return 1;
  if (v > s.max) return v / s.max;
  if (v < s.min) return v / s.min;
  return 1;
}
