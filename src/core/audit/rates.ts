/**
 * Percentages the text derives from its own figures: 「占X%」 shares, 「比上年增加D，增长X%」
 * changes and 「完成预算的X%」 / 执行率 completion rates. Recomputed half-up at the printed
 * precision; a value only truncation explains is a notice.
 */
import Decimal from 'decimal.js';
import { checkRate, halfYuan, RateOutcome, yuanOf } from './arith';
import { halfUnit, outcomeOf } from '../rounding';
import { addFinding, AuditContext, labelled, printed } from './context';
import { Figure, Paragraph } from './extract';
import { Role, roleOf } from './roles';
import { BUDGET_SOURCES } from '../budget-sources';
import { withoutPinyin } from '../traditional';
import { startingIn } from './positions';
import { Breakdown } from './structures';

function sameSentence(p: Paragraph, a: Figure, b: Figure): boolean {
  return a.sentence === b.sentence;
}

function valueOf(f: Figure): Decimal {
  return f.kind === 'amount' ? yuanOf(f) : f.value;
}

function halfOf(f: Figure): Decimal {
  return f.kind === 'amount' ? halfYuan(f) : new Decimal('0.5').times(new Decimal(10).pow(-f.decimals));
}

function rateFinding(
  ctx: AuditContext,
  rule: 'share' | 'change-rate' | 'completion-rate',
  p: Paragraph,
  pct: Figure,
  outcome: RateOutcome,
  expected: Decimal,
  how: string,
  howEn: string,
  spanStart: number,
): void {
  ctx.checks++;
  if (outcome === 'ok') return;
  const exp = `${expected.toFixed(pct.decimals)}%`;
  const extra = { expected: expected.toFixed(pct.decimals), actual: pct.value.toFixed(pct.decimals), unit: '%' as const, label: pct.label };
  if (outcome === 'truncated') {
    addFinding(ctx, rule, 'warning', p, spanStart, pct.end, `${how}应为${exp}（四舍五入），文中${printed(p, pct)}是截尾所得`, `${howEn} rounds to ${exp}; ${printed(p, pct)} was truncated`, extra);
    return;
  }
  if (outcome === 'double') {
    addFinding(ctx, rule, 'warning', p, spanStart, pct.end, `${how}应为${exp}（一次四舍五入），文中${printed(p, pct)}是两次舍入所得`, `${howEn} rounds to ${exp}; ${printed(p, pct)} was rounded twice`, extra);
    return;
  }
  addFinding(ctx, rule, 'error', p, spanStart, pct.end, `${how}应为${exp}，文中写作${printed(p, pct)}`, `${howEn} gives ${exp}, the text says ${printed(p, pct)}`, extra);
}

/** Where a percentage's 「占」 names its base: 「占总支出的」 → 总支出. */
function shareBase(label: string): string | null {
  const m = /占(.*)$/.exec(label);
  if (!m) return null;
  return m[1].replace(/(的比重|的比例|比重|比例|的|比)$/g, '').replace(/^(本年|全年|当年)/, '');
}

/** 「财政拨款收支总预算」 and 「支出总预算」 name one total: the budget's spending side equals its income side. */
function canonicalTotal(s: string): string {
  return s.replace(/^(本年|全年|当年|部门|单位|财政拨款)+/, '').replace(/^收支总预算(数)?$/, '支出总预算').replace(/^总支出预算$/, '支出总预算');
}

function baseMatches(base: string, f: Figure): boolean {
  if (!base || f.key.length === 0) return false;
  if (canonicalTotal(base) === canonicalTotal(f.key)) return true;
  const b = base.replace(/^总/, '');
  const k = f.key.replace(/^总|合计$|总额$|总计$/g, '');
  return f.key === base || k === b || (b.length >= 2 && (k.endsWith(b) || b.endsWith(k)) && Math.min(k.length, b.length) >= 2);
}

/** A base that names a total (支出总预算, 一般公共预算支出), not an item's own budget (年初预算). */
function namesTotal(base: string): boolean {
  return base.length >= 2 && !/^(年初|全年|调整后)?预算(数)?$/.test(base) && !/执行|完成/.test(base) && /支出|收入|总|合计/.test(base);
}

/**
 * The total a share names, stated in another paragraph of the document: used only when every such
 * statement gives the same amount (「占支出总预算78.33%」 and 「财政拨款收支总预算1085203.63元」).
 */
function wholeElsewhere(ctx: AuditContext, p: Paragraph, base: string, part: Figure): Figure | undefined {
  if (!namesTotal(base)) return undefined;
  const cands: Figure[] = [];
  for (const q of ctx.paras) {
    if (q.isTable || q === p) continue;
    for (const f of q.figures) {
      if (f === part || f.kind !== part.kind || f.change || f.bound || f.base || (f.year || ctx.docYear) !== (part.year || ctx.docYear)) continue;
      if (baseMatches(base, f)) cands.push(f);
    }
  }
  if (cands.length === 0) return undefined;
  const values = new Set(cands.map((f) => yuanOf(f).toString()));
  return values.size === 1 ? cands[0] : undefined;
}

/** The part a share 「占X%」 is of: the nearest amount or count before it in its sentence, one clause back at most. */
function partBefore(p: Paragraph, i: number): Figure | undefined {
  const pct = p.figures[i];
  for (let j = i - 1; j >= 0; j--) {
    const f = p.figures[j];
    if (!sameSentence(p, f, pct) || pct.clause - f.clause > 1) return undefined;
    if ((f.kind === 'amount' || f.kind === 'count') && !f.change) return f;
  }
  return undefined;
}

export function checkShares(ctx: AuditContext, p: Paragraph, breakdowns: Breakdown[]): void {
  if (p.isTable) return;
  const partOf = new Map<Figure, Breakdown>();
  for (const b of breakdowns) for (const f of b.parts) partOf.set(f, b);
  for (let i = 0; i < p.figures.length; i++) {
    const pct = p.figures[i];
    if (pct.kind !== 'percent' || pct.change) continue;
    // 「860人，占全镇党员总数1,075人的80.00%」: the base is the figure the 占 phrase names.
    const named = p.figures[i - 1];
    if (named && named.sentence === pct.sentence && /^占/.test(named.label) && /^(的)?(比重|比例)?$/.test(pct.label) && named.kind !== 'percent') {
      const part = p.figures[i - 2];
      if (part && part.kind === named.kind && part.sentence === pct.sentence && !part.change) {
        const r = checkRate(pct, valueOf(part), halfOf(part), valueOf(named), halfOf(named));
        if (r) rateFinding(ctx, 'share', p, pct, r.outcome, r.expected, `${labelled(p, part)}占${labelled(p, named).replace(/^占/, '')}的比例`, `the share of ${part.label} in ${named.label}`, part.labelStart);
      }
      continue;
    }
    const base = shareBase(pct.label);
    if (base === null) continue;
    const part = partBefore(p, i);
    if (!part) continue;
    let whole: Figure | undefined;
    if (base) {
      const cands = p.figures.filter((f) => f !== part && f.kind === part!.kind && !f.change && !f.bound && f.year === part!.year && baseMatches(base, f));
      if (cands.length === 1) whole = cands[0];
      else if (cands.length === 0) whole = wholeElsewhere(ctx, p, base, part);
    } else if (partOf.has(part)) {
      whole = partOf.get(part)!.whole;
    }
    if (!whole) continue;
    const r = checkRate(pct, valueOf(part), halfOf(part), valueOf(whole), halfOf(whole));
    if (!r) continue;
    ctx.sharesChecked.add(pct);
    rateFinding(ctx, 'share', p, pct, r.outcome, r.expected,
      `${labelled(p, part)}占${labelled(ctx.paras[whole.para], whole)}的比例`, `the share of ${part.label} in ${whole.label}`, Math.min(part.labelStart, pct.start));
  }
  // A list of shares in one breakdown should add up to 100% when the parts make the whole.
  for (const b of breakdowns) {
    const shares: Figure[] = [];
    for (const part of b.parts) {
      const next = p.figures[p.figures.indexOf(part) + 1];
      if (next && next.kind === 'percent' && shareBase(next.label) === '' && next.sentence === part.sentence) shares.push(next);
    }
    if (shares.length < 2 || shares.length !== b.parts.length) continue;
    ctx.checks++;
    let sum = new Decimal(0);
    let allowance = new Decimal(0);
    for (const s of shares) {
      sum = sum.plus(s.value);
      allowance = allowance.plus(halfUnit(s.decimals));
    }
    if (outcomeOf(sum.minus(100), allowance) === 'mismatch' && ctx.supported.has(b.whole)) {
      addFinding(ctx, 'share', 'error', p, shares[0].start, shares[shares.length - 1].end,
        `各项占比合计${sum.toFixed(2)}%，不等于100%`, `the shares add up to ${sum.toFixed(2)}%, not 100%`,
        { expected: '100', actual: sum.toString(), unit: '%' });
    }
  }
}

// 「与2021年度预算相比，减少0.28万元，下降15%」: a change against the budget is read the same way.
const CONTEXT = /(比上年|比去年|同比|较上年|较去年|与上年相比|比上一年|较上一年|比\d{4}年|较\d{4}年|上年|去年|与[^，,。；;]{0,12}预算(数)?相比|较[^，,。；;]{0,8}预算(数)?)/;

export function checkChanges(ctx: AuditContext, p: Paragraph): void {
  if (p.isTable) return;
  for (let i = 0; i < p.figures.length; i++) {
    const pct = p.figures[i];
    if (pct.kind !== 'percent' || !pct.change) continue;
    const sentenceText = p.norm.slice(p.sentenceStarts[pct.sentence], pct.start);
    if (!CONTEXT.test(sentenceText) && !CONTEXT.test(pct.label)) continue;
    const before = p.figures.slice(0, i).filter((f) => f.sentence === pct.sentence && (f.kind === 'amount' || f.kind === 'count'));
    // D: the change amount stated just before the rate, same direction.
    let d: Figure | undefined = before[before.length - 1];
    if (!d || !d.change || d.change !== pct.change || pct.clause - d.clause > 1) d = undefined;
    const rest = d ? before.slice(0, before.indexOf(d)) : before;
    // The figure a change is of: never a base named in a clause (「完成年初预算数60999万元的40.4%」).
    // Nor a figure in brackets beside it (「（剔除…因素22000万元的影响）较上年同期增收…」).
    let current = [...rest].reverse().find((f) => !f.change && f.year !== 'prev' && !f.base && !f.bound && f.depth === pct.depth);
    // 「…“三公”经费总支出为1928.76万元。与上年相比，…支出减少了1093.92万元，下降了36.2%。」: a sentence that opens
    // with the comparison speaks of the one figure the sentence before stated.
    if (!current && d && /^\s*(与上年相比|与去年相比|比上年|较上年|同比)/.test(p.norm.slice(p.sentenceStarts[pct.sentence]))) {
      const stated = p.figures.filter((f) => f.sentence === pct.sentence - 1 && f.kind === d!.kind && !f.change && !f.base && !f.bound && f.year !== 'prev');
      if (stated.length === 1 && p.figures.filter((f) => f.sentence === pct.sentence - 1 && f.kind === 'percent').length === 0) current = stated[0];
    }
    if (!current) continue;
    // 「A，其中B b，C c，比上年减少d」 may speak of A or of C: either reading is accepted.
    const q = p.norm.lastIndexOf('其中', (d ?? pct).start);
    const kind = current.kind;
    const alt = q >= p.sentenceStarts[pct.sentence] && q > 0 ? [...rest].reverse().find((f) => f.end <= q && !f.change && f.year !== 'prev' && !f.base && !f.bound && f.kind === kind) : undefined;
    const first = current;
    // Last year's figure of the same subject: named after it (「1969万元，较2024年的2190万元」), or just before
    // it in the same clause group; never the previous item's across a 「；」.
    const prev = rest.find(
      (f) => f !== first && !f.change && f.year === 'prev' && f.kind === kind && (f.start > first.start || (first.clause - f.clause <= 1 && !/[;；]/.test(p.norm.slice(f.end, first.start)))),
    );
    if (d && d.kind !== kind) continue;
    const sign = pct.change === 'up' ? 1 : -1;
    let base: Decimal;
    let baseHalf: Decimal;
    let delta: Decimal;
    let deltaHalf: Decimal;
    if (d) {
      delta = valueOf(d);
      deltaHalf = halfOf(d);
      base = valueOf(current).minus(delta.times(sign));
      baseHalf = halfOf(current).plus(deltaHalf);
      if (prev) {
        // Both stated: the change amount itself must be current − previous.
        ctx.checks++;
        const diff = valueOf(current).minus(valueOf(prev)).times(sign).minus(delta).abs();
        if (diff.gt(halfOf(current).plus(halfOf(prev)).plus(deltaHalf))) {
          addFinding(ctx, 'change-rate', 'error', p, prev.labelStart, d.end,
            `${labelled(p, current)}与${labelled(p, prev)}相差${valueOf(current).minus(valueOf(prev)).abs().div(valueOf(d).div(d.value.isZero() ? 1 : d.value)).toFixed(Math.max(d.decimals, 2))}${d.unit}，文中写作${printed(p, d)}`,
            `the stated change ${printed(p, d)} is not current − previous`, { label: d.label });
          continue;
        }
      }
    } else if (prev) {
      base = valueOf(prev);
      baseHalf = halfOf(prev);
      delta = valueOf(current).minus(base).times(sign);
      deltaHalf = halfOf(current).plus(baseHalf);
      if (delta.lt(0)) {
        ctx.checks++;
        addFinding(ctx, 'change-rate', 'error', p, prev.labelStart, pct.end,
          `${labelled(p, current)}与${labelled(p, prev)}相比实为${sign > 0 ? '减少' : '增加'}，文中写作「${pct.label}」`,
          `the direction of the change is wrong`, { label: pct.label });
        continue;
      }
    } else continue;
    let r = checkRate(pct, delta, deltaHalf, base, baseHalf);
    if (!r) continue;
    if (r.outcome !== 'ok' && alt && d && !prev) {
      const altBase = valueOf(alt).minus(delta.times(sign));
      const r2 = checkRate(pct, delta, deltaHalf, altBase, halfOf(alt).plus(deltaHalf));
      if (r2 && r2.outcome === 'ok') continue;
      if (r2) {
        // Neither reading holds: report it against the sentence's subject.
        r = r2;
        current = alt;
      }
    }
    const word = pct.change === 'up' ? '增长幅度' : '下降幅度';
    rateFinding(ctx, 'change-rate', p, pct, r.outcome, r.expected, `按${labelled(p, current)}${d ? `、${labelled(p, d)}` : `与${labelled(p, prev!)}`}计算，${word}`, 'the change rate', Math.min(current.labelStart, pct.start));
  }
}

const SOURCE_ROLES = BUDGET_SOURCES.filter((s) => s.role).map((s) => s.role as Role);
const ADDED_ROLES = BUDGET_SOURCES.filter((s) => s.role && s.sign === 1).map((s) => s.role as Role);

const COMPLETION = /(完成|达到)(了)?(年初|全年|调整后)?预算(数)?(的)?$|(预算)?执行率(为|达到|达)?$|完成率(为|达到|达)?$|资金使用率(为)?$/;

/** Budget totals a unit-level rate can be read against when its paragraph names none. */
export const BUDGET_TOTAL = /^(全年预算(数|总额)?|预算收入(总额)?|调整后预算(数)?|预算总额|全年预算收入)$/;

/** The item a budget figure's label names, without the words for budget, spending and completion. */
function itemOf(f: Figure): string {
  return f.key.replace(/(一般公共预算|财政拨款|年初|全年|调整后|预算数?|决算数?|支出|执行数|实际|完成|安排|为|的|数)/g, '');
}


/**
 * A paragraph's figures sorted out once for its rates' look-backs (by role and bracket depth; the
 * plain amounts), so each rate searches them instead of filtering the whole paragraph again: a
 * paragraph of thousands of 执行率 must not cost their square.
 */
function completionIndex(p: Paragraph) {
  const byRole = new Map<string, Figure[]>();
  const sourcesAtDepth = new Map<number, number>();
  const amounts: Figure[] = [];
  const unnamedAmounts: Figure[] = [];
  for (const f of p.figures) {
    const role = roleOf(f);
    if (role && f.year !== 'prev') {
      const k = `${role}|${f.depth}`;
      const list = byRole.get(k);
      if (list) list.push(f);
      else byRole.set(k, [f]);
    }
    if (SOURCE_ROLES.includes(role as Role)) sourcesAtDepth.set(f.depth, (sourcesAtDepth.get(f.depth) ?? 0) + 1);
    if (f.kind === 'amount' && !f.change && !f.bound && f.year !== 'prev') {
      amounts.push(f);
      if (!f.base) unnamedAmounts.push(f);
    }
  }
  return { byRole, sourcesAtDepth, amounts, unnamedAmounts };
}

export function checkCompletion(ctx: AuditContext, p: Paragraph, scopeBudgets: Figure[] = []): void {
  if (p.isTable) return;
  let index: ReturnType<typeof completionIndex> | undefined;
  for (const pct of p.figures) {
    if (pct.kind !== 'percent' || pct.change || pct.year === 'prev') continue;
    const lbl = withoutPinyin(p.norm.slice(Math.max(0, pct.start - 20), pct.start)).replace(/\s/g, '');
    const m = COMPLETION.exec(lbl);
    if (!m) continue;
    const ix = (index ??= completionIndex(p));
    // Figures before the rate in its own sentence start at the sentence's start.
    const sentenceStart = p.sentenceStarts[pct.sentence] ?? 0;
    const pick = (role: string): Figure | undefined => {
      const list = ix.byRole.get(`${role}|${pct.depth}`) ?? [];
      const [, before] = startingIn(list, 0, pct.start);
      const [sameFirst, sameEnd] = startingIn(list, sentenceStart, pct.start);
      if (sameEnd - sameFirst === 1) return list[sameFirst];
      if (sameEnd === sameFirst && before === 1) return list[0];
      return undefined;
    };
    let actual = pick('actual');
    let adjusted = pick('adjusted');
    if (!actual) {
      // 「支出总计1741.75万元，与上年相比减少53.7万元，降低2.99%；完成年初预算100%，决算数大于预算数55.93万元」
      const [subjectFirst, subjectEnd] = startingIn(ix.unnamedAmounts, sentenceStart, pct.start);
      if (subjectEnd - subjectFirst === 1) checkAgainstDifference(ctx, p, pct, ix.unnamedAmounts[subjectFirst]);
      // 「整体支出1,356.73万元，完成全年预算的95.61%」: the amount just before the rate.
      const [nearFirst, nearEnd] = startingIn(ix.amounts, sentenceStart, pct.start);
      const cand = nearEnd > nearFirst ? ix.amounts[nearEnd - 1] : undefined;
      if (!cand || pct.clause - cand.clause > 1 || !/支出|执行|使用/.test(cand.key)) continue;
      actual = cand;
      if (!adjusted) {
        const values = new Set(scopeBudgets.filter((f) => f !== cand).map((f) => yuanOf(f).toString()));
        const b = scopeBudgets.find((f) => f !== cand);
        if (values.size === 1 && b) adjusted = b;
      }
    }
    let initial = pick('initial');
    // A budget stated in another sentence is the actual's only when it names the same item: the 三公
    // total's 年初预算 is not 公务接待费's (whose own budget the text does not give).
    if (initial && initial.sentence !== pct.sentence && itemOf(initial) !== itemOf(actual)) initial = undefined;
    if (adjusted && adjusted.para === pct.para && adjusted.sentence !== pct.sentence && itemOf(adjusted) !== itemOf(actual)) adjusted = undefined;
    const wantsInitial = m[3] === '年初';
    let budget: { v: Decimal; h: Decimal; text: string } | undefined;
    if (wantsInitial && initial) budget = { v: yuanOf(initial), h: halfYuan(initial), text: labelled(p, initial) };
    else if (!wantsInitial && adjusted) budget = { v: yuanOf(adjusted), h: halfYuan(adjusted), text: labelled(ctx.paras[adjusted.para], adjusted) };
    else if (!wantsInitial) {
      // The sources of 全年预算数 as the project rules read them (budget-sources.ts).
      const srcs = ADDED_ROLES.map(pick).filter((f): f is Figure => !!f);
      const dec = pick('decrease');
      const mentioned = ix.sourcesAtDepth.get(pct.depth) ?? 0;
      if (srcs.length === 0 || mentioned !== srcs.length + (dec ? 1 : 0)) continue;
      let v = new Decimal(0);
      let h = new Decimal(0);
      for (const f of srcs) {
        v = v.plus(yuanOf(f));
        h = h.plus(halfYuan(f));
      }
      if (dec) {
        v = v.minus(yuanOf(dec));
        h = h.plus(halfYuan(dec));
      }
      budget = { v, h, text: srcs.length === 1 && !dec ? labelled(p, srcs[0]) : `全年预算（${[...srcs, ...(dec ? [dec] : [])].map((f) => labelled(p, f)).join('、')}）` };
    }
    if (!budget) {
      checkAgainstDifference(ctx, p, pct, actual);
      continue;
    }
    const r = checkRate(pct, yuanOf(actual), halfYuan(actual), budget.v, budget.h);
    if (!r) continue;
    if (r.outcome === 'mismatch' && !wantsInitial && initial && initial !== adjusted) {
      const alt = checkRate(pct, yuanOf(actual), halfYuan(actual), yuanOf(initial), halfYuan(initial));
      if (alt && alt.outcome === 'ok') {
        ctx.checks++;
        addFinding(ctx, 'completion-rate', 'warning', p, Math.min(actual.labelStart, pct.start), pct.end,
          `执行率应以调整后的全年预算为分母：${labelled(p, actual)}÷${budget.text}为${r.expected.toFixed(pct.decimals)}%，文中${printed(p, pct)}是按${labelled(p, initial)}计算的`,
          `the execution rate must use the adjusted budget: ${r.expected.toFixed(pct.decimals)}%; ${printed(p, pct)} was computed on the initial budget`,
          { expected: r.expected.toFixed(pct.decimals), actual: pct.value.toFixed(pct.decimals), unit: '%' });
        continue;
      }
    }
    rateFinding(ctx, 'completion-rate', p, pct, r.outcome, r.expected, `${labelled(p, actual)}÷${budget.text}`, 'actual ÷ budget', Math.min(actual.labelStart, pct.start));
  }
}

const NUM = '(\\d[\\d,]*(?:\\.\\d+)?)';
/**
 * 「收、支总计各是A，B万元。与上年相比，收、支总计各减少C，D万元，各下降E%、F%」: two quantities, two changes and
 * two rates paired in order (the 各 construction of the national 决算说明 template).
 */
const PARALLEL = new RegExp(
  `各(?:是|为)\\s*${NUM}\\s*[,，、和]\\s*${NUM}\\s*(万元|亿元|元)[\\s\\S]{0,120}?各(增加|减少)\\s*${NUM}\\s*[,，、和]\\s*${NUM}\\s*(?:万元|亿元|元)?\\s*[,，]?\\s*各(增长|下降)\\s*${NUM}\\s*%\\s*[,，、和]\\s*${NUM}\\s*%`,
  'gd',
);

function decimalOf(text: string): { v: Decimal; half: Decimal } {
  const t = text.replace(/,/g, '');
  const dot = t.indexOf('.');
  return { v: new Decimal(t), half: halfUnit(dot < 0 ? 0 : t.length - dot - 1) };
}

export function checkParallel(ctx: AuditContext, p: Paragraph): void {
  if (p.isTable) return;
  for (const m of p.norm.matchAll(PARALLEL)) {
    const idx = (m as RegExpMatchArray & { indices: [number, number][] }).indices;
    const up = m[4] === '增加';
    if (up !== (m[7] === '增长')) continue;
    for (const k of [0, 1]) {
      const current = decimalOf(m[1 + k]);
      const change = decimalOf(m[5 + k]);
      const pctStart = idx[8 + k][0];
      const pct = p.figures.find((f) => f.kind === 'percent' && f.start === pctStart);
      if (!pct) continue;
      // Last year's figure: this year's less the increase, or plus the decrease.
      const base = up ? current.v.minus(change.v) : current.v.plus(change.v);
      const r = checkRate(pct, change.v, change.half, base, current.half.plus(change.half));
      if (!r) continue;
      rateFinding(ctx, 'change-rate', p, pct, r.outcome, r.expected, `按${m[1 + k]}与${up ? '增加' : '减少'}${m[5 + k]}计算，${up ? '增长' : '下降'}幅度`, 'the change rate', idx[5 + k][0]);
    }
  }
}


interface ShareOf {
  p: Paragraph;
  part: Figure;
  pct: Figure;
}

/** The totals a share allows, part ÷ share, with the part's rounding and the share rounded or truncated. */
function impliedWhole(s: ShareOf): [Decimal, Decimal] {
  const v = valueOf(s.part);
  const h = halfOf(s.part);
  const unit = new Decimal(10).pow(-s.pct.decimals);
  const lowShare = s.pct.value.minus(unit.div(2));
  const lo = v.minus(h).div(s.pct.value.plus(unit)).times(100);
  const hi = lowShare.gt(0) ? v.plus(h).div(lowShare).times(100) : new Decimal(Infinity);
  return [lo, hi];
}

function consistent(group: ShareOf[]): boolean {
  let lo = new Decimal(0);
  let hi = new Decimal(Infinity);
  for (const s of group) {
    const [a, b] = impliedWhole(s);
    lo = Decimal.max(lo, a);
    hi = Decimal.min(hi, b);
  }
  return lo.lte(hi);
}

function aboutWhole(s: ShareOf): string {
  const [a, b] = impliedWhole(s);
  const mid = a.plus(b.isFinite() ? b : a).div(2);
  const u = s.part.kind === 'amount' ? (s.part.suspectUnit ?? s.part.unit) : s.part.unit;
  const factor = s.part.kind === 'amount' ? yuanOf(s.part).div(s.part.value.isZero() ? 1 : s.part.value) : new Decimal(1);
  return `${mid.div(factor).toDecimalPlaces(Math.max(0, s.part.decimals)).toString()}${u}`;
}

/**
 * Shares of one total must be proportional to their parts, whatever the total is: 「基本支出2476260.58元，
 * 占一般公共预算支出的84.06%」 and 「项目支出469500元，占一般公共预算支出的19.62%」 imply two different totals.
 * Groups: shares naming the same total in one section of the document, and the bare 「占X%」 of one
 * sentence's list. When the list is a whole by definition (the three 三公 items), its total is their sum.
 */
export function checkShareProportions(ctx: AuditContext, complete: (labels: Figure[]) => boolean): void {
  const groups = new Map<string, ShareOf[]>();
  let section = 0;
  for (const p of ctx.paras) {
    if (p.heading?.level === 1) section = p.index;
    if (p.isTable) continue;
    p.figures.forEach((pct, i) => {
      if (pct.kind !== 'percent' || pct.change || pct.year === 'prev' || ctx.sharesChecked.has(pct)) return;
      const base = shareBase(pct.label);
      if (base === null || (base !== '' && !namesTotal(base))) return;
      const part = partBefore(p, i);
      if (!part || part.base || part.bound || part.year === 'prev' || valueOf(part).isZero()) return;
      if (pct.value.isZero()) return;
      const key = base === '' ? `bare:${p.index}:${pct.sentence}` : `named:${section}:${canonicalTotal(base)}:${part.year || ctx.docYear}:${part.kind}`;
      const list = groups.get(key) ?? [];
      if (!list.some((s) => s.part === part)) list.push({ p, part, pct });
      groups.set(key, list);
    });
  }
  for (const group of groups.values()) {
    if (group.length < 2 || group.some((s) => s.part.kind !== group[0].part.kind)) continue;
    // The same item twice (民生支出 of one city, then of the next): the shares are of different totals.
    if (new Set(group.map((s) => s.part.key)).size < group.length) continue;
    ctx.checks++;
    const fits = consistent(group);
    // A whole by definition: the total is the sum of the listed parts (zero items included).
    const bare = !group.some((s) => shareBase(s.pct.label) !== '');
    const p0 = group[0].p;
    const listed = bare ? p0.figures.filter((f) => f.sentence === group[0].pct.sentence && (f.kind === 'amount') && !f.change && !f.base && p0.figures[p0.figures.indexOf(f) + 1]?.kind === 'percent') : [];
    if (bare && group[0].part.kind === 'amount' && listed.length >= group.length && complete(listed)) {
      let sum = new Decimal(0);
      let half = new Decimal(0);
      // An item of 0 (「因公出国（境）费支出决算0万元」) is nothing spent, not a rounded amount.
      for (const f of listed) {
        sum = sum.plus(yuanOf(f));
        if (!f.value.isZero()) half = half.plus(halfYuan(f));
      }
      for (const s of group) {
        const r = checkRate(s.pct, valueOf(s.part), halfOf(s.part), sum, half);
        if (!r || r.outcome === 'ok') continue;
        ctx.sharesChecked.add(s.pct);
        const how = `${labelled(s.p, s.part)}占所列各项合计${formatSum(sum, s.part)}的比例`;
        if (fits) {
          // The shares may be of another total the text does not name: a warning, never an error.
          addFinding(ctx, 'share', 'warning', s.p, s.part.labelStart, s.pct.end,
            `${how}应为${r.expected.toFixed(s.pct.decimals)}%，文中写作${printed(s.p, s.pct)}${r.outcome === 'truncated' ? '（截尾所得）' : r.outcome === 'double' ? '（两次舍入所得）' : '；若占比另有总数，请注明'}`,
            `the share of the listed total gives ${r.expected.toFixed(s.pct.decimals)}%, the text says ${printed(s.p, s.pct)}`,
            { expected: r.expected.toFixed(s.pct.decimals), actual: s.pct.value.toFixed(s.pct.decimals), unit: '%' });
        } else rateFinding(ctx, 'share', s.p, s.pct, r.outcome, r.expected, how, 'the share of the listed total', s.part.labelStart);
      }
      continue;
    }
    if (fits) continue;
    // The share that alone breaks the proportion, when there is one; else the last one stated.
    const culprits = group.filter((s) => consistent(group.filter((t) => t !== s)));
    const blamed = culprits.length === 1 ? culprits[0] : group[group.length - 1];
    const others = group.filter((s) => s !== blamed);
    const text = (s: ShareOf) => `${labelled(s.p, s.part)}占${printed(s.p, s.pct)}（推算总数约${aboutWhole(s)}）`;
    ctx.sharesChecked.add(blamed.pct);
    addFinding(ctx, 'share', 'error', blamed.p, blamed.part.labelStart, blamed.pct.end,
      `同一总数的各项占比应与金额成比例：${text(blamed)}，而${others.map(text).join('、')}，不可能都对`,
      `shares of one total must be proportional to their parts: ${blamed.part.label} ${printed(blamed.p, blamed.pct)} implies a different total from the others`,
      {
        actual: blamed.pct.value.toFixed(blamed.pct.decimals),
        unit: '%',
        related: others.map((s) => ({ sheet: '', cell: '', label: `${s.part.label}（第${s.p.index + 1}段）`, value: `${s.pct.value.toFixed(s.pct.decimals)}%` })),
      });
  }
}

function formatSum(sum: Decimal, like: Figure): string {
  const factor = yuanOf(like).div(like.value.isZero() ? 1 : like.value);
  return `${sum.div(factor).toFixed(Math.max(2, like.decimals))}${like.suspectUnit ?? like.unit}`;
}

const OVER_BUDGET = /^[,，;；]?\s*(决算数?|支出数?|执行数?)?(大于|超过|超出|高于|小于|低于|少于)(年初)?预算(数)?\s*$/;

/**
 * 「完成年初预算100%，决算数大于预算数55.93万元」: the difference gives the budget (actual ∓ difference), and the
 * rate must be actual ÷ that budget. A warning only: 预算数 might name another budget than the rate's.
 */
function checkAgainstDifference(ctx: AuditContext, p: Paragraph, pct: Figure, actual: Figure): void {
  const diff = p.figures.find((f) => f.start > pct.end && f.sentence === pct.sentence && f.kind === 'amount' && OVER_BUDGET.test(withoutPinyin(p.norm.slice(pct.end, f.start)).replace(/^[^,，;；]*?(?=[,，;；])/, '')));
  if (!diff || actual.kind !== 'amount') return;
  const over = /大于|超过|超出|高于/.test(p.norm.slice(pct.end, diff.start));
  const budget = over ? yuanOf(actual).minus(yuanOf(diff)) : yuanOf(actual).plus(yuanOf(diff));
  const r = checkRate(pct, yuanOf(actual), halfYuan(actual), budget, halfYuan(actual).plus(halfYuan(diff)));
  if (!r) return;
  ctx.checks++;
  if (r.outcome === 'ok') return;
  const exp = `${r.expected.toFixed(pct.decimals)}%`;
  addFinding(ctx, 'completion-rate', 'warning', p, pct.labelStart, diff.end,
    `按${labelled(p, actual)}与${over ? '超出' : '低于'}预算${printed(p, diff)}推算，预算为${budget.div(yuanOf(actual).div(actual.value.isZero() ? 1 : actual.value)).toFixed(Math.max(2, actual.decimals))}${actual.unit}，完成率应为${exp}，文中写作${printed(p, pct)}；若两处“预算”所指不同，请注明`,
    `with ${actual.label} and the stated difference from the budget, the rate is ${exp}, not ${printed(p, pct)}`,
    { expected: r.expected.toFixed(pct.decimals), actual: pct.value.toFixed(pct.decimals), unit: '%' });
}
