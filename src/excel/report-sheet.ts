/**
 * Writes the report into the add-in's own 自评报告 sheet, laid out by the report engine's
 * reportSheetRows (column A the paragraph, column B the cells its figures came from). Cells are
 * formatted as text before the values go in, so nothing quoted from a user's cell can become a
 * formula. An existing sheet of that name is replaced only when the user has agreed.
 */
import { reportSheetRows } from '../core/report/sheet-rows';
import { Report } from '../core/report/types';
import { REPORT_SHEET, WriteReportOutcome } from '../taskpane/host';

export async function writeReportSheet(
  context: Excel.RequestContext,
  report: Report,
  replace: boolean,
): Promise<WriteReportOutcome & { syncs: number }> {
  const sheets = context.workbook.worksheets;
  const existing = sheets.getItemOrNullObject(REPORT_SHEET);
  existing.load('isNullObject');
  await context.sync();
  if (!existing.isNullObject && !replace) return { status: 'exists', sheet: REPORT_SHEET, syncs: 1 };
  if (!existing.isNullObject) existing.delete();
  const layout = reportSheetRows(report);
  const ws = sheets.add(REPORT_SHEET);
  const n = layout.rows.length + 1;
  const all = ws.getRange(`A1:B${n}`);
  all.numberFormat = Array.from({ length: n }, () => ['@', '@']);
  all.values = [layout.header, ...layout.rows.map((r) => [r.text, r.sources])];
  all.format.wrapText = true;
  all.format.verticalAlignment = 'Top';
  // Column widths are in points here (Excel character units × ~7).
  ws.getRange('A:A').format.columnWidth = layout.columns.text * 7;
  ws.getRange('B:B').format.columnWidth = layout.columns.sources * 7;
  const header = ws.getRange('A1:B1');
  header.format.font.bold = true;
  layout.rows.forEach((r, i) => {
    const cell = ws.getRange(`A${i + 2}`);
    cell.format.font.name = r.font.name;
    cell.format.font.size = r.font.size;
    cell.format.font.bold = r.font.bold;
    if (r.font.color) cell.format.font.color = r.font.color;
    cell.format.horizontalAlignment = r.align === 'center' ? 'Center' : r.align === 'justify' ? 'Justify' : 'Left';
    cell.format.rowHeight = r.height;
  });
  ws.activate();
  await context.sync();
  return { status: 'written', sheet: REPORT_SHEET, paragraphs: layout.rows.length, syncs: 2 };
}
