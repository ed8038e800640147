/** A total typed as a constant where its neighbours are formulas: it will not follow edits. */
import { Finding } from '../findings';
import { Amount, PROJECT_AMOUNT_COLUMNS, ProjectAmountColumn } from '../model';
import { findingId, Rule, RuleContext } from './context';
import { columnName } from './project-terms';

function finding(a: Amount, label: string, what: string): Finding {
  return {
    id: findingId('hardcoded-total', a.ref.sheet, a.ref.cell),
    rule: 'hardcoded-total',
    severity: 'info',
    sheet: a.ref.sheet,
    cell: a.ref.cell,
    related: [],
    actual: a.value.toFixed(),
    label,
    message: `${label}：${what} ${a.ref.cell} 是手工输入的数字，而相邻的合计是公式；明细变动后它不会自动更新`,
    messageEn: `${label}: ${a.ref.cell} is a typed constant where neighbouring totals are formulas; it will not follow edits`,
  };
}

/** Amount columns in sheet-reading order, the rate excepted (a rate is never a sum). */
const SUMMABLE = PROJECT_AMOUNT_COLUMNS.filter((k) => k !== 'executionRate');

export const hardcodedTotal: Rule = {
  id: 'hardcoded-total',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.projectTables) {
      // Totals are compared with totals, parents with parents: their neighbours.
      for (const kind of ['total', 'parent'] as const) {
        const group = table.rows.filter((r) => (kind === 'total' ? r.kind === 'total' && r.covers.length : r.kind === 'item' && r.children.length));
        const formulasIn = new Map<ProjectAmountColumn, number>();
        for (const r of group)
          for (const k of PROJECT_AMOUNT_COLUMNS) if (r.amounts[k]?.formula) formulasIn.set(k, (formulasIn.get(k) ?? 0) + 1);
        for (const row of group) {
          const members = kind === 'total' ? row.covers : row.children;
          // Only columns the parts report are sums; the rest are figures in their own right.
          const summed = SUMMABLE.filter((k) => row.amounts[k] && members.some((i) => table.rows[i].amounts[k]));
          const rowHasFormula = summed.some((k) => row.amounts[k]!.formula);
          for (const key of summed) {
            const a = row.amounts[key]!;
            if (a.formula) continue;
            const columnHasFormula = (formulasIn.get(key) ?? 0) > 0;
            if (rowHasFormula || columnHasFormula) out.push(finding(a, kind === 'total' ? `${row.label}行` : row.label, columnName(table, key)));
          }
        }
      }
    }
    for (const block of ctx.model.summaries) {
      const totals = block.lines.filter((l, i) => l.amount && block.lines.some((c) => c.parent === i));
      if (!totals.some((l) => l.amount!.formula)) continue;
      for (const l of totals) if (!l.amount!.formula) out.push(finding(l.amount!, l.label, l.label));
    }
    return out;
  },
};
