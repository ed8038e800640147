/** Where points were lost (得分 < 分值), the 偏差原因分析及改进措施 is not blank (a warning). */
import { Finding } from '../findings';
import { halfUnit } from '../rounding';
import { Rule, RuleContext } from './context';
import { profileFor } from '../selfeval-profiles';
import { computedRate, fundTotal, rateOf } from './selfeval-common';

export const selfEvalReason: Rule = {
  id: 'selfeval-reason',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.selfEvals) {
      // An execution rate below the profile's line (90%) needs its reason where the form asks for one.
      const total = fundTotal(table);
      const c = total ? computedRate(table, total) : null;
      const rate = c?.value ?? (total?.rate ? rateOf(total.rate).value : undefined);
      const line = profileFor(table, ctx.settings.selfEvalProfile).reasonBelowRate;
      if (table.rateReason && rate !== undefined && rate.lt(line) && (!table.rateReason.text || /^[—\-/无]+$/.test(table.rateReason.text))) {
        const ref = table.rateReason.ref;
        out.push({
          id: `selfeval-reason:${ref.sheet}!${ref.cell}`,
          rule: 'selfeval-reason',
          severity: 'warning',
          sheet: ref.sheet,
          cell: ref.cell,
          related: total?.rate ? [{ sheet: total.rate.ref.sheet, cell: total.rate.ref.cell, label: '执行率', value: rate.toString() }] : [],
          label: table.subject ?? table.sheet,
          message: `预算执行率 ${rate.times(100).toFixed(2)}% 低于 ${line * 100}%，请说明原因及改进措施`,
          messageEn: `the execution rate ${rate.times(100).toFixed(2)}% is below ${line * 100}%; give the reason and the remedy`,
        });
      }
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
