/**
 * Adds one of our own sheets (校验结果, 自评报告, 模板) to the package, or replaces its part
 * when the workbook already has a sheet of that name (the copy of a copy). The workbook part
 * gains one <sheet> entry and, for a filtered sheet, the _FilterDatabase name Excel expects.
 */
import { CONTENT_TYPE, OoxmlPackage, PackageError, REL, relsPathOf } from './package';
import { escapeXml, prefixOf } from './xml';

export interface OwnedSheetOptions {
  /** Absolute filter range ("$A$1:$L$20") for the sheet's autoFilter. */
  filterRange?: string;
}

export async function putOwnedSheet(pkg: OoxmlPackage, name: string, xml: string, options: OwnedSheetOptions = {}): Promise<void> {
  const sheets = await pkg.sheets();
  const index = sheets.findIndex((s) => s.name === name);
  let workbook = (await pkg.text(pkg.workbookPath))!;
  if (index >= 0) {
    const path = sheets[index].path;
    if (!path) throw new PackageError(`the workbook's own sheet ${name} is not a worksheet`);
    pkg.setText(path, xml);
    // Whatever the old sheet referred to (its notes, a drawing) is no longer referred to.
    if (pkg.has(relsPathOf(path))) pkg.remove(relsPathOf(path));
  } else {
    const path = pkg.freePartName('xl/worksheets/sheet', '.xml');
    pkg.setText(path, xml);
    const relId = await pkg.addRelationship(pkg.workbookPath, REL.worksheet, path);
    await pkg.declareContentType(path, CONTENT_TYPE.worksheet);
    const p = prefixOf(workbook, 'workbook');
    const rPrefix = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(workbook)?.[1];
    const rAttr = rPrefix
      ? `${rPrefix}:id="${relId}"`
      : `r:id="${relId}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
    const entry = `<${p}sheet name="${escapeXml(name)}" sheetId="${sheetId}" ${rAttr}/>`;
    const close = /<\/(?:\w+:)?sheets>/.exec(workbook);
    if (!close) throw new PackageError('the workbook part lists no sheets');
    workbook = workbook.slice(0, close.index) + entry + workbook.slice(close.index);
  }
  if (options.filterRange) {
    const local = index >= 0 ? index : sheets.length;
    workbook = setFilterName(workbook, local, `'${name.replace(/'/g, "''")}'!${options.filterRange}`);
  }
  pkg.setText(pkg.workbookPath, workbook);
}

function setFilterName(workbook: string, localSheetId: number, ref: string): string {
  const p = prefixOf(workbook, 'workbook');
  const existing = new RegExp(`(<(?:\\w+:)?definedName\\b(?=[^>]*name="_xlnm\\._FilterDatabase")(?=[^>]*localSheetId="${localSheetId}")[^>]*>)[\\s\\S]*?(</(?:\\w+:)?definedName>)`).exec(workbook);
  if (existing) {
    return workbook.slice(0, existing.index) + existing[1] + escapeXml(ref) + existing[2] + workbook.slice(existing.index + existing[0].length);
  }
  const entry = `<${p}definedName name="_xlnm._FilterDatabase" localSheetId="${localSheetId}" hidden="1">${escapeXml(ref)}</${p}definedName>`;
  const close = /<\/(?:\w+:)?definedNames>/.exec(workbook);
  if (close) return workbook.slice(0, close.index) + entry + workbook.slice(close.index);
  // No definedNames yet: it follows sheets (and functionGroups, externalReferences) in the schema.
  let at = -1;
  for (const re of [/<\/(?:\w+:)?sheets>/, /<(?:\w+:)?functionGroups\b[^>]*\/>|<\/(?:\w+:)?functionGroups>/, /<\/(?:\w+:)?externalReferences>/]) {
    const m = re.exec(workbook);
    if (m) at = Math.max(at, m.index + m[0].length);
  }
  if (at < 0) throw new PackageError('the workbook part lists no sheets');
  return workbook.slice(0, at) + `<${p}definedNames>${entry}</${p}definedNames>` + workbook.slice(at);
}
