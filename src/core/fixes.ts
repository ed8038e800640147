/**
 * Which cell is wrong? Each error suggests candidate corrections (its stated total, or one of
 * its operands); each candidate is replayed against every identity the engine checked. The
 * one that clears most findings, breaking the fewest, becomes the finding's fix. This is how
 * 434.35 in 基本支出 is blamed for both 基本支出 and 支出合计 disagreeing.
 */
import Decimal from 'decimal.js';
import { parseAddress } from './address';
import { Finding } from './findings';
import { FLOAT_RESIDUE } from './rounding';
import { allowanceOf as identityAllowance, CheckedEquation, differenceOf, KeyedTerm } from './rules/context';

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

const cellNumber = (row: number, col: number) => row * 16384 + col;
const keyOf = (ref: { sheet: string; cell: string }) => `${ref.sheet}!${ref.cell}`;

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

export function inferFixes(findings: Finding[], equations: CheckedEquation[]): void {
  const failing = findings.filter((f) => f.severity === 'error' && f.equation && !f.fix);
  if (!failing.length) return;
  // Candidates first, then index only the identities that touch their cells.
  const plans = failing.map((f) => ({ f, candidates: candidatesOf(f) }));
  // Membership by sheet and cell number: no string per term on the hot path.
  const wanted = new Map<string, Set<number>>();
  for (const p of plans)
    for (const c of p.candidates) {
      const at = parseAddress(c.cell);
      if (!at) continue;
      if (!wanted.has(c.sheet)) wanted.set(c.sheet, new Set());
      wanted.get(c.sheet)!.add(cellNumber(at.row, at.col));
    }
  // Per candidate cell: the identities it appears in, and with what weight (as target: −1).
  const byCell = new Map<string, { eq: CheckedEquation; shift: number }[]>();
  const consistent = new Map<string, boolean>();
  const seenValue = new Map<string, Decimal>();
  // Terms come sheet by sheet: look the sheet's wanted cells up once per run of a sheet.
  let lastSheet: string | null = null;
  let wantedHere: Set<number> | undefined;
  const index = (eq: CheckedEquation, t: KeyedTerm, shift: number) => {
    const ref = t.amount.ref;
    if (ref.sheet !== lastSheet) {
      lastSheet = ref.sheet;
      wantedHere = wanted.get(ref.sheet);
    }
    if (!wantedHere?.has(cellNumber(ref.row, ref.col))) return;
    const key = keyOf(ref);
    const list = byCell.get(key);
    const last = list?.[list.length - 1];
    if (!list) byCell.set(key, [{ eq, shift }]);
    else if (last && last.eq === eq) last.shift += shift;
    else list.push({ eq, shift });
    // A cell seen in different units (converted across sheets) cannot be replayed simply.
    const v = seenValue.get(key);
    if (!v) seenValue.set(key, t.amount.value);
    else if (!v.eq(t.amount.value)) consistent.set(key, false);
  };
  for (const eq of equations) {
    // difference = target − Σ w·part, so a change δ in the cell shifts it by shift·δ.
    index(eq, eq.target, 1);
    for (const p of eq.parts) index(eq, p, -(p.weight ?? 1));
  }

  const allowanceOf = new Map<CheckedEquation, Decimal>();
  const allowance = (eq: CheckedEquation) => {
    let a = allowanceOf.get(eq);
    if (!a) allowanceOf.set(eq, (a = eq.tolerance ?? identityAllowance(eq.target, eq.parts)));
    return a;
  };

  // Replaying a candidate only shifts each identity's difference by the change in one cell.
  const evaluate = (c: Candidate) => {
    const cleared: string[] = [];
    let broken = 0;
    const old = seenValue.get(c.key);
    for (const { eq, shift } of byCell.get(c.key) ?? []) {
      if (!old) continue;
      const difference = differenceOf(eq).plus(c.value.minus(old).times(shift));
      const abs = difference.abs();
      const after = abs.lt(FLOAT_RESIDUE) ? 'exact' : abs.lte(allowance(eq)) ? 'rounding' : 'mismatch';
      if (eq.outcome === 'mismatch' && after !== 'mismatch' && eq.findingId) cleared.push(eq.findingId);
      if (eq.outcome !== 'mismatch' && after === 'mismatch') broken++;
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
