/** Error values (#REF!, #VALUE!, #DIV/0! …) anywhere in the user's sheets. */
import { Finding } from '../findings';
import { findingId, Rule, RuleContext } from './context';

const MEANING: Record<string, string> = {
  '#REF!': '公式引用的单元格已被删除',
  '#VALUE!': '公式中有文本参与了计算',
  '#DIV/0!': '除数为 0 或为空',
  '#NAME?': '公式中有无法识别的函数或名称',
  '#N/A': '查找不到对应的值',
  '#NUM!': '数值无效或超出范围',
  '#NULL!': '区域引用不相交',
};

/** Beyond this many per sheet, one summary finding stands for the rest. */
export const MAX_ERRORS_PER_SHEET = 200;

export const formulaError: Rule = {
  id: 'formula-error',
  check(ctx: RuleContext): Finding[] {
    const out: Finding[] = [];
    const labels = new Map<string, string | undefined>();
    for (const n of ctx.model.notes) if (n.kind === 'formula-error') labels.set(`${n.ref.sheet}!${n.ref.cell}`, n.label);
    const perSheet = new Map<string, number>();
    for (const e of ctx.errorCells) {
      const count = (perSheet.get(e.sheet) ?? 0) + 1;
      perSheet.set(e.sheet, count);
      if (count > MAX_ERRORS_PER_SHEET) continue;
      const label = labels.get(`${e.sheet}!${e.cell}`);
      const meaning = MEANING[e.code] ?? '公式计算出错';
      out.push({
        id: findingId('formula-error', e.sheet, e.cell),
        rule: 'formula-error',
        severity: 'error',
        sheet: e.sheet,
        cell: e.cell,
        related: [],
        raw: e.code,
        label,
        message: `${label ? label + '：' : ''}${e.cell} 显示 ${e.code}（${meaning}）${e.formula ? `，公式为 ${e.formula}` : ''}，该数字无法参与校验`,
        messageEn: `${label ? label + ': ' : ''}${e.cell} shows ${e.code}${e.formula ? ` (formula ${e.formula})` : ''}; it cannot be checked`,
      });
    }
    for (const [sheet, count] of perSheet) {
      if (count <= MAX_ERRORS_PER_SHEET) continue;
      const first = ctx.errorCells.find((e) => e.sheet === sheet)!;
      out.push({
        id: findingId('formula-error', sheet, `${first.cell}+`),
        rule: 'formula-error',
        severity: 'error',
        sheet,
        cell: first.cell,
        related: [],
        message: `工作表“${sheet}”共有 ${count} 个错误值，以上仅列出前 ${MAX_ERRORS_PER_SHEET} 个`,
        messageEn: `sheet "${sheet}" has ${count} error values; only the first ${MAX_ERRORS_PER_SHEET} are listed`,
      });
    }
    return out;
  },
};
