/**
 * Reads the workbook into the engine's snapshot.
 *
 * Normally two syncs whatever the size: (1) the sheet list; (2) for every sheet at once, its used
 * range (values, formulas, number formats), merged areas and hidden rows. A batch's reads all
 * travel in one response, so cutting a range into blocks inside one sync does not make the
 * response smaller. Two refusals make the read take more syncs, and only they do:
 *
 * - The response is too large: Excel on the web refuses requests and responses over 5 MB, and
 *   every Excel refuses to read more than 5,000,000 cells of one range (or answers null). The read then takes the
 *   shapes of the used ranges and reads blocks of rows, each sync sized from the text actually read
 *   so far (a text cell's text comes back twice, as its value and as its formula) to about 4 MB.
 *   Before anything has been read it assumes 1,000 bytes a cell. A sync Excel refuses all the same
 *   is sent again with half as many cells, down to a single cell if need be, so a sheet of long
 *   text is read in more syncs, never not at all.
 * - A sheet has more than 512 merged areas: getMergedAreasOrNullObject then fails, and the whole
 *   batch with it. The sheets are then read without it, and merged areas are asked for per band of
 *   at most 512 cells of the used range. Excel returns the merged areas whose top-left cell lies in
 *   the range asked (office-js#3611), so no band can hold more than 512 and none is found twice.
 */
import { CellValue, OWNED_SHEET_NAMES, SheetSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { parseAddress, parseRange } from '../core/address';

export interface ReadOptions {
  /** Budget for one sync of the block read, in response bytes (Excel on the web refuses over 5 MB). */
  maxBytesPerSync?: number;
  /** Response bytes per cell (values + formulas + number format) assumed before any cell was read. */
  bytesPerCell?: number;
  /** ExcelApi 1.13: merged areas. Without it merges are left out (the engine copes). */
  mergedAreas?: boolean;
  /** ExcelApi 1.3 range views: hidden rows. */
  hiddenRows?: boolean;
  /** Skip the one-sync attempt (tests of the fallback). */
  forceChunked?: boolean;
}

export interface ReadStats {
  syncs: number;
  cells: number;
  reads: number;
  /** The one-sync read was refused as too large and the block read was used. */
  chunked: boolean;
  /** Block syncs Excel refused as too large, each sent again with half as many cells. */
  refused: number;
  /** Merged areas were read per band: a sheet has more than 512 of them. */
  mergeBands: boolean;
}

export const DEFAULT_MAX_BYTES_PER_SYNC = 4_000_000;
export const DEFAULT_BYTES_PER_CELL = 1_000;
/** getMergedAreasOrNullObject fails on a range holding more merged areas than this. */
export const MAX_MERGED_AREAS_PER_CALL = 512;
/** Bands asked for in one sync: about 1 MB of request, well inside the web's 5 MB. */
const MERGE_BANDS_PER_SYNC = 2_000;
/** Far inside the 5,000,000 cells Excel reads from one range. */
const MAX_CELLS_PER_SYNC = 1_000_000;

interface SheetRead {
  ws: Excel.Worksheet;
  name: string;
  hidden: boolean;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  values: unknown[][];
  formulas: unknown[][];
  formats: unknown[][];
  merges: Set<string>;
  hiddenRows: number[];
}

/** A rectangle of one sheet's used range, in rows and columns from its top-left cell. */
interface Block {
  read: SheetRead;
  row: number;
  rows: number;
  col: number;
  cols: number;
}

/** Excel's answers when a request or response is too large, or a range too big to read at once. */
export function isSizeError(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  return /PayloadSizeLimitExceeded|ResponsePayloadSizeLimitExceeded|RequestPayloadSizeLimitExceeded|ResponseTooLarge|RangeExceedsLimit/i.test(`${code} ${message}`);
}

export async function readWorkbook(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<{ snapshot: WorkbookSnapshot; stats: ReadStats }> {
  const stats: ReadStats = { syncs: 0, cells: 0, reads: 0, chunked: false, refused: 0, mergeBands: false };
  const sync = async () => {
    stats.syncs += 1;
    await context.sync();
  };

  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  // 标题 / 主题 / 单位: a last resort for 年度 and 单位名称, read in the same round trip.
  const docProps = context.workbook.properties;
  docProps.load('title,subject,company');
  await sync();
  const properties = propertiesOf(docProps);
  const wanted = sheets.items.filter((ws) => !OWNED_SHEET_NAMES.has(ws.name));
  const newRead = (ws: Excel.Worksheet): SheetRead => ({
    ws,
    name: ws.name,
    hidden: ws.visibility !== 'Visible',
    rowIndex: 0,
    columnIndex: 0,
    rowCount: 0,
    columnCount: 0,
    values: [],
    formulas: [],
    formats: [],
    merges: new Set(),
    hiddenRows: [],
  });
  const done = (reads: SheetRead[]) => ({ snapshot: { sheets: reads.map(toSheet), ...properties }, stats });

  let merges: 'sheet' | 'bands' | 'none' = options.mergedAreas === false ? 'none' : 'sheet';
  // Asked of the whole sheet, so it never chains on a null object.
  const queueSheetMerges = (ws: Excel.Worksheet) => {
    if (merges !== 'sheet') return null;
    const m = ws.getRange().getMergedAreasOrNullObject();
    m.load('address');
    return m;
  };
  // One column's visible cells tell which rows are hidden, at a tiny payload.
  const queueView = (range: Excel.Range) => {
    if (options.hiddenRows === false) return null;
    const view = range.getColumn(0).getVisibleView();
    view.load('cellAddresses');
    return view;
  };
  const takeMerges = (read: SheetRead, m: Excel.RangeAreas | null) => {
    if (m && !m.isNullObject) for (const a of splitAreas(m.address)) read.merges.add(a);
  };

  let whole = !options.forceChunked;
  if (whole) {
    const queued = wanted.map((ws) => {
      // getUsedRange (not …OrNullObject) gives A1 for a blank sheet, so chaining on it is safe;
      // valuesOnly keeps cells that merely carry formatting out of the read.
      const used = ws.getUsedRange(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount,values,formulas,numberFormat');
      return { read: newRead(ws), used, merged: queueSheetMerges(ws), view: queueView(used) };
    });
    let failure: { e: unknown } | null = null;
    try {
      await sync();
    } catch (e) {
      failure = { e };
    }
    if (!failure) {
      if (queued.every(({ used }) => gotCells(used))) {
        for (const { read, used, merged, view } of queued) {
          Object.assign(read, { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount });
          read.values = used.values;
          read.formulas = used.formulas;
          read.formats = used.numberFormat;
          takeMerges(read, merged);
          if (view) read.hiddenRows = hiddenRowsFrom(view.cellAddresses, read.rowIndex, read.rowCount);
          stats.cells += used.rowCount * used.columnCount;
          stats.reads += 1;
        }
        return done(queued.map((q) => q.read));
      }
      whole = false;
    } else if (isSizeError(failure.e)) whole = false;
    // Otherwise the likeliest cause is a sheet with more than 512 merged areas: read without
    // them, then per band. Any other failure comes back on the next attempt and is thrown there.
    else if (merges === 'sheet') merges = 'bands';
    else throw failure.e;
  }

  // The shapes of the used ranges (and the sheets' merged areas, unless they failed).
  const queueShapes = () =>
    wanted.map((ws) => {
      const used = ws.getUsedRange(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      return { ws, used, merged: queueSheetMerges(ws) };
    });
  let shapes = queueShapes();
  try {
    await sync();
  } catch (e) {
    if (merges !== 'sheet' || isSizeError(e)) throw e;
    merges = 'bands';
    shapes = queueShapes();
    await sync();
  }
  const reads = shapes.map(({ ws, used, merged }) => {
    const read = newRead(ws);
    Object.assign(read, { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount });
    read.values = Array.from({ length: used.rowCount }, () => []);
    read.formulas = Array.from({ length: used.rowCount }, () => []);
    read.formats = Array.from({ length: used.rowCount }, () => []);
    takeMerges(read, merged);
    return read;
  });

  let read = false;
  if (whole) {
    // Only the merged areas failed: every used range at once again, without them.
    const queued = reads.map((r) => queueBlock({ read: r, row: 0, rows: r.rowCount, col: 0, cols: r.columnCount }, options));
    try {
      await sync();
      if (queued.every((q) => gotCells(q.range))) {
        queued.forEach((q) => storeBlock(q, stats));
        read = true;
      }
    } catch (e) {
      if (!isSizeError(e)) throw e;
    }
  }
  if (!read) {
    stats.chunked = true;
    await readBlocks(reads, options, stats, sync);
  }
  if (merges === 'bands') {
    stats.mergeBands = true;
    await readMergeBands(reads, sync);
  }
  return done(reads);
}

interface QueuedBlock {
  block: Block;
  range: Excel.Range;
  view: Excel.RangeView | null;
}

function queueBlock(block: Block, options: ReadOptions): QueuedBlock {
  const { read, row, rows, col, cols } = block;
  const range = read.ws.getRangeByIndexes(read.rowIndex + row, read.columnIndex + col, rows, cols);
  range.load('values,formulas,numberFormat');
  let view: Excel.RangeView | null = null;
  if (options.hiddenRows !== false && col === 0) {
    view = range.getColumn(0).getVisibleView();
    view.load('cellAddresses');
  }
  return { block, range, view };
}

/** Copies a block's cells into its sheet's grids; returns the response bytes they took. */
function storeBlock({ block, range, view }: QueuedBlock, stats: ReadStats): number {
  const { read, row, rows, col, cols } = block;
  const values = range.values as unknown[][];
  const formulas = range.formulas as unknown[][];
  const formats = range.numberFormat as unknown[][];
  for (let i = 0; i < rows; i++) {
    if (col === 0 && cols === read.columnCount) {
      read.values[row + i] = values[i];
      read.formulas[row + i] = formulas[i];
      read.formats[row + i] = formats[i];
    } else {
      for (let j = 0; j < cols; j++) {
        read.values[row + i][col + j] = values[i][j];
        read.formulas[row + i][col + j] = formulas[i][j];
        read.formats[row + i][col + j] = formats[i][j];
      }
    }
  }
  if (view) read.hiddenRows.push(...hiddenRowsFrom(view.cellAddresses, read.rowIndex + row, rows));
  stats.cells += rows * cols;
  stats.reads += 1;
  return jsonBytes(values) + jsonBytes(formulas) + jsonBytes(formats) + (view ? jsonBytes(view.cellAddresses) : 0);
}

/**
 * Reads every used range in blocks, sheet by sheet and row by row, each sync planned to about
 * maxBytesPerSync from the bytes per cell of the sheet's last sync (the assumed figure until one
 * came back). A row too long for one sync is read in pieces. A refused sync is planned again with
 * half its cells, and the sheets in it are assumed at least twice as dense from then on.
 */
async function readBlocks(reads: SheetRead[], options: ReadOptions, stats: ReadStats, sync: () => Promise<void>): Promise<void> {
  const budget = options.maxBytesPerSync ?? DEFAULT_MAX_BYTES_PER_SYNC;
  const assumed = options.bytesPerCell ?? DEFAULT_BYTES_PER_CELL;
  const measured = new Map<SheetRead, number>();
  const atLeast = new Map<SheetRead, number>();
  const density = (r: SheetRead) => Math.max(measured.get(r) ?? assumed, atLeast.get(r) ?? 0, 1);
  let cap = MAX_CELLS_PER_SYNC;
  let at = { sheet: 0, row: 0, col: 0 };

  for (;;) {
    const plan: Block[] = [];
    let bytes = 0;
    let cells = 0;
    let next = { ...at };
    while (next.sheet < reads.length) {
      const read = reads[next.sheet];
      if (next.row >= read.rowCount) {
        next = { sheet: next.sheet + 1, row: 0, col: 0 };
        continue;
      }
      const room = Math.min(Math.floor((budget - bytes) / density(read)), cap - cells);
      if (plan.length && room < 1) break;
      let block: Block;
      if (next.col === 0 && room >= read.columnCount) {
        const rows = Math.min(Math.floor(room / read.columnCount), read.rowCount - next.row);
        block = { read, row: next.row, rows, col: 0, cols: read.columnCount };
        next = { ...next, row: next.row + rows };
      } else {
        const cols = Math.max(1, Math.min(room, read.columnCount - next.col));
        block = { read, row: next.row, rows: 1, col: next.col, cols };
        next = next.col + cols >= read.columnCount ? { ...next, row: next.row + 1, col: 0 } : { ...next, col: next.col + cols };
      }
      plan.push(block);
      bytes += block.rows * block.cols * density(read);
      cells += block.rows * block.cols;
      if (bytes >= budget || cells >= cap) break;
    }
    if (!plan.length) return;

    const queued = plan.map((b) => queueBlock(b, options));
    try {
      await sync();
    } catch (e) {
      if (!isSizeError(e) || cells <= 1) throw e;
      stats.refused += 1;
      cap = Math.max(1, Math.floor(cells / 2));
      for (const b of plan) atLeast.set(b.read, Math.max(atLeast.get(b.read) ?? 0, (2 * bytes) / cells));
      continue;
    }
    cap = MAX_CELLS_PER_SYNC;
    const perSheet = new Map<SheetRead, { bytes: number; cells: number }>();
    for (const q of queued) {
      const n = storeBlock(q, stats);
      const s = perSheet.get(q.block.read) ?? { bytes: 0, cells: 0 };
      perSheet.set(q.block.read, { bytes: s.bytes + n, cells: s.cells + q.block.rows * q.block.cols });
    }
    for (const [r, s] of perSheet) measured.set(r, s.bytes / s.cells);
    at = next;
  }
}

/**
 * Merged areas per band of at most 512 cells of each used range, a few thousand bands a sync.
 * A merged area whose top-left cell lies outside the used range holds no value and is not looked for.
 */
async function readMergeBands(reads: SheetRead[], sync: () => Promise<void>): Promise<void> {
  const bands: Block[] = [];
  for (const read of reads) {
    const cols = Math.min(read.columnCount, MAX_MERGED_AREAS_PER_CALL);
    const rows = Math.max(1, Math.floor(MAX_MERGED_AREAS_PER_CALL / cols));
    for (let row = 0; row < read.rowCount; row += rows) {
      for (let col = 0; col < read.columnCount; col += cols) {
        bands.push({ read, row, rows: Math.min(rows, read.rowCount - row), col, cols: Math.min(cols, read.columnCount - col) });
      }
    }
  }
  for (let i = 0; i < bands.length; i += MERGE_BANDS_PER_SYNC) {
    const queued = bands.slice(i, i + MERGE_BANDS_PER_SYNC).map((b) => {
      const m = b.read.ws.getRangeByIndexes(b.read.rowIndex + b.row, b.read.columnIndex + b.col, b.rows, b.cols).getMergedAreasOrNullObject();
      m.load('address');
      return { read: b.read, m };
    });
    await sync();
    for (const { read, m } of queued) if (!m.isNullObject) for (const a of splitAreas(m.address)) read.merges.add(a);
  }
}

/** Past 5,000,000 cells Excel may answer null instead of refusing (office-js#6781): read in blocks then. */
function gotCells(range: Excel.Range): boolean {
  return Array.isArray(range.values) && Array.isArray(range.formulas) && Array.isArray(range.numberFormat);
}

function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? '';
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return n;
}

function toSheet(read: SheetRead): SheetSnapshot {
  const sheet: SheetSnapshot = { name: read.name, values: [], formulas: [], numberFormats: [], merges: [...read.merges], hiddenRows: read.hiddenRows, hidden: read.hidden };
  sheet.rowOffset = read.rowIndex;
  sheet.colOffset = read.columnIndex;
  read.values.forEach((row, i) => {
    sheet.values.push(row.map(toCellValue));
    sheet.formulas!.push(read.formulas[i].map((f) => (typeof f === 'string' && f.startsWith('=') ? f : null)));
    sheet.numberFormats!.push(read.formats[i].map((f) => (typeof f === 'string' ? f : null)));
  });
  // A blank sheet reads as A1 holding nothing.
  if (sheet.values.length === 1 && sheet.values[0].every((v) => v === null) && !sheet.formulas![0].some(Boolean)) {
    sheet.values = [];
    sheet.formulas = [];
    sheet.numberFormats = [];
  }
  return sheet;
}

function toCellValue(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/** "Sheet1!A1:B2, Sheet1!C3" → ["A1:B2", "C3"]. Sheet names may be quoted and contain commas. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  const re = /(?:'(?:[^']|'')*'|[^,!']+)!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(address))) {
    const a1 = m[1].replace(/\$/g, '');
    if (parseRange(a1)) out.push(a1);
  }
  return out;
}

/** Rows of the used range missing from the visible view are hidden (0-based sheet rows). */
export function hiddenRowsFrom(cellAddresses: string[][], rowIndex: number, rowCount: number): number[] {
  // An empty view means the column itself is hidden: rows cannot be told apart, so assume none.
  if (!cellAddresses.length) return [];
  const visible = new Set<number>();
  for (const row of cellAddresses) {
    const a = parseAddress((row[0] ?? '').split('!').pop() ?? '');
    if (a) visible.add(a.row);
  }
  const hidden: number[] = [];
  for (let r = rowIndex; r < rowIndex + rowCount; r++) if (!visible.has(r)) hidden.push(r);
  return hidden;
}

function propertiesOf(p: Excel.DocumentProperties): Pick<WorkbookSnapshot, 'properties'> {
  const title = p.title?.trim() || undefined;
  const subject = p.subject?.trim() || undefined;
  const company = p.company?.trim() || undefined;
  return title || subject || company ? { properties: { title, subject, company } } : {};
}
