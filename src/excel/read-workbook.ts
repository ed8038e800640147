/**
 * Reads the workbook into the engine's snapshot in three syncs whatever its size:
 * 1. sheet names and visibility; 2. each sheet's used-range shape and merged areas;
 * 3. the cells, split into row blocks so that no single range read passes the budget
 *    (Excel on the web refuses a response over 5 MB), all queued before the one sync.
 * The sheet list has to come back before anything can be asked of a sheet, and the shape
 * before the blocks can be cut, so three is the floor for a chunked read.
 */
import { CellValue, OWNED_SHEET_NAMES, SheetSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { parseAddress, parseRange } from '../core/address';

export interface ReadOptions {
  /** Cells per range read; about 4 MB of JSON at ~80 bytes a cell (values, formulas, format). */
  maxCellsPerRead?: number;
  /** ExcelApi 1.13: merged areas. Without it merges are left out (the engine copes). */
  mergedAreas?: boolean;
  /** ExcelApi 1.3 range views: hidden rows. */
  hiddenRows?: boolean;
}

export interface ReadStats {
  syncs: number;
  cells: number;
  reads: number;
}

export const DEFAULT_MAX_CELLS_PER_READ = 50_000;

interface Shape {
  ws: Excel.Worksheet;
  name: string;
  hidden: boolean;
  used: Excel.Range;
  merged: Excel.RangeAreas | null;
}

export async function readWorkbook(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<{ snapshot: WorkbookSnapshot; stats: ReadStats }> {
  const maxCells = Math.max(1, options.maxCellsPerRead ?? DEFAULT_MAX_CELLS_PER_READ);
  const stats: ReadStats = { syncs: 0, cells: 0, reads: 0 };
  const sync = async () => {
    stats.syncs += 1;
    await context.sync();
  };

  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  await sync();

  const shapes: Shape[] = sheets.items
    .filter((ws) => !OWNED_SHEET_NAMES.has(ws.name))
    .map((ws) => {
      const used = ws.getUsedRangeOrNullObject();
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      // Asked of the whole sheet, not of the used range, so it never chains on a null object.
      const merged = options.mergedAreas === false ? null : ws.getRange().getMergedAreasOrNullObject();
      merged?.load('address');
      return { ws, name: ws.name, hidden: ws.visibility !== 'Visible', used, merged };
    });
  await sync();

  type Block = { range: Excel.Range; row: number };
  const plans = shapes.map((s) => {
    if (s.used.isNullObject) return { shape: s, blocks: [] as Block[], view: null as Excel.RangeView | null };
    const { rowIndex, columnIndex, rowCount, columnCount } = s.used;
    const rowsPerBlock = Math.max(1, Math.floor(maxCells / columnCount));
    const blocks: Block[] = [];
    for (let r = 0; r < rowCount; r += rowsPerBlock) {
      const n = Math.min(rowsPerBlock, rowCount - r);
      const range = s.ws.getRangeByIndexes(rowIndex + r, columnIndex, n, columnCount);
      range.load('values,formulas,numberFormat');
      blocks.push({ range, row: r });
      stats.reads += 1;
      stats.cells += n * columnCount;
    }
    let view: Excel.RangeView | null = null;
    if (options.hiddenRows !== false) {
      // One column's visible cells are enough to tell which rows are hidden, at a tiny payload.
      view = s.ws.getRangeByIndexes(rowIndex, columnIndex, rowCount, 1).getVisibleView();
      view.load('cellAddresses');
    }
    return { shape: s, blocks, view };
  });
  await sync();

  const out: SheetSnapshot[] = plans.map(({ shape, blocks, view }) => {
    const sheet: SheetSnapshot = { name: shape.name, values: [], formulas: [], numberFormats: [], merges: [], hiddenRows: [], hidden: shape.hidden };
    if (shape.used.isNullObject) return sheet;
    sheet.rowOffset = shape.used.rowIndex;
    sheet.colOffset = shape.used.columnIndex;
    for (const b of blocks) {
      const values = b.range.values as unknown[][];
      const formulas = b.range.formulas as unknown[][];
      const formats = b.range.numberFormat as unknown[][];
      values.forEach((row, i) => {
        sheet.values.push(row.map(toCellValue));
        sheet.formulas!.push(formulas[i].map((f) => (typeof f === 'string' && f.startsWith('=') ? f : null)));
        sheet.numberFormats!.push(formats[i].map((f) => (typeof f === 'string' ? f : null)));
      });
    }
    if (shape.merged && !shape.merged.isNullObject) sheet.merges = splitAreas(shape.merged.address);
    if (view) sheet.hiddenRows = hiddenRowsFrom(view.cellAddresses, shape.used.rowIndex, shape.used.rowCount);
    return sheet;
  });
  return { snapshot: { sheets: out }, stats };
}

function toCellValue(v: unknown): CellValue {
  if (v === '' || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return v === null ? null : String(v);
}

/** "Sheet1!A1:B2, Sheet1!C3" → ["A1:B2", "C3"]. Sheet names may be quoted and contain commas. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  const re = /(?:'(?:[^']|'')*'|[^,!']+)!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(address))) {
    const r = parseRange(m[1].replace(/\$/g, ''));
    if (r) out.push(m[1].replace(/\$/g, ''));
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
