import { FigureReader, NO_ROWS, TableRow } from './table-figures';
import { Grid } from '../grid';
import { indentWidth, normaliseHeader, normaliseLabel, startsWithQizhong } from '../labels';
import {
  CellNote,
  PROJECT_AMOUNT_COLUMNS,
  PROJECT_TEXT_COLUMNS,
  ProjectAmountColumn,
  ProjectColumn,
  ProjectRow,
  ProjectTable,
} from '../model';
import { matchVocabulary, PROJECT_COLUMNS, TOTAL_LABELS } from '../vocabulary';
import { isNoteRow, refOf, rowIsBlank } from './cells';
import { tableUnit } from './units';

const AMOUNT_KEYS = new Set<ProjectColumn>(PROJECT_AMOUNT_COLUMNS);
const HEADER_SCAN_ROWS = 60;
/** Consecutive blank rows that end a table. */
const BLANK_RUN_END = 5;

export interface HeaderMatch {
  row: number;
  endRow: number;
  columns: Partial<Record<ProjectColumn, number>>;
  labels: Partial<Record<ProjectColumn, string>>;
  duplicates: { key: ProjectColumn; cols: number[]; header: string }[];
  /** Further tables side by side under the same header row. */
  beside?: HeaderMatch[];
}

function mapRow(grid: Grid, row: number): Map<number, { key: ProjectColumn; header: string }> {
  const out = new Map<number, { key: ProjectColumn; header: string }>();
  for (let c = grid.colOffset; c < grid.colEnd; c++) {
    const raw = grid.mergedValue(row, c);
    if (typeof raw !== 'string' || raw.length > 40) continue;
    const header = normaliseHeader(raw);
    const key = matchVocabulary(PROJECT_COLUMNS, header);
    if (key) out.set(c, { key, header: raw.replace(/[\s\u3000]+/g, '') });
  }
  return out;
}

function rowHasNumbers(grid: Grid, row: number): boolean {
  for (let c = grid.colOffset; c < grid.colEnd; c++) if (typeof grid.value(row, c) === 'number') return true;
  return false;
}

/** Finds a project-table header at or below `from`: a name column and at least two amount columns. */
export function findProjectHeader(grid: Grid, from: number, limit = HEADER_SCAN_ROWS): HeaderMatch | null {
  const last = Math.min(grid.rowEnd, from + limit);
  for (let r = from; r < last; r++) {
    const top = mapRow(grid, r);
    if (top.size < 3) continue;
    // A second header row under merged group headers (资金来源 over 上年结转 | 年初预算 | …).
    let endRow = r;
    let merged = top;
    if (r + 1 < grid.rowEnd && !rowHasNumbers(grid, r + 1)) {
      const below = mapRow(grid, r + 1);
      // Only under a merged group header (or an unmapped cell): a heading row such as
      // 「一、年初预算项目」 right under the header must not remap 项目名称.
      const open = (c: number) => !top.has(c) || grid.isMergedCovered(r, c) || grid.isMergedCovered(r, c + 1);
      let own = 0;
      for (const [c, m] of below) if (AMOUNT_KEYS.has(m.key) && !grid.isMergedCovered(r + 1, c) && open(c)) own++;
      if (own >= 1) {
        merged = new Map(top);
        for (const [c, m] of below) if (open(c)) merged.set(c, m);
        endRow = r + 1;
      }
    }
    // Two tables side by side (项目名称 … | 项目名称 …): each name column starts a table of its own.
    const entries = [...merged.entries()].sort((a, b) => a[0] - b[0]);
    const nameCols = entries.filter(([, m]) => m.key === 'name').map(([c]) => c);
    const bounds = nameCols.length > 1 ? nameCols.map((c, i) => [i === 0 ? grid.colOffset : c, nameCols[i + 1] ?? grid.colEnd]) : [[grid.colOffset, grid.colEnd]];
    let matches: (HeaderMatch | null)[] = bounds.map(([a, b]) => matchColumns(grid, r, endRow, entries.filter(([c]) => c >= a && c < b), a, b));
    // Only tables that each stand on their own (a 子项目名称 column beside 项目名称 is one table).
    if (matches.length > 1 && !matches.every((m) => m && Object.keys(m.columns).length > 2)) matches = [matchColumns(grid, r, endRow, entries, grid.colOffset, grid.colEnd)];
    const found = matches.filter((m): m is HeaderMatch => !!m);
    if (!found.length) continue;
    if (found.length > 1) found[0].beside = found.slice(1);
    return found[0];
  }
  return null;
}

/** The columns of one table from a header row's mapped cells within [from, to). */
function matchColumns(grid: Grid, r: number, endRow: number, sorted: [number, { key: ProjectColumn; header: string }][], from: number, to: number): HeaderMatch | null {
  const columns: Partial<Record<ProjectColumn, number>> = {};
  const labels: Partial<Record<ProjectColumn, string>> = {};
  const seen = new Map<ProjectColumn, number[]>();
  for (const [c, m] of sorted) {
    const list = seen.get(m.key) ?? [];
    list.push(c);
    seen.set(m.key, list);
    if (columns[m.key] === undefined) {
      columns[m.key] = c;
      labels[m.key] = m.header;
    }
  }
  // 结转资金 alone is ambiguous; a carry-in column sits left of spending, a carry-out right of it.
  for (let c = from; c < to; c++) {
    const raw = grid.mergedValue(endRow, c) ?? grid.mergedValue(r, c);
    if (typeof raw !== 'string' || normaliseHeader(raw) !== '结转资金') continue;
    const key: ProjectColumn = columns.actualSpend !== undefined && c > columns.actualSpend ? 'carryOut' : 'carryIn';
    if (columns[key] !== undefined) continue;
    columns[key] = c;
    labels[key] = raw.replace(/[\s\u3000]+/g, '');
  }
  if (columns.name === undefined) return null;
  let amountCount = 0;
  for (const k of Object.keys(columns) as ProjectColumn[]) if (AMOUNT_KEYS.has(k)) amountCount++;
  if (amountCount < 2) return null;
  const duplicates: HeaderMatch['duplicates'] = [];
  for (const [key, cols] of seen) if (cols.length > 1 && AMOUNT_KEYS.has(key)) duplicates.push({ key, cols, header: labels[key] ?? key });
  return { row: r, endRow, columns, labels, duplicates };
}

function totalKindOf(label: string): ProjectRow['totalKind'] | undefined {
  return totalKindOfNormalised(normaliseLabel(label));
}

function totalKindOfNormalised(s: string): ProjectRow['totalKind'] | undefined {
  // Every total label (合计, 总计, 小计, 合计数 …) has 计: most rows are settled by one scan.
  if (!s.includes('计')) return undefined;
  if (TOTAL_LABELS[s]) return TOTAL_LABELS[s];
  if (s.length <= 10) {
    const m = /(合计|总计|小计)$/.exec(s);
    if (m) return m[1] as ProjectRow['totalKind'];
  }
  return undefined;
}

const DOTTED_CODE = /^\d+(\.\d+)+$/;

/** Reads every project table in a sheet. */
export function readProjectTables(grid: Grid, notes: CellNote[]): ProjectTable[] {
  const tables: ProjectTable[] = [];
  let from = grid.rowOffset;
  let titleFrom = grid.rowOffset;
  while (from < grid.rowEnd) {
    const header = findProjectHeader(grid, from);
    if (!header) break;
    const table = readTable(grid, header, titleFrom, notes);
    tables.push(table);
    let lastRow = table.rows.length ? table.rows[table.rows.length - 1].row : header.endRow;
    for (const other of header.beside ?? []) {
      const t = readTable(grid, other, titleFrom, notes);
      tables.push(t);
      if (t.rows.length) lastRow = Math.max(lastRow, t.rows[t.rows.length - 1].row);
    }
    from = lastRow + 1;
    titleFrom = from;
  }
  return tables;
}

function readTable(grid: Grid, header: HeaderMatch, titleFrom: number, notes: CellNote[]): ProjectTable {
  const { columns } = header;
  const nameCol = columns.name as number;
  const { unit, ref: unitRef } = tableUnit(grid, titleFrom, header.row, header.endRow);
  let title: string | undefined;
  for (let r = titleFrom; r < header.row && !title; r++) {
    for (let c = grid.colOffset; c < grid.colEnd; c++) {
      const t = grid.text(r, c);
      if (t && !/单位[:：]/.test(t)) {
        title = t;
        break;
      }
    }
  }
  const rateCol = columns.executionRate;
  const rateHeader = header.labels.executionRate ?? '';
  const textCols = PROJECT_TEXT_COLUMNS.filter((k) => columns[k] !== undefined);

  const rows: ProjectRow[] = [];
  const reader = new FigureReader(grid, columns, Math.max(0, grid.rowEnd - header.endRow - 1));
  let blankRun = 0;
  // 其中 runs: the row that opened it and its indentation.
  let subRun: { parent: number; indent: number } | null = null;
  let lastTop: number | null = null;
  // Codes of the items so far, for dotted sub-codes (3.1 under 3); built on the first dotted code.
  let byCode: Map<string, number> | null = null;
  const parentNames: (string | null)[] = [];

  for (let r = header.endRow + 1; r < grid.rowEnd; r++) {
    if (rowIsBlank(grid, r)) {
      if (++blankRun >= BLANK_RUN_END && rows.length) break;
      continue;
    }
    blankRun = 0;
    if (isNoteRow(grid, r)) break;
    // A repeated header (a second table) ends this one.
    if (r > header.endRow + 1 && !rowHasNumbers(grid, r) && mapRow(grid, r).size >= 3) break;

    const rawName = grid.text(r, nameCol) === '' ? '' : String(grid.value(r, nameCol));
    const code = columns.code !== undefined ? grid.text(r, columns.code) : '';
    let label = normaliseLabel(rawName);
    const totalKind = totalKindOfNormalised(label) ?? (label === '' && code ? totalKindOf(code) : undefined);

    const hasAmount = reader.readRow(r, rows.length, notes, label || code);
    if (!hasAmount && !totalKind) {
      // Headings such as 「一、年初预算项目」 group projects but carry no figures.
      subRun = null;
      continue;
    }
    if (!label) label = totalKind ?? (code ? `序号${code}` : `第${r + 1}行`);

    let texts: ProjectRow['texts'] = NO_TEXTS;
    for (const k of textCols) {
      const t = grid.text(r, columns[k] as number);
      if (t) (texts === NO_TEXTS ? (texts = {}) : texts)[k] = { text: t, ref: refOf(grid, r, columns[k] as number) };
    }

    const index = rows.length;
    const row: ProjectRow = new TableRow(index, r, label, nameCol, code || undefined, totalKind, texts, grid.isHiddenRow(r), reader);
    rows.push(row);
    parentNames.push(columns.parent !== undefined ? grid.text(r, columns.parent) || null : null);

    if (totalKind) {
      subRun = null;
      continue;
    }
    // Sub-item conventions: dotted codes, 其中 rows and the indented rows under them.
    const indent = indentWidth(rawName);
    if (code && DOTTED_CODE.test(code) && (byCode ??= codesOf(rows, index)).has(code.slice(0, code.lastIndexOf('.')))) {
      row.parent = byCode.get(code.slice(0, code.lastIndexOf('.'))) as number;
    } else if (startsWithQizhong(rawName) && lastTop !== null) {
      row.parent = lastTop;
      subRun = { parent: lastTop, indent };
    } else if (subRun && indent > 0 && indent >= subRun.indent && !code) {
      row.parent = subRun.parent;
    } else if (indent > 0 && lastTop !== null && !code && columns.parent === undefined) {
      row.parent = lastTop;
    } else {
      subRun = null;
    }
    if (row.parent !== null) {
      row.level = rows[row.parent].level + 1;
      append(rows[row.parent], 'children', index);
    } else {
      lastTop = index;
    }
    if (code && byCode) byCode.set(code, index);
  }

  if (columns.parent !== undefined) linkParentColumn(rows, parentNames, grid.name);
  assignCoverage(rows);

  const table: ProjectTable = {
    sheet: grid.name,
    title,
    unit,
    unitRef,
    headerRow: header.row,
    headerEndRow: header.endRow,
    columns,
    columnLabels: header.labels,
    rows,
    duplicateColumns: header.duplicates.length ? header.duplicates : undefined,
    figures: reader.figures,
  };
  reader.table = table;
  if (rateCol !== undefined) {
    const asPercentNumbers = reader.ratesArePercentNumbers(rows.length, rateHeader);
    if (asPercentNumbers) table.rateAsPercentNumber = true;
    reader.normaliseTextRates(asPercentNumbers);
  }
  return table;
}

/** Rows without 存在问题/原因… texts share one empty record (a sheet has tens of thousands of rows). */
const NO_TEXTS: ProjectRow['texts'] = Object.freeze({});

/** Adds to a row's children or covers; rows start with a shared empty list (see TableRow). */
function append(row: ProjectRow, list: 'children' | 'covers', i: number): void {
  if (row[list] === NO_ROWS) row[list] = [i];
  else row[list].push(i);
}

/** Each item's code (the last item wins), among rows[0 … before). */
function codesOf(rows: ProjectRow[], before: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < before; i++) if (rows[i].kind === 'item' && rows[i].code) out.set(rows[i].code!, i);
  return out;
}

/** Links sub-items through an explicit 上级项目 column; cycles are cut and recorded. */
function linkParentColumn(rows: ProjectRow[], parentNames: (string | null)[], _sheet: string): void {
  const byLabel = new Map<string, number>();
  rows.forEach((r) => {
    if (r.kind === 'item' && !byLabel.has(r.label)) byLabel.set(r.label, r.index);
    if (r.code && !byLabel.has(r.code)) byLabel.set(r.code, r.index);
  });
  const parentOf = new Map<number, number>();
  parentNames.forEach((p, i) => {
    if (!p || rows[i].kind !== 'item') return;
    const target = byLabel.get(normaliseLabel(p)) ?? byLabel.get(p.trim());
    if (target !== undefined && target !== i) parentOf.set(i, target);
    else if (target === i) rows[i].cycle = [rows[i].label, rows[i].label];
  });
  // Detect cycles before linking.
  for (const start of parentOf.keys()) {
    const path: number[] = [];
    const onPath = new Set<number>();
    let cur: number | undefined = start;
    while (cur !== undefined && !onPath.has(cur)) {
      onPath.add(cur);
      path.push(cur);
      cur = parentOf.get(cur);
    }
    if (cur !== undefined) {
      const loop = path.slice(path.indexOf(cur));
      for (const i of loop) {
        rows[i].cycle = [...loop, cur].map((j) => rows[j].label);
        parentOf.delete(i);
      }
    }
  }
  for (const r of rows) {
    if (r.parent !== null && parentOf.has(r.index)) {
      rows[r.parent].children = rows[r.parent].children.filter((c) => c !== r.index);
      r.parent = null;
    }
  }
  for (const [child, parent] of parentOf) {
    rows[child].parent = parent;
    append(rows[parent], 'children', child);
  }
  const levelOf = (i: number, depth = 0): number => {
    const p = rows[i].parent;
    return p === null || depth > rows.length ? 0 : 1 + levelOf(p, depth + 1);
  };
  for (const r of rows) r.level = levelOf(r.index);
}

/** 合计/总计 cover the top-level items since the previous 合计; 小计 those since the previous total. */
function assignCoverage(rows: ProjectRow[]): void {
  let sinceGrand = 0;
  let sinceAny = 0;
  for (const r of rows) {
    if (r.kind !== 'total') continue;
    const from = r.totalKind === '小计' ? sinceAny : sinceGrand;
    for (let i = from; i < r.index; i++) if (rows[i].kind === 'item' && rows[i].parent === null) append(r, 'covers', i);
    sinceAny = r.index + 1;
    if (r.totalKind !== '小计') sinceGrand = r.index + 1;
  }
  // Exports from the 一体化 system put 合计 first, above the projects it sums: a grand total
  // with no project before it covers the top-level items after it, up to the next grand total.
  const firstItem = rows.findIndex((r) => r.kind === 'item');
  for (const r of rows) {
    if (r.kind !== 'total' || r.totalKind === '小计' || r.covers.length || firstItem < 0 || r.index > firstItem) continue;
    for (let i = r.index + 1; i < rows.length && !(rows[i].kind === 'total' && rows[i].totalKind !== '小计'); i++)
      if (rows[i].kind === 'item' && rows[i].parent === null) append(r, 'covers', i);
  }
}

export type { ProjectAmountColumn };
