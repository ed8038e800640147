/**
 * Figures for the report: every number printed carries the cell it came from, or the
 * formula and input cells it was derived from. Money prints in its table's unit with two
 * decimals, rates as percentages with two decimals, years and counts as whole numbers.
 */
import Decimal from 'decimal.js';
import { address, columnIndex } from '../address';
import { Amount, CellRef } from '../model';
import { Unit } from '../numbers';
import { Run, Source } from './types';

export type FigureRun = Extract<Run, { kind: 'figure' }>;
export type FigureUnit = FigureRun['unit'];

/** Cells the engine still reports errors on, keyed "sheet!cell". */
export type UnverifiedCells = ReadonlySet<string>;

export function cellKey(sheet: string, cell: string): string {
  return `${sheet}!${cell}`;
}

function isUnverified(source: Source, flagged: UnverifiedCells): boolean {
  if (flagged.size === 0) return false;
  if (source.sheet && source.cell && flagged.has(cellKey(source.sheet, source.cell))) return true;
  return (source.inputs ?? []).some((i) => flagged.has(cellKey(i.sheet, i.cell)));
}

function printed(value: Decimal, unit: FigureUnit): string {
  if (unit === '元' || unit === '万元' || unit === '亿元' || unit === '%') return value.toFixed(2);
  return value.toFixed(0);
}

/** The Decimal behind each run, so arithmetic never re-parses the printed string. */
const DECIMALS = new WeakMap<FigureRun, Decimal>();

export function decimalOf(run: FigureRun): Decimal {
  return DECIMALS.get(run) ?? new Decimal(run.value);
}

export function figure(value: Decimal, unit: FigureUnit, source: Source, flagged: UnverifiedCells): FigureRun {
  const run: FigureRun = { kind: 'figure', text: printed(value, unit), value: value.toString(), unit, source };
  if (isUnverified(source, flagged)) run.unverified = true;
  DECIMALS.set(run, value);
  return run;
}

const REF_RE = /(?:'((?:[^']|'')+)'|([^\s'!=+\-*/(),:;&<>^"]+))?!?\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?/g;
const MAX_RANGE_CELLS = 2000;

/** Same-workbook cells a formula reads (ranges expanded when small), for 待核实 propagation. */
export function formulaCells(formula: string, sheet: string): { sheet: string; cell: string }[] {
  const out: { sheet: string; cell: string }[] = [];
  const body = formula.replace(/"[^"]*"/g, '""');
  for (const m of body.matchAll(REF_RE)) {
    const qualified = m[0].includes('!');
    const target = qualified ? (m[1]?.replace(/''/g, "'") ?? m[2] ?? sheet) : sheet;
    if (!qualified && m[2]) continue; // a function name or other token glued to letters
    const c1 = columnIndex(m[3]);
    const r1 = Number(m[4]) - 1;
    const c2 = m[5] ? columnIndex(m[5]) : c1;
    const r2 = m[6] ? Number(m[6]) - 1 : r1;
    const [ca, cb] = c1 <= c2 ? [c1, c2] : [c2, c1];
    const [ra, rb] = r1 <= r2 ? [r1, r2] : [r2, r1];
    if ((cb - ca + 1) * (rb - ra + 1) > MAX_RANGE_CELLS) continue;
    for (let r = ra; r <= rb; r++) for (let c = ca; c <= cb; c++) out.push({ sheet: target, cell: address(r, c) });
  }
  return out;
}

function cellFigure(value: Decimal, unit: FigureUnit, amount: Amount, flagged: UnverifiedCells): FigureRun {
  const run = figure(value, unit, { sheet: amount.ref.sheet, cell: amount.ref.cell }, flagged);
  // A formula computed from a flagged cell inherits the doubt (a 合计 rate from a wrong 合计).
  if (!run.unverified && amount.formula && flagged.size) {
    if (formulaCells(amount.formula, amount.ref.sheet).some((c) => flagged.has(cellKey(c.sheet, c.cell)))) run.unverified = true;
  }
  return run;
}

/** A money figure read from one cell. */
export function moneyFromAmount(amount: Amount, unit: Unit, flagged: UnverifiedCells): FigureRun {
  return cellFigure(amount.value, unit, amount, flagged);
}

/** A stated rate cell: fractions (0.8617 shown as 86.17%) or percent numbers (86.17). */
export function rateFromAmount(amount: Amount, asPercentNumber: boolean, flagged: UnverifiedCells): FigureRun {
  const points = amount.percent || !asPercentNumber ? amount.value.times(100) : amount.value;
  return cellFigure(points, '%', amount, flagged);
}

function refOf(a: Amount): { sheet: string; cell: string } {
  return { sheet: a.ref.sheet, cell: a.ref.cell };
}

/** A sum of amounts, as a derived figure with its inputs. */
export function moneySum(amounts: Amount[], unit: Unit, formula: string, flagged: UnverifiedCells): FigureRun {
  const total = amounts.reduce((s, a) => s.plus(a.value), new Decimal(0));
  return figure(total, unit, { formula, inputs: amounts.map(refOf) }, flagged);
}

/** numerator ÷ denominator as a percentage; null when the denominator is zero (rate undefined). */
export function derivedRate(numerator: FigureRun, denominator: FigureRun, formula: string, flagged: UnverifiedCells): FigureRun | null {
  const d = decimalOf(denominator);
  if (d.isZero()) return null;
  const value = decimalOf(numerator).div(d).times(100);
  return figure(value, '%', { formula, inputs: [...sourceCells(numerator.source), ...sourceCells(denominator.source)] }, flagged);
}

/** a − b as a derived figure. */
export function derivedDifference(a: FigureRun, b: FigureRun, formula: string, flagged: UnverifiedCells): FigureRun {
  const value = decimalOf(a).minus(decimalOf(b));
  return figure(value, a.unit, { formula, inputs: [...sourceCells(a.source), ...sourceCells(b.source)] }, flagged);
}

/** −a, e.g. a negative 年中调整 printed as 年中调减. */
export function derivedNegation(a: FigureRun, formula: string, flagged: UnverifiedCells): FigureRun {
  return figure(decimalOf(a).negated(), a.unit, { formula, inputs: sourceCells(a.source) }, flagged);
}

export function count(n: number, unit: FigureUnit, formula: string, inputs: CellRef[], flagged: UnverifiedCells): FigureRun {
  return figure(new Decimal(n), unit, { formula, inputs: inputs.map((r) => ({ sheet: r.sheet, cell: r.cell })) }, flagged);
}

/** The cells behind a source: itself, or a derived figure's inputs. */
export function sourceCells(source: Source): { sheet: string; cell: string }[] {
  if (source.sheet && source.cell) return [{ sheet: source.sheet, cell: source.cell }];
  return source.inputs ?? [];
}

/** Units printed after the figure; years and counts leave the unit word to the sentence. */
export function printsUnit(unit: FigureUnit): boolean {
  return unit === '元' || unit === '万元' || unit === '亿元' || unit === '%';
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五, 310 → 三百一十 (enumerators up to 9999). */
export function chineseNumeral(n: number): string {
  if (n <= 0 || n >= 10000 || !Number.isInteger(n)) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += DIGITS[d] + unit;
  });
  return out;
}
