/**
 * Writes the report into the add-in's own 自评报告 sheet: one paragraph a row in column A,
 * formatted as text so that nothing the report quotes from a cell can turn into a formula.
 * An existing sheet of that name is replaced only when the user has agreed.
 */
import { Report, paragraphText, ParagraphStyle } from '../core/report/types';
import { REPORT_SHEET, WriteReportOutcome } from '../taskpane/host';

export interface ReportLine {
  text: string;
  style: ParagraphStyle | 'unverified';
}

/** The rows written: title, the 待核实 list when figures are still flagged, then the paragraphs. */
export function reportLines(report: Report): ReportLine[] {
  const lines: ReportLine[] = [];
  if (report.unverified.length) {
    lines.push({ text: '【待核实】以下数字校验仍有问题，请核对后再定稿：', style: 'unverified' });
    for (const u of report.unverified) lines.push({ text: `${u.label}（${u.sheet}!${u.cell}）：${u.message}`, style: 'unverified' });
    lines.push({ text: '', style: 'body' });
  }
  for (const p of report.paragraphs) lines.push({ text: paragraphText(p), style: p.style });
  return lines;
}

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
  const ws = sheets.add(REPORT_SHEET);
  const lines = reportLines(report);
  if (lines.length) {
    const range = ws.getRange(`A1:A${lines.length}`);
    range.numberFormat = lines.map(() => ['@']);
    range.values = lines.map((l) => [l.text]);
    range.format.wrapText = true;
    range.format.columnWidth = 620;
    range.format.verticalAlignment = 'Top';
    range.format.font.name = 'FangSong';
    range.format.font.size = 12;
    lines.forEach((l, i) => {
      if (l.style === 'title' || l.style === 'heading1' || l.style === 'heading2' || l.style === 'unverified') {
        const cell = ws.getRange(`A${i + 1}`);
        cell.format.font.bold = true;
        if (l.style === 'title') cell.format.font.size = 16;
      }
    });
  }
  ws.activate();
  await context.sync();
  return { status: 'written', sheet: REPORT_SHEET, paragraphs: lines.length, syncs: 2 };
}
