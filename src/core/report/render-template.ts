/**
 * Checks a parsed template against the schema, and interprets it over scoped data into runs.
 * Interpretation walks the tree; nothing in a template is ever executed.
 */
import { chineseNumeral, printsUnit } from './figures';
import { availableNames, itemSchema, lookup, lookupSpec, Schema, Scope, Value } from './scope';
import { TemplateError, TemplateNode, TemplateOrigin } from './template-language';
import { Run } from './types';

const MAX_LISTED_NAMES = 40;

/**
 * What one paragraph may expand to: characters written plus list items repeated. Nested repeats
 * multiply ({#项目} inside {#项目} over 24 projects is 576 items, twenty levels is beyond any machine);
 * a paragraph that lists every project of a 10,000-project workbook writes under 200,000 characters.
 */
export const MAX_PARAGRAPH_OUTPUT = 500_000;

/** The work left for one paragraph; exceeding it is a TemplateError naming the template. */
interface Budget {
  left: number;
  origin: TemplateOrigin;
}

function spend(budget: Budget, amount: number, repeating?: string): void {
  budget.left -= amount;
  if (budget.left >= 0) return;
  if (!repeating) {
    throw new TemplateError(
      budget.origin,
      `模板展开过大：本段输出超过 ${MAX_PARAGRAPH_OUTPUT} 个字符`,
      `the template expands too far: this paragraph passes ${MAX_PARAGRAPH_OUTPUT} characters`,
    );
  }
  throw new TemplateError(
    budget.origin,
    `模板展开过大：本段在重复「{#${repeating}}」中输出超过 ${MAX_PARAGRAPH_OUTPUT} 个字符（或重复项），请检查是否把重复嵌套在了重复之中`,
    `the template expands too far: repeating "{#${repeating}}" this paragraph passes ${MAX_PARAGRAPH_OUTPUT} characters (or repeated items); check for repeats nested inside repeats`,
  );
}

/** Throws a TemplateError naming the template (and its cell) for any unknown placeholder. */
export function checkTemplate(nodes: TemplateNode[], schemas: Schema[], origin: TemplateOrigin): void {
  for (const n of nodes) {
    if (n.t === 'text') continue;
    if (n.t === 'join') {
      for (const part of n.parts) checkTemplate(part, schemas, origin);
      continue;
    }
    const spec = lookupSpec(schemas, n.name);
    if (!spec) {
      const names = availableNames(schemas);
      const shown = names.slice(0, MAX_LISTED_NAMES).map((x) => `{${x}}`).join('、');
      throw new TemplateError(
        origin,
        `无法识别的占位符「{${n.name}}」。此处可用的占位符：${shown}`,
        `unknown placeholder "{${n.name}}". Placeholders available here: ${shown}`,
      );
    }
    if (n.t === 'field') {
      if (spec.type === 'flag') {
        throw new TemplateError(origin, `「{${n.name}}」是条件，只能写作「{#${n.name}}…{/${n.name}}」`, `"{${n.name}}" is a condition; use it as "{#${n.name}}…{/${n.name}}"`);
      }
      continue;
    }
    const inner = typeof spec.type === 'object' && n.kind === '#' ? [...schemas, itemSchema(spec.type.list)] : schemas;
    checkTemplate(n.children, inner, origin);
  }
}

/** Present and non-zero / non-empty. A zero prints as 0.00, so "non-zero" means as printed. */
function truthy(v: Value | undefined): boolean {
  if (!v) return false;
  switch (v.k) {
    case 'figure':
      return /[1-9]/.test(v.run.text);
    case 'text':
    case 'ordinal':
      return v.text.trim() !== '';
    case 'list':
      return v.items.length > 0;
    case 'flag':
      return v.on;
  }
}

function present(v: Value | undefined): boolean {
  if (!v) return false;
  if (v.k === 'figure') return true;
  return truthy(v);
}

const PLACEHOLDER_RE = /【请补充[:：][^】]*】/g;

/** Template text, with literal 【请补充：…】 markers turned into placeholder runs. */
function literalRuns(s: string): Run[] {
  const out: Run[] = [];
  let last = 0;
  for (const m of s.matchAll(PLACEHOLDER_RE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: s.slice(last, at) });
    out.push({ kind: 'placeholder', text: m[0] });
    last = at + m[0].length;
  }
  if (last < s.length) out.push({ kind: 'text', text: s.slice(last) });
  return out;
}

/** Sheet text ends its own sentence; the template supplies the punctuation. */
export function trimSentence(text: string): string {
  return text.trim().replace(/[。；;，,、\s\u3000]+$/u, '');
}

function listItemName(item: Scope): Run | null {
  for (const key of ['名称', '项目名称', '内容']) {
    const v = item.values[key];
    if (v && v.k === 'text') return { kind: 'text', text: trimSentence(v.text), source: v.source };
  }
  return null;
}

function missing(scopes: Scope[], describe: string): Run {
  let label: string | undefined;
  for (let i = scopes.length - 1; i >= 0 && !label; i--) label = scopes[i].label;
  return { kind: 'placeholder', text: `【请补充：${label ? label + '的' : ''}${describe}】` };
}

function fieldRuns(v: Value | undefined, name: string, scopes: Scope[], schemas: Schema[]): Run[] {
  if (!v || (v.k === 'text' && v.text.trim() === '') || (v.k === 'list' && v.items.length === 0)) {
    return [missing(scopes, lookupSpec(schemas, name)?.describe ?? name)];
  }
  switch (v.k) {
    case 'figure':
      return printsUnit(v.run.unit) ? [v.run, { kind: 'text', text: v.run.unit }] : [v.run];
    case 'text':
      return [{ kind: 'text', text: trimSentence(v.text), source: v.source }];
    case 'ordinal':
      return [{ kind: 'text', text: v.text, ordinal: true }];
    case 'flag':
      return [];
    case 'list': {
      const out: Run[] = [];
      v.items.forEach((item, i) => {
        const r = listItemName(item);
        if (!r) return;
        if (i > 0) out.push({ kind: 'text', text: '、' });
        out.push(r);
      });
      return out;
    }
  }
}

/** Whether rendering added visible text after position `from` (whose run's text was `fromText`). */
function addedText(out: Run[], from: number, fromText: string | undefined): boolean {
  const grown = from > 0 ? out[from - 1] : undefined;
  if (grown && fromText !== undefined && grown.text.length > fromText.length && grown.text.slice(fromText.length).trim() !== '') return true;
  for (let i = from; i < out.length; i++) if (out[i].text.trim() !== '') return true;
  return false;
}

/** Appends text, extending the last plain run (one this renderer created) instead of adding one. */
function pushText(out: Run[], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.kind === 'text' && !last.source && !last.ordinal) last.text += text;
  else out.push({ kind: 'text', text });
}

function pushRun(out: Run[], r: Run): void {
  if (r.kind === 'text' && !r.source && !r.ordinal) {
    pushText(out, r.text);
    return;
  }
  if (r.text === '') return;
  // 「项目1」 followed by 342.77 would read 「项目1342.77万元」: keep a name that ends in a digit
  // apart from the figure, the way reports write 「…经费金额16.53万元」.
  if (r.kind === 'figure' && /[0-9０-９]$/.test(out[out.length - 1]?.text ?? '')) {
    pushText(out, r.unit === '%' || r.unit === '' || r.unit === '人' || r.unit === '个' || r.unit === '项' ? '：' : '金额');
  }
  out.push(r);
}

/**
 * Renders a checked template over the scope chain. Throws a TemplateError naming `origin` when the
 * paragraph expands past MAX_PARAGRAPH_OUTPUT (repeats nested in repeats).
 */
export function renderTemplate(nodes: TemplateNode[], scopes: Scope[], schemas: Schema[], origin: TemplateOrigin = { key: 'template' }): Run[] {
  const out: Run[] = [];
  renderInto(nodes, scopes, schemas, out, { left: MAX_PARAGRAPH_OUTPUT, origin });
  return out;
}

function renderInto(nodes: TemplateNode[], scopes: Scope[], schemas: Schema[], out: Run[], budget: Budget, repeating?: string): void {
  for (const n of nodes) {
    if (n.t === 'text') {
      spend(budget, n.s.length, repeating);
      if (n.s.includes('【请补充')) for (const r of literalRuns(n.s)) pushRun(out, r);
      else pushText(out, n.s);
      continue;
    }
    if (n.t === 'field') {
      const runs = fieldRuns(lookup(scopes, n.name), n.name, scopes, schemas);
      spend(budget, runs.reduce((k, r) => k + r.text.length, 0), repeating);
      for (const r of runs) pushRun(out, r);
      continue;
    }
    if (n.t === 'join') {
      let first = true;
      for (const part of n.parts) {
        // Render in place and roll back when the part says nothing: no per-part arrays.
        const mark = out.length;
        const last = out[mark - 1];
        const lastText = last?.text;
        if (!first && n.sep) {
          spend(budget, n.sep.length, repeating);
          pushText(out, n.sep);
        }
        const before = out.length;
        const beforeText = out[before - 1]?.text;
        renderInto(part, scopes, schemas, out, budget, repeating);
        if (addedText(out, before, beforeText)) {
          first = false;
          continue;
        }
        out.length = mark;
        if (last && lastText !== undefined) last.text = lastText;
      }
      continue;
    }
    const v = lookup(scopes, n.name);
    if (n.kind === '#' && v && v.k === 'list') {
      const spec = lookupSpec(schemas, n.name);
      if (!spec || typeof spec.type !== 'object') continue;
      const itemSchemas = [...schemas, itemSchema(spec.type.list)];
      v.items.forEach((item, i) => {
        // Each item costs one, so repeats that write nothing are bounded too.
        spend(budget, 1 + (i > 0 && n.sep ? n.sep.length : 0), n.name);
        if (i > 0 && n.sep) pushText(out, n.sep);
        const ordinals: Scope = {
          values: { 序号: { k: 'ordinal', text: String(i + 1) }, 序号中文: { k: 'ordinal', text: chineseNumeral(i + 1) } },
        };
        renderInto(n.children, [...scopes, ordinals, item], itemSchemas, out, budget, n.name);
      });
      continue;
    }
    const show = n.kind === '#' ? truthy(v) : n.kind === '^' ? !truthy(v) : n.kind === '?' ? present(v) : !present(v);
    if (show) renderInto(n.children, scopes, schemas, out, budget, repeating);
  }
}
