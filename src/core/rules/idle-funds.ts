/** Budget left largely unspent: execution below the threshold (default 90%), zero spend included. */
import { compareProducts, microsOfDecimal, UNIT_MICROS } from '../exact';
import { Finding } from '../findings';
import { findingId, Rule, RuleContext } from './context';
import { COL, FigureView, figureView } from './figures';
import { columnName, rowBudget } from './project-terms';

/** The fast path: no spend reported, no positive budget, or spend ≥ threshold × budget, exactly. */
function spentEnough(v: FigureView, i: number, threshold: number): boolean {
  if (!v.has(COL.actualSpend, i)) return true;
  const budget = v.budget(i);
  if (budget === null) return true;
  const spend = v.micros(COL.actualSpend, i);
  if (Number.isNaN(spend) || Number.isNaN(budget)) return false;
  return budget <= 0 || compareProducts(spend, UNIT_MICROS, threshold, budget) >= 0;
}

export const idleFunds: Rule = {
  id: 'idle-funds',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    const threshold = ctx.idleThreshold;
    const thresholdText = threshold.times(100).toFixed(0) + '%';
    // spend ≥ threshold × budget, exactly, in micros: spend·10⁶ ≥ threshold·budget (both in micros²).
    const thresholdMicros = microsOfDecimal(threshold);
    for (const table of ctx.model.projectTables) {
      const u = table.unit;
      const view = figureView(table, ctx.ledger);
      for (const row of table.rows) {
        if (row.kind !== 'item') continue;
        if (view && thresholdMicros !== undefined && spentEnough(view, row.index, thresholdMicros)) continue;
        const spend = row.amounts.actualSpend;
        const budget = rowBudget(table, row);
        // Blank spend is "not reported", not zero: nothing to say.
        // gt(0), not isPositive(): decimal.js counts 0 as positive, and 0 ÷ 0 is no rate.
        if (!spend || !budget || !budget.value.gt(0)) continue;
        if (spend.value.gte(threshold.times(budget.value))) continue;
        const rate = spend.value.div(budget.value);
        const unspent = budget.value.minus(spend.value);
        const rateText = rate.times(100).toFixed(2) + '%';
        const reason = row.texts.reasons?.text ?? row.texts.problems?.text;
        out.push({
          id: findingId('idle-funds', spend.ref.sheet, spend.ref.cell),
          rule: 'idle-funds',
          severity: 'warning',
          sheet: spend.ref.sheet,
          cell: spend.ref.cell,
          related: budget.parts.map((p) => ({ sheet: p.amount.ref.sheet, cell: p.amount.ref.cell, label: p.label, value: p.amount.value.toFixed() })),
          expected: threshold.toFixed(),
          actual: rate.toFixed(6),
          difference: rate.minus(threshold).toFixed(6),
          unit: '%',
          label: row.label,
          message: spend.value.isZero()
            ? `${row.label}：全年预算 ${budget.value.toFixed(2)} ${u} 全部未支出（执行率 0.00%），资金闲置，报告中须说明原因${reason ? `（表中说明：${reason}）` : ''}`
            : `${row.label}：执行率 ${rateText}，低于 ${thresholdText}，尚有 ${unspent.toFixed(2)} ${u} 未支出，报告中须说明原因${reason ? `（表中说明：${reason}）` : ''}`,
          messageEn: `${row.label}: execution ${rateText} is below ${thresholdText}; ${unspent.toFixed(2)} ${u} unspent (${columnName(table, 'actualSpend')})`,
        });
      }
    }
    return out;
  },
};
