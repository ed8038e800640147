/**
 * Reads a draft report into paragraphs: .txt/.md (UTF-8, or GB18030/GBK as older Windows
 * tools save it), .docx (mammoth, paragraphs kept) and .pdf (pdf.js text layer, put back in
 * reading order by pdf-layout.ts). Runs in Node (the CLI) and in the browser (the offline page):
 * bytes in, paragraphs out; each host loads pdf.js its own way. Unusable input is a DraftProblem
 * saying what and where, which each host wraps in its own error type.
 */
import { joinLines } from '../core/audit/lines';
import { Draft, DraftProblem } from './draft';
import { PageItems, pagesToParagraphs } from './pdf-layout';

/** The text layer of each page of a PDF, read by the host's pdf.js (Node or browser). */
export type ReadPdfPages = (data: Uint8Array, file: string) => Promise<PageItems[]>;

/** The extensions a draft may have, for a file picker's accept list. */
export const DRAFT_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.docx', '.pdf'] as const;

/** The draft in `data`; `file` is its name as the user gave it (the extension says how to read it). */
export async function readDraftBytes(data: Uint8Array, file: string, readPdfPages: ReadPdfPages): Promise<Draft> {
  const ext = (/\.[^./\\]+$/.exec(file)?.[0] ?? '').toLowerCase();
  switch (ext) {
    case '.txt':
    case '.text':
    case '.md':
    case '.markdown':
      return fromText(decodeText(data, file), ext.startsWith('.m') ? 'md' : 'txt');
    case '.docx':
      return readDocx(data, file);
    case '.pdf':
      return readPdf(data, file, readPdfPages);
    case '.doc':
      throw new DraftProblem('old-doc', `${file} 是旧版 .doc 文件，请在 Word 中另存为 .docx 后再试`, `${file} is an old .doc file; save it as .docx in Word and try again`);
    default:
      throw new DraftProblem(
        'unknown-draft-type',
        `无法识别的文件类型：${file}（支持 .txt、.md、.docx、.pdf）`,
        `unsupported file type: ${file} (use .txt, .md, .docx or .pdf)`,
      );
  }
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312). */
export function decodeText(buffer: Uint8Array, file: string): { text: string; encoding: string } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buffer.subarray(3)), encoding: 'UTF-8' };
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
    throw new DraftProblem('unknown-encoding', `${file} 不是 UTF-8 编码，且本机无法解码 GB18030；请另存为 UTF-8 后再试`, `${file} is not UTF-8 and GB18030 cannot be decoded here; save it as UTF-8`);
  }
  try {
    return { text: decoder.decode(buffer), encoding: 'GB18030' };
  } catch {
    throw new DraftProblem('unknown-encoding', `无法识别 ${file} 的文字编码（既不是 UTF-8 也不是 GBK/GB18030）；请另存为 UTF-8 后再试`, `cannot tell the encoding of ${file} (neither UTF-8 nor GBK/GB18030); save it as UTF-8`);
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

async function readDocx(data: Uint8Array, file: string): Promise<Draft> {
  if (!(data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04)) {
    throw new DraftProblem('not-docx', `不是有效的 .docx 文件：${file}`, `not a valid .docx file: ${file}`);
  }
  const mammoth = await import('mammoth');
  // Node's mammoth reads `buffer`, its browser build `arrayBuffer`; both hand the bytes to JSZip.
  const bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const input = { arrayBuffer: bytes, buffer: bytes };
  let value: string;
  try {
    // HTML keeps tables as rows (a pasted 项目支出明细 can then be checked); raw text as a fallback.
    const html = (await mammoth.convertToHtml(input as Parameters<typeof mammoth.convertToHtml>[0])).value;
    value = htmlToParagraphs(html).join('\n');
    if (value.trim() === '') value = (await mammoth.extractRawText(input as Parameters<typeof mammoth.extractRawText>[0])).value;
  } catch (e) {
    throw new DraftProblem('not-docx', `无法读取 .docx 文件：${file}（${e instanceof Error ? e.message : String(e)}）`, `cannot read the .docx file: ${file}`);
  }
  const draft = fromText({ text: value, encoding: 'UTF-8' }, 'txt');
  if (draft.paragraphs.length === 0) throw new DraftProblem('empty-draft', `${file} 中没有文字`, `${file} contains no text`);
  return { ...draft, format: 'docx', where: draft.paragraphs.map((_, i) => i + 1) };
}

async function readPdf(data: Uint8Array, file: string, readPdfPages: ReadPdfPages): Promise<Draft> {
  if (String.fromCharCode(...data.subarray(0, 5)) !== '%PDF-') {
    throw new DraftProblem('not-pdf', `不是有效的 PDF 文件：${file}`, `not a valid PDF file: ${file}`);
  }
  const { paragraphs, pages, emptyPages } = pagesToParagraphs(await readPdfPages(data, file));
  if (paragraphs.length === 0) {
    throw new DraftProblem('pdf-no-text', `${file} 没有文字层（可能是扫描件），无法核对；请提供 Word 或文字版 PDF`, `${file} has no text layer (a scan?); give a .docx or a text PDF`);
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

/**
 * The positioned text of every page of a PDF, through a pdf.js the host loaded (`getDocument` with the
 * host's options for character maps). A password or a damaged file is a DraftProblem.
 */
export async function pdfPagesWith(
  getDocument: (data: Uint8Array) => { promise: Promise<PdfDocument> },
  data: Uint8Array,
  file: string,
): Promise<PageItems[]> {
  let doc: PdfDocument;
  try {
    doc = await getDocument(data).promise;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password/i.test(msg)) throw new DraftProblem('pdf-encrypted', `${file} 设有密码，无法读取`, `${file} is password-protected`);
    throw new DraftProblem('not-pdf', `无法读取 PDF 文件：${file}（${msg}）`, `cannot read the PDF: ${file} (${msg})`);
  }
  const read: PageItems[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: PageItems['items'] = [];
      for (const it of content.items) {
        if (!('str' in it) || it.str.trim() === '') continue;
        const t = it.transform as number[];
        items.push({ str: it.str, x: t[4], y: t[5], w: it.width, h: Math.abs(t[3]) || it.height || 10 });
      }
      read.push({ items, width: page.getViewport({ scale: 1 }).width });
      page.cleanup();
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new DraftProblem('not-pdf', `无法读取 PDF 文件：${file}（${msg}）`, `cannot read the PDF: ${file} (${msg})`);
  } finally {
    await doc.destroy();
  }
  return read;
}

/** The part of pdf.js's document proxy the reader uses (the same in its Node and browser builds). */
export interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<{
    getTextContent(): Promise<{ items: ({ str: string; transform: unknown; width: number; height: number } | object)[] }>;
    getViewport(o: { scale: number }): { width: number };
    cleanup(): void;
  }>;
  destroy(): Promise<void>;
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
