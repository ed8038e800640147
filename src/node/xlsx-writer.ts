/**
 * WorkbookSnapshot -> ExcelJS workbook: values, formulas with their cached results,
 * number formats, merges, hidden rows, readable column widths and a bold title row.
 * Used to write the bundled samples and the test corpus; never used on a user's file.
 */
import ExcelJS from 'exceljs';
import { promises as fs } from 'fs';
import { CellValue, SheetSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { parseRange } from '../core/address';
import { tempPathFor } from './output-file';

export interface WriteOptions {
  /** Make the first row bold and larger when it is a lone title (default true). */
  boldTitle?: boolean;
}

export function snapshotToWorkbook(snapshot: WorkbookSnapshot, options: WriteOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'budget-recon';
  // A fixed date keeps regenerated samples byte-stable apart from the zip's own timestamps.
  wb.created = new Date(Date.UTC(2024, 0, 15));
  wb.modified = wb.created;
  for (const sheet of snapshot.sheets) addSheet(wb, sheet, options);
  return wb;
}

function addSheet(wb: ExcelJS.Workbook, sheet: SheetSnapshot, options: WriteOptions): void {
  const ws = wb.addWorksheet(sheet.name, { state: sheet.hidden ? 'hidden' : 'visible' });
  const r0 = sheet.rowOffset ?? 0;
  const c0 = sheet.colOffset ?? 0;
  sheet.values.forEach((row, r) => {
    const xRow = ws.getRow(r0 + r + 1);
    row.forEach((value, c) => {
      const formula = sheet.formulas?.[r]?.[c];
      const nf = sheet.numberFormats?.[r]?.[c];
      if ((value === null || value === undefined) && !formula) return;
      const cell = xRow.getCell(c0 + c + 1);
      cell.value = formula ? { formula: formula.replace(/^=/, ''), result: toResult(value) } as ExcelJS.CellFormulaValue : toCellValue(value);
      if (nf && nf !== 'General') cell.numFmt = nf;
    });
  });
  for (const r of sheet.hiddenRows ?? []) ws.getRow(r + 1).hidden = true;

  const merged = new Set<string>();
  for (const m of sheet.merges ?? []) {
    ws.mergeCells(m);
    const range = parseRange(m);
    // A merged title spanning the table should not widen its first column.
    if (range && range.right > range.left) for (let r = range.top; r <= range.bottom; r++) merged.add(`${r}:${range.left}`);
  }
  // Column widths from the content, skipping cells merged across columns; long text wraps.
  const fitted: number[] = [];
  sheet.values.forEach((row, r) =>
    row.forEach((value, c) => {
      if (merged.has(`${r0 + r}:${c0 + c}`)) return;
      const col = c0 + c;
      fitted[col] = Math.max(fitted[col] ?? 0, displayWidth(value, sheet.numberFormats?.[r]?.[c]));
    }),
  );
  fitted.forEach((w, col) => {
    if (w === undefined) return;
    const column = ws.getColumn(col + 1);
    column.width = Math.min(Math.max(w + 2, 8), 50);
    if (w > 48) column.alignment = { wrapText: true, vertical: 'top' };
  });

  if (options.boldTitle !== false) {
    const first = sheet.values[0] ?? [];
    const filled = first.filter((v) => v !== null && v !== '');
    if (filled.length === 1 && typeof filled[0] === 'string') {
      const cell = ws.getRow(r0 + 1).getCell(c0 + first.indexOf(filled[0]) + 1);
      cell.font = { bold: true, size: 14 };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    }
  }
}

function toResult(v: CellValue): ExcelJS.CellFormulaValue['result'] {
  if (v === null) return undefined;
  if (typeof v === 'string' && /^#[A-Z/0!?_]+[!?A]?$/.test(v)) return { error: v as ExcelJS.CellErrorValue['error'] };
  return v;
}

function toCellValue(v: CellValue): ExcelJS.CellValue {
  if (typeof v === 'string' && /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)$/.test(v)) {
    return { error: v as ExcelJS.CellErrorValue['error'] };
  }
  return v;
}

/** Approximate display width in Excel character units (CJK characters count double). */
export function displayWidth(v: CellValue, nf?: string | null): number {
  if (v === null || v === undefined) return 0;
  let text: string;
  if (typeof v === 'number') {
    const decimals = /0\.(0+)/.exec(nf ?? '')?.[1].length ?? 0;
    text = (nf ?? '').includes('%') ? (v * 100).toFixed(decimals) + '%' : v.toFixed(decimals);
    if ((nf ?? '').includes(',')) text += ','.repeat(Math.floor(text.length / 4));
  } else {
    text = String(v);
  }
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return w;
}

/** Writes to a temporary file next to the target, then renames: never a half-written output. */
export async function writeWorkbookAtomic(wb: ExcelJS.Workbook, target: string): Promise<void> {
  const tmp = tempPathFor(target);
  try {
    await wb.xlsx.writeFile(tmp);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
