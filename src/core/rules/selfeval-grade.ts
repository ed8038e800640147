/** The grade a 自评表 prints matches its 总分 under its profile (优 ≥ 90, 良 80 to under 90 …; 90.00 is 优). */
import { Finding } from '../findings';
import { gradeOf, profileFor } from '../selfeval-profiles';
import { Rule, RuleContext } from './context';

const SAME: Record<string, string> = { 优秀: '优', 良好: '良', 合格: '中', 不合格: '差', 较好: '良', 一般: '中', 较差: '差' };

export const selfEvalGrade: Rule = {
  id: 'selfeval-grade',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    for (const table of ctx.model.selfEvals) {
      if (!table.total || !table.grade) continue;
      const expected = gradeOf(profileFor(table, ctx.settings.selfEvalProfile), table.total.value.toNumber());
      const printed = SAME[table.grade.text] ?? table.grade.text;
      if (printed === expected) continue;
      out.push({
        id: `selfeval-grade:${table.grade.ref.sheet}!${table.grade.ref.cell}`,
        rule: 'selfeval-grade',
        severity: 'error',
        sheet: table.grade.ref.sheet,
        cell: table.grade.ref.cell,
        related: [{ sheet: table.total.ref.sheet, cell: table.total.ref.cell, label: '总分', value: table.total.value.toString() }],
        label: '自评等级',
        expected,
        actual: table.grade.text,
        message: `总分 ${table.total.value} 对应等级为「${expected}」，表中为「${table.grade.text}」`,
        messageEn: `a total of ${table.total.value} earns "${expected}", the form says "${table.grade.text}"`,
      });
    }
    return out;
  },
};
