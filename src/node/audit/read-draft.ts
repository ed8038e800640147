/**
 * The CLI's draft reader: the file's bytes to src/draft/read.ts, with pdf.js loaded from
 * node_modules (its character maps and standard fonts from disk). Problems become UserErrors.
 */
import path from 'path';
import { Draft, DraftProblem } from '../../draft/draft';
import { pdfPagesWith, readDraftBytes } from '../../draft/read';
import { PageItems } from '../../draft/pdf-layout';
import { UserError } from '../errors';
import { readInputFile } from '../input-file';

export { decodeText } from '../../draft/read';
export { locate } from '../../draft/draft';
export type { Draft } from '../../draft/draft';

export async function readDraft(filePath: string, displayName = filePath): Promise<Draft> {
  const file = displayName;
  const buffer = await readInputFile(filePath, file, { zh: '请指定报告文件', en: 'give a report file' });
  try {
    return await readDraftBytes(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), file, readPdfPages);
  } catch (e) {
    if (e instanceof DraftProblem) throw new UserError(e.code, e.zh, e.en);
    throw e;
  }
}

async function readPdfPages(data: Uint8Array, file: string): Promise<PageItems[]> {
  // Compiled to require(): Node ≥ 20.19 loads this ES module that way.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const getDocument = (bytes: Uint8Array) =>
    pdfjs.getDocument({
      data: bytes,
      cMapUrl: path.join(root, 'cmaps') + path.sep,
      cMapPacked: true,
      standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
      disableFontFace: true,
      useSystemFonts: false,
      isEvalSupported: false,
      verbosity: 0,
    });
  return pdfPagesWith(getDocument, data, file);
}
