/**
 * .xlsx file -> WorkbookSnapshot (src/core/snapshot.ts), through ExcelJS.
 * Values are what Excel shows: a formula cell gives its cached result, rich text is
 * flattened, dates become serial numbers, error values become "#REF!"-style strings.
 * The file is only ever opened for reading.
 */
// Type-only: ExcelJS costs ~0.2 s to load, so it is required only when a copy is to be written.
import type ExcelJS from 'exceljs';
import { CellValue, OWNED_SHEET_NAMES, SheetSnapshot, WorkbookSnapshot } from '../core/snapshot';
import { errorReason, UserError } from './errors';
import { ExpectedFile, readInputFile } from './input-file';
import { BinaryWorkbook, NotAWorkbook, readOoxml } from '../ooxml/reader';
import { noDataProblem, noWorkbookProblem, signatureProblem, unreadableProblem, WorkbookProblem, xlsbProblem } from '../ooxml/workbook-problems';
import { SheetGridBuilder } from '../ooxml/sheet-grid';

/** Excel's serial day 0 is 1899-12-30 (the 1900 leap-year bug is folded in). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86400000;

const XLSX_FILE: ExpectedFile = { zh: '请指定 .xlsx 文件', en: 'give an .xlsx file' };

export interface ReadOptions {
  /** Keep sheets with no cells at all (default false: they carry nothing to check). */
  keepEmptySheets?: boolean;
  /**
   * Keep the sheets the add-in writes itself (校验结果, 自评报告). Off by default: they are
   * never user data, and the Office host leaves them out too.
   */
  includeOwnedSheets?: boolean;
  /** How the file is named in messages (the path as the user typed it); defaults to `file`. */
  displayName?: string;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  /** The ExcelJS workbook (the reader of last resort; copies are written by editing the package). */
  workbook: ExcelJS.Workbook;
}

/**
 * Reads an .xlsx into the plain snapshot; unusable input is a UserError saying what and where.
 * Uses the direct OOXML reader (fast); falls back to ExcelJS if that cannot make sense of a
 * package ExcelJS might still read.
 */
export async function readXlsx(filePath: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  return (await readXlsxPackage(filePath, options)).snapshot;
}

/** readXlsx, with the package's bytes: the highlighted copy and the report copy edit them. */
export async function readXlsxPackage(filePath: string, options: ReadOptions = {}): Promise<{ snapshot: WorkbookSnapshot; data: Buffer }> {
  const file = options.displayName ?? filePath;
  const buffer = await readPackage(filePath, file);
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = await readOoxml(buffer);
  } catch (e) {
    if (e instanceof NotAWorkbook) throw asUserError(noWorkbookProblem(file));
    if (e instanceof BinaryWorkbook) throw asUserError(xlsbProblem(file));
    return { snapshot: (await loadXlsx(filePath, options)).snapshot, data: buffer };
  }
  snapshot.sheets = snapshot.sheets.filter(
    (s) => (options.keepEmptySheets || s.values.length > 0) && (options.includeOwnedSheets || !OWNED_SHEET_NAMES.has(s.name)),
  );
  if (snapshot.sheets.every((s) => s.values.length === 0)) throw asUserError(noDataProblem(snapshot, file));
  return { snapshot, data: buffer };
}

/** Reads through ExcelJS: slower; the fallback for a package the direct reader cannot make sense of. */

export async function loadXlsx(filePath: string, options: ReadOptions = {}): Promise<ReadResult> {
  const file = options.displayName ?? filePath;
  const buffer = await readPackage(filePath, file);
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw asUserError(unreadableProblem(file, errorReason(e)));
  }
  // A zip archive that is not a workbook reads in ExcelJS as a workbook without sheets.
  if (workbook.worksheets.length === 0 && !buffer.includes('xl/workbook')) throw asUserError(noWorkbookProblem(file));
  const snapshot = workbookToSnapshot(workbook, options);
  if (snapshot.sheets.every((s) => s.values.length === 0)) throw asUserError(noDataProblem(snapshot, file));
  return { snapshot, workbook };
}

/** The file's bytes, once they are known to be a zip package (not an old .xls, not encrypted). */
async function readPackage(filePath: string, file: string): Promise<Buffer> {
  const buffer = await readInputFile(filePath, file, XLSX_FILE);
  checkSignature(buffer, file);
  return buffer;
}

function checkSignature(buffer: Buffer, file: string): void {
  const problem = signatureProblem(buffer, file);
  if (problem) throw asUserError(problem);
}

function asUserError(p: WorkbookProblem): UserError {
  return new UserError(p.code, p.zh, p.en);
}

export function workbookToSnapshot(workbook: ExcelJS.Workbook, options: ReadOptions = {}): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [];
  workbook.eachSheet((ws) => {
    if (!options.includeOwnedSheets && OWNED_SHEET_NAMES.has(ws.name)) return;
    const sheet = worksheetToSnapshot(ws);
    if (sheet.values.length > 0 || options.keepEmptySheets) sheets.push(sheet);
  });
  return { sheets };
}

/** ExcelJS value types (ExcelJS.ValueType), spelled out so the switch stays readable. */
const T = { Null: 0, Merge: 1, Number: 2, String: 3, Date: 4, Hyperlink: 5, Formula: 6, SharedString: 7, RichText: 8, Boolean: 9, Error: 10 } as const;

export function worksheetToSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  // One pass in absolute sheet coordinates; the used range's offset is cut off afterwards.
  const grid = new SheetGridBuilder();
  const hiddenRows: number[] = [];

  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const r = rowNumber - 1;
    if (row.hidden) hiddenRows.push(r);
    grid.startRow(r);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const type = cell.type;
      if (type === T.Merge) return; // Excel reports only the top-left cell of a merge as holding the value.
      let value: CellValue;
      let formula: string | null = null;
      if (type === T.Formula) {
        const f = cell.formula;
        formula = f ? '=' + f : null;
        value = plainValue(cell.result as unknown);
      } else {
        value = plainValue(cell.value as unknown);
      }
      if (value === null && formula === null) return;
      grid.addCell(colNumber - 1, value, formula, cell.numFmt || 'General');
    });
    grid.endRow();
  });

  return {
    name: ws.name,
    ...grid.build(),
    merges: mergeRanges(ws),
    hiddenRows,
    hidden: ws.state === 'hidden' || ws.state === 'veryHidden',
  };
}

function mergeRanges(ws: ExcelJS.Worksheet): string[] {
  // ExcelJS keeps merges keyed by master cell; the public model getter would rebuild every row.
  const internal = (ws as unknown as { _merges?: Record<string, { range?: string; tl?: string; br?: string }> })._merges;
  if (internal) {
    return Object.values(internal)
      .map((m) => m.range ?? (m.tl && m.br ? `${m.tl}:${m.br}` : ''))
      .filter((r) => r !== '');
  }
  return (ws.model as unknown as { merges?: string[] }).merges ?? [];
}

/** One ExcelJS value (or cached formula result) as the plain value Excel would show. */
export function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v : '#NUM!';
    case 'string':
      return v;
    case 'boolean':
      return v;
    case 'object':
      break;
    default:
      return String(v);
  }
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? null : (t - EXCEL_EPOCH_MS) / DAY_MS;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.error === 'string') return o.error;
  if (Array.isArray(o.richText)) {
    return (o.richText as { text?: string }[]).map((p) => p.text ?? '').join('');
  }
  if ('text' in o && (typeof o.text === 'string' || typeof o.text === 'object')) {
    // Hyperlink cell: { text, hyperlink }; text may itself be rich text.
    return plainValue(o.text);
  }
  if ('result' in o) return plainValue(o.result);
  if ('formula' in o || 'sharedFormula' in o) return null;
  return null;
}
