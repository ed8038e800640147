/** Numbers stored as text: used in the checks, but reported so the user can convert them. */
import { Finding } from '../findings';
import { findingId, Rule, RuleContext } from './context';

export const textNumber: Rule = {
  id: 'text-number',
  check(ctx: RuleContext): Finding[] {
    return ctx.model.notes
      .filter((n) => n.kind === 'text-number')
      .map((n) => {
        const id = findingId('text-number', n.ref.sheet, n.ref.cell);
        const value = n.value?.toFixed() ?? '';
        const where = n.label ? `${n.label}：` : '';
        return {
          id,
          rule: 'text-number' as const,
          severity: 'warning' as const,
          sheet: n.ref.sheet,
          cell: n.ref.cell,
          related: [],
          actual: value,
          raw: n.raw,
          expected: value,
          label: n.label,
          message: `${where}${n.ref.cell} 中的“${n.raw}”是文本格式的数字，已按 ${value} 参与校验；建议转换为数值，否则 Excel 的求和公式会漏算它`,
          messageEn: `${where}${n.ref.cell} holds "${n.raw}" as text; read as ${value}. Convert it to a number, or SUM formulas will skip it`,
          fix: { sheet: n.ref.sheet, cell: n.ref.cell, value, clears: 1, findingIds: [id], message: `将 ${n.ref.cell} 转换为数值 ${value}`, messageEn: `convert ${n.ref.cell} to the number ${value}` },
        };
      });
  },
};
