/**
 * Text left over from a template: prompts (没有请写明……), word-limit notes, placeholder
 * digits and years made of x, alternatives never resolved (增加（减少）), 【请补充】 markers.
 * One finding per paragraph, on the first leftover, naming how many there are.
 */
import { addFinding, AuditContext } from './context';
import { Paragraph } from './extract';

const PATTERNS: { re: RegExp; zh: string; en: string }[] = [
  { re: /(没有|如无|若无|如没有|若没有)[^。，]{0,8}请(写明|填写|注明|填报|说明)[^。]*/g, zh: '未填写的提示语', en: 'an unfilled prompt' },
  { re: /请(填写|补充|写明|注明|根据实际|按实际|结合实际情况|简要说明|详细说明|在此|删除此|替换)[^。，]*/g, zh: '未删除的填写说明', en: 'a fill-in instruction' },
  { re: /【[^】]*(请|填|补充|此处|示例|待)[^】]*】|\[[^\]]*(请|填写|补充|此处|待)[^\]]*\]/g, zh: '未替换的占位标记', en: 'a placeholder marker' },
  { re: /(字数|篇幅)[^。]{0,10}(不超过|控制在|以内|限)|不超过\d+字|(?<!\d)\d+字(以内|左右)|限\d+字/g, zh: '字数要求说明', en: 'a word-limit note' },
  { re: /\([^()]{0,30}(可以按|可按|可根据|如有|示例|例如:)[^()]{0,30}\)/g, zh: '括号中的填写说明', en: 'a bracketed instruction' },
  { re: /(?:19|20)[xX×]{2}年|20\d[xX×]年|[xX×]{2,}(?:\.[xX×]+)?\s?(?:万元|元|亿元|%|个|人|项|年|月|日|分|次|家)|[xX×]{3,}|某某/g, zh: '未替换的占位数字', en: 'placeholder digits' },
  { re: /(增加|增长|上升|提高|增|多|超|高于)\((减少|下降|降低|减|少|节约|低于)\)|(减少|下降|降低|减)\((增加|增长|上升|提高|增)\)|是\(否\)|有\(无\)|已\(未\)/g, zh: '未选定的选项', en: 'an unresolved alternative' },
];

export function checkTemplate(ctx: AuditContext, p: Paragraph): void {
  const hits: { start: number; end: number; zh: string; en: string; rank: number }[] = [];
  // A form's printed notes (「1.预算执行率=…（100字以内）；2.…」) are the form's, not a leftover of the writer's.
  const formNotes = (p.norm.match(/(^|[;；。])\s*\d[.、]/g) ?? []).length >= 2;
  for (const [rank, pat] of PATTERNS.entries()) {
    if (formNotes && pat.zh === '字数要求说明') continue;
    for (const m of p.norm.matchAll(pat.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ start, end, zh: pat.zh, en: pat.en, rank });
    }
  }
  if (hits.length === 0) return;
  ctx.checks++;
  // The most telling leftover first (an unfilled prompt before a bracketed note).
  hits.sort((a, b) => a.rank - b.rank || a.start - b.start);
  const h = hits[0];
  let end = h.end;
  // Include the closing quote of 「……写明“…”」.
  while (end < p.raw.length && /[”"’」』]/.test(p.raw[end])) end++;
  const more = hits.length > 1 ? `（本段共${hits.length}处：${[...new Set(hits.map((x) => x.zh))].join('、')}）` : '';
  addFinding(ctx, 'template-leftover', 'error', p, h.start, end,
    `模板残留：${h.zh}「${p.raw.slice(h.start, end)}」${more}，请替换为实际内容`,
    `template text left in: ${h.en}${hits.length > 1 ? ` (${hits.length} in this paragraph)` : ''}; replace it with the real content`);
}
