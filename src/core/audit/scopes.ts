/**
 * Which part of the report a figure belongs to. Figures under a numbered sub-heading
 * (「1．」, 「（3）」) speak of that item (a project); everything else speaks of the unit.
 * The same generic label (年初预算, 实际支出) means different things in different items.
 */
import { Paragraph } from './extract';

export interface Scope {
  /** 'unit' or 'item:<paragraph index of the heading>'. */
  id: string;
  /** The item's title (heading text without numbering or figures), for workbook lookup. */
  title?: string;
}

export function assignScopes(paras: Paragraph[]): Scope[] {
  const out: Scope[] = [];
  const stack: { level: number; para: number; title: string }[] = [];
  for (const p of paras) {
    if (p.heading) {
      while (stack.length && stack[stack.length - 1].level >= p.heading.level) stack.pop();
      stack.push({ level: p.heading.level, para: p.index, title: cleanTitle(p.heading.title) });
    }
    const item = [...stack].reverse().find((h) => h.level >= 3);
    out.push(item ? { id: `item:${item.para}`, title: item.title } : { id: 'unit' });
  }
  return out;
}

function cleanTitle(t: string): string {
  return t
    .replace(/(\d{1,3}(,\d{3})*|\d+)(\.\d+)?\s?(亿元|万元|元)/g, '')
    .replace(/[:，。].*$/, '')
    .replace(/(项目)$/, '')
    .trim();
}

/** Labels too generic to compare across the unit's paragraphs (each project has its own). */
export const GENERIC_LABEL =
  /^(年初预算(安排|数)?|上年结转(结余|资金)?|年中(执行)?调增|调增|追加|年中追加|调整追加|调减|实际支出|项目支出|结余结转|结转结余|结余|执行数|支出|收入|预算(数)?|全年预算(数)?|资金|经费|合计|小计|总计|共计|金额|其他|其他支出|其他资金|上级转移支付|决算数|预算执行数|支付|拨付|安排|下达|到位|使用|完成)$/;
