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
import { BudgetModel } from './model';
import { ColumnPeers, offPeers } from './peers';

interface Candidate {
  key: string;
  sheet: string;
  cell: string;
  value: Decimal;
  /** What the cell holds now. */
  current: Decimal;
  decimals: number;
  own: boolean;
}

/** Beyond this many operands, blaming one of them is guesswork: only the total is a candidate. */
const MAX_OPERAND_CANDIDATES = 60;

function candidatesOf(f: Finding): Candidate[] {
  const { target, parts } = f.equation!;
  const expected = new Decimal(f.expected ?? target.value);
  const diff = new Decimal(target.value).minus(expected);
  const candidates: Candidate[] = [{ key: `${target.sheet}!${target.cell}`, sheet: target.sheet, cell: target.cell, value: expected, current: new Decimal(target.value), decimals: target.decimals, own: true }];
  if (parts.length <= MAX_OPERAND_CANDIDATES) {
    for (const p of parts) {
      if (p.weight === 0) continue;
      const current = new Decimal(p.value);
      candidates.push({ key: `${p.sheet}!${p.cell}`, sheet: p.sheet, cell: p.cell, value: current.plus(diff.div(p.weight)), current, decimals: p.decimals, own: false });
    }
  }
  return candidates;
}

/** What a change in one cell would do to the identities checked. */
export interface ReplayOutcome {
  /** Findings every failing identity of which would hold. */
  cleared: Finding[];
  /** Failing identities through the cell, and how many of them would hold. */
  failing: number;
  holding: number;
  /** Identities that hold now and would not. */
  broken: number;
}

/**
 * Replays corrections of a few cells against every identity the engine checked: a change in one cell only
 * shifts each identity's difference by the change, times the cell's weight in it.
 */
export class Replay {
  /** What each cell held as the failing identities read it. */
  private readonly seenValue = new Map<number, Decimal>();
  /** Cells seen with different values: they cannot be replayed simply. */
  private readonly inconsistent = new Set<number>();
  /** Per cell: the identities it appears in, and how a change in it shifts each. */
  private readonly byCell = new Map<number, { k: number; shift: number }[]>();
  private readonly allowances = new Map<number, Decimal>();
  /** How many failing identities each error stands for: it is cleared only when all of them hold. */
  private readonly failingOf = new Map<Finding, number>();

  constructor(
    readonly ledger: IdentityLedger,
    cells: ReadonlySet<number>,
  ) {
    for (const open of ledger.open.values()) {
      if (open.outcome === 'mismatch' && open.finding) this.failingOf.set(open.finding, (this.failingOf.get(open.finding) ?? 0) + 1);
      for (const a of open.operands) {
        const id = ledger.cellOf(a);
        if (!cells.has(id)) continue;
        const v = this.seenValue.get(id);
        if (!v) this.seenValue.set(id, a.value);
        else if (!v.eq(a.value)) this.inconsistent.add(id);
      }
    }
    const { starts } = ledger;
    for (let k = 0, i = 0; i < ledger.length; i++) {
      while (i >= starts[k + 1]) k++;
      const id = ledger.cells[i];
      if (!cells.has(id)) continue;
      const list = this.byCell.get(id);
      const last = list?.[list.length - 1];
      if (!list) this.byCell.set(id, [{ k, shift: ledger.shifts[i] }]);
      else if (last && last.k === k) last.shift += ledger.shifts[i];
      else list.push({ k, shift: ledger.shifts[i] });
    }
  }

  /** Whether a correction of the cell can be replayed: seen by a failing identity, one value, in its own unit everywhere. */
  usable(id: number): boolean {
    return this.seenValue.has(id) && !this.inconsistent.has(id) && !this.ledger.converted.has(id);
  }

  private allowance(k: number): Decimal {
    const { ledger } = this;
    let a = this.allowances.get(k);
    if (!a) {
      if (ledger.tolerance) a = ledger.tolerance;
      else {
        const { starts, decimals, shifts } = ledger;
        const sum = new AllowanceSum(decimals[starts[k]]);
        for (let i = starts[k] + 1; i < starts[k + 1]; i++) sum.add(decimals[i], -shifts[i]);
        a = sum.value();
      }
      this.allowances.set(k, a);
    }
    return a;
  }

  /**
   * Identity k's allowance once cell `id` shows `shown` decimals. A corrected figure shows at least the
   * decimals it carries (0 shown as 0 becomes 0.51): a whole number's ½ no longer covers the cents, so
   * the replay must not grant what the corrected sheet will not.
   */
  private allowanceWith(k: number, id: number, shown: number): Decimal {
    const { ledger } = this;
    if (ledger.tolerance) return ledger.tolerance;
    const { starts, cells, decimals, shifts } = ledger;
    let raised = false;
    for (let i = starts[k]; i < starts[k + 1] && !raised; i++) raised = cells[i] === id && decimals[i] < shown;
    if (!raised) return this.allowance(k);
    const d = (i: number) => (cells[i] === id ? Math.max(decimals[i], shown) : decimals[i]);
    const sum = new AllowanceSum(d(starts[k]));
    for (let i = starts[k] + 1; i < starts[k + 1]; i++) sum.add(d(i), -shifts[i]);
    return sum.value();
  }

  /** Cell `id` set to `value`: what it clears and breaks. */
  evaluate(id: number, value: Decimal): ReplayOutcome {
    const out: ReplayOutcome = { cleared: [], failing: 0, holding: 0, broken: 0 };
    const old = this.seenValue.get(id);
    if (!old) return out;
    const holding = new Map<Finding, number>();
    const shown = Math.max(0, value.decimalPlaces());
    for (const { k, shift } of this.byCell.get(id) ?? []) {
      const open = this.ledger.open.get(k);
      const before = open?.outcome ?? 'exact';
      const change = value.minus(old).times(shift);
      const difference = open ? open.difference.plus(change) : change;
      const after = outcomeOf(difference, this.allowanceWith(k, id, shown));
      if (before === 'mismatch') out.failing++;
      if (before === 'mismatch' && after !== 'mismatch') {
        out.holding++;
        if (open?.finding) holding.set(open.finding, (holding.get(open.finding) ?? 0) + 1);
      }
      if (before !== 'mismatch' && after === 'mismatch') out.broken++;
    }
    for (const [finding, n] of holding) if (n === this.failingOf.get(finding)) out.cleared.push(finding);
    return out;
  }
}

/**
 * A correction this many times its column's other figures (or this fraction of them), and as far from what
 * the cell holds, is no correction anyone would make. A figure already of its own magnitude (30 digits among
 * figures of 5) may be corrected within it.
 */
const IMPLAUSIBLE = 1000;

/**
 * `blindRows`: rows ("sheet\u0000row", 0-based) holding a figure that cannot be read. Their other cells take
 * part in fewer identities than they should, so they would look cheap to change: they are never blamed.
 * `model`: with it, no fix sets a project's figure to 10³ times its column's other projects' figures or
 * below a thousandth of them (−2,199,770 for a 结余结转 of 10 among 5 and 1): a value of another magnitude
 * than its peers, and than the figure it corrects.
 */
export function inferFixes(findings: Finding[], ledger: IdentityLedger, blindRows: ReadonlySet<string> = new Set(), model?: BudgetModel): void {
  const failing = findings.filter((f) => f.severity === 'error' && f.equation && !f.fix);
  if (!failing.length) return;
  const plans = failing.map((f) => ({ f, candidates: candidatesOf(f) }));
  // Candidate cells as cell ids.
  const idOf = new Map<string, number>();
  for (const p of plans)
    for (const c of p.candidates) {
      const at = parseAddress(c.cell);
      if (at && !idOf.has(c.key)) idOf.set(c.key, cellId(ledger.sheetId(c.sheet), at.row, at.col));
    }
  const replay = new Replay(ledger, new Set(idOf.values()));
  const peers = model?.projectTables.length ? new ColumnPeers(model.projectTables) : undefined;
  const plausible = (c: Candidate, row: number, col: number) => {
    if (!peers || c.value.isZero()) return true;
    const at = peers.locate(c.sheet, row, col);
    // A 合计's figure is the sum of the others: its magnitude is theirs added up.
    if (!at || at.row.kind !== 'item' || at.key === 'executionRate') return true;
    const s = peers.spread(at);
    if (s.count < 2) return true;
    const off = offPeers(c.value.toNumber(), s);
    if (off < IMPLAUSIBLE && off > 1 / IMPLAUSIBLE) return true;
    const now = c.current.isZero() ? 0 : c.value.div(c.current).abs().toNumber();
    return now < IMPLAUSIBLE && now > 1 / IMPLAUSIBLE;
  };

  for (const { f, candidates } of plans) {
    let best: { c: Candidate; cleared: string[]; broken: number } | null = null;
    for (const c of candidates) {
      const id = idOf.get(c.key);
      if (id === undefined || !replay.usable(id)) continue;
      if (c.value.isNegative() && !c.own) continue;
      const at = parseAddress(c.cell);
      if (!c.own && blindRows.size && at && blindRows.has(`${c.sheet}\u0000${at.row}`)) continue;
      if (at && !plausible(c, at.row, at.col)) continue;
      const r = replay.evaluate(id, c.value);
      if (!r.cleared.length) continue;
      const cleared = r.cleared.map((x) => x.id);
      const better =
        !best ||
        cleared.length > best.cleared.length ||
        (cleared.length === best.cleared.length && (r.broken < best.broken || (r.broken === best.broken && c.own && !best.c.own)));
      if (better) best = { c, cleared, broken: r.broken };
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
