/**
 * 校验's marks and 清除标记 on the simulated Excel as it behaves (issue #12 items 1, 2 and 7):
 * marks that follow their cells through inserted and deleted rows and columns and renamed
 * sheets; a record that never holds our own colour, is saved before any fill and is never lost
 * part-way; the settings limit, protected sheets, Excel on the web's 5 MB requests. After
 * 清除标记 the workbook must be the one it was, or, where the user edited it meanwhile, a twin
 * that had the same edits and was never marked, cell for cell.
 */
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { MARKS_SHEET_NAME } from '../../src/core/snapshot';
import { Finding } from '../../src/core/findings';
import { HOST_PROFILES, NO_FILL, SimFill, SimWorkbookState, simRunner } from '../../src/excel/sim/sim-excel';
import { deleteColumns, deleteRows, insertColumns, insertRows, renameSheet } from '../../src/excel/sim/sim-structure';
import { largeProjectWorkbook } from '../../src/excel/sim/large-workbook';
import { syntheticTargets } from '../../src/excel/sim/measure';
import { clearMarks, highlightCells, MarkTarget, SEVERITY_FILL } from '../../src/excel/highlight';
import { readWorkbook } from '../../src/excel/read-workbook';
import { createOfficeHost } from '../../src/excel/office-host';
import { excelFeatures } from '../../src/excel/capabilities';

const ctx = (s: SimWorkbookState) => s.context() as unknown as Excel.RequestContext;
const solid = (color: string): SimFill => ({ color, pattern: 'Solid', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 });
const HATCHED: SimFill = { color: '#C6EFCE', pattern: 'LightDown', patternColor: '#FF0000', tintAndShade: 0.4, patternTintAndShade: -0.2 };
const YELLOW = solid('#FFFF00');
const P = '项目支出明细';
const S = '收支情况';

/** A copy that shares nothing: the workbook as it would be had the add-in never marked it. */
function twinOf(state: SimWorkbookState): SimWorkbookState {
  const t = new SimWorkbookState();
  t.sheets = structuredClone(state.sheets);
  t.settings = structuredClone(state.settings);
  t.properties = { ...state.properties };
  return t;
}

const dump = (s: SimWorkbookState) => JSON.stringify(s.dump());

/** The seed with fills of the user's own: on marked cells, around them, and a column of them. */
function withFills(): SimWorkbookState {
  const state = SimWorkbookState.fromSnapshot(seedWorkbook());
  const p = state.sheet(P)!;
  p.fills.set('5,8', { ...YELLOW });
  p.fills.set('27,5', { ...HATCHED });
  // Column H, rows 5-30: a pale fill the user gave the whole column.
  for (let r = 5; r <= 30; r++) p.fills.set(`${r},7`, solid('#EDEDED'));
  state.sheet(S)!.fills.set('8,1', solid('#BDD7EE'));
  return state;
}

const targets: MarkTarget[] = [
  { sheet: P, cell: 'I6', severity: 'error' },
  { sheet: P, cell: 'H7', severity: 'error' },
  { sheet: P, cell: 'H8', severity: 'warning' },
  { sheet: P, cell: 'F28', severity: 'error' },
  { sheet: P, cell: 'I28', severity: 'warning' },
  { sheet: S, cell: 'B9', severity: 'error' },
  { sheet: S, cell: 'B8', severity: 'info' },
];

/** Both workbooks get the same edits. */
function both(a: SimWorkbookState, b: SimWorkbookState, edit: (s: SimWorkbookState) => void): void {
  edit(a);
  edit(b);
}

/** A context whose sync number `n` fails half-way through its queue, as a batch that fails part-way does. */
function failingAt(state: SimWorkbookState, n: number): Excel.RequestContext {
  const c = state.context();
  const sync = c.sync.bind(c);
  let count = 0;
  c.sync = async () => {
    count += 1;
    if (count === n) {
      const queue = (c as unknown as { queue: { op: () => unknown; bytes: number }[] }).queue;
      queue.splice(Math.floor(queue.length / 2), 0, {
        op: () => {
          throw Object.assign(new Error('GeneralException: the connection was lost'), { code: 'GeneralException' });
        },
        bytes: 0,
      });
    }
    return sync();
  };
  return c as unknown as Excel.RequestContext;
}

function hostOn(state: SimWorkbookState) {
  return createOfficeHost({ run: simRunner(state), features: excelFeatures(() => true), displayLanguage: 'zh-CN', download: true });
}

const finding = (sheet: string, cell: string, severity: Finding['severity'] = 'error'): Finding =>
  ({ id: `${sheet}!${cell}`, rule: 'subtotal', severity, sheet, cell, related: [], message: '', messageEn: '' }) as Finding;

describe('marks follow their cells', () => {
  test('rows and columns inserted and deleted after marking: 清除标记 gives every moved cell its own fill back', async () => {
    const state = withFills();
    const twin = twinOf(state);
    await highlightCells(ctx(state), targets);
    both(state, twin, (s) => {
      insertRows(s, P, 2, 3); // above every mark
      deleteRows(s, P, 12, 2); // between marks
      insertColumns(s, P, 0); // left of every mark
      deleteColumns(s, S, 0); // B8, B9 move to A8, A9
      insertRows(s, S, 8); // between B8 and B9
    });
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(dump(twin));
    expect(state.sheet(MARKS_SHEET_NAME)).toBeUndefined();
  });

  test('a deleted marked row takes its mark with it; the rest are restored', async () => {
    const state = withFills();
    const twin = twinOf(state);
    await highlightCells(ctx(state), targets);
    both(state, twin, (s) => deleteRows(s, P, 5)); // row 6: I6 goes
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(dump(twin));
  });

  test('a renamed sheet keeps its marks on record: 清除标记 restores them under the new name', async () => {
    const state = withFills();
    const twin = twinOf(state);
    await highlightCells(ctx(state), targets);
    both(state, twin, (s) => renameSheet(s, S, "收支 情况(2023)'s"));
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(dump(twin));
  });

  test('re-validating after an insert never records our own colour as the user\'s', async () => {
    const state = withFills();
    const twin = twinOf(state);
    await highlightCells(ctx(state), targets);
    both(state, twin, (s) => insertRows(s, P, 0, 2));
    // The same findings two rows down, and one more.
    const moved = targets.map((t) => (t.sheet === P ? { ...t, cell: t.cell.replace(/\d+/, (n) => String(Number(n) + 2)) } : t));
    await highlightCells(ctx(state), [...moved, { sheet: P, cell: 'C10', severity: 'info' }]);
    expect(state.fillAt(state.sheet(P)!, 7, 8).color).toBe(SEVERITY_FILL.error); // I8, was I6
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(dump(twin));
  });

  test('rows inserted just below a mark and columns just right of it take the user\'s fill, not ours, once cleared', async () => {
    const state = withFills();
    const twin = twinOf(state);
    await highlightCells(ctx(state), targets);
    both(state, twin, (s) => {
      insertRows(s, P, 6, 2); // below I6 and H7's row... Excel copies row 6's format into rows 7-8
      insertColumns(s, P, 9); // right of column I: copies column I's format
    });
    // Excel gave the inserted cells our colour, copying the row above.
    expect(state.fillAt(state.sheet(P)!, 6, 8).color).toBe(SEVERITY_FILL.error);
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(dump(twin));
  });

  test('an inserted cell that copied our colour and is then flagged is recorded with the user\'s fill', async () => {
    const state = withFills();
    const twin = twinOf(state);
    await highlightCells(ctx(state), targets);
    both(state, twin, (s) => insertRows(s, P, 6)); // row 7 copies row 6: I7 shows our pink
    await highlightCells(ctx(state), [...targets.map((t) => (t.sheet === P && t.cell !== 'I6' ? { ...t, cell: t.cell.replace(/\d+/, (n) => String(Number(n) + 1)) } : t)), { sheet: P, cell: 'I7', severity: 'warning' }]);
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(dump(twin));
    expect(state.fillAt(state.sheet(P)!, 6, 8)).toEqual(YELLOW);
  });

  test('a fill the user gives a marked cell afterwards is theirs: 清除标记 leaves it', async () => {
    const state = withFills();
    await highlightCells(ctx(state), targets);
    const mine = solid('#00B050');
    state.sheet(P)!.fills.set('5,8', { ...mine });
    await clearMarks(ctx(state));
    expect(state.fillAt(state.sheet(P)!, 5, 8)).toEqual(mine);
  });

  test('the record is a very hidden sheet of the add-in\'s, never read as data; settings stay small', async () => {
    const state = withFills();
    await highlightCells(ctx(state), targets);
    expect(state.sheet(MARKS_SHEET_NAME)!.visibility).toBe('VeryHidden');
    const { snapshot } = await readWorkbook(ctx(state));
    expect(snapshot.sheets.map((s) => s.name)).not.toContain(MARKS_SHEET_NAME);
    expect(JSON.stringify(Object.fromEntries(state.settings)).length).toBeLessThan(100);
    // Only the record sheet was written to.
    expect(state.stats.valueWrites.every((w) => w.sheet === MARKS_SHEET_NAME)).toBe(true);
  });

  test('marks recorded by the previous version (workbook.settings, Excel\'s own colours) are restored and the setting dropped', async () => {
    const state = withFills();
    const before = dump(state);
    const p = state.sheet(P)!;
    p.fills.set('5,8', solid('#FFC7CE'));
    p.fills.set('27,8', solid('#FFEB9C'));
    state.settings.set(
      'budgetRecon.marks',
      JSON.stringify({ v: 1, sheets: { [P]: [{ fill: { ...YELLOW }, cells: 'I6' }, { fill: { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 }, cells: 'I28' }] } }),
    );
    await highlightCells(ctx(state), [{ sheet: P, cell: 'I6', severity: 'error' }]);
    expect(state.settings.has('budgetRecon.marks')).toBe(false);
    expect(state.fillAt(p, 27, 8)).toEqual(NO_FILL);
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(before);
  });
});

describe('a batch that fails part-way leaves nothing unrecorded', () => {
  test('20,000 marked cells with fills of their own (a 2.6 MB record in settings) are marked and restored', async () => {
    const state = SimWorkbookState.fromSnapshot(largeProjectWorkbook(20000));
    const sheet = state.sheet(P)!;
    const many = syntheticTargets(20000, 1);
    many.forEach((t, i) => sheet.fills.set(`${i + 4},6`, { ...solid(`#${(0x100000 + i * 37).toString(16).toUpperCase()}`), tintAndShade: (i % 5) / 10 }));
    const before = dump(state);
    const stats = await highlightCells(ctx(state), many);
    expect(stats.marked).toBe(20000);
    expect(state.fillAt(sheet, 4, 6).color).toBe(SEVERITY_FILL.error);
    expect(JSON.stringify(Object.fromEntries(state.settings)).length).toBeLessThan(100);
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(before);
  });

  test('whichever sync fails half-way, 清除标记 afterwards gives every cell its own fill back, and the next 校验 completes the marks', async () => {
    for (let n = 1; n <= 4; n++) {
      const state = withFills();
      const before = dump(state);
      await highlightCells(failingAt(state, n), targets).catch(() => undefined);
      await clearMarks(ctx(state));
      expect([n, dump(state)]).toEqual([n, before]);

      await highlightCells(failingAt(state, n), targets).catch(() => undefined);
      const stats = await highlightCells(ctx(state), targets);
      expect(stats.marked).toBe(targets.length);
      for (const t of targets) {
        const at = /^([A-Z]+)(\d+)$/.exec(t.cell)!;
        expect(state.fillAt(state.sheet(t.sheet)!, Number(at[2]) - 1, at[1].charCodeAt(0) - 65).color).toBe(SEVERITY_FILL[t.severity]);
      }
      await clearMarks(ctx(state));
      expect([n, dump(state)]).toEqual([n, before]);
    }
  });

  test('a protected sheet is left as it is and named; the other sheets are marked and restored', async () => {
    const state = withFills();
    state.sheet(S)!.protection = { protected: true };
    const before = dump(state);
    const host = hostOn(state);
    const out = await host.highlight(targets.map((t) => finding(t.sheet, t.cell, t.severity)));
    expect(out.marked).toBe(5);
    expect(out.skipped?.sheets).toEqual([S]);
    expect(out.skipped?.message).toContain('受保护');
    expect(state.fillAt(state.sheet(P)!, 5, 8).color).toBe(SEVERITY_FILL.error);
    expect(JSON.stringify(state.dump()[1])).toBe(JSON.stringify(JSON.parse(before)[1]));
    await host.clear();
    expect(dump(state)).toBe(before);
  });

  test('a sheet protected while marking: its cells stay as they were, the record keeps them until it can be cleared', async () => {
    const state = withFills();
    const before = dump(state);
    const c = state.context();
    const sync = c.sync.bind(c);
    let n = 0;
    // Protected once the reads are done, before anything is written.
    c.sync = async () => {
      if (++n === 2) state.sheet(S)!.protection = { protected: true };
      return sync();
    };
    const stats = await highlightCells(c as unknown as Excel.RequestContext, targets);
    expect(stats.skippedSheets).toEqual([S]);
    expect(stats.marked).toBe(5);
    const host = hostOn(state);
    const cleared = await host.clear();
    expect(cleared.skipped?.sheets).toEqual([S]);
    expect(state.sheet(MARKS_SHEET_NAME)).toBeDefined();
    state.sheet(S)!.protection = { protected: false };
    await host.clear();
    expect(dump(state)).toBe(before);
  });

  test('a protected sheet that allows formatting cells is marked', async () => {
    const state = withFills();
    state.sheet(S)!.protection = { protected: true, allowFormatCells: true };
    const before = dump(state);
    const stats = await highlightCells(ctx(state), targets);
    expect(stats.skippedSheets).toEqual([]);
    expect(state.fillAt(state.sheet(S)!, 8, 1).color).toBe(SEVERITY_FILL.error);
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(before);
  });
});

describe('highlighting many cells within Excel\'s limits', () => {
  test('Excel on the web: 20,005 marks fit its 5 MB requests and responses, and are restored', async () => {
    const state = SimWorkbookState.fromSnapshot(largeProjectWorkbook(20005)).useProfile(HOST_PROFILES.web);
    const before = dump(state);
    const many = syntheticTargets(20005, 1);
    expect(many.length).toBe(20005);
    const stats = await highlightCells(ctx(state), many);
    expect(stats.marked).toBe(20005);
    expect(stats.syncs).toBeLessThan(10);
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(before);
  });

  test('when Excel refuses requests far smaller than expected, the work is retried in smaller syncs', async () => {
    const state = SimWorkbookState.fromSnapshot(largeProjectWorkbook(5000));
    state.requestLimitBytes = 60_000;
    state.responseLimitBytes = 100_000;
    const before = dump(state);
    const many = syntheticTargets(5000, 2);
    const stats = await highlightCells(ctx(state), many);
    expect(stats.marked).toBe(many.length);
    await clearMarks(ctx(state));
    expect(dump(state)).toBe(before);
  });

  test('a size refusal that cannot be avoided is reported as what it is, not as a workbook too large', async () => {
    const state = withFills();
    state.requestLimitBytes = 1000;
    const host = hostOn(state);
    const error = await host.highlight([finding(P, 'I6')]).catch((e) => e);
    expect(error.zh).toContain('要标记的单元格太多');
    expect(error.zh).not.toContain('工作簿太大');
    expect(error.en).toContain('too large');
  });
});
