/** A1 addressing helpers; rows and columns are 0-based everywhere in the core. */

const COLUMN_NAMES: string[] = [];

export function columnName(col: number): string {
  if (col < 1024) return (COLUMN_NAMES[col] ??= computeColumnName(col));
  return computeColumnName(col);
}

function computeColumnName(col: number): string {
  let n = col + 1;
  let name = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function address(row: number, col: number): string {
  return columnName(col) + String(row + 1);
}

export function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parses "B9" or "$B$9" into 0-based coordinates; null when it is not an address. */
export function parseAddress(a1: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a1.trim());
  if (!m) return null;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Parses "A1:C3" (or a single cell) into an inclusive range; null when malformed. */
export function parseRange(a1: string): CellRange | null {
  const [from, to = from] = a1.split(':');
  const a = parseAddress(from);
  const b = parseAddress(to);
  if (!a || !b) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** Quotes a sheet name for use in a reference when Excel would require it. */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

export function qualified(sheet: string, cell: string): string {
  return `${quoteSheet(sheet)}!${cell}`;
}
