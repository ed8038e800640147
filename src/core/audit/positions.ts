/** Searching a paragraph's figures (in text order) by position, in log time: the audit stays near-linear. */
import { Figure } from './extract';

/** Index of the first figure of a list (in text order) that starts at or after `at` (the length if none). */
export function firstFrom(list: Figure[], at: number): number {
  let a = 0;
  let b = list.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (list[mid].start < at) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** Where the figures that start in [from, to) lie: [first, end). */
export function startingIn(list: Figure[], from: number, to: number): [number, number] {
  const lo = firstFrom(list, from);
  return [lo, Math.max(lo, firstFrom(list, to))];
}
