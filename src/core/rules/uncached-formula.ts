/**
 * Formulas saved without their results (a workbook written by a script, or saved with
 * calculation off). Those the engine computed are checked with the computed figures; one
 * notice a sheet says so, since Excel itself has not confirmed them. Those it could not
 * compute are listed as not checked, by cell (validate.ts readingNotes).
 */
import { Finding } from '../findings';
import { findingId, Rule, RuleContext } from './context';

export const uncachedFormula: Rule = {
  id: 'uncached-formula',
  check(ctx: RuleContext): Finding[] {
    const computed = ctx.model.uncachedFormulas?.computed ?? [];
    const bySheet = new Map<string, typeof computed>();
    for (const f of computed) bySheet.set(f.sheet, [...(bySheet.get(f.sheet) ?? []), f]);
    const out: Finding[] = [];
    for (const [sheet, list] of bySheet) {
      const first = list[0];
      const cells = list.slice(0, 5).map((f) => f.cell).join('、') + (list.length > 5 ? ' 等' : '');
      out.push({
        id: findingId('uncached-formula', sheet, first.cell),
        rule: 'uncached-formula',
        severity: 'info',
        sheet,
        cell: first.cell,
        related: list.slice(1, 50).map((f) => ({ sheet, cell: f.cell })),
        message: `${list.length} 个公式（${cells}）没有保存计算结果（文件可能由程序生成），已按公式算出参与校验；建议在 Excel 中打开、重新计算后保存`,
        messageEn: `${list.length} formula(s) (${list.slice(0, 5).map((f) => f.cell).join(', ')}) had no saved result (the file may have been written by a program); they were computed here and checked; recalculate in Excel and save`,
      });
    }
    return out;
  },
};
