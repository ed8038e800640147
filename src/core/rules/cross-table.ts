/**
 * Checks across the public tables of one document (REFERENCE §1b): the 合计 of 收入决算表 / 支出决算表 (and
 * their 基本支出 and 项目支出 columns) against the 总表's lines, and the 基本支出 of the 一般公共预算 支出表
 * against the 基本支出 table's 人员经费合计 + 公用经费合计. Only within one scope (recognise/scope.ts): the
 * 财政拨款 总表 and the 总表 state different quantities under the same words.
 */
import { Finding } from '../findings';
import { LineKey, LineTable, SummaryBlock, SummaryLineKey } from '../model';
import { sameScope } from '../recognise/scope';
import { checkIdentity, Operandish, readingHolds, Rule, RuleContext } from './context';
import { inUnit } from './cross-sheet';
import { columnKey } from './line-tables';

/** A line-table column and the summary lines that state the same quantity. */
const SAME_AS: [LineKey, SummaryLineKey[]][] = [
  ['yearIncomeTotal', ['yearIncomeTotal', 'incomeTotal']],
  ['yearExpenditureTotal', ['yearExpenditureTotal', 'expenditureTotal']],
  ['basic', ['basicExpenditure']],
  ['project', ['projectExpenditure']],
];

function totalRow(t: LineTable) {
  return t.rows.find((r) => r.total && r.numbering === null && r.total !== '小计');
}

function summaryLine(blocks: SummaryBlock[], t: LineTable, keys: SummaryLineKey[]) {
  for (const key of keys)
    for (const b of blocks) {
      if (b.sheet === t.sheet || !sameScope(b.title, t.title)) continue;
      const l = b.lines.find((x) => x.key === key && x.amount);
      if (l) return { b, l };
    }
  return undefined;
}

export const crossTable: Rule = {
  id: 'cross-sheet',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    const { lineTables, summaries } = ctx.model;
    for (const t of lineTables) {
      const total = totalRow(t);
      if (!total) continue;
      const keys = new Set(t.columns.map((c) => c.key).filter((k): k is LineKey => !!k));
      t.columns.forEach((_, k) => {
        const key = columnKey(t, k, keys);
        const same = SAME_AS.find(([x]) => x === key);
        const amount = total.figures[k];
        if (!same || !amount) return;
        const stated = summaryLine(summaries, t, same[1]);
        if (!stated) return;
        const f = checkIdentity(ctx, {
          rule: 'cross-sheet',
          subject: `${t.sheet}“${total.label}”`,
          quantity: t.columns[k].header || stated.l.label,
          formula: `${stated.b.sheet}“${stated.l.label}”`,
          target: { amount, label: `${t.sheet} ${total.label} ${t.columns[k].header}`, weight: 1 },
          parts: [{ amount: inUnit(stated.l.amount!, stated.b.unit, t.unit), label: `${stated.b.sheet} ${stated.l.label}`, weight: 1 }],
          unit: t.unit,
        });
        if (f) out.push(f);
      });
    }

    // 一般公共预算 支出表 基本支出 = the 基本支出 table's 人员经费合计 + 公用经费合计 (or its 合计).
    for (const t of lineTables) {
      const total = totalRow(t);
      if (!total || !/支出/.test(t.title ?? '') || /基本支出/.test(t.title ?? '')) continue;
      const keys = new Set(t.columns.map((c) => c.key).filter((k): k is LineKey => !!k));
      const k = t.columns.findIndex((_, i) => columnKey(t, i, keys) === 'basic');
      const amount = k >= 0 ? total.figures[k] : undefined;
      if (!amount) continue;
      // The 基本支出 table's blocks side by side are tables of one sheet: 人员经费合计 in one, 公用经费合计 in the other.
      const basicSheets = new Set(lineTables.filter((b) => b.sheet !== t.sheet && /基本支出/.test(b.title ?? '') && sameScope(b.title, t.title)).map((b) => b.sheet));
      for (const sheet of basicSheets) {
        const blocks = lineTables.filter((b) => b.sheet === sheet);
        const rows = blocks.flatMap((b) => b.rows.map((row) => ({ b, row })));
        const readings: Operandish[][] = [];
        const money = (x: { b: LineTable; row: LineTable['rows'][number] } | undefined) => {
          const f = x?.row.figures.find((a) => a);
          return f && x ? { amount: inUnit(f, x.b.unit, t.unit), label: `${sheet} ${x.row.label}`, weight: 1 } : undefined;
        };
        const staff = money(rows.find((x) => /^人员经费(合计)?$/.test(x.row.label)));
        const publicFunds = money(rows.find((x) => /^公用经费(合计)?$/.test(x.row.label)));
        if (staff && publicFunds) readings.push([staff, publicFunds]);
        const bt = money(rows.find((x) => x.row.total && x.row.numbering === null && !/人员|公用/.test(x.row.label)));
        if (bt) readings.push([bt]);
        if (!readings.length) continue;
        const target: Operandish = { amount, label: `${t.sheet} ${total.label} 基本支出`, weight: 1 };
        const parts = readings.find((r) => readingHolds(ctx, target, r)) ?? readings[0];
        const f = checkIdentity(ctx, {
          rule: 'cross-sheet',
          subject: `${t.sheet}“${total.label}”`,
          quantity: '基本支出',
          formula: parts.map((p) => p.label).join(' + '),
          target,
          parts,
          unit: t.unit,
        });
        if (f) out.push(f);
      }
    }
    return out;
  },
};
