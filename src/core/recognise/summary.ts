import { Grid } from '../grid';
import { indentWidth, normaliseLabel, numberingLevel, startsWithQizhong } from '../labels';
import { CellNote, SummaryBlock, SummaryLine, SummaryLineKey } from '../model';
import { BUDGET_LINES, FINAL_LINES, matchVocabulary } from '../vocabulary';
import { isNoteRow, readAmount, refOf } from './cells';
import { parseNumber } from '../numbers';
import { tableUnit } from './units';

const FINAL_MARKERS = new Set<SummaryLineKey>(['yearIncomeTotal', 'incomeGrandTotal', 'yearExpenditureTotal', 'expenditureGrandTotal', 'closingBalance', 'useNonFiscalBalance']);
/** Lines of the income side (and below, the expenditure side): a line of one never feeds a total of the other. */
export const INCOME_KEYS = new Set<SummaryLineKey>([
  'incomeTotal', 'initialBudget', 'adjustment', 'otherFunds', 'fiscalCurrent', 'generalBudgetAppropriation', 'govFundAppropriation',
  'stateCapitalAppropriation', 'upperSubsidy', 'businessIncome', 'operatingIncome', 'affiliatedIncome', 'otherIncome',
  'yearIncomeTotal', 'useNonFiscalBalance', 'openingBalance', 'incomeGrandTotal',
]);
export const EXPENDITURE_KEYS = new Set<SummaryLineKey>([
  'expenditureTotal', 'basicExpenditure', 'projectExpenditure', 'yearExpenditureTotal', 'balanceDistribution', 'closingBalance',
  'expenditureGrandTotal', 'personnel', 'publicFunds', 'wages', 'goodsServices', 'individualSubsidies', 'capital', 'upperRemit',
  'operatingExpenditure', 'subsidyToAffiliated',
]);
const SCAN_COLS = 12;
const MAX_LABEL = 60;
const BLOCK_HEADER = /^(项目|科目|科目名称|项目名称|功能分类科目名称|栏次|行次)$/;
const AMOUNT_HEADERS = /^(金额|决算数|预算数|本年数|执行数|合计|本年决算数|年初预算数|全年预算数|调整预算数|数额|小计)$/;

function labelKey(label: string, style: 'budget' | 'final'): SummaryLineKey | null {
  return matchVocabulary(style === 'final' ? FINAL_LINES : BUDGET_LINES, label);
}

function isRowNumberHeader(t: string): boolean {
  return /^(行次|栏次|序号|行号)$/.test(t.replace(/[\s\u3000]/g, ''));
}

/** Reads the summary blocks of a sheet: one per label column that names enough known lines. */
export function readSummaryBlocks(grid: Grid, notes: CellNote[]): SummaryBlock[] {
  const colEnd = Math.min(grid.colEnd, grid.colOffset + SCAN_COLS);
  // Style first: a 决算 sheet names its year totals and grand totals.
  let finalHits = 0;
  const hitsByCol = new Map<number, { budget: number; final: number; firstRow: number }>();
  for (let r = grid.rowOffset; r < grid.rowEnd; r++) {
    for (let c = grid.colOffset; c < colEnd; c++) {
      const v = grid.value(r, c);
      if (typeof v !== 'string' || v.length > MAX_LABEL) continue;
      const label = normaliseLabel(v);
      if (!label) continue;
      const b = labelKey(label, 'budget');
      // 「总计」 alone closes each side of a 决算 总表: a line of the block, not a marker of its style.
      const f = labelKey(label, 'final') ?? (label === '总计' ? 'expenditureGrandTotal' : null);
      if (!b && !f) continue;
      if (f && FINAL_MARKERS.has(f) && label !== '总计') finalHits++;
      const h = hitsByCol.get(c) ?? { budget: 0, final: 0, firstRow: r };
      if (b) h.budget++;
      if (f) h.final++;
      hitsByCol.set(c, h);
    }
  }
  const style: 'budget' | 'final' = finalHits >= 2 ? 'final' : 'budget';
  const blocks: SummaryBlock[] = [];
  for (const [labelCol, h] of [...hitsByCol.entries()].sort((a, b) => a[0] - b[0])) {
    const hits = style === 'final' ? h.final : h.budget;
    if (hits < 3) continue;
    const block = readBlock(grid, labelCol, h.firstRow, style, notes, colEnd);
    if (block) blocks.push(block);
  }
  return blocks;
}

/**
 * Lines the vocabulary does not know (一般公共服务支出 …) can sit above the first known one:
 * the block starts under its header row (项目 / 栏次) when there is one just above.
 */
function blockStart(grid: Grid, labelCol: number, firstRow: number): number {
  for (let r = firstRow - 1; r >= Math.max(grid.rowOffset, firstRow - 40); r--) {
    if (BLOCK_HEADER.test(normaliseLabel(grid.mergedText(r, labelCol)))) return r + 1;
  }
  return firstRow;
}

function readBlock(grid: Grid, labelCol: number, knownRow: number, style: 'budget' | 'final', notes: CellNote[], colEnd: number): SummaryBlock | null {
  const firstRow = blockStart(grid, labelCol, knownRow);
  // The amount column: to the right, skipping 行次, holding numbers on the most known lines.
  let best = -1;
  let bestCount = 0;
  let amountHeader: string | undefined;
  const candidates: { col: number; count: number; header: string }[] = [];
  for (let c = labelCol + 1; c < Math.min(colEnd, labelCol + 5); c++) {
    // The 行次 header may sit above a 栏次 row; column numbers (1, 2) are not a header.
    let header = '';
    let rowNumbers = false;
    for (let r = Math.max(grid.rowOffset, firstRow - 3); r < firstRow; r++) {
      const t = grid.mergedText(r, c);
      if (isRowNumberHeader(t)) rowNumbers = true;
      else if (t && !/^\d+$/.test(t)) header = t;
    }
    if (rowNumbers) continue;
    // Another label column starts a new block (决算 side by side).
    let count = 0;
    let labels = 0;
    for (let r = firstRow; r < grid.rowEnd; r++) {
      const v = grid.value(r, c);
      // Figures stored as text (19,044.27, as published tables print them) count as figures.
      if (typeof v === 'number') count++;
      else if (typeof v === 'string' && labelKey(normaliseLabel(v), style)) labels++;
      else if (typeof v === 'string' && /\d/.test(v) && parseNumber(v).kind === 'number') count++;
    }
    if (labels > count) break;
    if (count) candidates.push({ col: c, count, header });
    if (count > bestCount || (count === bestCount && AMOUNT_HEADERS.test(header.replace(/[\s\u3000]/g, '')))) {
      if (count > bestCount) {
        best = c;
        bestCount = count;
        amountHeader = header || undefined;
      }
    }
  }
  if (best < 0) return null;
  const amountCol = best;
  const others = candidates.filter((x) => x.col !== best && x.count >= Math.max(2, bestCount / 2)).map((x) => ({ col: x.col, header: x.header || grid.address(firstRow, x.col).replace(/\d+$/, '') + ' 列' }));

  // The block starts at the first known line (the header above it is not a line).
  const lines: SummaryLine[] = [];
  let qizhong: { level: number; indent: number } | null = null;
  const indents: number[] = [];
  for (let r = firstRow; r < grid.rowEnd; r++) {
    if (isNoteRow(grid, r)) break;
    const v = grid.value(r, labelCol);
    if (typeof v !== 'string' || !v.trim() || v.length > MAX_LABEL) continue;
    const label = normaliseLabel(v);
    if (!label) continue;
    const amount = readAmount(grid, r, amountCol, notes, label);
    const line: SummaryLine = {
      key: labelKey(label, style),
      label,
      rawLabel: v,
      labelRef: refOf(grid, r, labelCol),
      amount,
      amountRef: refOf(grid, r, amountCol),
      level: 0,
      parent: null,
    };
    if (!amount) {
      const raw = grid.value(r, amountCol);
      if (typeof raw === 'string' && raw.trim() && !/^[-—–－/]+$/.test(raw.trim())) line.nonNumeric = raw.trim();
    }
    lines.push(line);
    indents.push(indentWidth(v));
  }
  if (!lines.length) return null;

  // Levels: numbering where present, else indentation rank; a 其中 line opens a deeper level
  // that its aligned followers share.
  const distinct = [...new Set(indents)].sort((a, b) => a - b);
  lines.forEach((line, i) => {
    const numbered = numberingLevel(line.rawLabel.trim());
    let level = numbered ?? distinct.indexOf(indents[i]);
    if (startsWithQizhong(line.rawLabel)) {
      const prev = i > 0 ? lines[i - 1].level : 0;
      level = Math.max(level, prev + 1);
      qizhong = { level, indent: indents[i] };
    } else if (qizhong && indents[i] >= qizhong.indent && indents[i] > 0) {
      level = qizhong.level;
    } else {
      qizhong = null;
    }
    line.level = level;
    for (let j = i - 1; j >= 0; j--) {
      if (lines[j].level < level) {
        line.parent = j;
        break;
      }
    }
  });

  const { unit, ref: unitRef } = tableUnit(grid, grid.rowOffset, firstRow, firstRow);
  let title: string | undefined;
  for (let r = grid.rowOffset; r < firstRow && !title; r++) {
    const t = grid.text(r, grid.colOffset) || grid.text(r, labelCol);
    if (t && !/单位[:：]/.test(t) && t.length > 4) title = t;
  }
  let income = 0;
  let expenditure = 0;
  for (const l of lines) {
    if (l.key && INCOME_KEYS.has(l.key)) income++;
    if (l.key && EXPENDITURE_KEYS.has(l.key)) expenditure++;
  }
  const side = income && expenditure ? 'both' : income ? 'income' : 'expenditure';
  // 「总计」 alone closes each side of a 决算 总表 (national template): the side says which.
  if (style === 'final' && side !== 'both')
    for (const l of lines) if (!l.key && l.label === '总计') l.key = side === 'income' ? 'incomeGrandTotal' : 'expenditureGrandTotal';
  const block: SummaryBlock = { sheet: grid.name, title, unit, unitRef, style, side, labelCol, amountCol, amountHeader, lines, otherAmountColumns: others.length ? others : undefined };
  // The same lines in each further amount column (预算数 | 决算数; 合计 | 一般公共预算 | 政府性基金): checked alike.
  if (others.length)
    block.alsoColumns = others.map((o) => ({
      ...block,
      amountCol: o.col,
      amountHeader: o.header,
      otherAmountColumns: undefined,
      lines: lines.map((l) => {
        const r = l.labelRef.row;
        const amount = readAmount(grid, r, o.col, notes, l.label);
        return { ...l, amount, amountRef: refOf(grid, r, o.col), nonNumeric: undefined };
      }),
    }));
  return block;
}
