/**
 * When does a total "add up"? XBRL Calculations 1.1 (as Arelle implements it): a figure v
 * shown with d decimals stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]; the total is consistent when its
 * interval overlaps the weighted sum of the parts' intervals. Closed form:
 * |total − Σ wᵢ·partᵢ| ≤ ½·10^−d_total + Σ |wᵢ|·½·10^−dᵢ.
 */
import Decimal from 'decimal.js';
// decimal.js keeps enough digits for every figure read to be summed exactly (precision.ts).
import './precision';

export interface Term {
  value: Decimal;
  decimals: number;
  weight: number;
}

export type Outcome = 'exact' | 'rounding' | 'mismatch';

export interface EquationCheck {
  outcome: Outcome;
  /** Σ wᵢ·partᵢ: what the total should be. */
  expected: Decimal;
  /** total − expected. */
  difference: Decimal;
  /** The allowance the rounding rule (or the user's tolerance) grants. */
  allowance: Decimal;
}

const HALF = new Decimal('0.5');
const ZERO = new Decimal(0);
/** Below any figure a budget sheet displays; differences this small are floating-point noise. */
export const FLOAT_RESIDUE = new Decimal('1e-9');

const HALF_UNITS: Decimal[] = Array.from({ length: 21 }, (_, d) => HALF.times(new Decimal(10).pow(-d)));

export function halfUnit(decimals: number): Decimal {
  return HALF_UNITS[Math.max(0, Math.min(Math.trunc(decimals) || 0, 20))];
}

export function weightedSum(parts: Term[]): Decimal {
  let sum = new Decimal(0);
  for (const p of parts) sum = p.weight === 1 ? sum.plus(p.value) : p.weight === -1 ? sum.minus(p.value) : sum.plus(p.value.times(p.weight));
  return sum;
}

/** Only decimals and weights matter: the allowance never depends on the figures themselves. */
export function roundingAllowance(total: { decimals: number }, parts: readonly { decimals: number; weight: number }[]): Decimal {
  const sum = new AllowanceSum(total.decimals);
  for (const p of parts) sum.add(p.decimals, p.weight);
  return sum.value();
}

/**
 * ½·10^−d_total + Σ |wᵢ|·½·10^−dᵢ, operand by operand. A 合计 over 20,000 rows: the ±1 parts
 * are counted per decimals and multiplied once, not added 20,000 times.
 */
export class AllowanceSum {
  private readonly unitWeighted = new Map<number, number>();
  private other: Decimal;

  constructor(totalDecimals: number) {
    this.other = halfUnit(totalDecimals);
  }

  add(decimals: number, weight: number): void {
    if (weight === 1 || weight === -1) this.unitWeighted.set(decimals, (this.unitWeighted.get(decimals) ?? 0) + 1);
    else this.other = this.other.plus(halfUnit(decimals).times(Math.abs(weight)));
  }

  value(): Decimal {
    let a = this.other;
    for (const [decimals, count] of this.unitWeighted) a = a.plus(halfUnit(decimals).times(count));
    return a;
  }
}

/**
 * THE decision, the one every check uses (rules, fast path replays, fixes, the draft audit): a stated
 * figure differs from what its parts give by `difference`; within `allowance` it is a rounding residue
 * (尾差), beyond it the figures do not add up. Float residue of cached formula results is exact.
 */
export function outcomeOf(difference: Decimal, allowance: Decimal): Outcome {
  const abs = difference.abs();
  if (abs.lt(FLOAT_RESIDUE)) return 'exact';
  return abs.lte(allowance) ? 'rounding' : 'mismatch';
}

/**
 * outcomeOf as an interval, for searching sorted figures: every v with outcomeOf(v − center, allowance)
 * other than 'mismatch' lies in [lo, hi] when `inclusive`, else in the open (lo, hi).
 */
export function agreementInterval(center: Decimal, allowance: Decimal): { lo: Decimal; hi: Decimal; inclusive: boolean } {
  if (allowance.gte(FLOAT_RESIDUE)) return { lo: center.minus(allowance), hi: center.plus(allowance), inclusive: true };
  return { lo: center.minus(FLOAT_RESIDUE), hi: center.plus(FLOAT_RESIDUE), inclusive: false };
}

/**
 * Checks total = Σ wᵢ·partᵢ. With a user tolerance, it replaces the rounding allowance.
 * Blank parts must be left out by the caller; they are not zeros.
 */
export function checkEquation(total: Term, parts: Term[], tolerance?: Decimal): EquationCheck {
  const expected = weightedSum(parts);
  const difference = total.value.minus(expected);
  // Most identities hold exactly; the allowance is only worth computing when they do not.
  if (outcomeOf(difference, ZERO) === 'exact') return { outcome: 'exact', expected, difference, allowance: tolerance ?? ZERO };
  const allowance = tolerance ?? roundingAllowance(total, parts);
  return { outcome: outcomeOf(difference, allowance), expected, difference, allowance };
}
