/**
 * Totals of the line tables (三公, 收入/支出决算表, 基本支出 …), rows and columns, decided by readings
 * (../shared/design/readings.md): where a layout can be read more than one way (which rows a 合计
 * covers, where a 其中 list ends, whether 公务用车费 or its 其中 lines feed the 合计), each reading's
 * identity is evaluated; the first that holds is taken and recorded; an error is raised only when every
 * reading fails. Structure that fails on most of a table is a misreading, not a slip: it is listed as
 * not checked instead.
 */
import { Finding } from '../findings';
import { Amount, LineKey, LineRow, LineTable } from '../model';
import { lineKeyOf } from '../recognise/line-table';
import { checkIdentity, formulaOf, notChecked, Operandish, readingHolds, Rule, RuleContext } from './context';

interface Identity {
  target: Operandish;
  parts: Operandish[];
  /** The human form of the right-hand side. */
  formula: string;
}

/** One decision: the readings of one target, best first (the layout's own hint first). */
interface Decision {
  subject: string;
  quantity: string;
  readings: Identity[];
}

/** A 合计 column over the fund sources has no line key of its own. */
type ColumnKey = LineKey | 'fundTotal';

const INCOME_SOURCES: LineKey[] = ['fiscalIncome', 'upperSubsidy', 'businessIncome', 'operatingIncome', 'affiliatedIncome', 'otherIncome'];
const EXPENDITURE_PARTS: LineKey[] = ['basic', 'project', 'upperRemit', 'operatingExpenditure', 'subsidyToAffiliated'];
/** 预算数合计 | 一般公共预算拨款 | 政府性基金预算拨款 | 国有资本经营预算拨款. */
const FUND_SOURCES: LineKey[] = ['fundGeneral', 'fundGov', 'fundCapital'];

function holds(ctx: RuleContext, id: Identity): boolean {
  return readingHolds(ctx, id.target, id.parts);
}

function identity(target: Amount, targetLabel: string, parts: { amount: Amount | undefined; label: string }[]): Identity | null {
  const ops: Operandish[] = [];
  for (const p of parts) if (p.amount) ops.push({ amount: p.amount, label: p.label, weight: 1 });
  if (!ops.length) return null;
  return { target: { amount: target, label: targetLabel, weight: 1 }, parts: ops, formula: formulaOf(ops) };
}

/**
 * Which figure of a failing identity is wrong: the one that fails the most readings in the table (each
 * reading counted once); the total when none does more. 「212 合计 13,583.48 = 基本 1,066.51 + 项目
 * 2,921.97」 fails, and so does 「基本支出 合计 = Σ 类」 through 1,066.51: the 基本支出 figure is blamed.
 */
function blameCounts(ctx: RuleContext, decisions: Decision[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of decisions) {
    for (const r of d.readings) {
      if (!r.parts.length || holds(ctx, r)) continue;
      for (const o of [r.target, ...r.parts]) counts.set(o.amount.ref.cell, (counts.get(o.amount.ref.cell) ?? 0) + 1);
    }
  }
  return counts;
}

/** Settles decisions: a reading that holds is recorded; if none holds, the first reading's error is raised. */
function settle(ctx: RuleContext, table: LineTable, decisions: Decision[], blame: Map<string, number>, blamed: Map<string, Finding>, out: Finding[]): void {
  for (const d of decisions) {
    const readings = d.readings.filter((r) => r.parts.length);
    if (!readings.length) continue;
    const holding = readings.find((r) => holds(ctx, r));
    const chosen = holding ?? readings[0];
    const f = checkIdentity(ctx, {
      rule: 'subtotal',
      subject: d.subject,
      quantity: d.quantity,
      formula: chosen.formula,
      target: chosen.target,
      parts: chosen.parts,
      unit: table.unit,
    });
    if (!f) continue;
    if (f.severity === 'error') {
      const culprit = blamedOperand(chosen, blame);
      if (culprit) reblame(f, chosen, culprit, table);
      // One error per figure: a second failing identity through the same cell adds nothing, and the error
      // already shown there stands for it (a fix clears that error only if it clears this identity too).
      const shown = blamed.get(f.cell);
      if (shown) {
        const open = ctx.ledger.lastOpen();
        if (open?.finding === f) open.finding = shown;
        continue;
      }
      blamed.set(f.cell, f);
      if (readings.length > 1) {
        f.message += `（按其他读法也不平：${readings.slice(1).map((r) => r.formula).join('；')}）`;
        f.messageEn += ` (other readings fail too: ${readings.slice(1).map((r) => r.formula).join('; ')})`;
      }
    }
    out.push(f);
  }
}

/**
 * The part to blame instead of the total: the one in strictly the most failing readings, among the parts
 * whose corrected value stays plausible (not below zero where every figure is positive). A tie names no
 * part: the finding stays on the total.
 */
function blamedOperand(id: Identity, blame: Map<string, number>): Operandish | undefined {
  const allPositive = [id.target, ...id.parts].every((o) => !o.amount.value.isNegative());
  let difference = id.target.amount.value;
  for (const p of id.parts) difference = difference.minus(p.amount.value.times(p.weight ?? 1));
  let best: Operandish | undefined;
  let bestCount = blame.get(id.target.amount.ref.cell) ?? 0;
  let tie = false;
  for (const p of id.parts) {
    const corrected = p.amount.value.plus(difference.times(p.weight ?? 1));
    if (allPositive && corrected.isNegative()) continue;
    const n = blame.get(p.amount.ref.cell) ?? 0;
    if (n > bestCount) {
      best = p;
      bestCount = n;
      tie = false;
    } else if (best && n === bestCount) tie = true;
  }
  return tie ? undefined : best;
}

/** Moves a finding from the identity's total to the part that is wrong, with the value that part should have. */
function reblame(f: Finding, id: Identity, culprit: Operandish, table: LineTable): void {
  let others = id.target.amount.value;
  for (const p of id.parts) if (p !== culprit) others = others.minus(p.amount.value.times(p.weight ?? 1));
  const should = others.times(culprit.weight ?? 1);
  const actual = culprit.amount.value;
  const d = Math.max(2, culprit.amount.decimals);
  const u = table.unit;
  const label = culprit.label;
  // The id stays the identity's (its total's cell): another identity's error at the part, before or after a
  // correction, must not take the same id, or a fix that clears one would seem to leave it standing.
  f.cell = culprit.amount.ref.cell;
  f.expected = should.toFixed();
  f.actual = actual.toFixed();
  f.difference = actual.minus(should).toFixed();
  f.label = label;
  f.related = [id.target, ...id.parts.filter((p) => p !== culprit)].map((o) => ({ sheet: o.amount.ref.sheet, cell: o.amount.ref.cell, label: o.label, value: o.amount.value.toFixed() }));
  const rule = id.parts.length > 4 ? `${id.target.label} = 其下 ${id.parts.length} 项之和` : `${id.target.label} = ${id.formula}`;
  f.message = `${label}：按「${rule}」应为 ${should.toFixed(d)} ${u}，表中为 ${actual.toFixed(d)} ${u}，相差 ${actual.minus(should).abs().toFixed(d)} ${u}；该数同时使其他勾稽关系不平，${id.target.label}本身与其余各项相符`;
  f.messageEn = `${label}: by ${id.parts.length > 4 ? `${id.target.label} = the sum of its ${id.parts.length} lines` : `${id.target.label} = ${id.formula}`} it should be ${should.toFixed(d)} ${u}, the sheet says ${actual.toFixed(d)} ${u}; the same figure breaks other identities, while ${id.target.label} agrees with the rest`;
}

/**
 * How many lines fail under every reading, and how many hold: a structure that fails on more lines than it
 * holds is a misreading of the layout. Counted by line, not by column: one wrong line fails in each of its
 * columns, a misread structure on line after line.
 */
function failing(ctx: RuleContext, decisions: Decision[]): { fail: number; hold: number } {
  const fail = new Set<number>();
  const hold = new Set<number>();
  for (const d of decisions) {
    const rs = d.readings.filter((r) => r.parts.length);
    if (!rs.length) continue;
    const row = rs[0].target.amount.ref.row;
    if (rs.some((r) => holds(ctx, r))) hold.add(row);
    else fail.add(row);
  }
  for (const r of fail) hold.delete(r);
  return { fail: fail.size, hold: hold.size };
}

function columnName(table: LineTable, k: number): string {
  const c = table.columns[k];
  return c.path.length > 1 && /^(合计|小计)$/.test(c.header.replace(/\s/g, '')) ? `${c.path[c.path.length - 2]}${c.header}` : c.header || `第${k + 1}列`;
}

function rowName(row: LineRow): string {
  return row.code && row.label !== row.code ? `${row.code} ${row.label}` : row.label;
}

// ---------------------------------------------------------------------------------------------
// Rows: code trees, numbering / 其中 trees, 合计 rows.

/** Parent of each row by code: the nearest row above whose code is a proper prefix of its own. */
function codeParents(rows: LineRow[]): (number | null)[] {
  const parents: (number | null)[] = rows.map(() => null);
  rows.forEach((r, i) => {
    if (!r.code) return;
    for (let j = i - 1; j >= 0; j--) {
      const c = rows[j].code;
      if (c && c.length < r.code.length && r.code.startsWith(c)) {
        parents[i] = j;
        break;
      }
    }
  });
  return parents;
}

/**
 * Layout levels where there are no codes: numbering (一、 （一） 1. （1）), 其中 (one deeper than the line
 * it follows), indentation; an unmarked line takes the level of the marked line before it (the reading
 * in which a 其中 list runs on without its prefix); `strict` gives unmarked lines no parent instead.
 */
function layoutParents(rows: LineRow[], strict: boolean): (number | null)[] {
  const level: (number | null)[] = [];
  const parents: (number | null)[] = rows.map(() => null);
  let prevLevel = 0;
  rows.forEach((r, i) => {
    let l: number | null;
    if (r.total && r.numbering === null) l = null;
    else if (r.qizhong) {
      // 其中 opens a level one below the line it follows (or continues the list it is in).
      const prev = i > 0 && level[i - 1] !== null ? (level[i - 1] as number) : prevLevel;
      const opened = i > 0 && rows[i - 1].qizhong ? prev : prev + 1;
      l = r.numbering !== null ? Math.max(r.numbering * 2, opened) : opened;
    } else if (r.numbering !== null) l = r.numbering * 2 + (r.indent > 0 ? 1 : 0);
    else if (r.indent > 0) l = prevLevel + 1;
    else l = strict ? 0 : i > 0 && level[i - 1] !== null ? (level[i - 1] as number) : 0;
    level.push(l);
    if (l !== null) prevLevel = l;
    if (l === null) return;
    for (let j = i - 1; j >= 0; j--) {
      const lj = level[j];
      if (lj === null) continue;
      if (lj < l) {
        parents[i] = j;
        break;
      }
    }
  });
  return parents;
}

function childrenOf(parents: (number | null)[]): number[][] {
  const kids: number[][] = parents.map(() => []);
  parents.forEach((p, i) => {
    if (p !== null) kids[p].push(i);
  });
  return kids;
}

/** A group is complete when a row after its last child is outside it, or the table visibly ends. */
function closedGroup(rows: LineRow[], parents: (number | null)[], parent: number, kids: number[], closed: boolean): boolean {
  if (closed) return true;
  const last = kids[kids.length - 1];
  for (let i = last + 1; i < rows.length; i++) {
    let p = parents[i];
    let inside = false;
    while (p !== null) {
      if (p === parent) {
        inside = true;
        break;
      }
      p = parents[p];
    }
    if (!inside) return true;
  }
  return false;
}

function rowDecisions(table: LineTable, k: number): { tree: Decision[]; totals: Decision[]; coded: boolean } {
  const rows = table.rows;
  const coded = rows.filter((r) => r.code).length >= 2;
  const tree: Decision[] = [];
  const quantity = columnName(table, k);
  const fig = (i: number) => rows[i].figures[k];
  const part = (i: number) => ({ amount: fig(i), label: rowName(rows[i]) });

  const parentsA = coded ? codeParents(rows) : layoutParents(rows, false);
  const parentsB = coded ? parentsA : layoutParents(rows, true);
  const kidsA = childrenOf(parentsA);
  const kidsB = childrenOf(parentsB);
  rows.forEach((r, i) => {
    const target = fig(i);
    if (!target || (!kidsA[i].length && !kidsB[i].length)) return;
    if (r.total && r.numbering === null) return;
    const readings: Identity[] = [];
    for (const kids of [kidsB[i], kidsA[i]]) {
      if (!kids.length || !closedGroup(rows, parentsA, i, kids, table.closed)) continue;
      const id = identity(target, `${rowName(r)} ${quantity}`, kids.map(part));
      if (id && !readings.some((x) => x.parts.length === id.parts.length)) readings.push(id);
    }
    // Below a 其中 list, the lines may be a partial breakdown: its line must only not be smaller.
    const qz = kidsA[i].filter((c) => rows[c].qizhong);
    if (readings.length && qz.length) {
      const parts = kidsA[i].map((c) => fig(c)).filter((a): a is Amount => !!a);
      if (parts.every((a) => !a.value.isNegative())) {
        const sum = parts.reduce((s, a) => s.plus(a.value), parts[0].value.minus(parts[0].value));
        // A partial list holds when the line is at least the sum of the parts listed.
        if (target.value.gte(sum)) readings.length = 0;
      }
    }
    if (readings.length) tree.push({ subject: rowName(r), quantity, readings });
  });

  // 合计 / 总计 rows: the top level, the leaves, or the lines of the shortest code.
  const totals: Decision[] = [];
  const items = rows.map((_, i) => i).filter((i) => !rows[i].total || rows[i].numbering !== null);
  rows.forEach((r, i) => {
    const target = fig(i);
    if (!r.total || r.numbering !== null || !target) return;
    // A 合计 first covers what follows it; at the end, what precedes it (up to the previous 合计).
    const before = items.filter((j) => j < i && !rows.slice(j + 1, i).some((x) => x.total && x.numbering === null));
    const after = items.filter((j) => j > i && !rows.slice(i + 1, j).some((x) => x.total && x.numbering === null));
    const covered = before.length ? before : after;
    if (!covered.length) return;
    if (!before.length && !table.closed) return;
    const readings: Identity[] = [];
    const add = (set: number[]) => {
      const id = identity(target, `${r.label} ${quantity}`, set.map(part));
      if (id && !readings.some((x) => x.parts.map((p) => p.amount.ref.cell).join() === id.parts.map((p) => p.amount.ref.cell).join())) readings.push(id);
    };
    const top = covered.filter((j) => parentsA[j] === null || !covered.includes(parentsA[j] as number));
    add(top);
    add(covered.filter((j) => !kidsA[j].some((c) => covered.includes(c))));
    add(covered.filter((j) => parentsB[j] === null || !covered.includes(parentsB[j] as number)));
    if (coded) {
      const shortest = Math.min(...covered.map((j) => rows[j].code?.length ?? 99));
      add(covered.filter((j) => rows[j].code?.length === shortest));
    }
    if (readings.length) totals.push({ subject: r.label, quantity, readings });
  });
  return { tree, totals, coded };
}

// ---------------------------------------------------------------------------------------------
// Columns: the identities their headers name (三公, 收入/支出决算表, 基本支出), within each group.

/** Columns grouped by the headers above their keyed header (预算数 | 决算数 blocks). */
function columnGroups(table: LineTable): number[][] {
  const groups = new Map<string, number[]>();
  table.columns.forEach((c, k) => {
    // The headers that name no item name the block (预算数 | 决算数; 2015年 | 2016年).
    const unkeyed = c.path.filter((h) => !lineKeyOf(h, true));
    const g = (c.path.some((h) => lineKeyOf(h, true)) ? unkeyed : c.path.slice(0, -1)).join('|');
    groups.set(g, [...(groups.get(g) ?? []), k]);
  });
  return [...groups.values()];
}

/** A column's key; a 小计/合计 under a keyed group header stands for that group (公务用车购置及运行费 小计). */
export function columnKey(table: LineTable, k: number, tableKeys: Set<LineKey>): ColumnKey | undefined {
  const c = table.columns[k];
  if (c.key && c.key !== 'total') return c.key;
  if (c.key === 'total' && c.path.length > 1) {
    const at = c.path.findIndex((h) => lineKeyOf(h, true) === 'total');
    for (let i = (at < 0 ? c.path.length - 1 : at) - 1; i >= 0; i--) {
      const above = lineKeyOf(c.path[i]);
      if (above && above !== 'total') return above;
    }
  }
  if (c.key === 'total') {
    if (['abroad', 'reception', 'vehicle', 'vehiclePurchase', 'vehicleRun'].some((x) => tableKeys.has(x as LineKey))) return 'sangongTotal';
    if (INCOME_SOURCES.some((x) => tableKeys.has(x))) return 'yearIncomeTotal';
    if (EXPENDITURE_PARTS.some((x) => tableKeys.has(x))) return 'yearExpenditureTotal';
    if (tableKeys.has('personnel') && tableKeys.has('publicFunds')) return 'basic';
    if (FUND_SOURCES.some((x) => tableKeys.has(x))) return 'fundTotal';
  }
  return c.key;
}


/** The semantic identities among keyed items (columns of a group, or rows of a table): readings, best first. */
function keyedReadings(get: (key: ColumnKey) => { amount: Amount | undefined; label: string } | undefined): { key: ColumnKey; readings: (Identity | null)[] }[] {
  const out: { key: ColumnKey; readings: (Identity | null)[] }[] = [];
  const at = (k: ColumnKey) => get(k);
  const build = (total: ColumnKey, parts: ColumnKey[]) => {
    const t = at(total);
    if (!t?.amount) return null;
    return identity(t.amount, t.label, parts.map((p) => at(p)).filter((x): x is { amount: Amount | undefined; label: string } => !!x));
  };
  // 三公: 合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运行 (the 合计 read over 购置 + 运行 when 公务用车 is wrong).
  if (at('sangongTotal')?.amount) {
    const readings = [build('sangongTotal', ['abroad', 'vehicle', 'reception'])];
    if (at('vehiclePurchase') || at('vehicleRun')) readings.push(build('sangongTotal', ['abroad', 'vehiclePurchase', 'vehicleRun', 'reception']));
    out.push({ key: 'sangongTotal', readings: at('vehicle') ? readings : readings.slice(1).length ? readings.slice(1) : readings });
  }
  if (at('vehicle')?.amount && (at('vehiclePurchase') || at('vehicleRun'))) out.push({ key: 'vehicle', readings: [build('vehicle', ['vehiclePurchase', 'vehicleRun'])] });
  if (at('yearIncomeTotal')?.amount) out.push({ key: 'yearIncomeTotal', readings: [build('yearIncomeTotal', INCOME_SOURCES)] });
  if (at('yearExpenditureTotal')?.amount) out.push({ key: 'yearExpenditureTotal', readings: [build('yearExpenditureTotal', EXPENDITURE_PARTS)] });
  if (at('basic')?.amount && at('personnel') && at('publicFunds')) out.push({ key: 'basic', readings: [build('basic', ['personnel', 'publicFunds'])] });
  if (at('fundTotal')?.amount && FUND_SOURCES.filter((k) => at(k)).length >= 2) out.push({ key: 'fundTotal', readings: [build('fundTotal', FUND_SOURCES)] });
  return out;
}

function columnDecisions(table: LineTable): Decision[] {
  const decisions: Decision[] = [];
  const tableKeys = new Set(table.columns.map((c) => c.key).filter((k): k is LineKey => !!k));
  for (const group of columnGroups(table)) {
    const keyOf = new Map<ColumnKey, number>();
    for (const k of group) {
      const key = columnKey(table, k, tableKeys);
      if (key && !keyOf.has(key)) keyOf.set(key, k);
    }
    if (keyOf.size < 2) continue;
    for (const row of table.rows) {
      const got = (key: ColumnKey) => {
        const k = keyOf.get(key);
        return k === undefined ? undefined : { amount: row.figures[k], label: columnName(table, k) };
      };
      for (const { readings } of keyedReadings(got)) {
        const rs = readings.filter((r): r is Identity => !!r);
        if (rs.length) decisions.push({ subject: rowName(row), quantity: rs[0].target.label, readings: rs });
      }
    }
  }
  return decisions;
}

/** Items as rows (三公 tables typed down the page): the same semantic identities, per column. */
function keyedRowDecisions(table: LineTable, k: number): Decision[] {
  const byKey = new Map<LineKey, LineRow>();
  const hasSangong = table.rows.some((r) => r.key && ['abroad', 'reception', 'vehicle'].includes(r.key));
  for (const r of table.rows) {
    let key = r.key;
    if (key === 'total' && hasSangong) key = 'sangongTotal';
    if (key && !byKey.has(key)) byKey.set(key, r);
  }
  if (!hasSangong) return [];
  const decisions: Decision[] = [];
  const quantity = columnName(table, k);
  for (const { readings } of keyedReadings((key) => {
    const r = byKey.get(key as LineKey);
    return r ? { amount: r.figures[k], label: r.label } : undefined;
  })) {
    const rs = readings.filter((r): r is Identity => !!r);
    if (rs.length) decisions.push({ subject: rs[0].target.label, quantity, readings: rs });
  }
  return decisions;
}

export const lineTables: Rule = {
  id: 'subtotal',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.lineTables) {
      if (!table.rows.length) {
        notChecked(ctx, { rule: 'subtotal', sheet: table.sheet, check: table.title ?? table.sheet, reason: '表中没有数据（如“本单位无此类支出”），无需校验', reasonEn: 'the table holds no figures (e.g. the unit has no such spending)' });
        continue;
      }
      const cols = columnDecisions(table);
      const rowsByColumn = table.columns.map((_, k) => ({ k, ...rowDecisions(table, k), keyed: keyedRowDecisions(table, k) }));
      // A structure that fails more often than it holds is a misreading of the layout, not a slip.
      // Named identities (the lines and headers say what adds up) stand on their own; identities read
      // from the layout alone are trusted only where they mostly hold.
      const structures: { name: string; decisions: Decision[]; named?: boolean }[] = [
        { name: '“三公”经费构成', decisions: rowsByColumn.flatMap((x) => x.keyed), named: true },
        { name: '表头所示列间关系', decisions: cols, named: true },
        { name: table.rows.some((r) => r.code) ? '科目编码层级' : '行次层级（编号、其中）', decisions: rowsByColumn.flatMap((x) => x.tree) },
        { name: '合计行', decisions: rowsByColumn.flatMap((x) => x.totals) },
      ];
      // One decision per target cell: the first structure that names it (semantic before layout).
      // Down a column and across a row are different identities of the same cell.
      const direction = (d: Decision) => {
        const t = d.readings[0].target.amount.ref;
        return `${t.cell}|${d.readings[0].parts[0]?.amount.ref.col === t.col ? 'v' : 'h'}`;
      };
      const decided = new Set<string>();
      for (const s of structures) {
        s.decisions = s.decisions.filter((d) => !decided.has(direction(d)));
        for (const d of s.decisions) decided.add(direction(d));
      }
      const trusted: Decision[][] = [];
      for (const s of structures) {
        if (!s.decisions.length) continue;
        const { fail, hold } = failing(ctx, s.decisions);
        if (!s.named && fail >= 2 && fail > hold) {
          notChecked(ctx, {
            rule: 'subtotal',
            sheet: table.sheet,
            check: `${table.title ?? table.sheet}：${s.name}`,
            reason: `按表格版式推断的${s.name}有 ${fail} 处不平、${hold} 处相符，结构不确定，未作为错误报告`,
            reasonEn: `the ${s.name} read from the layout fails ${fail} times and holds ${hold} times: the structure is uncertain, nothing reported as an error`,
          });
          continue;
        }
        trusted.push(s.decisions);
      }
      const blame = blameCounts(ctx, trusted.flat());
      const blamed = new Map<string, Finding>();
      for (const decisions of trusted) settle(ctx, table, decisions, blame, blamed, out);
    }
    return out;
  },
};
