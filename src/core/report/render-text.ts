/**
 * Plain text: one paragraph per line with a blank line between, body paragraphs indented
 * with two full-width spaces, flagged figures followed by 〔待核实〕.
 */
import { paragraphPlainText } from './segments';
import { isTableRow, Report } from './types';

const INDENT = '\u3000\u3000';

/**
 * One paragraph a line, nothing else (no indent, no blank lines): what 复制到 Word puts on the
 * clipboard as text/plain, so 「只保留文本」 pastes one paragraph per line. Table rows keep tabs.
 */
export function renderPlainLines(report: Report): string {
  return report.paragraphs.map((p) => paragraphPlainText(p)).join('\r\n') + '\r\n';
}

export function renderText(report: Report): string {
  const lines: string[] = [];
  report.paragraphs.forEach((p, i) => {
    const text = paragraphPlainText(p);
    // Rows of a table: one a line, cells a tab apart, no blank line between them.
    if (isTableRow(p) && i > 0 && isTableRow(report.paragraphs[i - 1])) lines[lines.length - 1] += '\n' + text;
    else if (p.style === 'title' || p.style === 'subtitle' || p.style === 'note' || isTableRow(p)) lines.push(text);
    else lines.push(INDENT + text);
  });
  return lines.join('\n\n') + '\n';
}
