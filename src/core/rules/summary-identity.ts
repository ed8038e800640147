/** Identities 6–10 of REFERENCE §2 on the summary sheets (收支总表 and 决算 收入支出决算总表). */
import { Finding } from '../findings';
import { SummaryBlock, SummaryLine, SummaryLineKey } from '../model';
import { EXPENDITURE_KEYS, INCOME_KEYS } from '../recognise/summary';
import { checkIdentity, formulaOf, notChecked, Operandish, readingHolds, Rule, RuleContext } from './context';

interface Located {
  line: SummaryLine;
  block: SummaryBlock;
  index: number;
}

const BASIC_ECONOMIC: SummaryLineKey[] = ['wages', 'goodsServices', 'individualSubsidies', 'capital'];
const BASIC_FUNCTIONAL: SummaryLineKey[] = ['personnel', 'publicFunds'];
const INCOME_SOURCES: SummaryLineKey[] = ['initialBudget', 'adjustment', 'otherFunds', 'fiscalCurrent', 'carryIn'];
const EXPENDITURE_PARTS: SummaryLineKey[] = ['basicExpenditure', 'projectExpenditure', 'upperRemit', 'operatingExpenditure', 'subsidyToAffiliated'];
const FINAL_TOTALS = new Set<SummaryLineKey>(['yearIncomeTotal', 'incomeGrandTotal', 'yearExpenditureTotal', 'expenditureGrandTotal', 'useNonFiscalBalance', 'openingBalance', 'balanceDistribution', 'closingBalance']);

function op(l: Located, weight = 1): Operandish {
  return { amount: l.line.amount!, label: l.line.label, weight };
}

function childrenOf(l: Located): Located[] {
  return l.block.lines.map((line, index) => ({ line, block: l.block, index })).filter((c) => c.line.parent === l.index && c.line.amount);
}

/**
 * The readings of a total's breakdown, best first: its 其中 list running on over the unprefixed lines that
 * follow it while they are lines of that breakdown (「收入合计 / 其中：年初预算 / 调整追加 / 其他资金」), the
 * 其中 list alone, then the breakdown's lines wherever they stand. The first that holds is taken; when none
 * does, the first is reported (an error only when every reading fails).
 */
function breakdownReadings(target: Located, keys: SummaryLineKey[], find: (k: SummaryLineKey) => Located | undefined): Located[][] {
  const kids = childrenOf(target);
  const lines = target.block.lines;
  const readings: Located[][] = [];
  if (kids.length) {
    const runOn = [...kids];
    for (let i = kids[kids.length - 1].index + 1; i < lines.length; i++) {
      const l = lines[i];
      if (l.parent !== target.line.parent || !l.key || !keys.includes(l.key)) break;
      if (l.amount) runOn.push({ line: l, block: target.block, index: i });
    }
    if (runOn.length > kids.length) readings.push(runOn);
    readings.push(kids);
  }
  const keyed = keys.map(find).filter((l): l is Located => !!l?.line.amount && l.index !== target.index && l.block === target.block);
  if (keyed.length && !readings.some((r) => sameLines(r, keyed))) readings.push(keyed);
  return readings;
}

function sameLines(a: Located[], b: Located[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => y.index === x.index));
}

function holds(ctx: RuleContext, target: Located, parts: Located[]): boolean {
  return readingHolds(ctx, op(target), parts.map((p) => op(p)));
}

/** Checks the first reading that holds, else the first reading (it fails under all of them). */
function checkReadings(ctx: RuleContext, out: Finding[], target: Located, readings: Located[][]): boolean {
  const usable = readings.filter((r) => r.length);
  if (!usable.length) return false;
  const parts = usable.find((r) => holds(ctx, target, r)) ?? usable[0];
  const ops = parts.map((p) => op(p));
  check(ctx, out, target, ops, target.line.label, formulaOf(ops));
  return true;
}

function check(ctx: RuleContext, out: Finding[], target: Located, parts: Operandish[], quantity: string, formula: string): void {
  const f = checkIdentity(ctx, {
    rule: 'summary-identity',
    subject: target.line.label,
    quantity,
    formula,
    target: { amount: target.line.amount!, label: target.line.label },
    parts,
    unit: target.block.unit,
  });
  if (f) out.push(f);
}

/** Contexts checking a further amount column (预算数 | 决算数): no not-checked notes from them. */
const quietColumns = new WeakSet<RuleContext>();

function missing(ctx: RuleContext, sheet: string, checkText: string, what: string, whatEn: string): void {
  // A further amount column is checked where its lines are; what it lacks was said for the first column.
  if (quietColumns.has(ctx)) return;
  notChecked(ctx, { rule: 'summary-identity', sheet, check: checkText, reason: `缺少${what}`, reasonEn: `missing ${whatEn}` });
}

function budgetStyle(ctx: RuleContext, sheet: string, find: (k: SummaryLineKey) => Located | undefined, out: Finding[]): void {
  const income = find('incomeTotal');
  const expenditure = find('expenditureTotal');
  const basic = find('basicExpenditure');
  const carryOut = find('carryOut');
  const carryIn = find('carryIn');

  // 6. 收入合计 = 年初预算 + 调整追加 + 其他资金 (+ 上年结转 where folded in).
  if (income?.line.amount) {
    const readings = breakdownReadings(income, INCOME_SOURCES, find);
    if (!childrenOf(income).length) {
      // Without a 其中 list, the sources at the top level (上年结转 folded in only as a 其中 line).
      readings.length = 0;
      readings.push(INCOME_SOURCES.map(find).filter((l): l is Located => !!l?.line.amount && l.line.parent === null && l.line.key !== 'carryIn'));
    }
    if (!checkReadings(ctx, out, income, readings))
      missing(ctx, sheet, '收入合计 = 年初预算 + 调整追加 + 其他资金', '收入明细行（年初预算、调整追加等）', 'income source lines');
  } else missing(ctx, sheet, '收入合计 = 年初预算 + 调整追加 + 其他资金', '“收入合计”行或其金额', 'an income total line');

  // 7. 支出合计 = 基本支出 + 项目支出 (+ 上缴上级 + 经营 + 对附属单位补助).
  if (expenditure?.line.amount) {
    if (!checkReadings(ctx, out, expenditure, breakdownReadings(expenditure, EXPENDITURE_PARTS, find)))
      missing(ctx, sheet, '支出合计 = 基本支出 + 项目支出', '“基本支出”“项目支出”行', 'basic and project expenditure lines');
  } else missing(ctx, sheet, '支出合计 = 基本支出 + 项目支出', '“支出合计”行或其金额', 'an expenditure total line');

  // 8. 基本支出 = 工资福利 + 商品和服务 + 对个人和家庭的补助 (+ 资本性), or 人员经费 + 公用经费.
  if (basic?.line.amount) {
    const kids = childrenOf(basic);
    const economic = kids.filter((k) => k.line.key && (BASIC_ECONOMIC.includes(k.line.key) || (k.line.key === 'publicFunds' && !kids.some((x) => x.line.key === 'goodsServices'))));
    const functional = kids.filter((k) => k.line.key && BASIC_FUNCTIONAL.includes(k.line.key));
    const hasPersonnel = kids.some((k) => k.line.key === 'personnel');
    const parts = hasPersonnel && functional.length >= 2 ? functional : economic.length >= 2 ? economic : [];
    if (parts.length) check(ctx, out, basic, parts.map((p) => op(p)), basic.line.label, formulaOf(parts.map((p) => op(p))));
    else missing(ctx, sheet, '基本支出 = 工资福利支出 + 商品和服务支出 + 对个人和家庭的补助', '基本支出的明细行', 'the breakdown of basic expenditure');
  }

  // 9. 结余结转 = 收入合计 − 支出合计 (+ 上年结转 where not folded into income).
  if (carryOut?.line.amount && income?.line.amount && expenditure?.line.amount) {
    const base: Operandish[] = [op(income), op(expenditure, -1)];
    // A 上年结转 line beside 收入合计 is added; one the 其中 list may run on into (「其中：年初预算 150 / 上年结转 50」
    // under 收入合计 200) may already be in it: both readings are tried, the one that holds is taken.
    const withCarry = carryIn?.line.amount && carryIn.line.parent !== income.index ? [...base, op(carryIn)] : null;
    const target = op(carryOut);
    const parts = withCarry && (readingHolds(ctx, target, withCarry) || !readingHolds(ctx, target, base)) ? withCarry : base;
    check(ctx, out, carryOut, parts, carryOut.line.label, formulaOf(parts));
  } else if (income && expenditure) missing(ctx, sheet, '结余结转 = 收入合计 − 支出合计', '“结余结转”行或其金额', 'a carry-over line');
}

function finalStyle(ctx: RuleContext, sheet: string, find: (k: SummaryLineKey) => Located | undefined, out: Finding[]): void {
  // The lines a year total sums: those above it since the previous total (a stacked table's expenditure
  // block starts under 收入总计), never a line of the other side.
  const sumAbove = (total: Located): Located[] => {
    const lines = total.block.lines;
    const other = total.line.key === 'yearExpenditureTotal' ? INCOME_KEYS : EXPENDITURE_KEYS;
    let start = 0;
    for (let i = total.index - 1; i >= 0; i--) {
      const k = lines[i].key;
      if (k && (k === 'incomeGrandTotal' || k === 'expenditureGrandTotal' || k === 'yearIncomeTotal' || k === 'yearExpenditureTotal')) {
        start = i + 1;
        break;
      }
    }
    return lines
      .map((line, index) => ({ line, block: total.block, index }))
      .filter((l) => l.index >= start && l.index < total.index && l.line.parent === null && l.line.amount && !(l.line.key && (FINAL_TOTALS.has(l.line.key) || other.has(l.line.key))));
  };
  const yearIncome = find('yearIncomeTotal');
  const yearExp = find('yearExpenditureTotal');
  for (const [total, name] of [
    [yearIncome, '本年收入合计'],
    [yearExp, '本年支出合计'],
  ] as const) {
    if (!total?.line.amount) {
      missing(ctx, sheet, `${name} = 各收入（支出）行之和`, `“${name}”行`, name);
      continue;
    }
    const parts = sumAbove(total);
    if (parts.length) check(ctx, out, total, parts.map((p) => op(p)), total.line.label, formulaOf(parts.map((p) => op(p))));
  }
  const incomeGrand = find('incomeGrandTotal');
  const expGrand = find('expenditureGrandTotal');
  if (incomeGrand?.line.amount && yearIncome?.line.amount) {
    const parts = [yearIncome, find('useNonFiscalBalance'), find('openingBalance')].filter((l): l is Located => !!l?.line.amount);
    check(ctx, out, incomeGrand, parts.map((p) => op(p)), incomeGrand.line.label, formulaOf(parts.map((p) => op(p))));
  } else missing(ctx, sheet, '收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余', '“收入总计”或“本年收入合计”行', 'income grand total');
  if (expGrand?.line.amount && yearExp?.line.amount) {
    const parts = [yearExp, find('balanceDistribution'), find('closingBalance')].filter((l): l is Located => !!l?.line.amount);
    check(ctx, out, expGrand, parts.map((p) => op(p)), expGrand.line.label, formulaOf(parts.map((p) => op(p))));
  } else missing(ctx, sheet, '支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余', '“支出总计”或“本年支出合计”行', 'expenditure grand total');
  if (incomeGrand?.line.amount && expGrand?.line.amount) {
    check(ctx, out, expGrand, [op(incomeGrand)], `${expGrand.line.label}`, `${incomeGrand.line.label}`);
  }
}

export const summaryIdentity: Rule = {
  id: 'summary-identity',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    const bySheet = new Map<string, SummaryBlock[]>();
    for (const b of ctx.model.summaries) bySheet.set(b.sheet, [...(bySheet.get(b.sheet) ?? []), b]);
    for (const [sheet, blocks] of bySheet) {
      const run = (group: SummaryBlock[]) => {
        const all: Located[] = group.flatMap((block) => block.lines.map((line, index) => ({ line, block, index })));
        const find = (k: SummaryLineKey) => all.find((l) => l.line.key === k && l.line.amount) ?? all.find((l) => l.line.key === k);
        if (group[0].style === 'final') finalStyle(ctx, sheet, find, out);
        else budgetStyle(ctx, sheet, find, out);
      };
      run(blocks);
      // Each further amount column, with the blocks that have one (the expenditure side's 一般公共预算 column).
      const extra = Math.max(0, ...blocks.map((b) => b.alsoColumns?.length ?? 0));
      quietColumns.add(ctx);
      for (let i = 0; i < extra; i++) {
        const group = blocks.map((b) => b.alsoColumns?.[i]).filter((b): b is SummaryBlock => !!b);
        if (group.length) run(group);
      }
      quietColumns.delete(ctx);
    }
    return out;
  },
};
