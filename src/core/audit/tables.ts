/**
 * Tables pasted into a draft as text (cells split by | or runs of spaces): a 合计/总计 row
 * must equal the sum of the rows above it, column by column (rounding rule of §3). Rows
 * with a different shape, rate columns (%) and blank cells are left out.
 */
import Decimal from 'decimal.js';
import { halfUnit, outcomeOf } from '../rounding';
import { addFinding, AuditContext } from './context';
import { Paragraph } from './extract';

interface Cell {
  text: string;
  start: number;
  end: number;
  value?: Decimal;
  decimals: number;
  percent: boolean;
}

function splitCells(p: Paragraph): Cell[] {
  const norm = p.norm;
  const cells: Cell[] = [];
  const re = norm.includes('|') ? /[^|]+/g : /\S+(?: \S+)*/g;
  for (const m of norm.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (!text) continue;
    const start = m.index + lead;
    const cell: Cell = { text, start, end: start + text.length, decimals: 0, percent: false };
    const num = /^(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)(%)?$/.exec(text.replace(/(万元|元)$/, ''));
    if (num) {
      cell.value = new Decimal(num[1].replace(/,/g, ''));
      cell.decimals = num[1].includes('.') ? num[1].length - num[1].indexOf('.') - 1 : 0;
      cell.percent = !!num[2];
    }
    cells.push(cell);
  }
  return cells;
}

export function checkTables(ctx: AuditContext, paras: Paragraph[]): void {
  let block: Paragraph[] = [];
  const flush = () => {
    if (block.length >= 3) checkBlock(ctx, block);
    block = [];
  };
  for (const p of paras) {
    if (p.isTable || (block.length && /^\s*\|?\s*:?-{3,}/.test(p.norm))) block.push(p);
    else flush();
  }
  flush();
}

function checkBlock(ctx: AuditContext, block: Paragraph[]): void {
  let rows: { p: Paragraph; label: string; nums: Cell[] }[] = [];
  for (const p of block) {
    if (/^\s*\|?\s*:?-{3,}/.test(p.norm)) continue;
    const cells = splitCells(p);
    const nums = cells.filter((c) => c.value !== undefined);
    const label = cells.filter((c) => c.value === undefined).map((c) => c.text).join('');
    if (nums.length === 0) {
      rows = []; // a header: a new table starts
      continue;
    }
    const row = { p, label: label.replace(/\s/g, ''), nums };
    if (/^(合计|总计|小计|共计)$/.test(row.label)) {
      const items = rows.filter((r) => r.nums.length === row.nums.length);
      if (items.length >= 2 && items.length === rows.length) checkTotalRow(ctx, row, items);
      if (row.label !== '小计') rows = [];
      continue;
    }
    rows.push(row);
  }
}

function checkTotalRow(ctx: AuditContext, total: { p: Paragraph; nums: Cell[] }, items: { nums: Cell[] }[]): void {
  for (let j = 0; j < total.nums.length; j++) {
    const t = total.nums[j];
    if (t.percent || items.some((r) => r.nums[j].percent)) continue;
    ctx.checks++;
    let sum = new Decimal(0);
    let allowance = halfUnit(t.decimals);
    for (const r of items) {
      sum = sum.plus(r.nums[j].value!);
      allowance = allowance.plus(halfUnit(r.nums[j].decimals));
    }
    const diff = t.value!.minus(sum);
    const outcome = outcomeOf(diff, allowance);
    if (outcome === 'exact') continue;
    const dec = Math.max(t.decimals, 2);
    if (outcome === 'rounding') {
      addFinding(ctx, 'parts-sum', 'info', total.p, t.start, t.end, `表中合计${t.text}与上方各行之和${sum.toFixed(dec)}相差${diff.abs().toFixed(dec)}，在四舍五入尾差范围内`, `the table total ${t.text} differs from the rows above by a rounding residue only`, { expected: sum.toFixed(dec), actual: t.text });
      continue;
    }
    addFinding(ctx, 'parts-sum', 'error', total.p, t.start, t.end, `表中合计${t.text}不等于上方各行之和${sum.toFixed(dec)}，相差${diff.abs().toFixed(dec)}`, `the table total ${t.text} is not the sum of the rows above (${sum.toFixed(dec)})`, { expected: sum.toFixed(dec), actual: t.text, difference: diff.toFixed(dec) });
  }
}
