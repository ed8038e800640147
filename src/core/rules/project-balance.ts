/** Identities 1–2 of REFERENCE §2 on every project row: 全年预算数 from its sources, 结余结转 = 全年预算数 − 实际支出. */
import { BUDGET_SOURCES } from '../budget-sources';
import { Finding } from '../findings';
import { checkIdentity, notChecked, Operandish, Rule, RuleContext } from './context';
import { COL, FigureView, figureView } from './figures';
import { budgetSources, columnName, rowSubject } from './project-terms';

/** 「上年结转 + 年初预算 − 调减」: built only when a finding shows it. */
function spelled(terms: Operandish[]): string {
  return terms.map((s, i) => (i === 0 ? '' : (s.weight ?? 1) < 0 ? ' − ' : ' + ') + s.label).join('');
}

const BUDGET = 1;
const CARRY_OUT = 2;
const BOTH = BUDGET | CARRY_OUT;

/**
 * The fast path: which of row i's two identities hold exactly (or do not apply), recording
 * those that hold. Targets are unique per row and rule, so no finding id is ever shifted.
 */
function settle(v: FigureView, i: number): number {
  let settled = 0;
  const hasBudget = v.has(COL.adjustedBudget, i);
  const sources = v.sources(i);
  if (!hasBudget || sources === null) settled |= BUDGET;
  else if (sources === v.micros(COL.adjustedBudget, i)) {
    v.push(COL.adjustedBudget, i, 1);
    v.pushSources(i);
    v.ledger.close();
    settled |= BUDGET;
  }
  if (!v.has(COL.carryOut, i) || !v.has(COL.actualSpend, i) || (!hasBudget && sources === null)) return settled | CARRY_OUT;
  const base = hasBudget ? v.micros(COL.adjustedBudget, i) : (sources as number);
  // Two figures below 10¹⁵: the difference is exact (NaN when either has no micros).
  if (base - v.micros(COL.actualSpend, i) === v.micros(COL.carryOut, i)) {
    v.push(COL.carryOut, i, 1);
    if (hasBudget) v.push(COL.adjustedBudget, i, -1);
    else v.pushSources(i);
    v.push(COL.actualSpend, i, 1);
    v.ledger.close();
    settled |= CARRY_OUT;
  }
  return settled;
}

export const projectBalance: Rule = {
  id: 'project-balance',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.projectTables) {
      const c = table.columns;
      if (c.adjustedBudget === undefined && c.carryOut === undefined) {
        notChecked(ctx, { rule: 'project-balance', sheet: table.sheet, check: '全年预算数 = 上年结转 + 年初预算 + 调整；结余结转 = 全年预算数 − 实际支出', reason: '表中没有“全年预算数”和“结余结转”列', reasonEn: 'the table has neither an adjusted-budget nor a carry-out column' });
        continue;
      }
      if (c.carryOut === undefined)
        notChecked(ctx, { rule: 'project-balance', sheet: table.sheet, check: '结余结转 = 全年预算数 − 实际支出', reason: '表中没有“结余结转”列', reasonEn: 'no carry-out column' });
      else if (c.actualSpend === undefined)
        notChecked(ctx, { rule: 'project-balance', sheet: table.sheet, check: '结余结转 = 全年预算数 − 实际支出', reason: '表中没有“实际支出/执行数”列', reasonEn: 'no actual-spend column' });
      const hasSources = BUDGET_SOURCES.some((s) => c[s.column] !== undefined);
      if (c.adjustedBudget !== undefined && !hasSources)
        notChecked(ctx, { rule: 'project-balance', sheet: table.sheet, check: '全年预算数 = 上年结转 + 年初预算 + 调整', reason: '表中没有资金来源列（年初预算、上年结转、调整）', reasonEn: 'no funding-source columns' });

      const budgetName = columnName(table, 'adjustedBudget');
      const spendName = columnName(table, 'actualSpend');
      const carryOutName = columnName(table, 'carryOut');
      const view = figureView(table, ctx.ledger);
      for (const row of table.rows) {
        const settled = view ? settle(view, row.index) : 0;
        if (settled === BOTH) continue;
        const sources = budgetSources(table, row);
        const budget = row.amounts.adjustedBudget;
        // Identity 1: only when the row states its budget and at least one source.
        if (budget && sources.length && !(settled & BUDGET)) {
          const f = checkIdentity(ctx, {
            rule: 'project-balance',
            subject: rowSubject(row),
            quantity: budgetName,
            formula: () => spelled(sources),
            target: { amount: budget, label: budgetName, weight: 1 },
            parts: sources,
            unit: table.unit,
          });
          if (f) out.push(f);
        }
        // Identity 2: 结余结转 = 全年预算数 − 实际支出 (or the sources when 全年预算数 is not a column).
        const carryOut = row.amounts.carryOut;
        const spend = row.amounts.actualSpend;
        if (!carryOut || !spend || settled & CARRY_OUT) continue;
        const parts: Operandish[] = budget ? [{ amount: budget, label: budgetName, weight: 1 }] : sources.slice();
        if (!parts.length) continue;
        parts.push({ amount: spend, label: spendName, weight: -1 });
        const f = checkIdentity(ctx, {
          rule: 'project-balance',
          subject: rowSubject(row),
          quantity: carryOutName,
          formula: () => spelled(parts),
          target: { amount: carryOut, label: carryOutName, weight: 1 },
          parts,
          unit: table.unit,
        });
        if (f) out.push(f);
      }
    }
    return out;
  },
};
