/**
 * 执行率得分 = min(执行率, 100%) × 分值. Read with the printed rate and with the figures' own: a score above both is
 * an error; one below is a deduction the evaluator may have made (a warning asking for it); a score that
 * only follows a wrong printed rate is a warning at the score.
 */
import Decimal from 'decimal.js';
import { Finding } from '../findings';
import { halfUnit } from '../rounding';
import { Rule, RuleContext } from './context';
import { computedRate, fundTotal, rateOf, selfEvalFinding } from './selfeval-common';

const ONE = new Decimal(1);

export const selfEvalRateScore: Rule = {
  id: 'selfeval-score',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.selfEvals) {
      // The 年度资金总额 row, and any 其中 row the form scores on its own.
      for (const row of table.fund) {
      if (!row.score || !row.weight) continue;
      const total = fundTotal(table);
      if (!row.total && row !== total && !row.rate && !row.actual) continue;
      // A 其中 row whose 得分 repeats the total's may carry the total's score, not its own.
      const partRow = row !== total;
      const repeatsTotal = partRow && !!total?.score && total.score.value.eq(row.score.value);
      const c = computedRate(table, row);
      const printedRate = row.rate ? rateOf(row.rate) : undefined;
      const w = row.weight.value;
      const half = halfUnit(row.score.decimals);
      const s = row.score.value;
      // Scores the readings allow: [lo, hi] of min(rate, 1) × 分值.
      const readings: { lo: Decimal; hi: Decimal; name: string }[] = [];
      if (c) readings.push({ lo: Decimal.min(c.lo, ONE).times(w), hi: Decimal.min(c.hi, ONE).times(w), name: '按全年执行数 ÷ 全年预算数' });
      if (printedRate) readings.push({ lo: Decimal.min(printedRate.value.minus(printedRate.half), ONE).times(w), hi: Decimal.min(printedRate.value.plus(printedRate.half), ONE).times(w), name: '按表中执行率' });
      if (!readings.length) continue;
      const fits = (x: { lo: Decimal; hi: Decimal }) => s.plus(half).gte(x.lo) && s.minus(half).lte(x.hi);
      const label = `${table.subject ?? table.sheet}·${row.total ? '' : `${row.label}·`}执行率得分`;
      const byFigures = readings[0];
      const expected = byFigures.lo.plus(byFigures.hi).div(2);
      if (c && fits(byFigures)) continue;
      if (readings.some(fits)) {
        // Holds only with the printed rate, which the figures contradict.
        if (c) out.push(selfEvalFinding('selfeval-score', 'warning', row.score, label, `${label}：按实际执行率计算应为 ${expected.toFixed(2)} 分，表中 ${s.toString()} 分是按表中（有误的）执行率计算的`, `${label}: by the actual rate it is ${expected.toFixed(2)}; the form's ${s} follows its wrong printed rate`, { expected: expected.toFixed(2), actual: s.toString() }));
        continue;
      }
      const maxAllowed = Decimal.max(...readings.map((x) => x.hi));
      if (s.minus(half).gt(maxAllowed)) {
        if (repeatsTotal) continue;
        out.push(selfEvalFinding('selfeval-score', partRow ? 'warning' : 'error', row.score, label, `${label}：按执行率 × 分值最多 ${maxAllowed.toFixed(2)} 分，表中为 ${s.toString()} 分`, `${label}: rate × points gives at most ${maxAllowed.toFixed(2)}, the form says ${s}`, { expected: maxAllowed.toFixed(2), actual: s.toString() }));
      } else {
        out.push(selfEvalFinding('selfeval-score', 'warning', row.score, label, `${label}：按执行率 × 分值应为 ${expected.toFixed(2)} 分，表中为 ${s.toString()} 分；若另有扣分规则，请说明`, `${label}: rate × points gives ${expected.toFixed(2)}, the form says ${s}; state the deduction if there is one`, { expected: expected.toFixed(2), actual: s.toString() }));
      }
      }
    }
    return out;
  },
};
