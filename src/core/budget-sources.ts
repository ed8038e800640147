/**
 * The sources of a row's 全年预算数 and their signs, declared once: the project rules, their fast path,
 * the report and the draft audit all read this table.
 * 全年预算数 = 上年结转 + 年初预算 (or 当年财政拨款 where there is no 年初预算) + 上级转移支付 + 其他资金
 *            + 年中调整 (net, signed as typed) + 调增 − 调减 (调减 typed negative is already signed).
 */
import { ProjectAmountColumn } from './model';

export interface BudgetSource {
  column: ProjectAmountColumn;
  /** +1 adds to the year's budget, −1 lowers it. */
  sign: 1 | -1;
  /** base: money the year starts with; adjustment: changes during the year. */
  kind: 'base' | 'adjustment';
  /** Counted only when the table has no such column (当年财政拨款 stands in for 年初预算). */
  standsFor?: ProjectAmountColumn;
  /** The role the draft audit gives a figure of this source in prose (audit/roles.ts). */
  role?: 'carryIn' | 'initial' | 'transfer' | 'other' | 'increase' | 'decrease';
}

export const BUDGET_SOURCES: readonly BudgetSource[] = [
  { column: 'carryIn', sign: 1, kind: 'base', role: 'carryIn' },
  { column: 'initialBudget', sign: 1, kind: 'base', role: 'initial' },
  { column: 'fiscalCurrent', sign: 1, kind: 'base', standsFor: 'initialBudget' },
  { column: 'transferFromUpper', sign: 1, kind: 'base', role: 'transfer' },
  { column: 'otherFunds', sign: 1, kind: 'base', role: 'other' },
  { column: 'adjustment', sign: 1, kind: 'adjustment' },
  { column: 'increase', sign: 1, kind: 'adjustment', role: 'increase' },
  { column: 'decrease', sign: -1, kind: 'adjustment', role: 'decrease' },
];

/** The sources a table with these columns counts (当年财政拨款 drops out beside 年初预算). */
export function sourcesOf(columns: Partial<Record<string, number>>): BudgetSource[] {
  return BUDGET_SOURCES.filter((s) => !(s.standsFor && columns[s.standsFor] !== undefined));
}

/** The weight of a stated source figure: 调减 typed negative is already signed. */
export function sourceWeight(s: BudgetSource, negative: boolean): 1 | -1 {
  return s.sign === -1 && negative ? 1 : s.sign;
}
