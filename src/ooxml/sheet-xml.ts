/**
 * Worksheet XML, edited and written as text. `restyleCells` changes the style attribute of
 * the marked cells and nothing else: every other row, cell, formula and element of the part
 * keeps its bytes. `worksheetXml` writes a sheet of our own (inline strings, so the shared
 * strings part is never touched).
 */
import { columnIndex, columnName } from '../core/address';
import { PackageError } from './package';
import { attributes, escapeXml, prefixOf } from './xml';

export interface CellPosition {
  row: number;
  col: number;
}

/** A1 reference -> zero-based position (any column past XFD is kept: we only echo what the part says). */
export function parsePosition(ref: string): CellPosition | null {
  const m = /^([A-Z]{1,4})(\d{1,8})$/.exec(ref);
  if (!m || Number(m[2]) < 1) return null;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

const ROW_RE = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL_RE = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;

/**
 * Sets the style of each target cell to `styleFor(its current style)`, creating empty cells
 * (and rows) the part does not have. Rows and cells written without an `r` attribute (valid
 * OOXML: the position follows from the order) get one where an insertion would shift them.
 */
export function restyleCells(xml: string, targets: CellPosition[], styleFor: (pos: CellPosition, current: number) => number): string {
  const p = prefixOf(xml, 'worksheet');
  const wanted = new Map<number, Set<number>>();
  for (const t of targets) {
    const cols = wanted.get(t.row) ?? new Set<number>();
    cols.add(t.col);
    wanted.set(t.row, cols);
  }
  const open = /<((?:\w+:)?sheetData)\b([^>]*?)(\/?)>/.exec(xml);
  if (!open) throw new PackageError('worksheet part has no sheetData');
  let start = open.index + open[0].length;
  let end: number;
  if (open[3] === '/') {
    xml = xml.slice(0, open.index) + `<${open[1]}${open[2]}></${open[1]}>` + xml.slice(start);
    start = open.index + open[1].length + open[2].length + 2;
    end = start;
  } else {
    const close = new RegExp(`</${open[1]}>`).exec(xml.slice(start));
    if (!close) throw new PackageError('worksheet part has an unclosed sheetData');
    end = start + close.index;
  }
  const data = xml.slice(start, end);

  const rows: { index: number; raw: string; attrs: string; body: string | undefined; hasR: boolean }[] = [];
  let next = 0;
  let last = 0;
  const between: string[] = [];
  for (const m of data.matchAll(ROW_RE)) {
    between.push(data.slice(last, m.index));
    const r = /\br="(\d+)"/.exec(m[1]);
    const index = r ? Number(r[1]) - 1 : next;
    next = index + 1;
    rows.push({ index, raw: m[0], attrs: m[1], body: m[2], hasR: !!r });
    last = m.index + m[0].length;
  }
  const tail = data.slice(last);

  const existing = new Set(rows.map((r) => r.index));
  const inserts = [...wanted.keys()].filter((r) => !existing.has(r)).sort((a, b) => a - b);
  // An inserted row shifts the implicit position of every later row without an r attribute.
  const fixRowRefs = inserts.length > 0 && rows.some((r) => !r.hasR);

  const out: string[] = [];
  let k = 0;
  const emitNewRowsBefore = (limit: number) => {
    while (k < inserts.length && inserts[k] < limit) {
      const r = inserts[k++];
      const cells = [...wanted.get(r)!].sort((a, b) => a - b).map((c) => `<${p}c r="${columnName(c)}${r + 1}" s="${styleFor({ row: r, col: c }, 0)}"/>`);
      out.push(`<${p}row r="${r + 1}">${cells.join('')}</${p}row>`);
    }
  };
  rows.forEach((row, i) => {
    out.push(between[i]);
    emitNewRowsBefore(row.index);
    const cols = wanted.get(row.index);
    if (!cols) {
      out.push(fixRowRefs && !row.hasR ? withRowRef(row.raw, row.index) : row.raw);
      return;
    }
    out.push(restyleRow(row, cols, styleFor, p));
  });
  out.push(tail);
  emitNewRowsBefore(Infinity);
  return xml.slice(0, start) + out.join('') + xml.slice(end);
}

function withRowRef(raw: string, index: number): string {
  return raw.replace(/^<((?:\w+:)?row)\b/, `<$1 r="${index + 1}"`);
}

function restyleRow(
  row: { index: number; raw: string; attrs: string; body: string | undefined; hasR: boolean },
  cols: Set<number>,
  styleFor: (pos: CellPosition, current: number) => number,
  p: string,
): string {
  const tag = /^<((?:\w+:)?row)\b/.exec(row.raw)![1];
  const body = row.body ?? '';
  const cells: { col: number; raw: string; attrs: string; inner: string | undefined; hasR: boolean; lead: string }[] = [];
  let next = 0;
  let last = 0;
  for (const m of body.matchAll(CELL_RE)) {
    const ref = /\br="([A-Z]+)\d+"/.exec(m[1]);
    const col = ref ? columnIndex(ref[1]) : next;
    next = col + 1;
    cells.push({ col, raw: m[0], attrs: m[1], inner: m[2], hasR: !!ref, lead: body.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  const trailing = body.slice(last);
  const present = new Set(cells.map((c) => c.col));
  const missing = [...cols].filter((c) => !present.has(c)).sort((a, b) => a - b);
  const fixCellRefs = missing.length > 0 && cells.some((c) => !c.hasR);
  const ref = (col: number) => `${columnName(col)}${row.index + 1}`;

  const out: string[] = [];
  let k = 0;
  const emitMissingBefore = (limit: number) => {
    for (; k < missing.length && missing[k] < limit; k++) out.push(`<${p}c r="${ref(missing[k])}" s="${styleFor({ row: row.index, col: missing[k] }, 0)}"/>`);
  };
  for (const cell of cells) {
    out.push(cell.lead);
    emitMissingBefore(cell.col);
    if (!cols.has(cell.col)) {
      out.push(fixCellRefs && !cell.hasR ? cell.raw.replace(/^<((?:\w+:)?c)\b/, `<$1 r="${ref(cell.col)}"`) : cell.raw);
      continue;
    }
    const style = styleFor({ row: row.index, col: cell.col }, Number(attributes(cell.attrs).s ?? 0) || 0);
    let attrs = /\ss\s*=\s*"[^"]*"/.test(cell.attrs) ? cell.attrs.replace(/(\ss\s*=\s*)"[^"]*"/, `$1"${style}"`) : `${cell.attrs} s="${style}"`;
    if (fixCellRefs && !cell.hasR) attrs = ` r="${ref(cell.col)}"${attrs}`;
    const name = /^<((?:\w+:)?c)\b/.exec(cell.raw)![1];
    out.push(cell.inner === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${cell.inner}</${name}>`);
  }
  out.push(trailing);
  emitMissingBefore(Infinity);
  // A row's spans attribute is only an optimisation hint; drop it once cells outside it may exist.
  let attrs = missing.length > 0 ? row.attrs.replace(/\sspans\s*=\s*"[^"]*"/, '') : row.attrs;
  if (!row.hasR) attrs = ` r="${row.index + 1}"${attrs}`;
  return `<${tag}${attrs}>${out.join('')}</${tag}>`;
}

/** CT_Worksheet's children that come after legacyDrawing, in schema order. */
const AFTER_LEGACY_DRAWING = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/** Adds <legacyDrawing r:id> (the notes' VML) where the schema wants it, declaring the r namespace if needed. */
export function addLegacyDrawing(xml: string, relId: string): string {
  const p = prefixOf(xml, 'worksheet');
  const root = /<((?:\w+:)?worksheet)\b([^>]*)>/.exec(xml);
  if (!root) throw new PackageError('worksheet part has no worksheet element');
  const rNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const declared = new RegExp(`xmlns:(\\w+)="${rNs.replace(/[./]/g, '\\$&')}"`).exec(root[2]);
  let rPrefix = declared?.[1];
  if (!rPrefix) {
    rPrefix = 'r';
    let n = 0;
    while (new RegExp(`xmlns:${rPrefix}=`).test(root[2])) rPrefix = `r${++n}`;
    xml = xml.slice(0, root.index) + `<${root[1]}${root[2]} xmlns:${rPrefix}="${rNs}">` + xml.slice(root.index + root[0].length);
  }
  const element = `<${p}legacyDrawing ${rPrefix}:id="${relId}"/>`;
  for (const later of AFTER_LEGACY_DRAWING) {
    const at = new RegExp(`<(?:\\w+:)?${later}\\b`).exec(xml);
    if (at) return xml.slice(0, at.index) + element + xml.slice(at.index);
  }
  const close = /<\/(?:\w+:)?worksheet>\s*$/.exec(xml);
  if (!close) throw new PackageError('worksheet part has no closing tag');
  return xml.slice(0, close.index) + element + xml.slice(close.index);
}

/** The relationship id of the sheet's legacyDrawing (VML), if it has one. */
export function legacyDrawingId(xml: string): string | undefined {
  const m = /<(?:\w+:)?legacyDrawing\b([^>]*?)\/?>/.exec(xml);
  if (!m) return undefined;
  return Object.entries(attributes(m[1])).find(([k]) => k.endsWith(':id'))?.[1];
}

/** A cell of a sheet we write. */
export type OutCell =
  | { text: string; style?: number }
  | { number: string; style?: number }
  | { formula: string; cached: string; style?: number };

export interface OutSheet {
  rows: (OutCell | null)[][];
  /** Column widths in Excel character units, from column A. */
  widths: number[];
  rowHeights?: Map<number, number>;
  /** Rows frozen at the top. */
  frozenRows?: number;
  /** A1 range the filter buttons cover. */
  autoFilter?: string;
  /** Column frozen at the left (with frozenRows). */
  frozenCols?: number;
}

/** Excel keeps at most 32,767 characters in a cell. */
const MAX_CELL_TEXT = 32767;

export function worksheetXml(sheet: OutSheet): string {
  const parts: string[] = [];
  const lastRow = Math.max(1, sheet.rows.length);
  const lastCol = Math.max(1, sheet.widths.length, ...sheet.rows.map((r) => r.length));
  parts.push(`<dimension ref="A1:${columnName(lastCol - 1)}${lastRow}"/>`);
  const fr = sheet.frozenRows ?? 0;
  const fc = sheet.frozenCols ?? 0;
  if (fr || fc) {
    const pane = fr && fc ? 'bottomRight' : fr ? 'bottomLeft' : 'topRight';
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane${fc ? ` xSplit="${fc}"` : ''}${fr ? ` ySplit="${fr}"` : ''} topLeftCell="${columnName(fc)}${fr + 1}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`,
    );
  } else {
    parts.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  }
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (sheet.widths.length > 0) {
    parts.push(`<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`);
  }
  const rows: string[] = [];
  sheet.rows.forEach((row, r) => {
    const height = sheet.rowHeights?.get(r);
    const cells = row
      .map((cell, c) => (cell ? cellXml(cell, `${columnName(c)}${r + 1}`) : ''))
      .join('');
    if (!cells && height === undefined) return;
    rows.push(`<row r="${r + 1}"${height !== undefined ? ` ht="${height}" customHeight="1"` : ''}>${cells}</row>`);
  });
  parts.push(`<sheetData>${rows.join('')}</sheetData>`);
  if (sheet.autoFilter) parts.push(`<autoFilter ref="${sheet.autoFilter}"/>`);
  parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    parts.join('') +
    '</worksheet>'
  );
}

function cellXml(cell: OutCell, ref: string): string {
  const s = cell.style ? ` s="${cell.style}"` : '';
  if ('text' in cell) {
    if (cell.text === '') return cell.style ? `<c r="${ref}"${s}/>` : '';
    return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.text.slice(0, MAX_CELL_TEXT))}</t></is></c>`;
  }
  if ('number' in cell) {
    // A decimal string is written as it is: every digit the engine computed reaches the cell.
    return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell.number) ? `<c r="${ref}"${s}><v>${cell.number}</v></c>` : cellXml({ text: cell.number, style: cell.style }, ref);
  }
  return `<c r="${ref}"${s} t="str"><f>${escapeXml(cell.formula)}</f><v>${escapeXml(cell.cached)}</v></c>`;
}
