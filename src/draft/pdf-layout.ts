/**
 * The text layer of a PDF in reading order. Published reports' text layers often run out
 * of order (headers last, columns interleaved), so items are sorted by position: lines by
 * y (top to bottom), items in a line by x; lines join into paragraphs unless a vertical gap,
 * an indented first line or a short previous line says a new paragraph starts. Pure functions
 * over positioned text: pdf.js itself is loaded by each host (src/node/audit, src/web).
 */

/** A run of text on a page, at its baseline's x and y (PDF points, y up). */
export interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Line {
  y: number;
  x0: number;
  x1: number;
  h: number;
  text: string;
  /** A row of a table, as 「| 公务接待费 | 14.9 | 5.21 |」: never joined with another line. */
  table?: boolean;
}

export interface PageItems {
  items: Item[];
  width: number;
}

/**
 * Pages of positioned text to paragraphs: running heads, footers and page numbers dropped, columns read
 * one after the other, and a paragraph that runs over a column or page break joined again.
 */
export function pagesToParagraphs(read: PageItems[]): { paragraphs: string[]; pages: number[]; emptyPages: number[] } {
  const furniture = runningLines(read);
  const paragraphs: string[] = [];
  const pages: number[] = [];
  const emptyPages: number[] = [];
  let lastFull = false;
  read.forEach((pg, k) => {
    const n = k + 1;
    const all = itemsToLines(pg.items);
    const drop = new Set(all.filter((l, i) => isPageFurniture(l.text) || ((i < 2 || i >= all.length - 2) && furniture.has(furnitureKey(l.text)))));
    const kept = pg.items.filter((it) => ![...drop].some((l) => Math.abs(l.y - it.y) <= l.h * 0.5));
    if (kept.length === 0) {
      emptyPages.push(n);
      return;
    }
    for (const segment of columnSegments(kept, pg.width)) {
      const lines = tableRows(segment, itemsToLines(segment));
      const segParas = linesToParagraphs(lines);
      // A paragraph that runs over a column or page break: the last one did not end a sentence and was
      // no heading (a heading at the bottom of a page is followed by a new paragraph), or its last line
      // ran to the margin (「（一）“三公”经费…决算总」 / 「体情况说明」).
      // A first line indented like a paragraph's first line starts a paragraph whatever came before.
      const indented = lines.length > 1 && lines[0].x0 - Math.min(...lines.map((l) => l.x0)) > lines[0].h * 1.5;
      const last = paragraphs[paragraphs.length - 1];
      if (last !== undefined && segParas.length && !indented && !ENDS_PARAGRAPH.test(last) && (lastFull || !standsAlone(last)) && !STARTS_HEADING.test(segParas[0])) {
        paragraphs[paragraphs.length - 1] += segParas.shift();
      }
      const end = lines[lines.length - 1];
      lastFull = textRight(lines) - end.x1 <= end.h * 1.5;
      for (const p of segParas) {
        paragraphs.push(p);
        pages.push(n);
      }
    }
  });
  return { paragraphs, pages, emptyPages };
}

/** A line's text with its numbers blanked: 「— 3 —」 and 「— 4 —」, 「2023年决算 第3页」 repeat as one. */
function furnitureKey(text: string): string {
  return text.replace(/\s/g, '').replace(/\d+/g, '#');
}

/** Lines that open or close most pages with the same words: running heads and footers. */
function runningLines(read: PageItems[]): Set<string> {
  const counts = new Map<string, number>();
  let withText = 0;
  for (const pg of read) {
    const lines = itemsToLines(pg.items);
    if (lines.length === 0) continue;
    withText++;
    const edge = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map((l) => furnitureKey(l.text)));
    for (const key of edge) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [key, c] of counts) if (c >= 2 && c >= withText * 0.4 && key.length <= 60) out.add(key);
  return out;
}

/**
 * Two columns: a vertical gutter near the middle that no line of text crosses. Lines that cross it
 * (titles across the page) cut the page into bands; each band is read left column, then right.
 */
export function columnSegments(items: Item[], width: number): Item[][] {
  // The second column: many lines start a run of text at one x past the middle, and the text before it
  // on those lines fills the left column up to near that x (a table's aligned cells do not).
  const grouped = groupLines(items).map((l) => [...l].sort((a, b) => a.x - b.x));
  const starts = new Map<number, number>();
  for (const line of grouped) {
    line.forEach((it, k) => {
      const prev = line[k - 1];
      if (it.x < width * 0.4 || it.x > width * 0.7) return;
      if (prev && it.x - (prev.x + prev.w) < it.h * 0.25) return;
      const key = Math.round(it.x / 2) * 2;
      starts.set(key, (starts.get(key) ?? 0) + 1);
    });
  }
  let R = -1;
  let count = 0;
  for (const [x, c] of starts) {
    const near = c + (starts.get(x - 2) ?? 0) + (starts.get(x + 2) ?? 0);
    if (near > count) {
      count = near;
      R = x;
    }
  }
  if (R < 0 || count < 3) return [items];
  // Most lines of the left column run to near the gutter.
  const leftLines = itemsToLines(items.filter((it) => it.x < R - 2 && it.x + it.w <= R + 1));
  const filled = leftLines.filter((l) => l.x1 >= R - width * 0.1).length;
  if (leftLines.length < 3 || filled < leftLines.length * 0.5) return [items];
  const best = R - 1;
  const across = new Set(items.filter((it) => it.x < best - 1 && it.x + it.w > R + 2));
  const left = items.filter((it) => !across.has(it) && it.x < best);
  const right = items.filter((it) => !across.has(it) && it.x >= best);
  const spanning = itemsToLines([...across]);
  const out: Item[][] = [];
  let top = Infinity;
  const band = (from: number, to: number) => {
    const inBand = (it: Item) => it.y < from && it.y > to;
    const l = left.filter(inBand);
    const r = right.filter(inBand);
    if (l.length) out.push(l);
    if (r.length) out.push(r);
  };
  for (const s of spanning) {
    band(top, s.y + s.h * 0.5);
    out.push(items.filter((it) => across.has(it) && Math.abs(it.y - s.y) <= s.h * 0.5));
    top = s.y - s.h * 0.5;
  }
  band(top, -Infinity);
  return out;
}

/** A sentence ends a paragraph; a colon (「其中：」) or a bracket closing a clause (「（含…）」) does not. */
const ENDS_PARAGRAPH = /([。；;！？!?]|[。！？][”」』）)])\s*$/;
const STARTS_HEADING = /^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[．.、](?!\d))/;

/** A heading or a title line: never continued by the next page's text. */
function standsAlone(text: string): boolean {
  const t = text.trim();
  return (STARTS_HEADING.test(t) && !/[，,。；;]/.test(t)) || (t.length <= 30 && !/[，,。；;、：:]/.test(t));
}

/** Page numbers and running heads: 「— 3 —」, 「第3页」, 「- 3 -」, 「3/12」. */
function isPageFurniture(text: string): boolean {
  const t = text.replace(/\s/g, '');
  return /^[-—–]*\d{1,4}[-—–]*$/.test(t) || /^第\d+页(共\d+页)?$/.test(t) || /^\d+\/\d+$/.test(t);
}

/** Items whose baselines are within half a glyph height, top to bottom. */
function groupLines(items: Item[]): Item[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; h: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const line = lines.find((l) => Math.abs(l.y - it.y) <= Math.max(l.h, it.h) * 0.5);
    if (line) line.items.push(it);
    else lines.push({ y: it.y, h: it.h, items: [it] });
  }
  lines.sort((a, b) => b.y - a.y);
  return lines.map((l) => l.items);
}

/** Groups items whose baselines are within half a glyph height, top to bottom, left to right. */
export function itemsToLines(items: Item[]): Line[] {
  return groupLines(items).map((its) => {
    const l = { y: its[0].y, h: its[0].h, items: its };
    l.items.sort((a, b) => a.x - b.x);
    let text = '';
    let lastEnd = -Infinity;
    for (const it of l.items) {
      // A visible gap between items on one line is a space (table cells, "单位：万元   2023年").
      if (text && it.x - lastEnd > l.h * 1.5) text += '  ';
      else if (text && it.x - lastEnd > l.h * 0.3 && /[A-Za-z0-9]$/.test(text) && /^[A-Za-z0-9]/.test(it.str)) text += ' ';
      text += it.str;
      lastEnd = it.x + it.w;
    }
    return { y: l.y, h: l.h, x0: l.items[0].x, x1: lastEnd, text: text.replace(/\s+$/, '') };
  });
}

/** The right margin of a block of text: where most lines end (punctuation hanging past it aside). */
function textRight(lines: Line[]): number {
  const ends = lines.map((l) => l.x1).sort((a, b) => a - b);
  return ends[Math.floor(ends.length * 0.75)];
}

export function linesToParagraphs(lines: Line[]): string[] {
  if (lines.length === 0) return [];
  const left = Math.min(...lines.map((l) => l.x0));
  const right = textRight(lines);
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) gaps.push(lines[i - 1].y - lines[i].y);
  const typical = gaps.length ? [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] : 0;
  const out: string[] = [];
  let cur = lines[0].text;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1];
    const l = lines[i];
    const gap = prev.y - l.y;
    const indented = l.x0 - left > l.h * 1.5;
    // A short line ends a paragraph, unless what follows could not have fitted on it:
    // numbers do not break, so 「其他资金来源」 may end short before 「21.67万元」.
    const run = /^[\d.,%A-Za-z]+/.exec(l.text)?.[0] ?? '';
    const fits = run.length * 0.6 * l.h + l.h * 1.2;
    // A ragged line that stops mid-sentence goes on, whatever its length.
    const prevShort = right - prev.x1 > prev.h * 2 && right - prev.x1 > fits && (ENDS_PARAGRAPH.test(prev.text) || standsAlone(prev.text));
    const bigGap = typical > 0 && gap > typical * 1.4;
    if (bigGap || indented || prevShort || l.table || prev.table) {
      out.push(cur);
      cur = l.text;
    } else {
      // Chinese lines join without a space; Latin words keep one.
      cur += /[A-Za-z0-9,.]$/.test(cur) && /^[A-Za-z]/.test(l.text) ? ' ' + l.text : l.text;
    }
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * Tables in the text layer: lines whose text falls into columns (runs of text a cell gap apart on at least
 * three lines; a column is the span its runs cover, whether left- or right-aligned). Each line of such a
 * block becomes 「| a | b | c |」 with a blank for an empty cell, by where its text sits, so a label that
 * runs up to the next cell (「公务用车购置及运行维护费15」) still splits.
 */
export function tableRows(items: Item[], lines: Line[]): Line[] {
  const grouped = groupLines(items).map((l) => [...l].sort((a, b) => a.x - b.x));
  if (grouped.length !== lines.length) return lines;
  const runsOf = (line: Item[]) => {
    const runs: { x0: number; x1: number }[] = [];
    for (const it of line) {
      const last = runs[runs.length - 1];
      if (last && it.x - last.x1 <= it.h * 1.5) last.x1 = Math.max(last.x1, it.x + it.w);
      else runs.push({ x0: it.x, x1: it.x + it.w });
    }
    return runs;
  };
  const runs = grouped.map(runsOf);
  const multi = runs.map((r) => r.length >= 2);
  if (multi.filter(Boolean).length < 3) return lines;
  // Columns: the spans of the runs of the fullest lines (header, rows with every cell filled), merged where
  // they overlap. Rows with blanks or a label running into the next cell would merge two columns.
  const most = Math.max(...runs.map((r) => r.length));
  const full = runs.filter((r) => r.length === most);
  const spans = (full.length >= 2 ? full : runs.filter((r) => r.length >= 2)).flat().sort((a, b) => a.x0 - b.x0);
  const cols: { x0: number; x1: number }[] = [];
  for (const r of spans) {
    const last = cols[cols.length - 1];
    if (last && r.x0 <= last.x1) last.x1 = Math.max(last.x1, r.x1);
    else cols.push({ ...r });
  }
  if (cols.length < 2) return lines;
  const overlap = (it: Item, c: { x0: number; x1: number }) => Math.min(it.x + it.w, c.x1) - Math.max(it.x, c.x0);
  const columnOf = (it: Item): number => {
    const hits = cols.map((c, k) => ({ k, o: overlap(it, c) })).filter((h) => h.o > 0);
    if (hits.length > 1 && hits.filter((h) => h.o > it.h * 0.5).length > 1) return -1; // runs across columns: prose
    if (hits.length) return hits.sort((a, b) => b.o - a.o)[0].k;
    // Past the end of the widest text seen in its column (「因公出国(境)费」's 「)费」): the column it starts in.
    let k = -1;
    cols.forEach((c, n) => {
      if (c.x0 <= it.x) k = n;
    });
    return k;
  };
  const fits = grouped.map((line) => line.every((it) => columnOf(it) >= 0) && line.some((it) => columnOf(it) > 0));
  const out = [...lines];
  let i = 0;
  while (i < grouped.length) {
    if (!multi[i] || !fits[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < grouped.length && fits[j]) j++;
    // A block: at least three lines with cells apart; the header (all text, no figures) included.
    if (multi.slice(i, j).filter(Boolean).length >= 3) {
      for (let k = i; k < j; k++) {
        const cells: string[] = cols.map(() => '');
        for (const it of grouped[k]) cells[columnOf(it)] += it.str;
        out[k] = { ...lines[k], text: `| ${cells.map((c) => c.trim()).join(' | ')} |`, table: true };
      }
    }
    i = j;
  }
  return out;
}
