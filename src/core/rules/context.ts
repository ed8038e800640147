import Decimal from 'decimal.js';
import { Equation, Finding, NotChecked, Operand, RuleId, Settings, Severity } from '../findings';
import { Amount, BudgetModel, CellRef } from '../model';
import { Unit } from '../numbers';
import { checkEquation, Outcome, Term } from '../rounding';

/** One term of a checked identity, with the cell it came from. */
export interface KeyedTerm extends Term {
  ref: CellRef;
}

/** An identity the engine checked, kept so that fixes can be replayed against all of them. */
export interface CheckedEquation {
  rule: RuleId;
  findingId?: string;
  target: KeyedTerm;
  parts: KeyedTerm[];
  outcome: Outcome;
  tolerance?: Decimal;
  /** target − Σ wᵢ·partᵢ as checked; lets a fix be replayed in O(1). */
  difference: Decimal;
}

export interface RuleContext {
  model: BudgetModel;
  settings: Settings;
  /** User-set absolute tolerance (overrides rounding). */
  tolerance?: Decimal;
  idleThreshold: Decimal;
  equations: CheckedEquation[];
  notChecked: NotChecked[];
  /** Every error value in the user's sheets, in sheet order. */
  errorCells: { sheet: string; cell: string; code: string; formula?: string }[];
  /** Ids of every identity checked so far (exact ones too); keeps finding ids unique and stable. */
  usedIds?: Set<string>;
}

export interface Rule {
  id: RuleId;
  check(ctx: RuleContext): Finding[];
}

export interface Operandish {
  amount: Amount;
  label: string;
  weight?: number;
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

function keyedTerm(o: Operandish): KeyedTerm {
  return { ref: o.amount.ref, value: o.amount.value, decimals: o.amount.decimals, weight: o.weight ?? 1 };
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
  /** Human form of the right-hand side: 「全年预算数 − 实际支出」. */
  formula: string;
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
  // Hot path: tens of thousands of identities; build strings only for findings.
  const targetTerm = keyedTerm(spec.target);
  const partTerms = spec.parts.map(keyedTerm);
  const result = checkEquation(targetTerm, partTerms, ctx.tolerance);
  let id = findingId(spec.rule, spec.target.amount.ref.sheet, spec.target.amount.ref.cell);
  // One cell can be the target of two identities (支出总计 against its parts and against 收入总计):
  // the n-th identity at a cell is always …#n, whether or not the others fail, so ids stay stable
  // after a fix and the equation a fix replays names the finding it clears.
  if (ctx.usedIds) {
    const base = id;
    for (let n = 2; ctx.usedIds.has(id); n++) id = `${base}#${n}`;
    ctx.usedIds.add(id);
  }
  ctx.equations.push({ rule: spec.rule, target: targetTerm, parts: partTerms, outcome: result.outcome, findingId: result.outcome === 'exact' ? undefined : id, tolerance: ctx.tolerance, difference: result.difference });
  if (result.outcome === 'exact') return null;
  const target = operand(spec.target);
  const parts = spec.parts.map(operand);
  const equation: Equation = { target, parts, formula: `${spec.quantity} = ${spec.formula}` };
  const d = shownDecimals(target.decimals, ...parts.map((p) => p.decimals));
  const u = spec.unit;
  // Converted figures (元 → 万元) carry many decimals; show the ones that say something.
  const expected = trimZeros(result.expected.toFixed(d));
  const actual = trimZeros(spec.target.amount.value.toFixed(d));
  const diff = trimZeros(result.difference.abs().toFixed(d));
  const severity: Severity = result.outcome === 'rounding' ? 'info' : (spec.severity ?? 'error');
  const message =
    result.outcome === 'rounding'
      ? `${spec.subject}：${spec.quantity} ${actual} ${u} 与 ${spec.formula} = ${expected} ${u} 相差 ${diff} ${u}，在四舍五入尾差范围内（允许 ${result.allowance.toFixed()} ${u}）`
      : `${spec.subject}：${spec.quantity}应为 ${expected} ${u}，表中为 ${actual} ${u}，相差 ${diff} ${u}`;
  const messageEn =
    result.outcome === 'rounding'
      ? `${spec.subject}: ${spec.quantity} ${actual} differs from ${expected} by ${diff} ${u}, within rounding (allowed ${result.allowance.toFixed()})`
      : `${spec.subject}: ${spec.quantity} should be ${expected} ${u}, the sheet says ${actual} ${u} (difference ${diff} ${u})`;
  return {
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
