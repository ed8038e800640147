/**
 * Turns a set of cells into the comma-separated address lists Worksheet.getRanges accepts:
 * contiguous cells in a column become one "B9:B12" area, and lists are cut before they pass
 * the length Excel allows for one RangeAreas address.
 */
import { address, parseAddress, parseRange } from '../core/address';

/** Excel rejects longer RangeAreas addresses; stay well inside the documented 8,192. */
export const MAX_ADDRESS_LENGTH = 2000;

export function compressCells(cells: Iterable<string>): string[] {
  const points = [...new Set(cells)]
    .map((a) => parseAddress(a))
    .filter((p): p is { row: number; col: number } => p !== null)
    .sort((a, b) => a.col - b.col || a.row - b.row);
  const areas: string[] = [];
  let i = 0;
  while (i < points.length) {
    let j = i;
    while (j + 1 < points.length && points[j + 1].col === points[i].col && points[j + 1].row === points[j].row + 1) j++;
    const from = address(points[i].row, points[i].col);
    areas.push(j === i ? from : `${from}:${address(points[j].row, points[j].col)}`);
    i = j + 1;
  }
  return areas;
}

export function chunkAddresses(areas: string[], maxLength = MAX_ADDRESS_LENGTH): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const a of areas) {
    if (current && current.length + 1 + a.length > maxLength) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Every cell of "B9:B12,C3" as single addresses. */
export function expandAreas(list: string): string[] {
  const out: string[] = [];
  for (const a of list.split(',')) {
    const r = parseRange(a);
    if (!r) continue;
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(address(row, col));
  }
  return out;
}
