/**
 * The arithmetic of a windowed list: rows of varying height (measured once rendered, estimated
 * before), which rows a scroll position shows, where to scroll so a row is in view, and where
 * ↑/↓/PageUp/PageDown/Home/End land. Plain functions over arrays, no DOM, so they are tested in
 * Node and cost nothing per frame beyond a binary search.
 */

/** offsets[i] is the top of row i, offsets[n] the total height. */
export function offsetsOf(sizes: ArrayLike<number>): Float64Array {
  const out = new Float64Array(sizes.length + 1);
  for (let i = 0; i < sizes.length; i++) out[i + 1] = out[i] + sizes[i];
  return out;
}

/** The row that holds y (the last row for y past the end, 0 before the start; -1 when empty). */
export function rowAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface WindowRange {
  /** First and last row to render, inclusive; end < start when there is none. */
  start: number;
  end: number;
}

/**
 * The rows to render for a viewport at scrollTop: those it shows, `overscan` px either side.
 * A list of at most `renderAllUpTo` rows is rendered whole (cheap, and find-in-page works).
 */
export function windowRange(offsets: Float64Array, scrollTop: number, viewport: number, overscan: number, renderAllUpTo = 0): WindowRange {
  const n = offsets.length - 1;
  if (n <= 0) return { start: 0, end: -1 };
  if (n <= renderAllUpTo) return { start: 0, end: n - 1 };
  return { start: rowAt(offsets, Math.max(0, scrollTop - overscan)), end: rowAt(offsets, scrollTop + viewport + overscan) };
}

/**
 * The scrollTop that brings row i fully into view, moving as little as possible; `reserve` px at
 * the top are covered (a sticky group title). null when it is in view already.
 */
export function scrollToShow(offsets: Float64Array, i: number, scrollTop: number, viewport: number, reserve = 0, headerAbove = false): number | null {
  // The first row of a group is shown with its group title, which sits right above it.
  const top = headerAbove && i > 0 ? offsets[i - 1] : offsets[i] - reserve;
  const bottom = offsets[i + 1];
  if (top < scrollTop) return Math.max(0, top);
  if (bottom > scrollTop + viewport) return Math.max(0, Math.min(top, bottom - viewport));
  return null;
}

/** Which rows are options (the others are group titles), as row indices in order. */
export function optionRows(kinds: readonly ('header' | 'option')[]): Int32Array {
  let n = 0;
  for (const k of kinds) if (k === 'option') n++;
  const out = new Int32Array(n);
  let j = 0;
  kinds.forEach((k, i) => {
    if (k === 'option') out[j++] = i;
  });
  return out;
}

export type NavKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp';

export const NAV_KEYS: ReadonlySet<string> = new Set<NavKey>(['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp']);

/** The option index of the option at or after row r (or the last option). */
function optionAtOrAfter(options: Int32Array, r: number): number {
  let lo = 0;
  let hi = options.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (options[mid] >= r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The option a key moves to, as an index into `options` (row indices of the options). From no
 * active option, ↓/Home/PageDown go to the first and ↑/End/PageUp to the last. The ends stop
 * rather than wrap; a page is the viewport's height less what the sticky title covers, and
 * always at least one option.
 */
export function navigate(key: NavKey, active: number | null, options: Int32Array, offsets: Float64Array, page: number): number | null {
  const n = options.length;
  if (n === 0) return null;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  if (active === null || active < 0 || active >= n) return key === 'ArrowDown' || key === 'PageDown' ? 0 : n - 1;
  if (key === 'ArrowDown') return Math.min(n - 1, active + 1);
  if (key === 'ArrowUp') return Math.max(0, active - 1);
  const row = options[active];
  const step = Math.max(1, page);
  if (key === 'PageDown') {
    const target = optionAtOrAfter(options, rowAt(offsets, offsets[row] + step));
    return Math.min(n - 1, Math.max(active + 1, target));
  }
  // The first row starting at or below a page up (as PageDown takes the row holding a page down).
  const y = offsets[row] - step;
  let r = rowAt(offsets, Math.max(0, y));
  if (offsets[r] < y - 0.5) r++;
  const target = optionAtOrAfter(options, r);
  return Math.max(0, Math.min(active - 1, target));
}
