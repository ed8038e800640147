/**
 * A list box that renders only the rows in view (and a margin), so 20,000 findings cost what
 * thirty do. Rows may differ in height: each rendered row is measured (ResizeObserver) and its
 * height kept by key, unmeasured rows are estimated, and when a row above the viewport turns out
 * taller or shorter the scroll position moves with it so nothing in view jumps.
 *
 * Keyboard (focus stays on the list box, the active option is aria-activedescendant): ↑/↓,
 * PageUp/PageDown, Home/End move; Enter acts on the active option; Space calls onSpace. The
 * active option is always rendered (even scrolled away) and is scrolled into view when a key
 * moves it. Group titles are rows too; the title of the group at the top stays pinned. Options
 * carry aria-posinset/aria-setsize, as most of them are not in the DOM.
 */
import React, { memo, ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { NAV_KEYS, NavKey, navigate, offsetsOf, optionRows, rowAt, scrollToShow, windowRange } from './virtual-window';

export interface ListRow<T> {
  /** Unique among the rows; heights are remembered by it. */
  key: string;
  kind: 'header' | 'option';
  /** Group key; consecutive rows of a group are wrapped in one role="group". */
  group: string;
  /** The group's title (a header row shows it). */
  groupLabel: string;
  /** A header row's text (title and count). */
  text?: string;
  /** An option's item. */
  item?: T;
}

export interface VirtualListboxProps<T> {
  rows: readonly ListRow<T>[];
  activeKey: string | null;
  onActiveChange(key: string): void;
  /** Enter on the active option, or a click on an option. */
  onActivate(item: T): void;
  /** Space on the active option. */
  onSpace?(item: T): void;
  onDoubleClick?(item: T): void;
  /** An option's content (memoised: keep the function stable while its output would not change). */
  renderOption(item: T, active: boolean): ReactNode;
  /** DOM id of an option's element, for aria-activedescendant. */
  optionId(key: string): string;
  /** data-* attributes of an option's element. */
  optionData?(item: T): Record<string, string>;
  label: string;
  testId?: string;
  optionTestId?: string;
  /** Heights to assume before a row is measured, px. */
  estimate: { header: number; option: number };
  listRef?: React.RefObject<HTMLDivElement | null>;
}

/** Rendered beyond the viewport on either side, px. */
const OVERSCAN = 480;
/** Lists this short are rendered whole. */
const RENDER_ALL_UP_TO = 120;

const useStyles = makeStyles({
  list: {
    position: 'relative',
    overflowY: 'auto',
    overflowAnchor: 'none',
    maxHeight: '60vh',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    outlineStyle: 'none',
    ':focus': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  body: { position: 'relative', width: '100%' },
  row: { position: 'absolute', left: 0, right: 0, boxSizing: 'border-box' },
  header: {
    padding: '4px 8px',
    height: '28px',
    lineHeight: '20px',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    boxSizing: 'border-box',
  },
  pinned: { position: 'sticky', top: 0, height: 0, zIndex: 2, overflow: 'visible' },
  option: { cursor: 'pointer', borderTop: `1px solid ${tokens.colorNeutralStroke3}` },
  active: { backgroundColor: tokens.colorBrandBackground2 },
  focusRing: { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
});

type Classes = ReturnType<typeof useStyles>;

/** The row at the top edge of the viewport, whose group title is pinned (a pixel in, past rounding). */
const topRow = (offsets: Float64Array, scrollTop: number) => rowAt(offsets, scrollTop + 1);

interface RowProps<T> {
  row: ListRow<T>;
  top: number;
  active: boolean;
  /** The active option of a focused list: drawn with the focus ring. */
  ring: boolean;
  posinset: number;
  setsize: number;
  id?: string;
  data?: (item: T) => Record<string, string>;
  testId?: string;
  render: (item: T, active: boolean) => ReactNode;
  measure: (node: HTMLDivElement | null) => (() => void) | undefined;
  onClick: (key: string) => void;
  onDoubleClick: (key: string) => void;
  s: Classes;
}

function RowView<T>({ row, top, active, ring, posinset, setsize, id, data, testId, render, measure, onClick, onDoubleClick, s }: RowProps<T>) {
  if (row.kind === 'header') {
    return (
      <div ref={measure} data-vkey={row.key} className={mergeClasses(s.row, s.header)} style={{ top }} aria-hidden="true">
        {row.text}
      </div>
    );
  }
  return (
    <div
      ref={measure}
      data-vkey={row.key}
      id={id}
      role="option"
      aria-selected={active}
      aria-posinset={posinset}
      aria-setsize={setsize}
      className={mergeClasses(s.row, s.option, active && s.active, ring && s.focusRing)}
      style={{ top }}
      onClick={() => onClick(row.key)}
      onDoubleClick={() => onDoubleClick(row.key)}
      data-testid={testId}
      {...data?.(row.item as T)}
    >
      {render(row.item as T, active)}
    </div>
  );
}

const Row = memo(RowView) as typeof RowView;

export function VirtualListbox<T>(p: VirtualListboxProps<T>) {
  const s = useStyles();
  const { rows, activeKey, estimate } = p;
  const el = useRef<HTMLDivElement | null>(null);
  /** Measured heights by row key: kept across filters and regroupings. */
  const heights = useRef(new Map<string, number>());
  const [version, setVersion] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [focused, setFocused] = useState(false);
  /**
   * The options' usual height, learnt from the first ones measured: rows not yet measured are
   * assumed that tall, so scrolling on through rows like them changes no offsets.
   */
  const [learnt, setLearnt] = useState<number | null>(null);
  /** A key moved the active option: keep it in view until the user scrolls otherwise. */
  const follow = useRef(false);
  /** A mouse press is focusing the list: the option under it becomes active on click, not the first in view. */
  const pressing = useRef(false);
  const hasLearnt = useRef(false);
  /** Where the list last scrolled itself: a scroll event elsewhere is the user's. */
  const ownScroll = useRef(0);
  const scrollList = (node: HTMLDivElement, y: number) => {
    node.scrollTop = y;
    ownScroll.current = node.scrollTop;
    return ownScroll.current;
  };

  const index = useMemo(() => new Map(rows.map((r, i) => [r.key, i])), [rows]);
  const options = useMemo(() => optionRows(rows.map((r) => r.kind)), [rows]);
  const ordinal = useMemo(() => {
    const a = new Int32Array(rows.length).fill(-1);
    options.forEach((r, j) => (a[r] = j));
    return a;
  }, [rows, options]);
  const groupText = useMemo(() => new Map(rows.filter((r) => r.kind === 'header').map((r) => [r.group, r.text ?? r.groupLabel])), [rows]);
  const optionEstimate = learnt ?? estimate.option;
  const sizes = useMemo(() => {
    const a = new Float64Array(rows.length);
    rows.forEach((r, i) => (a[i] = heights.current.get(r.key) ?? (r.kind === 'header' ? estimate.header : optionEstimate)));
    return a;
  }, [rows, estimate.header, optionEstimate]);
  // `version` counts measurements written into `sizes`.
  const offsets = useMemo(() => offsetsOf(sizes), [sizes, version]);
  const activeRow = activeKey !== null ? index.get(activeKey) ?? -1 : -1;
  const hasHeaders = groupText.size > 0;
  const reserve = hasHeaders ? estimate.header : 0;

  // What the observers and handlers read: the latest render's layout.
  const latest = useRef({ rows, index, sizes, offsets, activeRow, viewport, reserve, scrollTop });
  latest.current = { rows, index, sizes, offsets, activeRow, viewport, reserve, scrollTop };
  const props = useRef(p);
  props.current = p;

  /** Scrolls so the active option is in view (with its group title when it opens a group). */
  const showActive = useCallback((sync: boolean) => {
    const L = latest.current;
    const node = el.current;
    if (!node || L.activeRow < 0) return;
    const y = scrollToShow(L.offsets, L.activeRow, node.scrollTop, L.viewport, L.reserve, L.rows[L.activeRow - 1]?.kind === 'header');
    if (y === null) return;
    const top = scrollList(node, y);
    if (sync) flushSync(() => setScrollTop(top));
    else setScrollTop(top);
  }, []);

  const onResize = useCallback(
    (entries: ResizeObserverEntry[]) => {
      const L = latest.current;
      const node = el.current;
      const top = node?.scrollTop ?? 0;
      let changed = false;
      let above = 0;
      const optionHeights: number[] = [];
      for (const e of entries) {
        const target = e.target as HTMLElement;
        const key = target.dataset.vkey;
        if (key === undefined || !target.isConnected) continue;
        const h = e.borderBoxSize?.[0]?.blockSize ?? target.getBoundingClientRect().height;
        if (!h) continue;
        heights.current.set(key, h);
        if (target.getAttribute('role') === 'option') optionHeights.push(h);
        const i = L.index.get(key);
        if (i === undefined || Math.abs(L.sizes[i] - h) < 0.5) continue;
        // Rows wholly above the viewport's top push what is in view: the scroll moves with them.
        if (L.offsets[i + 1] <= top + 0.5) above += h - L.sizes[i];
        L.sizes[i] = h;
        changed = true;
      }
      // Learnt once, from the first options shown (nothing above them yet to move).
      const learn = !hasLearnt.current && optionHeights.length > 0;
      if (!changed && !learn) return;
      flushSync(() => {
        if (learn) {
          hasLearnt.current = true;
          setLearnt([...optionHeights].sort((a, b) => a - b)[optionHeights.length >> 1]);
        }
        setVersion((v) => v + 1);
      });
      if (follow.current) showActive(true);
      else if (above !== 0 && node) {
        const now = scrollList(node, top + above);
        flushSync(() => setScrollTop(now));
      }
    },
    [showActive],
  );

  const observer = useRef<ResizeObserver | null>(null);
  const measure = useCallback(
    (node: HTMLDivElement | null) => {
      if (!node || typeof ResizeObserver === 'undefined') return undefined;
      observer.current ??= new ResizeObserver(onResize);
      const o = observer.current;
      o.observe(node);
      return () => o.unobserve(node);
    },
    [onResize],
  );
  useEffect(() => () => observer.current?.disconnect(), []);

  // The viewport's height, and scrolling: re-render only when the rendered rows or the pinned title change.
  useLayoutEffect(() => {
    const node = el.current;
    if (!node) return undefined;
    setViewport(node.clientHeight || 600);
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => setViewport(node.clientHeight || 600)) : null;
    ro?.observe(node);
    const onScroll = () => {
      const L = latest.current;
      const y = node.scrollTop;
      // Scrolled by the user (scroll bar, wheel, assistive technology), not by the list itself.
      if (Math.abs(y - ownScroll.current) > 1) follow.current = false;
      const was = windowRange(L.offsets, L.scrollTop, L.viewport, OVERSCAN, RENDER_ALL_UP_TO);
      const now = windowRange(L.offsets, y, L.viewport, OVERSCAN, RENDER_ALL_UP_TO);
      const pinnedWas = L.rows[topRow(L.offsets, L.scrollTop)]?.group;
      const pinnedNow = L.rows[topRow(L.offsets, y)]?.group;
      if (was.start === now.start && was.end === now.end && pinnedWas === pinnedNow) return;
      flushSync(() => setScrollTop(y));
    };
    // The user scrolls on their own: stop pulling the active option back into view.
    const release = () => (follow.current = false);
    node.addEventListener('scroll', onScroll, { passive: true });
    node.addEventListener('wheel', release, { passive: true });
    node.addEventListener('touchstart', release, { passive: true });
    node.addEventListener('pointerdown', release, { passive: true });
    return () => {
      ro?.disconnect();
      node.removeEventListener('scroll', onScroll);
      node.removeEventListener('wheel', release);
      node.removeEventListener('touchstart', release);
      node.removeEventListener('pointerdown', release);
    };
  }, []);

  // Rows changed (a filter) and the browser clamped the scroll: catch up.
  useLayoutEffect(() => {
    const node = el.current;
    if (node && node.scrollTop !== latest.current.scrollTop) setScrollTop(node.scrollTop);
  }, [rows]);

  // A key moved the active option, or rows around it were measured: keep it in view.
  useLayoutEffect(() => {
    if (follow.current) showActive(false);
  }, [activeRow, offsets, viewport, showActive]);

  // Opened with an active option (back from the detail view): show it.
  useLayoutEffect(() => {
    if (latest.current.activeRow >= 0) {
      follow.current = true;
      showActive(false);
    }
  }, [showActive]);

  const setRef = useCallback(
    (node: HTMLDivElement | null) => {
      el.current = node;
      const outer = props.current.listRef;
      if (outer) outer.current = node;
    },
    [],
  );

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (NAV_KEYS.has(e.key)) {
      e.preventDefault();
      const from = activeRow >= 0 ? ordinal[activeRow] : null;
      const j = navigate(e.key as NavKey, from, options, offsets, viewport - reserve);
      if (j === null) return;
      follow.current = true;
      const key = rows[options[j]].key;
      if (key !== activeKey) p.onActiveChange(key);
      else showActive(false);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const r = activeRow >= 0 ? activeRow : options.length ? options[0] : -1;
      if (r < 0) return;
      const item = rows[r].item as T;
      if (activeRow < 0) p.onActiveChange(rows[r].key);
      if (e.key === 'Enter') p.onActivate(item);
      else p.onSpace?.(item);
    }
  };

  const onFocus = (e: React.FocusEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    setFocused(true);
    // Focus lands on an option at once: the one active before, or the first in view. Not on a mouse press:
    // activating another option would re-render (and move) the list between the press and its click.
    if (activeRow >= 0 || !options.length || pressing.current) return;
    const top = rowAt(offsets, e.currentTarget.scrollTop + reserve);
    let r = top;
    while (r < rows.length && rows[r].kind !== 'option') r++;
    if (r >= rows.length) r = options[0];
    follow.current = true;
    p.onActiveChange(rows[r].key);
  };

  const onClick = useCallback((key: string) => {
    const P = props.current;
    const r = latest.current.index.get(key);
    if (r === undefined) return;
    P.onActiveChange(key);
    P.onActivate(latest.current.rows[r].item as T);
  }, []);
  const onDoubleClick = useCallback((key: string) => {
    const P = props.current;
    const r = latest.current.index.get(key);
    if (r === undefined || !P.onDoubleClick) return;
    P.onDoubleClick(latest.current.rows[r].item as T);
  }, []);

  // The rows to render, in order, the active option included wherever it is.
  const range = windowRange(offsets, scrollTop, viewport, OVERSCAN, RENDER_ALL_UP_TO);
  const shown: number[] = [];
  if (activeRow >= 0 && activeRow < range.start) shown.push(activeRow);
  for (let i = range.start; i <= range.end; i++) shown.push(i);
  if (activeRow > range.end) shown.push(activeRow);

  const groups = new Map<string, ReactNode[]>();
  const labels = new Map<string, string>();
  for (const i of shown) {
    const r = rows[i];
    labels.set(r.group, r.groupLabel);
    const node = (
      <Row<T>
        key={r.key}
        row={r}
        top={offsets[i]}
        active={i === activeRow}
        ring={i === activeRow && focused}
        posinset={ordinal[i] + 1}
        setsize={options.length}
        id={r.kind === 'option' ? p.optionId(r.key) : undefined}
        data={p.optionData}
        testId={r.kind === 'option' ? p.optionTestId : undefined}
        render={p.renderOption}
        measure={measure}
        onClick={onClick}
        onDoubleClick={onDoubleClick}
        s={s}
      />
    );
    const list = groups.get(r.group);
    if (list) list.push(node);
    else groups.set(r.group, [node]);
  }
  const pinned = hasHeaders && rows.length ? groupText.get(rows[Math.max(0, topRow(offsets, scrollTop))].group) : undefined;

  return (
    <div
      ref={setRef}
      className={s.list}
      role="listbox"
      tabIndex={0}
      aria-label={p.label}
      aria-activedescendant={activeRow >= 0 ? p.optionId(activeKey!) : undefined}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onMouseDown={() => {
        pressing.current = true;
      }}
      onMouseUp={() => {
        pressing.current = false;
      }}
      onBlur={(e) => e.target === e.currentTarget && setFocused(false)}
      data-testid={p.testId}
    >
      {pinned !== undefined && (
        <div className={s.pinned} aria-hidden="true">
          <div className={s.header}>{pinned}</div>
        </div>
      )}
      <div className={s.body} style={{ height: offsets[rows.length] }}>
        {[...groups].map(([g, nodes]) =>
          hasHeaders ? (
            <div key={g} role="group" aria-label={labels.get(g)}>
              {nodes}
            </div>
          ) : (
            <React.Fragment key={g}>{nodes}</React.Fragment>
          ),
        )}
      </div>
    </div>
  );
}
