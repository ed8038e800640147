/** A stated 执行率 against 实际支出 ÷ 全年预算数 (the adjusted budget, never 年初预算 alone). */
import Decimal from 'decimal.js';
import { Finding } from '../findings';
import { halfUnit, outcomeOf } from '../rounding';
import { findingId, Rule, RuleContext } from './context';
import { COL, FigureView, figureView } from './figures';
import { columnName, rowBudget, rowSubject } from './project-terms';
import { MICRO_DECIMALS, productGapBelow, roundedMicrosOfNumber, roundMicros, UNIT_MICROS } from '../exact';

const pct = (d: Decimal, n = 2) => d.times(100).toFixed(n) + '%';

/** The highest rate a fix proposes: 1000%. */
const MAX_FIX_RATE = new Decimal(10);

/** A rate a fix may propose: 0–1000%. */
function plausibleRate(r: Decimal): boolean {
  return !r.isNegative() && r.lte(MAX_FIX_RATE);
}

/** |d|, without a new Decimal when d is not negative (the usual case, on every row). */
const magnitude = (d: Decimal) => (d.isNegative() ? d.neg() : d);

/**
 * The fast path: nothing to check, or a stated rate that rounds right, decided in exact micros.
 * Tested without dividing, as below: |spend − rate·budget| < ½·10⁻ᵈ·|budget|, ×10¹² on both
 * sides: 2·|spend·10⁶ − rate·budget| < 10^(6−d)·|budget|, every term in micros.
 */
function rateHolds(v: FigureView, i: number): boolean {
  if (!v.has(COL.executionRate, i) || !v.has(COL.actualSpend, i)) return true;
  const budget = v.budget(i);
  if (budget === null) return true;
  const spend = v.micros(COL.actualSpend, i);
  // A zero budget always has something to say; NaN: not in micros.
  if (budget === 0 || Number.isNaN(budget) || Number.isNaN(spend)) return false;
  const d = v.decimals(COL.executionRate, i);
  if (d > MICRO_DECIMALS) return false;
  const m = v.micros(COL.executionRate, i);
  const rounded = Number.isNaN(m) ? roundedMicrosOfNumber(v.rateNumber(i), d) : roundMicros(m, d);
  return rounded !== undefined && productGapBelow(spend, UNIT_MICROS, rounded, budget, 10 ** (MICRO_DECIMALS - d), budget);
}

export const rate: Rule = {
  id: 'rate',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.projectTables) {
      if (table.columns.executionRate === undefined) continue;
      // Rates typed as percent numbers are rescaled when read: their figures take the ordinary path.
      const view = table.rateAsPercentNumber ? undefined : figureView(table, ctx.ledger);
      for (const row of table.rows) {
        if (view && rateHolds(view, row.index)) continue;
        const stated = row.amounts.executionRate;
        const spend = row.amounts.actualSpend;
        if (!stated || !spend) continue;
        const budget = rowBudget(table, row);
        if (!budget) continue;
        const subject = rowSubject(row);
        // What every finding of this row shares; built only for a finding.
        const baseOf = () => ({
          rule: 'rate' as const,
          sheet: stated.ref.sheet,
          cell: stated.ref.cell,
          related: [
            { sheet: spend.ref.sheet, cell: spend.ref.cell, label: columnName(table, 'actualSpend'), value: spend.value.toFixed() },
            ...budget.parts.map((p) => ({ sheet: p.amount.ref.sheet, cell: p.amount.ref.cell, label: p.label, value: p.amount.value.toFixed() })),
          ],
          unit: '%' as const,
          label: subject,
          id: findingId('rate', stated.ref.sheet, stated.ref.cell),
        });
        if (budget.value.isZero()) {
          const base = baseOf();
          if (stated.value.isZero())
            out.push({ ...base, severity: 'warning', actual: stated.value.toFixed(), message: `${subject}：全年预算数为 0，执行率无意义，应填“—”而不是 0.00%`, messageEn: `${subject}: the budget is 0, so the execution rate is undefined; show — rather than 0.00%` });
          else
            out.push({ ...base, severity: 'error', actual: stated.value.toFixed(), message: `${subject}：全年预算数为 0，执行率无法计算，表中却为 ${pct(stated.value)}`, messageEn: `${subject}: the budget is 0, yet the rate says ${pct(stated.value)}` });
          continue;
        }
        // Fast exact test without dividing: |spend − rate·budget| within half a unit of the
        // rate's last shown digit times the budget means the rate rounds right.
        // Fast exact test without dividing: |spend − rate·budget| within half a unit of the
        // rate's last shown digit times the budget means the rate rounds right.
        const statedRounded = stated.value.toDecimalPlaces(Math.max(stated.decimals, 0), Decimal.ROUND_HALF_UP);
        if (magnitude(spend.value.minus(statedRounded.times(budget.value))).lt(halfUnit(stated.decimals).times(magnitude(budget.value)))) continue;
        const computed = spend.value.div(budget.value);
        const d = stated.decimals; // decimals of the fraction (95.54% → 4)
        const shown = computed.toDecimalPlaces(Math.max(d, 0), Decimal.ROUND_HALF_UP);
        const diff = stated.value.minus(computed);
        // The rate's own rounding plus what rounding of the two amounts can move it.
        const allowance = ctx.tolerance
          ? ctx.tolerance.div(100)
          : halfUnit(d).plus(halfUnit(spend.decimals).plus(computed.abs().times(halfUnit(budget.decimals))).div(budget.value.abs()));
        const exact = diff.isZero() || shown.eq(stated.value.toDecimalPlaces(Math.max(d, 0), Decimal.ROUND_HALF_UP));
        if (exact) continue;
        const n = Math.max(2, d - 2);
        const within = outcomeOf(diff, allowance) !== 'mismatch';
        const base = baseOf();
        out.push({
          ...base,
          severity: within ? 'info' : 'error',
          expected: computed.toFixed(Math.max(d + 2, 6)),
          actual: stated.value.toFixed(),
          difference: diff.toFixed(Math.max(d + 2, 6)),
          tolerance: allowance.toFixed(Math.max(d + 2, 6)),
          message: within
            ? `${subject}：执行率 ${pct(stated.value, n)} 与 实际支出 ÷ 全年预算数 = ${pct(computed, n)} 的差异在四舍五入范围内`
            : `${subject}：执行率应为 ${pct(computed, n)}（${spend.value.toFixed(2)} ÷ ${budget.value.toFixed(2)}），表中为 ${pct(stated.value, n)}`,
          messageEn: within
            ? `${subject}: rate ${pct(stated.value, n)} vs computed ${pct(computed, n)}, within rounding`
            : `${subject}: execution rate should be ${pct(computed, n)} (${spend.value.toFixed(2)} / ${budget.value.toFixed(2)}), the sheet says ${pct(stated.value, n)}`,
          // A rate beyond 0–1000% is no correction anyone would type (2,200,000 元 in a 万元 table gives 956521.74%).
          fix: within || !plausibleRate(shown) ? undefined : { sheet: stated.ref.sheet, cell: stated.ref.cell, value: (stated.percentNumber ? shown.times(100) : shown).toFixed(), clears: 1, findingIds: [base.id], message: `将 ${stated.ref.cell} 改为 ${pct(shown, n)}`, messageEn: `set ${stated.ref.cell} to ${pct(shown, n)}` },
          equation: undefined,
        });
      }
    }
    return out;
  },
};
