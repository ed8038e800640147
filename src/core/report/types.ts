/**
 * The report model: sections → paragraphs → runs. Every figure in a run carries
 * where it came from, so any number in the text can be traced to a cell or a formula.
 */

export interface Source {
  /** A figure read from one cell. */
  sheet?: string;
  cell?: string;
  /** A figure derived from others: a rate, a sum. Human form, e.g. 「实际支出 ÷ 全年预算数」. */
  formula?: string;
  /** The cells the derived figure was computed from. */
  inputs?: { sheet: string; cell: string }[];
}

export type Run =
  | {
      kind: 'text';
      text: string;
      /** Text quoted from the workbook (a project name, a 主要用途 cell): where it came from. */
      source?: Source;
      /** An enumerator the outline generated (（1）, 一是), not a figure. */
      ordinal?: boolean;
    }
  | {
      kind: 'figure';
      /** The figure as printed, e.g. "2128.48" (the unit is a separate text run). */
      text: string;
      /** Exact decimal value behind it, in `unit` (for '%', percentage points: "86.17"). */
      value: string;
      unit: '元' | '万元' | '亿元' | '%' | '人' | '个' | '项' | '';
      source: Source;
      /** The engine still reports an error on this figure: print it marked 待核实. */
      unverified?: boolean;
    }
  | {
      /** A visible 【请补充：…】 marker where the workbook gives no text. */
      kind: 'placeholder';
      text: string;
    };

/** heading1: 一、 (黑体); heading2: （一） (楷体); heading3: 1. / （1） (仿宋 bold-free); body; title. */
export type ParagraphStyle = 'title' | 'subtitle' | 'heading1' | 'heading2' | 'heading3' | 'body' | 'note' | 'table-head' | 'table';

/** A row of a short table (the indicators): its cells are separated by a tab in the text runs. */
export const CELL_SEPARATOR = '\t';

export function isTableRow(p: Paragraph): boolean {
  return p.style === 'table' || p.style === 'table-head';
}

export interface Paragraph {
  style: ParagraphStyle;
  runs: Run[];
}

export interface ReportSection {
  id: string;
  title: string;
  paragraphs: Paragraph[];
}

export interface Report {
  title: string;
  /** Name of the outline used ("default", "nanxian"). */
  outline?: string;
  /** Figures the engine still flags: shown as a 待核实 list at the top. */
  unverified: { label: string; sheet: string; cell: string; message: string }[];
  paragraphs: Paragraph[];
}

export function paragraphText(p: Paragraph): string {
  return p.runs.map((r) => r.text).join('');
}
