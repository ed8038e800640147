/**
 * The draft's own tables: a 决算 document often carries its tables (三公 预算数 | 决算数, 收入支出决算总表)
 * as text above the narrative, a row a line (「公务接待费 | 1.8 | 1.52 |」) or, as PDF text extraction
 * leaves them, a cell a line. They are rebuilt as sheets, read with the workbook recogniser, and the
 * narrative's figures are compared with them by meaning, naming the table cell.
 */
import Decimal from 'decimal.js';
import { LineKey, LineTable } from '../model';
import { UNIT_FACTOR } from '../numbers';
import { lineKeyOf } from '../recognise/line-table';
import { readModel } from '../recognise';
import { outcomeOf } from '../rounding';
import { SheetSnapshot } from '../snapshot';
import { foldTraditional, withoutPinyin } from '../traditional';
import { formatYuan, halfUnit, halfYuan, yuanOf } from './arith';
import { addFinding, AuditContext, labelled, printed } from './context';
import { compareWithModel } from './against-model';
import { Figure, Paragraph } from './extract';
import { Scope } from './scopes';

/** Where a table cell came from in the draft. */
interface CellAt {
  para: number;
  start: number;
  end: number;
}

export interface TextTable {
  sheet: SheetSnapshot;
  at: Map<string, CellAt>;
  paras: number[];
}

const CELL_LINE = /\|\s*$|^\s*\|/;
const NUMBER = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

function cellsOf(p: Paragraph): { text: string; start: number; end: number }[] {
  const cell = (from: number, seg: string) => {
    const lead = seg.length - seg.trimStart().length;
    return { text: seg.trim(), start: from + lead, end: from + lead + seg.trim().length };
  };
  if (!p.norm.includes('|')) return [...p.norm.matchAll(/\S+(?: \S+)*/g)].map((m) => cell(m.index, m[0]));
  // Cells between bars, blanks included (「因公出国(境)费 | |」); nothing before a leading bar or after the last.
  const out: { text: string; start: number; end: number }[] = [];
  let from = 0;
  const segs = p.norm.split('|');
  segs.forEach((seg, k) => {
    const edge = (k === 0 || k === segs.length - 1) && seg.trim() === '';
    if (!edge) out.push(cell(from, seg));
    from += seg.length + 1;
  });
  return out;
}

/** Simplified, without reading aids: what the wording patterns are written in. */
const plain = (t: string) => foldTraditional(withoutPinyin(t));

const isNum = (t: string) => NUMBER.test(t.replace(/\s/g, ''));

/** Blocks of table lines, each rebuilt as a sheet with its title and unit lines above. */
export function tablesInText(paras: Paragraph[]): TextTable[] {
  const out: TextTable[] = [];
  let i = 0;
  while (i < paras.length) {
    if (!(paras[i].isTable || CELL_LINE.test(paras[i].norm))) {
      i++;
      continue;
    }
    let j = i;
    while (j < paras.length && (paras[j].isTable || CELL_LINE.test(paras[j].norm))) j++;
    if (j - i >= 3) out.push(buildTable(paras, i, j, out.length + 1));
    i = j;
  }
  return out.filter((t) => t.sheet.values.length >= 2);
}

function buildTable(paras: Paragraph[], from: number, to: number, n: number): TextTable {
  const at = new Map<string, CellAt>();
  const rows: { text: string; at?: CellAt }[][] = [];
  // Title and unit lines just above the block (「一、2021年度…“三公”经费支出决算表」, 「单位:万元」).
  for (let k = Math.max(0, from - 2); k < from; k++) {
    const t = paras[k].norm.trim();
    if (/单位[:：]/.test(t) || (/表$/.test(t) && t.length <= 60)) rows.push([{ text: t, at: { para: k, start: 0, end: paras[k].norm.length } }]);
  }
  const block = paras.slice(from, to);
  const perLine = block.map(cellsOf);
  const multi = perLine.filter((c) => c.length >= 2).length;
  if (multi >= block.length / 2) {
    perLine.forEach((cells, k) => {
      if (/^[\s|:-]+$/.test(block[k].norm)) return; // a markdown rule
      rows.push(cells.map((c) => ({ text: c.text, at: { para: block[k].index, start: c.start, end: c.end } })));
    });
  } else {
    // A cell a line: the cells before the first row's label are the header and give the width; then a
    // label opens a row and figures and blanks fill it.
    const flat = perLine.flatMap((cells, k) => (cells.length ? cells : [{ text: '', start: 0, end: 0 }]).map((c) => ({ ...c, para: block[k].index })));
    const firstNum = flat.findIndex((c) => isNum(c.text));
    if (firstNum > 1) {
      const header = flat.slice(0, firstNum - 1).filter((c) => c.text);
      const width = header.length;
      const cell = (c: (typeof flat)[number]) => ({ text: c.text, at: { para: c.para, start: c.start, end: c.end } });
      if (width >= 2) {
        rows.push(header.map(cell));
        let row: { text: string; at?: CellAt }[] | null = null;
        for (const c of flat.slice(firstNum - 1)) {
          if (c.text && !isNum(c.text)) {
            row = [cell(c)];
            rows.push(row);
          } else if (row && row.length < width) row.push(cell(c));
        }
      }
    }
  }
  const sheet: SheetSnapshot = { name: `正文表${n}`, values: [] };
  rows.forEach((r, ri) => {
    sheet.values.push(r.map((c) => c.text));
    r.forEach((c, ci) => {
      if (c.at) at.set(`${ri},${ci}`, c.at);
    });
  });
  return { sheet, at, paras: block.map((p) => p.index) };
}

type Column = 'budget' | 'actual';

function columnOf(header: string): Column | undefined {
  const h = withoutPinyin(header).replace(/\s/g, '');
  if (/决算|执行|实际/.test(h)) return 'actual';
  if (/预算/.test(h)) return 'budget';
  return undefined;
}

interface TableFigure {
  table: LineTable;
  yuan: Decimal;
  half: Decimal;
  cell: string;
  label: string;
  text: TextTable;
  at?: CellAt;
}

/** Every cell of an item (三公 line) in a column of the tables, with where it sits. */
function cellsFor(tables: { line: LineTable; text: TextTable }[], key: LineKey, col: Column): TableFigure[] {
  const out: TableFigure[] = [];
  for (const { line, text } of tables) {
    const cols = line.columns.map((c, k) => ({ k, kind: columnOf(c.path.join('')) })).filter((c) => c.kind === col);
    if (cols.length !== 1) continue;
    for (const row of line.rows) {
      if (row.key !== key) continue;
      const a = row.figures[cols[0].k];
      if (!a) continue;
      const factor = UNIT_FACTOR[line.unit];
      const rc = /^([A-Z]+)(\d+)$/.exec(a.ref.cell);
      const r = rc ? Number(rc[2]) - 1 : -1;
      const c = rc ? rc[1].charCodeAt(0) - 65 : -1;
      out.push({ table: line, yuan: a.value.times(factor), half: halfUnit(a.decimals).times(factor), cell: a.ref.cell, label: `${plain(row.rawLabel).replace(/\s/g, '')}·${plain(line.columns[cols[0].k].header).replace(/\s/g, '')}`, text, at: text.at.get(`${r},${c}`) });
    }
  }
  return out;
}

const SANGONG_ITEM: LineKey[] = ['abroad', 'reception', 'vehicle', 'vehiclePurchase', 'vehicleRun'];
const NO_CHANGE = /^[,，\s]*与[^,，。；;]{0,16}预算(数)?相比[,，\s]*(无增减|无变化|持平|没有变化|未发生变化)/;
const CHANGE_VS_BUDGET = /^[,，\s]*与[^,，。；;]{0,16}预算(数)?相比[,，\s]*$/;

/**
 * The narrative against the tables it carries: an item's 决算 or 预算 figure must be the table's, and a
 * change 「与2021年度预算相比，减少0.1万元」 or 「无增减」 must be the table's 决算数 − 预算数.
 */
export function checkOwnTables(ctx: AuditContext, scopes: Scope[]): number {
  const texts = tablesInText(ctx.paras);
  if (texts.length === 0) return 0;
  const { model } = readModel({ sheets: texts.map((t) => t.sheet) });
  // Summary tables (收入支出决算总表, 收支情况表) are compared the way a workbook given with --workbook is.
  let compared = model.summaries.length ? compareWithModel(ctx, scopes, model) : 0;
  const tables = model.lineTables.map((line) => ({ line, text: texts.find((t) => t.sheet.name === line.sheet)! })).filter((t) => t.text);
  if (tables.length === 0) return compared;
  const inTables = new Set(texts.flatMap((t) => t.paras));
  for (const p of ctx.paras) {
    if (p.isTable || inTables.has(p.index)) continue;
    p.figures.forEach((f, i) => {
      if (f.kind !== 'amount' || f.change || f.bound || f.base || f.inTable) return;
      if (f.year && f.year !== ctx.docYear && f.year !== 'prev') return;
      if (f.year === 'prev') return;
      const key = itemKey(f);
      if (!key) return;
      const label = plain(f.label);
      const col: Column = /预算/.test(label) && !/决算/.test(label) ? 'budget' : 'actual';
      const cells = cellsFor(tables, key, col);
      const agrees = (c: TableFigure, v: Decimal, h: Decimal) => outcomeOf(v.minus(c.yuan), h.plus(c.half)) !== 'mismatch';
      // Every plausible table: an error only when the figure agrees with none of them.
      if (cells.length) {
        compared++;
        if (!cells.some((c) => agrees(c, yuanOf(f), halfYuan(f)))) {
          if (cells.length === 1) mismatch(ctx, p, f, cells[0], `正文${labelled(p, f)}，表中为${shown(cells[0], f)}`);
          return;
        }
      }
      if (col !== 'actual') return;
      // 「…2.48万元，与2021年度预算相比无变化」 / 「…，与2021年度预算相比，减少0.1万元」
      const budgets = cellsFor(tables, key, 'budget');
      if (budgets.length !== 1) return;
      const b = budgets[0];
      const after = p.norm.slice(f.end, f.end + 40);
      const diff = yuanOf(f).minus(b.yuan);
      const allowance = halfYuan(f).plus(b.half);
      if (NO_CHANGE.test(plain(after))) {
        ctx.checks++;
        if (outcomeOf(diff, allowance) === 'mismatch') {
          const m = NO_CHANGE.exec(plain(after))!;
          const end = f.end + Math.min(after.length, m[0].length + (after.length - plain(after).length));
          addFinding(ctx, 'workbook-mismatch', 'error', p, f.labelStart, end,
            `文中说${labelled(p, f)}与预算相比${m[2]}，但表中${b.label}为${formatYuan(b.yuan, b.table.unit, decimalsOf(b))}，相差${formatYuan(diff.abs(), f.unit, Math.max(2, f.decimals))}`,
            `the text says ${f.label} did not change against the budget, but the table's budget is ${formatYuan(b.yuan, b.table.unit, decimalsOf(b))}`,
            extraOf(b, f));
        }
        return;
      }
      const next = p.figures[i + 1];
      if (!next || !next.change || next.kind !== 'amount' || next.sentence !== f.sentence || !CHANGE_VS_BUDGET.test(plain(p.norm.slice(f.end, next.labelStart)))) return;
      ctx.checks++;
      const stated = yuanOf(next).times(next.change === 'up' ? 1 : -1);
      if (outcomeOf(diff.minus(stated), allowance.plus(halfYuan(next))) === 'mismatch') {
        addFinding(ctx, 'workbook-mismatch', 'error', p, f.labelStart, next.end,
          `按表中${b.label}${formatYuan(b.yuan, b.table.unit, decimalsOf(b))}，${labelled(p, f)}与预算相比${diff.gte(0) ? '增加' : '减少'}${formatYuan(diff.abs(), f.unit, Math.max(2, f.decimals))}，文中写作${printed(p, next)}`,
          `against the table's budget the change is ${formatYuan(diff, f.unit, Math.max(2, f.decimals))}, the text says ${printed(p, next)}`,
          extraOf(b, f));
      }
    });
  }
  return compared;
}

/** A 三公 item named by a figure's label (公务接待费支出决算, 公務用車購置及運行維護費支出). */
function itemKey(f: Figure): LineKey | undefined {
  const l = plain(f.label).replace(/(支出)?(决算|预算)(数)?(为|是)?$|支出$|(决算|预算)(数)?$/g, '').replace(/^\d+[.、]/, '');
  const key = lineKeyOf(l);
  return key && SANGONG_ITEM.includes(key) ? key : undefined;
}

function decimalsOf(c: TableFigure): number {
  return Math.max(0, c.half.div(UNIT_FACTOR[c.table.unit]).times(2).log(10).neg().round().toNumber());
}

function shown(c: TableFigure, f: Figure): string {
  return formatYuan(c.yuan, f.suspectUnit ?? f.unit, Math.max(decimalsOf(c), f.decimals));
}

function extraOf(c: TableFigure, f: Figure) {
  return {
    sheet: c.table.sheet,
    cell: c.cell,
    label: f.label,
    related: [{ sheet: c.table.sheet, cell: c.cell, label: c.label, value: c.yuan.div(UNIT_FACTOR[c.table.unit]).toFixed(decimalsOf(c)) }],
  };
}

function mismatch(ctx: AuditContext, p: Paragraph, f: Figure, c: TableFigure, message: string): void {
  addFinding(ctx, 'workbook-mismatch', 'error', p, f.labelStart, f.end, `${message}（${c.table.sheet}·${c.label}）`,
    `the text says ${printed(p, f)}; the draft's own table has ${shown(c, f)} (${c.label})`,
    { ...extraOf(c, f), expected: c.yuan.div(UNIT_FACTOR[f.unit as keyof typeof UNIT_FACTOR] ?? 1).toFixed(Math.max(decimalsOf(c), f.decimals)), actual: f.value.toFixed(f.decimals) });
}
