/**
 * The offline page's stand-in for Excel's selection: a window of the sheet around the cell a
 * finding points to (a few rows and columns either side, the label column, and the table's
 * header row above), with the cell and its related cells marked. Pure functions over the
 * snapshot the page read; the React view is SheetPreview.tsx.
 */
import { address, columnName, parseAddress } from '../core/address';
import { formatDecimals } from '../core/numbers';
import { CellValue, SheetSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { NavigateTarget } from '../taskpane/host';

export interface PreviewCell {
  address: string;
  text: string;
  numeric: boolean;
  mark: 'target' | 'related' | null;
}

export interface PreviewRow {
  /** 1-based, as Excel numbers rows. */
  row: number;
  /** Rows were left out between the previous row shown and this one. */
  gapBefore: boolean;
  cells: PreviewCell[];
}

export interface SheetPreview {
  sheet: string;
  cell: string;
  columns: { name: string; gapBefore: boolean }[];
  rows: PreviewRow[];
  /** Related cells on this sheet that fall outside the rows shown. */
  relatedOutside: number;
  /** Related cells on other sheets. */
  relatedElsewhere: string[];
}

export type PreviewOutcome = { status: 'ok'; preview: SheetPreview } | { status: 'no-sheet' | 'no-cell'; sheet: string; cell: string };

const ROWS_AROUND = 6;
const COLS_AROUND = 3;
/** A sheet this wide or narrower is shown in full width. */
const FULL_WIDTH = 10;
/** Related cells up to this many rows apart are all brought into view. */
const MAX_SPAN = 24;

function cellAt(sheet: SheetSnapshot, row: number, col: number): { value: CellValue; format: string | null } {
  const r = row - (sheet.rowOffset ?? 0);
  const c = col - (sheet.colOffset ?? 0);
  return { value: sheet.values[r]?.[c] ?? null, format: sheet.numberFormats?.[r]?.[c] ?? null };
}

/** A cell as Excel would show it, near enough to recognise: the format's decimals, thousands and percent. */
export function displayText(value: CellValue, format: string | null): { text: string; numeric: boolean } {
  if (value === null || value === '') return { text: '', numeric: false };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', numeric: false };
  if (typeof value === 'string') return { text: value, numeric: false };
  const f = formatDecimals(format);
  if (!f) return { text: String(Number(value.toPrecision(15))), numeric: true };
  const n = f.percent ? value * 100 : value;
  const grouped = /[#0],[#0]/.test(format ?? '');
  const text = n.toLocaleString('en-US', { minimumFractionDigits: f.decimals, maximumFractionDigits: f.decimals, useGrouping: grouped });
  return { text: f.percent ? `${text}%` : text, numeric: true };
}

/** The nearest row above `from` that reads as a header: two or more text cells and no figures in the columns shown. */
function headerRow(sheet: SheetSnapshot, from: number, cols: number[]): number | null {
  const top = sheet.rowOffset ?? 0;
  for (let r = from - 1; r >= top && r >= from - 60; r--) {
    let text = 0;
    let numbers = 0;
    for (const c of cols) {
      const v = cellAt(sheet, r, c).value;
      if (typeof v === 'number') numbers++;
      else if (typeof v === 'string' && v.trim() !== '') text++;
    }
    if (numbers === 0 && text >= 2) return r;
  }
  return null;
}

export function sheetPreview(snapshot: WorkbookSnapshot, target: NavigateTarget): PreviewOutcome {
  const sheet = snapshot.sheets.find((s) => s.name === target.sheet);
  const at = parseAddress(target.cell.split(':')[0]);
  if (!sheet) return { status: 'no-sheet', sheet: target.sheet, cell: target.cell };
  if (!at) return { status: 'no-cell', sheet: target.sheet, cell: target.cell };
  const related = (target.related ?? []).filter((r) => r.sheet === target.sheet).map((r) => parseAddress(r.cell.split(':')[0])).filter((p): p is { row: number; col: number } => p !== null);
  const relatedElsewhere = [...new Set((target.related ?? []).filter((r) => r.sheet !== target.sheet).map((r) => `${r.sheet}!${r.cell}`))];

  // Columns: the whole sheet when it is narrow; else the label columns and a few either side of the cell.
  const left = sheet.colOffset ?? 0;
  let longest = 0;
  for (const r of sheet.values) longest = Math.max(longest, r.length);
  const width = Math.max(at.col + 1, left + longest);
  const colSet = new Set<number>();
  if (width <= FULL_WIDTH) for (let c = 0; c < width; c++) colSet.add(c);
  else {
    colSet.add(0);
    colSet.add(1);
    for (let c = Math.max(0, at.col - COLS_AROUND); c <= at.col + COLS_AROUND; c++) colSet.add(c);
    for (const p of related) if (Math.abs(p.col - at.col) <= COLS_AROUND * 2) colSet.add(p.col);
  }
  const cols = [...colSet].sort((a, b) => a - b);

  // Rows: a few either side of the cell, stretched to the related cells when they are close enough.
  let first = at.row - ROWS_AROUND;
  let last = at.row + ROWS_AROUND;
  const near = related.filter((p) => Math.abs(p.row - at.row) <= MAX_SPAN);
  for (const p of near) {
    first = Math.min(first, p.row - 1);
    last = Math.max(last, p.row + 1);
  }
  first = Math.max(0, first);
  const header = headerRow(sheet, first, cols);
  const rowList = header !== null && header < first ? [header] : [];
  for (let r = first; r <= last; r++) rowList.push(r);

  const marks = new Map<string, 'target' | 'related'>();
  for (const p of related) marks.set(address(p.row, p.col), 'related');
  marks.set(address(at.row, at.col), 'target');
  const shown = new Set(rowList);
  const rows = rowList.map((r, i): PreviewRow => ({
    row: r + 1,
    gapBefore: i > 0 && rowList[i - 1] !== r - 1,
    cells: cols.map((c) => {
      const { value, format } = cellAt(sheet, r, c);
      const a = address(r, c);
      return { address: a, ...displayText(value, format), mark: marks.get(a) ?? null };
    }),
  }));
  return {
    status: 'ok',
    preview: {
      sheet: sheet.name,
      cell: address(at.row, at.col),
      columns: cols.map((c, i) => ({ name: columnName(c), gapBefore: i > 0 && cols[i - 1] !== c - 1 })),
      rows,
      relatedOutside: related.filter((p) => !shown.has(p.row)).length,
      relatedElsewhere,
    },
  };
}
