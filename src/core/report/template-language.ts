/**
 * The sentence template language: a tiny, closed syntax parsed here and interpreted over
 * plain data. User text is never evaluated as code.
 *
 *   {名称}            a field: a figure (with its unit), a text, or a list joined with 、
 *   {#名称}…{/名称}    a list: repeat per item ({#名称|，} joins items with ，);
 *                     a figure / text / flag: render when present and non-zero / non-empty
 *   {^名称}…{/名称}    the opposite of {#}: missing, zero, empty, or an empty list
 *   {?名称}…{/名称}    present (a zero figure counts as present)
 *   {!名称}…{/名称}    missing (blank cell, not in the workbook)
 *   {+，}A{|}B{|}C{/+} join the non-empty parts A, B, C with ，
 *   {{ and }}          literal braces
 * A literal 【请补充：…】 in a template becomes a visible placeholder run.
 */

export type SectionKind = '#' | '^' | '?' | '!';

export type TemplateNode =
  | { t: 'text'; s: string }
  | { t: 'field'; name: string }
  | { t: 'section'; kind: SectionKind; name: string; sep?: string; children: TemplateNode[] }
  | { t: 'join'; sep: string; parts: TemplateNode[][] };

/** Where a template came from, for error messages. */
export interface TemplateOrigin {
  /** Key of the outline entry ("income", "project.body"). */
  key: string;
  /** Set for templates read from the user's 模板 sheet. */
  sheet?: string;
  cell?: string;
}

export class TemplateError extends Error {
  readonly messageZh: string;
  readonly messageEn: string;
  readonly origin: TemplateOrigin;
  constructor(origin: TemplateOrigin, zh: string, en: string) {
    const where = describeOrigin(origin);
    const messageZh = `${where.zh}：${zh}`;
    const messageEn = `${where.en}: ${en}`;
    super(`${messageZh}\n${messageEn}`);
    this.name = 'TemplateError';
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.origin = origin;
  }
}

export function describeOrigin(origin: TemplateOrigin): { zh: string; en: string } {
  if (origin.sheet && origin.cell) {
    return {
      zh: `模板工作表「${origin.sheet}」单元格 ${origin.cell}（${origin.key}）`,
      en: `template sheet "${origin.sheet}" cell ${origin.cell} (${origin.key})`,
    };
  }
  return { zh: `模板「${origin.key}」`, en: `template "${origin.key}"` };
}

type Frame =
  | { t: 'root'; children: TemplateNode[] }
  | { t: 'section'; node: Extract<TemplateNode, { t: 'section' }> }
  | { t: 'join'; node: Extract<TemplateNode, { t: 'join' }> };

function currentList(frame: Frame): TemplateNode[] {
  if (frame.t === 'root') return frame.children;
  if (frame.t === 'section') return frame.node.children;
  return frame.node.parts[frame.node.parts.length - 1];
}

function pushText(list: TemplateNode[], s: string): void {
  if (!s) return;
  const last = list[list.length - 1];
  if (last && last.t === 'text') last.s += s;
  else list.push({ t: 'text', s });
}

const NAME_RE = /^[^{}|#^?!/+\s][^{}|]*$/;

/**
 * Sections and joins nest at most this deep. Real templates nest two or three levels (a list of
 * projects, a condition inside it); the bound keeps every walk of the tree shallow and stops a
 * pasted or generated template from nesting thousands deep.
 */
export const MAX_TEMPLATE_DEPTH = 20;

function checkDepth(depth: number, tag: string, at: number, origin: TemplateOrigin): void {
  if (depth <= MAX_TEMPLATE_DEPTH) return;
  throw new TemplateError(
    origin,
    `第 ${at} 个字符处的「{${tag}}」嵌套过深：条件、重复与连接（{#…}、{^…}、{?…}、{!…}、{+…}）最多嵌套 ${MAX_TEMPLATE_DEPTH} 层，常用的模板只需 2～3 层`,
    `"{${tag}}" at character ${at} nests too deep: sections and joins ({#…}, {^…}, {?…}, {!…}, {+…}) nest at most ${MAX_TEMPLATE_DEPTH} levels; templates usually need 2 or 3`,
  );
}

/**
 * Parses a template; throws TemplateError with the position on bad syntax or nesting deeper than
 * MAX_TEMPLATE_DEPTH. Iterative (an explicit stack), so no template can overflow the call stack here.
 */
export function parseTemplate(src: string, origin: TemplateOrigin): TemplateNode[] {
  const stack: Frame[] = [{ t: 'root', children: [] }];
  const top = () => stack[stack.length - 1];
  let i = 0;
  let text = '';
  const flush = () => {
    pushText(currentList(top()), text);
    text = '';
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === '{' && src[i + 1] === '{') {
      text += '{';
      i += 2;
      continue;
    }
    if (ch === '}' && src[i + 1] === '}') {
      text += '}';
      i += 2;
      continue;
    }
    if (ch === '}') {
      throw new TemplateError(origin, `第 ${i + 1} 个字符处有多余的「}」（字面的花括号请写作「}}」）`, `stray "}" at character ${i + 1} (write "}}" for a literal brace)`);
    }
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    const end = src.indexOf('}', i + 1);
    if (end < 0) {
      throw new TemplateError(origin, `第 ${i + 1} 个字符处的「{」没有对应的「}」`, `"{" at character ${i + 1} is never closed`);
    }
    const tag = src.slice(i + 1, end).trim();
    const at = i + 1;
    i = end + 1;
    flush();
    const frame = top();
    if (tag === '|') {
      if (frame.t !== 'join') {
        throw new TemplateError(origin, `第 ${at} 个字符处的「{|}」只能用在「{+分隔符}…{/+}」之内`, `"{|}" at character ${at} is only allowed inside "{+sep}…{/+}"`);
      }
      frame.node.parts.push([]);
      continue;
    }
    if (tag.startsWith('+')) {
      checkDepth(stack.length, tag, at, origin);
      const node: Extract<TemplateNode, { t: 'join' }> = { t: 'join', sep: tag.slice(1), parts: [[]] };
      currentList(frame).push(node);
      stack.push({ t: 'join', node });
      continue;
    }
    if (tag === '/+') {
      if (frame.t !== 'join') {
        throw new TemplateError(origin, `第 ${at} 个字符处的「{/+}」没有对应的「{+…}」`, `"{/+}" at character ${at} has no matching "{+…}"`);
      }
      stack.pop();
      continue;
    }
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (frame.t !== 'section') {
        throw new TemplateError(origin, `第 ${at} 个字符处的「{/${name}}」没有对应的开始标记`, `"{/${name}}" at character ${at} has no matching opening tag`);
      }
      if (frame.node.name !== name) {
        throw new TemplateError(
          origin,
          `第 ${at} 个字符处的「{/${name}}」与开始标记「{${frame.node.kind}${frame.node.name}}」不匹配`,
          `"{/${name}}" at character ${at} does not close "{${frame.node.kind}${frame.node.name}}"`,
        );
      }
      stack.pop();
      continue;
    }
    const kind = tag[0];
    if (kind === '#' || kind === '^' || kind === '?' || kind === '!') {
      const body = tag.slice(1);
      const bar = body.indexOf('|');
      const name = (bar >= 0 ? body.slice(0, bar) : body).trim();
      const sep = bar >= 0 ? body.slice(bar + 1) : undefined;
      checkName(name, at, origin);
      checkDepth(stack.length, tag, at, origin);
      const node: Extract<TemplateNode, { t: 'section' }> = { t: 'section', kind, name, sep, children: [] };
      currentList(frame).push(node);
      stack.push({ t: 'section', node });
      continue;
    }
    checkName(tag, at, origin);
    currentList(frame).push({ t: 'field', name: tag });
  }
  flush();
  const open = top();
  if (open.t === 'section') {
    throw new TemplateError(origin, `「{${open.node.kind}${open.node.name}}」缺少结束标记「{/${open.node.name}}」`, `"{${open.node.kind}${open.node.name}}" is missing its closing "{/${open.node.name}}"`);
  }
  if (open.t === 'join') {
    throw new TemplateError(origin, `「{+${open.node.sep}}」缺少结束标记「{/+}」`, `"{+${open.node.sep}}" is missing its closing "{/+}"`);
  }
  return open.children;
}

function checkName(name: string, at: number, origin: TemplateOrigin): void {
  if (!NAME_RE.test(name)) {
    throw new TemplateError(origin, `第 ${at} 个字符处的占位符「{${name}}」格式不正确`, `malformed placeholder "{${name}}" at character ${at}`);
  }
}

/** Every placeholder name used, with the list scopes it sits in (outermost first). */
export function placeholderUses(nodes: TemplateNode[], scopes: string[] = []): { name: string; scopes: string[]; section?: SectionKind }[] {
  const out: { name: string; scopes: string[]; section?: SectionKind }[] = [];
  for (const n of nodes) {
    if (n.t === 'field') out.push({ name: n.name, scopes });
    else if (n.t === 'section') {
      out.push({ name: n.name, scopes, section: n.kind });
      out.push(...placeholderUses(n.children, [...scopes, n.name]));
    } else if (n.t === 'join') {
      for (const p of n.parts) out.push(...placeholderUses(p, scopes));
    }
  }
  return out;
}
