/**
 * Reads the workbook into the engine's snapshot.
 *
 * Normally two syncs whatever the size: (1) the sheet list; (2) for every sheet at once, its
 * used range (values, formulas, number formats), merged areas and hidden rows. A batch's reads
 * all travel in one response, so cutting a range into blocks inside one sync does not make the
 * response smaller; it only matters when Excel refuses the response (Excel on the web caps it at
 * 5 MB; a single range read is capped at 5,000,000 cells). Then, and only then, the read falls
 * back to blocks of rows grouped into syncs of about 4 MB each: a workbook past the cap needs
 * more round trips by nature, one per 4 MB, never one per row or per sheet.
 */
import { CellValue, OWNED_SHEET_NAMES, SheetSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { parseAddress, parseRange } from '../core/address';

export interface ReadOptions {
  /** Budget for one sync in the fallback, in estimated response bytes. */
  maxBytesPerSync?: number;
  /** Estimated response bytes per cell for values + formulas + number format. */
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
  /** The one-sync read was refused as too large and the chunked read was used. */
  chunked: boolean;
}

export const DEFAULT_MAX_BYTES_PER_SYNC = 4_000_000;
export const DEFAULT_BYTES_PER_CELL = 64;

interface SheetRead {
  name: string;
  hidden: boolean;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  blocks: Excel.Range[];
  merged: Excel.RangeAreas | null;
  view: Excel.RangeView | null;
}

/** Excel's answers when a request or response is too large. */
export function isSizeError(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  return /PayloadSizeLimitExceeded|ResponsePayloadSizeLimitExceeded|RequestPayloadSizeLimitExceeded|ResponseTooLarge/i.test(`${code} ${message}`);
}

export async function readWorkbook(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<{ snapshot: WorkbookSnapshot; stats: ReadStats }> {
  const stats: ReadStats = { syncs: 0, cells: 0, reads: 0, chunked: false };
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

  const queueExtras = (ws: Excel.Worksheet, used: Excel.Range) => {
    // Asked of the whole sheet, so it never chains on a null object.
    const merged = options.mergedAreas === false ? null : ws.getRange().getMergedAreasOrNullObject();
    merged?.load('address');
    let view: Excel.RangeView | null = null;
    if (options.hiddenRows !== false) {
      // One column's visible cells tell which rows are hidden, at a tiny payload.
      view = used.getColumn(0).getVisibleView();
      view.load('cellAddresses');
    }
    return { merged, view };
  };

  if (!options.forceChunked) {
    const reads: SheetRead[] = wanted.map((ws) => {
      // getUsedRange (not …OrNullObject) gives A1 for a blank sheet, so chaining on it is safe;
      // valuesOnly keeps cells that merely carry formatting out of the read.
      const used = ws.getUsedRange(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount,values,formulas,numberFormat');
      return { name: ws.name, hidden: ws.visibility !== 'Visible', rowIndex: 0, columnIndex: 0, rowCount: 0, blocks: [used], ...queueExtras(ws, used) };
    });
    try {
      await sync();
      for (const r of reads) {
        const used = r.blocks[0];
        Object.assign(r, { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount });
        stats.cells += used.rowCount * used.columnCount;
        stats.reads += 1;
      }
      return { snapshot: { sheets: reads.map(toSheet), ...properties }, stats };
    } catch (e) {
      if (!isSizeError(e)) throw e;
    }
  }

  // Fallback: shapes first, then blocks of rows, about maxBytesPerSync per sync.
  stats.chunked = true;
  const shapes = wanted.map((ws) => {
    const used = ws.getUsedRange(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    return { ws, used, ...queueExtras(ws, used) };
  });
  await sync();
  const budgetCells = Math.max(1, Math.floor((options.maxBytesPerSync ?? DEFAULT_MAX_BYTES_PER_SYNC) / (options.bytesPerCell ?? DEFAULT_BYTES_PER_CELL)));
  const reads: SheetRead[] = [];
  let queuedCells = 0;
  for (const { ws, used, merged, view } of shapes) {
    const { rowIndex, columnIndex, rowCount, columnCount } = used;
    const read: SheetRead = { name: ws.name, hidden: ws.visibility !== 'Visible', rowIndex, columnIndex, rowCount, blocks: [], merged, view };
    reads.push(read);
    const rowsPerBlock = Math.max(1, Math.floor(budgetCells / columnCount));
    for (let r = 0; r < rowCount; r += rowsPerBlock) {
      const n = Math.min(rowsPerBlock, rowCount - r);
      if (queuedCells > 0 && queuedCells + n * columnCount > budgetCells) {
        await sync();
        queuedCells = 0;
      }
      const block = ws.getRangeByIndexes(rowIndex + r, columnIndex, n, columnCount);
      block.load('values,formulas,numberFormat');
      read.blocks.push(block);
      queuedCells += n * columnCount;
      stats.cells += n * columnCount;
      stats.reads += 1;
    }
  }
  if (queuedCells > 0) await sync();
  return { snapshot: { sheets: reads.map(toSheet), ...properties }, stats };
}

function toSheet(read: SheetRead): SheetSnapshot {
  const sheet: SheetSnapshot = { name: read.name, values: [], formulas: [], numberFormats: [], merges: [], hiddenRows: [], hidden: read.hidden };
  sheet.rowOffset = read.rowIndex;
  sheet.colOffset = read.columnIndex;
  for (const b of read.blocks) {
    const values = b.values as unknown[][];
    const formulas = b.formulas as unknown[][];
    const formats = b.numberFormat as unknown[][];
    values.forEach((row, i) => {
      sheet.values.push(row.map(toCellValue));
      sheet.formulas!.push(formulas[i].map((f) => (typeof f === 'string' && f.startsWith('=') ? f : null)));
      sheet.numberFormats!.push(formats[i].map((f) => (typeof f === 'string' ? f : null)));
    });
  }
  // A blank sheet reads as A1 holding nothing.
  if (sheet.values.length === 1 && sheet.values[0].every((v) => v === null) && !sheet.formulas![0].some(Boolean)) {
    sheet.values = [];
    sheet.formulas = [];
    sheet.numberFormats = [];
  }
  if (read.merged && !read.merged.isNullObject) sheet.merges = splitAreas(read.merged.address);
  if (read.view) sheet.hiddenRows = hiddenRowsFrom(read.view.cellAddresses, read.rowIndex, read.rowCount);
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
