/**
 * Line tables: the national public tables and the unit tables that are neither a project list nor a
 * 收支总表 — 三公经费 tables, 收入/支出决算表 by 功能分类 code, 基本支出 by 经济分类, 一般公共预算支出表 … A
 * label column (with or without codes), amount columns under a header of one or more rows, rows that
 * nest by code, numbering, 其中 or indentation. Recognition records what the layout says; which of the
 * identities it suggests actually hold is decided by arithmetic in rules/line-tables.ts.
 */
import { Grid } from '../grid';
import { indentWidth, normaliseHeader, normaliseLabel, numberingLevel, startsWithQizhong } from '../labels';
import { Amount, CellNote, CellRef, LineColumn, LineKey, LineRow, LineTable } from '../model';
import { foldTraditional, withoutPinyin } from '../traditional';
import { parseNumber } from '../numbers';
import { LINE_KEYS, matchVocabulary, TOTAL_LABELS } from '../vocabulary';
import { isNoteRow, readAmount, refOf } from './cells';
import { tableUnit } from './units';

/** 功能分类 类/款/项 (3/5/7 digits) and 经济分类 类/款 (3/5). */
const CODE = /^\d{3}(?:\d{2}){0,2}$/;
/** A code written in the label cell: 「2010101 行政运行」, 「301工资福利支出」. */
const CODE_IN_LABEL = /^(\d{3}(?:\d{2}){0,2})(?![\d.])[\s\u3000]*(\S.*)$/;
const ROW_NUMBER_HEADER = /^(行次|栏次|序号|行号|编号)$/;
const HEADER_WORDS = /^(项目|科目|科目名称|科目编码|功能分类科目编码|功能分类科目名称|经济分类科目编码|支出功能分类科目|单位名称|类|款|项|名称|编码|预算数|决算数|金额)$/;
/** Rows of counts (团组数, 车辆, 人次) under a 三公 table: not money, they end the money rows. */
const COUNT_ROW = /(团组数|人数|人次|批次|辆|保有量|购置数|车辆数|[(（](个|人|辆|批|次|人次|台)[)）])/;
const MAX_LABEL = 80;
const SCAN_COLS = 40;

/**
 * The semantic key of a label or header. Mirrors of published pages are often converted to traditional
 * characters, some with pinyin after each character (經(jīng)費): folded here, for the keys only. A
 * 「其中：」 column is a partial breakdown, never a part of an equality.
 */
export function lineKeyOf(text: string, header = false): LineKey | undefined {
  const t = foldTraditional(withoutPinyin(text));
  if (header && /^[\s\u3000]*其中/.test(t)) return undefined;
  const h = normaliseHeader(t);
  const key = matchVocabulary(LINE_KEYS, h);
  if (key) return key;
  // 「2017年预算数合计」: a total over the columns of its group.
  return header && /(合计|小计)$/.test(h) && h.length <= 14 ? 'total' : undefined;
}

function isFigureText(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'string') return false;
  const p = parseNumber(v);
  return p.kind === 'number' && !p.percent;
}

function isDash(v: unknown): boolean {
  return typeof v === 'string' && /^[\s\u3000]*[-—–－─/]+[\s\u3000]*$/.test(v);
}

function codeOf(v: unknown): string | null {
  const t = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  return CODE.test(t) ? t : null;
}

function totalKindOf(label: string): LineRow['total'] {
  if (!label.includes('计')) return undefined;
  if (TOTAL_LABELS[label]) return TOTAL_LABELS[label];
  const m = /(合计|总计|小计)$/.exec(label);
  return m && label.length <= 12 ? (m[1] as LineRow['total']) : undefined;
}

interface Frame {
  labelCol: number;
  /** Split 类 | 款 | 项 columns, or one code column; empty when codes sit in the label or nowhere. */
  codeCols: number[];
  amountCols: number[];
  firstRow: number;
  /** One past the last row the table may have (its section's end). */
  endRow?: number;
  /** A header with no figures under it. */
  empty?: boolean;
}

/**
 * Reads every line table of a sheet: blocks side by side (科目 | 金额 | 科目 | 金额) are separate tables.
 * Returns [] when the sheet has no label column with figures beside it.
 */
export function readLineTables(grid: Grid, notes: CellNote[]): LineTable[] {
  const colEnd = Math.min(grid.colEnd, grid.colOffset + SCAN_COLS);
  let frames = sections(grid, colEnd).flatMap(([from, to]) => findFrames(grid, colEnd, from, to));
  if (!frames.length) frames = headerOnlyFrame(grid, colEnd);
  const out: LineTable[] = [];
  for (const f of frames) {
    const t = readFrame(grid, f, notes);
    if (t) out.push(t);
  }
  return out;
}

/** The row's cells classified: text labels, codes, figures (numbers, number text, dashes). */
function classify(grid: Grid, r: number, colEnd: number, codeCols: Set<number>): ('label' | 'code' | 'figure' | 'dash' | null)[] {
  const out: ('label' | 'code' | 'figure' | 'dash' | null)[] = [];
  for (let c = grid.colOffset; c < colEnd; c++) {
    const v = grid.value(r, c);
    if (v === null || v === '' || (typeof v === 'string' && !v.trim())) out.push(null);
    else if (codeCols.has(c) && /^\d{1,7}$/.test(String(v).trim())) out.push('code');
    else if (typeof v === 'string' && codeOf(v)) out.push('code');
    else if (isFigureText(v)) out.push('figure');
    else if (isDash(v)) out.push('dash');
    else out.push(typeof v === 'string' && v.length <= MAX_LABEL ? 'label' : null);
  }
  return out;
}

/**
 * Columns of codes: under a header 类 / 款 / 项 or one naming 编码, or holding numbers that nest (201 over
 * 20101): a number alone (170 beside 实际到位资金) is a figure, not a code.
 */
function codeColumns(grid: Grid, colEnd: number, rowStart: number, rowEnd: number): Set<number> {
  const out = new Set<number>();
  for (let c = grid.colOffset; c < colEnd; c++) {
    const codes: string[] = [];
    let header = false;
    for (let r = rowStart; r < rowEnd; r++) {
      const t = grid.text(r, c).replace(/[\s\u3000]/g, '');
      if (/^(类|款|项)$/.test(t) || /(科目|分类)?(编码|代码)$/.test(t)) header = true;
      else if (/^\d{1,7}$/.test(t)) codes.push(t);
    }
    if (header && codes.length) out.add(c);
    else if (codes.some((a) => CODE.test(a) && codes.some((b) => CODE.test(b) && b.length > a.length && b.startsWith(a)))) out.add(c);
  }
  return out;
}

/** Words that make a row a header row: the column headers of the public tables and the 自评表. */
const HEADER_CELL = /^(项目|项目名称|科目名称|科目编码|功能分类科目编码|功能分类科目名称|经济分类科目编码|类|款|项|合计|小计|金额|预算数|决算数|年初预算数|全年预算数|全年执行数|分值|得分|执行率|一级指标|二级指标|三级指标|年度指标值|实际完成值|指标值|权重|偏差原因分析及改进措施|基本支出|项目支出|本年收入合计|本年支出合计|人员经费|公用经费|行次|栏次)$/;

/**
 * A sheet that stacks tables (a 自评表's fund block over its indicator block; a report's tables one under
 * another) is read in sections, each starting at a header row of its own. A header repeated on the next
 * printed page is not a new section.
 */
function sections(grid: Grid, colEnd: number): [number, number][] {
  const starts: number[] = [grid.rowOffset];
  const seen = new Set<string>();
  let previousWasHeader = false;
  for (let r = grid.rowOffset; r < grid.rowEnd; r++) {
    let words = 0;
    let figures = 0;
    const texts: string[] = [];
    for (let c = grid.colOffset; c < colEnd; c++) {
      const v = grid.value(r, c);
      if (isFigureText(v)) figures++;
      else if (typeof v === 'string' && v.trim()) {
        texts.push(v.trim());
        if (HEADER_CELL.test(normaliseHeader(v))) words++;
      }
    }
    const header = words >= 2 && figures === 0;
    if (header && !previousWasHeader) {
      const signature = texts.join('|');
      if (!seen.has(signature) && r > grid.rowOffset) starts.push(r);
      seen.add(signature);
    }
    previousWasHeader = header;
  }
  return starts.map((s, i) => [s, starts[i + 1] ?? grid.rowEnd]);
}

function findFrames(grid: Grid, colEnd: number, rowStart: number, rowEnd: number): Frame[] {
  // Data rows: a label (or code) followed, further right, by at least one figure.
  const width = colEnd - grid.colOffset;
  const labelHits = new Array<number>(width).fill(0);
  const figureHits = new Array<number>(width).fill(0);
  const codeHits = new Array<number>(width).fill(0);
  let firstData = -1;
  let dataRowCount = 0;
  const coded = codeColumns(grid, colEnd, rowStart, rowEnd);
  for (let r = rowStart; r < rowEnd; r++) {
    const kinds = classify(grid, r, colEnd, coded);
    const firstText = kinds.findIndex((k) => k === 'label' || k === 'code');
    if (firstText < 0) continue;
    const hasFigure = kinds.some((k, i) => i > firstText && k === 'figure');
    if (!hasFigure) continue;
    if (firstData < 0) firstData = r;
    dataRowCount++;
    kinds.forEach((k, i) => {
      if (k === 'label') labelHits[i]++;
      else if (k === 'figure') figureHits[i]++;
      else if (k === 'code') codeHits[i]++;
    });
  }
  if (firstData < 0) return [];
  // Label columns: text on data rows, no figures to speak of. Each starts a block.
  const frames: Frame[] = [];
  let c = 0;
  while (c < width) {
    // A table of one or two lines (an allocation list with one project) has one label to go by.
    const isLabel = labelHits[c] >= (dataRowCount <= 3 ? 1 : 2) && labelHits[c] > figureHits[c];
    const isCode = codeHits[c] >= 2 && codeHits[c] > figureHits[c];
    if (!isLabel && !isCode) {
      c++;
      continue;
    }
    // Codes (one column or 类 | 款 | 项) then the label, in either order, then amounts.
    const codeCols: number[] = [];
    let labelCol = -1;
    let j = c;
    while (j < width && (labelHits[j] > figureHits[j] || codeHits[j] > figureHits[j] || (labelCol < 0 && codeCols.length && !figureHits[j]))) {
      if (codeHits[j] >= labelHits[j] && codeHits[j] > 0) codeCols.push(j + grid.colOffset);
      else if (labelHits[j] > 0 && labelCol < 0) labelCol = j + grid.colOffset;
      else if (labelHits[j] > 0) break;
      j++;
    }
    if (labelCol < 0 && codeCols.length) labelCol = codeCols[codeCols.length - 1];
    if (labelCol < 0) {
      c = j + 1;
      continue;
    }
    const amountCols: number[] = [];
    for (; j < width; j++) {
      const nextIsLabel = labelHits[j] >= 2 && labelHits[j] > figureHits[j] * 2;
      if (nextIsLabel && amountCols.length) break;
      if (figureHits[j] > 0) amountCols.push(j + grid.colOffset);
      else if (codeHits[j] >= 2 && amountCols.length) break;
    }
    if (amountCols.length) frames.push({ labelCol, codeCols: codeCols.filter((x) => x !== labelCol), amountCols, firstRow: firstData, endRow: rowEnd });
    c = j;
  }
  return frames;
}

/**
 * Items as columns with unlabelled rows of figures under them (「“三公”经费合计 | 因公出国（境）费 | …」
 * over one row of amounts): a header row naming at least two known items, figures below it.
 */
function headerOnlyFrame(grid: Grid, colEnd: number): Frame[] {
  for (let r = grid.rowOffset; r < Math.min(grid.rowEnd, grid.rowOffset + 30); r++) {
    let keyed = 0;
    for (let c = grid.colOffset; c < colEnd; c++) {
      const v = grid.value(r, c);
      if (typeof v === 'string' && v.length <= 40 && lineKeyOf(v)) keyed++;
    }
    if (keyed < 2) continue;
    for (let d = r + 1; d < Math.min(grid.rowEnd, r + 5); d++) {
      const cols: number[] = [];
      for (let c = grid.colOffset; c < colEnd; c++) if (isFigureText(grid.value(d, c))) cols.push(c);
      if (cols.length >= 2) return [{ labelCol: -1, codeCols: [], amountCols: cols, firstRow: d }];
    }
    // A published table left empty (本单位无此类支出): recognised, with nothing to check.
    const keyedCols: number[] = [];
    for (let c = grid.colOffset; c < colEnd; c++) {
      const v = grid.value(r, c);
      if (typeof v === 'string' && v.length <= 40 && lineKeyOf(v, true)) keyedCols.push(c);
    }
    return [{ labelCol: -1, codeCols: [], amountCols: keyedCols, firstRow: r + 1, empty: true }];
  }
  return [];
}

/** A 栏次 row: 「栏次」 beside the label, or the columns numbered 1, 2, 3 … across. */
function isColumnNumberRow(grid: Grid, r: number, amountCols: number[], labelCol: number): boolean {
  for (let c = grid.colOffset; c < (amountCols[0] ?? grid.colEnd); c++) if (/^(栏次|行次)$/.test(grid.text(r, c).replace(/[\s\u3000]/g, ''))) return true;
  let expected = -1;
  let seen = 0;
  for (const c of amountCols) {
    const t = grid.text(r, c);
    if (!t) continue;
    const n = Number(t);
    if (!Number.isInteger(n) || (expected >= 0 && n !== expected)) return false;
    expected = n + 1;
    seen++;
  }
  void labelCol;
  return seen >= 3;
}

/** Consecutive small integers down a column (1, 2, 3 …): 行次, not money. */
function isRowNumberColumn(grid: Grid, col: number, rows: number[]): boolean {
  let expected = -1;
  let seen = 0;
  for (const r of rows) {
    const v = grid.value(r, col);
    if (v === null || v === '') continue;
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isInteger(n)) return false;
    if (expected >= 0 && n !== expected) return false;
    expected = n + 1;
    seen++;
  }
  return seen >= 3;
}

function emptyTable(grid: Grid, frame: Frame): LineTable {
  const header = frame.firstRow - 1;
  let title: string | undefined;
  for (let r = grid.rowOffset; r < header && !title; r++) {
    const t = grid.text(r, grid.colOffset);
    if (t && !/单位[:：]/.test(t) && t.length > 4) title = t;
  }
  const { unit, ref: unitRef } = tableUnit(grid, grid.rowOffset, header, header);
  const columns = frame.amountCols.map((col) => ({ col, path: [grid.text(header, col)], header: grid.text(header, col), key: lineKeyOf(grid.text(header, col), true) }));
  return { sheet: grid.name, title, unit, unitRef, headerRows: [header], labelCol: grid.colOffset, codeCols: [], columns, rows: [], closed: true };
}

function readFrame(grid: Grid, frame: Frame, notes: CellNote[]): LineTable | null {
  if (frame.empty) return emptyTable(grid, frame);
  const { labelCol, codeCols } = frame;
  const leftCols = labelCol < 0 ? [frame.amountCols[0]] : [...codeCols, labelCol];
  // Header: the rows above the first data row that name the columns (up to 4), below the title and 单位 rows.
  let headerTop = frame.firstRow;
  let leadingTotal = -1;
  for (let r = frame.firstRow - 1; r >= Math.max(grid.rowOffset, frame.firstRow - 4); r--) {
    let filled = 0;
    let unitRow = false;
    for (let c = Math.min(...leftCols); c <= Math.max(...frame.amountCols); c++) {
      const t = grid.text(r, c);
      if (!t) continue;
      if (/单位[:：]/.test(t) || /^(编制|填报)(单位|部门)/.test(t)) unitRow = true;
      if (!grid.isMergedCovered(r, c)) filled++;
    }
    if (unitRow || filled === 0) break;
    // Figures without a label above the first labelled row: an unlabelled total, not a header.
    if (frame.amountCols.some((c) => isFigureText(grid.value(r, c)))) {
      leadingTotal = r;
      break;
    }
    // A title row: one text across the table, far wider than a header cell.
    if (filled === 1 && grid.text(r, Math.min(...leftCols)).length > 14) break;
    headerTop = r;
  }
  const headerRows: number[] = [];
  for (let r = headerTop; r < frame.firstRow; r++) headerRows.push(r);
  if (leadingTotal >= 0) {
    // The header sits above the unlabelled total.
    headerRows.length = 0;
    for (let r = frame.firstRow - 1; r > leadingTotal; r--) headerRows.unshift(r);
    for (let r = leadingTotal - 1; r >= Math.max(grid.rowOffset, leadingTotal - 3); r--) {
      if (!frame.amountCols.some((c) => grid.text(r, c)) || /单位[:：]/.test(frame.amountCols.map((c) => grid.text(r, c)).join(''))) break;
      headerRows.unshift(r);
    }
    frame.firstRow = leadingTotal;
  }

  // Data rows to the table's end: a note row, count rows, a long blank run or the next header.
  const dataRows: number[] = [];
  let blank = 0;
  for (let r = frame.firstRow; r < (frame.endRow ?? grid.rowEnd); r++) {
    const label = labelCol < 0 ? '' : grid.text(r, labelCol) || (r === leadingTotal ? '合计' : '');
    const code = leftCols.map((c) => grid.text(r, c)).find((t) => codeOf(t)) ?? '';
    const anyAmount = frame.amountCols.some((c) => grid.text(r, c) !== '');
    if (!label && !code && !anyAmount) {
      if (++blank >= 3) {
        // A shorter block beside a longer one keeps its total on the bottom line (人员经费合计 | 公用经费合计).
        const end = frame.endRow ?? grid.rowEnd;
        let next = r + 1;
        while (next < end && !leftCols.some((c) => grid.text(next, c)) && !frame.amountCols.some((c) => grid.text(next, c))) next++;
        const nextLabel = next < end ? leftCols.map((c) => grid.text(next, c)).find(Boolean) ?? '' : '';
        if (!/合计$/.test(normaliseLabel(nextLabel))) break;
        r = next - 1;
        blank = 0;
      }
      continue;
    }
    blank = 0;
    if (isNoteRow(grid, r)) break;
    // Growth rows (「2016年比2015年增减%」) are percentages, not amounts.
    if (label && /(%|％|幅度|增长率|增减率|百分比|比重)/.test(label)) continue;
    if (label && COUNT_ROW.test(label) && !/(费|支出|收入|经费)/.test(label.replace(/[(（].*$/, ''))) break;
    if (label && /^[一二三四五六七八九十]+[、.．]\s*(相关统计数|统计数|其他信息)/.test(label)) break;
    dataRows.push(r);
  }
  if (!dataRows.length) return null;

  const amountCols = frame.amountCols.filter((c) => {
    const header = headerRows.map((r) => normaliseHeader(grid.mergedText(r, c))).join('');
    if (ROW_NUMBER_HEADER.test(headerRows.length ? normaliseHeader(grid.mergedText(headerRows[headerRows.length - 1], c)) : '')) return false;
    if (/(行次|栏次)$/.test(header)) return false;
    // Rates, growth percentages and the scores of a 自评表 are not amounts.
    if (/(率|幅度|%|％|比重|占比|分值|得分|权重|指标值|完成值|系数|分数)/.test(header)) return false;
    return !isRowNumberColumn(grid, c, dataRows);
  });
  if (!amountCols.length) return null;

  const columns: LineColumn[] = amountCols.map((col) => {
    const path = headerPath(grid, headerRows, col, amountCols);
    const header = path.length ? path[path.length - 1] : '';
    // The lowest header that names an item (合计 | 因公出国（境）费 over 预算数 | 决算数).
    let key: LineKey | undefined;
    for (let i = path.length - 1; i >= 0 && !key; i--) key = lineKeyOf(path[i], true);
    return { col, path, header, key };
  });

  const rows: LineRow[] = [];
  let lei = '';
  let kuan = '';
  for (const r of dataRows) {
    // 「类 | 款 | 项 | 合计」: the level words over split code columns are no label.
    const LEVEL = /^\s*(类|款|项)\s*$/;
    let rawLabel = labelCol < 0 || grid.text(r, labelCol) === '' || LEVEL.test(grid.text(r, labelCol)) ? '' : String(grid.value(r, labelCol));
    // A label written one column over (「合计」 under 科目名称 while the codes' column is blank).
    for (let c = labelCol + 1; labelCol >= 0 && !rawLabel && c < amountCols[0]; c++) {
      const v = grid.value(r, c);
      if (typeof v === 'string' && v.trim() && !codeOf(v) && !LEVEL.test(v)) rawLabel = v;
    }
    let code: string | undefined;
    let labelText = rawLabel;
    if (codeCols.length >= 2) {
      // 类 | 款 | 项 split: a 类 written once holds for the rows below it.
      const parts = codeCols.map((c) => grid.text(r, c));
      if (parts[0]) {
        lei = parts[0];
        kuan = '';
      }
      if (parts[1]) kuan = parts[1];
      const p2 = parts[2] ?? '';
      if (parts.some(Boolean) && lei) code = lei + (parts[1] || p2 ? kuan : '') + p2;
    } else if (codeCols.length === 1) {
      const t = grid.text(r, codeCols[0]);
      if (codeOf(t)) code = t;
      else if (!rawLabel && t) labelText = t;
    }
    if (!code) {
      const m = CODE_IN_LABEL.exec(rawLabel.trim());
      if (m) {
        code = m[1];
        labelText = m[2];
      } else if (codeOf(rawLabel)) {
        code = rawLabel.trim();
        labelText = '';
      }
    }
    const unlabelledTotal = r === leadingTotal && !normaliseLabel(labelText);
    const label = normaliseLabel(labelText) || (unlabelledTotal ? '合计' : labelCol < 0 ? `第${r + 1}行` : '');
    if (!label && !code) continue;
    if (/^(栏次|行次|类款项)$/.test(label) || isColumnNumberRow(grid, r, amountCols, labelCol)) continue;
    if (HEADER_WORDS.test(label) && !amountCols.some((c) => isFigureText(grid.value(r, c)))) continue;
    const figures: (Amount | undefined)[] = amountCols.map((c) => readAmount(grid, r, c, notes, label || code));
    rows.push({
      row: r,
      label: label || code || '',
      rawLabel: labelText,
      labelRef: refOf(grid, r, labelCol < 0 ? amountCols[0] : labelCol),
      code,
      total: totalKindOf(label),
      qizhong: startsWithQizhong(labelText),
      numbering: numberingLevel(labelText.trim().replace(/^(其中|含)[:：]?/, '')),
      indent: indentWidth(labelText),
      key: lineKeyOf(labelText || label),
      figures,
    });
  }
  if (!rows.length || !rows.some((x) => x.figures.some(Boolean))) return null;

  const first = headerRows.length ? headerRows[0] : frame.firstRow;
  const { unit, ref: unitRef } = tableUnit(grid, grid.rowOffset, first, frame.firstRow - 1);
  let title: string | undefined;
  for (let r = grid.rowOffset; r < first && !title; r++) {
    const t = grid.text(r, grid.colOffset) || (labelCol >= 0 ? grid.text(r, labelCol) : '');
    if (t && !/单位[:：]/.test(t) && t.length > 4) title = t;
  }
  const lastRow = dataRows[dataRows.length - 1];
  const endsOnNote = lastRow + 1 < grid.rowEnd && isNoteRow(grid, lastRow + 1);
  return {
    sheet: grid.name,
    title,
    unit,
    unitRef,
    headerRows,
    labelCol,
    codeCols,
    columns,
    rows,
    closed: endsOnNote || lastRow + 1 >= grid.rowEnd || (frame.endRow !== undefined && frame.endRow < grid.rowEnd) || rows.some((x) => x.total && x.row === lastRow),
  };
}

/**
 * The headers above a column, top to bottom. An upper header cell that is blank belongs to the group
 * written to its left (a merged group header, or one typed once over its columns), within the amounts.
 */
function headerPath(grid: Grid, headerRows: number[], col: number, amountCols: number[]): string[] {
  const path: string[] = [];
  const left = amountCols[0];
  headerRows.forEach((r, i) => {
    let t = grid.mergedText(r, col);
    if (!t && i < headerRows.length - 1) {
      for (let c = col - 1; c >= left; c--) {
        const u = grid.mergedText(r, c);
        if (u) {
          // Only a group header: its own column has a sub-header below (on any lower header row).
          if (headerRows.slice(i + 1).some((below) => grid.mergedText(below, c))) t = u;
          break;
        }
      }
    }
    if (t && path[path.length - 1] !== t) path.push(t);
  });
  return path;
}

export type { CellRef };
