import Decimal from 'decimal.js';
import { Grid } from '../grid';
import { Amount, CellNote, CellRef } from '../model';
import { decimalFromNumber, formatDecimals, parseExactNumber, parseNumber, ParsedNumber } from '../numbers';
import { FIGURE_LIMIT_NUMBER, shortFigure } from '../precision';
import { MICRO_DECIMALS, Micros, microsOfDecimal, microsOfNumber } from '../exact';

export function refOf(grid: Grid, row: number, col: number): CellRef {
  return { sheet: grid.name, row, col, cell: grid.address(row, col) };
}

/**
 * A number cell's figure. Most figures are only ever summed and compared, which the rules do
 * exactly on micros (exact.ts); the Decimal is built the first time something asks for it (a
 * finding, the report, a figure with no micros).
 */
class NumberCellAmount implements Amount {
  micros: Micros | undefined;
  percent: boolean | undefined;
  percentNumber?: boolean;
  readonly fromText = false;
  readonly unitSuffix = undefined;
  /** The number the cell holds, until a rescaled value replaces it. */
  private cellNumber: number | undefined;
  private decimal: Decimal | undefined;

  constructor(
    num: number,
    public decimals: number,
    public readonly ref: CellRef,
    public readonly formula: string | undefined,
    percent: boolean,
    micros: Micros | undefined,
  ) {
    this.cellNumber = num;
    this.micros = micros;
    this.percent = percent || undefined;
  }

  get value(): Decimal {
    return (this.decimal ??= decimalFromNumber(this.cellNumber!));
  }

  /** Rates read as percent numbers are rescaled once, by the reader: micros follow the value. */
  set value(d: Decimal) {
    this.decimal = d;
    this.micros = microsOfDecimal(d);
    this.cellNumber = undefined;
  }
}

/** Decimals a number shows when its format does not say: as typed, at most 10. */
export function typedDecimals(n: number, micros: Micros | undefined): number {
  if (micros === undefined) return Math.min(Math.max(0, decimalFromNumber(n).decimalPlaces()), 10);
  // Micros are whole numbers below 2⁵³: % 10 is exact.
  let m = Math.abs(micros);
  let d = MICRO_DECIMALS;
  for (; d > 0 && m % 10 === 0; m /= 10) d--;
  return d;
}

/**
 * Reads a figure; records text numbers, error values and non-numeric text as notes.
 * Blank (and "—") gives undefined: not reported, which is not zero.
 */
export function readAmount(grid: Grid, row: number, col: number, notes: CellNote[], label?: string): Amount | undefined {
  const raw = grid.value(row, col);
  if (raw === null || raw === '') {
    // A formula with no saved result that could not be computed: unknown, not blank.
    const formula = raw === null ? grid.formula(row, col) : null;
    if (formula) notes.push({ ref: refOf(grid, row, col), kind: 'uncached-formula', raw: formula, label });
    return undefined;
  }
  let parsed: ParsedNumber | undefined;
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    // Digits a double cannot hold, as the file wrote them: the figure is read from them.
    const exact = grid.hasExactNumbers ? grid.exactNumber(row, col) : null;
    if (exact !== null) parsed = parseExactNumber(exact, grid.numberFormat(row, col));
    // Most figures are plain numbers: read them without parseNumber's intermediate object.
    else if (raw < FIGURE_LIMIT_NUMBER && raw > -FIGURE_LIMIT_NUMBER) {
      const micros = microsOfNumber(raw);
      const fd = formatDecimals(grid.numberFormat(row, col));
      const decimals = fd ? (fd.percent ? fd.decimals + 2 : fd.decimals) : typedDecimals(raw, micros);
      const formula = grid.formula(row, col);
      return new NumberCellAmount(raw, decimals, refOf(grid, row, col), formula ?? undefined, fd?.percent ?? false, micros);
    }
  }
  parsed ??= parseNumber(raw, grid.numberFormat(row, col));
  switch (parsed.kind) {
    case 'blank':
      return undefined;
    case 'error':
      notes.push({ ref: refOf(grid, row, col), kind: 'formula-error', raw: parsed.code, label });
      return undefined;
    case 'text':
      // A figure too long to be one is shown by its first and last digits.
      if (parsed.tooLong) notes.push({ ref: refOf(grid, row, col), kind: 'non-numeric', raw: shortFigure(parsed.text), label, tooLong: true });
      else notes.push({ ref: refOf(grid, row, col), kind: 'non-numeric', raw: parsed.text, label });
      return undefined;
    case 'number': {
      const ref = refOf(grid, row, col);
      if (parsed.fromText) notes.push({ ref, kind: 'text-number', raw: String(raw), label, value: parsed.value });
      const formula = grid.formula(row, col) ?? undefined;
      return {
        value: parsed.value,
        micros: microsOfDecimal(parsed.value),
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
