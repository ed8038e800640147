/**
 * A project table's figures, read once into typed arrays (TableFigures) for the checks that
 * run on every row, and into Amount objects only when something asks for a row's amounts:
 * a finding, the report, the audit. A 20,000-project sheet then costs a few arrays, not
 * 160,000 objects.
 */
import { Grid } from '../grid';
import { microsOfDecimal, microsOfNumber } from '../exact';
import { Amount, CellNote, CellRef, FIGURE_FORMULA, FIGURE_PERCENT, FIGURE_PRESENT, FIGURE_TEXT, PROJECT_AMOUNT_COLUMNS, ProjectAmountColumn, ProjectRow, ProjectTable, TableFigures } from '../model';
import { formatDecimals } from '../numbers';
import { FIGURE_LIMIT_NUMBER } from '../precision';
import Decimal from 'decimal.js';
import { readAmount, refOf, typedDecimals } from './cells';

const RATE = PROJECT_AMOUNT_COLUMNS.indexOf('executionRate');
const HUNDRED = new Decimal(100);

/** Reads a table's figures row by row; `finish` hands over the arrays, trimmed to the rows kept. */
export class FigureReader {
  readonly figures: TableFigures = { micros: [], flags: [], decimals: [] };
  /** Figures read from text: their Amount is made while reading (notes are recorded then). */
  private readonly fromText = new Map<number, Amount>();
  private readonly slots: { k: number; col: number }[] = [];
  /** The table the rows belong to, set once it is built. */
  table!: ProjectTable;

  private capacity: number;

  /**
   * `rows`: how many rows the table could have (to the sheet's end). The arrays start at most
   * 4,096 long and double as rows are read: a stray cell at row 1,048,576 costs nothing.
   */
  constructor(
    readonly grid: Grid,
    columns: ProjectTable['columns'],
    rows: number,
  ) {
    this.capacity = Math.max(16, Math.min(rows, 4096));
    PROJECT_AMOUNT_COLUMNS.forEach((key, k) => {
      const col = columns[key];
      if (col === undefined) return;
      this.slots.push({ k, col });
      this.figures.micros[k] = new Float64Array(this.capacity).fill(NaN);
      this.figures.flags[k] = new Uint8Array(this.capacity);
      this.figures.decimals[k] = new Uint8Array(this.capacity);
    });
    if (columns.executionRate !== undefined) this.figures.rateNumbers = new Float64Array(this.capacity).fill(NaN);
  }

  /** Doubles every array, keeping what was read (NaN: no figure yet). */
  private grow(): void {
    const n = this.capacity * 2;
    const f = this.figures;
    const wider = <T extends Float64Array | Uint8Array>(a: T | undefined, make: (n: number) => T): T | undefined => {
      if (!a) return undefined;
      const b = make(n);
      b.set(a);
      return b;
    };
    const nans = (m: number) => new Float64Array(m).fill(NaN);
    for (const { k } of this.slots) {
      f.micros[k] = wider(f.micros[k], nans);
      f.flags[k] = wider(f.flags[k], (m) => new Uint8Array(m));
      f.decimals[k] = wider(f.decimals[k], (m) => new Uint8Array(m));
    }
    f.rateNumbers = wider(f.rateNumbers, nans);
    this.capacity = n;
  }

  /**
   * Reads sheet row r as table row i. Returns whether it reports any figure. Text, error values
   * and non-numeric text are read as readAmount reads them, notes and all.
   */
  readRow(r: number, i: number, notes: CellNote[], label: string): boolean {
    if (i >= this.capacity) this.grow();
    const grid = this.grid;
    const f = this.figures;
    let any = false;
    for (const { k, col } of this.slots) {
      const raw = grid.value(r, col);
      if (raw === null || raw === '') {
        // A formula saved without a result that could not be computed gets its note there.
        if (raw === null && grid.formula(r, col)) readAmount(grid, r, col, notes, label);
        continue;
      }
      // Digits a double cannot hold, and figures too long to be one, are read as readAmount reads them.
      if (typeof raw === 'number' && Number.isFinite(raw) && raw < FIGURE_LIMIT_NUMBER && raw > -FIGURE_LIMIT_NUMBER && !(grid.hasExactNumbers && grid.exactNumber(r, col) !== null)) {
        const micros = microsOfNumber(raw);
        const fd = formatDecimals(grid.numberFormat(r, col));
        f.micros[k]![i] = micros ?? NaN;
        f.decimals[k]![i] = Math.min(255, fd ? (fd.percent ? fd.decimals + 2 : fd.decimals) : typedDecimals(raw, micros));
        f.flags[k]![i] = FIGURE_PRESENT | (grid.formula(r, col) ? FIGURE_FORMULA : 0) | (fd?.percent ? FIGURE_PERCENT : 0);
        if (k === RATE) f.rateNumbers![i] = raw;
        any = true;
        continue;
      }
      const a = readAmount(grid, r, col, notes, label);
      if (!a) continue;
      this.fromText.set(i * 16 + k, a);
      f.micros[k]![i] = a.micros ?? NaN;
      f.decimals[k]![i] = Math.min(255, a.decimals);
      f.flags[k]![i] = FIGURE_PRESENT | (a.fromText ? FIGURE_TEXT : 0) | (a.formula ? FIGURE_FORMULA : 0) | (a.percent ? FIGURE_PERCENT : 0);
      any = true;
    }
    return any;
  }

  /**
   * 执行率 typed as 95.54 rather than 0.9554 (a % in the header, or any plain rate beyond ±5):
   * decided over the whole column, as readers of the sheet would.
   */
  ratesArePercentNumbers(rows: number, header: string): boolean {
    if (/%|％|百分/.test(header)) return true;
    const flags = this.figures.flags[RATE];
    if (!flags) return false;
    for (let i = 0; i < rows; i++) {
      if (!(flags[i] & FIGURE_PRESENT) || flags[i] & FIGURE_PERCENT) continue;
      const text = this.fromText.get(i * 16 + RATE);
      if (text ? text.value.gt(5) || text.value.lt(-5) : this.figures.rateNumbers![i] > 5 || this.figures.rateNumbers![i] < -5) return true;
    }
    return false;
  }

  /** Builds a row's amounts: the ones read from text as they were, the numbers afresh. */
  amountsOf(row: ProjectRow): ProjectRow['amounts'] {
    const table = this.table;
    const out: ProjectRow['amounts'] = {};
    const discard: CellNote[] = [];
    for (const { k, col } of this.slots) {
      const flags = this.figures.flags[k]![row.index];
      if (!(flags & FIGURE_PRESENT)) continue;
      const key: ProjectAmountColumn = PROJECT_AMOUNT_COLUMNS[k];
      const text = this.fromText.get(row.index * 16 + k);
      // Text amounts were rescaled (rates) when the table was read; numbers are rescaled here.
      if (text) {
        out[key] = text;
        continue;
      }
      const a = readAmount(this.grid, row.row, col, discard)!;
      if (k === RATE) normaliseRate(a, !!table.rateAsPercentNumber);
      out[key] = a;
    }
    return out;
  }

  /** Rescales the rates read from text now that the column's convention is known. */
  normaliseTextRates(asPercentNumbers: boolean): void {
    for (const [slot, a] of this.fromText) if (slot % 16 === RATE) normaliseRate(a, asPercentNumbers);
  }
}

/** A rate read as a fraction; 95.54 in a table of percent numbers reads as 0.9554. */
export function normaliseRate(a: Amount, asPercentNumbers: boolean): void {
  if (a.percent) return;
  a.percent = true;
  if (!asPercentNumbers) return;
  a.value = a.value.div(HUNDRED);
  a.micros = microsOfDecimal(a.value);
  a.decimals += 2;
  a.percentNumber = true;
}

/** The empty list rows start with: frozen, so a stray push fails loudly (the reader replaces it). */
export const NO_ROWS: number[] = Object.freeze([]) as unknown as number[];

/**
 * A project table row whose amounts (and label cell) are built on first use (see
 * FigureReader): a sheet has tens of thousands of rows and most are never looked at closely.
 */
export class TableRow implements ProjectRow {
  kind: 'item' | 'total';
  totalKind?: '合计' | '总计' | '小计';
  level = 0;
  parent: number | null = null;
  children: number[] = NO_ROWS;
  covers: number[] = NO_ROWS;
  cycle?: string[];
  private built: ProjectRow['amounts'] | undefined;
  private labelCell: CellRef | undefined;

  constructor(
    readonly index: number,
    readonly row: number,
    public label: string,
    private readonly nameCol: number,
    readonly code: string | undefined,
    totalKind: ProjectRow['totalKind'],
    readonly texts: ProjectRow['texts'],
    readonly hidden: boolean,
    private readonly reader: FigureReader,
  ) {
    this.kind = totalKind ? 'total' : 'item';
    this.totalKind = totalKind;
  }

  get labelRef(): CellRef {
    return (this.labelCell ??= refOf(this.reader.grid, this.row, this.nameCol));
  }

  get amounts(): ProjectRow['amounts'] {
    return (this.built ??= this.reader.amountsOf(this));
  }

  set amounts(a: ProjectRow['amounts']) {
    this.built = a;
  }
}
