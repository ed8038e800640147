import Decimal from 'decimal.js';
import { Amount, ProjectAmountColumn, ProjectRow, ProjectTable } from '../model';
import { Operandish } from './context';

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

/** The header the user wrote, falling back to the canonical name. */
export function columnName(table: ProjectTable, key: ProjectAmountColumn): string {
  return table.columnLabels[key]?.replace(/[(（](万元|元|亿元|%)[)）]/, '') || COLUMN_NAME[key];
}

/**
 * The funding sources that make up a row's 全年预算数, with their signs. 调减 typed as a
 * positive number subtracts; typed negative it is already signed. 当年财政拨款 stands in for
 * 年初预算 only when the table has no 年初预算 column.
 */
export function budgetSources(table: ProjectTable, row: ProjectRow): Operandish[] {
  const out: Operandish[] = [];
  const add = (key: ProjectAmountColumn, weight = 1) => {
    const a = row.amounts[key];
    if (a) out.push({ amount: a, label: columnName(table, key), weight });
  };
  add('carryIn');
  add('initialBudget');
  if (table.columns.initialBudget === undefined) add('fiscalCurrent');
  add('transferFromUpper');
  add('otherFunds');
  add('adjustment');
  add('increase');
  const dec = row.amounts.decrease;
  if (dec) out.push({ amount: dec, label: columnName(table, 'decrease'), weight: dec.value.isNegative() ? 1 : -1 });
  return out;
}

/** The year's budget of a row: stated 全年预算数, else the sum of its stated sources. */
export function rowBudget(table: ProjectTable, row: ProjectRow): { value: Decimal; decimals: number; stated?: Amount; parts: Operandish[] } | null {
  const stated = row.amounts.adjustedBudget;
  if (stated) return { value: stated.value, decimals: stated.decimals, stated, parts: [{ amount: stated, label: columnName(table, 'adjustedBudget') }] };
  const sources = budgetSources(table, row);
  if (!sources.length) return null;
  let v = new Decimal(0);
  let d = 0;
  for (const s of sources) {
    v = v.plus(s.amount.value.times(s.weight ?? 1));
    d = Math.max(d, s.amount.decimals);
  }
  return { value: v, decimals: d, parts: sources };
}

export function rowSubject(row: ProjectRow): string {
  return row.kind === 'total' ? `${row.label}行` : row.label;
}
