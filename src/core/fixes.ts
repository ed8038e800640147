/**
 * Which cell is wrong? Each error suggests candidate corrections (its stated total, or one of
 * its operands); each candidate is replayed against every identity the engine checked. The
 * one that clears most findings, breaking the fewest, becomes the finding's fix. This is how
 * 434.35 in 基本支出 is blamed for both 基本支出 and 支出合计 disagreeing.
 */
import Decimal from 'decimal.js';
import { Finding } from './findings';
import { FLOAT_RESIDUE, roundingAllowance } from './rounding';
import { IdentityLedger } from './ledger';
import { Amount } from './model';

interface Candidate {
  key: string;
  sheet: string;
  cell: string;
  value: Decimal;
  decimals: number;
  own: boolean;
}

/** Beyond this many operands, blaming one of them is guesswork: only the total is a candidate. */
const MAX_OPERAND_CANDIDATES = 60;

const keyOf = (ref: { sheet: string; cell: string }) => `${ref.sheet}!${ref.cell}`;
const sourceOf = (a: Amount): Amount => a.source ?? a;

function candidatesOf(f: Finding): Candidate[] {
  const { target, parts } = f.equation!;
  const expected = new Decimal(f.expected ?? target.value);
  const diff = new Decimal(target.value).minus(expected);
  const candidates: Candidate[] = [{ key: `${target.sheet}!${target.cell}`, sheet: target.sheet, cell: target.cell, value: expected, decimals: target.decimals, own: true }];
  if (parts.length <= MAX_OPERAND_CANDIDATES) {
    for (const p of parts) {
      if (p.weight === 0) continue;
      candidates.push({ key: `${p.sheet}!${p.cell}`, sheet: p.sheet, cell: p.cell, value: new Decimal(p.value).plus(diff.div(p.weight)), decimals: p.decimals, own: false });
    }
  }
  return candidates;
}

export function inferFixes(findings: Finding[], ledger: IdentityLedger): void {
  const failing = findings.filter((f) => f.severity === 'error' && f.equation && !f.fix);
  if (!failing.length) return;
  const plans = failing.map((f) => ({ f, candidates: candidatesOf(f) }));
  const wantedKeys = new Set<string>();
  for (const p of plans) for (const c of p.candidates) wantedKeys.add(c.key);
  // The figures those candidate cells hold: operands of the identities that do not hold. A
  // figure converted to another unit stands for the cell it was read from (its source).
  const wanted = new Set<Amount>();
  const { amounts, shifts, starts } = ledger;
  for (const k of ledger.open.keys())
    for (let i = starts[k]; i < starts[k + 1]; i++) {
      const a = sourceOf(amounts[i]);
      if (!wanted.has(a) && wantedKeys.has(keyOf(a.ref))) wanted.add(a);
    }
  // Per candidate cell: the identities it appears in, and how a change in it shifts each.
  const byCell = new Map<string, { k: number; shift: number }[]>();
  const consistent = new Map<string, boolean>();
  const seenValue = new Map<string, Decimal>();
  for (let k = 0, i = 0; i < amounts.length; i++) {
    while (i >= starts[k + 1]) k++;
    const amount = amounts[i];
    const a = sourceOf(amount);
    if (!wanted.has(a)) continue;
    const key = keyOf(a.ref);
    const list = byCell.get(key);
    const last = list?.[list.length - 1];
    if (!list) byCell.set(key, [{ k, shift: shifts[i] }]);
    else if (last && last.k === k) last.shift += shifts[i];
    else list.push({ k, shift: shifts[i] });
    // A cell seen in different units (converted across sheets) cannot be replayed simply.
    const v = seenValue.get(key);
    if (!v) seenValue.set(key, amount.value);
    else if (!v.eq(amount.value)) consistent.set(key, false);
  }

  const allowances = new Map<number, Decimal>();
  const allowance = (k: number) => {
    let a = allowances.get(k);
    if (!a) {
      const parts: { decimals: number; weight: number }[] = [];
      for (let i = starts[k] + 1; i < starts[k + 1]; i++) parts.push({ decimals: amounts[i].decimals, weight: -shifts[i] });
      allowances.set(k, (a = ledger.tolerance ?? roundingAllowance(amounts[starts[k]], parts)));
    }
    return a;
  };

  // Replaying a candidate only shifts each identity's difference by the change in one cell.
  const evaluate = (c: Candidate) => {
    const cleared: string[] = [];
    let broken = 0;
    const old = seenValue.get(c.key);
    for (const { k, shift } of byCell.get(c.key) ?? []) {
      if (!old) continue;
      const open = ledger.open.get(k);
      const before = open?.outcome ?? 'exact';
      const change = c.value.minus(old).times(shift);
      const difference = open ? open.difference.plus(change) : change;
      const abs = difference.abs();
      const after = abs.lt(FLOAT_RESIDUE) ? 'exact' : abs.lte(allowance(k)) ? 'rounding' : 'mismatch';
      if (before === 'mismatch' && after !== 'mismatch' && open?.findingId) cleared.push(open.findingId);
      if (before !== 'mismatch' && after === 'mismatch') broken++;
    }
    return { cleared, broken };
  };

  for (const { f, candidates } of plans) {
    let best: { c: Candidate; cleared: string[]; broken: number } | null = null;
    for (const c of candidates) {
      if (consistent.get(c.key) === false) continue;
      if (c.value.isNegative() && !c.own) continue;
      const r = evaluate(c);
      if (!r.cleared.length) continue;
      const better =
        !best ||
        r.cleared.length > best.cleared.length ||
        (r.cleared.length === best.cleared.length && (r.broken < best.broken || (r.broken === best.broken && c.own && !best.c.own)));
      if (better) best = { c, ...r };
    }
    if (!best) continue;
    const { c, cleared, broken } = best;
    const shown = c.value.toFixed(Math.max(2, c.decimals));
    const where = c.sheet === f.sheet ? c.cell : `${c.sheet}!${c.cell}`;
    const tail = cleared.length >= 2 ? `可消除 ${cleared.length} 项差异` : '';
    const warn = broken ? `（另有 ${broken} 处相关数字需一并复核）` : '';
    f.fix = {
      sheet: c.sheet,
      cell: c.cell,
      value: c.value.toFixed(),
      clears: cleared.length,
      findingIds: cleared,
      message: `将 ${where} 改为 ${shown}${tail ? ' ' + tail : ''}${warn}`,
      messageEn: `set ${where} to ${shown}${cleared.length >= 2 ? `; clears ${cleared.length} findings` : ''}${broken ? `; ${broken} related figure(s) need review` : ''}`,
    };
  }
}
