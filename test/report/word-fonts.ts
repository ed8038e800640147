/**
 * Reading fonts and sizes back out of a .docx (what Word would show), and converting HTML to
 * .docx with LibreOffice the way Word imports pasted HTML: the check that 复制到 Word's HTML
 * and the .docx writer give the same typesetting.
 */
import { spawnSync } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import JSZip from 'jszip';
import * as path from 'path';

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

export interface ParagraphFont {
  text: string;
  /** First family of the run holding the paragraph's first Chinese character. */
  eastAsia: string;
  /** Point size of that run. */
  size: number;
  /** Latin font of the run holding the paragraph's first digit, if any. */
  digits?: string;
}

const first = (list: string | undefined) => (list ?? '').split(/[;,]/)[0].replace(/^['"]|['"]$/g, '').trim();

/** Style-level defaults a run may inherit (fonts and size by style id, and the document defaults). */
function styleDefaults(stylesXml: string): { byId: Map<string, { eastAsia?: string; ascii?: string; size?: number }>; doc: { eastAsia?: string; ascii?: string; size?: number } } {
  const read = (xml: string) => ({
    eastAsia: /w:eastAsia="([^"]*)"/.exec(xml)?.[1],
    ascii: /w:ascii="([^"]*)"/.exec(xml)?.[1],
    size: ((n) => (n ? Number(n) / 2 : undefined))(/<w:sz w:val="(\d+)"/.exec(xml)?.[1]),
  });
  const byId = new Map<string, { eastAsia?: string; ascii?: string; size?: number }>();
  for (const m of stylesXml.matchAll(/<w:style\b[^>]*w:styleId="([^"]*)"[^>]*>([\s\S]*?)<\/w:style>/g)) byId.set(m[1], read(m[2]));
  const doc = read(/<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/.exec(stylesXml)?.[1] ?? '');
  return { byId, doc };
}

export async function paragraphFonts(docx: Buffer | Uint8Array): Promise<ParagraphFont[]> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  const styles = styleDefaults((await zip.file('word/styles.xml')?.async('string')) ?? '');
  const out: ParagraphFont[] = [];
  for (const p of xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
    const styleId = /<w:pStyle w:val="([^"]*)"/.exec(p)?.[1];
    const pStyle = (styleId && styles.byId.get(styleId)) || {};
    const runs = (p.match(/<w:r>[\s\S]*?<\/w:r>|<w:r [\s\S]*?<\/w:r>/g) ?? []).map((r) => ({
      text: (r.match(/<w:t[^>]*>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''),
      eastAsia: /w:eastAsia="([^"]*)"/.exec(r)?.[1] ?? pStyle.eastAsia ?? styles.doc.eastAsia,
      ascii: /w:ascii="([^"]*)"/.exec(r)?.[1] ?? pStyle.ascii ?? styles.doc.ascii,
      size: ((n) => (n ? Number(n) / 2 : (pStyle.size ?? styles.doc.size ?? 0)))(/<w:sz w:val="(\d+)"/.exec(r)?.[1]),
    }));
    const text = runs.map((r) => r.text).join('');
    const cjk = runs.find((r) => /[\u4e00-\u9fff]/.test(r.text));
    if (!cjk) continue;
    const digit = runs.find((r) => /\d/.test(r.text));
    out.push({ text, eastAsia: first(cjk.eastAsia), size: cjk.size, digits: digit ? first(digit.ascii) : undefined });
  }
  return out;
}

/** HTML → .docx through LibreOffice's HTML import, as pasted HTML is read. */
export async function htmlToDocx(html: string, dir: string, name = 'pasted'): Promise<Buffer> {
  const file = path.join(dir, `${name}.html`);
  await fs.writeFile(file, html, 'utf8');
  const r = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, file], { encoding: 'utf8', timeout: 120000 });
  const out = path.join(dir, `${name}.docx`);
  if (!existsSync(out)) throw new Error(`LibreOffice did not convert ${file}: ${r.stderr}`);
  return fs.readFile(out);
}
