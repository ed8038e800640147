/**
 * A figure typed in the wrong unit: in a 万元 table, 10³–10⁵ times larger than its column's
 * others (typed in 元); in a 元 table, that much smaller (typed in 万元). Also a unit written
 * into a cell's text that is not the table's. A column of a few projects is no yardstick of its
 * own: there a figure is a suspect when it breaks an identity whose other figures are all 10³–10⁵
 * from it, and either its column's others are as far, or in the table's unit it makes every
 * identity it breaks hold. Whatever else it breaks, it is flagged as the unit slip it is.
 */
import Decimal from 'decimal.js';
import { exponentOfMicros } from '../exact';
import { Finding } from '../findings';
import { Replay } from '../fixes';
import { ColumnPeers, offPeers, TableCell } from '../peers';
import { Amount, PROJECT_AMOUNT_COLUMNS, ProjectAmountColumn, ProjectRow, ProjectTable } from '../model';
import { COL, FigureView, figureView } from './figures';
import { Unit, UNIT_FACTOR } from '../numbers';
import { findingId, Rule, RuleContext } from './context';

const ZERO = new Decimal(0);
const LOW = new Decimal(1000);
const HIGH = new Decimal(200000);
const MIN_OTHERS = 4;

/** Median magnitude. Only an order-of-magnitude yardstick, so sorting by float is fine here. */
function median(values: Decimal[]): Decimal {
  const s = values.map((v, i) => ({ n: v.toNumber(), i })).sort((a, b) => a.n - b.n);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? values[s[m].i] : values[s[m - 1].i].plus(values[s[m].i]).div(2);
}

/** e with 10^e ≤ |x| < 10^(e+1), for a figure that is not zero; from micros when it has them. */
function exponentOf(a: Amount): number {
  return a.micros !== undefined ? exponentOfMicros(a.micros) : a.value.e;
}

/**
 * One column's figures that are not zero, as the check reads them: each one's order of
 * magnitude, and the figure itself on demand (position i among them).
 */
interface ColumnFigures {
  exponent: Int32Array;
  figure(i: number): Figure;
}

function amountColumn(amounts: Amount[], figureOf: (i: number) => Figure): ColumnFigures {
  const at: number[] = [];
  const exponent: number[] = [];
  amounts.forEach((a, i) => {
    if (a.micros !== undefined ? a.micros === 0 : a.value.isZero()) return;
    at.push(i);
    exponent.push(exponentOf(a));
  });
  return { exponent: Int32Array.from(exponent), figure: (i) => figureOf(at[i]) };
}

/** A table column read from its figures: no amount is built but for a suspect. */
function viewColumn(v: FigureView, table: ProjectTable, key: ProjectAmountColumn, column: string): ColumnFigures {
  const k = COL[key];
  const rows = table.rows;
  const at = new Int32Array(rows.length);
  const exponent = new Int32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].kind !== 'item' || !v.has(k, i)) continue;
    const m = v.micros(k, i);
    if (m === 0) continue;
    if (Number.isNaN(m)) {
      const a = rows[i].amounts[key]!;
      if (a.value.isZero()) continue;
      exponent[n] = a.value.e;
    } else exponent[n] = exponentOfMicros(m);
    at[n++] = i;
  }
  return { exponent: exponent.subarray(0, n), figure: (i) => ({ amount: rows[at[i]].amounts[key]!, label: rows[at[i]].label, column }) };
}

interface Figure {
  amount: Amount;
  label: string;
  column: string;
}

/** Suspects among one column's figures that are not zero. */
function suspects(col: ColumnFigures, unit: Unit, out: Finding[], seen: Set<string>): void {
  if (unit === '亿元') return;
  const exponent = col.exponent;
  const count = exponent.length;
  if (count < MIN_OTHERS + 1) return;
  // Orders of magnitude pick out the candidates with no arithmetic at all: decimal.js's exponent e
  // (10^e ≤ |x| < 10^(e+1)). The median lies at or above 10^lo and below 10^(hi+1), lo and hi the
  // exponents of the middle figure(s), so a ratio ≥ 1000 needs e ≥ lo + 3 and ≤ 1/1000 needs
  // e ≤ hi − 3; one more order of slack on each side. Every candidate is then judged in decimal.
  const sorted = exponent.slice().sort();
  const mid = Math.floor(sorted.length / 2);
  const lo = sorted.length % 2 ? sorted[mid] : sorted[mid - 1];
  const hi = sorted[mid];
  const ten4 = new Decimal(10000);
  let m: Decimal | null = null;
  for (let k = 0; k < count; k++) {
    if (unit === '万元' ? exponent[k] < lo + 2 : exponent[k] > hi - 2) continue;
    // The column's median stands for "its others": one outlier cannot move it.
    m ??= median(Array.from({ length: count }, (_, i) => col.figure(i).amount.value.abs()));
    if (m.isZero()) return;
    const f = col.figure(k);
    const ratio = f.amount.value.abs().div(m);
    const key = `${f.amount.ref.sheet}!${f.amount.ref.cell}`;
    if (seen.has(key)) continue;
    if (unit === '万元' && ratio.gte(LOW) && ratio.lte(HIGH)) {
      const fixed = f.amount.value.div(ten4).toDecimalPlaces(6);
      seen.add(key);
      out.push(make(f, unit, fixed, `${f.label}：${f.column} ${f.amount.value.toFixed(2)} 是同列其他数字（中位数 ${m.toFixed(2)}）的 ${ratio.toFixed(0)} 倍，疑似按“元”填入了万元表，应为 ${fixed.toFixed(2)} 万元`, `${f.label}: ${f.amount.value.toFixed(2)} is ${ratio.toFixed(0)}× its column's median; probably typed in 元 in a 万元 table (${fixed.toFixed(2)} 万元)`));
    } else if (unit === '元' && ratio.lte(new Decimal(1).div(LOW)) && ratio.gte(new Decimal(1).div(HIGH))) {
      const fixed = f.amount.value.times(ten4);
      seen.add(key);
      out.push(make(f, unit, fixed, `${f.label}：${f.column} ${f.amount.value.toFixed(2)} 远小于同列其他数字（中位数 ${m.toFixed(2)}），疑似按“万元”填入了元表，应为 ${fixed.toFixed(2)} 元`, `${f.label}: ${f.amount.value.toFixed(2)} is far below its column's median; probably typed in 万元 in a 元 table`));
    }
  }
}

function make(f: Figure, unit: Unit, fixed: Decimal, message: string, messageEn: string): Finding {
  const id = findingId('unit-suspect', f.amount.ref.sheet, f.amount.ref.cell);
  return {
    id,
    rule: 'unit-suspect',
    severity: 'warning',
    sheet: f.amount.ref.sheet,
    cell: f.amount.ref.cell,
    related: [],
    expected: fixed.toFixed(),
    actual: f.amount.value.toFixed(),
    difference: f.amount.value.minus(fixed).toFixed(),
    unit,
    label: f.label,
    message,
    messageEn,
    fix: { sheet: f.amount.ref.sheet, cell: f.amount.ref.cell, value: fixed.toFixed(), clears: 1, findingIds: [id], message: `将 ${f.amount.ref.cell} 改为 ${fixed.toFixed(2)}`, messageEn: `set ${f.amount.ref.cell} to ${fixed.toFixed(2)}` },
  };
}

function suffixMismatch(f: Figure, unit: Unit, out: Finding[], seen: Set<string>): void {
  const suffix = f.amount.unitSuffix;
  if (!suffix || suffix === unit) return;
  const key = `${f.amount.ref.sheet}!${f.amount.ref.cell}`;
  if (seen.has(key)) return;
  seen.add(key);
  const converted = f.amount.value.times(UNIT_FACTOR[suffix]).div(UNIT_FACTOR[unit]);
  out.push({
    ...make(f, unit, converted, `${f.label}：单元格写的是“${f.amount.value.toFixed()}${suffix}”，而本表单位为${unit}；按${unit}应为 ${converted.toFixed()}，请核实单位`, `${f.label}: the cell says ${suffix} but the table is in ${unit}`),
  });
}

interface IdentitySlip {
  at: TableCell;
  amount: Amount;
  unit: '万元' | '元';
  /** How far the figure is from the other figures of the first identity it breaks. */
  ratio: Decimal;
  /** The identities it breaks, as their findings name them. */
  identities: string[];
}

/** Figures 10³–10⁵ off the other figures of an identity they break, in project tables of 万元 or 元. */
function identitySlips(ctx: RuleContext, out: Finding[], seen: Set<string>): void {
  if (!ctx.model.projectTables.length || !ctx.ledger.open.size) return;
  const peers = new ColumnPeers(ctx.model.projectTables);
  const slips = new Map<number, IdentitySlip>();
  for (const open of ctx.ledger.open.values()) {
    const unit = open.finding?.unit;
    if (open.outcome !== 'mismatch' || (unit !== '万元' && unit !== '元')) continue;
    const ops = open.operands;
    // In a 万元 table only the largest figure can be 10³ times the others; in a 元 table any figure
    // 10³ below the largest. The largest and second largest, once per identity (a 合计 has thousands).
    const abs = ops.map((a) => a.value.abs());
    let top = -1;
    let second: Decimal = ZERO;
    for (let i = 0; i < abs.length; i++) {
      if (top < 0 || abs[i].gt(abs[top])) {
        if (top >= 0) second = abs[top];
        top = i;
      } else if (abs[i].gt(second)) second = abs[i];
    }
    if (top < 0) continue;
    const consider = (j: number, largest: Decimal) => {
      const a = ops[j];
      if (a.source || abs[j].isZero() || largest.isZero()) return;
      const ratio = unit === '万元' ? abs[j].div(largest) : largest.div(abs[j]);
      if (ratio.lt(LOW) || ratio.gt(HIGH)) return;
      const at = peers.locate(a.ref.sheet, a.ref.row, a.ref.col);
      if (!at || at.row.kind !== 'item' || at.key === 'executionRate' || at.table.unit !== unit) return;
      const id = ctx.ledger.cellOf(a);
      // 「结余结转 = 全年预算数 − 实际支出」 on the figure's own row; another row's identity names its row.
      const { label, equation } = open.finding!;
      const name = `${label && label !== at.row.label ? label + ' ' : ''}${equation?.formula ?? ''}`.trim();
      const known = slips.get(id);
      if (!known) slips.set(id, { at, amount: a, unit, ratio, identities: [name] });
      else if (!known.identities.includes(name)) known.identities.push(name);
    };
    if (unit === '万元') consider(top, second);
    else {
      const below = abs[top].div(LOW);
      for (let j = 0; j < ops.length; j++) if (j !== top && abs[j].lte(below)) consider(j, abs[top]);
    }
  }
  if (!slips.size) return;
  const replay = new Replay(ctx.ledger, new Set(slips.keys()));
  const ten4 = new Decimal(10000);
  for (const [id, s] of slips) {
    const { at, amount, unit } = s;
    const key = `${amount.ref.sheet}!${amount.ref.cell}`;
    if (seen.has(key)) continue;
    const fixed = unit === '万元' ? amount.value.div(ten4).toDecimalPlaces(6) : amount.value.times(ten4);
    const r = replay.usable(id) ? replay.evaluate(id, fixed) : undefined;
    const balances = !!r && r.failing > 0 && r.holding === r.failing && r.broken === 0;
    const spread = peers.spread(at);
    const off = offPeers(amount.value.toNumber(), spread);
    const columnSays = spread.count > 0 && (unit === '万元' ? off >= LOW.toNumber() && off <= HIGH.toNumber() : off <= 1 / LOW.toNumber() && off >= 1 / HIGH.toNumber());
    if (!balances && !columnSays) continue;
    seen.add(key);
    const f: Figure = { amount, label: at.row.label, column: at.table.columnLabels[at.key] ?? at.key };
    const typed = unit === '万元' ? '元' : '万元';
    const v = amount.value.toFixed(2);
    const shown = fixed.toFixed(2);
    const message = balances
      ? `${f.label}：${f.column} ${v} 疑似按“${typed}”填入了${unit}表：按 ${shown} ${unit}计，${s.identities.join('、')} 即相符，应为 ${shown} ${unit}`
      : `${f.label}：${f.column} ${v} 与「${s.identities[0]}」中其他数字相差 ${s.ratio.toFixed(0)} 倍，与同列其他数字也相差千倍以上，疑似按“${typed}”填入了${unit}表，应为 ${shown} ${unit}`;
    const messageEn = balances
      ? `${f.label}: ${v} looks typed in ${typed} in a ${unit} table: as ${shown} ${unit}, ${s.identities.join('; ')} hold`
      : `${f.label}: ${v} is ${s.ratio.toFixed(0)}× off the other figures of ${s.identities[0]} and of its column; probably typed in ${typed} in a ${unit} table (${shown} ${unit})`;
    out.push(make(f, unit, fixed, message, messageEn));
  }
}

export const unitSuspect: Rule = {
  id: 'unit-suspect',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const table of ctx.model.projectTables) {
      const keys = PROJECT_AMOUNT_COLUMNS.filter((k) => k !== 'executionRate' && table.columns[k] !== undefined);
      const view = figureView(table, ctx.ledger);
      if (view) {
        // Only figures read from text can carry a unit of their own.
        for (const row of table.rows) {
          if (row.kind !== 'item') continue;
          for (const key of keys) {
            if (!view.fromText(COL[key], row.index)) continue;
            const amount = row.amounts[key];
            if (amount?.unitSuffix) suffixMismatch({ amount, label: row.label, column: table.columnLabels[key] ?? key }, table.unit, out, seen);
          }
        }
        for (const key of keys) suspects(viewColumn(view, table, key, table.columnLabels[key] ?? key), table.unit, out, seen);
        continue;
      }
      const amounts: Amount[][] = keys.map(() => []);
      const rows: ProjectRow[][] = keys.map(() => []);
      // One pass over the rows (each row's figures read together), a list per column.
      for (const row of table.rows) {
        if (row.kind !== 'item') continue;
        for (let k = 0; k < keys.length; k++) {
          const amount = row.amounts[keys[k]];
          if (!amount) continue;
          amounts[k].push(amount);
          rows[k].push(row);
          if (amount.unitSuffix) suffixMismatch({ amount, label: row.label, column: table.columnLabels[keys[k]] ?? keys[k] }, table.unit, out, seen);
        }
      }
      keys.forEach((key, k) => {
        const column = table.columnLabels[key] ?? key;
        suspects(amountColumn(amounts[k], (i) => ({ amount: amounts[k][i], label: rows[k][i].label, column })), table.unit, out, seen);
      });
    }
    identitySlips(ctx, out, seen);
    for (const block of ctx.model.summaries) {
      const figures = block.lines.filter((l) => l.amount).map((l) => ({ amount: l.amount!, label: l.label, column: l.label }));
      for (const f of figures) suffixMismatch(f, block.unit, out, seen);
      // In a summary a 元 figure also towers over the block's largest total.
      const max = figures.reduce((m, f) => (f.amount.value.abs().gt(m) ? f.amount.value.abs() : m), new Decimal(0));
      const candidates: Finding[] = [];
      suspects(
        amountColumn(
          figures.map((f) => f.amount),
          (i) => figures[i],
        ),
        block.unit,
        candidates,
        new Set(seen),
      );
      for (const c of candidates) {
        if (block.unit === '万元' && new Decimal(c.actual ?? 0).abs().lt(max)) {
          const second = figures.map((f) => f.amount.value.abs()).sort((a, b) => b.cmp(a))[1];
          if (!second || new Decimal(c.actual ?? 0).abs().lt(second.times(LOW))) continue;
        }
        seen.add(`${c.sheet}!${c.cell}`);
        out.push(c);
      }
    }
    return out;
  },
};
