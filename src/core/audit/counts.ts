/** 「共N个，分别是A、B、C」 and 「A、B、C三项合计」: the count must match the items listed. */
import { addFinding, AuditContext } from './context';
import { chineseNumber, Paragraph } from './extract';

// The lookbehind starts a number only at the start of its run of digits (or numerals): without it a
// run of n digits is tried from each of its n positions, each try reading to the end of the run (n²).
const NUM = '((?<!\\d)\\d+|(?<![一二两三四五六七八九十])[一二两三四五六七八九十]+)';
const CLS = '(个|项|家|所|名|类|条|部分|大类)';
const AFTER = new RegExp(`${NUM}\\s?${CLS}[^，。;:、]{0,6}?[，,:]?\\s?(分别是|分别为|分别|包括|即|具体为|依次为|:)`, 'g');
// Only Chinese numerals after a list (「五项合计」); Arabic digits there are quantities (「30条措施」).
const BEFORE = /((?<![一二两三四五六七八九十])[一二两三四五六七八九十]+|\d{1,2})\s?(个|项|类|方面)(合计|共计|共|总计|经费|资金|项目|工作|任务|目标|指标|内容|方面|内设机构|机构|科室|股室|部门|单位|[，,。;])/g;

/**
 * A list of at most 30 items said to be so many runs no longer than this; past it the text is prose,
 * not a list, and is left unchecked. The bound also keeps each count's reading of its sentence short:
 * a sentence of thousands of 「2个，分别是…」 must not be read to its end once for each.
 */
const MAX_LIST_CHARS = 2000;

function countItems(list: string): number {
  const items = (list.includes('、') ? list.split('、') : list.split(/[，,;]/)).map((s) => s.trim()).filter((s) => s.length > 0);
  return items.length;
}

/** 「A、B和C」: the last item may hold two joined by 和/及 (or be one name with 和 in it). */
function countsAgree(list: string, n: number): boolean {
  const got = countItems(list);
  if (got === n) return true;
  const items = list.split('、');
  return items.length > 1 && /.(以及|和|及|与)./.test(items[items.length - 1]) && got + 1 === n;
}

export function checkCounts(ctx: AuditContext, p: Paragraph): void {
  if (p.isTable) return;
  const norm = p.norm;
  const seen = new Set<number>();
  for (const m of norm.matchAll(AFTER)) {
    const n = chineseNumber(m[1]);
    if (n === null || n < 2 || n > 30) continue;
    const listStart = m.index + m[0].length;
    let end = listStart;
    while (end < norm.length && end - listStart < MAX_LIST_CHARS && !/[。;]/.test(norm[end])) end++;
    if (end - listStart >= MAX_LIST_CHARS) continue;
    let list = norm.slice(listStart, end);
    // Items joined by 、 end at the first comma; items joined by commas run to the sentence end.
    const firstComma = list.search(/[，,]/);
    if (firstComma >= 0 && list.slice(0, firstComma).includes('、')) list = list.slice(0, firstComma);
    else if (!list.includes('、') && /[，,]/.test(list) === false) continue;
    list = list.replace(/(等|等等)$/, '');
    if (/等$/.test(norm.slice(listStart, listStart + list.length + 1))) continue; // 「等」: the list is open
    const got = countItems(list.replace(/\([^)]*\)/g, ''));
    if (got < 2) continue;
    ctx.checks++;
    seen.add(m.index);
    if (!countsAgree(list.replace(/\([^)]*\)/g, ''), n)) {
      addFinding(ctx, 'count-items', 'error', p, m.index, listStart + list.length,
        `文中说${m[1]}${m[2]}，但其后列出了${got}${m[2]}`, `the text says ${n} but lists ${got} items`,
        { expected: String(got), actual: String(n) });
    }
  }
  for (const m of norm.matchAll(BEFORE)) {
    if (seen.has(m.index)) continue;
    const n = chineseNumber(m[1]);
    if (n === null || n < 2 || n > 30) continue;
    // The list must end right before the number: 「A、B、C三项」.
    let s = m.index;
    while (s > 0 && m.index - s < MAX_LIST_CHARS && !/[，,;。:()]/.test(norm[s - 1])) s--;
    if (m.index - s >= MAX_LIST_CHARS) continue;
    const list = norm.slice(s, m.index).replace(/^(其中|包括|共有|共|有|即)/, '');
    if (!list.includes('、') || /\d/.test(list) || /等$/.test(list)) continue;
    const got = countItems(list);
    // Arabic digits after a list are often quantities of the last item (「市人才30条措施」):
    // only a near miss reads as a miscount.
    if (/\d/.test(m[1]) && Math.abs(got - n) > 2) continue;
    ctx.checks++;
    if (!countsAgree(list, n)) {
      addFinding(ctx, 'count-items', 'error', p, s, m.index + m[0].length,
        `列出了${got}${m[2]}，文中却说${m[1]}${m[2]}`, `${got} items are listed but the text says ${n}`,
        { expected: String(got), actual: String(n) });
    }
  }
}
