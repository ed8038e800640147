/**
 * Turns a block of cell values into the paragraphs the audit reads, each with its cell, so a
 * finding can take the user back to where its text is. Shared by the Office host and the fake
 * host so both read a grid the same way. Pure: values in, cells out.
 */
import { address } from '../core/address';
import { REPORT_SHEET_NAME, reportSheetRows } from '../core/report/sheet-rows';
import { Report } from '../core/report/types';
import { ParagraphCell } from './host';

type Value = string | number | boolean | null | undefined;

/** The header row the add-in writes above the report (column A). */
export const REPORT_SHEET_HEADER = reportSheetRows({ paragraphs: [] } as unknown as Report).header[0];

function textOf(v: Value): string | null {
  if (v === null || v === undefined || typeof v === 'boolean') return null;
  const s = typeof v === 'number' ? String(v) : v;
  return s.trim() === '' ? null : s;
}

/**
 * Every non-empty cell of the block, row by row, left to right: one paragraph each.
 * `top`/`left` are the block's 0-based position on the sheet.
 */
export function cellsToParagraphs(sheet: string, top: number, left: number, values: Value[][]): ParagraphCell[] {
  const out: ParagraphCell[] = [];
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      const text = textOf(v);
      if (text !== null) out.push({ sheet, cell: address(top + i, left + j), text });
    }),
  );
  return out;
}

/** Column A of the 自评报告 sheet: one paragraph a row, without the header the add-in writes. */
export function reportSheetParagraphs(top: number, columnA: Value[][], sheet = REPORT_SHEET_NAME): ParagraphCell[] {
  const cells = cellsToParagraphs(sheet, top, 0, columnA.map((r) => [r[0]]));
  if (cells.length && cells[0].cell === 'A1' && cells[0].text.trim() === REPORT_SHEET_HEADER) cells.shift();
  return cells;
}

/** "A1:A40" for a block, or the single cell. */
export function blockAddress(top: number, left: number, rows: number, cols: number): string {
  const a = address(top, left);
  const b = address(top + Math.max(rows, 1) - 1, left + Math.max(cols, 1) - 1);
  return a === b ? a : `${a}:${b}`;
}
