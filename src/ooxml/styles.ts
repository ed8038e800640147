/**
 * The package's styles part, extended in place: a marked cell gets a copy of its own cell
 * format with one fill changed, and the sheets we add get formats of their own. Existing
 * entries are never edited or reordered, so every other cell keeps its look; a package with
 * no styles part gets a minimal one.
 */
import { OoxmlPackage, CONTENT_TYPE, REL } from './package';
import { attributes, escapeXml, prefixOf } from './xml';

export interface CellStyle {
  font?: { name?: string; size?: number; bold?: boolean; underline?: boolean; color?: string };
  /** Solid fill, ARGB ('FFFFC7CE'). */
  fill?: string;
  /** Built-in number formats only: '0.00%', '#,##0.00', '@'. */
  numFmt?: '0.00%' | '#,##0.00' | '@';
  alignment?: { horizontal?: 'left' | 'center' | 'justify'; vertical?: 'top' | 'center'; wrapText?: boolean };
  bottomBorder?: boolean;
}

const BUILTIN_NUMFMT: Record<NonNullable<CellStyle['numFmt']>, number> = { '0.00%': 10, '#,##0.00': 4, '@': 49 };

const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The styleSheet's children in schema order, so a missing block is inserted where it belongs. */
const BLOCK_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

type Block = 'fonts' | 'fills' | 'borders' | 'cellXfs';

export class StylesEditor {
  private readonly added: Record<Block, string[]> = { fonts: [], fills: [], borders: [], cellXfs: [] };
  private readonly counts: Record<Block, number>;
  private readonly cache = new Map<string, number>();
  private readonly xfs: string[];
  private readonly p: string;
  readonly defaultFont: { name: string; size: number };

  private constructor(
    private readonly pkg: OoxmlPackage,
    private readonly path: string,
    private xml: string,
  ) {
    this.p = prefixOf(xml, 'styleSheet');
    this.xfs = items(block(xml, 'cellXfs'), 'xf');
    this.counts = {
      fonts: items(block(xml, 'fonts'), 'font').length,
      fills: items(block(xml, 'fills'), 'fill').length,
      borders: items(block(xml, 'borders'), 'border').length,
      cellXfs: this.xfs.length,
    };
    const font0 = items(block(xml, 'fonts'), 'font')[0] ?? '';
    const val = (tag: string) => attributes(new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*)`).exec(font0)?.[1] ?? '').val;
    this.defaultFont = { name: val('name') ?? 'Calibri', size: Number(val('sz') ?? 11) || 11 };
  }

  /** Opens the workbook's styles part, creating a minimal one (with its relationship and content type) if there is none. */
  static async open(pkg: OoxmlPackage): Promise<StylesEditor> {
    const rel = (await pkg.relationships(pkg.workbookPath)).find((r) => r.type.endsWith('/styles'));
    const path = rel ? pkg.targetOf(pkg.workbookPath, rel) : pkg.workbookPath.replace(/[^/]*$/, 'styles.xml');
    let xml = await pkg.text(path);
    if (xml === null || !/<(?:\w+:)?styleSheet\b/.test(xml)) {
      xml = MINIMAL_STYLES;
      if (!rel) await pkg.addRelationship(pkg.workbookPath, REL.styles, path);
      await pkg.declareContentType(path, CONTENT_TYPE.styles);
    }
    const editor = new StylesEditor(pkg, path, xml);
    // A cellXfs block with no entry: cells without an s attribute still need format 0 to exist.
    if (editor.xfs.length === 0) editor.addXf('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    return editor;
  }

  /** The cell format `xfIndex` with its fill replaced by a solid `argb`: what a marked cell gets. */
  withFill(xfIndex: number, argb: string): number {
    const key = `mark:${xfIndex}:${argb}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const fillId = this.fill(argb);
    const base = this.xfs[xfIndex] ?? this.xfs[0];
    const tag = /^<((?:\w+:)?xf)\b([^>]*?)(\/?)>/.exec(base);
    let xf: string;
    if (!tag) {
      xf = `<${this.p}xf numFmtId="0" fontId="0" fillId="${fillId}" borderId="0" xfId="0" applyFill="1"/>`;
    } else {
      let attrs = setAttr(tag[2], 'fillId', String(fillId));
      attrs = setAttr(attrs, 'applyFill', '1');
      xf = `<${tag[1]}${attrs}${tag[3]}>` + base.slice(tag[0].length);
    }
    const index = this.addXf(xf);
    this.cache.set(key, index);
    return index;
  }

  /** A cell format for a cell of a sheet we write. */
  xf(style: CellStyle): number {
    const key = 'new:' + JSON.stringify(style);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const p = this.p;
    const fontId = style.font ? this.font(style.font) : 0;
    const fillId = style.fill ? this.fill(style.fill) : 0;
    const borderId = style.bottomBorder ? this.bottomBorder() : 0;
    const numFmtId = style.numFmt ? BUILTIN_NUMFMT[style.numFmt] : 0;
    const a = style.alignment;
    const alignment = a
      ? `<${p}alignment${a.horizontal ? ` horizontal="${a.horizontal}"` : ''}${a.vertical ? ` vertical="${a.vertical}"` : ''}${a.wrapText ? ' wrapText="1"' : ''}/>`
      : '';
    const applies = [numFmtId ? ' applyNumberFormat="1"' : '', fontId ? ' applyFont="1"' : '', fillId ? ' applyFill="1"' : '', borderId ? ' applyBorder="1"' : '', a ? ' applyAlignment="1"' : ''].join('');
    const head = `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}`;
    const index = this.addXf(alignment ? `${head}>${alignment}</${p}xf>` : `${head}/>`);
    this.cache.set(key, index);
    return index;
  }

  /** Writes the extended part back into the package (nothing changes when nothing was added). */
  save(): void {
    if (Object.values(this.added).every((list) => list.length === 0) && this.xml !== MINIMAL_STYLES) return;
    let xml = this.xml;
    for (const name of ['fonts', 'fills', 'borders', 'cellXfs'] as Block[]) {
      if (this.added[name].length > 0) xml = extendBlock(xml, name, this.added[name], this.counts[name], this.p);
    }
    this.pkg.setText(this.path, xml);
  }

  private font(f: NonNullable<CellStyle['font']>): number {
    const p = this.p;
    const parts = [
      f.bold ? `<${p}b/>` : '',
      f.underline ? `<${p}u/>` : '',
      `<${p}sz val="${f.size ?? this.defaultFont.size}"/>`,
      f.color ? `<${p}color rgb="${f.color.length === 6 ? 'FF' + f.color : f.color}"/>` : '',
      `<${p}name val="${escapeXml(f.name ?? this.defaultFont.name)}"/>`,
    ];
    return this.add('fonts', `<${p}font>${parts.join('')}</${p}font>`);
  }

  private fill(argb: string): number {
    const p = this.p;
    return this.add('fills', `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
  }

  private bottomBorder(): number {
    const p = this.p;
    return this.add('borders', `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom style="thin"><${p}color indexed="64"/></${p}bottom><${p}diagonal/></${p}border>`);
  }

  private add(name: Exclude<Block, 'cellXfs'>, item: string): number {
    const key = `${name}:${item}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const index = this.counts[name] + this.added[name].length;
    this.added[name].push(item);
    this.cache.set(key, index);
    return index;
  }

  private addXf(xf: string): number {
    const index = this.counts.cellXfs + this.added.cellXfs.length;
    this.added.cellXfs.push(xf);
    this.xfs.push(xf);
    return index;
  }
}

function block(xml: string, name: string): string {
  const m = new RegExp(`<(?:\\w+:)?${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${name}>)`).exec(xml);
  return m?.[1] ?? '';
}

/** The top-level `item` elements of a block's content (they never nest in these blocks). */
function items(content: string, item: string): string[] {
  const re = new RegExp(`<(?:\\w+:)?${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:\\w+:)?${item}>)`, 'g');
  return content.match(re) ?? [];
}

function setAttr(attrs: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  return re.test(attrs) ? attrs.replace(re, `$1"${value}"`) : `${attrs.replace(/\s*$/, '')} ${name}="${value}"`;
}

function extendBlock(xml: string, name: Block, added: string[], existing: number, p: string): string {
  const count = existing + added.length;
  const re = new RegExp(`<((?:\\w+:)?${name})\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${name}>)`);
  const m = re.exec(xml);
  if (m) {
    const attrs = setAttr(m[2], 'count', String(count));
    const replaced = `<${m[1]}${attrs}>${m[3] ?? ''}${added.join('')}</${m[1]}>`;
    return xml.slice(0, m.index) + replaced + xml.slice(m.index + m[0].length);
  }
  // The block is missing: insert it before the first block that follows it in schema order.
  const created = `<${p}${name} count="${count}">${added.join('')}</${p}${name}>`;
  for (const later of BLOCK_ORDER.slice(BLOCK_ORDER.indexOf(name) + 1)) {
    const at = new RegExp(`<(?:\\w+:)?${later}\\b`).exec(xml);
    if (at) return xml.slice(0, at.index) + created + xml.slice(at.index);
  }
  const close = /<\/(?:\w+:)?styleSheet>\s*$/.exec(xml);
  if (!close) throw new Error('styles part has no closing styleSheet tag');
  return xml.slice(0, close.index) + created + xml.slice(close.index);
}
