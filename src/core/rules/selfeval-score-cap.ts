/** Each 得分 of a 自评表 at most its 分值 (权重). */
import { Finding } from '../findings';
import { halfUnit } from '../rounding';
import { Rule, RuleContext } from './context';
import { selfEvalFinding } from './selfeval-common';

export const selfEvalScoreCap: Rule = {
  id: 'selfeval-score',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.selfEvals) {
      for (const ind of table.indicators) {
        if (!ind.score || !ind.weight) continue;
        if (ind.score.value.minus(halfUnit(ind.score.decimals)).lte(ind.weight.value.plus(halfUnit(ind.weight.decimals)))) continue;
        out.push(selfEvalFinding('selfeval-score', 'error', ind.score, ind.name, `${ind.name}：得分 ${ind.score.value} 超过分值 ${ind.weight.value}`, `${ind.name}: the score ${ind.score.value} exceeds the points ${ind.weight.value}`, { expected: `≤ ${ind.weight.value}`, actual: ind.score.value.toString() }));
      }
    }
    return out;
  },
};
