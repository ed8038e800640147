/**
 * The fund block of a 绩效自评表 as PDF text extraction flattens it into one run of words:
 * 「项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0
 * 其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金」. The header gives the columns; each fund row's
 * figures fill them from the left. A 其中 row can never exceed 年度资金总额 in an amount column, whichever
 * of its sources it is.
 */
import Decimal from 'decimal.js';
import { halfUnit } from '../rounding';
import { addFinding, AuditContext } from './context';
import { Paragraph } from './extract';

const HEADER = /年初预算数?\s+全年预算数?\s+全年执行数?(\s+(分值|执行率|得分))*/g;
const AMOUNT_COLUMNS = 3;
const NUM = /^-?\d+(\.\d+)?$/;

interface Row {
  label: string;
  cells: { value: Decimal; decimals: number; start: number; end: number }[];
  start: number;
}

function rowAt(norm: string, from: number, label: RegExp): Row | null {
  const m = label.exec(norm.slice(from));
  if (!m || m.index > 2) return null;
  const cells: Row['cells'] = [];
  let at = from + m.index + m[0].length;
  for (;;) {
    const t = /^\s*(\S+)/.exec(norm.slice(at));
    if (!t || !NUM.test(t[1])) break;
    const start = at + t[0].length - t[1].length;
    cells.push({ value: new Decimal(t[1]), decimals: t[1].includes('.') ? t[1].length - t[1].indexOf('.') - 1 : 0, start, end: start + t[1].length });
    at = start + t[1].length;
  }
  return { label: m[0].trim(), cells, start: from + m.index + (m[0].length - m[0].trimStart().length) };
}

export function checkFlattenedForms(ctx: AuditContext, p: Paragraph): void {
  const norm = p.norm;
  for (const h of norm.matchAll(HEADER)) {
    const after = h.index + h[0].length;
    const total = rowAt(norm, after, /^\s*年度资金总额[:：]?/);
    if (!total || total.cells.length === 0) continue;
    const partFrom = total.cells[total.cells.length - 1].end;
    const part = rowAt(norm, partFrom, /^\s*其中[:：]?\s*(本年|当年)?财政拨款(资金)?[:：]?/);
    if (!part || part.cells.length === 0) continue;
    ctx.checks++;
    for (let k = 0; k < Math.min(AMOUNT_COLUMNS, total.cells.length, part.cells.length); k++) {
      const t = total.cells[k];
      const q = part.cells[k];
      if (q.value.minus(halfUnit(q.decimals)).lte(t.value.plus(halfUnit(t.decimals)))) continue;
      const column = ['年初预算数', '全年预算数', '全年执行数'][k];
      addFinding(ctx, 'parts-sum', 'error', p, total.start, q.end,
        `自评表${column}：其中财政拨款${norm.slice(q.start, q.end)}万元大于年度资金总额${norm.slice(t.start, t.end)}万元`,
        `self-evaluation form, ${column}: the 财政拨款 part ${norm.slice(q.start, q.end)} exceeds the total ${norm.slice(t.start, t.end)}`,
        { expected: `≥ ${q.value.toString()}`, actual: t.value.toString(), label: `年度资金总额·${column}` });
    }
  }
}
