/**
 * Notes (Excel's legacy comments) on marked cells, added to a sheet's comments part and its
 * VML drawing, or to new ones. A cell that already has a note keeps it: our text is appended
 * after a 「——校验结果——」 line. Existing notes, shapes and form controls are left as they are.
 */
import { columnName } from '../core/address';
import { CONTENT_TYPE, OoxmlPackage, REL, insertBeforeClose } from './package';
import { addLegacyDrawing, CellPosition, legacyDrawingId } from './sheet-xml';
import { attributes, escapeXml, prefixOf } from './xml';

export const NOTE_AUTHOR = 'budget-recon';
export const NOTE_SEPARATOR = '——校验结果——';

export interface Note extends CellPosition {
  text: string;
}

const MAX_NOTE = 32000;
const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** Adds `notes` to the sheet at `sheetPath` (whose XML is `sheetXml`); returns the sheet's new XML. */
export async function addNotes(pkg: OoxmlPackage, sheetPath: string, sheetXml: string, notes: Note[]): Promise<string> {
  if (notes.length === 0) return sheetXml;
  const rels = await pkg.relationships(sheetPath);
  const commentsRel = rels.find((r) => r.type.endsWith('/comments'));
  const vmlId = legacyDrawingId(sheetXml);
  const vmlRel = vmlId ? rels.find((r) => r.id === vmlId) : undefined;

  let commentsPath: string;
  let commentsXml: string;
  if (commentsRel && (await pkg.text(pkg.targetOf(sheetPath, commentsRel))) !== null) {
    commentsPath = pkg.targetOf(sheetPath, commentsRel);
    commentsXml = (await pkg.text(commentsPath))!;
  } else {
    commentsPath = pkg.freePartName('xl/comments', '.xml');
    commentsXml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>';
    await pkg.addRelationship(sheetPath, REL.comments, commentsPath);
    await pkg.declareContentType(commentsPath, CONTENT_TYPE.comments);
  }

  let vmlPath: string;
  let vml: string;
  if (vmlRel && (await pkg.text(pkg.targetOf(sheetPath, vmlRel))) !== null) {
    vmlPath = pkg.targetOf(sheetPath, vmlRel);
    vml = (await pkg.text(vmlPath))!;
  } else {
    vmlPath = pkg.freePartName('xl/drawings/vmlDrawing', '.vml');
    vml =
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${await freeDrawingBlock(pkg)}"/></o:shapelayout>${SHAPETYPE}</xml>`;
    const id = await pkg.addRelationship(sheetPath, REL.vmlDrawing, vmlPath);
    await pkg.declareContentType(vmlPath, CONTENT_TYPE.vml);
    sheetXml = addLegacyDrawing(sheetXml, id);
  }

  const p = prefixOf(commentsXml, 'comments');
  const authors = (/<(?:\w+:)?authors\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?authors>)/.exec(commentsXml)?.[1] ?? '').match(/<(?:\w+:)?author\b[^>]*>([\s\S]*?)<\/(?:\w+:)?author>/g) ?? [];
  let authorId = authors.findIndex((a) => a.replace(/<[^>]+>/g, '') === NOTE_AUTHOR);
  if (authorId < 0) {
    authorId = authors.length;
    commentsXml = insertInto(commentsXml, 'authors', `<${p}author>${NOTE_AUTHOR}</${p}author>`, p);
  }

  const fresh: Note[] = [];
  for (const note of notes) {
    const ref = `${columnName(note.col)}${note.row + 1}`;
    const text = note.text.slice(0, MAX_NOTE);
    const existing = new RegExp(`<(?:\\w+:)?comment\\b[^>]*\\bref="${ref}"[^>]*>([\\s\\S]*?)</(?:\\w+:)?comment>`).exec(commentsXml);
    if (existing) {
      // Our runs go at the end of the note's text, before any phonetic runs the schema puts last.
      const run = `<${p}r><${p}t xml:space="preserve">${escapeXml(`\n${NOTE_SEPARATOR}\n${text}`)}</${p}t></${p}r>`;
      const inner = existing[1];
      const textClose = /<\/(?:\w+:)?text>/.exec(inner);
      if (!textClose) continue;
      const phonetic = /<(?:\w+:)?(?:rPh|phoneticPr)\b/.exec(inner.slice(0, textClose.index));
      const at = existing.index + existing[0].indexOf(inner) + (phonetic ? phonetic.index : textClose.index);
      commentsXml = commentsXml.slice(0, at) + run + commentsXml.slice(at);
      continue;
    }
    const body = `<${p}text><${p}r><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}r></${p}text>`;
    commentsXml = insertInto(commentsXml, 'commentList', `<${p}comment ref="${ref}" authorId="${authorId}">${body}</${p}comment>`, p);
    fresh.push(note);
  }
  pkg.setText(commentsPath, commentsXml);

  if (fresh.length > 0) {
    if (!/id="_x0000_t202"/.test(vml)) vml = insertBeforeClose(vml, 'xml', SHAPETYPE);
    let next = nextShapeNumber(vml);
    const shapes = fresh.map((n) => noteShape(n, next++)).join('');
    vml = insertBeforeClose(vml, 'xml', shapes);
    pkg.setText(vmlPath, vml);
  }
  return sheetXml;
}

/** Inserts into a block of the comments part, creating the block where it is missing. */
function insertInto(xml: string, block: 'authors' | 'commentList', entry: string, p: string): string {
  const close = new RegExp(`</(?:\\w+:)?${block}>`).exec(xml);
  if (close) return xml.slice(0, close.index) + entry + xml.slice(close.index);
  const selfClosed = new RegExp(`<((?:\\w+:)?${block})\\b([^>]*?)/>`).exec(xml);
  if (selfClosed) return xml.slice(0, selfClosed.index) + `<${selfClosed[1]}${selfClosed[2]}>${entry}</${selfClosed[1]}>` + xml.slice(selfClosed.index + selfClosed[0].length);
  if (block === 'authors') return xml.replace(/(<(?:\w+:)?comments\b[^>]*>)/, `$1<${p}authors>${entry}</${p}authors>`);
  return insertBeforeClose(xml, 'comments', `<${p}commentList>${entry}</${p}commentList>`);
}

/** A drawing id block (o:idmap data) no other VML part of the package uses: shape ids stay unique. */
async function freeDrawingBlock(pkg: OoxmlPackage): Promise<number> {
  let max = 0;
  for (const path of pkg.partNames().filter((n) => n.toLowerCase().endsWith('.vml'))) {
    const xml = (await pkg.text(path)) ?? '';
    for (const m of xml.matchAll(/<o:idmap\b([^>]*)>/g)) {
      for (const n of (attributes(m[1]).data ?? '').split(',')) max = Math.max(max, Number(n) || 0);
    }
  }
  return max + 1;
}

function nextShapeNumber(vml: string): number {
  let max = 0;
  for (const m of vml.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
  const block = Number(/<o:idmap\b[^>]*\bdata="(\d+)/.exec(vml)?.[1] ?? 1) || 1;
  return Math.max(max + 1, block * 1024 + 1);
}

function noteShape(n: Note, number: number): string {
  const anchor = `${n.col + 1}, 15, ${Math.max(0, n.row - 1)}, 10, ${n.col + 4}, 15, ${n.row + 4}, 4`;
  return (
    `<v:shape id="_x0000_s${number}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:240pt;height:120pt;z-index:${number};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
    `<x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`
  );
}
