/**
 * Identities 3–4: each parent equals the sum of its sub-items and each total row the sum of
 * the rows it covers, column by column, where the parts report that column. In summaries,
 * 其中 lines are often a partial list, so there they must only not exceed their line.
 */
import Decimal from 'decimal.js';
import { columnName as letterOf } from '../address';
import { Finding } from '../findings';
import { PROJECT_AMOUNT_COLUMNS, UNREADABLE_NOTE_KINDS, ProjectAmountColumn, ProjectRow, ProjectTable, SummaryBlock, SummaryLineKey } from '../model';
import { checkEquation } from '../rounding';
import { checkIdentity, findingId, notChecked, Operandish, operand, Rule, RuleContext, shownDecimals, termOf } from './context';
import { COL, FigureView, figureView } from './figures';
import { columnName, rowSubject } from './project-terms';
import { addMicros } from '../exact';

/** Lines whose breakdown summary-identity checks for equality. */
const KEYED_TOTALS = new Set<SummaryLineKey>(['incomeTotal', 'expenditureTotal', 'basicExpenditure', 'yearIncomeTotal', 'yearExpenditureTotal', 'incomeGrandTotal', 'expenditureGrandTotal']);

const SUMMED: ProjectAmountColumn[] = PROJECT_AMOUNT_COLUMNS.filter((k) => k !== 'executionRate');

/** `keys`: the summed columns the table has. */
function checkGroup(ctx: RuleContext, table: ProjectTable, owner: ProjectRow, members: number[], what: string, out: Finding[], keys: ProjectAmountColumn[]): void {
  const view = figureView(table, ctx.ledger);
  const settled = view ? settleGroup(view, owner.index, members, keys) : 0;
  if (settled === (1 << keys.length) - 1) return;
  // Member by member, all its columns at once (a 合计 over 20,000 rows reads each row once);
  // most parents' sub-items report one column or two: no array for the others.
  const partsOf: (Operandish[] | null)[] = keys.map(() => null);
  for (const i of members) {
    const member = table.rows[i];
    const amounts = member.amounts;
    for (let k = 0; k < keys.length; k++) {
      const a = amounts[keys[k]];
      if (a) (partsOf[k] ??= []).push({ amount: a, label: member.label, weight: 1 });
    }
  }
  const unreadable = unreadableCells(ctx);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const parts = partsOf[k];
    if (!parts || settled & (1 << k)) continue;
    // A part that cannot be read (「见附表」, #REF!): the total is not checked, and nothing is blamed for it.
    const col = table.columns[key];
    const blind = unreadable.size && col !== undefined ? members.map((i) => unreadable.get(`${table.sheet}\u0000${table.rows[i].row}\u0000${col}`)).find(Boolean) : undefined;
    if (blind) {
      notChecked(ctx, {
        rule: 'subtotal',
        sheet: table.sheet,
        cell: `${columnLetter(table, key)}${owner.row + 1}`,
        check: `${rowSubject(owner)} ${columnName(table, key)} = ${what}之和`,
        reason: `明细中 ${blind.zh}，无法核对此合计`,
        reasonEn: `a part (${blind.en}), so the total cannot be checked`,
      });
      continue;
    }
    const stated = owner.amounts[key];
    if (!stated) {
      notChecked(ctx, {
        rule: 'subtotal',
        sheet: table.sheet,
        cell: `${columnLetter(table, key)}${owner.row + 1}`,
        check: `${rowSubject(owner)} ${columnName(table, key)} = ${what}之和`,
        reason: `${rowSubject(owner)}的“${columnName(table, key)}”未填列，明细合计为 ${sum(parts)} ${table.unit}`,
        reasonEn: `${owner.label}: ${key} is blank while its parts report it`,
      });
      continue;
    }
    const f = checkIdentity(ctx, {
      rule: 'subtotal',
      subject: rowSubject(owner),
      quantity: columnName(table, key),
      formula: () => `${what}${columnName(table, key)}之和`,
      target: { amount: stated, label: `${owner.label} ${columnName(table, key)}`, weight: 1 },
      parts,
      unit: table.unit,
    });
    if (f) out.push(f);
  }
}

/**
 * The fast path: the columns (bits, in `keys` order) whose total holds exactly over the
 * members, or that no member reports; those that hold are recorded. A total row is the only
 * target of its column in this rule, so no finding id is ever shifted.
 */
function settleGroup(v: FigureView, owner: number, members: number[], keys: ProjectAmountColumn[]): number {
  let settled = 0;
  for (let b = 0; b < keys.length; b++) {
    const k = COL[keys[b]];
    let sum: number | undefined = 0;
    let any = false;
    for (let j = 0; j < members.length; j++) {
      if (!v.has(k, members[j])) continue;
      any = true;
      sum = addMicros(sum, v.micros(k, members[j]));
    }
    if (!any) {
      settled |= 1 << b;
      continue;
    }
    if (!v.has(k, owner) || sum !== v.micros(k, owner)) continue;
    v.push(k, owner, 1);
    for (let j = 0; j < members.length; j++) if (v.has(k, members[j])) v.push(k, members[j], -1);
    v.ledger.close();
    settled |= 1 << b;
  }
  return settled;
}

const UNREADABLE = new WeakMap<object, Map<string, { zh: string; en: string }>>();

/** Cells holding text, an error value or an uncomputed formula where a figure belongs, by sheet, row and column: what they hold. */
function unreadableCells(ctx: RuleContext): Map<string, { zh: string; en: string }> {
  let m = UNREADABLE.get(ctx.model);
  if (!m) {
    m = new Map();
    for (const n of ctx.model.notes) {
      if (!UNREADABLE_NOTE_KINDS.has(n.kind)) continue;
      const what =
        n.kind === 'uncached-formula'
          ? { zh: `${n.ref.cell} 的公式 ${n.raw} 没有保存计算结果`, en: `${n.ref.cell}'s formula ${n.raw} has no saved result` }
          : { zh: `${n.ref.cell}「${n.raw}」不是数字`, en: `${n.ref.cell} "${n.raw}" is not a number` };
      m.set(`${n.ref.sheet}\u0000${n.ref.row}\u0000${n.ref.col}`, what);
    }
    UNREADABLE.set(ctx.model, m);
  }
  return m;
}

function sum(parts: Operandish[]): string {
  let s = new Decimal(0);
  for (const p of parts) s = s.plus(p.amount.value);
  return s.toFixed(2);
}

function columnLetter(table: ProjectTable, key: ProjectAmountColumn): string {
  return letterOf(table.columns[key] as number);
}

function checkSummaryBlock(ctx: RuleContext, block: SummaryBlock, out: Finding[]): void {
  block.lines.forEach((line, i) => {
    if (!line.amount || (line.key && KEYED_TOTALS.has(line.key))) return;
    const children = block.lines.filter((l) => l.parent === i && l.amount);
    if (!children.length) return;
    // Keyed breakdowns (基本支出 → 工资福利 …) are checked for equality by summary-identity.
    const parts = children.map((c) => operand({ amount: c.amount!, label: c.label }));
    const total = operand({ amount: line.amount, label: line.label });
    const r = checkEquation(termOf(total), parts.map(termOf), ctx.tolerance);
    if (r.outcome === 'mismatch' && r.difference.isNegative()) {
      const d = shownDecimals(total.decimals);
      out.push({
        id: findingId('subtotal', block.sheet, line.amountRef.cell),
        rule: 'subtotal',
        severity: 'error',
        sheet: block.sheet,
        cell: line.amountRef.cell,
        related: parts.map((p) => ({ sheet: p.sheet, cell: p.cell, label: p.label, value: p.value })),
        expected: r.expected.toFixed(),
        actual: total.value,
        difference: r.difference.toFixed(),
        tolerance: r.allowance.toFixed(),
        unit: block.unit,
        label: line.label,
        message: `${line.label}：其中各项合计 ${r.expected.toFixed(d)} ${block.unit}，超过总数 ${line.amount.value.toFixed(d)} ${block.unit}，相差 ${r.difference.abs().toFixed(d)} ${block.unit}`,
        messageEn: `${line.label}: its parts add up to ${r.expected.toFixed(d)}, more than the line's ${line.amount.value.toFixed(d)} ${block.unit}`,
        equation: { target: total, parts, formula: `${line.label} ≥ 其中各项之和` },
      });
    }
  });
}

export const subtotal: Rule = {
  id: 'subtotal',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.projectTables) {
      const keys = SUMMED.filter((k) => table.columns[k] !== undefined);
      for (const row of table.rows) {
        if (row.kind === 'item' && row.children.length) checkGroup(ctx, table, row, row.children, '各子项目', out, keys);
        if (row.kind === 'total' && row.covers.length) checkGroup(ctx, table, row, row.covers, '各项目', out, keys);
      }
    }
    for (const block of ctx.model.summaries) for (const b of [block, ...(block.alsoColumns ?? [])]) checkSummaryBlock(ctx, b, out);
    return out;
  },
};
