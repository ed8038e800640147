/**
 * The checks' fast path over a project table's figures (TableFigures): typed arrays read by
 * column and row index, sums in exact micros (exact.ts). A rule settles here every row whose
 * figures hold exactly, recording the identity in the ledger cell by cell; any row it cannot
 * settle — a difference, a figure with no micros, a table built by hand — goes through the
 * rule's ordinary code, which builds the row's amounts and words the finding.
 */
import { sourcesOf } from '../budget-sources';
import { cellId, IdentityLedger } from '../ledger';
import { FIGURE_FORMULA, FIGURE_PRESENT, FIGURE_TEXT, PROJECT_AMOUNT_COLUMNS, ProjectAmountColumn, ProjectTable, TableFigures } from '../model';

/** Column index of each amount column in TableFigures. */
export const COL = Object.fromEntries(PROJECT_AMOUNT_COLUMNS.map((k, i) => [k, i])) as Record<ProjectAmountColumn, number>;


export class FigureView {
  private readonly sheetId: number;
  private readonly cols: number[];
  /** The added sources this table has (当年财政拨款 only when there is no 年初预算 column). */
  readonly addedSources: number[];

  constructor(
    readonly table: ProjectTable,
    private readonly f: TableFigures,
    readonly ledger: IdentityLedger,
  ) {
    this.sheetId = ledger.sheetId(table.sheet);
    this.cols = PROJECT_AMOUNT_COLUMNS.map((k) => table.columns[k] ?? -1);
    this.addedSources = sourcesOf(table.columns)
      .filter((s) => s.sign === 1)
      .map((s) => COL[s.column])
      .filter((k) => f.flags[k]);
  }

  has(k: number, i: number): boolean {
    const fl = this.f.flags[k];
    return fl !== undefined && (fl[i] & FIGURE_PRESENT) !== 0;
  }

  hasFormula(k: number, i: number): boolean {
    const fl = this.f.flags[k];
    return fl !== undefined && (fl[i] & FIGURE_FORMULA) !== 0;
  }

  fromText(k: number, i: number): boolean {
    const fl = this.f.flags[k];
    return fl !== undefined && (fl[i] & FIGURE_TEXT) !== 0;
  }

  /** The figure in micros; NaN when the row has none or micros cannot hold it. */
  micros(k: number, i: number): number {
    const m = this.f.micros[k];
    return m === undefined ? NaN : m[i];
  }

  decimals(k: number, i: number): number {
    return this.f.decimals[k]![i];
  }

  rateNumber(i: number): number {
    return this.f.rateNumbers ? this.f.rateNumbers[i] : NaN;
  }

  /** cellId of each row's column 0, made on first use. */
  private rowBase: Float64Array | undefined;

  cell(k: number, i: number): number {
    if (!this.rowBase) {
      const rows = this.table.rows;
      this.rowBase = new Float64Array(rows.length);
      for (let r = 0; r < rows.length; r++) this.rowBase[r] = cellId(this.sheetId, rows[r].row, 0);
    }
    return this.rowBase[i] + this.cols[k];
  }

  /** Adds row i's figure in column k to the identity being recorded. */
  push(k: number, i: number, shift: number): void {
    this.ledger.push(this.cell(k, i), shift, this.decimals(k, i));
  }

  /**
   * Σ of row i's budget sources with their signs (调减 always lowers it); null when it reports
   * none, NaN when one has no micros. At most eight terms below 10¹⁵: the sum is exact.
   */
  sources(i: number): number | null {
    let sum = 0;
    let any = false;
    for (const k of this.addedSources) {
      if (!this.has(k, i)) continue;
      any = true;
      sum += this.micros(k, i);
    }
    if (this.has(COL.decrease, i)) {
      any = true;
      sum -= Math.abs(this.micros(COL.decrease, i));
    }
    return any ? sum : null;
  }

  /** Records row i's sources as parts of the identity being recorded (weights as budgetSources gives them). */
  pushSources(i: number): void {
    for (const k of this.addedSources) if (this.has(k, i)) this.push(k, i, -1);
    // 调减 typed positive subtracts (weight −1, shift +1); typed negative it adds (weight +1, shift −1).
    if (this.has(COL.decrease, i)) this.push(COL.decrease, i, this.micros(COL.decrease, i) < 0 ? -1 : 1);
  }

  /** Row i's budget for the year in micros, as rowBudget reads it; null: none; NaN: not in micros. */
  budget(i: number): number | null {
    return this.has(COL.adjustedBudget, i) ? this.micros(COL.adjustedBudget, i) : this.sources(i);
  }
}

const views = new WeakMap<ProjectTable, FigureView>();

/** The fast view of a table, or undefined for a table built by hand. One per table and ledger. */
export function figureView(table: ProjectTable, ledger: IdentityLedger): FigureView | undefined {
  if (!table.figures) return undefined;
  let v = views.get(table);
  if (!v || v.ledger !== ledger) views.set(table, (v = new FigureView(table, table.figures, ledger)));
  return v;
}
