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

interface ColumnIndex {
  /** |figure| of each item row with a figure that is not zero, ascending, with its row index. */
  sorted: { v: number; i: number }[];
  /** Row index → its place in sorted. */
  position: Map<number, number>;
}

/** Where a cell sits in a project table: its row and amount column; undefined outside every project table's figures. */
export interface TableCell {
  table: ProjectTable;
  row: ProjectRow;
  key: ProjectAmountColumn;
}

export class ColumnPeers {
  private readonly columns = new Map<ProjectTable, Map<ProjectAmountColumn, ColumnIndex>>();
  private readonly rowsBySheetRow = new Map<ProjectTable, Map<number, ProjectRow>>();

  constructor(private readonly tables: readonly ProjectTable[]) {}

  /** The project table cell at sheet (row, col), 0-based; amount columns of item and total rows. */
  locate(sheet: string, row: number, col: number): TableCell | undefined {
    for (const table of this.tables) {
      if (table.sheet !== sheet) continue;
      const key = PROJECT_AMOUNT_COLUMNS.find((k) => table.columns[k] === col);
      if (!key) continue;
      let rows = this.rowsBySheetRow.get(table);
      if (!rows) this.rowsBySheetRow.set(table, (rows = new Map(table.rows.map((r) => [r.row, r]))));
      const r = rows.get(row);
      if (r) return { table, row: r, key };
    }
    return undefined;
  }

  /** The other item rows' figures (not zero) in the cell's column. */
  spread(at: TableCell): Spread {
    const { sorted, position } = this.index(at.table, at.key);
    // The row itself is left out: only the ends of the sorted list can move.
    const own = position.get(at.row.index);
    const n = sorted.length - (own === undefined ? 0 : 1);
    if (!n) return { count: 0, max: 0, min: 0 };
    const last = sorted.length - 1;
    return { count: n, max: sorted[own === last ? last - 1 : last].v, min: sorted[own === 0 ? 1 : 0].v };
  }

  private index(table: ProjectTable, key: ProjectAmountColumn): ColumnIndex {
    let byKey = this.columns.get(table);
    if (!byKey) this.columns.set(table, (byKey = new Map()));
    let c = byKey.get(key);
    if (c) return c;
    const sorted: { v: number; i: number }[] = [];
    const k = PROJECT_AMOUNT_COLUMNS.indexOf(key);
    const f = table.figures;
    for (const row of table.rows) {
      if (row.kind !== 'item') continue;
      let v: number;
      const flags = f?.flags[k];
      if (flags) {
        if (!(flags[row.index] & FIGURE_PRESENT)) continue;
        const m = f!.micros[k]![row.index];
        v = Number.isNaN(m) ? Math.abs(row.amounts[key]?.value.toNumber() ?? 0) : Math.abs(m) / 1e6;
      } else {
        const a = row.amounts[key];
        if (!a) continue;
        v = Math.abs(a.value.toNumber());
      }
      if (v > 0 && Number.isFinite(v)) sorted.push({ v, i: row.index });
    }
    sorted.sort((a, b) => a.v - b.v);
    byKey.set(key, (c = { sorted, position: new Map(sorted.map((x, j) => [x.i, j])) }));
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
