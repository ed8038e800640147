/**
 * 自评表 执行率 = 全年执行数 ÷ 全年预算数, at the printed precision and within the figures' rounding; a rate above
 * 100% is said (执行率得分 takes 100% at most).
 */
import { Finding } from '../findings';
import { Rule, RuleContext } from './context';
import { computedRate, pct, rateOf, selfEvalFinding } from './selfeval-common';

export const selfEvalRate: Rule = {
  id: 'selfeval-rate',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.selfEvals) {
      for (const row of table.fund) {
        if (!row.rate) continue;
        const c = computedRate(table, row);
        if (!c) continue;
        const r = rateOf(row.rate);
        const label = `${table.subject ?? table.sheet}·${row.label}`;
        const holds = r.value.plus(r.half).gte(c.lo) && r.value.minus(r.half).lte(c.hi);
        if (!holds) {
          const from = c.from === 'parts' ? '（按其中各行合计：年度资金总额一行未填）' : '';
          out.push(
            selfEvalFinding('selfeval-rate', 'error', row.rate, label,
              `${label}：执行率应为 ${pct(c.value, r.decimals)}（全年执行数 ÷ 全年预算数${from}），表中为 ${pct(r.value, r.decimals)}`,
              `${label}: the execution rate is ${pct(c.value, r.decimals)} (actual ÷ budget), the form says ${pct(r.value, r.decimals)}`,
              { expected: c.value.toDecimalPlaces(r.decimals).toString(), actual: r.value.toString(), unit: '%' }),
          );
          continue;
        }
        if (r.value.gt(1) && row.total) {
          out.push(
            selfEvalFinding('selfeval-rate', 'info', row.rate, label,
              `${label}：执行率 ${pct(r.value, r.decimals)} 超过 100%，执行率得分按 100% 计`,
              `${label}: the execution rate ${pct(r.value, r.decimals)} exceeds 100%; its score takes 100%`),
          );
        }
      }
    }
    return out;
  },
};
