import Decimal from 'decimal.js';
import { Amount, ProjectAmountColumn, ProjectRow, ProjectTable } from '../model';
import { Operandish } from './context';
import { sourcesOf, sourceWeight } from '../budget-sources';

export const COLUMN_NAME: Record<ProjectAmountColumn, string> = {
  carryIn: '上年结转结余',
  initialBudget: '年初预算',
  fiscalCurrent: '当年财政拨款',
  transferFromUpper: '上级转移支付',
  otherFunds: '其他资金',
  adjustment: '年中调整',
  increase: '调增',
  decrease: '调减',
  adjustedBudget: '全年预算数',
  actualSpend: '实际支出',
  carryOut: '结余结转',
  executionRate: '执行率',
};

const namesOf = new WeakMap<ProjectTable, Partial<Record<ProjectAmountColumn, string>>>();

/** The header the user wrote, falling back to the canonical name. Asked for on every row: kept per table. */
export function columnName(table: ProjectTable, key: ProjectAmountColumn): string {
  let names = namesOf.get(table);
  if (!names) namesOf.set(table, (names = {}));
  return (names[key] ??= table.columnLabels[key]?.replace(/[(（](万元|元|亿元|%)[)）]/, '') || COLUMN_NAME[key]);
}

/** The funding sources that make up a row's 全年预算数, with their signs (budget-sources.ts). */
export function budgetSources(table: ProjectTable, row: ProjectRow): Operandish[] {
  const out: Operandish[] = [];
  const amounts = row.amounts;
  for (const s of sourcesOf(table.columns)) {
    const a = amounts[s.column];
    if (a) out.push({ amount: a, label: columnName(table, s.column), weight: sourceWeight(s, a.value.isNegative()) });
  }
  return out;
}

/** A row's budget for the year; `value` worked out on demand. */
export interface RowBudgetFigure {
  readonly value: Decimal;
  decimals: number;
  stated?: Amount;
  parts: Operandish[];
}
export type RowBudget = RowBudgetFigure | null;

class SummedBudget implements RowBudgetFigure {
  private decimal: Decimal | undefined;
  constructor(
    readonly decimals: number,
    readonly parts: Operandish[],
    readonly stated?: Amount,
  ) {}

  get value(): Decimal {
    if (!this.decimal) {
      if (this.stated) this.decimal = this.stated.value;
      else {
        let v = new Decimal(0);
        for (const s of this.parts) v = v.plus(s.amount.value.times(s.weight ?? 1));
        this.decimal = v;
      }
    }
    return this.decimal;
  }
}

/**
 * rate, overspend and idle-funds each ask for every row's budget: worked out once per row, kept
 * by table and row index (a table is read afresh for every validation).
 */
const budgetsOf = new WeakMap<ProjectTable, (RowBudget | undefined)[]>();

/** The year's budget of a row: stated 全年预算数, else the sum of its stated sources. */
export function rowBudget(table: ProjectTable, row: ProjectRow): RowBudget {
  let budgets = budgetsOf.get(table);
  if (!budgets) budgetsOf.set(table, (budgets = new Array<RowBudget | undefined>(table.rows.length)));
  let b = table.rows[row.index] === row ? budgets[row.index] : undefined;
  if (b === undefined) {
    b = computeRowBudget(table, row);
    if (table.rows[row.index] === row) budgets[row.index] = b;
  }
  return b;
}

function computeRowBudget(table: ProjectTable, row: ProjectRow): RowBudget {
  const stated = row.amounts.adjustedBudget;
  if (stated) return new SummedBudget(stated.decimals, [{ amount: stated, label: columnName(table, 'adjustedBudget') }], stated);
  const sources = budgetSources(table, row);
  if (!sources.length) return null;
  let d = 0;
  for (const s of sources) d = Math.max(d, s.amount.decimals);
  return new SummedBudget(d, sources);
}

export function rowSubject(row: ProjectRow): string {
  return row.kind === 'total' ? `${row.label}行` : row.label;
}
