/**
 * Reads a draft report into paragraphs: .txt/.md (UTF-8, or GB18030/GBK as older Windows
 * tools save it), .docx (mammoth, paragraphs kept) and .pdf (pdf.js text layer, put back in
 * reading order). Unusable input is a UserError saying what and where.
 */
import path from 'path';
import { UserError } from '../errors';
import { readInputFile } from '../input-file';
import { pdfToParagraphs } from './pdf-text';
import { joinLines } from '../../core/audit/lines';

export interface Draft {
  format: 'txt' | 'md' | 'docx' | 'pdf';
  /** The text as read (for pdf: the paragraphs joined by blank lines). */
  text: string;
  paragraphs: string[];
  /** Offset of each paragraph in `text`. */
  offsets: number[];
  /** 1-based line in the file (txt/md) or page (pdf) of each paragraph. */
  where: number[];
  /** Notes about the reading (encoding detected, pages without text). */
  notes: string[];
  /**
   * Paragraphs joined from several lines (txt/md): per paragraph, [offset in the paragraph, offset in
   * `text`, 1-based line] where each of its lines starts.
   */
  segments?: [number, number, number][][];
}

/** The offset in the text and the line of an offset in a paragraph joined from lines. */
export function locate(draft: Draft, paragraph: number, at: number): { offset: number; line: number } {
  const seg = draft.segments?.[paragraph];
  if (!seg) return { offset: draft.offsets[paragraph] + at, line: draft.where[paragraph] };
  let k = 0;
  while (k + 1 < seg.length && seg[k + 1][0] <= at) k++;
  return { offset: seg[k][1] + at - seg[k][0], line: seg[k][2] };
}

export async function readDraft(filePath: string, displayName = filePath): Promise<Draft> {
  const file = displayName;
  const buffer = await readInputFile(filePath, file, { zh: '请指定报告文件', en: 'give a report file' });
  const ext = path.extname(filePath).toLowerCase();
  switch (ext) {
    case '.txt':
    case '.text':
    case '.md':
    case '.markdown':
      return fromText(decodeText(buffer, file), ext.startsWith('.m') ? 'md' : 'txt');
    case '.docx':
      return readDocx(buffer, file);
    case '.pdf':
      return readPdf(buffer, file);
    case '.doc':
      throw new UserError('old-doc', `${file} 是旧版 .doc 文件，请在 Word 中另存为 .docx 后再试`, `${file} is an old .doc file; save it as .docx in Word and try again`);
    default:
      throw new UserError(
        'unknown-draft-type',
        `无法识别的文件类型：${file}（支持 .txt、.md、.docx、.pdf）`,
        `unsupported file type: ${file} (use .txt, .md, .docx or .pdf)`,
      );
  }
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312). */
export function decodeText(buffer: Buffer, file: string): { text: string; encoding: string } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { text: buffer.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), encoding: 'UTF-16LE' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'UTF-8' };
  } catch {
    // Not UTF-8: Chinese Windows tools save GBK; GB18030 decodes it and more.
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder('gb18030', { fatal: true });
  } catch {
    throw new UserError('unknown-encoding', `${file} 不是 UTF-8 编码，且本机 Node 不支持 GB18030 解码；请另存为 UTF-8 后再试`, `${file} is not UTF-8 and this Node cannot decode GB18030; save it as UTF-8`);
  }
  try {
    return { text: decoder.decode(buffer), encoding: 'GB18030' };
  } catch {
    throw new UserError('unknown-encoding', `无法识别 ${file} 的文字编码（既不是 UTF-8 也不是 GBK/GB18030）；请另存为 UTF-8 后再试`, `cannot tell the encoding of ${file} (neither UTF-8 nor GBK/GB18030); save it as UTF-8`);
  }
}

function fromText(decoded: { text: string; encoding: string }, format: 'txt' | 'md'): Draft {
  const text = decoded.text;
  // Lines as a PDF export or a web page leaves them: a sentence broken across lines is one paragraph.
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let at = 0;
  for (const line of lines) {
    lineStarts.push(at);
    at += line.length + 1;
  }
  const kept = lines.map((l) => (format === 'md' && /^\s*\|?\s*:?-{3,}/.test(l) ? '' : l));
  const joined = joinLines(kept);
  const paragraphs = joined.paragraphs;
  const segments = joined.pieces.map((ps) => ps.map(([pos, line]): [number, number, number] => [pos, lineStarts[line], line + 1]));
  const offsets = segments.map((s) => s[0][1]);
  const where = segments.map((s) => s[0][2]);
  const notes = decoded.encoding === 'UTF-8' ? [] : [`文字编码：${decoded.encoding}（encoding ${decoded.encoding}）`];
  return { format, text, paragraphs, offsets, where, notes, segments };
}

async function readDocx(buffer: Buffer, file: string): Promise<Draft> {
  if (buffer.subarray(0, 4).toString('binary') !== 'PK\u0003\u0004') {
    throw new UserError('not-docx', `不是有效的 .docx 文件：${file}`, `not a valid .docx file: ${file}`);
  }
  const mammoth = await import('mammoth');
  let value: string;
  try {
    // HTML keeps tables as rows (a pasted 项目支出明细 can then be checked); raw text as a fallback.
    const html = (await mammoth.convertToHtml({ buffer })).value;
    value = htmlToParagraphs(html).join('\n');
    if (value.trim() === '') value = (await mammoth.extractRawText({ buffer })).value;
  } catch (e) {
    throw new UserError('not-docx', `无法读取 .docx 文件：${file}（${e instanceof Error ? e.message : String(e)}）`, `cannot read the .docx file: ${file}`);
  }
  const draft = fromText({ text: value, encoding: 'UTF-8' }, 'txt');
  if (draft.paragraphs.length === 0) throw new UserError('empty-draft', `${file} 中没有文字`, `${file} contains no text`);
  return { ...draft, format: 'docx', where: draft.paragraphs.map((_, i) => i + 1) };
}

async function readPdf(buffer: Buffer, file: string): Promise<Draft> {
  if (buffer.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new UserError('not-pdf', `不是有效的 PDF 文件：${file}`, `not a valid PDF file: ${file}`);
  }
  const { paragraphs, pages, emptyPages } = await pdfToParagraphs(new Uint8Array(buffer), file);
  if (paragraphs.length === 0) {
    throw new UserError('pdf-no-text', `${file} 没有文字层（可能是扫描件），无法核对；请提供 Word 或文字版 PDF`, `${file} has no text layer (a scan?); give a .docx or a text PDF`);
  }
  const offsets: number[] = [];
  let off = 0;
  for (const p of paragraphs) {
    offsets.push(off);
    off += p.length + 2;
  }
  const notes = emptyPages.length ? [`第${emptyPages.join('、')}页没有文字层（pages without text: ${emptyPages.join(', ')}）`] : [];
  return { format: 'pdf', text: paragraphs.join('\n\n'), paragraphs, offsets, where: pages, notes };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '')).replace(/[\r\n]+/g, ' ');
}

/** mammoth's HTML as paragraphs: each <p>/<h*>/<li> one paragraph, each table row 「| a | b |」. */
export function htmlToParagraphs(html: string): string[] {
  const out: string[] = [];
  const re = /<table[\s\S]*?<\/table>|<(p|h[1-6]|li)\b[^>]*>([\s\S]*?)<\/\1>/gi;
  for (const m of html.matchAll(re)) {
    if (m[0].slice(0, 6).toLowerCase() === '<table') {
      for (const row of m[0].matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)) {
        const cells = [...row[1].matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((c) => textOf(c[1]).trim());
        if (cells.some((c) => c !== '')) out.push(`| ${cells.join(' | ')} |`);
      }
      continue;
    }
    const t = textOf(m[2]);
    if (t.trim() !== '') out.push(t);
  }
  return out;
}
