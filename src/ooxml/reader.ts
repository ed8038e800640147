/**
 * The direct .xlsx reader: unzips the package and scans the worksheet XML, building the
 * snapshot's arrays without ExcelJS's per-cell object model. It reads only what the core
 * needs (values, formulas, number formats, merges, hidden rows and sheets, document
 * properties, sheets whose part is missing) and is several times faster than a full ExcelJS
 * load on large workbooks. Runs in Node and in the browser; copies are written by editing
 * the same package (highlight.ts), never by re-serialising what was read.
 */
import JSZip from 'jszip';
import { CellValue, SheetSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { columnIndex, columnName } from '../core/address';
import { SheetGridBuilder } from './sheet-grid';
import { parseRels as parseRelList, relsPathOf, resolvePart } from './package';
import { attributes, decode } from './xml';

/* eslint-disable @typescript-eslint/no-require-imports */
const { slideFormula } = require('exceljs/lib/utils/shared-formula') as {
  slideFormula(formula: string, from: string, to: string): string;
};
// The built-in number formats as a plain table (the xform module around it pulls in ExcelJS's
// stream parser, which does not bundle for the browser).
const DEFAULT_NUM_FORMATS = require('exceljs/lib/xlsx/defaultnumformats') as Record<number, { f?: string } | undefined>;
/* eslint-enable @typescript-eslint/no-require-imports */

export class NotAWorkbook extends Error {}
/** An Excel binary workbook (.xlsb). */
export class BinaryWorkbook extends Error {}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export async function readOoxml(buffer: Uint8Array | ArrayBuffer): Promise<WorkbookSnapshot> {
  const zip = await JSZip.loadAsync(buffer);
  const workbookPath = (await officeDocumentPath(zip)) ?? 'xl/workbook.xml';
  // An .xlsb keeps its workbook in binary parts (xl/workbook.bin): a format of its own, not an empty workbook.
  if (workbookPath.endsWith('.bin') || zip.file('xl/workbook.bin')) throw new BinaryWorkbook('the workbook is binary (.xlsb)');
  const workbookXml = await text(zip, workbookPath);
  if (workbookXml === null) throw new NotAWorkbook('the archive holds no workbook part');
  const base = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const rels = parseRels(await text(zip, relsPathOf(workbookPath)));

  const [sharedStrings, formats] = await Promise.all([
    readSharedStrings(zip, base, rels),
    readStyles(zip, base, rels),
  ]);

  const sheets: SheetSnapshot[] = [];
  const unreadableSheets: NonNullable<WorkbookSnapshot['unreadableSheets']> = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const attrs = attributes(m[1]);
    const rid = Object.entries(attrs).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    const rel = rid ? rels.get(rid) : undefined;
    if (rel && !rel.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets
    const xml = rel ? await text(zip, resolveTarget(base, rel.target)) : null;
    if (xml === null) {
      // Listed in the workbook, but its part is not in the package: its checks are lost, and that must be said.
      const part = rel ? resolveTarget(base, rel.target) : '';
      unreadableSheets.push({
        name: decode(attrs.name ?? ''),
        reason: part ? `文件中缺少其内容（${part}）` : '工作簿未指明其内容在文件中的位置',
        reasonEn: part ? `its part ${part} is missing from the file` : 'the workbook does not say where its content is',
      });
      continue;
    }
    const sheet = parseWorksheet(xml, decode(attrs.name ?? ''), sharedStrings, formats);
    sheet.hidden = attrs.state === 'hidden' || attrs.state === 'veryHidden';
    sheets.push(sheet);
  }
  const properties = await readProperties(zip);
  return { sheets, ...(properties ? { properties } : {}), ...(unreadableSheets.length ? { unreadableSheets } : {}) };
}

/** 标题 / 主题 (docProps/core.xml) and 单位 (docProps/app.xml Company), when the file states them. */
async function readProperties(zip: JSZip): Promise<WorkbookSnapshot['properties']> {
  const rels = parseRels(await text(zip, '_rels/.rels'));
  const part = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target.replace(/^\//, '');
  const core = await text(zip, part('/core-properties') ?? 'docProps/core.xml');
  const app = await text(zip, part('/extended-properties') ?? 'docProps/app.xml');
  const field = (xml: string | null, tag: string) => {
    const m = xml ? new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*>([^<]*)</(?:\\w+:)?${tag}>`).exec(xml) : null;
    const v = m ? decode(m[1]).trim() : '';
    return v || undefined;
  };
  const props = { title: field(core, 'title'), subject: field(core, 'subject'), company: field(app, 'Company') };
  return props.title || props.subject || props.company ? props : undefined;
}

interface Rel {
  type: string;
  target: string;
}

function parseRels(xml: string | null): Map<string, Rel> {
  return new Map(xml ? parseRelList(xml).map((r) => [r.id, { type: r.type, target: r.target }]) : []);
}

/** A relationship target from the folder `base` (with its trailing slash). */
function resolveTarget(base: string, target: string): string {
  return resolvePart(base, target);
}

async function text(zip: JSZip, name: string): Promise<string | null> {
  const file = zip.file(name) ?? zip.file(name.replace(/^\//, ''));
  return file ? file.async('string') : null;
}

async function officeDocumentPath(zip: JSZip): Promise<string | null> {
  const rels = parseRels(await text(zip, '_rels/.rels'));
  for (const r of rels.values()) if (r.type.endsWith('/officeDocument')) return r.target.replace(/^\//, '');
  return null;
}

/** The workbook's part of a relationship type (sharedStrings, styles), by its relationship or its usual name. */
async function relatedPart(zip: JSZip, base: string, rels: Map<string, Rel>, type: string): Promise<string | null> {
  const rel = [...rels.values()].find((r) => r.type.endsWith('/' + type));
  return text(zip, rel ? resolveTarget(base, rel.target) : `${base}${type}.xml`);
}

/** The text of an <si> or <is>: its <t> runs, leaving out phonetic (<rPh>) runs. */
function richText(xml: string): string {
  const body = xml.indexOf('<rPh') >= 0 || xml.indexOf(':rPh') >= 0 ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : xml;
  let out = '';
  for (const m of body.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) out += m[1] ?? '';
  return decode(out);
}

async function readSharedStrings(zip: JSZip, base: string, rels: Map<string, Rel>): Promise<string[]> {
  const xml = await relatedPart(zip, base, rels, 'sharedStrings');
  if (!xml) return [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) out.push(m[1] ? richText(m[1]) : '');
  return out;
}

/** Number format code of each cell style index (cellXfs order). */
async function readStyles(zip: JSZip, base: string, rels: Map<string, Rel>): Promise<string[]> {
  const xml = await relatedPart(zip, base, rels, 'styles');
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]);
    if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), decode(a.formatCode));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const out: string[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attributes(m[1]).numFmtId ?? 0);
    out.push(custom.get(id) ?? DEFAULT_NUM_FORMATS[id]?.f ?? 'General');
  }
  return out;
}

const ROW_RE = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL_RE = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const V_RE = /<(?:\w+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?v>)/;
const F_RE = /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/;
const IS_RE = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/;
const ATTR_R = /\br="([A-Z]+)(\d+)"/;
const ATTR_ROW_R = /\br="(\d+)"/;
const ATTR_S = /\bs="(\d+)"/;
const ATTR_T = /\bt="(\w+)"/;
const ATTR_HIDDEN = /\bhidden="(1|true)"/;

export function parseWorksheet(xml: string, name: string, shared: string[], formats: string[]): SheetSnapshot {
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  const endMatch = /<\/(?:\w+:)?sheetData>/.exec(xml);
  const data = start >= 0 && endMatch ? xml.slice(start, endMatch.index) : '';
  const grid = new SheetGridBuilder();
  const hiddenRows: number[] = [];
  const sharedMasters = new Map<string, { formula: string; cell: string }>();
  // Number cells written with more digits than a double holds: [row, column, digits].
  const exact: [number, number, string][] = [];
  let nextRow = 0;

  for (const rm of data.matchAll(ROW_RE)) {
    const rAttr = ATTR_ROW_R.exec(rm[1]);
    const r = rAttr ? Number(rAttr[1]) - 1 : nextRow;
    nextRow = r + 1;
    if (ATTR_HIDDEN.test(rm[1])) hiddenRows.push(r);
    const body = rm[2];
    if (!body) continue;
    grid.startRow(r);
    let nextCol = 0;
    for (const cm of body.matchAll(CELL_RE)) {
      const attrs = cm[1];
      const ref = ATTR_R.exec(attrs);
      const c = ref ? columnIndex(ref[1]) : nextCol;
      nextCol = c + 1;
      const inner = cm[2];
      if (!inner) continue; // a styled empty cell
      const type = ATTR_T.exec(attrs)?.[1] ?? 'n';
      const v = V_RE.exec(inner)?.[1];
      let value: CellValue = null;
      switch (type) {
        case 's':
          value = v !== undefined ? (shared[Number(v)] ?? null) : null;
          break;
        case 'inlineStr': {
          const is = IS_RE.exec(inner);
          value = is ? richText(is[1]) : null;
          break;
        }
        case 'str':
        case 'e':
          value = v !== undefined ? decode(v) : null;
          break;
        case 'b':
          value = v !== undefined ? v === '1' || v === 'true' : null;
          break;
        case 'd':
          value = v !== undefined ? isoToSerial(decode(v)) : null;
          break;
        default:
          value = v !== undefined && v !== '' ? Number(v) : null;
          if (typeof value === 'number' && !Number.isFinite(value)) value = '#NUM!';
          else if (v !== undefined && v.length > 17 && beyondDouble(v)) exact.push([r, c, v.trim()]);
      }
      let formula: string | null = null;
      const fm = inner.indexOf('<f') >= 0 || inner.indexOf(':f') >= 0 ? F_RE.exec(inner) : null;
      if (fm) {
        const fa = fm[1];
        const ftext = fm[2] !== undefined ? decode(fm[2]) : '';
        const cell = (ref ? ref[1] + ref[2] : '') || columnName(c) + String(r + 1);
        if (/\bt="shared"/.test(fa)) {
          const si = /\bsi="(\d+)"/.exec(fa)?.[1] ?? '';
          if (ftext) {
            sharedMasters.set(si, { formula: ftext, cell });
            formula = '=' + ftext;
          } else {
            const master = sharedMasters.get(si);
            formula = master ? '=' + slideFormula(master.formula, master.cell, cell) : null;
          }
        } else if (ftext) {
          formula = '=' + ftext;
        }
      }
      if (value === null && formula === null) continue;
      const s = ATTR_S.exec(attrs);
      grid.addCell(c, value, formula, (s ? formats[Number(s[1])] : formats[0]) ?? 'General');
    }
    grid.endRow();
  }

  const merges: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b([^>]*?)\/?>/g)) {
    const ref = attributes(m[1]).ref;
    if (ref) merges.push(ref);
  }

  const grids = grid.build();
  if (!exact.length) return { name, ...grids, merges, hiddenRows };
  const exactNumbers: (string | null)[][] = [];
  for (const [r, c, digits] of exact) (exactNumbers[r - grids.rowOffset!] ??= [])[c - grids.colOffset!] = digits;
  for (let i = 0; i < exactNumbers.length; i++) exactNumbers[i] ??= [];
  return { name, ...grids, exactNumbers, merges, hiddenRows };
}

/**
 * Whether a number as the file wrote it has more significant digits than the 17 a double keeps: a figure a
 * script wrote (123456789012345678901234567890.12), never Excel's own 17-digit form of a double
 * (0.40000000000000568), which the core reads as the double it is.
 */
export function beyondDouble(v: string): boolean {
  const mantissa = v.trim().replace(/^[-+]/, '').replace(/[eE].*$/, '');
  if (!/^(\d+\.?\d*|\.\d+)$/.test(mantissa)) return false;
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length > 17;
}

function isoToSerial(iso: string): CellValue {
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + 'Z');
  return Number.isNaN(t) ? iso : (t - EXCEL_EPOCH_MS) / 86400000;
}
