/**
 * A quantitative indicator's 得分 at most what its result earns: 正向 min(实际 ÷ 目标, 1) × 分值, 反向 (a ≤ target)
 * min(目标 ÷ 实际, 1) × 分值, full marks when met. A score below it is a deduction (the reason rule asks for
 * its reason); only a score above it is an error. Targets and results in different units are not compared.
 * A qualitative result earns by band: 部分达成 at most 80% of the points, 未达成 at most 60%.
 */
import Decimal from 'decimal.js';
import { Finding } from '../findings';
import { halfUnit } from '../rounding';
import { foldTraditional } from '../traditional';
import { Rule, RuleContext } from './context';
import { selfEvalFinding } from './selfeval-common';

interface Measure {
  op: '≥' | '≤' | '=' | '';
  value: Decimal;
  unit: string;
}

/** The comparison signs as forms print them (≧, ＞, ═, ﹦ …), as ≥ ≤ =. */
function symbols(t: string): string {
  return t.replace(/[＞>≧]=?/g, '≥').replace(/[＜<≦]=?/g, '≤').replace(/[﹦＝═]/g, '=');
}

/** 「≥95%」, 「=8个」, 「≤202.6万元」, 「100%」: an operator, a number, a unit; null for qualitative text. */
export function measureOf(text: string, nature?: string): Measure | null {
  const t = symbols(foldTraditional(text).replace(/[\s,，]/g, ''));
  const m = /^(≥|≤|=)?(-?\d+(?:\.\d+)?)([^\d]*)$/.exec(t);
  if (!m) return null;
  let op = (m[1] ?? '') as Measure['op'];
  const n = symbols(foldTraditional(nature ?? '').replace(/\s/g, ''));
  if (!op && /^(≥|≤|=)$/.test(n)) op = n as Measure['op'];
  if (!op && /反向/.test(n)) op = '≤';
  return { op, value: new Decimal(m[2]), unit: m[3] };
}

export const selfEvalIndicator: Rule = {
  id: 'selfeval-score',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.selfEvals) {
      for (const ind of table.indicators) {
        if (!ind.score || !ind.weight) continue;
        const target = measureOf(ind.target, ind.nature);
        const actual = measureOf(ind.actual);
        // Qualitative results in bands (REFERENCE.md §5): 部分达成 earns at most 80% of the points, 未达成 60%.
        if (!actual) {
          const band = /未达成|未完成|未实现/.test(ind.actual) ? 0.6 : /部分达成|部分完成|基本达成|基本完成/.test(ind.actual) ? 0.8 : null;
          if (band === null) continue;
          const most = ind.weight.value.times(band);
          if (ind.score.value.minus(halfUnit(ind.score.decimals)).lte(most)) continue;
          out.push(selfEvalFinding('selfeval-score', 'error', ind.score, ind.name,
            `${ind.name}：实际完成情况为「${ind.actual}」，按定性指标分档最多得 ${most.toString()} 分（分值的 ${band * 100}%），表中为 ${ind.score.value}`,
            `${ind.name}: "${ind.actual}" earns at most ${most} (${band * 100}% of the points), the form says ${ind.score.value}`,
            { expected: `≤ ${most}`, actual: ind.score.value.toString() }));
          continue;
        }
        if (!target || actual.op) continue;
        // Units must agree (「8个」 and 「8」 do; 「1.2万亩」 and 「12000亩」 are not compared).
        if (target.unit && actual.unit && target.unit !== actual.unit) continue;
        if (target.value.lte(0) || actual.value.lt(0)) continue;
        const reverse = target.op === '≤';
        const ratio = reverse ? (actual.value.isZero() ? new Decimal(1) : target.value.div(actual.value)) : actual.value.div(target.value);
        const earned = Decimal.min(ratio, 1).times(ind.weight.value);
        // Points are assigned (exact); only the printed score is rounded.
        const half = halfUnit(ind.score.decimals);
        if (ind.score.value.minus(half).lte(earned)) continue;
        out.push(selfEvalFinding('selfeval-score', 'error', ind.score, ind.name,
          `${ind.name}：目标${ind.target}，实际${ind.actual}，按${reverse ? '反向' : '正向'}指标计最多得 ${earned.toFixed(2)} 分，表中为 ${ind.score.value}`,
          `${ind.name}: target ${ind.target}, result ${ind.actual}: at most ${earned.toFixed(2)} points, the form says ${ind.score.value}`,
          { expected: earned.toFixed(2), actual: ind.score.value.toString() }));
      }
    }
    return out;
  },
};
