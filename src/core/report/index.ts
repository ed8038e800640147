/** The report API the hosts use (the add-in pane, the CLI). */
export { generateReport, resolveOutline, unverifiedFindings } from './generate';
export type { ReportOptions } from './generate';
export { TemplateError } from './template-language';
export { OUTLINES, findOutline, DEFAULT_OUTLINE, NANXIAN_OUTLINE } from './templates';
export type { Outline, OutlineEntry, OutlineParagraph, OutlineGroup } from './outline';
export { outlineTemplateRows, readTemplateSheets } from './template-sheet';
export { renderText } from './render-text';
export { renderHtmlDocument, renderHtmlFragment, escapeHtml } from './render-html';
export { reportSheetRows, REPORT_SHEET_NAME, REPORT_SHEET_COLUMNS } from './sheet-rows';
export type { ReportSheet, ReportSheetRow } from './sheet-rows';
export { paragraphSegments, paragraphPlainText, paragraphSources, UNVERIFIED_MARK } from './segments';
export type { Segment } from './segments';
export { STYLE_SPECS, PAGE, FONT, LATIN_FONT } from './typography';
export * from './types';
