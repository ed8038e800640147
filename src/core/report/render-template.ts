/**
 * Checks a parsed template against the schema, and interprets it over scoped data into runs.
 * Interpretation walks the tree; nothing in a template is ever executed.
 */
import { chineseNumeral, printsUnit } from './figures';
import { availableNames, lookup, lookupSpec, ORDINAL_FIELDS, Schema, Scope, Value } from './scope';
import { TemplateError, TemplateNode, TemplateOrigin } from './template-language';
import { Run } from './types';

const MAX_LISTED_NAMES = 40;

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
    const inner = typeof spec.type === 'object' && n.kind === '#' ? [...schemas, { ...spec.type.list, ...ORDINAL_FIELDS }] : schemas;
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

function hasText(runs: Run[]): boolean {
  return runs.some((r) => r.text.trim() !== '');
}

/** Renders a checked template over the scope chain. */
export function renderTemplate(nodes: TemplateNode[], scopes: Scope[], schemas: Schema[]): Run[] {
  const out: Run[] = [];
  for (const n of nodes) {
    if (n.t === 'text') {
      out.push(...literalRuns(n.s));
      continue;
    }
    if (n.t === 'field') {
      out.push(...fieldRuns(lookup(scopes, n.name), n.name, scopes, schemas));
      continue;
    }
    if (n.t === 'join') {
      const parts = n.parts.map((p) => renderTemplate(p, scopes, schemas)).filter(hasText);
      parts.forEach((p, i) => {
        if (i > 0 && n.sep) out.push({ kind: 'text', text: n.sep });
        out.push(...p);
      });
      continue;
    }
    const v = lookup(scopes, n.name);
    const spec = lookupSpec(schemas, n.name);
    if (n.kind === '#' && v && v.k === 'list' && spec && typeof spec.type === 'object') {
      const itemSchemas = [...schemas, { ...spec.type.list, ...ORDINAL_FIELDS }];
      v.items.forEach((item, i) => {
        if (i > 0 && n.sep) out.push({ kind: 'text', text: n.sep });
        const ordinals: Scope = {
          values: { 序号: { k: 'ordinal', text: String(i + 1) }, 序号中文: { k: 'ordinal', text: chineseNumeral(i + 1) } },
        };
        out.push(...renderTemplate(n.children, [...scopes, ordinals, item], itemSchemas));
      });
      continue;
    }
    const show = n.kind === '#' ? truthy(v) : n.kind === '^' ? !truthy(v) : n.kind === '?' ? present(v) : !present(v);
    if (show) out.push(...renderTemplate(n.children, scopes, schemas));
  }
  return mergeText(out);
}

/** Joins adjacent plain text runs so paragraphs stay small. */
function mergeText(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (r.kind === 'text' && !r.source && !r.ordinal && last && last.kind === 'text' && !last.source && !last.ordinal) {
      out[out.length - 1] = { kind: 'text', text: last.text + r.text };
    } else if (r.text !== '') {
      out.push(r);
    }
  }
  return out;
}
