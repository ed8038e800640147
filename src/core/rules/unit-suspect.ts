/**
 * A figure typed in the wrong unit: in a 万元 table, 10³–10⁵ times larger than its column's
 * others (typed in 元); in a 元 table, that much smaller (typed in 万元). Also a unit written
 * into a cell's text that is not the table's.
 */
import Decimal from 'decimal.js';
import { Finding } from '../findings';
import { Amount } from '../model';
import { Unit, UNIT_FACTOR } from '../numbers';
import { findingId, Rule, RuleContext } from './context';

const LOW = new Decimal(1000);
const HIGH = new Decimal(200000);
const MIN_OTHERS = 4;

/** Median magnitude. Only an order-of-magnitude yardstick, so sorting by float is fine here. */
function median(values: Decimal[]): Decimal {
  const s = values.map((v, i) => ({ n: v.toNumber(), i })).sort((a, b) => a.n - b.n);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? values[s[m].i] : values[s[m - 1].i].plus(values[s[m].i]).div(2);
}

interface Figure {
  amount: Amount;
  label: string;
  column: string;
}

function suspects(figures: Figure[], unit: Unit, out: Finding[], seen: Set<string>): void {
  const nonzero = figures.filter((f) => !f.amount.value.isZero());
  if (nonzero.length < MIN_OTHERS + 1 || unit === '亿元') return;
  // Magnitudes only pick out suspects (a yardstick, not money arithmetic): floats are fine here;
  // every figure reported is then worked out in decimal.
  const magnitude = Float64Array.from(nonzero, (f) => Math.abs(f.amount.value.toNumber()));
  const sorted = Float64Array.from(magnitude).sort();
  const mid = Math.floor(sorted.length / 2);
  const yardstick = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  if (yardstick === 0) return;
  const ten4 = new Decimal(10000);
  let m: Decimal | null = null;
  nonzero.forEach((f, i) => {
    if (unit === '万元' ? magnitude[i] < yardstick * 500 : magnitude[i] > yardstick / 500) return;
    // The column's median stands for "its others": one outlier cannot move it.
    m ??= median(nonzero.map((x) => x.amount.value.abs()));
    const ratio = f.amount.value.abs().div(m);
    const key = `${f.amount.ref.sheet}!${f.amount.ref.cell}`;
    if (seen.has(key)) return;
    if (unit === '万元' && ratio.gte(LOW) && ratio.lte(HIGH)) {
      const fixed = f.amount.value.div(ten4).toDecimalPlaces(6);
      seen.add(key);
      out.push(make(f, unit, fixed, `${f.label}：${f.column} ${f.amount.value.toFixed(2)} 是同列其他数字（中位数 ${m.toFixed(2)}）的 ${ratio.toFixed(0)} 倍，疑似按“元”填入了万元表，应为 ${fixed.toFixed(2)} 万元`, `${f.label}: ${f.amount.value.toFixed(2)} is ${ratio.toFixed(0)}× its column's median; probably typed in 元 in a 万元 table (${fixed.toFixed(2)} 万元)`));
    } else if (unit === '元' && ratio.lte(new Decimal(1).div(LOW)) && ratio.gte(new Decimal(1).div(HIGH))) {
      const fixed = f.amount.value.times(ten4);
      seen.add(key);
      out.push(make(f, unit, fixed, `${f.label}：${f.column} ${f.amount.value.toFixed(2)} 远小于同列其他数字（中位数 ${m.toFixed(2)}），疑似按“万元”填入了元表，应为 ${fixed.toFixed(2)} 元`, `${f.label}: ${f.amount.value.toFixed(2)} is far below its column's median; probably typed in 万元 in a 元 table`));
    }
  });
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

export const unitSuspect: Rule = {
  id: 'unit-suspect',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const table of ctx.model.projectTables) {
      const byColumn = new Map<string, Figure[]>();
      for (const row of table.rows) {
        if (row.kind !== 'item') continue;
        for (const [key, amount] of Object.entries(row.amounts)) {
          if (!amount || key === 'executionRate') continue;
          const column = table.columnLabels[key as keyof typeof table.columnLabels] ?? key;
          const f = { amount, label: row.label, column };
          suffixMismatch(f, table.unit, out, seen);
          const list = byColumn.get(key);
          if (list) list.push(f);
          else byColumn.set(key, [f]);
        }
      }
      for (const figures of byColumn.values()) suspects(figures, table.unit, out, seen);
    }
    for (const block of ctx.model.summaries) {
      const figures = block.lines.filter((l) => l.amount).map((l) => ({ amount: l.amount!, label: l.label, column: l.label }));
      for (const f of figures) suffixMismatch(f, block.unit, out, seen);
      // In a summary a 元 figure also towers over the block's largest total.
      const max = figures.reduce((m, f) => (f.amount.value.abs().gt(m) ? f.amount.value.abs() : m), new Decimal(0));
      const candidates: Finding[] = [];
      suspects(figures, block.unit, candidates, new Set(seen));
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
