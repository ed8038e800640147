/** Spending above the year's budget, and negative 结余结转: both errors. */
import { Finding } from '../findings';
import { halfUnit, outcomeOf } from '../rounding';
import { findingId, Rule, RuleContext } from './context';
import { COL, FigureView, figureView } from './figures';
import { columnName, rowBudget, rowSubject } from './project-terms';

/** The fast path: spend within the budget and 结余结转 not negative, in exact micros. */
function nothingToSay(v: FigureView, i: number): boolean {
  if (v.has(COL.carryOut, i) && !(v.micros(COL.carryOut, i) >= 0)) return false;
  if (!v.has(COL.actualSpend, i)) return true;
  const budget = v.budget(i);
  // NaN compares false: a figure with no micros is left to the decimal path.
  return budget === null || v.micros(COL.actualSpend, i) <= budget;
}

export const overspend: Rule = {
  id: 'overspend',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.projectTables) {
      const u = table.unit;
      const view = figureView(table, ctx.ledger);
      for (const row of table.rows) {
        if (view && nothingToSay(view, row.index)) continue;
        const subject = rowSubject(row);
        const spend = row.amounts.actualSpend;
        const budget = rowBudget(table, row);
        // Spending at or under budget cannot exceed it by any allowance (never negative): no subtraction.
        if (spend && budget && spend.value.gt(budget.value)) {
          const excess = spend.value.minus(budget.value);
          const allowance = ctx.tolerance ?? halfUnit(spend.decimals).plus(halfUnit(budget.decimals));
          if (outcomeOf(excess, allowance) === 'mismatch') {
            out.push({
              id: findingId('overspend', spend.ref.sheet, spend.ref.cell),
              rule: 'overspend',
              severity: 'error',
              sheet: spend.ref.sheet,
              cell: spend.ref.cell,
              related: budget.parts.map((p) => ({ sheet: p.amount.ref.sheet, cell: p.amount.ref.cell, label: p.label, value: p.amount.value.toFixed() })),
              expected: budget.value.toFixed(),
              actual: spend.value.toFixed(),
              difference: excess.toFixed(),
              tolerance: allowance.toFixed(),
              unit: u,
              label: subject,
              message: `${subject}：${columnName(table, 'actualSpend')} ${spend.value.toFixed(2)} ${u} 超过全年预算 ${budget.value.toFixed(2)} ${u}，超支 ${excess.toFixed(2)} ${u}`,
              messageEn: `${subject}: spending ${spend.value.toFixed(2)} exceeds the budget ${budget.value.toFixed(2)} ${u} by ${excess.toFixed(2)}`,
            });
          }
        }
        const carryOut = row.amounts.carryOut;
        if (carryOut && carryOut.value.isNegative() && carryOut.value.abs().gt(ctx.tolerance ?? halfUnit(carryOut.decimals))) {
          out.push({
            id: findingId('overspend', carryOut.ref.sheet, carryOut.ref.cell),
            rule: 'overspend',
            severity: 'error',
            sheet: carryOut.ref.sheet,
            cell: carryOut.ref.cell,
            related: spend ? [{ sheet: spend.ref.sheet, cell: spend.ref.cell, label: columnName(table, 'actualSpend'), value: spend.value.toFixed() }] : [],
            expected: '0',
            actual: carryOut.value.toFixed(),
            difference: carryOut.value.toFixed(),
            unit: u,
            label: subject,
            message: `${subject}：${columnName(table, 'carryOut')}为负数（${carryOut.value.toFixed(2)} ${u}），支出超过了可用资金`,
            messageEn: `${subject}: carry-over is negative (${carryOut.value.toFixed(2)} ${u}); spending exceeded the funds`,
          });
        }
      }
    }
    return out;
  },
};
