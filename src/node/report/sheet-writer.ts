/**
 * Writes the Word-ready 自评报告 sheet into an ExcelJS workbook (the CLI's --xlsx output copy):
 * one paragraph per row in column A, styled by level and wrapped, the figures' source cells in
 * column B. The sheet is the tool's own; an existing 自评报告 sheet is replaced, nothing else
 * in the workbook is touched.
 */
import ExcelJS from 'exceljs';
import { reportSheetRows } from '../../core/report/sheet-rows';
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
