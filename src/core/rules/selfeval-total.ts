/**
 * 总分 = the sum of the 得分 (the indicators', with or without the 执行率得分: either reading may be the form's),
 * and the 分值 add up to the profile's total (100) where the form prints its 总分 row.
 */
import Decimal from 'decimal.js';
import { Finding } from '../findings';
import { profileFor } from '../selfeval-profiles';
import { halfUnit, outcomeOf } from '../rounding';
import { Rule, RuleContext } from './context';
import { computedRate, fundTotal, selfEvalFinding } from './selfeval-common';

export const selfEvalTotal: Rule = {
  id: 'selfeval-total',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.selfEvals) {
      if (!table.total) continue;
      const fund = fundTotal(table);
      const scores = table.indicators.map((i) => i.score).filter((x): x is NonNullable<typeof x> => !!x);
      const sum = (xs: { value: Decimal; decimals: number }[]) => ({ v: xs.reduce((s, a) => s.plus(a.value), new Decimal(0)), h: xs.reduce((s, a) => s.plus(halfUnit(a.decimals)), new Decimal(0)) });
      // Whether the 总分 counts the 执行率得分: the 分值 row says, when its 分值 add up one way only.
      const weightsOf = table.indicators.map((i) => i.weight).filter((x): x is NonNullable<typeof x> => !!x);
      const indicatorPoints = sum(weightsOf).v;
      const printedPoints = table.totalWeight?.value;
      const withFund = fund?.score ? [sum([...scores, fund.score])] : [];
      const readings =
        printedPoints && weightsOf.length === scores.length && printedPoints.eq(indicatorPoints)
          ? [sum(scores)]
          : printedPoints && fund?.weight && weightsOf.length === scores.length && printedPoints.eq(indicatorPoints.plus(fund.weight.value))
            ? withFund
            : [sum(scores), ...withFund];
      const t = table.total;
      const fits = (r: { v: Decimal; h: Decimal }) => outcomeOf(t.value.minus(r.v), r.h.plus(halfUnit(t.decimals))) !== 'mismatch';
      // A province's cap of the total by the execution rate.
      const profile0 = profileFor(table, ctx.settings.selfEvalProfile);
      const row = fund;
      const c = row ? computedRate(table, row) : null;
      const cap = c ? profile0.caps.find((k) => c.value.lt(k.rateBelow)) : undefined;
      if (cap && t.value.gt(cap.maxTotal)) {
        out.push(selfEvalFinding('selfeval-total', 'error', t, '总分', `执行率 ${c!.value.times(100).toFixed(2)}% 低于 ${cap.rateBelow * 100}%，按「${profile0.label}」总分不应超过 ${cap.maxTotal} 分，表中为 ${t.value}`, `with an execution rate below ${cap.rateBelow * 100}% the total may not exceed ${cap.maxTotal}; the form says ${t.value}`, { expected: `≤ ${cap.maxTotal}`, actual: t.value.toString() }));
      }
      if (!readings.some(fits)) {
        const best = readings[readings.length - 1];
        out.push(selfEvalFinding('selfeval-total', 'error', t, '总分', `总分应为各项得分之和 ${best.v.toString()}，表中为 ${t.value.toString()}`, `the total score should be the sum of the scores, ${best.v}; the form says ${t.value}`, { expected: best.v.toString(), actual: t.value.toString() }));
      }
      // 分值 add to 100 (执行率 10 + 指标 90), read with and without the 执行率's points.
      const weights = table.indicators.map((i) => i.weight).filter((x): x is NonNullable<typeof x> => !!x);
      if (!weights.length) continue;
      const profile = profile0;
      const target = table.totalWeight?.value ?? new Decimal(profile.totalWeight);
      // Points are assigned, not measured: they add up exactly.
      const wr = [sum(weights), ...(fund?.weight ? [sum([...weights, fund.weight])] : [])];
      if (!wr.some((r) => target.eq(r.v))) {
        const at = table.totalWeight ?? weights[weights.length - 1];
        out.push(selfEvalFinding('selfeval-total', 'error', at, '分值合计', `各项分值合计 ${wr[wr.length - 1].v.toString()}，应为 ${target.toString()}`, `the points add up to ${wr[wr.length - 1].v}, not ${target}`, { expected: target.toString(), actual: wr[wr.length - 1].v.toString() }));
      }
    }
    return out;
  },
};
