/**
 * What a generated report must never contain, whatever the workbook: a paragraph with nothing in it (or
 * only punctuation), a project or item named by a code or a level word (201, 类, 款), the same paragraph
 * twice in a row, a heading with nothing under it, a figure without a source. Tests run it over every
 * report generated from the real-table corpus.
 */
import { Report, Run } from './types';

export type LintRule = 'empty' | 'punctuation-only' | 'code-name' | 'repeated' | 'empty-section' | 'unsourced';

export interface LintProblem {
  rule: LintRule;
  /** 0-based paragraph over all sections, in reading order. */
  paragraph: number;
  text: string;
}

const PUNCTUATION_ONLY = /^[\s\u3000。，、；：,.;:（）()【】“”"'·…—-]*$/;
/** A code (201, 2010301), a level word or a bare number standing where a name should. */
const CODE_NAME = /^(\d{3,9}|类|款|项|[\d.,]+)$/;

function runText(r: Run): string {
  return r.text;
}

export function lintReport(report: Report): LintProblem[] {
  const problems: LintProblem[] = [];
  const paras = report.paragraphs;
  paras.forEach((p, i) => {
    const text = p.runs.map(runText).join('');
    if (text.trim() === '') problems.push({ rule: 'empty', paragraph: i, text });
    else if (PUNCTUATION_ONLY.test(text)) problems.push({ rule: 'punctuation-only', paragraph: i, text });
    for (const r of p.runs) {
      if (r.kind === 'text' && r.source && CODE_NAME.test(r.text.trim())) problems.push({ rule: 'code-name', paragraph: i, text: r.text });
      if (r.kind === 'figure' && !r.source.cell && !r.source.formula) problems.push({ rule: 'unsourced', paragraph: i, text: r.text });
    }
    // 「（1）201」, 「（2）类」: an enumerated item named by a code.
    if (/^[（(][\d一二三四五六七八九十]+[）)]\s*(\d{3,9}|类|款|项)\s*[。，,]?$/.test(text.trim())) problems.push({ rule: 'code-name', paragraph: i, text });
    const prev = paras[i - 1];
    if (prev && text.trim() !== '' && prev.runs.map(runText).join('') === text) problems.push({ rule: 'repeated', paragraph: i, text });
    // A heading followed by a heading of its level or above, or by the end: a section with nothing in it.
    const level = (s: string) => (s === 'heading1' ? 1 : s === 'heading2' ? 2 : s === 'heading3' ? 3 : 0);
    if (level(p.style) > 0) {
      const next = paras[i + 1];
      if (!next || (level(next.style) > 0 && level(next.style) <= level(p.style))) problems.push({ rule: 'empty-section', paragraph: i, text });
    }
  });
  return problems;
}
