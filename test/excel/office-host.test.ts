import { seedWorkbook } from '../../src/samples/seed-workbook';
import { buildSheet } from '../../src/samples/sheet-builder';
import { SimWorkbookState, simRunner, NO_FILL } from '../../src/excel/sim/sim-excel';
import { largeProjectWorkbook } from '../../src/excel/sim/large-workbook';
import { syntheticTargets } from '../../src/excel/sim/measure';
import { readWorkbook } from '../../src/excel/read-workbook';
import { highlightCells, clearMarks, MARKS_SETTING, MARKS_SHEET, SEVERITY_FILL, markTargets } from '../../src/excel/highlight';
import { createOfficeHost } from '../../src/excel/office-host';
import { excelFeatures } from '../../src/excel/capabilities';
import { Report } from '../../src/core/report/types';
import { Finding } from '../../src/core/findings';
import { WorkbookSnapshot } from '../../src/core/snapshot';

const ctx = (s: SimWorkbookState) => s.context() as unknown as Excel.RequestContext;
const allFeatures = excelFeatures(() => true);

function hostOn(state: SimWorkbookState) {
  return createOfficeHost({ run: simRunner(state), features: allFeatures, displayLanguage: 'zh-CN', download: true });
}

/** Blank cells are null in snapshots and '' in Excel; compare on that footing. */
function normalise(snapshot: WorkbookSnapshot) {
  return snapshot.sheets.map((s) => ({
    name: s.name,
    values: s.values.map((r) => r.map((v) => (v === '' ? null : v))),
    formulas: (s.formulas ?? []).map((r) => r.map((f) => f || null)),
    numberFormats: s.numberFormats,
    merges: [...(s.merges ?? [])].sort(),
  }));
}

describe('reading the workbook', () => {
  test('the seed workbook comes back cell for cell: values, formulas, number formats, merges', async () => {
    const seed = seedWorkbook();
    const state = SimWorkbookState.fromSnapshot(seed);
    const { snapshot, stats } = await readWorkbook(ctx(state));
    expect(stats.syncs).toBe(2);
    expect(stats.chunked).toBe(false);
    expect(normalise(snapshot)).toEqual(normalise(seed));
    // The text-typed 1.43 stays text, as Excel reports it.
    const projects = snapshot.sheets.find((s) => s.name === '项目支出明细')!;
    expect(projects.values.flat()).toContain('1.43');
  });

  test('the document properties (标题, 单位) come with the first round trip, for 年度 and 单位名称 as a last resort', async () => {
    const state = SimWorkbookState.fromSnapshot({ ...seedWorkbook(), properties: { title: '某某县农业农村局2024年度部门决算', company: '某某县财政局' } });
    const { snapshot, stats } = await readWorkbook(ctx(state));
    expect(stats.syncs).toBe(2);
    expect(snapshot.properties).toEqual({ title: '某某县农业农村局2024年度部门决算', subject: undefined, company: '某某县财政局' });
    const blank = await readWorkbook(ctx(SimWorkbookState.fromSnapshot(seedWorkbook())));
    expect(blank.snapshot.properties).toBeUndefined();
  });

  test('used range offsets and hidden rows are carried over', async () => {
    const state = new SimWorkbookState();
    const sheet = state.addSheet('明细');
    state.setCell(sheet, 3, 2, '项目名称', null, 'General');
    state.setCell(sheet, 4, 2, '甲', null, 'General');
    state.setCell(sheet, 5, 3, 12.5, null, '0.00');
    sheet.hiddenRows.add(4);
    const { snapshot } = await readWorkbook(ctx(state));
    const s = snapshot.sheets[0];
    expect(s.rowOffset).toBe(3);
    expect(s.colOffset).toBe(2);
    expect(s.values).toEqual([['项目名称', null], ['甲', null], [null, 12.5]]);
    expect(s.hiddenRows).toEqual([4]);
  });

  test('the add-in\'s own sheets are not read', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const own = state.addSheet('自评报告');
    state.setCell(own, 0, 0, '报告', null, 'General');
    const { snapshot } = await readWorkbook(ctx(state));
    expect(snapshot.sheets.map((s) => s.name)).not.toContain('自评报告');
  });

  test('a blank sheet reads as empty, not as a phantom A1', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    state.addSheet('空表');
    const { snapshot } = await readWorkbook(ctx(state));
    expect(snapshot.sheets.find((s) => s.name === '空表')!.values).toEqual([]);
  });

  test('when Excel refuses the one-sync read as too large, it reads in ~4 MB syncs and gets the same cells', async () => {
    const state = SimWorkbookState.fromSnapshot(largeProjectWorkbook(20000));
    const whole = (await readWorkbook(ctx(state))).snapshot;
    // Excel on the web: 5 MB per response.
    state.responseLimitBytes = 5_000_000;
    const s0 = state.stats.syncs;
    const { snapshot, stats } = await readWorkbook(ctx(state));
    expect(stats.chunked).toBe(true);
    expect(stats.reads).toBeGreaterThan(1);
    expect(normalise(snapshot)).toEqual(normalise(whole));
    // list + refused + shapes + blocks of ~4 MB, sized from the text read (the first at an assumed 1,000 bytes a cell)
    expect(stats.refused).toBe(0);
    expect(state.stats.syncs - s0).toBeLessThan(8);
  });
});

describe('sync counts do not grow with the workbook', () => {
  const sizes = [10, 1000, 20000];
  // Highlight: read, then the record on its own, then the fills. Clear: read, the record, the fills, then restore, then drop the record.
  test.each(sizes)('%i projects: 2 syncs to read, 3 to highlight, 5 to clear', async (n) => {
    const state = SimWorkbookState.fromSnapshot(largeProjectWorkbook(n));
    let s0 = state.stats.syncs;
    await readWorkbook(ctx(state));
    expect(state.stats.syncs - s0).toBe(2);
    const targets = syntheticTargets(n, Math.min(50, n));
    expect(targets.length).toBeGreaterThan(0);
    s0 = state.stats.syncs;
    await highlightCells(ctx(state), targets);
    expect(state.stats.syncs - s0).toBe(3);
    s0 = state.stats.syncs;
    await clearMarks(ctx(state));
    expect(state.stats.syncs - s0).toBe(5);
  });
});

describe('marking and clearing', () => {
  function withFills() {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const sheet = state.sheet('项目支出明细')!;
    // The user's own formatting on cells that will be marked: a solid yellow and a hatched pattern.
    sheet.fills.set('5,8', { color: '#FFFF00', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 });
    sheet.fills.set('27,5', { color: '#C6EFCE', pattern: 'LightDown', patternColor: '#FF0000', tintAndShade: 0.4, patternTintAndShade: -0.2 });
    return state;
  }
  const targets = [
    { sheet: '项目支出明细', cell: 'I6', severity: 'error' as const },
    { sheet: '项目支出明细', cell: 'F28', severity: 'error' as const },
    { sheet: '项目支出明细', cell: 'I28', severity: 'warning' as const },
    { sheet: '收支情况', cell: 'B9', severity: 'error' as const },
    { sheet: '收支情况', cell: 'B8', severity: 'info' as const },
  ];

  test('marks take the severity colour, then clear restores every fill exactly and touches no value', async () => {
    const state = withFills();
    const before = JSON.stringify(state.dump());
    await highlightCells(ctx(state), targets);
    const sheet = state.sheet('项目支出明细')!;
    expect(state.fillAt(sheet, 5, 8).color).toBe(SEVERITY_FILL.error);
    expect(state.fillAt(sheet, 27, 8).color).toBe(SEVERITY_FILL.warning);
    expect(state.fillAt(state.sheet('收支情况')!, 7, 1).color).toBe(SEVERITY_FILL.info);
    expect(JSON.stringify(state.dump())).not.toBe(before);
    await clearMarks(ctx(state));
    expect(JSON.stringify(state.dump())).toBe(before);
    expect(state.fillAt(sheet, 27, 5)).toEqual({ color: '#C6EFCE', pattern: 'LightDown', patternColor: '#FF0000', tintAndShade: 0.4, patternTintAndShade: -0.2 });
    expect(state.fillAt(sheet, 0, 0)).toEqual(NO_FILL);
    // Values are written only to the add-in's own record sheet, which clear removes.
    expect(state.stats.valueWrites.every((w) => w.sheet === MARKS_SHEET)).toBe(true);
    expect(state.sheet(MARKS_SHEET)).toBeUndefined();
    expect(state.settings.has(MARKS_SETTING)).toBe(false);
  });

  test('marking twice keeps the user\'s fill, not ours, and un-marks cells that are no longer findings', async () => {
    const state = withFills();
    const before = JSON.stringify(state.dump());
    await highlightCells(ctx(state), targets);
    await highlightCells(ctx(state), targets.slice(0, 2));
    const sheet = state.sheet('项目支出明细')!;
    // I28 is no longer a finding: its own (empty) fill is back at once.
    expect(state.fillAt(sheet, 27, 8)).toEqual(NO_FILL);
    await clearMarks(ctx(state));
    expect(JSON.stringify(state.dump())).toBe(before);
  });

  test('the record survives closing the pane: a fresh context clears what an earlier one marked', async () => {
    const state = withFills();
    const before = JSON.stringify(state.dump());
    await highlightCells(ctx(state), targets);
    const saved = JSON.parse(JSON.stringify([...state.settings]));
    const reopened = SimWorkbookState.fromSnapshot(seedWorkbook());
    reopened.sheets = state.sheets;
    reopened.settings = new Map(saved);
    await clearMarks(ctx(reopened));
    expect(JSON.stringify(reopened.dump())).toBe(before);
  });

  test('ignored findings are not marked; the worst severity wins on a shared cell', () => {
    const f = (id: string, cell: string, severity: Finding['severity']) => ({ id, cell, severity, sheet: 'S', rule: 'subtotal', related: [], message: '', messageEn: '' }) as Finding;
    const t = markTargets([f('a', 'B2', 'info'), f('b', 'B2', 'error'), f('c', 'C3', 'warning')], { c: '已核实' });
    expect(t).toEqual([{ sheet: 'S', cell: 'B2', severity: 'error' }]);
  });

  test('a big mark set is cut into address lists Excel accepts', async () => {
    const state = SimWorkbookState.fromSnapshot(largeProjectWorkbook(20000));
    const before = JSON.stringify(state.dump());
    // Every other row: no two targets are adjacent, so nothing compresses into one area.
    const targets = syntheticTargets(20000, 2);
    await highlightCells(ctx(state), targets);
    expect(state.fillAt(state.sheet('项目支出明细')!, 5, 6).color).toBe(SEVERITY_FILL.error);
    await clearMarks(ctx(state));
    expect(JSON.stringify(state.dump())).toBe(before);
  });
});

describe('the Office host', () => {
  test('navigation activates the sheet and selects the cell with its related cells', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const host = hostOn(state);
    await host.navigate({ sheet: '收支情况', cell: 'B8', related: [{ sheet: '收支情况', cell: 'B9' }, { sheet: '收支情况', cell: 'B13' }, { sheet: '项目支出明细', cell: 'H28' }] });
    expect(state.activeSheet).toBe('收支情况');
    expect(state.selection).toEqual({ sheet: '收支情况', address: 'B8,B9,B13' });
  });

  test('settings round-trip through the workbook and bad fields are dropped', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const host = hostOn(state);
    expect(await host.readSettings()).toEqual({});
    await host.writeSettings({ tolerance: '0.01', idleThreshold: 0.85, ignored: { x: '已说明' }, autoRevalidate: false });
    expect(await host.readSettings()).toEqual({ tolerance: '0.01', idleThreshold: 0.85, ignored: { x: '已说明' }, autoRevalidate: false });
    state.settings.set('budgetRecon.settings', JSON.stringify({ tolerance: 'abc', idleThreshold: 7, ignored: { y: 3 } }));
    expect(await host.readSettings()).toEqual({ ignored: {} });
  });

  test('the report goes to 自评报告 as text, and an existing sheet is replaced only when agreed', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const host = hostOn(state);
    const report: Report = {
      title: '自评报告',
      unverified: [],
      paragraphs: [
        { style: 'title', runs: [{ kind: 'text', text: '2023年度部门整体支出绩效自评报告' }] },
        { style: 'body', runs: [{ kind: 'text', text: '=HYPERLINK("x")' }] },
      ],
    };
    const userBefore = JSON.stringify(state.dump().slice(0, 3));
    expect(await host.writeReport(report, { replace: false })).toEqual({ status: 'written', sheet: '自评报告', paragraphs: 2 });
    const sheet = state.sheet('自评报告')!;
    expect(String(sheet.values[1][0])).toContain('2023年度部门整体支出绩效自评报告');
    expect(String(sheet.values[2][0])).toContain('=HYPERLINK("x")');
    expect(sheet.formulas[2][0]).toBeNull();
    expect(await host.writeReport(report, { replace: false })).toEqual({ status: 'exists', sheet: '自评报告' });
    sheet.values[1][0] = '用户改过';
    expect((await host.writeReport(report, { replace: true })).status).toBe('written');
    expect(String(state.sheet('自评报告')!.values[1][0])).toContain('2023年度部门整体支出绩效自评报告');
    expect(JSON.stringify(state.dump().slice(0, 3))).toBe(userBefore);
    expect(state.stats.valueWrites.every((w) => w.sheet === '自评报告')).toBe(true);
  });

  test('edits in user sheets call the listener; edits in our own sheets do not', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    state.addSheet('自评报告');
    const host = hostOn(state);
    const calls: number[] = [];
    const off = await host.onUserEdit(() => calls.push(1));
    // Handlers run asynchronously, as Excel's do.
    const settle = () => new Promise((r) => setTimeout(r, 10));
    state.fireChange('自评报告', 'A1');
    await settle();
    expect(calls.length).toBe(0);
    state.fireChange('收支情况', 'B9');
    await settle();
    expect(calls.length).toBe(1);
    off();
    state.fireChange('收支情况', 'B9');
    await settle();
    expect(calls.length).toBe(1);
  });

  describe('co-authoring and the add-in\'s own writes (issue #12 item 8)', () => {
    const settle = () => new Promise((r) => setTimeout(r, 20));
    const report: Report = { title: '自评报告', unverified: [], paragraphs: [{ style: 'title', runs: [{ kind: 'text', text: '2023年度部门整体支出绩效自评报告' }] }] };

    test('a co-author\'s edit arriving from elsewhere does not re-validate here', async () => {
      const state = SimWorkbookState.fromSnapshot(seedWorkbook());
      const host = hostOn(state);
      const calls: number[] = [];
      const off = await host.onUserEdit(() => calls.push(1));
      state.remoteEdit('收支情况', 8, 1, 416.47);
      await settle();
      expect(calls).toEqual([]);
      state.fireChange('收支情况', 'B9', 'Local');
      await settle();
      expect(calls).toEqual([1]);
      off();
    });

    test('writing the report is recognised as our own write, however long it takes', async () => {
      const state = SimWorkbookState.fromSnapshot(seedWorkbook());
      const host = hostOn(state);
      const calls: number[] = [];
      const off = await host.onUserEdit(() => calls.push(1));
      await host.writeReport(report, { replace: false });
      await settle();
      // The events of our own write may arrive late (Excel raises them after the batch): still ours.
      await new Promise((r) => setTimeout(r, 1200));
      state.raise({ worksheetId: state.sheet('自评报告')!.id, address: 'A1:B9', source: 'Local', changeType: 'RangeEdited', triggerSource: 'ThisLocalAddin' });
      await settle();
      expect(calls).toEqual([]);
      off();
    });

    test('below ExcelApi 1.14 (no triggerSource) our writes are still recognised, by the sheet they are on', async () => {
      const state = SimWorkbookState.fromSnapshot(seedWorkbook());
      state.eventTriggerSource = false;
      const host = hostOn(state);
      const calls: number[] = [];
      const off = await host.onUserEdit(() => calls.push(1));
      await host.writeReport(report, { replace: false });
      await new Promise((r) => setTimeout(r, 3500));
      // A late event of our own write, after any time window would have closed.
      state.raise({ worksheetId: state.sheet('自评报告')!.id, address: 'A1', source: 'Local', changeType: 'RangeEdited' });
      await settle();
      expect(calls).toEqual([]);
      // A user's edit right after our write is not swallowed by a window either.
      await host.writeReport(report, { replace: true });
      state.fireChange('收支情况', 'B9');
      await settle();
      expect(calls).toEqual([1]);
      off();
    }, 10000);
  });

  test('a sheet deleted between reading and marking gives a plain message and writes nothing', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const host = hostOn(state);
    const before = JSON.stringify(state.dump());
    const finding = { id: 'x', rule: 'subtotal', severity: 'error', sheet: '已删除', cell: 'B2', related: [], message: '', messageEn: '' } as Finding;
    await expect(host.highlight([finding])).rejects.toThrow('工作表已被删除或改名');
    expect(JSON.stringify(state.dump())).toBe(before);
  });

  test('old Excel without RangeAreas gets a message instead of marks', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const host = createOfficeHost({ run: simRunner(state), features: excelFeatures((_n, v) => Number(v.split('.')[1]) <= 7), displayLanguage: 'zh-CN', download: false });
    const out = await host.highlight([{ id: 'x', rule: 'subtotal', severity: 'error', sheet: '收支情况', cell: 'B9', related: [], message: '', messageEn: '' } as Finding]);
    expect(out.marked).toBe(0);
    expect(out.unsupported?.message).toContain('ExcelApi 1.9');
  });
});

test('sheet-builder fixtures with merged title rows read back with their merges', async () => {
  const snap = { sheets: [buildSheet({ name: 'T', rows: [['标题', null, null], ['单位：万元', null, null], ['项目', '金额', null], ['合计', { v: 3, f: 'SUM(B5:B6)' }, null]], merges: ['A1:C1'] })] };
  const { snapshot } = await readWorkbook(ctx(SimWorkbookState.fromSnapshot(snap)));
  expect(snapshot.sheets[0].merges).toEqual(['A1:C1']);
  expect(snapshot.sheets[0].formulas![3][1]).toBe('=SUM(B5:B6)');
});

describe('校验 through the Office host on the seed sample', () => {
  test('finds what the engine finds on the plain snapshot, marks it, and clear leaves every cell as it was', async () => {
    const { validateWorkbook } = await import('../../src/core/validate');
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const before = JSON.stringify(state.dump());
    const host = hostOn(state);
    const phases: string[] = [];
    const result = await host.validate({}, (p) => phases.push(p.phase));
    expect(phases).toEqual(['reading', 'checking', 'done']);
    expect(host.lastReadSyncs()).toBe(2);
    const direct = validateWorkbook(seedWorkbook(), {});
    expect(result.findings.map((f) => f.id).sort()).toEqual(direct.findings.map((f) => f.id).sort());
    expect(result.findings.some((f) => f.sheet === '收支情况' && f.cell === 'B9' && f.severity === 'error')).toBe(true);
    const out = await host.highlight(result.findings);
    expect(out.marked).toBeGreaterThan(3);
    expect(state.fillAt(state.sheet('收支情况')!, 8, 1).color).toBe(SEVERITY_FILL.error);
    await host.clear();
    expect(JSON.stringify(state.dump())).toBe(before);
    expect(state.stats.valueWrites.every((w) => w.sheet === MARKS_SHEET)).toBe(true);
  });
});

test('Excel errors become plain sentences, Chinese first', () => {
  const { explainError } = jest.requireActual('../../src/excel/office-host');
  const e = Object.assign(new Error('The operation failed'), { code: 'AccessDenied' });
  expect(explainError(e).zh).toContain('工作表受保护');
  expect(explainError(Object.assign(new Error('x'), { code: 'InvalidOperationInCellEditMode' })).zh).toContain('单元格编辑');
  expect(explainError(new Error('boom')).zh).toContain('Excel 未能完成操作');
});
