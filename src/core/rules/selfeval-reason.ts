/** Where points were lost (得分 < 分值), the 偏差原因分析及改进措施 is not blank (a warning). */
import { Finding } from '../findings';
import { halfUnit } from '../rounding';
import { Rule, RuleContext } from './context';

export const selfEvalReason: Rule = {
  id: 'selfeval-reason',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.selfEvals) {
      for (const ind of table.indicators) {
        if (!ind.score || !ind.weight || !ind.reasonRef) continue;
        if (ind.score.value.plus(halfUnit(ind.score.decimals)).gte(ind.weight.value)) continue;
        if (ind.reason && !/^[—\-/无]+$/.test(ind.reason)) continue;
        out.push({
          id: `selfeval-reason:${ind.reasonRef.sheet}!${ind.reasonRef.cell}`,
          rule: 'selfeval-reason',
          severity: 'warning',
          sheet: ind.reasonRef.sheet,
          cell: ind.reasonRef.cell,
          related: [{ sheet: ind.score.ref.sheet, cell: ind.score.ref.cell, label: '得分', value: ind.score.value.toString() }],
          label: ind.name,
          message: `${ind.name}：扣了 ${ind.weight.value.minus(ind.score.value).toString()} 分（分值 ${ind.weight.value}，得分 ${ind.score.value}），请填写偏差原因分析及改进措施`,
          messageEn: `${ind.name}: ${ind.weight.value.minus(ind.score.value)} points were lost; give the reason and the remedy`,
        });
      }
    }
    return out;
  },
};
