/** A total typed as a constant where its neighbours are formulas: it will not follow edits. */
import { Finding } from '../findings';
import { Amount, PROJECT_AMOUNT_COLUMNS, ProjectAmountColumn, ProjectRow } from '../model';
import { COL, figureView } from './figures';
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
      // Presence and formulas, from the table's figures when it has them: no amount is built
      // but for a finding.
      const view = figureView(table, ctx.ledger);
      const has = view ? (r: ProjectRow, k: ProjectAmountColumn) => view.has(COL[k], r.index) : (r: ProjectRow, k: ProjectAmountColumn) => !!r.amounts[k];
      const formulaAt = view ? (r: ProjectRow, k: ProjectAmountColumn) => view.hasFormula(COL[k], r.index) : (r: ProjectRow, k: ProjectAmountColumn) => !!r.amounts[k]?.formula;
      // Totals are compared with totals, parents with parents: their neighbours.
      for (const kind of ['total', 'parent'] as const) {
        const group = table.rows.filter((r) => (kind === 'total' ? r.kind === 'total' && r.covers.length : r.kind === 'item' && r.children.length));
        const formulasIn = new Map<ProjectAmountColumn, number>();
        for (const r of group) for (const k of PROJECT_AMOUNT_COLUMNS) if (formulaAt(r, k)) formulasIn.set(k, (formulasIn.get(k) ?? 0) + 1);
        for (const row of group) {
          const members = kind === 'total' ? row.covers : row.children;
          // Only columns the parts report are sums; the rest are figures in their own right.
          const summed = SUMMABLE.filter((k) => has(row, k) && members.some((i) => has(table.rows[i], k)));
          const rowHasFormula = summed.some((k) => formulaAt(row, k));
          for (const key of summed) {
            if (formulaAt(row, key)) continue;
            const columnHasFormula = (formulasIn.get(key) ?? 0) > 0;
            if (rowHasFormula || columnHasFormula) out.push(finding(row.amounts[key]!, kind === 'total' ? `${row.label}行` : row.label, columnName(table, key)));
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
