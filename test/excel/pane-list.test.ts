/**
 * The windowed list's arithmetic (which rows a scroll position renders, where a key lands, where
 * to scroll so a row shows) and the findings list's rows, over plain arrays of 20,000.
 */
import { navigate, offsetsOf, optionRows, rowAt, scrollToShow, windowRange } from '../../src/taskpane/virtual-window';
import { findingRows, flatten, groupFindings } from '../../src/taskpane/findings-view';
import { Finding, Severity } from '../../src/core/findings';

const all = new Set<Severity>(['error', 'warning', 'info']);

/** n options of height h under one title every `per` options. */
function grouped(n: number, per: number, h = 70, title = 28) {
  const kinds: ('header' | 'option')[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % per === 0) {
      kinds.push('header');
      sizes.push(title);
    }
    kinds.push('option');
    sizes.push(h);
  }
  return { kinds, offsets: offsetsOf(sizes), options: optionRows(kinds) };
}

describe('which rows a scroll position renders', () => {
  const sizes = new Array(20000).fill(70);
  const offsets = offsetsOf(sizes);

  test('offsets add up the heights; rowAt finds the row holding a point', () => {
    expect(offsets[0]).toBe(0);
    expect(offsets[20000]).toBe(1_400_000);
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 69.9)).toBe(0);
    expect(rowAt(offsets, 70)).toBe(1);
    expect(rowAt(offsets, 10_000_000)).toBe(19999);
    expect(rowAt(offsetsOf([]), 5)).toBe(-1);
  });

  test('of 20,000 rows only those in view and a margin either side are rendered', () => {
    const top = windowRange(offsets, 0, 540, 480);
    expect(top.start).toBe(0);
    expect(top.end).toBe(rowAt(offsets, 540 + 480));
    expect(top.end - top.start + 1).toBeLessThan(20);
    const middle = windowRange(offsets, 700_000, 540, 480);
    expect(middle.start).toBe(rowAt(offsets, 700_000 - 480));
    expect(middle.end - middle.start + 1).toBeLessThan(30);
    const end = windowRange(offsets, 1_400_000 - 540, 540, 480);
    expect(end.end).toBe(19999);
  });

  test('a short list is rendered whole; an empty one renders nothing', () => {
    expect(windowRange(offsetsOf(new Array(100).fill(70)), 0, 540, 480, 120)).toEqual({ start: 0, end: 99 });
    expect(windowRange(offsets, 0, 540, 480, 120).end).toBeLessThan(20);
    const none = windowRange(offsetsOf([]), 0, 540, 480);
    expect(none.end).toBeLessThan(none.start);
  });
});

describe('scrolling a row into view', () => {
  const { offsets } = grouped(100, 10);

  test('a row below the viewport is brought up to its bottom edge, one above down to its top', () => {
    // Row 20 (the 19th option) spans offsets[20]..offsets[21].
    const below = scrollToShow(offsets, 20, 0, 540);
    expect(below).toBe(offsets[21] - 540);
    const above = scrollToShow(offsets, 20, offsets[20] + 100, 540);
    expect(above).toBe(offsets[20]);
  });

  test('the pinned group title is not left covering the row; a group\'s first row shows with its title', () => {
    expect(scrollToShow(offsets, 20, offsets[20] + 100, 540, 28)).toBe(offsets[20] - 28);
    // Row 12 is the first option under the header at row 11.
    expect(scrollToShow(offsets, 12, offsets[30], 540, 28, true)).toBe(offsets[11]);
  });

  test('a row in view stays put', () => {
    expect(scrollToShow(offsets, 3, 0, 540)).toBeNull();
  });
});

describe('where a key moves the active option', () => {
  const { offsets, options } = grouped(20000, 50);

  test('↑/↓ step and stop at the ends; Home and End go to the ends; from nothing, ↓ takes the first and ↑ the last', () => {
    expect(navigate('ArrowDown', null, options, offsets, 500)).toBe(0);
    expect(navigate('ArrowUp', null, options, offsets, 500)).toBe(19999);
    expect(navigate('ArrowDown', 0, options, offsets, 500)).toBe(1);
    expect(navigate('ArrowDown', 19999, options, offsets, 500)).toBe(19999);
    expect(navigate('ArrowUp', 0, options, offsets, 500)).toBe(0);
    expect(navigate('End', 3, options, offsets, 500)).toBe(19999);
    expect(navigate('Home', 19000, options, offsets, 500)).toBe(0);
    expect(navigate('ArrowDown', 0, new Int32Array(0), offsetsOf([]), 500)).toBeNull();
  });

  test('PageDown and PageUp move by a page (past group titles), at least one option, and stop at the ends', () => {
    const down = navigate('PageDown', 100, options, offsets, 500)!;
    expect(down - 100).toBeGreaterThanOrEqual(6);
    expect(down - 100).toBeLessThanOrEqual(8);
    expect(navigate('PageUp', down, options, offsets, 500)).toBe(100);
    expect(navigate('PageDown', 19998, options, offsets, 500)).toBe(19999);
    expect(navigate('PageUp', 1, options, offsets, 500)).toBe(0);
    // A page shorter than a row still moves.
    expect(navigate('PageDown', 5, options, offsets, 10)).toBe(6);
    expect(navigate('PageUp', 5, options, offsets, 10)).toBe(4);
  });
});

describe('the findings list\'s rows over 20,000 findings', () => {
  const findings: Finding[] = [];
  const rules = ['project-balance', 'idle-funds', 'rate'] as const;
  const sev: Severity[] = ['error', 'warning', 'info'];
  for (let i = 0; i < 20000; i++) {
    const k = i % 3;
    findings.push({
      id: `${rules[k]}:表${i % 4}!F${20000 - i}`,
      rule: rules[k],
      severity: sev[k],
      sheet: `表${i % 4}`,
      cell: `F${20000 - i}`,
      message: `项目${i}`,
      messageEn: `project ${i}`,
      related: [],
    });
  }

  test('each group\'s title comes before its findings, errors first, then by cell; the options are the flattened order', () => {
    const groups = groupFindings(findings, { groupBy: 'sheet', severities: all, showIgnored: true, ignored: {} }, 'zh');
    expect(groups.map((g) => g.key)).toEqual(['表0', '表1', '表2', '表3']);
    const rows = findingRows(groups);
    expect(rows.length).toBe(20000 + 4);
    expect(rows.filter((r) => r.kind === 'header').map((r) => r.text)).toEqual(groups.map((g) => `${g.title}（${g.findings.length}）`));
    expect(rows.filter((r) => r.kind === 'option').map((r) => r.item)).toEqual(flatten(groups));
    let group = '';
    for (const r of rows) {
      if (r.kind === 'header') group = r.group;
      else expect(r.group).toBe(group);
    }
    const first = groups[0].findings;
    expect(first[0].severity).toBe('error');
    const errors = first.filter((f) => f.severity === 'error').map((f) => Number(f.cell.slice(1)));
    expect(errors).toEqual([...errors].sort((a, b) => a - b));
  });

  test('the severity filter and grouping by rule work over the whole array', () => {
    const warnings = groupFindings(findings, { groupBy: 'rule', severities: new Set(['warning']), showIgnored: true, ignored: {} }, 'zh');
    expect(warnings.map((g) => g.key)).toEqual(['idle-funds']);
    expect(warnings[0].findings.length).toBe(findings.filter((f) => f.severity === 'warning').length);
    const ignored = { [findings[0].id]: '已说明' };
    const shown = flatten(groupFindings(findings, { groupBy: 'rule', severities: all, showIgnored: false, ignored }, 'zh'));
    expect(shown.length).toBe(19999);
    expect(shown.some((f) => f.id === findings[0].id)).toBe(false);
  });
});
