/**
 * generateReport: BudgetModel (+ the engine's findings) → Report. Picks the outline, applies
 * the 模板 sheet, checks every template before rendering anything, then renders paragraph by
 * paragraph. Figures the engine still flags are marked and listed under 待核实 at the top.
 */
import { Finding, Settings } from '../findings';
import { BudgetModel } from '../model';
import { buildRootScope, ROOT_SCHEMA } from './context';
import { cellKey, chineseNumeral as chineseOrdinal, UnverifiedCells } from './figures';
import { isGroup, Outline, OutlineEntry } from './outline';
import { checkTemplate, renderTemplate } from './render-template';
import { itemSchema, lookup, lookupSpec, Schema, Scope } from './scope';
import { applyOverrides, readTemplateSheets } from './template-sheet';
import { parseTemplate, TemplateError, TemplateNode, TemplateOrigin } from './template-language';
import { DEFAULT_OUTLINE, findOutline, OUTLINES } from './templates';
import { Paragraph, paragraphText, Report } from './types';

export interface ReportOptions {
  /** The engine's findings; errors mark the figures they concern. */
  findings?: Finding[];
  settings?: Settings;
  /** Outline name ("default", "nanxian", "南县"); overrides the 模板 sheet's 大纲 row. */
  outline?: string;
  /** Ignore the workbook's 模板 sheets (the pane's "use the shipped outline"). */
  ignoreTemplateSheets?: boolean;
}

/** At most this many entries in the 待核实 list; the rest are counted. */
const MAX_UNVERIFIED_LISTED = 10;

export function unverifiedFindings(findings: Finding[], settings: Settings): Finding[] {
  const ignored = settings.ignored ?? {};
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.severity !== 'error' || f.id in ignored) return false;
    const key = cellKey(f.sheet, f.cell);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function flaggedCells(errors: Finding[]): UnverifiedCells {
  const set = new Set<string>();
  for (const f of errors) {
    set.add(cellKey(f.sheet, f.cell));
    if (f.fix) set.add(cellKey(f.fix.sheet, f.fix.cell));
  }
  return set;
}

export function resolveOutline(model: BudgetModel, options: ReportOptions): { outline: Outline; origins: Map<string, { sheet: string; cell: string }> } {
  const sheet = options.ignoreTemplateSheets ? { overrides: [] } : readTemplateSheets(model.templates);
  let outline = DEFAULT_OUTLINE;
  const requested = options.outline ?? sheet.outlineName?.name;
  if (requested) {
    const found = findOutline(requested);
    if (!found) {
      const origin: TemplateOrigin =
        !options.outline && sheet.outlineName ? { key: '大纲', sheet: sheet.outlineName.sheet, cell: sheet.outlineName.cell } : { key: '大纲' };
      const names = Object.keys(OUTLINES).join('、');
      throw new TemplateError(origin, `没有名为「${requested}」的报告大纲，可用：${names}（或 南县）`, `no report outline named "${requested}"; available: ${Object.keys(OUTLINES).join(', ')}`);
    }
    outline = found;
  }
  return applyOverrides(outline, sheet.overrides);
}

interface Compiled {
  entry: OutlineEntry;
  origin: TemplateOrigin;
  nodes?: TemplateNode[];
  children?: Compiled[];
}

/**
 * All the paragraphs of one report together, in characters. A 10,000-project workbook writes under
 * 2,000,000; past the bound a template repeats far more than the workbook holds.
 */
export const MAX_REPORT_OUTPUT = 5_000_000;

function listSchema(schemas: Schema[], name: string, origin: TemplateOrigin): Schema {
  const spec = lookupSpec(schemas, name);
  if (!spec || typeof spec.type !== 'object') {
    throw new TemplateError(origin, `「${name}」不是可以逐项重复的列表`, `"${name}" is not a list that can be repeated over`);
  }
  return itemSchema(spec.type.list);
}

/** Parses and checks every template of the outline against the schema. */
function compile(entries: OutlineEntry[], schemas: Schema[], origins: Map<string, { sheet: string; cell: string }>): Compiled[] {
  return entries.map((entry) => {
    const origin: TemplateOrigin = { key: entry.key, ...origins.get(entry.key) };
    const inner = entry.each ? [...schemas, listSchema(schemas, entry.each, origin)] : schemas;
    for (const cond of [entry.when, entry.unless]) {
      if (cond && !lookupSpec(inner, cond)) {
        throw new TemplateError(origin, `条件中的「${cond}」无法识别`, `unknown name "${cond}" in a condition`);
      }
    }
    if (isGroup(entry)) return { entry, origin, children: compile(entry.children, inner, origins) };
    const nodes = parseTemplate(entry.text, origin);
    checkTemplate(nodes, inner, origin);
    return { entry, origin, nodes };
  });
}

function conditionHolds(entry: OutlineEntry, scopes: Scope[]): boolean {
  const test = (name: string) => {
    const v = lookup(scopes, name);
    if (!v) return false;
    if (v.k === 'list') return v.items.length > 0;
    if (v.k === 'flag') return v.on;
    if (v.k === 'figure') return /[1-9]/.test(v.run.text);
    return v.text.trim() !== '';
  };
  if (entry.when && !test(entry.when)) return false;
  if (entry.unless && test(entry.unless)) return false;
  return true;
}

function render(compiled: Compiled[], scopes: Scope[], schemas: Schema[], out: Paragraph[], total: { chars: number }): void {
  for (const c of compiled) {
    const { entry } = c;
    const iterations: { scopes: Scope[]; schemas: Schema[] }[] = [];
    if (entry.each) {
      const list = lookup(scopes, entry.each);
      const itemSchemas = [...schemas, listSchema(schemas, entry.each, { key: entry.key })];
      const items = list?.k === 'list' ? list.items : [];
      items.forEach((item, i) => {
        const ordinals: Scope = {
          values: { 序号: { k: 'ordinal', text: String(i + 1) }, 序号中文: { k: 'ordinal', text: chineseOrdinal(i + 1) } },
        };
        iterations.push({ scopes: [...scopes, ordinals, item], schemas: itemSchemas });
      });
    } else {
      iterations.push({ scopes, schemas });
    }
    for (const it of iterations) {
      if (!conditionHolds(entry, it.scopes)) continue;
      if (c.children) {
        render(c.children, it.scopes, it.schemas, out, total);
        continue;
      }
      const runs = renderTemplate(c.nodes as TemplateNode[], it.scopes, it.schemas, c.origin);
      if (!runs.some((r) => r.text.trim() !== '')) continue;
      total.chars += runs.reduce((k, r) => k + r.text.length, 0);
      if (total.chars > MAX_REPORT_OUTPUT) {
        throw new TemplateError(
          c.origin,
          `模板展开过大：报告全文超过 ${MAX_REPORT_OUTPUT} 个字符，写到本段时停止，请检查本段模板中的重复`,
          `the template expands too far: the report passes ${MAX_REPORT_OUTPUT} characters at this paragraph; check its repeats`,
        );
      }
      out.push({ style: (entry as { style: Paragraph['style'] }).style, runs });
    }
  }
}

function unverifiedParagraphs(list: Report['unverified']): Paragraph[] {
  if (!list.length) return [];
  const out: Paragraph[] = [
    {
      style: 'note',
      runs: [{ kind: 'text', text: `待核实：以下 ${list.length} 处数据经校验仍有错误，报告中相应数字已标注“待核实”，请核实后定稿。` }],
    },
  ];
  for (const u of list.slice(0, MAX_UNVERIFIED_LISTED)) {
    const message = u.label && !u.message.startsWith(u.label) ? `${u.label}：${u.message}` : u.message;
    out.push({ style: 'note', runs: [{ kind: 'text', text: `· ${u.sheet}!${u.cell}：${message}` }] });
  }
  if (list.length > MAX_UNVERIFIED_LISTED) {
    out.push({ style: 'note', runs: [{ kind: 'text', text: `· 另有 ${list.length - MAX_UNVERIFIED_LISTED} 处，见「校验结果」。` }] });
  }
  return out;
}

/**
 * Writes the report. Throws TemplateError (with Chinese and English messages naming the
 * template cell) when a template is malformed, uses an unknown placeholder, nests deeper than
 * MAX_TEMPLATE_DEPTH or expands past MAX_PARAGRAPH_OUTPUT (one paragraph) or MAX_REPORT_OUTPUT (all).
 */
export function generateReport(model: BudgetModel, options: ReportOptions = {}): Report {
  const settings = options.settings ?? {};
  const errors = unverifiedFindings(options.findings ?? [], settings);
  const unverified = errors.map((f) => ({ label: f.label ?? '', sheet: f.sheet, cell: f.cell, message: f.message }));
  const { outline, origins } = resolveOutline(model, options);
  const compiled = compile(outline.entries, [ROOT_SCHEMA], origins);
  const projectFindings = new Map<string, { finding: Finding; ignoredReason?: string }[]>();
  for (const f of options.findings ?? []) {
    if (f.rule !== 'idle-funds' && f.rule !== 'overspend') continue;
    const row = /\d+$/.exec(f.cell)?.[0];
    if (!row) continue;
    const key = `${f.sheet}!${row}`;
    const list = projectFindings.get(key) ?? [];
    list.push({ finding: f, ignoredReason: settings.ignored?.[f.id]?.trim() || undefined });
    projectFindings.set(key, list);
  }
  const root = buildRootScope(model, {
    projectFindings,
    flagged: flaggedCells(errors),
    idleThreshold: settings.idleThreshold ?? 0.9,
    unverifiedCells: unverified.map((u) => ({ sheet: u.sheet, cell: u.cell })),
    indicators: outline.indicators,
  });
  const body: Paragraph[] = [];
  render(compiled, [root], [ROOT_SCHEMA], body, { chars: 0 });
  const titlePara = body.find((p) => p.style === 'title');
  return {
    title: titlePara ? paragraphText(titlePara) : outline.label,
    outline: outline.name,
    unverified,
    paragraphs: [...unverifiedParagraphs(unverified), ...body],
  };
}
