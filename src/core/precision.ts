/**
 * How far figures are exact. decimal.js rounds every result to `precision` significant digits, 20
 * by default: a 30-digit figure (「123456789012345678901234567890.12」 typed as text, or written into a
 * file by a script) would lose its last digits in every sum, and a finding would show a difference
 * that is not there. Figures up to MAX_FIGURE_DIGITS digits before the point are read; with 100
 * significant digits, their sums and differences (and any decimals they carry up to 50 or so) are
 * exact, and a rounding error, were a sum ever to reach beyond, stays below 10⁻⁴⁰: far below the
 * smallest difference the checks look at (rounding.ts: below 10⁻⁹ is float residue). Larger figures are no
 * budget figures: they are listed as not checked rather than summed inexactly.
 */
import Decimal from 'decimal.js';

/** Significant digits decimal.js keeps in results. */
export const DECIMAL_PRECISION = 100;

Decimal.set({ precision: DECIMAL_PRECISION });

/** Digits before the point of the largest figure read; beyond it a figure is listed as not checked. */
export const MAX_FIGURE_DIGITS = 40;

/** |figure| must stay below this (10^MAX_FIGURE_DIGITS). */
export const FIGURE_LIMIT = new Decimal(10).pow(MAX_FIGURE_DIGITS);

/** The same bound as a double, for numbers read straight from cells. */
export const FIGURE_LIMIT_NUMBER = 1e40;

/** A figure too long to be one, as notes and messages show it: its first and last digits and how many. */
export function shortFigure(text: string): string {
  const t = text.trim();
  if (t.length <= 24) return t;
  const digits = t.replace(/[^0-9]/g, '').length;
  return `${t.slice(0, 12)}…${t.slice(-4)}（${digits} 位）`;
}
