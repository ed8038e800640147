/** What the 绩效自评表 rules share: reading a rate cell, the fund row's rate, the finding builder. */
import Decimal from 'decimal.js';
import { Finding, RuleId, Severity } from '../findings';
import { Amount, SelfEvalFundRow, SelfEvalTable } from '../model';
import { halfUnit } from '../rounding';
import { findingId } from './context';

/**
 * A printed 执行率 as a fraction with the half-unit it stands for: 「100%」, 0.978 with a % format, or a
 * percent number without the sign (「20」 in a 执行率（B/A） column) read as 20%.
 */
export function rateOf(a: Amount): { value: Decimal; half: Decimal; decimals: number } {
  const percentNumber = !a.percent && a.value.gt(new Decimal('1.5'));
  const value = percentNumber ? a.value.div(100) : a.value;
  const decimals = percentNumber ? a.decimals + 2 : a.decimals;
  return { value, half: halfUnit(decimals), decimals };
}

export const pct = (d: Decimal, decimals = 2) => `${d.times(100).toFixed(Math.max(0, decimals - 2))}%`;

/**
 * The fund row's 全年执行数 ÷ 全年预算数 as an interval (the figures are rounded), or null when no rate can be
 * formed. A 年度资金总额 row printed 0 | 0 above 其中 rows that hold the money is read by its parts.
 */
export function computedRate(table: SelfEvalTable, row: SelfEvalFundRow): { value: Decimal; lo: Decimal; hi: Decimal; from: 'row' | 'parts' } | null {
  let budget = row.budget;
  let actual = row.actual;
  let from: 'row' | 'parts' = 'row';
  if (row.total && budget?.value.isZero() && actual?.value.isZero()) {
    const parts = table.fund.filter((r) => !r.total);
    const sum = (pick: (r: SelfEvalFundRow) => Amount | undefined) => parts.map(pick).filter((x): x is Amount => !!x);
    const b = sum((r) => r.budget);
    const x = sum((r) => r.actual);
    if (b.length && x.length) {
      budget = { ...b[0], value: b.reduce((s, a) => s.plus(a.value), new Decimal(0)), decimals: Math.max(...b.map((a) => a.decimals)) };
      actual = { ...x[0], value: x.reduce((s, a) => s.plus(a.value), new Decimal(0)), decimals: Math.max(...x.map((a) => a.decimals)) };
      from = 'parts';
    }
  }
  if (!budget || !actual || budget.value.lte(0)) return null;
  const hb = halfUnit(budget.decimals);
  const ha = halfUnit(actual.decimals);
  const lowBudget = budget.value.minus(hb);
  return {
    value: actual.value.div(budget.value),
    lo: actual.value.minus(ha).div(budget.value.plus(hb)),
    hi: lowBudget.gt(0) ? actual.value.plus(ha).div(lowBudget) : new Decimal(Infinity),
    from,
  };
}

export function selfEvalFinding(rule: RuleId, severity: Severity, a: Amount, label: string, message: string, messageEn: string, extra: Partial<Finding> = {}): Finding {
  return {
    id: findingId(rule, a.ref.sheet, a.ref.cell),
    rule,
    severity,
    sheet: a.ref.sheet,
    cell: a.ref.cell,
    related: [],
    label,
    message,
    messageEn,
    ...extra,
  };
}

/** The total of a table's rows for the 执行率 (年度资金总额), or its first row. */
export function fundTotal(table: SelfEvalTable): SelfEvalFundRow | undefined {
  return table.fund.find((r) => r.total) ?? table.fund.find((r) => r.budget || r.actual);
}
