/**
 * An outline is data: a list of paragraphs (each a sentence template with a style), and
 * groups that repeat over a list (one heading + body per project) or show only when a
 * condition holds. Shipped outlines live in ./templates; a 模板 sheet overrides entries by key.
 */
import { ParagraphStyle } from './types';

interface EntryBase {
  /** Stable key a 模板 sheet uses to override the entry. */
  key: string;
  /** Repeat the entry once per item of this list (项目, 问题项目, 主要职能…). */
  each?: string;
  /** Show only when this value is present and non-zero / non-empty. */
  when?: string;
  /** Show only when this value is missing, zero or empty. */
  unless?: string;
}

export interface OutlineParagraph extends EntryBase {
  style: ParagraphStyle;
  text: string;
  /** What the paragraph says, for the 模板 sheet's 说明 column. */
  note?: string;
}

export interface OutlineGroup extends EntryBase {
  children: OutlineEntry[];
}

export type OutlineEntry = OutlineParagraph | OutlineGroup;

/**
 * A 部门整体支出 indicator (财预〔2013〕53号): numerator ÷ denominator × 100%, each a figure of the report's
 * root scope (三公决算, 三公预算, 公用经费 …). Computed only where the tables give both.
 */
export interface IndicatorDef {
  name: string;
  numerator: string;
  denominator: string;
  /** How the figures are named in the sentence: 「“三公”经费决算数」. */
  numeratorLabel: string;
  denominatorLabel: string;
}

export interface Outline {
  /** Name used by --outline and the 模板 sheet's 大纲 row. */
  name: string;
  /** Display name. */
  label: string;
  entries: OutlineEntry[];
  /** The indicators of section 三 (a province's list replaces the national one). */
  indicators?: IndicatorDef[];
}

export function isGroup(e: OutlineEntry): e is OutlineGroup {
  return 'children' in e;
}

/** Every paragraph entry, depth first. */
export function outlineParagraphs(entries: OutlineEntry[]): OutlineParagraph[] {
  const out: OutlineParagraph[] = [];
  for (const e of entries) {
    if (isGroup(e)) out.push(...outlineParagraphs(e.children));
    else out.push(e);
  }
  return out;
}
