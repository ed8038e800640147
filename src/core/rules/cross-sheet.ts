/**
 * Identity 11: the summary's 项目支出 equals the projects' total spend, and the same
 * labelled quantity stated on two sheets agrees. Figures in other units are converted.
 */
import { microsOfDecimal } from '../exact';
import { sameScope } from '../recognise/scope';
import { Finding } from '../findings';
import { Amount, ProjectTable, SummaryBlock, SummaryLineKey } from '../model';
import { Unit, UNIT_FACTOR } from '../numbers';
import { checkIdentity, notChecked, Operandish, Rule, RuleContext } from './context';

/** An amount expressed in another unit; decimals grow so rounding allowances stay true. */
export function inUnit(a: Amount, from: Unit, to: Unit): Amount {
  if (from === to) return a;
  const ratio = UNIT_FACTOR[from].div(UNIT_FACTOR[to]);
  const shift = Math.round(Math.log10(ratio.toNumber()));
  // A new figure, not a spread of the old one: its micros must be those of the converted value.
  const value = a.value.times(ratio);
  return { value, micros: microsOfDecimal(value), decimals: Math.max(0, a.decimals - shift), ref: a.ref, fromText: a.fromText, unitSuffix: a.unitSuffix, formula: a.formula, percent: a.percent, percentNumber: a.percentNumber, source: a.source ?? a };
}

function projectSpend(table: ProjectTable, unit: Unit): Operandish[] {
  // A single grand-total row stands for the table (its own agreement is the subtotal rule's job).
  const totals = table.rows.filter((r) => r.kind === 'total' && r.totalKind !== '小计' && r.amounts.actualSpend);
  if (totals.length === 1) {
    return [{ amount: inUnit(totals[0].amounts.actualSpend!, table.unit, unit), label: `${table.sheet} ${totals[0].label} 实际支出` }];
  }
  return table.rows
    .filter((r) => r.kind === 'item' && r.parent === null && r.amounts.actualSpend)
    .map((r) => ({ amount: inUnit(r.amounts.actualSpend!, table.unit, unit), label: r.label }));
}

const SHARED_KEYS: SummaryLineKey[] = ['incomeTotal', 'expenditureTotal', 'basicExpenditure', 'projectExpenditure', 'carryOut', 'yearIncomeTotal', 'yearExpenditureTotal', 'incomeGrandTotal', 'expenditureGrandTotal'];

export const crossSheet: Rule = {
  id: 'cross-sheet',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    const { summaries, projectTables } = ctx.model;
    const lineOf = (b: SummaryBlock, k: SummaryLineKey) => b.lines.find((l) => l.key === k && l.amount);

    const projectLines = summaries.map((b) => ({ b, l: lineOf(b, 'projectExpenditure') })).filter((x) => x.l);
    const withSpend = projectTables.filter((t) => t.columns.actualSpend !== undefined);
    if (!summaries.length || !withSpend.length) {
      notChecked(ctx, {
        rule: 'cross-sheet',
        check: '收支总表“项目支出” = 项目明细表实际支出合计',
        reason: !summaries.length ? '工作簿中没有识别到收支总表' : '工作簿中没有识别到含“实际支出”列的项目表',
        reasonEn: !summaries.length ? 'no summary sheet recognised' : 'no project table with an actual-spend column',
      });
    } else if (!projectLines.length) {
      notChecked(ctx, { rule: 'cross-sheet', sheet: summaries[0].sheet, check: '收支总表“项目支出” = 项目明细表实际支出合计', reason: '收支总表中没有“项目支出”行', reasonEn: 'the summary has no project-expenditure line' });
    }
    for (const { b, l } of projectLines) {
      const parts = withSpend.flatMap((t) => projectSpend(t, b.unit));
      if (!parts.length) continue;
      const f = checkIdentity(ctx, {
        rule: 'cross-sheet',
        subject: `${b.sheet}“${l!.label}”`,
        quantity: l!.label,
        formula: `${withSpend.map((t) => t.sheet).join('、')}各项目实际支出合计`,
        target: { amount: l!.amount!, label: l!.label },
        parts,
        unit: b.unit,
      });
      if (f) out.push(f);
    }

    // The same quantity on two summary sheets (e.g. a 决算 sheet and a budget summary). The
    // reference must not depend on sheet order: a 决算 sheet first (the audited figure), then by name.
    const byAuthority = [...summaries].sort((a, b) => (a.style === b.style ? (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : 0) : a.style === 'final' ? -1 : 1));
    for (const key of SHARED_KEYS) {
      const all = byAuthority.map((b) => ({ b, l: lineOf(b, key) })).filter((x) => x.l);
      for (let i = 1; i < all.length; i++) {
        const other = all[i];
        // The 财政拨款 总表's 本年收入合计 is not the 总表's: another heading, another quantity.
        const first = all.find((x) => sameScope(x.b.title, other.b.title))!;
        if (other.b.sheet === first.b.sheet) continue;
        const f = checkIdentity(ctx, {
          rule: 'cross-sheet',
          subject: `${other.b.sheet}“${other.l!.label}”`,
          quantity: other.l!.label,
          formula: `${first.b.sheet}“${first.l!.label}”`,
          target: { amount: other.l!.amount!, label: other.l!.label },
          parts: [{ amount: inUnit(first.l!.amount!, first.b.unit, other.b.unit), label: `${first.b.sheet} ${first.l!.label}` }],
          unit: other.b.unit,
        });
        if (f) out.push(f);
      }
    }
    return out;
  },
};
