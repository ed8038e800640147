/**
 * Which cell is wrong? Each error suggests candidate corrections (its stated total, or one of
 * its operands); each candidate is replayed against every identity the engine checked. The
 * one that clears most findings, breaking the fewest, becomes the finding's fix. This is how
 * 434.35 in 基本支出 is blamed for both 基本支出 and 支出合计 disagreeing.
 */
import Decimal from 'decimal.js';
import { Finding } from './findings';
import { AllowanceSum, outcomeOf } from './rounding';
import { parseAddress } from './address';
import { cellId, IdentityLedger } from './ledger';

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

/**
 * `blindRows`: rows ("sheet\u0000row", 0-based) holding a figure that cannot be read. Their other cells take
 * part in fewer identities than they should, so they would look cheap to change: they are never blamed.
 */
export function inferFixes(findings: Finding[], ledger: IdentityLedger, blindRows: ReadonlySet<string> = new Set()): void {
  const failing = findings.filter((f) => f.severity === 'error' && f.equation && !f.fix);
  if (!failing.length) return;
  const plans = failing.map((f) => ({ f, candidates: candidatesOf(f) }));
  // Candidate cells as cell ids; what each holds, from the identities that do not hold (every
  // candidate comes from one). A cell seen with different values, or converted to another unit
  // anywhere, cannot be replayed simply.
  const idOf = new Map<string, number>();
  for (const p of plans)
    for (const c of p.candidates) {
      const at = parseAddress(c.cell);
      if (at && !idOf.has(c.key)) idOf.set(c.key, cellId(ledger.sheetId(c.sheet), at.row, at.col));
    }
  const wanted = new Set(idOf.values());
  const seenValue = new Map<number, Decimal>();
  const inconsistent = new Set<number>();
  for (const open of ledger.open.values())
    for (const a of open.operands) {
      const id = ledger.cellOf(a);
      if (!wanted.has(id)) continue;
      const v = seenValue.get(id);
      if (!v) seenValue.set(id, a.value);
      else if (!v.eq(a.value)) inconsistent.add(id);
    }
  // Per candidate cell: the identities it appears in, and how a change in it shifts each.
  const byCell = new Map<number, { k: number; shift: number }[]>();
  const { cells, shifts, starts, decimals } = ledger;
  for (let k = 0, i = 0; i < ledger.length; i++) {
    while (i >= starts[k + 1]) k++;
    const id = cells[i];
    if (!wanted.has(id)) continue;
    const list = byCell.get(id);
    const last = list?.[list.length - 1];
    if (!list) byCell.set(id, [{ k, shift: shifts[i] }]);
    else if (last && last.k === k) last.shift += shifts[i];
    else list.push({ k, shift: shifts[i] });
  }

  const allowances = new Map<number, Decimal>();
  const allowance = (k: number) => {
    let a = allowances.get(k);
    if (!a) {
      if (ledger.tolerance) a = ledger.tolerance;
      else {
        const sum = new AllowanceSum(decimals[starts[k]]);
        for (let i = starts[k] + 1; i < starts[k + 1]; i++) sum.add(decimals[i], -shifts[i]);
        a = sum.value();
      }
      allowances.set(k, a);
    }
    return a;
  };

  /**
   * Identity k's allowance once cell `id` shows `shown` decimals. A corrected figure shows at least the
   * decimals it carries (0 shown as 0 becomes 0.51): a whole number's ½ no longer covers the cents, so
   * the replay must not grant what the corrected sheet will not.
   */
  const allowanceWith = (k: number, id: number, shown: number) => {
    if (ledger.tolerance) return ledger.tolerance;
    let raised = false;
    for (let i = starts[k]; i < starts[k + 1] && !raised; i++) raised = cells[i] === id && decimals[i] < shown;
    if (!raised) return allowance(k);
    const d = (i: number) => (cells[i] === id ? Math.max(decimals[i], shown) : decimals[i]);
    const sum = new AllowanceSum(d(starts[k]));
    for (let i = starts[k] + 1; i < starts[k + 1]; i++) sum.add(d(i), -shifts[i]);
    return sum.value();
  };

  // How many failing identities each error stands for: it is cleared only when all of them hold.
  const failingOf = new Map<Finding, number>();
  for (const open of ledger.open.values()) if (open.outcome === 'mismatch' && open.finding) failingOf.set(open.finding, (failingOf.get(open.finding) ?? 0) + 1);

  // Replaying a candidate only shifts each identity's difference by the change in one cell.
  const evaluate = (c: Candidate) => {
    const holding = new Map<Finding, number>();
    let broken = 0;
    const id = idOf.get(c.key);
    const old = id === undefined ? undefined : seenValue.get(id);
    const shown = Math.max(0, c.value.decimalPlaces());
    for (const { k, shift } of (id === undefined ? undefined : byCell.get(id)) ?? []) {
      if (!old || id === undefined) continue;
      const open = ledger.open.get(k);
      const before = open?.outcome ?? 'exact';
      const change = c.value.minus(old).times(shift);
      const difference = open ? open.difference.plus(change) : change;
      const after = outcomeOf(difference, allowanceWith(k, id, shown));
      if (before === 'mismatch' && after !== 'mismatch' && open?.finding) holding.set(open.finding, (holding.get(open.finding) ?? 0) + 1);
      if (before !== 'mismatch' && after === 'mismatch') broken++;
    }
    const cleared: string[] = [];
    for (const [finding, n] of holding) if (n === failingOf.get(finding)) cleared.push(finding.id);
    return { cleared, broken };
  };

  for (const { f, candidates } of plans) {
    let best: { c: Candidate; cleared: string[]; broken: number } | null = null;
    for (const c of candidates) {
      const id = idOf.get(c.key);
      if (id === undefined || inconsistent.has(id) || ledger.converted.has(id)) continue;
      if (c.value.isNegative() && !c.own) continue;
      if (!c.own && blindRows.size) {
        const at = parseAddress(c.cell);
        if (at && blindRows.has(`${c.sheet}\u0000${at.row}`)) continue;
      }
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
