/**
 * Writes the Word-ready 自评报告 sheet into an ExcelJS workbook (the CLI's --xlsx output copy):
 * one paragraph per row in column A, styled by level and wrapped, the figures' source cells in
 * column B. The sheet is the tool's own; an existing 自评报告 sheet is replaced, nothing else
 * in the workbook is touched.
 */
import ExcelJS from 'exceljs';
import { ROOT_SCHEMA } from '../../core/report/context';
import { Outline } from '../../core/report/outline';
import { reportSheetRows } from '../../core/report/sheet-rows';
import { outlineTemplateRows, placeholderReference } from '../../core/report/template-sheet';
import { Report } from '../../core/report/types';

export function writeReportSheet(wb: ExcelJS.Workbook, report: Report): { rows: number } {
  const layout = reportSheetRows(report);
  const existing = wb.getWorksheet(layout.name);
  if (existing) wb.removeWorksheet(existing.id);
  const ws = wb.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.getColumn(1).width = layout.columns.text;
  ws.getColumn(2).width = layout.columns.sources;

  const header = ws.getRow(1);
  header.values = [...layout.header];
  header.font = { name: '黑体', size: 11, bold: true };
  header.alignment = { vertical: 'middle' };
  header.height = 20;

  layout.rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    const a = row.getCell(1);
    const b = row.getCell(2);
    // Text format, so a paragraph that starts with "=" or a digit is never read as a formula or number.
    a.numFmt = '@';
    b.numFmt = '@';
    a.value = r.text;
    b.value = r.sources || null;
    a.font = { name: r.font.name, size: r.font.size, bold: r.font.bold, color: r.font.color ? { argb: 'FF' + r.font.color } : undefined };
    a.alignment = { wrapText: true, vertical: 'top', horizontal: r.align === 'center' ? 'center' : r.align === 'justify' ? 'justify' : 'left' };
    b.font = { name: '宋体', size: 9, color: { argb: 'FF595959' } };
    b.alignment = { wrapText: true, vertical: 'top' };
    if (r.unverified) a.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    row.height = r.height;
  });
  return { rows: layout.rows.length };
}

/**
 * Adds a starter 模板 sheet (every paragraph key of the outline with its template, and the
 * placeholders one may use) unless the workbook already has one: the user's is never touched.
 */
export function writeTemplateSheet(wb: ExcelJS.Workbook, outline: Outline): boolean {
  if (wb.worksheets.some((w) => /^(报告)?模板$/.test(w.name.trim()))) return false;
  const ws = wb.addWorksheet('模板', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const rows = outlineTemplateRows(outline);
  const reference = placeholderReference(ROOT_SCHEMA);
  const height = Math.max(rows.length, reference.length);
  for (let i = 0; i < height; i++) {
    const row = ws.getRow(i + 1);
    const left = rows[i] ?? [];
    const right = reference[i] ?? [];
    left.forEach((v, c) => (row.getCell(c + 1).value = v || null));
    right.forEach((v, c) => (row.getCell(c + 6).value = v || null));
    for (let c = 1; c <= 8; c++) {
      const cell = row.getCell(c);
      cell.numFmt = '@';
      cell.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  ws.getRow(1).font = { bold: true };
  [16, 80, 10, 30, 3, 22, 12, 40].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return true;
}
