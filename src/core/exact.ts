/**
 * Exact fixed-point figures for the checks that run on every row.
 *
 * A budget figure almost always has at most six decimals and is far below 10⁹. Such a figure is
 * an integer count of millionths ("micros"), held as a BigInt, and sums and differences of
 * BigInts are exact integer arithmetic: there is no binary fraction anywhere. The engine checks
 * an identity on micros first; only when that says "does not add up" (or an operand has no
 * micros: more decimals, a larger figure, a unit conversion) does decimal.js work the identity
 * out, and every figure a finding shows comes from decimal.js.
 *
 * The micros of a cell are exactly the Decimal the engine reads for it (numbers.ts
 * decimalFromNumber) times 10⁶: see microsOfNumber, and test/core/exact.test.ts, which checks
 * it and checks that validation gives the same findings with the fast path switched off.
 */
import Decimal from 'decimal.js';

export type Micros = bigint;

/** Decimals a micro holds. */
export const MICRO_DECIMALS = 6;
const SCALE = 1e6;
/** 10⁶ as a BigInt: one unit in micros. */
export const MICROS_PER_UNIT = 1000000n;
/** Beyond ±10⁹ a double's spacing approaches 10⁻⁶; such figures take the decimal.js path. */
const LIMIT = 1e9;

/**
 * The micros of a cell's number, when it has at most 6 decimals and |n| < 10⁹; else undefined.
 * Why exact: x = round(n·10⁶) is an integer below 2⁵³, and x / 10⁶ (one correctly rounded
 * division) gives back n only when n is the double nearest to the decimal x·10⁻⁶. Below 10⁹ two
 * multiples of 10⁻⁶ are never nearest to the same double, so x·10⁻⁶ is the decimal n stands
 * for: the shortest form String(n) prints, and what decimalFromNumber reads.
 */
export function microsOfNumber(n: number): Micros | undefined {
  if (!(n < LIMIT && n > -LIMIT)) return undefined;
  const x = Math.round(n * SCALE);
  return x / SCALE === n ? BigInt(x) : undefined;
}

const MICRO_FACTOR = new Decimal(SCALE);

/** The micros of a Decimal, when it has at most 6 decimals and |d| < 10⁹; else undefined. */
export function microsOfDecimal(d: Decimal): Micros | undefined {
  if (!d.isFinite() || d.decimalPlaces() > MICRO_DECIMALS || d.abs().gte(LIMIT)) return undefined;
  return BigInt(d.times(MICRO_FACTOR).toFixed(0));
}

/** The Decimal a count of micros stands for. */
export function decimalOfMicros(m: Micros): Decimal {
  return m === 0n ? ZERO : new Decimal(m.toString()).div(MICRO_FACTOR);
}

const ZERO = new Decimal(0);

/** Micros of half a unit of the last shown decimal (d ≤ 6), the rounding rule's allowance step. */
export function halfUnitMicros(decimals: number): Micros | undefined {
  const d = Math.max(0, Math.trunc(decimals) || 0);
  // ½·10⁻ᵈ in micros is 5·10^(5−d): whole only up to 5 decimals; 6 decimals need the decimal path.
  return d <= 5 ? HALF_UNIT_MICROS[d] : undefined;
}

const HALF_UNIT_MICROS: Micros[] = [500000n, 50000n, 5000n, 500n, 50n, 5n];

const POW10: Micros[] = [1n, 10n, 100n, 1000n, 10000n, 100000n, 1000000n];

/** m rounded half away from zero (decimal.js ROUND_HALF_UP) to d decimals, still in micros. */
export function roundMicros(m: Micros, decimals: number): Micros {
  const d = Math.max(0, Math.trunc(decimals) || 0);
  if (d >= MICRO_DECIMALS) return m;
  const u = POW10[MICRO_DECIMALS - d];
  const r = m % u; // sign of m, |r| < u
  const q = m - r;
  return 2n * (r < 0n ? -r : r) >= u ? q + (m < 0n ? -u : u) : q;
}

/**
 * A cell's number rounded half away from zero to d ≤ 6 decimals, in micros, for figures that
 * have too many digits for micros of their own (a rate worked out by =G5/F5). The rounding is
 * decided on n·10ᵈ, which lies within 10⁻⁹ of the decimal the cell stands for when below 10⁶;
 * a fraction within 10⁻⁶ of ½ could round either way, so there the answer is undefined and
 * decimal.js decides. Away from a tie both round the same way; the result is a whole number.
 */
export function roundedMicrosOfNumber(n: number, decimals: number): Micros | undefined {
  const d = Math.trunc(decimals);
  if (!(d >= 0 && d <= MICRO_DECIMALS) || !Number.isFinite(n)) return undefined;
  const y = Math.abs(n) * 10 ** d;
  if (!(y < 1e6)) return undefined;
  const whole = Math.floor(y);
  const fraction = y - whole;
  if (Math.abs(fraction - 0.5) < 1e-6) return undefined;
  const r = BigInt(fraction > 0.5 ? whole + 1 : whole) * POW10[MICRO_DECIMALS - d];
  return n < 0 ? -r : r;
}

export function absMicros(m: Micros): Micros {
  return m < 0n ? -m : m;
}
