import Decimal from 'decimal.js';
import { Equation, Finding, NotChecked, Operand, RuleId, Settings, Severity } from '../findings';
import { Amount, BudgetModel } from '../model';
import { addMicros, Micros, timesMicros } from '../exact';
import { IdentityLedger } from '../ledger';
import { Unit } from '../numbers';
import { checkEquation, Outcome, outcomeOf, roundingAllowance, Term, weightedSum } from '../rounding';

const ZERO = new Decimal(0);

/**
 * target − Σ wᵢ·partᵢ in micros: exact integer arithmetic. Undefined when an operand has no
 * micros or a weight is not a whole number; the caller then works in decimal.js.
 */
function microsDifference(target: Operandish, parts: Operandish[]): Micros | undefined {
  let d = target.amount.micros;
  for (let i = 0; i < parts.length && d !== undefined; i++) {
    const p = parts[i];
    const m = p.amount.micros;
    const w = p.weight ?? 1;
    d = m === undefined ? undefined : w === 1 ? addMicros(d, -m) : w === -1 ? addMicros(d, m) : addMicros(d, timesMicros(-m, w));
  }
  return d;
}

/** The rounding rule's allowance for an identity: from the operands' decimals and weights, never their values. */
export function allowanceOf(target: Operandish, parts: Operandish[]): Decimal {
  return roundingAllowance(target.amount, parts.map((p) => ({ decimals: p.amount.decimals, weight: p.weight ?? 1 })));
}

/** The rounding-rule view of an operand. */
export function termOfOperand(o: Operandish): Term {
  return { value: o.amount.value, decimals: o.amount.decimals, weight: o.weight ?? 1 };
}

export interface RuleContext {
  model: BudgetModel;
  settings: Settings;
  /** User-set absolute tolerance (overrides rounding). */
  tolerance?: Decimal;
  idleThreshold: Decimal;
  /** Every identity checked, for fixes to replay. */
  ledger: IdentityLedger;
  notChecked: NotChecked[];
  /** Every error value in the user's sheets, in sheet order. */
  errorCells: { sheet: string; cell: string; code: string; formula?: string }[];
  /** Present when finding ids must stay unique and stable (the n-th identity at a cell is …#n); counted per cell, not stored as strings. */
  usedIds?: Set<string>;
}

export interface Rule {
  id: RuleId;
  check(ctx: RuleContext): Finding[];
}

export interface Operandish {
  amount: Amount;
  label: string;
  /** 1 when absent. Hot paths set it anyway: one object shape keeps property reads fast. */
  weight?: number;
}

/**
 * Whether a reading's identity holds (exactly or within rounding), without recording it: readings are
 * weighed first, and only the one taken is checked and recorded by checkIdentity.
 */
export function readingHolds(ctx: RuleContext, target: Operandish, parts: Operandish[]): boolean {
  if (!parts.length) return true;
  return checkEquation(termOfOperand(target), parts.map(termOfOperand), ctx.tolerance).outcome !== 'mismatch';
}

/** The human form of Σ wᵢ·partᵢ: 「基本支出 + 项目支出」, 「收入合计 − 支出合计」. */
export function formulaOf(parts: Operandish[]): string {
  return parts.map((p, i) => (i === 0 ? (p.weight === -1 ? '−' : '') : p.weight === -1 ? ' − ' : ' + ') + p.label).join('');
}

export function operand(o: Operandish): Operand {
  return {
    sheet: o.amount.ref.sheet,
    cell: o.amount.ref.cell,
    label: o.label,
    // toFixed, not toString: Decimal switches to exponent notation (1e+21, 5e-324) otherwise.
    value: o.amount.value.toFixed(),
    decimals: o.amount.decimals,
    weight: o.weight ?? 1,
  };
}

export function termOf(o: Operand): Term {
  return { value: new Decimal(o.value), decimals: o.decimals, weight: o.weight };
}

/** Display decimals for a figure in messages: at least 2, more when the data has them. */
export function shownDecimals(...ds: number[]): number {
  return Math.min(6, Math.max(2, ...ds.filter((d) => Number.isFinite(d))));
}

export function findingId(rule: RuleId, sheet: string, cell: string): string {
  return `${rule}:${sheet}!${cell}`;
}

export interface IdentitySpec {
  rule: RuleId;
  /** The row's or line's label, first in the message. */
  subject: string;
  /** The quantity the target cell states: 结余结转, 合计 上年结转结余 … */
  quantity: string;
  /** Human form of the right-hand side: 「全年预算数 − 实际支出」; a function when it is only worth building for a finding. */
  formula: string | (() => string);
  target: Operandish;
  parts: Operandish[];
  unit: Unit;
  severity?: Severity;
}

/** "310.000000" → "310.00": drops trailing zeros beyond two decimals. */
export function trimZeros(s: string, keep = 2): string {
  const dot = s.indexOf('.');
  if (dot < 0) return s;
  let end = s.length;
  while (end > dot + 1 + keep && s[end - 1] === '0') end--;
  return s.slice(0, end);
}

/** Signed decimal string without exponent. */
export function dstr(d: Decimal): string {
  return d.toFixed();
}

/**
 * Checks one identity and records it. Returns a finding when the figures do not add up
 * (error) or add up only within rounding (info, 尾差); nothing when exact.
 */
export function checkIdentity(ctx: RuleContext, spec: IdentitySpec): Finding | null {
  // Hot path: tens of thousands of identities, most of them exact. The difference is worked out
  // straight from the operands (no Σ first, no term copies); strings only for findings.
  const targetRef = spec.target.amount.ref;
  const micros = microsDifference(spec.target, spec.parts);
  if (micros === 0) {
    // Exact: nothing to show. Still counted (ids stay stable) and recorded (fixes replay it).
    if (ctx.usedIds) countIdentity(ctx, spec.rule, targetRef.sheet, targetRef.row, targetRef.col);
    ctx.ledger.record(spec.target.amount, spec.parts);
    return null;
  }
  let difference = spec.target.amount.value;
  for (const p of spec.parts) {
    const w = p.weight ?? 1;
    const v = p.amount.value;
    difference = w === 1 ? difference.minus(v) : w === -1 ? difference.plus(v) : difference.minus(v.times(w));
  }
  // Cached formula results carry binary residue (150 − 149.6 = 0.40000000000000568): not a 尾差.
  const exact = difference.isZero() || outcomeOf(difference, ZERO) === 'exact';
  let allowance: Decimal | undefined;
  let outcome: Outcome = 'exact';
  if (!exact) {
    allowance = ctx.tolerance ?? allowanceOf(spec.target, spec.parts);
    outcome = outcomeOf(difference, allowance);
  }
  // One cell can be the target of two identities (支出总计 against its parts and against 收入总计):
  // the n-th identity at a cell is always …#n, whether or not the others fail, so ids stay stable
  // after a fix and the equation a fix replays names the finding it clears.
  const nth = ctx.usedIds ? countIdentity(ctx, spec.rule, targetRef.sheet, targetRef.row, targetRef.col) : 1;
  const id = exact ? undefined : findingId(spec.rule, targetRef.sheet, targetRef.cell) + (nth > 1 ? `#${nth}` : '');
  // A float residue read as exact keeps its residue: replays add to what was checked.
  const open = ctx.ledger.record(spec.target.amount, spec.parts, difference.isZero() ? undefined : { outcome, difference });
  if (exact || !id || !allowance) return null;
  // A finding: the figures it shows are worked out as Σ first, then total − Σ, as stated.
  const expectedSum = weightedSum(spec.parts.map(termOfOperand));
  const result = { outcome, expected: expectedSum, difference: spec.target.amount.value.minus(expectedSum), allowance };
  open!.difference = result.difference;
  const formulaText = typeof spec.formula === 'string' ? spec.formula : spec.formula();
  const target = operand(spec.target);
  const parts = spec.parts.map(operand);
  const equation: Equation = { target, parts, formula: `${spec.quantity} = ${formulaText}` };
  const d = shownDecimals(target.decimals, ...parts.map((p) => p.decimals));
  const u = spec.unit;
  // Converted figures (元 → 万元) carry many decimals; show the ones that say something.
  const expected = trimZeros(result.expected.toFixed(d));
  const actual = trimZeros(spec.target.amount.value.toFixed(d));
  const diff = trimZeros(result.difference.abs().toFixed(d));
  const severity: Severity = result.outcome === 'rounding' ? 'info' : (spec.severity ?? 'error');
  const message =
    result.outcome === 'rounding'
      ? `${spec.subject}：${spec.quantity} ${actual} ${u} 与 ${formulaText} = ${expected} ${u} 相差 ${diff} ${u}，在四舍五入尾差范围内（允许 ${result.allowance.toFixed()} ${u}）`
      : `${spec.subject}：${spec.quantity}应为 ${expected} ${u}，表中为 ${actual} ${u}，相差 ${diff} ${u}`;
  const messageEn =
    result.outcome === 'rounding'
      ? `${spec.subject}: ${spec.quantity} ${actual} differs from ${expected} by ${diff} ${u}, within rounding (allowed ${result.allowance.toFixed()})`
      : `${spec.subject}: ${spec.quantity} should be ${expected} ${u}, the sheet says ${actual} ${u} (difference ${diff} ${u})`;
  const finding: Finding = {
    id,
    rule: spec.rule,
    severity,
    sheet: target.sheet,
    cell: target.cell,
    related: parts.map((p) => ({ sheet: p.sheet, cell: p.cell, label: p.label, value: p.value })),
    expected: dstr(result.expected),
    actual: target.value,
    difference: dstr(result.difference),
    tolerance: dstr(result.allowance),
    unit: spec.unit,
    label: spec.subject,
    message,
    messageEn,
    equation,
  };
  open!.finding = finding;
  return finding;
}

/**
 * How many identities of this rule have had this cell as their target, this one included.
 * Counted by sheet and cell number rather than by id string: no string per exact identity.
 */
const identityCounts = new WeakMap<RuleContext, Map<RuleId, Map<string, Map<number, number>>>>();

function countIdentity(ctx: RuleContext, rule: RuleId, sheet: string, row: number, col: number): number {
  let byRule = identityCounts.get(ctx);
  if (!byRule) identityCounts.set(ctx, (byRule = new Map()));
  let bySheet = byRule.get(rule);
  if (!bySheet) byRule.set(rule, (bySheet = new Map()));
  let byCell = bySheet.get(sheet);
  if (!byCell) bySheet.set(sheet, (byCell = new Map()));
  const key = row * 16384 + col;
  const n = (byCell.get(key) ?? 0) + 1;
  byCell.set(key, n);
  return n;
}

const seenNotChecked = new WeakMap<RuleContext, Set<string>>();

/** Records an identity that could not be checked, once. */
export function notChecked(ctx: RuleContext, entry: NotChecked): void {
  const key = `${entry.rule}|${entry.sheet ?? ''}|${entry.cell ?? ''}|${entry.check}`;
  let seen = seenNotChecked.get(ctx);
  if (!seen) seenNotChecked.set(ctx, (seen = new Set()));
  if (seen.has(key)) return;
  seen.add(key);
  ctx.notChecked.push(entry);
}
