/**
 * Sentences that state arithmetic: 「A X万元，其中B Y万元，C Z万元」, parenthetical
 * breakdowns 「X万元（含…，…）」 and the balance of a project paragraph
 * (上年结转 + 年初预算 + 调增 − 调减 = 实际支出 + 结余结转).
 */
import { BUDGET_SOURCES } from '../budget-sources';
import { firstFrom } from './positions';
import Decimal from 'decimal.js';
import { checkSum, formatYuan, halfYuan, yuanOf } from './arith';
import { addFinding, AuditContext, labelled, printed } from './context';
import { Figure, Paragraph, UNIT_YUAN } from './extract';
import { Role, roleOf } from './roles';
import { foldTraditional, withoutPinyin } from '../traditional';

/** A whole and the parts the text says it is made of. */
export interface Breakdown {
  para: Paragraph;
  whole: Figure;
  parts: Figure[];
  /** 「其中」 lists may be partial; parentheses starting 含 too. */
  kind: 'qizhong' | 'paren';
}

const INCOME = /收入|来源|拨款/;
const SPEND = /支出|费用/;
const BALANCE = /结余|结转/;

function comparableYear(a: Figure, b: Figure): boolean {
  if (a.year === b.year) return true;
  // A part that names no year belongs to the whole's year; 上年 figures never do.
  return b.year === '' ? a.year !== 'prev' : a.year === '' && b.year !== 'prev';
}

/** Parts that may follow a whole in one list: same kind, not changes, not other flows. */
function partFits(whole: Figure, part: Figure): boolean {
  if (part.kind !== whole.kind || part.change || part.inTable || part.bound || part.base) return false;
  if (/总额|合计|总计|^总/.test(part.key)) return false; // another total: 「；负债总额…」
  if (!comparableYear(whole, part)) return false;
  // 收入总计/支出总计 include the balances (使用非财政拨款结余, 年末结转和结余): REFERENCE §2.10.
  const grand = /总计/.test(whole.key);
  if (SPEND.test(whole.key) && ((BALANCE.test(part.key) && !grand) || INCOME.test(part.key))) return false;
  if (INCOME.test(whole.key) && !BALANCE.test(whole.key) && (SPEND.test(part.key) || (BALANCE.test(part.key) && !grand))) return false;
  return true;
}

/** Index of the last figure of a list (in text order) that ends at or before `at`, or −1. Figures never overlap. */
function lastEndingBy(list: Figure[], at: number): number {
  let a = 0;
  let b = list.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (list[mid].end <= at) a = mid + 1;
    else b = mid;
  }
  return a - 1;
}

/** Nothing but white space in norm[from, to) (what slice(from, to).trim() === '' says), read from `to` back. */
function onlySpaces(norm: string, from: number, to: number): boolean {
  for (let i = to - 1; i >= from; i--) if (!/\s/.test(norm[i])) return false;
  return true;
}

/**
 * A paragraph's figures sorted out once for the breakdown readers, by bracket depth: every figure, the
 * ones that are no change, and the ones that can be a whole (no change, no named base, no rate). The
 * readers binary-search these instead of filtering all the paragraph's figures at each 其中 (n² on a
 * paragraph of thousands). Also where each bracket closes.
 */
interface FigureIndex {
  all: Map<number, Figure[]>;
  noChange: Map<number, Figure[]>;
  wholes: Map<number, Figure[]>;
  position: Map<Figure, number>;
  closing?: Int32Array;
}

const indexes = new WeakMap<Paragraph, FigureIndex>();

function indexOf(p: Paragraph): FigureIndex {
  let ix = indexes.get(p);
  if (ix) return ix;
  ix = { all: new Map(), noChange: new Map(), wholes: new Map(), position: new Map() };
  const add = (m: Map<number, Figure[]>, f: Figure) => {
    const list = m.get(f.depth);
    if (list) list.push(f);
    else m.set(f.depth, [f]);
  };
  p.figures.forEach((f, i) => {
    ix!.position.set(f, i);
    add(ix!.all, f);
    if (f.change) return;
    add(ix!.noChange, f);
    if (!f.base && f.kind !== 'percent') add(ix!.wholes, f);
  });
  indexes.set(p, ix);
  return ix;
}

/**
 * Where the bracket opened at `open` closes: its 「)」, else the sentence's 「。」, else the paragraph's end.
 * Found for every bracket of the paragraph in one pass, not by reading on from each (n² when nested).
 */
function closingParen(p: Paragraph, open: number): number {
  const ix = indexOf(p);
  if (!ix.closing) {
    const norm = p.norm;
    const closing = new Int32Array(norm.length).fill(norm.length);
    const opened: number[] = [];
    for (let i = 0; i < norm.length; i++) {
      const c = norm[i];
      if (c === '(') opened.push(i);
      else if (c === ')') {
        const o = opened.pop();
        if (o !== undefined) closing[o] = i;
      } else if (c === '。') {
        for (const o of opened) closing[o] = i;
        opened.length = 0;
      }
    }
    ix.closing = closing;
  }
  return ix.closing[open];
}

/** Sentences that may go on with a 其中 list past its full stop: as many as a list may go on across paragraphs. */
const MAX_SENTENCES_READ_ON = 12;

export function findBreakdowns(p: Paragraph): Breakdown[] {
  const out: Breakdown[] = [];
  if (p.isTable) return out;
  const norm = p.norm;
  // 其中 lists (and their parenthetical form 「（其中…）」).
  for (const m of norm.matchAll(/其中/g)) {
    const ix = indexOf(p);
    const q = m.index;
    const d = p.depthOf[q];
    const inParen = norm[q - 1] === '(';
    const wholeDepth = inParen ? d - 1 : d;
    const limit = inParen ? q - 1 : q;
    // The whole: the nearest figure before it at its depth, with nothing but a clause between.
    // Change figures between (「比上年减少1.24万元，下降8.99%。其中：…」) are stepped over.
    // So are rates of the whole itself (「支出1,356.73万元，完成全年预算的95.61%，其中…」).
    // Never a base named in a clause (「较2024年的2190万元」 is last year's total, not this list's whole).
    const wholes = ix.wholes.get(wholeDepth) ?? [];
    const lastBefore = lastEndingBy(wholes, limit);
    let whole: Figure | undefined = wholes[lastBefore];
    const startsSentence = onlySpaces(norm, p.sentenceStarts[p.sentenceOf[q]], q);
    if (startsSentence && !inParen) {
      // 「…项目支出131.31万元，主要用于…。其中A…，B…」: the spending the previous sentence stated.
      const prevSentence = p.sentenceOf[q] - 1;
      whole = undefined;
      for (let j = lastBefore; j >= 0 && wholes[j].sentence >= prevSentence; j--) {
        const f = wholes[j];
        if (f.sentence === prevSentence && f.kind === 'amount' && !f.bound && /支出|决算数|执行数|费$|经费|资金|收入|总计|合计|总额/.test(f.key) && !/结余|结转|预算$/.test(f.key)) {
          whole = f;
          break;
        }
      }
      if (!whole) continue;
    }
    if (!whole || (whole.kind !== 'amount' && whole.kind !== 'count') || whole.bound) continue;
    if (!startsSentence) {
      const next = firstFrom(wholes, whole.end);
      const gapFigures = next < wholes.length && wholes[next].start < q;
      if (gapFigures || q - whole.end > 80 || norm.slice(whole.end, q).includes('。')) continue;
    }
    const sentenceEnd = p.sentenceStarts[p.sentenceOf[q] + 1] ?? norm.length;
    const nextQ = norm.indexOf('其中', q + 2);
    let end = inParen ? closingParen(p, q - 1) : sentenceEnd;
    if (nextQ >= 0 && nextQ < end && p.depthOf[nextQ] === d) {
      // 「…；实际支出460万元，其中…」: the figure before the next 其中 is the next whole.
      const noChange = ix.noChange.get(d) ?? [];
      const nextWhole = noChange[lastEndingBy(noChange, nextQ)];
      end = nextWhole && nextWhole.start > q ? nextWhole.start : nextQ;
    }
    const parts: Figure[] = [];
    let prevEnd = q;
    for (let i = firstFrom(p.figures, q); i < p.figures.length && p.figures[i].start < end; i++) {
      const f = p.figures[i];
      if (f.depth !== d) continue;
      // 「；另有编外聘用人员12人」: something besides the whole, not one of its parts.
      if (/另有|另外|此外|除此之外|同时|以及其他/.test(norm.slice(prevEnd, f.start))) break;
      // 「…；加上级补助收入120846万元」: a chain of additions to the whole starts, the 其中 list is over.
      if (/(^|[,;，；。])\s*(加|加上|减|减去|扣除|再加)[^,;，；。]*$/.test(norm.slice(prevEnd, f.start))) break;
      prevEnd = f.end;
      if (!partFits(whole, f)) {
        if (f.kind === whole.kind && !f.change) break; // another flow starts: the list is over
        continue;
      }
      parts.push(f);
    }
    // 「其中：人员经费489.18万元，主要包括…。公用经费46.89万元，…」: a known breakdown whose members open the
    // following sentences goes on past the full stop, member by member.
    if (parts.length > 0 && partialBreakdown(parts)) {
      for (let i = firstFrom(p.figures, end); i < p.figures.length; i++) {
        const f = p.figures[i];
        if (f.depth !== d || !partFits(whole, f)) continue;
        const opens = onlySpaces(norm, p.sentenceStarts[f.sentence], f.labelStart);
        if (!opens || !partialBreakdown(parts) || !COMPLETE.some((set) => set.some((re) => re.test(plainLabel(f))) && [...parts, f].every((x) => set.some((re) => re.test(plainLabel(x)))))) break;
        parts.push(f);
      }
    }
    // 「其中：一般公共预算支出完成2021万元，…。政府性基金支出完成1000万元，…」: sentences that open with a
    // parallel figure may go on with the list; read so only when the parts then make the whole.
    if (parts.length > 0 && !inParen && checkSum(whole, parts.map((f) => ({ f, sign: 1 }))).outcome === 'mismatch') {
      const more: Figure[] = [];
      const atDepth = ix.all.get(d) ?? [];
      for (let s = p.sentenceOf[Math.max(0, end - 1)] + 1; s < p.sentenceStarts.length && more.length < MAX_SENTENCES_READ_ON; s++) {
        const k = firstFrom(atDepth, p.sentenceStarts[s]);
        const first = k < atDepth.length && atDepth[k].sentence === s ? atDepth[k] : undefined;
        if (!first || !partFits(whole, first) || !onlySpaces(norm, p.sentenceStarts[s], first.labelStart)) break;
        more.push(first);
        if (checkSum(whole, [...parts, ...more].map((f) => ({ f, sign: 1 }))).outcome !== 'mismatch') {
          parts.push(...more);
          break;
        }
      }
    }
    if (parts.length > 0) out.push({ para: p, whole, parts, kind: 'qizhong' });
  }
  // Parenthetical breakdowns right after a figure: 「416.47万元（含A…，B…）」, 「（年初预算安排…，年中追加…）」.
  for (const whole of p.figures) {
    if (whole.kind !== 'amount' || whole.change || whole.inTable || whole.bound) continue;
    let i = whole.end;
    while (i < norm.length && norm[i] === ' ') i++;
    if (norm[i] !== '(') continue;
    const ix = indexOf(p);
    const close = closingParen(p, i);
    // Only the opening words of the bracket matter: never copy a long (or nested) bracket out.
    const opening = norm.slice(i + 1, Math.min(close, i + 3));
    if (/^其中/.test(opening)) continue; // handled above
    const inner = ix.all.get(whole.depth + 1) ?? [];
    const parts: Figure[] = [];
    for (let k = firstFrom(inner, i + 1); k < inner.length && inner[k].start < close; k++) if (partFits(whole, inner[k])) parts.push(inner[k]);
    const contains = /^(含|包含|包括)/.test(opening);
    if (parts.length >= 2 || (contains && parts.length >= 1)) out.push({ para: p, whole, parts, kind: 'paren' });
  }
  return out;
}

/**
 * 「…基本支出911.7万元，其中：人员经费489.18万元，主要包括…。」 and the next paragraph 「公用经费46.89万元，…」:
 * a known breakdown left partial at the end of its paragraph goes on with the paragraphs that open with
 * its remaining members.
 */
export function continueAcrossParagraphs(paras: Paragraph[], b: Breakdown): void {
  if (b.kind !== 'qizhong') return;
  const holds = (parts: Figure[]) => checkSum(b.whole, parts.map((f) => ({ f, sign: 1 }))).outcome !== 'mismatch';
  if (holds(b.parts)) return;
  const p = b.para;
  const last = b.parts[b.parts.length - 1];
  // Nothing of the list's kind may follow in its own paragraph: the list must run to the paragraph's end.
  if (p.figures.some((f) => f.start > last.end && f.kind === b.whole.kind && !f.change && f.kind !== 'percent' && f.depth === last.depth)) return;
  // Paragraphs that open with a figure of the list's kind (「公用经费46.89万元，…」, 「（二）社会保障…」).
  const more: Figure[] = [];
  for (let k = p.index + 1; k < paras.length && more.length < 12; k++) {
    const q = paras[k];
    const first = q.figures[0];
    if (q.isTable || !first || first.depth !== 0 || !partFits(b.whole, first)) break;
    if ((q.heading && q.heading.level <= 1) || q.norm.slice(0, first.labelStart).replace(/^\s*([（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?/, '').trim() !== '') break;
    more.push(first);
  }
  // Read on only as far as a known breakdown is complete, or the parts make the whole.
  for (let n = 1; n <= more.length; n++) {
    const parts = [...b.parts, ...more.slice(0, n)];
    if (completeBreakdown(parts) || holds(parts)) {
      b.parts.push(...more.slice(0, n));
      return;
    }
    if (!partialBreakdown(parts) && n === more.length) return;
  }
}

/**
 * The parts make their whole, so last year's parts made last year's whole: the changes stated for
 * each part (「较上年同月少支1962万元」) must add up to the whole's change (「少支5255万元」).
 */
export function checkChangesOfParts(ctx: AuditContext, b: Breakdown): void {
  const changeAfter = (f: Figure): Figure | undefined => {
    const q = ctx.paras[f.para];
    let i = (indexOf(q).position.get(f) ?? q.figures.length) + 1;
    while (i < q.figures.length && q.figures[i].kind === 'percent') i++;
    const next = q.figures[i];
    return next && next.change && next.kind === f.kind && next.sentence === f.sentence && next.clause - f.clause <= 1 && next.depth === f.depth ? next : undefined;
  };
  const wholeChange = changeAfter(b.whole);
  if (!wholeChange || b.parts.length < 2) return;
  const changes = b.parts.map(changeAfter);
  if (changes.some((c) => !c)) return;
  const terms = changes.map((c) => ({ f: c!, sign: c!.change === wholeChange.change ? 1 : -1 }));
  ctx.checks++;
  const res = checkSum(wholeChange, terms);
  if (res.outcome === 'mismatch') {
    const p = b.para;
    const unit = wholeChange.unit;
    const dec = Math.max(2, wholeChange.decimals, ...terms.map((t) => t.f.decimals));
    const factor = unitFactor(wholeChange);
    addFinding(ctx, 'parts-sum', 'error', p, wholeChange.labelStart, wholeChange.end,
      `${labelled(p, b.whole)}等于所列各项之和，其增减额也应等于各项增减额之和：${terms.map((t) => labelled(ctx.paras[t.f.para], t.f)).join('、')}合计${formatYuan(res.expected, unit, dec)}，文中${labelled(p, wholeChange)}`,
      `the parts make the whole, so their changes must make the whole's change: they add up to ${formatYuan(res.expected, unit, dec)}, the text says ${printed(p, wholeChange)}`,
      { expected: res.expected.div(factor).toFixed(dec), actual: wholeChange.value.toFixed(dec), difference: res.difference.div(factor).toFixed(dec), tolerance: res.allowance.div(factor).toFixed(Math.max(dec, 3)), label: wholeChange.label });
  }
}

export function checkBreakdown(ctx: AuditContext, b: Breakdown): void {
  const { para: p, whole, parts } = b;
  ctx.checks++;
  const res = checkSum(
    whole,
    parts.map((f) => ({ f, sign: 1 })),
  );
  const unit = whole.suspectUnit ?? whole.unit;
  const dec = Math.max(whole.decimals, ...parts.map((f) => f.decimals), 2);
  const expected = formatYuan(res.expected, unit, dec);
  const partsText = parts.map((f) => labelled(ctx.paras[f.para], f)).join('、');
  // The span stays in the whole's paragraph; parts read from the next paragraphs are named in the message.
  const lastHere = [...parts].reverse().find((f) => f.para === p.index) ?? whole;
  const extra = {
    expected: res.expected.div(unitFactor(whole)).toFixed(dec),
    actual: yuanOf(whole).div(unitFactor(whole)).toFixed(dec),
    difference: res.difference.div(unitFactor(whole)).toFixed(dec),
    tolerance: res.allowance.div(unitFactor(whole)).toFixed(Math.max(dec, 3)),
    label: whole.label,
  };
  const all = [whole, ...parts];
  if (res.outcome !== 'mismatch') {
    for (const f of all) {
      ctx.supported.add(f);
      if (f.suspectUnit) ctx.unitEvidence.add(f);
    }
    if (res.outcome === 'rounding') {
      addFinding(ctx, 'parts-sum', 'info', p, whole.start, lastHere.end,
        `${labelled(p, whole)}与所列明细合计${expected}相差${formatYuan(res.difference.abs(), unit, dec)}，在四舍五入尾差范围内`,
        `${whole.label} ${printed(p, whole)} differs from the sum of its parts (${expected}) by a rounding residue only`, extra);
    }
    return;
  }
  if (parts.length === 1) {
    // One 其中 item only: it may not exceed the whole.
    if (yuanOf(parts[0]).minus(halfYuan(parts[0])).lte(yuanOf(whole).plus(halfYuan(whole)))) {
      ctx.checks--;
      return;
    }
    for (const f of all) ctx.contradicted.add(f);
    addFinding(ctx, 'parts-sum', 'error', p, whole.start, parts[0].end,
      `其中数大于总数：${labelled(p, parts[0])}超过了${labelled(p, whole)}`,
      `a part exceeds its total: ${parts[0].label} ${printed(p, parts[0])} > ${whole.label} ${printed(p, whole)}`, extra);
    return;
  }
  const short = res.difference.gt(0);
  // Readings of a list that falls short of its whole: a selection (其中 names the main items; 含 what it
  // contains) or the whole breakdown. Only a breakdown that is whole by definition (人员经费 + 公用经费)
  // fails under both: an error. A list of most of the whole that is no known breakdown may still be a
  // selection: a warning. Counts of people overlap (职称 and 岗位 of the same staff): a notice at most.
  const complete = completeBreakdown(parts);
  if (whole.kind === 'count' || (short && !complete && (b.kind === 'paren' || partialBreakdown(parts) || res.expected.lt(yuanOf(whole).times(new Decimal('0.9')))))) {
    addFinding(ctx, 'parts-sum', 'info', p, whole.start, lastHere.end,
      `${labelled(p, whole)}所列明细（${partsText}）合计${expected}，与总数不同，请确认是否未列全`,
      `the parts listed for ${whole.label} add up to ${expected}, not the total; check whether the list is complete`, extra);
    return;
  }
  if (short && !complete) {
    addFinding(ctx, 'parts-sum', 'warning', p, whole.start, lastHere.end,
      `${labelled(p, whole)}与所列明细合计${expected}相差${formatYuan(res.difference.abs(), unit, dec)}：若已列出全部明细，则有数字错误`,
      `${whole.label} ${printed(p, whole)} differs from its listed parts (${expected}): a slip if the list is complete`, extra);
    return;
  }
  for (const f of all) ctx.contradicted.add(f);
  addFinding(ctx, 'parts-sum', 'error', p, whole.start, lastHere.end,
    `${labelled(p, whole)}与所列明细不符：${partsText}合计${expected}，相差${formatYuan(res.difference.abs(), unit, dec)}`,
    `${whole.label} ${printed(p, whole)} is not the sum of its parts: they add up to ${expected}`, extra);
}

/** Breakdowns that are whole by definition: when a list names every member, it must add up. */
const COMPLETE: RegExp[][] = [
  [/人员经费/, /公用经费/],
  [/基本支出/, /项目支出/],
  [/^(?!非)税收收入/, /非税收入/],
  [/工资福利/, /商品和服务/, /对个人和家庭/],
  // 基本支出 as the seed report splits it (REFERENCE §2.8): 工资福利 + 对个人和家庭的补助 + 日常公用经费.
  [/工资福利/, /对个人和家庭/, /公用经费/],
  [/因公出国/, /公务用车/, /公务接待/],
];

/**
 * A list that is a known breakdown with members missing (因公出国 and 公务用车 but no 公务接待) is a
 * selection: falling short of its total is what a selection does. A list of 80–100% of its whole that
 * is no known breakdown is read as complete, as writers list every non-zero source.
 */
function partialBreakdown(parts: Figure[]): boolean {
  const labels = parts.map(plainLabel);
  return COMPLETE.some((set) => labels.every((l) => set.some((re) => re.test(l))) && !set.every((re) => labels.some((l) => re.test(l))));
}

export function completeBreakdown(parts: Figure[]): boolean {
  const labels = parts.map(plainLabel);
  return COMPLETE.some((set) => set.every((re) => labels.some((l) => re.test(l))) && labels.every((l) => set.some((re) => re.test(l))));
}

/** A label in simplified characters, without the pinyin some mirrors insert (公務(wù)用車 → 公务用车). */
function plainLabel(f: Figure): string {
  return foldTraditional(withoutPinyin(f.label));
}

/**
 * 元 per unit of the figure as printed (the unit a slip is read as, when suspected). Looked up, not
 * computed as 元 ÷ value: dividing a figure of thousands of digits by itself is long division (n²).
 */
function unitFactor(f: Figure): Decimal {
  if (f.kind !== 'amount') return ONE;
  return UNIT_YUAN[f.suspectUnit ?? f.unit] ?? ONE;
}

const ONE = new Decimal(1);

/** 上年结转 + 年初预算 + 调增 − 调减 + 上级转移支付 = 实际支出 + 结余结转, within one paragraph. */
export function checkBalance(ctx: AuditContext, p: Paragraph, partsOfBreakdowns: Set<Figure>): void {
  if (p.isTable) return;
  const byRole = new Map<Role, Figure[]>();
  for (const f of p.figures) {
    if (partsOfBreakdowns.has(f) || f.depth > 0 || f.bound) continue;
    if (f.year === 'prev') continue;
    const r = roleOf(f);
    if (!r) continue;
    const list = byRole.get(r) ?? [];
    list.push(f);
    byRole.set(r, list);
  }
  // A role stated twice means several subjects in one paragraph: no single balance to check.
  for (const list of byRole.values()) if (list.length > 1) return;
  const one = (r: Role) => byRole.get(r)?.[0];
  const incomeGrand = one('incomeGrand');
  const expenditureGrand = one('expenditureGrand');
  // Writers often call the year's income 收入总计 (without 年初结转和结余), so 收入总计 = 支出总计 is a
  // reading only where the paragraph names the carry-over that makes the totals meet.
  const plainTotals = incomeGrand && expenditureGrand && /^(收入总计|收支总计)$/.test(incomeGrand.key) && expenditureGrand.key === '支出总计' && incomeGrand.sentence === expenditureGrand.sentence;
  if (incomeGrand && expenditureGrand && (plainTotals || /(年初|上年)(财政拨款)?结转|年末(财政拨款)?结转|结转和结余/.test(p.norm))) {
    report(ctx, p, expenditureGrand, [{ f: incomeGrand, sign: 1 }], '收入总计应等于支出总计', 'income grand total must equal expenditure grand total');
  }
  // The sources of 全年预算数 and their signs, as the project rules read them (budget-sources.ts).
  const sources = BUDGET_SOURCES.filter((s) => s.role && s.sign === 1)
    .map((s) => one(s.role as Role))
    .filter((f): f is Figure => !!f);
  const dec = one(BUDGET_SOURCES.find((s) => s.sign === -1)!.role as Role);
  const actual = one('actual');
  const carryOut = one('carryOut');
  const adjusted = one('adjusted');
  if (!actual) return;
  const hasBase = !!(one('carryIn') || one('initial'));
  const srcTerms = [...sources.map((f) => ({ f, sign: 1 })), ...(dec ? [{ f: dec, sign: -1 }] : [])];
  // Only when the sources are stated in full enough to add up (an omitted 调整 is common).
  if (adjusted && hasBase && sources.length + (dec ? 1 : 0) >= 2) {
    report(ctx, p, adjusted, srcTerms, '全年预算数应等于上年结转、年初预算与年中调整之和', 'the adjusted budget must equal carry-in + initial budget + adjustments');
  }
  if (carryOut && (adjusted || hasBase)) {
    const budget = adjusted ? [{ f: adjusted, sign: 1 }] : srcTerms;
    // Balance as: 结余结转 = 预算来源 − 实际支出.
    report(ctx, p, carryOut, [...budget, { f: actual, sign: -1 }], '结余结转应等于预算资金减实际支出', 'the carry-over must equal the budget less actual spending');
    return;
  }
  if (!carryOut && hasBase && sources.length >= 2) {
    // No carry-over stated: only used as evidence for a unit slip, never as an error by itself.
    const r = checkSum(actual, srcTerms);
    if (r.outcome !== 'mismatch' && actual.suspectUnit) ctx.unitEvidence.add(actual);
  }
}

function report(ctx: AuditContext, p: Paragraph, target: Figure, terms: { f: Figure; sign: number }[], ruleZh: string, ruleEn: string): void {
  ctx.checks++;
  const res = checkSum(target, terms);
  const all = [target, ...terms.map((t) => t.f)];
  const unit = target.suspectUnit ?? target.unit;
  const dec = Math.max(2, ...all.map((f) => f.decimals));
  const factor = unitFactor(target);
  const extra = {
    expected: res.expected.div(factor).toFixed(dec),
    actual: yuanOf(target).div(factor).toFixed(dec),
    difference: res.difference.div(factor).toFixed(dec),
    tolerance: res.allowance.div(factor).toFixed(Math.max(dec, 3)),
    label: target.label,
  };
  const first = Math.min(...all.map((f) => f.labelStart));
  const last = Math.max(...all.map((f) => f.end));
  const formula = terms
    .map((t, i) => `${i === 0 ? (t.sign < 0 ? '−' : '') : t.sign < 0 ? ' − ' : ' + '}${labelled(p, t.f)}`)
    .join('');
  if (res.outcome !== 'mismatch') {
    for (const f of all) {
      ctx.supported.add(f);
      if (f.suspectUnit) ctx.unitEvidence.add(f);
    }
    if (res.outcome === 'rounding') {
      addFinding(ctx, 'balance', 'info', p, first, last,
        `${ruleZh}：${formula} = ${formatYuan(res.expected, unit, dec)}，与${labelled(p, target)}相差${formatYuan(res.difference.abs(), unit, dec)}，属四舍五入尾差`,
        `${ruleEn}: off by a rounding residue only`, extra);
    }
    return;
  }
  for (const f of all) ctx.contradicted.add(f);
  const said =
    terms.length === 1 && terms[0].sign === 1
      ? `${labelled(p, terms[0].f)}，${labelled(p, target)}，相差${formatYuan(res.difference.abs(), unit, dec)}`
      : `${formula} = ${formatYuan(res.expected, unit, dec)}，而文中${labelled(p, target)}，相差${formatYuan(res.difference.abs(), unit, dec)}`;
  addFinding(ctx, 'balance', 'error', p, first, last,
    `${ruleZh}：${said}`,
    `${ruleEn}: the figures give ${formatYuan(res.expected, unit, dec)} but the text says ${printed(p, target)}`, extra);
}
