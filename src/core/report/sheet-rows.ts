/**
 * The Word-ready range: what a 自评报告 sheet holds, one paragraph per row. Column A is the
 * paragraph (wrapped, styled by level), column B the cells its figures came from. Hosts write
 * it: the add-in with Office.js, the CLI with ExcelJS. Pure data, no host types.
 */
import { paragraphPlainText, paragraphSources } from './segments';
import { STYLE_SPECS } from './typography';
import { ParagraphStyle, Report } from './types';

export const REPORT_SHEET_NAME = '自评报告';

/** Column widths in Excel character units: A fits about 30 characters of 16 pt text a line. */
export const REPORT_SHEET_COLUMNS = { text: 100, sources: 46 };

export interface ReportSheetRow {
  text: string;
  sources: string;
  style: ParagraphStyle;
  font: { name: string; size: number; bold: boolean; color?: string };
  align: 'center' | 'left' | 'justify';
  /** Estimated height in points so wrapped text shows in full (Excel does not autofit via the API). */
  height: number;
  /** The paragraph holds a figure the engine still flags, or a 【请补充】 marker. */
  unverified: boolean;
  placeholder: boolean;
}

export interface ReportSheet {
  name: string;
  columns: { text: number; sources: number };
  header: [string, string];
  rows: ReportSheetRow[];
}

const FULL_INDENT = '\u3000\u3000';
/** Excel's row height limit in points. */
const MAX_ROW_HEIGHT = 409;

/** Display width in full-width characters: CJK counts 1, ASCII ½. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

function estimateHeight(text: string, size: number): number {
  // Column A at 100 units is ~705 px; a 16 pt CJK character is ~21.3 px wide.
  const perLine = Math.max(8, Math.floor(705 / (size * 1.333)));
  const lines = Math.max(1, Math.ceil(displayWidth(text) / perLine));
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * size * 1.35 + 6));
}

export function reportSheetRows(report: Report): ReportSheet {
  const rows = report.paragraphs.map((p): ReportSheetRow => {
    const spec = STYLE_SPECS[p.style];
    const plain = paragraphPlainText(p);
    const text = spec.firstLineChars > 0 ? FULL_INDENT + plain : plain;
    return {
      text,
      sources: paragraphSources(p),
      style: p.style,
      font: { name: spec.sheetFont, size: spec.size, bold: spec.bold || p.style === 'title', color: spec.color },
      align: spec.align,
      height: estimateHeight(text, spec.size),
      unverified: p.runs.some((r) => r.kind === 'figure' && r.unverified),
      placeholder: p.runs.some((r) => r.kind === 'placeholder'),
    };
  });
  return { name: REPORT_SHEET_NAME, columns: REPORT_SHEET_COLUMNS, header: ['报告正文（可整列复制到 Word）', '数据来源单元格'], rows };
}
