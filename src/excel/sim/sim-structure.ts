/**
 * The user's structural edits in the simulated workbook, as Excel makes them: inserting or
 * deleting rows and columns moves the cells below or to the right (values, formulas, number
 * formats, fills, fonts, merges, hidden rows), and every reference to the moved cells, in any
 * sheet's formulas, moves with them: a reference into deleted cells becomes #REF!, a range that
 * loses some of its rows shrinks, a range with rows inserted inside it grows. Renaming a sheet
 * rewrites the references to it; deleting one turns them into #REF!. Inserted rows take the
 * fill and font of the row above (inserted columns: of the column to the left), as Excel's
 * default Insert Options ("Format Same As Above") do. Used by the tests only.
 */
import { address, columnIndex, columnName, CellRange, parseRange } from '../../core/address';
import type { SimSheet, SimWorkbookState } from './sim-excel';
import { quoteSheetName } from './sim-excel';

/** One structural edit: rows or columns from `at` (0-based), `count` > 0 inserted, < 0 deleted. */
export type StructuralEdit =
  | { kind: 'rows' | 'cols'; sheet: string; at: number; count: number }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'deleteSheet'; sheet: string };

const MAX_ROW = 1048575;
const MAX_COL = 16383;

/** Moves one line (row or column) index: null when it was deleted. */
function moveIndex(i: number, at: number, count: number): number | null {
  if (count > 0) return i >= at ? i + count : i;
  const n = -count;
  if (i < at) return i;
  if (i >= at + n) return i - n;
  return null;
}

/** Moves a span [lo, hi] of lines: grows when lines are inserted inside, shrinks when some are deleted, null when all are. */
function moveSpan(lo: number, hi: number, at: number, count: number): [number, number] | null {
  if (count > 0) return [lo >= at ? lo + count : lo, hi >= at ? hi + count : hi];
  const n = -count;
  const newLo = lo < at ? lo : lo >= at + n ? lo - n : at;
  const newHi = hi < at ? hi : hi >= at + n ? hi - n : at - 1;
  return newHi < newLo ? null : [newLo, newHi];
}

/** Moves a range for a row or column edit; null when every cell of it was deleted. */
export function moveRange(r: CellRange, kind: 'rows' | 'cols', at: number, count: number): CellRange | null {
  if (kind === 'rows') {
    const span = moveSpan(r.top, r.bottom, at, count);
    return span && { ...r, top: span[0], bottom: Math.min(span[1], MAX_ROW) };
  }
  const span = moveSpan(r.left, r.right, at, count);
  return span && { ...r, left: span[0], right: Math.min(span[1], MAX_COL) };
}

function sameSheet(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

// A reference: an optional sheet ('quoted' or bare) with "!", then A1 or A1:B2, each part maybe $-anchored.
const REFERENCE =
  /(^|[^\p{L}\p{N}_.'!$#])(?:'((?:[^']|'')+)'!|([\p{L}_][\p{L}\p{N}_.]*)!)?(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?::(\$?)([A-Z]{1,3})(\$?)(\d{1,7}))?(?![\p{L}\p{N}_(!])/gu;

/**
 * The formula text after `edit`, as Excel rewrites it. `host` is the sheet the formula is on:
 * its references without a sheet name point there. Text inside "string literals" is left alone.
 */
export function adjustFormula(formula: string, host: string, edit: StructuralEdit): string {
  const parts = formula.split('"');
  for (let i = 0; i < parts.length; i += 2) {
    parts[i] = parts[i].replace(REFERENCE, (whole, lead: string, quoted: string | undefined, bare: string | undefined, ...m: string[]) => {
      const [d1, c1, d2, r1, d3, c2, d4, r2] = m as (string | undefined)[];
      const named = quoted !== undefined ? quoted.replace(/''/g, "'") : bare;
      const sheet = named ?? host;
      const prefix = named !== undefined ? `${quoteSheetName(named)}!` : '';
      if (edit.kind === 'rename') {
        if (named === undefined || !sameSheet(named, edit.from)) return whole;
        return `${lead}${quoteSheetName(edit.to)}!${whole.slice(lead.length).replace(/^(?:'(?:[^']|'')+'|[^!]+)!/, '')}`;
      }
      if (edit.kind === 'deleteSheet') return named !== undefined && sameSheet(named, edit.sheet) ? `${lead}#REF!` : whole;
      if (!sameSheet(sheet, edit.sheet)) return whole;
      const from = { row: Number(r1) - 1, col: columnIndex(c1!) };
      const to = r2 ? { row: Number(r2) - 1, col: columnIndex(c2!) } : from;
      const moved = moveRange({ top: from.row, left: from.col, bottom: to.row, right: to.col }, edit.kind, edit.at, edit.count);
      if (!moved) return `${lead}${prefix}#REF!`;
      const a = `${d1}${columnName(moved.left)}${d2}${moved.top + 1}`;
      if (!r2) return `${lead}${prefix}${a}`;
      return `${lead}${prefix}${a}:${d3}${columnName(moved.right)}${d4}${moved.bottom + 1}`;
    });
  }
  return parts.join('"');
}

function rekey<T>(m: Map<string, T>, kind: 'rows' | 'cols', at: number, count: number): Map<string, T> {
  const out = new Map<string, T>();
  for (const [k, v] of m) {
    const [r, c] = k.split(',').map(Number);
    const i = moveIndex(kind === 'rows' ? r : c, at, count);
    if (i === null) continue;
    out.set(kind === 'rows' ? `${i},${c}` : `${r},${i}`, v);
  }
  return out;
}

function rewriteFormulas(state: SimWorkbookState, edit: StructuralEdit): void {
  for (const s of state.sheets) {
    for (const row of s.formulas) row.forEach((f, c) => f && (row[c] = adjustFormula(f, s.name, edit)));
  }
}

function must(state: SimWorkbookState, name: string): SimSheet {
  const s = state.sheet(name);
  if (!s) throw new Error(`sim: no sheet ${name}`);
  return s;
}

/** The user's edit raises its change event now; the add-in's, after its batch (ThisLocalAddin). */
function raise(state: SimWorkbookState, sheet: SimSheet, addr: string, changeType: string, by: 'user' | 'addin'): void {
  const e = { worksheetId: sheet.id, address: addr, source: 'Local' as const, changeType };
  if (by === 'addin') state.pendingEvents.push({ ...e, ...(state.eventTriggerSource ? { triggerSource: 'ThisLocalAddin' as const } : {}) });
  else state.raise({ ...e, ...(state.eventTriggerSource ? { triggerSource: 'Unknown' as const } : {}) });
}

/** Copies the fill and font of line `from` to the inserted lines, as Excel's "Format Same As Above/Left". */
function copyFormat(sheet: SimSheet, kind: 'rows' | 'cols', from: number, at: number, count: number): void {
  for (const m of [sheet.fills, sheet.fonts] as Map<string, unknown>[]) {
    for (const [k, v] of [...m]) {
      const [r, c] = k.split(',').map(Number);
      if ((kind === 'rows' ? r : c) !== from) continue;
      for (let i = at; i < at + count; i++) m.set(kind === 'rows' ? `${i},${c}` : `${r},${i}`, typeof v === 'object' && v ? { ...v } : v);
    }
  }
}

/** The user inserts (`count` > 0) or deletes (`count` < 0) rows or columns of `sheetName` at `at` (0-based). */
export function editLines(state: SimWorkbookState, sheetName: string, kind: 'rows' | 'cols', at: number, count: number, by: 'user' | 'addin' = 'user'): void {
  const sheet = must(state, sheetName);
  const n = Math.abs(count);
  for (const grid of [sheet.values, sheet.formulas, sheet.numberFormats] as unknown[][][]) {
    if (kind === 'rows') {
      if (count > 0) {
        if (at < grid.length) grid.splice(at, 0, ...Array.from({ length: n }, () => []));
      } else grid.splice(at, n);
    } else {
      for (const row of grid) {
        if (count > 0) {
          if (at < row.length) row.splice(at, 0, ...Array.from({ length: n }, () => undefined));
        } else row.splice(at, n);
      }
    }
  }
  // Blank cells read back as '' / null / General, whatever the grid holds there.
  sheet.values.forEach((row) => row.forEach((v, c) => v === undefined && (row[c] = '')));
  sheet.formulas.forEach((row) => row.forEach((v, c) => v === undefined && (row[c] = null)));
  sheet.numberFormats.forEach((row) => row.forEach((v, c) => v === undefined && (row[c] = 'General')));
  sheet.fills = rekey(sheet.fills, kind, at, count);
  sheet.fonts = rekey(sheet.fonts, kind, at, count);
  const wrap = rekey(new Map([...sheet.wrap].map((k) => [k, true])), kind, at, count);
  sheet.wrap = new Set(wrap.keys());
  if (count > 0 && at > 0) copyFormat(sheet, kind, at - 1, at, n);
  sheet.merges = sheet.merges.flatMap((m) => {
    const r = parseRange(m);
    const moved = r && moveRange(r, kind, at, count);
    if (!moved || (moved.top === moved.bottom && moved.left === moved.right)) return [];
    return [`${address(moved.top, moved.left)}:${address(moved.bottom, moved.right)}`];
  });
  if (kind === 'rows') {
    sheet.hiddenRows = new Set([...sheet.hiddenRows].map((r) => moveIndex(r, at, count)).filter((r): r is number => r !== null));
  } else {
    sheet.columnWidths = new Map([...sheet.columnWidths].flatMap(([c, w]) => {
      const i = moveIndex(c, at, count);
      return i === null ? [] : [[i, w] as [number, number]];
    }));
  }
  rewriteFormulas(state, { kind, sheet: sheetName, at, count });
  const lines = kind === 'rows' ? `${at + 1}:${at + n}` : `${columnName(at)}:${columnName(at + n - 1)}`;
  raise(state, sheet, lines, `${kind === 'rows' ? 'Row' : 'Column'}${count > 0 ? 'Inserted' : 'Deleted'}`, by);
}

export const insertRows = (state: SimWorkbookState, sheet: string, at: number, count = 1) => editLines(state, sheet, 'rows', at, count);
export const deleteRows = (state: SimWorkbookState, sheet: string, at: number, count = 1, by: 'user' | 'addin' = 'user') =>
  editLines(state, sheet, 'rows', at, -count, by);
export const insertColumns = (state: SimWorkbookState, sheet: string, at: number, count = 1) => editLines(state, sheet, 'cols', at, count);
export const deleteColumns = (state: SimWorkbookState, sheet: string, at: number, count = 1) => editLines(state, sheet, 'cols', at, -count);

/** The user renames a sheet: references to it in every formula follow. */
export function renameSheet(state: SimWorkbookState, from: string, to: string): void {
  const sheet = must(state, from);
  if (state.sheet(to)) throw new Error(`sim: a sheet named ${to} exists`);
  sheet.name = to;
  rewriteFormulas(state, { kind: 'rename', from, to });
  if (state.activeSheet === from) state.activeSheet = to;
  if (state.selection?.sheet === from) state.selection = { ...state.selection, sheet: to };
}

/** What deleting a sheet does to the other sheets' formulas: references to it become #REF!. */
export function dropSheetReferences(state: SimWorkbookState, name: string): void {
  rewriteFormulas(state, { kind: 'deleteSheet', sheet: name });
}
