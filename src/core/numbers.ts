import Decimal from 'decimal.js';
import { FIGURE_LIMIT, FIGURE_LIMIT_NUMBER } from './precision';
import { CellValue } from './snapshot';

export type Unit = '元' | '万元' | '亿元';

/** How many 元 one unit holds; used to convert between tables kept in different units. */
export const UNIT_FACTOR: Record<Unit, Decimal> = {
  元: new Decimal(1),
  万元: new Decimal(10000),
  亿元: new Decimal(100000000),
};

export type ParsedNumber =
  | { kind: 'blank' }
  | { kind: 'error'; code: string }
  /** `tooLong`: a figure with more than MAX_FIGURE_DIGITS digits before the point (precision.ts): no budget figure. */
  | { kind: 'text'; text: string; tooLong?: boolean }
  | {
      kind: 'number';
      value: Decimal;
      /** Decimals the figure is shown with (from the number format, or as typed for text). */
      decimals: number;
      /** True when the cell holds text that had to be read as a number. */
      fromText: boolean;
      /** A unit written into the text itself ("131.31万元"). */
      unitSuffix?: Unit;
      /** True when the value is a fraction shown as a percentage (0.9554 shown 95.54%). */
      percent: boolean;
    };

const FULL_WIDTH_DIGITS = /[０-９．，－＋（）％]/g;
const BLANK_MARKS = new Set(['', '-', '—', '——', '–', '－', '/', '／', '无', 'N/A', 'n/a', '\\']);
const ERROR_RE = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

export function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH_DIGITS, (ch) => {
    switch (ch) {
      case '．':
        return '.';
      case '，':
        return ',';
      case '－':
        return '-';
      case '＋':
        return '+';
      case '（':
        return '(';
      case '）':
        return ')';
      case '％':
        return '%';
      default:
        return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    }
  });
}

/** Decimal from a float without binary noise: 0.1+0.2 reads as 0.3. */
export function decimalFromNumber(n: number): Decimal {
  // Whole numbers below 10⁷ take decimal.js's own fast path, with no string at all (-0 reads as 0).
  if (Number.isInteger(n) && n < 1e7 && n > -1e7) return new Decimal(n === 0 ? 0 : n);
  // Whole cents below 10¹¹ (the usual figure) print in at most 15 characters: no need to look.
  if (n < 1e11 && n > -1e11 && Math.round(n * 100) / 100 === n) return new Decimal(n);
  // The shortest round-trip form is exact for typed figures; longer forms are float noise.
  // Decimal(n) parses that same form (n.toString()) without Decimal(string)'s validating regex.
  const s = String(n);
  return s.length <= 15 || s.includes('e') ? new Decimal(n) : new Decimal(String(Number(n.toPrecision(15))));
}

/** Decimals a number format shows; null for General or when it cannot tell. */
const formatCache = new Map<string, { decimals: number; percent: boolean } | null>();

export function formatDecimals(format: string | null | undefined): { decimals: number; percent: boolean } | null {
  if (!format || format === 'General' || format === '@') return null;
  let cached = formatCache.get(format);
  if (cached === undefined) {
    cached = parseFormatDecimals(format);
    if (formatCache.size < 1000) formatCache.set(format, cached);
  }
  return cached;
}

function parseFormatDecimals(format: string): { decimals: number; percent: boolean } | null {
  if (/^general$/i.test(format)) return null;
  // Only the positive section matters; strip quoted text and bracketed colours/conditions.
  const section = format.split(';')[0].replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  const percent = section.includes('%');
  const dot = section.indexOf('.');
  let decimals = 0;
  if (dot >= 0) {
    for (let i = dot + 1; i < section.length; i++) {
      const ch = section[i];
      if (ch === '0' || ch === '#' || ch === '?') decimals++;
      else break;
    }
  }
  return { decimals, percent };
}

function decimalsOf(d: Decimal): number {
  return Math.max(0, d.decimalPlaces());
}

/**
 * Reads one cell as a number. Numbers stored as text are accepted in the forms
 * real sheets use (thousands separators, full-width digits, trailing units,
 * parenthesised negatives); "—" and "-" mean blank, never zero.
 */
export function parseNumber(v: CellValue, format?: string | null): ParsedNumber {
  if (v === null || v === undefined) return { kind: 'blank' };
  if (typeof v === 'boolean') return { kind: 'text', text: String(v) };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'error', code: '#NUM!' };
    if (v >= FIGURE_LIMIT_NUMBER || v <= -FIGURE_LIMIT_NUMBER) return { kind: 'text', text: String(v), tooLong: true };
    const value = decimalFromNumber(v);
    const fd = formatDecimals(format);
    if (fd) {
      return { kind: 'number', value, decimals: fd.percent ? fd.decimals + 2 : fd.decimals, fromText: false, percent: fd.percent };
    }
    return { kind: 'number', value, decimals: Math.min(decimalsOf(value), 10), fromText: false, percent: false };
  }
  const raw = v.trim();
  if (ERROR_RE.test(raw)) return { kind: 'error', code: raw };
  let s = toHalfWidth(raw).replace(/[\s\u3000]/g, '');
  if (BLANK_MARKS.has(s)) return { kind: 'blank' };
  let unitSuffix: Unit | undefined;
  const unitMatch = /(亿元|万元|元)$/.exec(s);
  if (unitMatch) {
    unitSuffix = unitMatch[1] as Unit;
    s = s.slice(0, -unitMatch[1].length);
  }
  s = s.replace(/^[¥￥]/, '');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  // Thousands separators must sit in groups of three; "1,2" is text, not 12.
  if (s.includes(',')) {
    if (!/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return { kind: 'text', text: raw };
    s = s.replace(/,/g, '');
  }
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { kind: 'text', text: raw };
  let value = new Decimal(s);
  if (value.abs().gte(FIGURE_LIMIT)) return { kind: 'text', text: raw, tooLong: true };
  if (negative) value = value.negated();
  const typedDecimals = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
  if (percent) value = value.div(100);
  return {
    kind: 'number',
    value,
    decimals: percent ? typedDecimals + 2 : typedDecimals,
    fromText: true,
    unitSuffix,
    percent,
  };
}

/**
 * A number cell's figure from the digits the file wrote for it (snapshot.ts exactNumbers), where a double
 * cannot hold them: read exactly, shown as the number format says (as written, at most 10 decimals, when
 * it does not say). Undefined when the text is not a plain decimal number: the double is read instead.
 */
export function parseExactNumber(text: string, format?: string | null): ParsedNumber | undefined {
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,4})?$/.test(text)) return undefined;
  const value = new Decimal(text);
  if (value.abs().gte(FIGURE_LIMIT)) return { kind: 'text', text, tooLong: true };
  const fd = formatDecimals(format);
  if (fd) return { kind: 'number', value, decimals: fd.percent ? fd.decimals + 2 : fd.decimals, fromText: false, percent: fd.percent };
  return { kind: 'number', value, decimals: Math.min(decimalsOf(value), 10), fromText: false, percent: false };
}

/** Formats a Decimal for messages: fixed decimals, no exponent. */
export function fmt(d: Decimal, decimals = 2): string {
  return d.toFixed(decimals);
}

export function fmtPercent(d: Decimal, decimals = 2): string {
  return d.times(100).toFixed(decimals) + '%';
}
