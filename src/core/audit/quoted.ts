/**
 * The same labelled figure quoted with different amounts in different places
 * (「基本支出416.47万元」 in 二, 「基本支出434.35万元」 in 三). Compared within a scope: the
 * unit's paragraphs compare distinctive labels only; an item's paragraphs compare all.
 */
import Decimal from 'decimal.js';
import { agreementInterval, outcomeOf } from '../rounding';
import { foldTraditional } from '../traditional';
import { halfYuan, yuanOf } from './arith';
import { addFinding, AuditContext, labelled, printed } from './context';
import { Figure, Paragraph } from './extract';
import { labelKey } from './normalize';
import { roleOf } from './roles';
import { GENERIC_LABEL, Scope } from './scopes';

/** Words that make the same label another quantity: the fund, the level of government, the period. */
const FUND = /一般公共预算|政府性基金|国有资本经营|社会保险基金|社保基金|三公|财政拨款/g;
const LEVEL = /全省|省本级|省级|全市|市本级|市级|全县|县本级|县级|全区|区本级|区级|全州|州本级|全旗|旗本级|经开区|开发区|高新区|中心城区|乡镇|街道/g;
/** A named place at the head of a clause: 「晋城市一般公共预算收入…」, 「（市级、袁州区）」. */
const PLACE = /(?<=^|[。，,；;：:、(（\s])[\u4e00-\u9fff]{2,4}(?:市|县|区|州|盟|旗)(?=[\u4e00-\u9fff(（,，、)）])/g;
const PERIOD = /\d{1,2}\s?[-—~至到]\s?\d{1,2}\s?月|\d{1,2}\s?月份?|上半年|下半年|前三季度|[一二三四]季度|当月|本月/g;

/** Where each context word stands in a paragraph (and its heading), found once per paragraph. */
interface ContextMarks {
  fund: [number, string][];
  level: [number, string][];
  place: [number, string][];
  period: [number, string][];
  colons: number[];
  headingFund: string;
  headingLevel: string;
  headingPeriod: string;
}

function marks(re: RegExp, text: string): [number, string][] {
  return [...text.matchAll(re)].map((m): [number, string] => [m.index, m[0].replace(/\s/g, '')]);
}

function lastBefore(list: [number, string][], at: number): string {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid][0] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1][1] : '';
}

function contextMarks(heading: string, p: Paragraph): ContextMarks {
  // Mirrors in traditional characters (縣本級) name the same levels; folding keeps offsets (one for one).
  const text = foldTraditional(p.norm);
  const h = foldTraditional(heading);
  const colons: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === ':' || text[i] === '：') colons.push(i);
  const last = (re: RegExp, t: string) => marks(re, t).pop()?.[1] ?? '';
  return { fund: marks(FUND, text), level: marks(LEVEL, text), place: marks(PLACE, text), period: marks(PERIOD, text), colons, headingFund: last(FUND, h), headingLevel: last(LEVEL, h), headingPeriod: last(PERIOD, h) };
}

/**
 * What the text says a figure is of, besides its label: the fund, level, place and period last named
 * before it in its paragraph (or its heading), and the head of the list it is in. 「一般公共预算收入78.9亿元」
 * for the city and 「一般公共预算收入49.5亿元」 for the city proper, or for January to April and for the
 * year, are two quantities, never one quoted twice.
 */
function contextOf(m: ContextMarks, p: Paragraph, f: Figure): string {
  return [
    lastBefore(m.fund, f.start) || m.headingFund,
    lastBefore(m.level, f.start) || m.headingLevel,
    lastBefore(m.place, f.start),
    lastBefore(m.period, f.start) || m.headingPeriod,
    listHead(m, p, f),
  ].join('/');
}

/**
 * The whole a list's figures are parts of, when a colon introduces the list in the figure's sentence:
 * 「地方收入按构成分：…非税收入685万元」 lists the parts of 地方收入, not of 财政总收入 (其中 lists read as parts
 * of the figure before them, which the key already records).
 */
function listHead(m: ContextMarks, p: Paragraph, f: Figure): string {
  const from = p.sentenceStarts[f.sentence] ?? 0;
  let colon = -1;
  for (let i = m.colons.length - 1; i >= 0; i--) {
    if (m.colons[i] < f.start) {
      colon = m.colons[i];
      break;
    }
  }
  if (colon < from) return '';
  const head = p.norm.slice(Math.max(from, colon - 40), colon).replace(/^.*[,，;；]/, '').trim();
  return /^其中$/.test(head) ? '' : head;
}

/**
 * For each figure of a group, how many of the group (itself included) it agrees with: |a − b| within
 * the two figures' rounding (outcomeOf's rule), or closer than its float residue. Counted per rounding
 * class over the class's sorted values with two binary searches, so a label quoted n times costs
 * n·log n comparisons, not n² (a draft quoting one label thousands of times must not take minutes).
 */
function agreeingCounts(list: Figure[]): number[] {
  const classes = new Map<string, { half: Decimal; values: Decimal[] }>();
  const yuan = list.map(yuanOf);
  const half = list.map(halfYuan);
  list.forEach((_, i) => {
    const k = half[i].toString();
    const c = classes.get(k) ?? { half: half[i], values: [] };
    c.values.push(yuan[i]);
    classes.set(k, c);
  });
  for (const c of classes.values()) c.values.sort((a, b) => a.comparedTo(b));
  return list.map((_, i) => {
    let n = 0;
    for (const c of classes.values()) {
      const { lo, hi, inclusive } = agreementInterval(yuan[i], half[i].plus(c.half));
      n += countWithin(c.values, lo, hi, inclusive);
    }
    return n;
  });
}

/** How many of the sorted values lie in [lo, hi] (inclusive) or (lo, hi) (exclusive). */
function countWithin(sorted: Decimal[], lo: Decimal, hi: Decimal, inclusive: boolean): number {
  const first = (pred: (v: Decimal) => boolean) => {
    let a = 0;
    let b = sorted.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (pred(sorted[mid])) b = mid;
      else a = mid + 1;
    }
    return a;
  };
  const from = first((v) => (inclusive ? v.gte(lo) : v.gt(lo)));
  const to = first((v) => (inclusive ? v.gt(hi) : v.gte(hi)));
  return Math.max(0, to - from);
}

export function checkQuoted(ctx: AuditContext, scopes: Scope[]): void {
  const groups = new Map<string, Figure[]>();
  // The heading a paragraph sits under names its fund (「（二）政府性基金预算」) for every paragraph below it.
  let heading = '';
  for (const p of ctx.paras) {
    const scope = scopes[p.index];
    if (p.heading) heading = p.heading.title;
    const context = contextMarks(heading, p);
    for (const f of p.figures) {
      if (f.kind !== 'amount' && f.kind !== 'count') continue;
      if (f.inTable || f.change || f.bound || f.base || f.key.length < 2) continue;
      if (scope.id === 'unit' && (GENERIC_LABEL.test(f.key) || f.key.length < 3)) continue;
      if (/^(其中|含|共|为|是|和|及|等)$/.test(f.key)) continue;
      const year = f.year || ctx.docYear;
      const k = `${scope.id}|${year}|${f.kind}|${f.partOf ?? ''}|${f.key}|${contextOf(context, p, f)}`;
      const list = groups.get(k) ?? [];
      list.push(f);
      groups.set(k, list);
    }
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    ctx.checks++;
    const equal = (a: Figure, b: Figure) => outcomeOf(yuanOf(a).minus(yuanOf(b)), halfYuan(a).plus(halfYuan(b))) !== 'mismatch';
    // The reference: the value most often quoted; on a tie, the one the arithmetic supports.
    const agreeing = agreeingCounts(list);
    const score = (f: Figure, i: number) => agreeing[i] * 4 + (ctx.supported.has(f) ? 2 : 0) - (ctx.contradicted.has(f) ? 2 : 0) - i * 0.01;
    let ref = list[0];
    let best = score(ref, 0);
    for (let i = 1; i < list.length; i++) {
      const s = score(list[i], i);
      if (s > best) [ref, best] = [list[i], s];
    }
    for (const f of list) {
      if (f === ref || equal(f, ref)) continue;
      // One label twice in one sentence names two things (「子项…，子项…」), not one figure twice.
      if (f.para === ref.para && f.sentence === ref.sentence) continue;
      const p = ctx.paras[f.para];
      const rp = ctx.paras[ref.para];
      const where = ref.para === f.para ? '本段前文' : `第${ref.para + 1}段`;
      addFinding(ctx, 'quoted-differently', 'error', p, f.labelStart, f.end,
        `前后数字不一致：${labelled(p, f)}，${where}为${labelled(rp, ref)}`,
        `quoted differently: ${f.label} ${printed(p, f)} here, ${printed(rp, ref)} in paragraph ${ref.para + 1}`,
        { expected: printed(rp, ref), actual: printed(p, f), label: f.label, unit: f.kind === 'amount' ? (f.unit as '万元') : undefined });
    }
  }
}

/**
 * A project's spending stated twice: in the unit's list (「业务性专项经费金额16.53万元」) and
 * in the project's own section (（1）业务性专项经费 … 实际支出16.53万元). Names must match
 * exactly; a mismatch is a warning (the list may quote a budget rather than spending).
 */
export function checkListedProjects(ctx: AuditContext, scopes: Scope[]): void {
  const strip = (k: string) => k.replace(/(金额|项目|支出|资金)$/g, '').replace(/(金额|项目)$/g, '');
  const unitByName = new Map<string, Figure[]>();
  for (const p of ctx.paras) {
    if (scopes[p.index].id !== 'unit') continue;
    for (const f of p.figures) {
      if (f.kind !== 'amount' || f.change || f.bound || f.inTable || f.partOf || GENERIC_LABEL.test(f.key)) continue;
      const k = strip(f.key);
      if (k.length < 4) continue;
      unitByName.set(k, [...(unitByName.get(k) ?? []), f]);
    }
  }
  const byScope = new Map<string, { title: string; figs: Figure[] }>();
  for (const p of ctx.paras) {
    const sc = scopes[p.index];
    if (sc.id === 'unit' || !sc.title) continue;
    const entry = byScope.get(sc.id) ?? { title: sc.title, figs: [] };
    for (const f of p.figures) if (roleOf(f) === 'actual' && !f.partOf && f.depth === 0 && f.year !== 'prev') entry.figs.push(f);
    byScope.set(sc.id, entry);
  }
  for (const { title, figs } of byScope.values()) {
    if (figs.length !== 1) continue;
    const listed = unitByName.get(strip(labelKey(title)));
    if (!listed || listed.length !== 1) continue;
    const f = figs[0];
    const u = listed[0];
    ctx.checks++;
    if (outcomeOf(yuanOf(f).minus(yuanOf(u)), halfYuan(f).plus(halfYuan(u))) !== 'mismatch') continue;
    const p = ctx.paras[f.para];
    const up = ctx.paras[u.para];
    addFinding(ctx, 'quoted-differently', 'warning', p, f.labelStart, f.end,
      `${title}：本节${labelled(p, f)}，第${u.para + 1}段列为${labelled(up, u)}`,
      `${title}: ${printed(p, f)} here, listed as ${printed(up, u)} in paragraph ${u.para + 1}`,
      { expected: printed(up, u), actual: printed(p, f), label: f.label });
  }
}
