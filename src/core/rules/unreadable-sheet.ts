/**
 * A sheet the workbook lists but whose content is not in the file (a damaged or hand-edited
 * package): its figures, and every check on them, are lost. Said first, so the findings that
 * remain are never read as the whole story.
 */
import { Finding } from '../findings';
import { findingId, Rule, RuleContext } from './context';

export const unreadableSheet: Rule = {
  id: 'unreadable-sheet',
  check(ctx: RuleContext): Finding[] {
    return (ctx.model.unreadableSheets ?? []).map(
      (s): Finding => ({
        id: findingId('unreadable-sheet', s.name, 'A1'),
        rule: 'unreadable-sheet',
        severity: 'warning',
        sheet: s.name,
        cell: 'A1',
        related: [],
        message: `工作表“${s.name}”无法读取（${s.reason}），其中的数字均未校验；请在 Excel 中打开并另存后再试`,
        messageEn: `sheet ${s.name} cannot be read (${s.reasonEn}); none of its figures were checked; open and re-save the file in Excel`,
      }),
    );
  },
};
