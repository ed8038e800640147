/**
 * The user's 模板 sheet: rows of 键 | 模板 | 样式 (| 说明) that override the outline's
 * paragraphs by key, plus an optional 大纲 row choosing a shipped outline. The sheet is
 * read as plain text; templates in it go through the same parser as the shipped ones.
 */
import { address } from '../address';
import { TemplateSheet } from '../model';
import { isGroup, Outline, OutlineEntry, outlineParagraphs } from './outline';
import { TemplateError } from './template-language';
import { OUTLINES } from './templates';
import { FieldSpec, Schema } from './scope';
import { ParagraphStyle } from './types';

export interface TemplateOverride {
  key: string;
  text: string | null;
  style?: ParagraphStyle;
  /** The row asks for the paragraph to be left out. */
  remove: boolean;
  sheet: string;
  /** The template cell (column B) and the key cell (column A). */
  cell: string;
  keyCell: string;
}

export interface TemplateSheetContent {
  outlineName?: { name: string; sheet: string; cell: string };
  overrides: TemplateOverride[];
}

const HEADER_KEYS = new Set(['键', '段落', '段落键', '编号', 'key', '项目', '名称']);
const OUTLINE_KEYS = new Set(['大纲', '提纲', 'outline']);
/** Writing one of these as the template drops the paragraph. */
const REMOVE_MARKS = new Set(['（删除）', '(删除)', '（不输出）', '(不输出)', '删除', '不输出']);

const STYLE_NAMES: Record<string, ParagraphStyle> = {
  标题: 'title',
  副标题: 'subtitle',
  一级标题: 'heading1',
  二级标题: 'heading2',
  三级标题: 'heading3',
  正文: 'body',
  注: 'note',
  表头: 'table-head',
  表格行: 'table',
  title: 'title',
  subtitle: 'subtitle',
  heading1: 'heading1',
  heading2: 'heading2',
  heading3: 'heading3',
  body: 'body',
};

export const STYLE_LABELS: Record<ParagraphStyle, string> = {
  title: '标题',
  subtitle: '副标题',
  heading1: '一级标题',
  heading2: '二级标题',
  heading3: '三级标题',
  body: '正文',
  note: '注',
  'table-head': '表头',
  table: '表格行',
};

/** Reads the 模板 sheets' rows; throws TemplateError for an unknown style. */
export function readTemplateSheets(sheets: TemplateSheet[]): TemplateSheetContent {
  const content: TemplateSheetContent = { overrides: [] };
  for (const sheet of sheets) {
    for (const { row, cells } of sheet.rows) {
      const key = (cells[0] ?? '').trim();
      if (!key || HEADER_KEYS.has(key.toLowerCase())) continue;
      const value = cells[1] ?? '';
      const cell = address(row, 1);
      if (OUTLINE_KEYS.has(key.toLowerCase())) {
        if (value.trim()) content.outlineName = { name: value.trim(), sheet: sheet.sheet, cell };
        continue;
      }
      const styleText = (cells[2] ?? '').trim();
      let style: ParagraphStyle | undefined;
      if (styleText) {
        style = Object.prototype.hasOwnProperty.call(STYLE_NAMES, styleText) ? STYLE_NAMES[styleText] : undefined;
        if (!style) {
          throw new TemplateError(
            { key, sheet: sheet.sheet, cell: address(row, 2) },
            `无法识别的样式「${styleText}」，可用：${Object.values(STYLE_LABELS).join('、')}`,
            `unknown style "${styleText}"; use one of ${Object.keys(STYLE_NAMES).filter((s) => /^[a-z]/.test(s)).join(', ')}`,
          );
        }
      }
      const trimmed = value.trim();
      if (!trimmed && !style) continue;
      const remove = REMOVE_MARKS.has(trimmed);
      content.overrides.push({ key, text: trimmed && !remove ? value : null, style, remove, sheet: sheet.sheet, cell, keyCell: address(row, 0) });
    }
  }
  return content;
}

function isShippedTemplate(key: string, text: string, style: ParagraphStyle | undefined): boolean {
  return Object.values(OUTLINES).some((outline) =>
    outlineParagraphs(outline.entries).some((p) => p.key === key && p.text === text && (!style || style === p.style)),
  );
}

/** The outline with the sheet's overrides applied; an unknown key is an error naming its cell. */
export function applyOverrides(outline: Outline, overrides: TemplateOverride[]): { outline: Outline; origins: Map<string, { sheet: string; cell: string }> } {
  const byKey = new Map<string, TemplateOverride>();
  const keys = new Set(outlineParagraphs(outline.entries).map((p) => p.key));
  for (const o of overrides) {
    // A starter row left as shipped (perhaps written for the other outline) changes nothing.
    if (o.text !== null && !o.remove && isShippedTemplate(o.key, o.text, o.style)) continue;
    if (!keys.has(o.key)) {
      const list = [...keys].join('、');
      throw new TemplateError(
        { key: o.key, sheet: o.sheet, cell: o.keyCell },
        `大纲「${outline.label}」中没有键为「${o.key}」的段落。可用的键：${list}`,
        `outline "${outline.name}" has no paragraph keyed "${o.key}". Keys: ${list}`,
      );
    }
    byKey.set(o.key, o);
  }
  const origins = new Map<string, { sheet: string; cell: string }>();
  const rewrite = (entries: OutlineEntry[]): OutlineEntry[] =>
    entries.flatMap((e): OutlineEntry[] => {
      if (isGroup(e)) return [{ ...e, children: rewrite(e.children) }];
      const o = byKey.get(e.key);
      if (!o) return [e];
      if (o.remove) return [];
      origins.set(e.key, { sheet: o.sheet, cell: o.cell });
      return [{ ...e, text: o.text ?? e.text, style: o.style ?? e.style }];
    });
  return { outline: { ...outline, entries: rewrite(outline.entries) }, origins };
}

/** A starter 模板 sheet for an outline: header, the 大纲 row, then one row per paragraph. */
export function outlineTemplateRows(outline: Outline): string[][] {
  const rows: string[][] = [
    ['键', '模板', '样式', '说明'],
    ['大纲', outline.name, '', '可选：default（默认）或 nanxian（南县式）'],
  ];
  for (const p of outlineParagraphs(outline.entries)) {
    rows.push([p.key, p.text, STYLE_LABELS[p.style], p.note ?? '']);
  }
  return rows;
}

/** The placeholders a template may use, for the 模板 sheet's reference columns: [占位符, 类型, 含义]. */
export function placeholderReference(root: Schema): string[][] {
  const kind = (t: FieldSpec['type']) => (typeof t === 'object' ? '列表（{#名称}…{/名称} 逐项重复）' : t === 'figure' ? '数字' : t === 'flag' ? '条件' : t === 'ordinal' ? '序号' : '文字');
  const rows: string[][] = [['占位符', '类型', '含义']];
  const seen = new Set<Schema>();
  const walk = (schema: Schema, scope: string) => {
    if (seen.has(schema)) return;
    seen.add(schema);
    for (const [name, spec] of Object.entries(schema)) rows.push([`{${name}}`, kind(spec.type), scope ? `${scope}：${spec.describe}` : spec.describe]);
    for (const [name, spec] of Object.entries(schema)) if (typeof spec.type === 'object') walk(spec.type.list, name);
  };
  walk(root, '');
  rows.push(['{序号} {序号中文}', '序号', '列表中的第几项：1、2…／一、二…']);
  return rows;
}
