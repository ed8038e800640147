/**
 * Formulas saved without their results. Excel stores each formula's last result beside it;
 * a workbook written by a script (or saved with calculation off) may store only the formula,
 * and every figure it computes would read as blank. The formulas budget sheets use to add
 * up (+ − × ÷, SUM, ROUND, ABS, MIN, MAX over cells, ranges and other sheets) are computed
 * here, in decimal, with IF, IFERROR and comparisons for the 执行率 column's
 * IF(G5=0,"—",H5/G5); anything else is left blank and listed by cell, so it is never a silent
 * gap and never a guess. User text is parsed, never evaluated as code.
 */
import Decimal from 'decimal.js';
import { columnIndex, columnName } from './address';
import { CellValue, EXCEL_ERRORS, SheetSnapshot, WorkbookSnapshot } from './snapshot';

export interface UncachedFormula {
  sheet: string;
  cell: string;
  formula: string;
}

export interface FormulaEvaluation {
  /** The snapshot with the computed results filled in (the input is not changed). */
  snapshot: WorkbookSnapshot;
  /** Formulas without a saved result that were computed here. */
  computed: UncachedFormula[];
  /** Formulas without a saved result that could not be (an unsupported function, text, an error, a loop). */
  notComputed: UncachedFormula[];
}

/** Cells visited in all, so a sheet of cumulative SUMs stays bounded. */
const MAX_VISITS = 5_000_000;
/** Nesting of formulas that refer to later formulas. */
const MAX_DEPTH = 400;

class Unsupported extends Error {}

export function evaluateUncached(snapshot: WorkbookSnapshot): FormulaEvaluation {
  const sheets = snapshot?.sheets ?? [];
  const pending: { s: number; r: number; c: number }[] = [];
  sheets.forEach((sheet, s) => {
    const formulas = sheet?.formulas;
    if (!formulas || !Array.isArray(sheet.values)) return;
    for (let r = 0; r < formulas.length; r++) {
      const row = formulas[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        if (row[c] && (sheet.values[r]?.[c] ?? null) === null) pending.push({ s, r, c });
      }
    }
  });
  if (pending.length === 0) return { snapshot, computed: [], notComputed: [] };

  const byName = new Map<string, number>();
  sheets.forEach((sheet, i) => byName.set(sheet.name.toUpperCase(), i));
  const results = new Map<string, Value>(); // null: cannot be computed
  const active = new Set<string>();
  let visits = 0;

  const key = (s: number, r: number, c: number) => `${s}:${r}:${c}`;

  /** The value of a sheet cell (absolute 0-based coordinates), computing an uncached formula first. */
  const cellValue = (s: number, row: number, col: number, depth: number): Value => {
    if (++visits > MAX_VISITS) throw new Unsupported('too much work');
    const sheet = sheets[s];
    const r = row - (sheet.rowOffset ?? 0);
    const c = col - (sheet.colOffset ?? 0);
    const v = r >= 0 && c >= 0 ? (sheet.values[r]?.[c] ?? null) : null;
    const f = r >= 0 && c >= 0 ? sheet.formulas?.[r]?.[c] : null;
    if (v === null && f) return compute(s, r, c, depth + 1);
    return plain(v);
  };

  const compute = (s: number, r: number, c: number, depth: number): Value => {
    const k = key(s, r, c);
    if (results.has(k)) return results.get(k)!;
    if (active.has(k) || depth > MAX_DEPTH) return null;
    active.add(k);
    let out: Value;
    try {
      out = evaluate(sheets[s].formulas![r][c]!, s, depth);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      out = null;
    }
    active.delete(k);
    results.set(k, out);
    return out;
  };

  const evaluate = (formula: string, s: number, depth: number): Value => {
    const parser = new Parser(formula.replace(/^=/, ''), (ref) => resolve(ref, s), (sheetIndex, row, col) => cellValue(sheetIndex, row, col, depth), () => sheetExtent);
    return parser.parse();
  };

  const resolve = (sheetName: string | undefined, s: number): number => {
    if (sheetName === undefined) return s;
    const i = byName.get(sheetName.toUpperCase());
    if (i === undefined) throw new Unsupported(`no sheet ${sheetName}`);
    return i;
  };
  const sheetExtent = (s: number) => {
    const sheet = sheets[s];
    return { top: sheet.rowOffset ?? 0, bottom: (sheet.rowOffset ?? 0) + sheet.values.length - 1 };
  };

  const computed: UncachedFormula[] = [];
  const notComputed: UncachedFormula[] = [];
  const filled = new Map<number, CellValue[][]>();
  for (const p of pending) {
    let value: CellValue | undefined;
    try {
      value = cellResult(compute(p.s, p.r, p.c, 0));
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      value = null;
    }
    const sheet = sheets[p.s];
    const entry = {
      sheet: sheet.name,
      cell: `${columnName(p.c + (sheet.colOffset ?? 0))}${p.r + (sheet.rowOffset ?? 0) + 1}`,
      formula: sheet.formulas![p.r][p.c]!,
    };
    if (value === undefined) {
      notComputed.push(entry);
      continue;
    }
    computed.push(entry);
    let values = filled.get(p.s);
    if (!values) filled.set(p.s, (values = sheet.values.map((row) => row?.slice() ?? [])));
    values[p.r][p.c] = value;
  }
  const out: WorkbookSnapshot = {
    ...snapshot,
    sheets: sheets.map((sheet, i): SheetSnapshot => (filled.has(i) ? { ...sheet, values: filled.get(i)! } : sheet)),
  };
  return { snapshot: out, computed, notComputed };
}

/** A saved cell as a formula operand; an error value is one (IFERROR may catch it). */
function plain(v: CellValue): Value {
  if (v === null || v === '') return 'blank';
  if (typeof v === 'number') return Number.isFinite(v) ? new Decimal(v) : { error: '#NUM!' };
  if (typeof v === 'boolean') return { bool: v };
  return EXCEL_ERRORS.has(v.trim()) ? { error: v.trim() } : { text: v };
}

/** What the cell shows once computed; undefined for an error, which Excel alone should report. */
function cellResult(v: Value): CellValue | undefined {
  if (v === null) return undefined;
  if (v instanceof Decimal) return v.toNumber();
  if (v === 'blank') return 0;
  if ('text' in v) return v.text;
  if ('bool' in v) return v.bool;
  return undefined;
}

interface Ref {
  sheet?: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  wholeColumns: boolean;
}

const TOKEN = {
  space: /\s+/y,
  number: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y,
  ref: /(?:('(?:[^']|'')+'|[^\s!'"():,+\-*/^&=<>%;{}[\]]+)!)?(?:\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?|\$?([A-Z]{1,3}):\$?([A-Z]{1,3}))(?![A-Z0-9_(])/iy,
  func: /([A-Z][A-Z0-9.]*)\(/iy,
  string: /"((?:[^"]|"")*)"/y,
  bool: /(TRUE|FALSE)(?![A-Z0-9_(])/iy,
};

/** An operand: a number, text, a truth value, an Excel error value, blank, or null (cannot be computed). */
type Value = Decimal | { text: string } | { bool: boolean } | { error: string } | 'blank' | null;

const COMPARE = /<>|<=|>=|=|<|>/y;

/** A recursive-descent reader of the arithmetic subset, computing as it reads. */
class Parser {
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly sheetOf: (name: string | undefined) => number,
    private readonly cell: (sheet: number, row: number, col: number) => Value,
    private readonly extent: () => (s: number) => { top: number; bottom: number },
  ) {}

  parse(): Value {
    const v = this.expression(0);
    this.skip();
    if (this.pos < this.src.length) throw new Unsupported(`unexpected ${this.src.slice(this.pos, this.pos + 8)}`);
    return v;
  }

  /** Comparison, the lowest precedence: A=B, A<>B, A<B … */
  private expression(depth: number): Value {
    if (depth > 100) throw new Unsupported('nested too deep');
    const left = this.additive(depth);
    const op = this.match(COMPARE);
    if (!op) return left;
    return compare(left, op[0], this.additive(depth));
  }

  private additive(depth: number): Value {
    let left = this.term(depth);
    for (;;) {
      const op = this.peek();
      if (op !== '+' && op !== '-') return left;
      this.pos++;
      left = arithmetic(left, this.term(depth), (a, b) => (op === '+' ? a.plus(b) : a.minus(b)));
    }
  }

  private term(depth: number): Value {
    let left = this.unary(depth);
    for (;;) {
      const op = this.peek();
      if (op !== '*' && op !== '/') return left;
      this.pos++;
      left = arithmetic(left, this.unary(depth), (a, b) => (op === '*' ? a.times(b) : b.isZero() ? { error: '#DIV/0!' } : a.dividedBy(b)));
    }
  }

  private unary(depth: number): Value {
    const op = this.peek();
    if (op === '-' || op === '+') {
      this.pos++;
      return arithmetic(this.unary(depth), new Decimal(1), (a, b) => (op === '-' ? a.negated() : a.times(b)));
    }
    let v = this.primary(depth);
    while (this.peek() === '%') {
      this.pos++;
      v = arithmetic(v, new Decimal(100), (a, b) => a.dividedBy(b));
    }
    return v;
  }

  private primary(depth: number): Value {
    this.skip();
    if (this.peek() === '(') {
      this.pos++;
      const v = this.expression(depth + 1);
      this.expect(')');
      return v;
    }
    const fn = this.match(TOKEN.func);
    if (fn) return this.call(fn[1].toUpperCase(), depth);
    const ref = this.match(TOKEN.ref);
    if (ref) {
      const r = toRef(ref);
      if (r.top !== r.bottom || r.left !== r.right || r.wholeColumns) throw new Unsupported('a range outside a function');
      return this.cell(this.sheetOf(r.sheet), r.top, r.left);
    }
    const num = this.match(TOKEN.number);
    if (num) return new Decimal(num[0]);
    const str = this.match(TOKEN.string);
    if (str) return { text: str[1].replace(/""/g, '"') };
    const bool = this.match(TOKEN.bool);
    if (bool) return { bool: bool[1].toUpperCase() === 'TRUE' };
    throw new Unsupported(`cannot read ${this.src.slice(this.pos, this.pos + 8)}`);
  }

  private call(name: string, depth: number): Value {
    const args: Value[][] = [];
    this.skip();
    if (this.peek() !== ')') {
      for (;;) {
        // IF and IFERROR use one branch: the other may divide by zero or refer to what cannot be computed.
        args.push(name === 'IF' || name === 'IFERROR' ? this.lazyArgument(depth + 1) : this.argument(depth + 1));
        if (this.peek() === ',') {
          this.pos++;
          continue;
        }
        break;
      }
    }
    this.expect(')');
    const aggregate = (list: Value[][]): Decimal[] | { error: string } => {
      const out: Decimal[] = [];
      for (const v of list.flat()) {
        if (v instanceof Decimal) out.push(v);
        else if (v !== null && typeof v === 'object' && 'error' in v) return v;
      }
      return out;
    };
    switch (name) {
      case 'SUM':
      case 'MIN':
      case 'MAX': {
        const all = aggregate(args);
        if (!Array.isArray(all)) return all;
        if (name === 'SUM') return all.reduce((s, v) => s.plus(v), new Decimal(0));
        if (all.length === 0) return new Decimal(0);
        return name === 'MIN' ? Decimal.min(...all) : Decimal.max(...all);
      }
      case 'ABS':
        if (args.length !== 1) throw new Unsupported('ABS takes one argument');
        return arithmetic(single(args[0]), new Decimal(1), (a) => a.abs());
      case 'ROUND': {
        if (args.length !== 2) throw new Unsupported('ROUND takes two arguments');
        const digits = scalar(single(args[1])).toNumber();
        if (!Number.isInteger(digits) || Math.abs(digits) > 15) throw new Unsupported('ROUND digits');
        // Excel rounds half away from zero.
        const factor = new Decimal(10).pow(digits);
        return arithmetic(single(args[0]), factor, (a, f) => a.times(f).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).dividedBy(f));
      }
      case 'IF': {
        if (args.length < 2 || args.length > 3) throw new Unsupported('IF takes two or three arguments');
        const test = settle(single(args[0]));
        if (test !== null && typeof test === 'object' && 'error' in test) return test;
        const chosen = truthy(test) ? args[1] : args[2];
        return chosen ? settle(single(chosen)) : { bool: false };
      }
      case 'IFERROR': {
        if (args.length !== 2) throw new Unsupported('IFERROR takes two arguments');
        const v = settle(single(args[0]));
        return v !== null && typeof v === 'object' && 'error' in v ? settle(single(args[1])) : v;
      }
      default:
        throw new Unsupported(`function ${name}`);
    }
  }

  /** An argument computed only if used: what it would throw is kept for then. */
  private lazyArgument(depth: number): Value[] {
    try {
      return [this.expression(depth)];
    } catch (e) {
      if (!(e instanceof Unsupported) || e.message.startsWith('parse:')) throw e;
      // Skip the rest of the argument, keeping the failure for the moment it is chosen.
      this.skipArgument();
      return [{ deferred: e } as unknown as Value];
    }
  }

  /** Moves past the current argument: to the next top-level ',' or ')'. */
  private skipArgument(): void {
    let level = 0;
    for (; this.pos < this.src.length; this.pos++) {
      const ch = this.src[this.pos];
      if (ch === '"') {
        this.pos = this.src.indexOf('"', this.pos + 1);
        while (this.pos >= 0 && this.src[this.pos + 1] === '"') this.pos = this.src.indexOf('"', this.pos + 2);
        if (this.pos < 0) throw new Unsupported('parse: unclosed string');
      } else if (ch === '(') level++;
      else if (ch === ')' || ch === ',') {
        if (level === 0) return;
        if (ch === ')') level--;
      }
    }
  }

  /** A function argument: a range gives every cell in it; an expression gives one value. */
  private argument(depth: number): Value[] {
    this.skip();
    const start = this.pos;
    const ref = this.match(TOKEN.ref);
    if (ref) {
      this.skip();
      const next = this.peek();
      if (next === ',' || next === ')') {
        const r = toRef(ref);
        const s = this.sheetOf(r.sheet);
        let { top, bottom } = r;
        if (r.wholeColumns) ({ top, bottom } = this.extent()(s));
        if ((bottom - top + 1) * (r.right - r.left + 1) > 1_000_000) throw new Unsupported('range too large');
        const out: Value[] = [];
        for (let row = top; row <= bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(this.rangeCell(s, row, col));
        return out;
      }
      this.pos = start;
    }
    return [this.expression(depth)];
  }

  /** In a range, SUM skips text and blanks but an error or an uncomputable formula makes the result unknown. */
  private rangeCell(s: number, row: number, col: number): Value {
    const v = this.cell(s, row, col);
    if (v === null) throw new Unsupported('a cell in the range cannot be computed');
    return v;
  }

  private match(re: RegExp): RegExpExecArray | null {
    this.skip();
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (m) this.pos = re.lastIndex;
    return m;
  }

  private skip(): void {
    TOKEN.space.lastIndex = this.pos;
    if (TOKEN.space.exec(this.src)) this.pos = TOKEN.space.lastIndex;
  }

  private peek(): string {
    this.skip();
    return this.src[this.pos] ?? '';
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) throw new Unsupported(`expected ${ch}`);
    this.pos++;
  }
}

function toRef(m: RegExpExecArray): Ref {
  const sheet = m[1] ? (m[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1]) : undefined;
  if (m[6]) {
    const a = columnIndex(m[6].toUpperCase());
    const b = columnIndex(m[7].toUpperCase());
    return { sheet, top: 0, bottom: 0, left: Math.min(a, b), right: Math.max(a, b), wholeColumns: true };
  }
  const c1 = columnIndex(m[2].toUpperCase());
  const r1 = Number(m[3]) - 1;
  const c2 = m[4] ? columnIndex(m[4].toUpperCase()) : c1;
  const r2 = m[5] ? Number(m[5]) - 1 : r1;
  return { sheet, top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2), wholeColumns: false };
}

/** A number for arithmetic: blank is 0, TRUE 1, numeric text its number; other text cannot be computed here. */
function scalar(v: Value): Decimal {
  v = settle(v);
  if (v instanceof Decimal) return v;
  if (v === 'blank') return new Decimal(0);
  if (v !== null && 'bool' in v) return new Decimal(v.bool ? 1 : 0);
  if (v !== null && 'text' in v && /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v.text)) return new Decimal(v.text.trim());
  throw new Unsupported('text or an uncomputable cell in arithmetic');
}

/** Arithmetic on two operands: an error value passes through, as in Excel. */
function arithmetic(a: Value, b: Value, op: (a: Decimal, b: Decimal) => Decimal | { error: string }): Value {
  a = settle(a);
  b = settle(b);
  if (a !== null && typeof a === 'object' && 'error' in a) return a;
  if (b !== null && typeof b === 'object' && 'error' in b) return b;
  return op(scalar(a), scalar(b));
}

function compare(a: Value, op: string, b: Value): Value {
  a = settle(a);
  b = settle(b);
  if (a !== null && typeof a === 'object' && 'error' in a) return a;
  if (b !== null && typeof b === 'object' && 'error' in b) return b;
  const isText = (v: Value) => v !== null && typeof v === 'object' && 'text' in v;
  let c: number;
  if (isText(a) || isText(b)) {
    // Blank compares as ""; a number against text is beyond what budget sheets need.
    const t = (v: Value) => (v === 'blank' ? '' : isText(v) ? (v as { text: string }).text.toLowerCase() : null);
    const x = t(a);
    const y = t(b);
    if (x === null || y === null) throw new Unsupported('comparing text with a number');
    c = x < y ? -1 : x > y ? 1 : 0;
  } else {
    c = scalar(a).comparedTo(scalar(b));
  }
  const result = op === '=' ? c === 0 : op === '<>' ? c !== 0 : op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
  return { bool: result };
}

function truthy(v: Value): boolean {
  if (v === 'blank') return false;
  if (v !== null && typeof v === 'object' && 'bool' in v) return v.bool;
  return !scalar(v).isZero();
}

/** A deferred IF branch is thrown when it is finally used. */
function settle(v: Value): Value {
  if (v !== null && typeof v === 'object' && 'deferred' in v) throw (v as unknown as { deferred: Error }).deferred;
  return v;
}

function single(list: Value[]): Value {
  if (list.length !== 1) throw new Unsupported('a range where one value belongs');
  return list[0];
}
