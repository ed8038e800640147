/**
 * Marks the findings' cells and takes the marks away again, exactly, even after the user has
 * inserted or deleted rows or columns or renamed a sheet.
 *
 * The record. Before a cell is coloured, its own fill (colour, pattern, pattern colour, tints) is
 * saved on a very hidden sheet the add-in owns (MARKS_SHEET). Each row there is one run of cells
 * in a column that shared a fill: column A holds =ISREF('Sheet'!G9:G12), column B the same run
 * grown by one row below and one column to the right, column C the fill as JSON, column D 1 for
 * cells carried over from the old settings record. Being formulas,
 * the references are kept on their cells by Excel itself when rows or columns are inserted or
 * deleted or a sheet is renamed (ExcelApi 1.1 is all it takes); a reference to deleted cells
 * becomes #REF! and drops out. When rows are inserted just below a run (or columns just right of
 * it), Excel gives the new cells the format of the row above, our colour included; column B then
 * grows past the run, which says which cells those are and which fill they stand for. A sheet
 * keeps as many rows as there are runs, where workbook.settings holds 2 MB (documented; failures
 * near 1 MB are reported) and a record of 20,000 cells took 2.6 MB.
 *
 * Our colours are ours. The mark fills are a shade off Excel's Bad / Neutral / Note styles, so a
 * cell showing one exactly was coloured by the add-in: such a fill is never recorded as the
 * user's. 清除标记 gives back only cells that still show a mark, so a fill the user set on a
 * marked cell since stays theirs, and a cell the add-in never got to paint is not touched.
 *
 * Order. The record is saved in syncs of its own before any fill is queued; the fills follow in
 * syncs a failure can stop part-way (Excel keeps what was queued before the failing operation).
 * Whatever may have been painted is in the record, so the next 校验 completes the marks and
 * 清除标记 restores them. Reads and writes are cut into syncs by estimated size and retried
 * smaller when Excel refuses one as too large (sync-batches.ts); a protected sheet is left as it
 * is and named, the other sheets are marked.
 */
import { address, CellRange, columnIndex } from '../core/address';
import { Finding, SEVERITY_ORDER, Severity } from '../core/findings';
import { MARKS_SHEET_NAME } from '../core/snapshot';
import { HostError } from '../taskpane/host';
import { chunkAddresses, compressCells, expandAreas } from './cell-addresses';
import { BYTES_PER_OPERATION, isPayloadError, runUnits, SyncUnit, TooLargeError } from './sync-batches';

/** The very hidden sheet that holds the record; listed in OWNED_SHEET_NAMES, so never read as data. */
export const MARKS_SHEET = MARKS_SHEET_NAME;
/** Where versions before the record sheet kept it (plain addresses); read once and migrated. */
export const MARKS_SETTING = 'budgetRecon.marks';
const RECORD_HEADER = 'budget-recon marks v2';
const RECORD_NOTE = '预算对账助手的标记记录，用于"清除标记"恢复单元格原有填充，请勿修改。Budget Recon marks record, used by Clear marks to restore fills; do not edit.';

/**
 * Fill colours per severity, one step off Excel's own Bad / Neutral / Note fills (#FFC7CE,
 * #FFEB9C, #DDEBF7), which users apply themselves: the difference cannot be seen, and it lets the
 * add-in tell its marks from the user's fills.
 */
export const SEVERITY_FILL: Record<Severity, string> = {
  error: '#FFC7CD',
  warning: '#FFEB9B',
  info: '#DDEBF6',
};
/** The colours versions before this one marked with (Excel's own); a mark only on cells their record lists. */
const LEGACY_FILLS = new Set(['#FFC7CE', '#FFEB9C', '#DDEBF7']);
const MARK_FILLS = new Set(Object.values(SEVERITY_FILL));

export interface FillState {
  color: string | null;
  pattern: string | null;
  patternColor: string | null;
  tintAndShade: number | null;
  patternTintAndShade: number | null;
}

const NO_FILL: FillState = { color: null, pattern: 'None', patternColor: null, tintAndShade: null, patternTintAndShade: null };

export interface MarkTarget {
  sheet: string;
  cell: string;
  severity: Severity;
}

export interface MarkStats {
  syncs: number;
  /** Cells showing a mark now. */
  marked: number;
  /** Cells given their own fill back. */
  restored: number;
  /** Sheets left unmarked because they are protected. */
  skippedSheets: string[];
}

/** The cells to mark: each finding's own cell, the most severe colour where several meet. */
export function markTargets(findings: Finding[], ignored: Record<string, string> = {}): MarkTarget[] {
  const best = new Map<string, MarkTarget>();
  for (const f of findings) {
    if (ignored[f.id] !== undefined) continue;
    const k = `${f.sheet}\u0000${f.cell}`;
    const prev = best.get(k);
    if (!prev || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prev.severity]) best.set(k, { sheet: f.sheet, cell: f.cell, severity: f.severity });
  }
  return [...best.values()];
}

// ---------------------------------------------------------------------------------------------
// Fills

function readFill(f: Excel.CellPropertiesFill | undefined): FillState {
  return {
    color: f?.color ?? null,
    pattern: f?.pattern ?? null,
    patternColor: f?.patternColor ?? null,
    tintAndShade: f?.tintAndShade ?? null,
    patternTintAndShade: f?.patternTintAndShade ?? null,
  };
}

function fillKey(f: FillState): string {
  return JSON.stringify([f.color?.toUpperCase() ?? null, f.pattern, f.patternColor?.toUpperCase() ?? null, f.tintAndShade, f.patternTintAndShade]);
}

function isPlainFill(f: FillState): boolean {
  return f.pattern === 'None' || f.pattern === null;
}

/** A fill the add-in applied: a mark colour, solid, untinted; or, on a cell an old record lists, an old mark colour. */
function isMark(f: FillState, legacy: boolean): boolean {
  const color = (f.color ?? '').toUpperCase();
  if (legacy && LEGACY_FILLS.has(color) && !isPlainFill(f)) return true;
  return MARK_FILLS.has(color) && f.pattern === 'Solid' && !f.tintAndShade;
}

function isMarkOf(f: FillState, severity: Severity): boolean {
  return (f.color ?? '').toUpperCase() === SEVERITY_FILL[severity] && f.pattern === 'Solid' && !f.tintAndShade && !f.patternTintAndShade;
}

/** Queues the writes that give every cell of `addresses` (one RangeAreas) the fill `fill`. */
function queueFill(ws: Excel.Worksheet, addresses: string, fill: FillState): void {
  const f = ws.getRanges(addresses).format.fill;
  f.clear();
  if (isPlainFill(fill)) return;
  if (fill.color !== null) f.color = fill.color;
  if (fill.tintAndShade !== null) f.tintAndShade = fill.tintAndShade;
  f.pattern = fill.pattern as Excel.FillPattern;
  if (fill.patternColor !== null) f.patternColor = fill.patternColor;
  if (fill.patternTintAndShade !== null) f.patternTintAndShade = fill.patternTintAndShade;
}

const FILL_PROPERTIES: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } },
};
/** Response bytes of one cell's fill in getCellProperties, and request bytes of one write of a fill. */
const FILL_RESPONSE_BYTES = 160;
const FILL_WRITE_BYTES = 7 * BYTES_PER_OPERATION;

// ---------------------------------------------------------------------------------------------
// Cells and blocks

const cellKey = (row: number, col: number) => `${row},${col}`;

function parseKey(k: string): { row: number; col: number } {
  const [row, col] = k.split(',').map(Number);
  return { row, col };
}

function rangeAddress(r: CellRange): string {
  const a = address(r.top, r.left);
  const b = address(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** Rows a block may skip to stay one range (reading a few unneeded cells is cheaper than another range). */
const BLOCK_GAP = 8;
const BLOCK_MAX_CELLS = 4000;

/**
 * Rectangles covering `cells` (keys "row,col"): runs in a column, gaps of up to BLOCK_GAP rows
 * bridged, then side-by-side columns with the same rows joined. One range per block to read.
 */
export function cellBlocks(cells: Iterable<string>): CellRange[] {
  const byCol = new Map<number, number[]>();
  for (const k of cells) {
    const { row, col } = parseKey(k);
    if (!byCol.has(col)) byCol.set(col, []);
    byCol.get(col)!.push(row);
  }
  const runs: CellRange[] = [];
  for (const [col, rows] of [...byCol].sort((a, b) => a[0] - b[0])) {
    rows.sort((a, b) => a - b);
    let top = rows[0];
    let bottom = rows[0];
    for (const r of rows.slice(1)) {
      if (r === bottom) continue;
      if (r - bottom <= BLOCK_GAP + 1 && r - top < BLOCK_MAX_CELLS) bottom = r;
      else {
        runs.push({ top, bottom, left: col, right: col });
        top = bottom = r;
      }
    }
    runs.push({ top, bottom, left: col, right: col });
  }
  const out: CellRange[] = [];
  const open = new Map<string, CellRange>();
  for (const r of runs) {
    const k = `${r.top}:${r.bottom}`;
    const prev = open.get(k);
    const cells = (r.bottom - r.top + 1) * (r.right + 1 - (prev?.left ?? r.left));
    if (prev && prev.right === r.left - 1 && cells <= BLOCK_MAX_CELLS) prev.right = r.left;
    else {
      const block = { ...r };
      out.push(block);
      open.set(k, block);
    }
  }
  return out;
}

/** Units that read the current fill of `cells` (keys "row,col") of `sheet` into `into`. */
function fillReadUnits(ctx: Excel.RequestContext, sheet: string, cells: Set<string>, into: Map<string, FillState>): SyncUnit[] {
  const unit = (block: CellRange): SyncUnit => ({
    group: sheet,
    request: 2 * BYTES_PER_OPERATION + 200,
    response: (block.bottom - block.top + 1) * (block.right - block.left + 1) * FILL_RESPONSE_BYTES,
    queue: () => {
      const props = ctx.workbook.worksheets.getItem(sheet).getRange(rangeAddress(block)).getCellProperties(FILL_PROPERTIES);
      return () =>
        props.value.forEach((row, i) =>
          row.forEach((p, j) => {
            const k = cellKey(block.top + i, block.left + j);
            if (cells.has(k)) into.set(k, readFill(p.format?.fill));
          }),
        );
    },
    split: () => {
      if (block.bottom > block.top) {
        const mid = Math.floor((block.top + block.bottom) / 2);
        return [unit({ ...block, bottom: mid }), unit({ ...block, top: mid + 1 })];
      }
      if (block.right > block.left) {
        const mid = Math.floor((block.left + block.right) / 2);
        return [unit({ ...block, right: mid }), unit({ ...block, left: mid + 1 })];
      }
      return [];
    },
  });
  return cellBlocks(cells).map(unit);
}

/** Units that give `cells` of `sheet` the fill `fill`, a RangeAreas of up to 2,000 address characters each. */
function fillWriteUnits(ctx: Excel.RequestContext, sheet: string, cells: string[], fill: FillState): SyncUnit[] {
  const a1 = cells.map((k) => {
    const { row, col } = parseKey(k);
    return address(row, col);
  });
  return chunkAddresses(compressCells(a1)).map((list) => ({
    group: sheet,
    request: FILL_WRITE_BYTES + list.length,
    response: 0,
    queue: () => queueFill(ctx.workbook.worksheets.getItem(sheet), list, fill),
  }));
}

// ---------------------------------------------------------------------------------------------
// The record

/** One row of the record: a run of cells in a column that had one fill before marking. */
interface Entry {
  sheet: string;
  /** The cells, where Excel has moved them. */
  run: CellRange;
  /** The run grown by a row below and a column right when recorded; more than that means cells inserted next to it. */
  guard: CellRange | null;
  fill: FillState;
  /** Recorded by a version before the record sheet: its marks were Excel's own colours. */
  legacy: boolean;
}

const MAX_ROW = 1048575;
const MAX_COL = 16383;
/** Cells inserted next to one run that we look at (a larger insertion is not a format copy worth reading). */
const MAX_INSERTED_CELLS = 2000;

function guardOf(run: CellRange): CellRange {
  return { top: run.top, left: run.left, bottom: Math.min(run.bottom + 1, MAX_ROW), right: Math.min(run.right + 1, MAX_COL) };
}

/** A reference Excel keeps on the cells: quoted always (Excel accepts that and writes it back its own way). */
function refFormula(sheet: string, r: CellRange): string {
  return `=ISREF('${sheet.replace(/'/g, "''")}'!${rangeAddress(r)})`;
}

const REF_FORMULA = /^=ISREF\((?:'((?:[^']|'')+)'|([^'!()]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?\)$/;

/** The sheet and cells a record reference stands for now; null once Excel has made it #REF!. */
export function parseRef(formula: unknown): { sheet: string; range: CellRange } | null {
  if (typeof formula !== 'string' || formula.includes('#REF!')) return null;
  const m = REF_FORMULA.exec(formula.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const a = { row: Number(m[4]) - 1, col: columnIndex(m[3]) };
  const b = m[6] ? { row: Number(m[6]) - 1, col: columnIndex(m[5]) } : a;
  return { sheet, range: { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) } };
}

function parseFill(v: unknown): FillState | null {
  try {
    const o = typeof v === 'string' ? JSON.parse(v) : null;
    if (!o || typeof o !== 'object') return null;
    const str = (x: unknown) => (typeof x === 'string' ? x : null);
    const num = (x: unknown) => (typeof x === 'number' ? x : null);
    return { color: str(o.color), pattern: str(o.pattern), patternColor: str(o.patternColor), tintAndShade: num(o.tintAndShade), patternTintAndShade: num(o.patternTintAndShade) };
  } catch {
    return null;
  }
}

function parseEntry(row: unknown[]): Entry | null {
  const run = parseRef(row[0]);
  const fill = parseFill(row[2]);
  if (!run || !fill) return null;
  let guard = parseRef(row[1]);
  if (guard && (guard.sheet !== run.sheet || guard.range.top !== run.range.top || guard.range.left !== run.range.left)) guard = null;
  return { sheet: run.sheet, run: run.range, guard: guard?.range ?? null, fill, legacy: row[3] === 1 || row[3] === '1' };
}

function entryRow(e: Entry): (string | number)[] {
  return [refFormula(e.sheet, e.run), refFormula(e.sheet, e.guard ?? guardOf(e.run)), JSON.stringify(e.fill), e.legacy ? 1 : 0];
}

/** The record versions before the record sheet kept in workbook.settings: sheet → groups of "B9:B12,C3" sharing a fill. */
function legacyEntries(value: unknown): Entry[] {
  let parsed: unknown = value;
  try {
    if (typeof value === 'string') parsed = JSON.parse(value);
  } catch {
    return [];
  }
  const rec = parsed as { v?: number; sheets?: Record<string, { fill: FillState; cells: string }[]> } | null;
  if (!rec || rec.v !== 1 || !rec.sheets || typeof rec.sheets !== 'object') return [];
  const out: Entry[] = [];
  for (const [sheet, groups] of Object.entries(rec.sheets)) {
    for (const g of Array.isArray(groups) ? groups : []) {
      const fill = parseFill(JSON.stringify(g?.fill ?? null));
      if (!fill || typeof g.cells !== 'string') continue;
      for (const cell of expandAreas(g.cells)) {
        const r = parseKeyOfA1(cell);
        if (r) out.push({ sheet, run: { top: r.row, bottom: r.row, left: r.col, right: r.col }, guard: null, fill, legacy: true });
      }
    }
  }
  return out;
}

function parseKeyOfA1(a1: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(a1);
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]) } : null;
}

/** What the record says of one cell. */
interface Known {
  fill: FillState;
  legacy: boolean;
}

/**
 * Per sheet, per cell ("row,col"): the fill each recorded cell had. A cell Excel inserted next to
 * a run (a guard grown past the run) stands for the run's fill, since Excel copied the run's
 * format into it; a cell recorded directly wins.
 */
function knownCells(entries: Entry[]): Map<string, Map<string, Known>> {
  const out = new Map<string, Map<string, Known>>();
  const at = (sheet: string) => out.get(sheet) ?? out.set(sheet, new Map()).get(sheet)!;
  for (const e of entries) {
    const m = at(e.sheet);
    for (let r = e.run.top; r <= e.run.bottom; r++)
      for (let c = e.run.left; c <= e.run.right; c++) if (!m.has(cellKey(r, c))) m.set(cellKey(r, c), { fill: e.fill, legacy: e.legacy });
  }
  for (const e of entries) {
    if (!e.guard) continue;
    const m = at(e.sheet);
    const below = e.guard.bottom - e.run.bottom - 1;
    const right = e.guard.right - e.run.right - 1;
    if (below <= 0 && right <= 0) continue;
    const rows = e.run.bottom - e.run.top + 1 + Math.max(0, below);
    const cols = e.run.right - e.run.left + 1 + Math.max(0, right);
    if (rows * cols > MAX_INSERTED_CELLS) continue;
    for (let r = e.run.top; r <= e.run.bottom + Math.max(0, below); r++)
      for (let c = e.run.left; c <= e.run.right + Math.max(0, right); c++) {
        if (r <= e.run.bottom && c <= e.run.right) continue;
        if (!m.has(cellKey(r, c))) m.set(cellKey(r, c), { fill: e.fill, legacy: e.legacy });
      }
  }
  return out;
}

/** Entries for `cells` of `sheet` (key → fill): runs in a column that share a fill. */
function entriesFor(sheet: string, cells: Map<string, FillState>): Entry[] {
  const groups = new Map<string, { fill: FillState; cells: string[] }>();
  for (const [k, fill] of cells) {
    const g = fillKey(fill);
    if (!groups.has(g)) groups.set(g, { fill, cells: [] });
    const { row, col } = parseKey(k);
    groups.get(g)!.cells.push(address(row, col));
  }
  const out: Entry[] = [];
  for (const g of [...groups.keys()].sort()) {
    const { fill, cells: list } = groups.get(g)!;
    for (const area of compressCells(list)) {
      const [from, to = from] = area.split(':');
      const a = parseKeyOfA1(from)!;
      const b = parseKeyOfA1(to)!;
      const run = { top: a.row, left: a.col, bottom: b.row, right: b.col };
      out.push({ sheet, run, guard: guardOf(run), fill, legacy: false });
    }
  }
  return out;
}

interface RecordRead {
  exists: boolean;
  /** The last used row of the record sheet (1-based), 0 when it is empty or absent. */
  lastRow: number;
  /** Its rows, in order, as Excel gives their formulas back. */
  rows: unknown[][];
  /** Entries from its rows and from an old settings record. */
  entries: Entry[];
  legacySetting: boolean;
}

const RECORD_ROWS_PER_READ = 5000;
/** Response bytes of one record row read back, and request bytes of one written. */
const RECORD_ROW_BYTES = 400;

/**
 * Reads the record rows (formulas of columns A:D). One read usually; when Excel refuses it as too
 * large, the row count first and then the rows in blocks.
 */
async function readRecordRows(ctx: Excel.RequestContext, extra: SyncUnit[]): Promise<{ lastRow: number; rows: unknown[][]; syncs: number }> {
  const sheet = () => ctx.workbook.worksheets.getItem(MARKS_SHEET);
  let used: Excel.Range | null = null;
  try {
    const out = await runUnits(ctx, [
      ...extra,
      {
        request: 2 * BYTES_PER_OPERATION,
        response: 0,
        queue: () => {
          used = sheet().getUsedRangeOrNullObject(true);
          used.load('formulas,rowIndex,columnIndex,rowCount');
        },
      },
    ]);
    const u = used as Excel.Range | null;
    if (!u || u.isNullObject) return { lastRow: 0, rows: [], syncs: out.syncs };
    return { lastRow: u.rowIndex + u.rowCount, rows: padRows(u.formulas, u.rowIndex, u.columnIndex), syncs: out.syncs };
  } catch (e) {
    if (!(e instanceof TooLargeError)) throw e;
  }
  // The rows do not fit one response: their number first, then blocks of rows.
  let syncs = 1;
  const shape = sheet().getUsedRangeOrNullObject(true);
  shape.load('rowIndex,rowCount');
  await ctx.sync();
  syncs += 1;
  if (shape.isNullObject) return { lastRow: 0, rows: [], syncs };
  const lastRow = shape.rowIndex + shape.rowCount;
  const rows: unknown[][] = [];
  const read = (top: number, bottom: number): SyncUnit => ({
    request: 2 * BYTES_PER_OPERATION,
    response: (bottom - top + 1) * RECORD_ROW_BYTES,
    queue: () => {
      const r = sheet().getRange(`A${top}:D${bottom}`);
      r.load('formulas');
      return () => r.formulas.forEach((row, i) => (rows[top - 1 + i] = row));
    },
    split: () => {
      const mid = Math.floor((top + bottom) / 2);
      return bottom > top ? [read(top, mid), read(mid + 1, bottom)] : [];
    },
  });
  const units: SyncUnit[] = [];
  for (let top = 1; top <= lastRow; top += RECORD_ROWS_PER_READ) units.push(read(top, Math.min(lastRow, top + RECORD_ROWS_PER_READ - 1)));
  const out = await runUnits(ctx, units);
  return { lastRow, rows, syncs: syncs + out.syncs };
}

/** The used range's formulas as rows from row 1, columns from A. */
function padRows(formulas: unknown[][], rowIndex: number, columnIndex: number): unknown[][] {
  const rows: unknown[][] = Array.from({ length: rowIndex }, () => []);
  for (const f of formulas) rows.push([...Array(columnIndex).fill(''), ...f]);
  return rows;
}

function entriesOf(rows: unknown[][]): Entry[] {
  const out: Entry[] = [];
  for (const row of rows) {
    const e = row ? parseEntry(row) : null;
    if (e) out.push(e);
  }
  return out;
}

/**
 * Units that replace the record by `entries`, each a row: written below the rows there now, then
 * the old rows deleted in the last unit, so that at every moment the sheet holds at least
 * everything either record holds. The old settings record is dropped in the same last unit.
 */
function recordWriteUnits(ctx: Excel.RequestContext, read: RecordRead, entries: Entry[]): SyncUnit[] {
  const units: SyncUnit[] = [];
  const sheet = () => ctx.workbook.worksheets.getItem(MARKS_SHEET);
  let first = read.lastRow + 1;
  if (!read.exists || read.lastRow === 0) {
    first = 2;
    units.push({
      request: 4 * BYTES_PER_OPERATION + 400,
      response: 0,
      queue: () => {
        if (!read.exists) ctx.workbook.worksheets.add(MARKS_SHEET).visibility = 'VeryHidden';
        sheet().getRange('A1:B1').values = [[RECORD_HEADER, RECORD_NOTE]];
      },
    });
  }
  const rows = entries.map(entryRow);
  const write = (top: number, block: (string | number)[][]): SyncUnit => ({
    request: BYTES_PER_OPERATION + block.length * RECORD_ROW_BYTES,
    response: 0,
    queue: () => {
      sheet().getRange(`A${top}:D${top + block.length - 1}`).formulas = block;
    },
    split: () => {
      const half = Math.ceil(block.length / 2);
      return block.length < 2 ? [] : [write(top, block.slice(0, half)), write(top + half, block.slice(half))];
    },
  });
  for (let i = 0; i < rows.length; i += RECORD_ROWS_PER_READ) units.push(write(first + i, rows.slice(i, i + RECORD_ROWS_PER_READ)));
  const oldRows = first > 2 ? first - 1 : 0;
  if (oldRows || read.legacySetting) {
    units.push({
      request: 2 * BYTES_PER_OPERATION,
      response: 0,
      queue: () => {
        if (oldRows) sheet().getRange(`2:${oldRows}`).delete('Up');
        if (read.legacySetting) ctx.workbook.settings.getItemOrNullObject(MARKS_SETTING).delete();
      },
    });
  }
  return units;
}

/** A unit that removes the record: its sheet and the old setting. */
function recordDeleteUnit(ctx: Excel.RequestContext, read: RecordRead): SyncUnit {
  return {
    request: 3 * BYTES_PER_OPERATION,
    response: 0,
    queue: () => {
      if (read.exists) {
        const ws = ctx.workbook.worksheets.getItem(MARKS_SHEET);
        // Excel refuses to delete a very hidden sheet (InvalidOperation): it is only hidden first.
        ws.visibility = 'Hidden';
        ws.delete();
      }
      if (read.legacySetting) ctx.workbook.settings.getItemOrNullObject(MARKS_SETTING).delete();
    },
  };
}

/** Whether the record sheet holds exactly `entries` in rows 2 on (so nothing need be written, and row numbers hold). */
function sameRecord(entries: Entry[], read: RecordRead): boolean {
  if (!read.exists || read.lastRow !== entries.length + 1 || read.rows[0]?.[0] !== RECORD_HEADER) return false;
  return entries.every((e, i) => {
    const row = read.rows[i + 1];
    const was = row ? parseEntry(row) : null;
    return !!was && JSON.stringify(entryRow(e)) === JSON.stringify(entryRow(was));
  });
}

// ---------------------------------------------------------------------------------------------
// Reading what is there

interface Scene {
  sheetNames: Set<string>;
  read: RecordRead;
  /** Sheets whose cells cannot be formatted now (protected without "format cells"). */
  locked: Set<string>;
  syncs: number;
}

function isLocked(p: Excel.WorksheetProtection | undefined): boolean {
  return !!p && p.protected && !p.options?.allowFormatCells;
}

/**
 * Reads the sheet names, the record (its sheet and an old settings record) and which sheets are
 * protected; `extra` units (the targets' fills) ride along in the first syncs.
 */
async function readScene(ctx: Excel.RequestContext, targetSheets: string[], extra: SyncUnit[]): Promise<Scene> {
  const wb = ctx.workbook;
  let names: Excel.WorksheetCollection | null = null;
  let recordSheet: Excel.Worksheet | null = null;
  let setting: Excel.Setting | null = null;
  const protection = new Map<string, Excel.WorksheetProtection>();
  const loadProtection = (sheets: string[]) => () => {
    for (const s of sheets) {
      const p = wb.worksheets.getItem(s).protection;
      p.load('protected,options');
      protection.set(s, p);
    }
  };
  const first: SyncUnit = {
    request: (3 + targetSheets.length) * BYTES_PER_OPERATION,
    response: 0,
    queue: () => {
      names = wb.worksheets;
      names.load('items/name');
      recordSheet = wb.worksheets.getItemOrNullObject(MARKS_SHEET);
      recordSheet.load('name');
      setting = wb.settings.getItemOrNullObject(MARKS_SETTING);
      setting.load('value');
      loadProtection(targetSheets)();
    },
  };
  let syncs = (await runUnits(ctx, [first, ...extra])).syncs;
  const sheetNames = new Set((names as unknown as Excel.WorksheetCollection).items.map((s) => s.name));
  const rs = recordSheet as unknown as Excel.Worksheet;
  const st = setting as unknown as Excel.Setting;
  const read: RecordRead = { exists: !rs.isNullObject, lastRow: 0, rows: [], entries: [], legacySetting: !st.isNullObject };
  const others = [...sheetNames].filter((s) => s !== MARKS_SHEET && !protection.has(s));
  if (read.exists || read.legacySetting) {
    const protectUnit: SyncUnit = { request: others.length * BYTES_PER_OPERATION, response: 0, queue: loadProtection(others) };
    if (read.exists) {
      const r = await readRecordRows(ctx, [protectUnit]);
      Object.assign(read, { lastRow: r.lastRow, rows: r.rows });
      syncs += r.syncs;
    } else {
      syncs += (await runUnits(ctx, [protectUnit])).syncs;
    }
    read.entries = [...entriesOf(read.rows), ...(read.legacySetting ? legacyEntries(st.value) : [])].filter((e) => sheetNames.has(e.sheet) && e.sheet !== MARKS_SHEET);
  }
  const locked = new Set([...protection].filter(([, p]) => isLocked(p)).map(([s]) => s));
  return { sheetNames, read, locked, syncs };
}

/** What the pane says when protected sheets were left as they were, Chinese first. */
export function protectedSheetsNotice(sheets: string[], action: 'mark' | 'clear'): { sheets: string[]; message: string; messageEn: string } {
  const zh = sheets.map((s) => `「${s}」`).join('、');
  const en = sheets.map((s) => `"${s}"`).join(', ');
  return action === 'mark'
    ? {
        sheets,
        message: `工作表${zh}受保护，其中的单元格没有标记，其余工作表已标记。问题仍列在窗格中；取消工作表保护后重新校验即可标记。`,
        messageEn: `Sheet ${en} is protected, so its cells were not marked; the other sheets were. The findings are still listed in the pane; unprotect the sheet and validate again to mark them.`,
      }
    : {
        sheets,
        message: `工作表${zh}受保护，其中的标记没有清除（记录保留）。取消工作表保护后再点"清除标记"即可恢复。`,
        messageEn: `Sheet ${en} is protected, so its marks were not cleared (the record is kept). Unprotect the sheet and click Clear marks again to restore it.`,
      };
}

function tooLarge(e: unknown, zh: string, en: string): unknown {
  return e instanceof TooLargeError || isPayloadError(e) ? new HostError(zh, en) : e;
}

// ---------------------------------------------------------------------------------------------
// 校验: mark

/**
 * Colours `targets` by severity and gives cells marked before but not now their own fill back.
 * Reads: the record, the protected sheets, the current fills of the targets and of the recorded
 * cells. Writes: the new record, then the fills, then the record trimmed of the cells restored.
 */
export async function highlightCells(context: Excel.RequestContext, targets: MarkTarget[]): Promise<MarkStats> {
  try {
    return await mark(context, targets);
  } catch (e) {
    throw tooLarge(
      e,
      '要标记的单元格太多，Excel 拒绝了过大的请求，标记没有完成。已经标上的颜色都有记录，点"清除标记"可全部恢复；问题仍列在窗格中。',
      'Too many cells to mark: Excel refused a request as too large, so marking did not finish. Every colour already applied is recorded and Clear marks restores it; the findings are still listed in the pane.',
    );
  }
}

async function mark(ctx: Excel.RequestContext, targets: MarkTarget[]): Promise<MarkStats> {
  const stats: MarkStats = { syncs: 0, marked: 0, restored: 0, skippedSheets: [] };
  // sheet → cell → severity
  const wanted = new Map<string, Map<string, Severity>>();
  for (const t of targets) {
    const p = parseKeyOfA1(t.cell.replace(/\$/g, '').toUpperCase());
    if (!p || t.sheet === MARKS_SHEET) continue;
    if (!wanted.has(t.sheet)) wanted.set(t.sheet, new Map());
    wanted.get(t.sheet)!.set(cellKey(p.row, p.col), t.severity);
  }
  // The targets come from a read made moments ago, so their sheets exist; if one was deleted in
  // between, the first sync fails before anything is written.
  const current = new Map<string, Map<string, FillState>>();
  const at = (sheet: string) => current.get(sheet) ?? current.set(sheet, new Map()).get(sheet)!;
  const targetReads = [...wanted].flatMap(([sheet, cells]) => fillReadUnits(ctx, sheet, new Set(cells.keys()), at(sheet)));
  const scene = await readScene(ctx, [...wanted.keys()], targetReads);
  stats.syncs += scene.syncs;
  const known = knownCells(scene.read.entries);

  // The recorded cells' fills (those not read with the targets), on sheets we may format.
  const recordedReads: SyncUnit[] = [];
  for (const [sheet, cells] of known) {
    if (scene.locked.has(sheet)) continue;
    const need = new Set([...cells.keys()].filter((k) => !wanted.get(sheet)?.has(k)));
    if (need.size) recordedReads.push(...fillReadUnits(ctx, sheet, need, at(sheet)));
  }
  if (recordedReads.length) stats.syncs += (await runUnits(ctx, recordedReads)).syncs;

  const keep: Entry[] = [];
  const unmark: Entry[] = [];
  const restores: { sheet: string; fill: FillState; cells: string[] }[] = [];
  const paints: { sheet: string; severity: Severity; cells: string[] }[] = [];
  const sheets = new Set([...wanted.keys(), ...known.keys()]);
  for (const sheet of [...sheets].sort()) {
    if (scene.locked.has(sheet)) {
      // Left as it is: its record stays, its marks (if any) stay until it can be formatted.
      keep.push(...scene.read.entries.filter((e) => e.sheet === sheet));
      if (wanted.has(sheet)) stats.skippedSheets.push(sheet);
      continue;
    }
    const here = wanted.get(sheet) ?? new Map<string, Severity>();
    const now = at(sheet);
    const rec = known.get(sheet) ?? new Map<string, Known>();
    const originals = new Map<string, FillState>();
    const toPaint = new Map<Severity, string[]>();
    for (const [k, severity] of here) {
      const fill = now.get(k) ?? NO_FILL;
      const r = rec.get(k);
      // Never the add-in's own colour as the user's: a cell showing a mark keeps its recorded fill (none if unknown).
      originals.set(k, isMark(fill, r?.legacy ?? false) ? (r?.fill ?? NO_FILL) : fill);
      if (!isMarkOf(fill, severity)) {
        if (!toPaint.has(severity)) toPaint.set(severity, []);
        toPaint.get(severity)!.push(k);
      }
    }
    const back = new Map<string, FillState>();
    for (const [k, r] of rec) {
      if (here.has(k)) continue;
      const fill = now.get(k);
      if (fill && isMark(fill, r.legacy)) back.set(k, r.fill);
    }
    keep.push(...entriesFor(sheet, originals));
    unmark.push(...entriesFor(sheet, back));
    const byFill = new Map<string, { fill: FillState; cells: string[] }>();
    for (const [k, fill] of back) {
      const g = fillKey(fill);
      if (!byFill.has(g)) byFill.set(g, { fill, cells: [] });
      byFill.get(g)!.cells.push(k);
    }
    for (const g of byFill.values()) restores.push({ sheet, ...g });
    for (const severity of ['error', 'warning', 'info'] as Severity[]) {
      const cells = toPaint.get(severity);
      if (cells?.length) paints.push({ sheet, severity, cells });
    }
  }

  // 1. The record, in syncs of its own, before any fill is queued.
  const record = [...keep, ...unmark];
  const read = scene.read;
  if (!record.length) {
    if (read.exists || read.legacySetting) stats.syncs += (await runUnits(ctx, [recordDeleteUnit(ctx, read)])).syncs;
  } else if (read.legacySetting || !sameRecord(record, read)) {
    stats.syncs += (await runUnits(ctx, recordWriteUnits(ctx, read, record))).syncs;
  }

  // 2. The fills: cells no longer findings get their own back, then the marks.
  const fillUnits: SyncUnit[] = [
    ...restores.flatMap((r) => fillWriteUnits(ctx, r.sheet, r.cells, r.fill)),
    ...paints.flatMap((p) => fillWriteUnits(ctx, p.sheet, p.cells, { ...NO_FILL, color: SEVERITY_FILL[p.severity], pattern: 'Solid' })),
  ];
  const filled = await runUnits(ctx, fillUnits, { denyGroups: true });
  stats.syncs += filled.syncs;
  for (const sheet of filled.denied.keys()) if (!stats.skippedSheets.includes(sheet)) stats.skippedSheets.push(sheet);
  for (const r of restores) if (!filled.denied.has(r.sheet)) stats.restored += r.cells.length;
  for (const [sheet, cells] of wanted) if (!scene.locked.has(sheet) && !filled.denied.has(sheet)) stats.marked += cells.size;

  // 3. The cells given back leave the record (they are its last rows); if a sheet was refused, all stays.
  if (!filled.denied.size && unmark.length) {
    const from = 2 + keep.length;
    const to = 1 + record.length;
    const trim: SyncUnit = keep.length
      ? {
          request: 2 * BYTES_PER_OPERATION,
          response: 0,
          queue: () => ctx.workbook.worksheets.getItem(MARKS_SHEET).getRange(`${from}:${to}`).delete('Up'),
        }
      : recordDeleteUnit(ctx, { ...read, exists: true, legacySetting: false });
    stats.syncs += (await runUnits(ctx, [trim])).syncs;
  }
  stats.skippedSheets.sort();
  return stats;
}

// ---------------------------------------------------------------------------------------------
// 清除标记: restore

/** Gives every cell that still shows a mark its recorded fill, then removes the record. */
export async function clearMarks(context: Excel.RequestContext): Promise<MarkStats> {
  try {
    return await clear(context);
  } catch (e) {
    throw tooLarge(
      e,
      '要恢复的单元格太多，Excel 拒绝了过大的请求，清除没有完成。记录仍在，再点"清除标记"可继续恢复。',
      'Too many cells to restore: Excel refused a request as too large, so clearing did not finish. The record is kept; click Clear marks again to continue.',
    );
  }
}

async function clear(ctx: Excel.RequestContext): Promise<MarkStats> {
  const stats: MarkStats = { syncs: 0, marked: 0, restored: 0, skippedSheets: [] };
  const scene = await readScene(ctx, [], []);
  stats.syncs += scene.syncs;
  const read = scene.read;
  if (!read.exists && !read.legacySetting) return stats;
  const known = knownCells(read.entries);
  const current = new Map<string, Map<string, FillState>>();
  const reads: SyncUnit[] = [];
  for (const [sheet, cells] of known) {
    if (scene.locked.has(sheet)) continue;
    current.set(sheet, new Map());
    reads.push(...fillReadUnits(ctx, sheet, new Set(cells.keys()), current.get(sheet)!));
  }
  if (reads.length) stats.syncs += (await runUnits(ctx, reads)).syncs;

  const units: SyncUnit[] = [];
  const counts = new Map<string, number>();
  for (const [sheet, cells] of known) {
    if (scene.locked.has(sheet)) continue;
    const now = current.get(sheet)!;
    const byFill = new Map<string, { fill: FillState; cells: string[] }>();
    for (const [k, r] of cells) {
      const fill = now.get(k);
      // Only what still shows a mark: a fill the user set since, or a cell never painted, is theirs.
      if (!fill || !isMark(fill, r.legacy)) continue;
      const g = fillKey(r.fill);
      if (!byFill.has(g)) byFill.set(g, { fill: r.fill, cells: [] });
      byFill.get(g)!.cells.push(k);
    }
    for (const g of byFill.values()) {
      units.push(...fillWriteUnits(ctx, sheet, g.cells, g.fill));
      counts.set(sheet, (counts.get(sheet) ?? 0) + g.cells.length);
    }
  }
  const done = await runUnits(ctx, units, { denyGroups: true });
  stats.syncs += done.syncs;
  for (const [sheet, n] of counts) if (!done.denied.has(sheet)) stats.restored += n;
  const left = new Set([...scene.locked, ...done.denied.keys()].filter((s) => known.has(s)));
  stats.skippedSheets = [...left].sort();
  // The record goes once everything is back; what a protected sheet still needs stays in it.
  const rest = read.entries.filter((e) => left.has(e.sheet));
  const final = rest.length ? recordWriteUnits(ctx, read, rest) : [recordDeleteUnit(ctx, read)];
  stats.syncs += (await runUnits(ctx, final)).syncs;
  return stats;
}
