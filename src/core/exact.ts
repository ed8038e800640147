/**
 * Exact fixed-point figures for the checks that run on every row.
 *
 * A budget figure almost always has at most six decimals and is far below 10⁹. Such a figure
 * is a whole number of millionths ("micros"), |m| < 10¹⁵. JavaScript numbers hold every whole
 * number below 2⁵³ ≈ 9·10¹⁵ exactly, and adding or subtracting whole numbers whose result stays
 * below 2⁵³ is exact: these are integers, not binary fractions, and every sum here checks that
 * it stays in that range (addMicros) or gives up. Products, which would leave it, are taken in
 * BigInt. The engine checks an identity on micros first; only when that says "does not add up"
 * (or an operand has no micros: more decimals, a larger figure, a unit conversion) does
 * decimal.js work it out, and every figure a finding shows comes from decimal.js.
 *
 * The micros of a cell are exactly the Decimal the engine reads for it (numbers.ts
 * decimalFromNumber) times 10⁶: see microsOfNumber, and test/core/exact.test.ts, which checks
 * it against decimal.js and checks that validation gives the same findings with the fast path
 * switched off.
 */
import Decimal from 'decimal.js';

/** A whole number of millionths, |m| < 10¹⁵. */
export type Micros = number;

/** Decimals a micro holds. */
export const MICRO_DECIMALS = 6;
const SCALE = 1e6;
/** One unit, in micros. */
export const UNIT_MICROS = 1e6;
/** Beyond ±10⁹ a double's spacing approaches 10⁻⁶; such figures take the decimal.js path. */
const LIMIT = 1e9;
/** Every whole number up to here is a double; sums beyond it are given up, never rounded. */
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The micros of a cell's number, when it has at most 6 decimals and |n| < 10⁹; else undefined.
 * Why exact: x = round(n·10⁶) is a whole number below 2⁵³, and x / 10⁶ (one correctly rounded
 * division) gives back n only when n is the double nearest to the decimal x·10⁻⁶. Below 10⁹ two
 * multiples of 10⁻⁶ are never nearest to the same double, so x·10⁻⁶ is the decimal n stands
 * for: the shortest form String(n) prints, and what decimalFromNumber reads.
 */
export function microsOfNumber(n: number): Micros | undefined {
  if (!(n < LIMIT && n > -LIMIT)) return undefined;
  const x = Math.round(n * SCALE);
  // -0 reads as 0: one zero.
  return x / SCALE === n ? x + 0 : undefined;
}

const MICRO_FACTOR = new Decimal(SCALE);

/** The micros of a Decimal, when it has at most 6 decimals and |d| < 10⁹; else undefined. */
export function microsOfDecimal(d: Decimal): Micros | undefined {
  if (!d.isFinite() || d.decimalPlaces() > MICRO_DECIMALS || d.abs().gte(LIMIT)) return undefined;
  return Number(d.times(MICRO_FACTOR).toFixed(0)) + 0;
}

const ZERO = new Decimal(0);

/** The Decimal a count of micros stands for. */
export function decimalOfMicros(m: Micros): Decimal {
  return m === 0 ? ZERO : new Decimal(m).div(MICRO_FACTOR);
}

/** a + b, exactly; undefined when either is missing or the sum leaves the whole-number range. */
export function addMicros(a: Micros | undefined, b: Micros | undefined): Micros | undefined {
  if (a === undefined || b === undefined) return undefined;
  const s = a + b;
  return s <= SAFE && s >= -SAFE ? s : undefined;
}

/** m·w for a whole weight w, exactly; undefined when the product leaves the whole-number range. */
export function timesMicros(m: Micros, w: number): Micros | undefined {
  if (!Number.isInteger(w)) return undefined;
  const p = m * w;
  return p <= SAFE && p >= -SAFE ? p + 0 : undefined;
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** m rounded half away from zero (decimal.js ROUND_HALF_UP) to d decimals, still in micros. */
export function roundMicros(m: Micros, decimals: number): Micros {
  const d = Math.max(0, Math.trunc(decimals) || 0);
  if (d >= MICRO_DECIMALS) return m;
  const u = POW10[MICRO_DECIMALS - d];
  const r = m % u; // whole numbers: exact; sign of m, |r| < u
  const q = m - r;
  return 2 * Math.abs(r) >= u ? q + (m < 0 ? -u : u) : q + 0;
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
  const r = (fraction > 0.5 ? whole + 1 : whole) * POW10[MICRO_DECIMALS - d];
  return n < 0 ? -r : r + 0;
}

/** 10⁰ … 10¹⁵: exact doubles. */
const POWERS = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

/** e with 10^e ≤ |x| < 10^(e+1) for the figure m micros stand for (m ≠ 0). */
export function exponentOfMicros(m: Micros): number {
  const n = Math.abs(m);
  let lo = 0;
  let hi = POWERS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (POWERS[mid] <= n) lo = mid;
    else hi = mid - 1;
  }
  return lo - MICRO_DECIMALS;
}

/** a·b against c·d, exactly (products of micros leave the whole-number range: BigInt). */
export function compareProducts(a: Micros, b: Micros, c: Micros, d: Micros): number {
  const l = BigInt(a) * BigInt(b);
  const r = BigInt(c) * BigInt(d);
  return l < r ? -1 : l > r ? 1 : 0;
}

/** |a·b − c·d|·2 < e·f, exactly: the rate rule's "rounds right" test. */
export function productGapBelow(a: Micros, b: Micros, c: Micros, d: Micros, e: Micros, f: Micros): boolean {
  let gap = BigInt(a) * BigInt(b) - BigInt(c) * BigInt(d);
  if (gap < 0n) gap = -gap;
  const bound = BigInt(e) * BigInt(f);
  return gap * 2n < (bound < 0n ? -bound : bound);
}
