/** Rounding-aware arithmetic on printed figures (REFERENCE.md §3), all in decimal.js. */
import Decimal from 'decimal.js';
import { Figure, UNIT_YUAN } from './extract';
import { halfUnit, Outcome, outcomeOf } from '../rounding';

export { halfUnit };

/** The figure's value in 元, reading a suspected unit slip as the unit it should have had. */
export function yuanOf(f: Figure): Decimal {
  if (f.suspectUnit) return f.value.times(UNIT_YUAN[f.suspectUnit]);
  return f.yuan ?? f.value;
}

/** Half the last printed digit of an amount, in 元 (counts and percentages: in their unit). */
export function halfYuan(f: Figure): Decimal {
  const u = f.suspectUnit ?? f.unit;
  return halfUnit(f.decimals).times(UNIT_YUAN[u] ?? 1);
}

export type { Outcome };

export interface SumCheck {
  outcome: Outcome;
  expected: Decimal;
  difference: Decimal;
  allowance: Decimal;
}

/** total = Σ sign·part, with the XBRL interval rule: |diff| ≤ ½ulp(total) + Σ ½ulp(part). */
export function checkSum(total: Figure, parts: { f: Figure; sign: number }[]): SumCheck {
  let expected = new Decimal(0);
  let allowance = halfYuan(total);
  for (const p of parts) {
    expected = expected.plus(yuanOf(p.f).times(p.sign));
    allowance = allowance.plus(halfYuan(p.f));
  }
  const difference = yuanOf(total).minus(expected);
  return { outcome: outcomeOf(difference, allowance), expected, difference, allowance };
}

/** Rounds half-up to d decimals (what a careful accountant prints). */
export function roundHalfUp(v: Decimal, d: number): Decimal {
  return v.toDecimalPlaces(d, Decimal.ROUND_HALF_UP);
}

/** Half of 1万元, in 元: inputs printed to 万元 or finer. */
const FINE_HALF = new Decimal(5000);

export type RateOutcome = 'ok' | 'truncated' | 'double' | 'mismatch';

/**
 * Is a printed percentage X% = num/den×100 at its printed precision? Half-up is right; a value that
 * truncation or double rounding of the exact quotient explains is a warning; anything else inside the
 * interval the rounded inputs allow is accepted.
 */
export function checkRate(
  printed: Figure,
  num: Decimal,
  numHalf: Decimal,
  den: Decimal,
  denHalf: Decimal,
): { outcome: RateOutcome; expected: Decimal } | null {
  if (den.lte(0)) return null;
  const d = printed.decimals;
  const exact = num.div(den).times(100);
  const expected = roundHalfUp(exact, d);
  const x = printed.value;
  if (expected.eq(x)) return { outcome: 'ok', expected };
  const lowDen = den.minus(denHalf);
  const lo = num.minus(numHalf).div(den.plus(denHalf)).times(100);
  const hi = lowDen.gt(0) ? num.plus(numHalf).div(lowDen).times(100) : new Decimal(Infinity);
  const h = halfUnit(d);
  const truncated = exact.toDecimalPlaces(d, Decimal.ROUND_DOWN).eq(x);
  if (x.plus(h).gte(lo) && x.minus(h).lte(hi)) {
    // Reachable from inputs anywhere in their rounding, yet the printed figures give another value: when
    // the printed one is what truncating, or rounding twice (44.4495 → 44.45 → 44.5), makes of the exact
    // quotient, that is how it was made. A warning, as the figures could still be rounded ones.
    // Only for inputs kept to 1万元 or finer (department accounts): figures of 亿元 to one decimal are
    // themselves rounded so coarsely that the quotient of the printed figures says nothing.
    const fine = numHalf.lte(FINE_HALF) && denHalf.lte(FINE_HALF);
    if (fine && truncated) return { outcome: 'truncated', expected };
    if (fine && roundHalfUp(roundHalfUp(exact, d + 1), d).eq(x)) return { outcome: 'double', expected };
    return { outcome: 'ok', expected };
  }
  if (truncated) return { outcome: 'truncated', expected };
  return { outcome: 'mismatch', expected };
}

/** 434.35万元-style text for a value in 元, printed in the given unit. */
export function formatYuan(yuan: Decimal, unit: string, decimals: number): string {
  const factor = UNIT_YUAN[unit] ?? new Decimal(1);
  return `${yuan.div(factor).toFixed(Math.max(decimals, 0))}${unit}`;
}
