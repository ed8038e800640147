/**
 * pdf.js in the offline page: the text layer of each page of a draft PDF, with nothing fetched.
 * pdf.js's worker code runs on the page's thread (a draft is a few dozen pages), and the
 * character maps Chinese PDFs name (GB encodings and Adobe-GB1's Unicode map) come inline with
 * the page. A PDF that names any other map is refused with a message, never read wrongly.
 */
import { PageItems } from '../draft/pdf-layout';
import { DraftProblem } from '../draft/draft';
import { pdfPagesWith } from '../draft/read';
import adobeGb1Ucs2 from 'pdfjs-dist/cmaps/Adobe-GB1-UCS2.bcmap';
import uniGbUcs2H from 'pdfjs-dist/cmaps/UniGB-UCS2-H.bcmap';
import uniGbUcs2V from 'pdfjs-dist/cmaps/UniGB-UCS2-V.bcmap';
import uniGbUtf16H from 'pdfjs-dist/cmaps/UniGB-UTF16-H.bcmap';
import uniGbUtf16V from 'pdfjs-dist/cmaps/UniGB-UTF16-V.bcmap';
import gbkEucH from 'pdfjs-dist/cmaps/GBK-EUC-H.bcmap';
import gbkEucV from 'pdfjs-dist/cmaps/GBK-EUC-V.bcmap';
import gbk2kH from 'pdfjs-dist/cmaps/GBK2K-H.bcmap';
import gbk2kV from 'pdfjs-dist/cmaps/GBK2K-V.bcmap';
import gbEucH from 'pdfjs-dist/cmaps/GB-EUC-H.bcmap';
import gbEucV from 'pdfjs-dist/cmaps/GB-EUC-V.bcmap';

const CMAPS: Record<string, string> = {
  'Adobe-GB1-UCS2': adobeGb1Ucs2,
  'UniGB-UCS2-H': uniGbUcs2H,
  'UniGB-UCS2-V': uniGbUcs2V,
  'UniGB-UTF16-H': uniGbUtf16H,
  'UniGB-UTF16-V': uniGbUtf16V,
  'GBK-EUC-H': gbkEucH,
  'GBK-EUC-V': gbkEucV,
  'GBK2K-H': gbk2kH,
  'GBK2K-V': gbk2kV,
  'GB-EUC-H': gbEucH,
  'GB-EUC-V': gbEucV,
};

function bytesOf(dataUrl: string): Uint8Array {
  const bin = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Maps named by a PDF that the page does not carry, for the message. */
let missingMaps: string[] = [];

/** pdf.js asks this for a named character map instead of fetching it. */
class InlineCMapReaderFactory {
  async fetch({ name }: { name: string }): Promise<{ cMapData: Uint8Array; isCompressed: boolean }> {
    const url = CMAPS[name];
    if (!url) {
      missingMaps.push(name);
      throw new Error(`character map ${name} is not in the page`);
    }
    return { cMapData: bytesOf(url), isCompressed: true };
  }
}

export async function readPdfPages(data: Uint8Array, file: string): Promise<PageItems[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const g = globalThis as { pdfjsWorker?: unknown };
  // With pdfjsWorker set, pdf.js runs its worker code here instead of loading a worker script.
  g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  missingMaps = [];
  const getDocument = (bytes: Uint8Array) =>
    pdfjs.getDocument({
      // pdf.js takes ownership of the buffer it is given: hand it a copy.
      data: bytes.slice(),
      CMapReaderFactory: InlineCMapReaderFactory,
      useWorkerFetch: false,
      cMapPacked: true,
      disableFontFace: true,
      useSystemFonts: false,
      isEvalSupported: false,
      verbosity: 0,
    });
  const pages = await pdfPagesWith(getDocument, data, file);
  if (missingMaps.length) {
    const maps = [...new Set(missingMaps)].join('、');
    throw new DraftProblem(
      'pdf-cmap',
      `${file} 使用了本页面未附带的字符映射（${maps}），部分文字无法正确读出；请改用 Word（.docx）版草稿，或用命令行 budget-recon audit 核对`,
      `${file} uses a character map this page does not carry (${maps}), so some text cannot be read; use the .docx draft, or the CLI's budget-recon audit`,
    );
  }
  return pages;
}
