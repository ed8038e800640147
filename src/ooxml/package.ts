/**
 * An .xlsx/.xlsm package opened for editing in place: parts are read and replaced as text,
 * relationships and content types are added, and every part nobody touched is written back
 * with the same bytes. Runs in Node and in the browser (jszip only).
 */
import JSZip from 'jszip';
import { attributes, decode, escapeXml, prefixOf } from './xml';

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
} as const;

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
} as const;

/** The package is not an OOXML workbook this editor can change (damaged, or no workbook part). */
export class PackageError extends Error {}

export interface Relationship {
  id: string;
  type: string;
  /** The target as written (relative to the source part's folder, or absolute with '/'). */
  target: string;
  external: boolean;
}

export interface SheetEntry {
  name: string;
  /** The part path inside the zip, e.g. xl/worksheets/sheet1.xml; null for a chart sheet or a missing part. */
  path: string | null;
  relId: string;
  sheetId: number;
}

export class OoxmlPackage {
  private readonly changed = new Map<string, string>();

  private constructor(
    private readonly zip: JSZip,
    readonly workbookPath: string,
  ) {}

  static async load(data: Uint8Array | ArrayBuffer): Promise<OoxmlPackage> {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(data);
    } catch (e) {
      throw new PackageError(`the zip structure cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
    const rootRels = await readText(zip, '_rels/.rels');
    const office = rootRels ? parseRels(rootRels).find((r) => r.type.endsWith('/officeDocument')) : undefined;
    const workbookPath = office ? resolvePart('', office.target) : 'xl/workbook.xml';
    if (!zip.file(workbookPath)) throw new PackageError('the package holds no workbook part');
    return new OoxmlPackage(zip, workbookPath);
  }

  has(path: string): boolean {
    return this.changed.has(path) || this.zip.file(path) !== null;
  }

  async text(path: string): Promise<string | null> {
    const edited = this.changed.get(path);
    if (edited !== undefined) return edited;
    return readText(this.zip, path);
  }

  setText(path: string, xml: string): void {
    this.changed.set(path, xml);
  }

  remove(path: string): void {
    this.changed.delete(path);
    this.zip.remove(path);
  }

  /** Every part name in the package, with the ones this edit added. */
  partNames(): string[] {
    const names = new Set<string>(this.changed.keys());
    this.zip.forEach((name, file) => {
      if (!file.dir) names.add(name);
    });
    return [...names];
  }

  /** The parts this edit changed or added, for tests and messages. */
  changedParts(): string[] {
    return [...this.changed.keys()].sort();
  }

  async relationships(part: string): Promise<Relationship[]> {
    const xml = await this.text(relsPathOf(part));
    return xml ? parseRels(xml) : [];
  }

  /** The absolute part path a relationship of `part` points at. */
  targetOf(part: string, rel: Relationship): string {
    return resolvePart(folderOf(part), rel.target);
  }

  /** Adds a relationship from `part` to `targetPart` (an absolute part path) and returns its id. */
  async addRelationship(part: string, type: string, targetPart: string): Promise<string> {
    const relsPath = relsPathOf(part);
    let xml = await this.text(relsPath);
    if (xml === null) {
      xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    }
    const taken = new Set(parseRels(xml).map((r) => r.id));
    let n = taken.size + 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const p = prefixOf(xml, 'Relationships');
    const entry = `<${p}Relationship Id="${id}" Type="${type}" Target="${escapeXml(relativeTarget(folderOf(part), targetPart))}"/>`;
    xml = insertBeforeClose(xml, 'Relationships', entry);
    this.setText(relsPath, xml);
    return id;
  }

  /** Declares a part's content type (an Override), unless its extension's Default already gives it. */
  async declareContentType(partPath: string, contentType: string): Promise<void> {
    let xml = await this.text('[Content_Types].xml');
    if (xml === null) throw new PackageError('the package has no [Content_Types].xml');
    const ext = partPath.slice(partPath.lastIndexOf('.') + 1).toLowerCase();
    const p = prefixOf(xml, 'Types');
    for (const m of xml.matchAll(/<(?:\w+:)?(Default|Override)\b([^>]*?)\/?>/g)) {
      const a = attributes(m[2]);
      if (m[1] === 'Override' && a.PartName && decode(a.PartName).toLowerCase() === '/' + partPath.toLowerCase()) return;
      if (m[1] === 'Default' && a.Extension?.toLowerCase() === ext && a.ContentType === contentType) return;
    }
    const entry = ext === 'vml' ? `<${p}Default Extension="vml" ContentType="${contentType}"/>` : `<${p}Override PartName="/${escapeXml(partPath)}" ContentType="${contentType}"/>`;
    xml = insertBeforeClose(xml, 'Types', entry);
    this.setText('[Content_Types].xml', xml);
  }

  /** The workbook's sheets in tab order, with their parts. */
  async sheets(): Promise<SheetEntry[]> {
    const xml = await this.text(this.workbookPath);
    if (xml === null) throw new PackageError('the package holds no workbook part');
    const rels = await this.relationships(this.workbookPath);
    const out: SheetEntry[] = [];
    const sheetsBlock = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(xml)?.[1] ?? '';
    for (const m of sheetsBlock.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
      const a = attributes(m[1]);
      const relId = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1] ?? '';
      const rel = rels.find((r) => r.id === relId);
      const path = rel && rel.type.endsWith('/worksheet') ? this.targetOf(this.workbookPath, rel) : null;
      out.push({ name: decode(a.name ?? ''), path: path && this.has(path) ? path : null, relId, sheetId: Number(a.sheetId ?? 0) });
    }
    return out;
  }

  /** A part name not yet in the package: `${stem}${n}${ext}` with the smallest free n ≥ 1. */
  freePartName(stem: string, ext: string): string {
    for (let n = 1; ; n++) {
      const name = `${stem}${n}${ext}`;
      if (!this.has(name)) return name;
    }
  }

  /** Is the main part a macro-enabled workbook (.xlsm)? */
  async isMacroEnabled(): Promise<boolean> {
    const xml = (await this.text('[Content_Types].xml')) ?? '';
    return /macroEnabled\.main\+xml/i.test(xml);
  }

  async generate(): Promise<Uint8Array> {
    for (const [path, xml] of this.changed) this.zip.file(path, xml);
    return this.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}

async function readText(zip: JSZip, name: string): Promise<string | null> {
  const file = zip.file(name);
  return file ? file.async('string') : null;
}

export function parseRels(xml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]);
    if (a.Id) out.push({ id: a.Id, type: a.Type ?? '', target: decode(a.Target ?? ''), external: a.TargetMode === 'External' });
  }
  return out;
}

export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

/** An absolute part path (no leading '/') from a folder and a relationship target. */
export function resolvePart(folder: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const out: string[] = [];
  for (const p of (folder + target).split('/')) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The relative target from a folder to a part, as Excel writes it ("worksheets/sheet2.xml", "../comments1.xml"). */
function relativeTarget(folder: string, part: string): string {
  const from = folder.split('/').filter(Boolean);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/** Inserts `entry` before the closing tag of the root element `local` (expanding a self-closed root). */
export function insertBeforeClose(xml: string, local: string, entry: string): string {
  const close = new RegExp(`</(\\w+:)?${local}>\\s*$`).exec(xml);
  if (close) return xml.slice(0, close.index) + entry + xml.slice(close.index);
  const selfClosed = new RegExp(`<((?:\\w+:)?${local})\\b([^>]*?)/>`).exec(xml);
  if (selfClosed) {
    return xml.slice(0, selfClosed.index) + `<${selfClosed[1]}${selfClosed[2]}>${entry}</${selfClosed[1]}>` + xml.slice(selfClosed.index + selfClosed[0].length);
  }
  throw new PackageError(`no <${local}> element to extend`);
}
