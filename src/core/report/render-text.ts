/**
 * Plain text: one paragraph per line with a blank line between, body paragraphs indented
 * with two full-width spaces, flagged figures followed by 〔待核实〕.
 */
import { paragraphPlainText } from './segments';
import { Report } from './types';

const INDENT = '\u3000\u3000';

export function renderText(report: Report): string {
  const lines: string[] = [];
  for (const p of report.paragraphs) {
    const text = paragraphPlainText(p);
    if (p.style === 'title' || p.style === 'subtitle') lines.push(text);
    else if (p.style === 'note') lines.push(text);
    else lines.push(INDENT + text);
  }
  return lines.join('\n\n') + '\n';
}
