/**
 * Reads figures out of prose: amounts with their unit, percentages and counts, each with
 * the label it belongs to (the noun phrase before it), its sentence, bracket depth and the
 * year it speaks of. Works on the normalised text (same offsets as the text as read).
 */
import Decimal from 'decimal.js';
import { labelKey, normalizeText } from './normalize';

export type FigureKind = 'amount' | 'percent' | 'count' | 'plain';

export interface Figure {
  /** 0-based paragraph. */
  para: number;
  kind: FigureKind;
  value: Decimal;
  /** Decimals as printed. */
  decimals: number;
  /** 元 | 万元 | 亿元 for amounts, % for percentages, the classifier for counts. */
  unit: string;
  /** Amounts in 元 (exact). */
  yuan?: Decimal;
  /** Span of the figure with its unit. */
  start: number;
  end: number;
  numEnd: number;
  /** The label as written (normalised), and its comparison key. */
  label: string;
  /** The label exactly as written (traditional script, full-width), for messages. */
  rawLabel: string;
  key: string;
  labelStart: number;
  /** Year the figure speaks of: '2023', 'prev' (上年) or '' when not stated. */
  year: string;
  sentence: number;
  clause: number;
  depth: number;
  /** The label says the figure is a change (比上年增加…, 减少…). */
  change?: 'up' | 'down';
  inTable: boolean;
  /** For a part of a 其中/（含…） breakdown: what it is a part of (「支出」, 「财政拨款支出」). */
  partOf?: string;
  /** A threshold, not a stated amount: 「50万元以上」, 「不超过3000元」. */
  bound?: boolean;
  /**
   * The figure is named as a base inside its clause: 'rate' for 「占年初预算10065万元的43.2%」 (the
   * denominator of the rate after it), 'previous' for 「较2023年的1,580万元」 (last year's figure).
   */
  base?: 'rate' | 'previous';
  /** Set by the unit check: the unit written is probably a slip for this one. */
  suspectUnit?: '万元';
}

export interface Paragraph {
  index: number;
  raw: string;
  norm: string;
  figures: Figure[];
  /** Sentence index of each character (。 ends a sentence). */
  sentenceOf: Int32Array;
  depthOf: Int8Array;
  /** Offsets where each sentence starts. */
  sentenceStarts: number[];
  isTable: boolean;
  heading?: { level: number; title: string };
}

export const UNIT_YUAN: Record<string, Decimal> = {
  元: new Decimal(1),
  万元: new Decimal(10000),
  亿元: new Decimal(100000000),
};

const NUMBER_RE =
  /(?<![\d.,])(-?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s?)(亿元|万元|元|万(?![人个项次户家名件台套辆所条类平])|%|‰|个百分点|百分点|人次|个|人|项|家|次|户|名|件|台|套|辆|所|条|类|篇|期|场|年|月|日|号|天|倍)?/g;

const COUNT_UNITS = new Set(['个', '人', '项', '家', '次', '户', '名', '件', '台', '套', '辆', '所', '条', '类', '篇', '期', '场', '人次', '天']);

const HARD_DELIM = /[，,;。:()|\n\t]/;
const CHANGE_UP = /(增加|增长|上升|提高|增幅|多支出|超出|增支|增收|超收|多收)(了)?$/;
const CHANGE_DOWN = /(减少|下降|降低|减幅|少支出|节约|减支|下滑|减收|短收|少收|少支)(了)?$/;
/** A figure named as the base of its clause's comparison: 「较2023年的1,580万元」, 「比上年21012万元」. */
const PREVIOUS_BASE = /^(较|比|与)|(较|比)(上年|去年|上一年|\d{4}年度?)(同期)?(的|决算数?的?|预算数?的?)?$/;
const CHANGE_CONTEXT = /(比上年|比去年|同比|较上年|较去年|与上年相比|比年初|较年初|比\d{4}年|较\d{4}年|比上一年|较上一年|环比)/;

const LEADING_STRIP = /^(?:[、\s]|其中|主要包括|包括|包含|含|共计|共|合计|为|是|及|和|与|以及|另有|另外|此外|主要是|主要有|分别是|分别为|即)+/;
/** One trailing word at the end of (at most three characters of) text; stripped one by one from the right. */
const TRAILING_WORD = /(?:为|是|共计|共|达到|达|约为|约|共有|分别为|分别是|\s)$/;

export function headingOf(norm: string): { level: number; title: string } | undefined {
  const t = norm.trim().replace(/^#{1,6}\s*/, '').replace(/^\*\*(.*)\*\*$/, '$1');
  let m = /^([一二三四五六七八九十]+)、(.*)$/.exec(t);
  if (m) return { level: 1, title: m[2] };
  m = /^\(([一二三四五六七八九十]+)\)(.*)$/.exec(t);
  if (m) return { level: 2, title: m[2] };
  m = /^(\d{1,2})[.、](?!\d)(.*)$/.exec(t);
  if (m) return { level: 3, title: m[2] };
  m = /^\((\d{1,2})\)(.*)$/.exec(t);
  if (m) return { level: 4, title: m[2] };
  // A short line without closing punctuation reads as a heading (其他需要说明的情况).
  if (t.length > 0 && t.length <= 24 && !/[。，;:]$/.test(t) && !/\d/.test(t) && !t.includes('，')) return { level: 1, title: t };
  return undefined;
}

/** Cells separated by | or runs of spaces, with at least two numbers: a table pasted as text. */
function looksLikeTable(norm: string): boolean {
  const t = norm.trim();
  if (t.includes('|')) return (t.match(/\|/g) ?? []).length >= 2;
  const cells = t.split(/\s{2,}|\t/).filter((c) => c.length > 0);
  if (cells.length < 3) return false;
  const numeric = cells.filter((c) => /^[-\d.,%]+(万元|元)?$/.test(c)).length;
  return numeric >= 2 && !/[。]/.test(t);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * Nothing but spaces since the paragraph's start or a sentence end (。:；;) before `at`: numbering such as
 * 「2.」 opens a sentence there. Reads back from `at`, never the whole paragraph before it.
 */
function opensSentence(norm: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /\s/.test(norm[i])) i--;
  return i < 0 || '。:；;'.includes(norm[i]);
}

/** The last 「(」 at or before `from` and not before `floor`, or -1: a search bounded by the label's reach. */
function lastOpenAfter(norm: string, from: number, floor: number): number {
  for (let i = from; i >= floor; i--) if (norm[i] === '(') return i;
  return -1;
}

/**
 * The end of a label without the words that join it to its figure (为, 是, 共计, 达到, 分别为…). Strips
 * one word at a time from the right, looking at three characters each time: a regex anchored only at
 * the end would be tried from every position of a long run of such words (n²).
 */
function withoutTrailingWords(norm: string, a: number, b: number): number {
  while (b > a) {
    const m = TRAILING_WORD.exec(norm.slice(Math.max(a, b - 3), b));
    if (!m) break;
    b -= m[0].length;
  }
  return b;
}

function toHalf(s: string): string {
  return s.replace(/,/g, '');
}

export function readParagraph(raw: string, index: number): Paragraph {
  const norm = normalizeText(raw);
  const n = norm.length;
  const sentenceOf = new Int32Array(n + 1);
  const depthOf = new Int8Array(n + 1);
  const sentenceStarts = [0];
  let s = 0;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const ch = norm[i];
    if (ch === '(' || ch === '[') depth = Math.min(depth + 1, 9);
    depthOf[i] = depth;
    sentenceOf[i] = s;
    if (ch === ')' || ch === ']') depth = Math.max(depth - 1, 0);
    if (ch === '。' || ch === '\n') {
      s++;
      depth = 0;
      sentenceStarts.push(i + 1);
    }
  }
  sentenceOf[n] = s;
  // Clause index within the sentence at each character (，；, but not a thousands comma).
  const clauseOf = new Int32Array(n + 1);
  let clause = 0;
  for (let i = 0; i < n; i++) {
    clauseOf[i] = clause;
    const c = norm[i];
    if (c === '。' || c === '\n') clause = 0;
    else if (c === '，' || c === ';' || (c === ',' && !(isDigit(norm[i - 1]) && isDigit(norm[i + 1])))) clause++;
  }
  clauseOf[n] = clause;
  const isTable = looksLikeTable(norm);
  const para: Paragraph = { index, raw, norm, figures: [], sentenceOf, depthOf, sentenceStarts, isTable, heading: headingOf(norm) };

  let prevEnd = 0;
  let lastYear = '';
  let lastYearSentence = -1;
  NUMBER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMBER_RE.exec(norm))) {
    const start = m.index + m[1].length;
    const numText = m[2];
    const unit = m[4] ?? '';
    const numEnd = start + numText.length;
    const end = m.index + m[0].length;
    const sentence = sentenceOf[start];
    if (unit === '年') {
      if (/^\d{4}$/.test(numText)) {
        lastYear = numText;
        lastYearSentence = sentence;
      }
      prevEnd = end;
      continue;
    }
    if (unit === '月' || unit === '日' || unit === '倍') {
      prevEnd = end;
      continue;
    }
    // 「第1号专项经费」, 「第3期」: numbering inside a name stays in the label.
    if (unit === '号' || norm[m.index - 1] === '第') continue;
    // Numbering such as "1." at a paragraph start, or "(3)": not figures.
    // Also 「…相关规定执行。2.公务接待费…」: numbering that opens a sentence inside the paragraph.
    if (!unit && (norm[numEnd] === ')' || (/[.、．]/.test(norm[numEnd] ?? '') && !isDigit(norm[numEnd + 1]) && opensSentence(norm, start)))) {
      prevEnd = norm[numEnd] === ')' ? end : numEnd + 1;
      continue;
    }
    const value = new Decimal(toHalf(numText));
    const decimals = numText.includes('.') ? numText.length - numText.indexOf('.') - 1 : 0;
    let kind: FigureKind = 'plain';
    if (unit === '元' || unit === '万元' || unit === '亿元' || unit === '万') kind = 'amount';
    else if (unit === '%' || unit === '‰') kind = 'percent';
    else if (unit === '个百分点' || unit === '百分点') kind = 'plain';
    else if (COUNT_UNITS.has(unit)) kind = 'count';
    const u = unit === '万' ? '万元' : unit;
    // The label: back to the last hard delimiter or the previous figure.
    let ls = start;
    const floor = Math.max(prevEnd, 0);
    while (ls > floor) {
      const c = norm[ls - 1];
      if (c === ')') {
        // A short bracket inside a label stays in it: 因公出国（境）费, 维修（护）费.
        const open = lastOpenAfter(norm, ls - 1, floor);
        // Also a bracket right before the figure: 「对个人和家庭的补助（离退休费用等）114.84万元」.
        if (open >= floor && ((ls - 1 - open <= 5 && !/\d/.test(norm.slice(open, ls))) || (ls === start && !/\d/.test(norm.slice(open, ls))))) {
          ls = open;
          continue;
        }
        break;
      }
      if (HARD_DELIM.test(c)) break;
      ls--;
    }
    let a = ls;
    let b = start;
    if (norm[a] === '度' && norm[a - 1] === '年') a++; // 「2023年度收入总计」
    const lead = LEADING_STRIP.exec(norm.slice(a, b));
    if (lead) a += lead[0].length;
    b = withoutTrailingWords(norm, a, b);
    let year = '';
    const ym = /^(\d{4})年(度)?/.exec(norm.slice(a, b));
    if (ym) {
      year = ym[1];
      a += ym[0].length;
    }
    const head = norm.slice(a, b);
    if (!year && /^(上年|去年|上一年|上年度|上年同期)/.test(head) && !/^(上年|上年度|上一年)(结转|结余)/.test(head)) {
      year = 'prev';
    } else if (!year && lastYearSentence === sentence) {
      year = lastYear;
    }
    const period = /^(全年|本年度|本年|当年)(?=.)(?!预算|执行率)/.exec(norm.slice(a, b));
    if (period) a += period[0].length;
    const label = norm.slice(a, Math.max(a, b));
    const rawLabel = raw.slice(a, Math.max(a, b));
    const labelStart = a;
    let change: 'up' | 'down' | undefined;
    if (CHANGE_UP.test(label)) change = 'up';
    else if (CHANGE_DOWN.test(label)) change = 'down';
    // 「较上年21012万元」 names last year's figure, not a change; a percentage there is a change rate.
    // 「较2024年的2190万元」, 「较2022年预算1.50万元」: the year before the label was read as a figure of its own.
    const previousBase = !change && kind !== 'percent' && (PREVIOUS_BASE.test(label) || /(较|比)\s?\d{4}\s?年度?$/.test(norm.slice(Math.max(0, labelStart - 10), labelStart)));
    if (!change && !previousBase && CHANGE_CONTEXT.test(label)) change = /减|降|少|节约/.test(label) ? 'down' : 'up';
    const clause = clauseOf[start];
    const fig: Figure = {
      para: index,
      kind,
      value: m[1] === '-' ? value.negated() : value,
      decimals,
      unit: u,
      start,
      end,
      numEnd,
      label,
      rawLabel,
      key: labelKey(label),
      labelStart,
      year,
      sentence,
      clause,
      depth: depthOf[start],
      change,
      inTable: isTable,
    };
    if (kind === 'amount') fig.yuan = fig.value.times(UNIT_YUAN[u]);
    if (previousBase) {
      fig.base = 'previous';
      fig.year = 'prev';
    } else if (kind !== 'percent' && /^\s?的\s?(比重|比例)?\s?[\d.]+\s?%/.test(norm.slice(end, end + 16))) fig.base = 'rate';
    // Schedule figures (月进度, 序时进度) are targets or shortfalls the text does not define: never compared.
    if (/进度/.test(label)) fig.bound = true;
    if (/^(以上|以下|以内|左右|及以上|及以下|起|至|到|—|-|~)/.test(norm.slice(end, end + 3)) || /(不超过|超过|不低于|低于|高于|不足|最高|最低|上限|下限)$/.test(norm.slice(Math.max(0, start - 4), start))) fig.bound = true;
    para.figures.push(fig);
    prevEnd = end;
  }
  return para;
}

/** The year most figures speak of: the report's year. */
export function dominantYear(paras: Paragraph[]): string {
  const counts = new Map<string, number>();
  for (const p of paras) for (const m of p.norm.matchAll(/(20\d{2})\s?年/g)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  let best = '';
  let bestN = 0;
  for (const [y, c] of counts) if (c > bestN) [best, bestN] = [y, c];
  return best;
}

/** Chinese numerals up to 99 (counts such as 五项, 十二个). */
export function chineseNumber(s: string): number | null {
  const D: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? D[m[1]] : 1) * 10 + (m[2] ? D[m[2]] : 0);
  if (s.length === 1 && s in D) return D[s];
  return null;
}
