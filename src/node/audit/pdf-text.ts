/**
 * The text layer of a PDF in reading order. Published reports' text layers often run out
 * of order (headers last, columns interleaved), so items are sorted by position: lines by
 * y (top to bottom), items in a line by x; lines join into paragraphs unless a vertical gap,
 * an indented first line or a short previous line says a new paragraph starts.
 */
import path from 'path';
import { UserError } from '../errors';

interface Item {
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
}

export async function pdfToParagraphs(data: Uint8Array, file: string): Promise<{ paragraphs: string[]; pages: number[]; emptyPages: number[] }> {
  // Compiled to require(): Node ≥ 20.19 loads this ES module that way.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data,
      cMapUrl: path.join(root, 'cmaps') + path.sep,
      cMapPacked: true,
      standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
      disableFontFace: true,
      useSystemFonts: false,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password/i.test(msg)) throw new UserError('pdf-encrypted', `${file} 设有密码，无法读取`, `${file} is password-protected`);
    throw new UserError('not-pdf', `无法读取 PDF 文件：${file}（${msg}）`, `cannot read the PDF: ${file} (${msg})`);
  }
  const paragraphs: string[] = [];
  const pages: number[] = [];
  const emptyPages: number[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || it.str === '') continue;
        const t = it.transform as number[];
        items.push({ str: it.str, x: t[4], y: t[5], w: it.width, h: Math.abs(t[3]) || it.height || 10 });
      }
      const lines = itemsToLines(items).filter((l) => !isPageFurniture(l.text));
      if (lines.length === 0) {
        emptyPages.push(n);
        continue;
      }
      const pageParas = linesToParagraphs(lines);
      // A paragraph that runs over a page break: the last one did not end a sentence.
      if (paragraphs.length && pageParas.length && !ENDS_PARAGRAPH.test(paragraphs[paragraphs.length - 1]) && !STARTS_HEADING.test(pageParas[0])) {
        paragraphs[paragraphs.length - 1] += pageParas.shift();
      }
      for (const p of pageParas) {
        paragraphs.push(p);
        pages.push(n);
      }
    }
  } finally {
    await doc.destroy();
  }
  return { paragraphs, pages, emptyPages };
}

const ENDS_PARAGRAPH = /[。；;：:！？!?”」』）)]\s*$/;
const STARTS_HEADING = /^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[．.、](?!\d))/;

/** Page numbers and running heads: 「— 3 —」, 「第3页」, 「- 3 -」, 「3/12」. */
function isPageFurniture(text: string): boolean {
  const t = text.replace(/\s/g, '');
  return /^[-—–]*\d{1,4}[-—–]*$/.test(t) || /^第\d+页(共\d+页)?$/.test(t) || /^\d+\/\d+$/.test(t);
}

/** Groups items whose baselines are within half a glyph height, top to bottom, left to right. */
export function itemsToLines(items: Item[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; h: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const line = lines.find((l) => Math.abs(l.y - it.y) <= Math.max(l.h, it.h) * 0.5);
    if (line) line.items.push(it);
    else lines.push({ y: it.y, h: it.h, items: [it] });
  }
  lines.sort((a, b) => b.y - a.y);
  return lines.map((l) => {
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

export function linesToParagraphs(lines: Line[]): string[] {
  if (lines.length === 0) return [];
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
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
    const prevShort = right - prev.x1 > prev.h * 2 && right - prev.x1 > fits;
    const bigGap = typical > 0 && gap > typical * 1.4;
    if (bigGap || indented || prevShort) {
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
