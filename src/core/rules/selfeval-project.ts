/**
 * A 项目支出绩效自评表 against the project table's row for the same project (by name): its 全年预算数 and 全年执行数
 * are the row's 全年预算数 and 实际支出, in 元 after each table's unit. An error only when the name matches one
 * project and its unit is known; the 自评表's 项目资金 header says its unit (万元 unless it says 元).
 */
import Decimal from 'decimal.js';
import { Finding } from '../findings';
import { Amount, ProjectRow, ProjectTable, SelfEvalTable } from '../model';
import { UNIT_FACTOR } from '../numbers';
import { halfUnit, outcomeOf } from '../rounding';
import { Rule, RuleContext } from './context';
import { fundTotal } from './selfeval-common';

const clean = (s: string) => s.replace(/[\s\u3000]/g, '').replace(/(项目|资金|经费)$/, '');

function projectOf(ctx: RuleContext, t: SelfEvalTable): { table: ProjectTable; row: ProjectRow } | undefined {
  if (!t.subject) return undefined;
  const name = clean(t.subject);
  if (name.length < 4) return undefined;
  const hits: { table: ProjectTable; row: ProjectRow }[] = [];
  for (const table of ctx.model.projectTables) for (const row of table.rows) if (row.kind === 'item' && clean(row.label) === name) hits.push({ table, row });
  return hits.length === 1 ? hits[0] : undefined;
}

export const selfEvalProject: Rule = {
  id: 'cross-sheet',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const t of ctx.model.selfEvals) {
      const p = projectOf(ctx, t);
      const total = fundTotal(t);
      if (!p || !total) continue;
      const selfUnit = UNIT_FACTOR[t.unit ?? '万元'];
      const projUnit = UNIT_FACTOR[p.table.unit];
      const pairs: [Amount | undefined, Amount | undefined, string][] = [
        [total.budget, p.row.amounts.adjustedBudget, '全年预算数'],
        [total.actual, p.row.amounts.actualSpend, '全年执行数'],
      ];
      for (const [mine, theirs, what] of pairs) {
        if (!mine || !theirs) continue;
        const a = mine.value.times(selfUnit);
        const b = theirs.value.times(projUnit);
        const allowance = halfUnit(mine.decimals).times(selfUnit).plus(halfUnit(theirs.decimals).times(projUnit));
        if (outcomeOf(a.minus(b), allowance) !== 'mismatch') continue;
        const shown = (v: Decimal) => v.div(selfUnit).toFixed(Math.max(2, mine.decimals));
        out.push({
          id: `cross-sheet:${mine.ref.sheet}!${mine.ref.cell}`,
          rule: 'cross-sheet',
          severity: 'error',
          sheet: mine.ref.sheet,
          cell: mine.ref.cell,
          related: [{ sheet: theirs.ref.sheet, cell: theirs.ref.cell, label: `${p.row.label}·${what}`, value: theirs.value.toString() }],
          label: `${t.subject}·${what}`,
          expected: shown(b),
          actual: mine.value.toString(),
          message: `自评表「${t.subject}」${what} ${mine.value}，项目支出明细中为 ${shown(b)}（${theirs.ref.sheet}!${theirs.ref.cell}）`,
          messageEn: `the self-evaluation of ${t.subject} states ${what} ${mine.value}; the project table has ${shown(b)} (${theirs.ref.sheet}!${theirs.ref.cell})`,
        });
      }
    }
    return out;
  },
};
