/**
 * The add-in against the simulated Excel of each host (test/excel/sim-excel.test.ts shows the
 * simulation keeps Microsoft's documented limits): sheets with more than 512 merged areas, Excel on
 * the web's 5 MB responses filled with long Chinese text, navigation where RangeAreas.select
 * (ExcelApi 1.18) is missing, and every call the add-in makes checked against each host's API sets.
 */
import fs from 'fs';
import path from 'path';
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { HOST_PROFILES, HostProfile, isSetSupportedBy, SimWorkbookState, simRunner } from '../../src/excel/sim/sim-excel';
import { readWorkbook } from '../../src/excel/read-workbook';
import { createOfficeHost } from '../../src/excel/office-host';
import { blocker, excelFeatures, MIN_EXCEL_API } from '../../src/excel/capabilities';
import { Report } from '../../src/core/report/types';
import { WorkbookSnapshot } from '../../src/core/snapshot';

const ctx = (s: SimWorkbookState) => s.context() as unknown as Excel.RequestContext;

function hostFor(state: SimWorkbookState, profile: HostProfile) {
  state.useProfile(profile);
  const features = excelFeatures(isSetSupportedBy(profile));
  return createOfficeHost({ run: simRunner(state), features, displayLanguage: 'zh-CN', download: profile.web });
}

/** Blank cells are null in snapshots and '' in Excel; compare on that footing. */
function normalise(snapshot: WorkbookSnapshot) {
  return snapshot.sheets.map((s) => ({
    name: s.name,
    values: s.values.map((r) => r.map((v) => (v === '' ? null : v))),
    formulas: (s.formulas ?? []).map((r) => r.map((f) => f || null)),
    numberFormats: s.numberFormats,
    merges: [...(s.merges ?? [])].sort(),
    hiddenRows: s.hiddenRows,
  }));
}

/** n Chinese characters, varied by seed. */
const hanzi = (n: number, seed: number) => Array.from({ length: n }, (_, i) => '预算执行情况说明绩效目标完成资金使用管理'[(i + seed) % 20]).join('');

describe('the add-in on each Excel', () => {
  test('the read leaves out cells that only carry formatting (the add-in asks for valuesOnly)', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const before = normalise((await readWorkbook(ctx(state))).snapshot);
    state.sheet('收支情况')!.fills.set('999,30', { color: '#FFFF00', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 });
    expect(normalise((await readWorkbook(ctx(state))).snapshot)).toEqual(before);
  });

  test('a sheet with more than 512 merged areas is read, merges and all (they are read per band)', async () => {
    const state = new SimWorkbookState();
    const sheet = state.addSheet('项目 明细');
    const merges: string[] = [];
    for (let i = 0; i < 700; i++) {
      const r = 2 * i;
      state.setCell(sheet, r, 0, `项目${i + 1}`, null, 'General');
      state.setCell(sheet, r, 2, i * 1.5, null, '0.00');
      // Each project's name spans two rows and two columns; some cross the 256-row bands.
      merges.push(`A${r + 1}:B${r + 2}`);
    }
    sheet.merges = [...merges];
    const other = state.addSheet('收支情况');
    state.setCell(other, 0, 0, '收支情况表', null, 'General');
    other.merges = ['A1:D1'];
    const { snapshot, stats } = await readWorkbook(ctx(state));
    expect(stats.mergeBands).toBe(true);
    expect([...snapshot.sheets[0].merges!].sort()).toEqual([...merges].sort());
    expect(snapshot.sheets[1].merges).toEqual(['A1:D1']);
    expect(snapshot.sheets[0].values[1398][0]).toBe('项目700');
    // list, refused, shapes, values, bands
    expect(stats.syncs).toBe(5);
    // And through the host: 校验 runs.
    await expect(hostFor(state, HOST_PROFILES.microsoft365).validate({})).resolves.toBeDefined();
  });

  test('Excel on the web: 20,000 rows of long Chinese text are read in syncs sized from the text actually read', async () => {
    const state = new SimWorkbookState();
    const sheet = state.addSheet('项目说明');
    for (let r = 0; r < 20000; r++) {
      state.setCell(sheet, r, 0, r + 1, null, '0');
      state.setCell(sheet, r, 1, `项目${r + 1}${hanzi(12, r)}`, null, 'General');
      state.setCell(sheet, r, 2, (r % 97) * 1.25, null, '#,##0.00');
      // The second half's notes are three times as long: the first blocks under-state them.
      state.setCell(sheet, r, 3, hanzi(r < 10000 ? 60 : 180, r), null, 'General');
    }
    const desktop = normalise((await readWorkbook(ctx(state))).snapshot);
    state.useProfile(HOST_PROFILES.web);
    const s0 = state.stats.syncs;
    const { snapshot, stats } = await readWorkbook(ctx(state));
    expect(stats.chunked).toBe(true);
    expect(normalise(snapshot)).toEqual(desktop);
    expect(state.stats.syncs - s0).toBe(stats.syncs);
    // list, refused, shapes, then about 4 MB a sync (20 MB of text), one of them refused and sent again smaller
    expect(stats.syncs).toBeLessThan(15);
  });

  test('a row too long for one sync is read in pieces, and a refused sync is sent again smaller', async () => {
    const state = new SimWorkbookState();
    const sheet = state.addSheet('长文本');
    for (let r = 0; r < 3; r++) for (let c = 0; c < 12; c++) state.setCell(sheet, r, c, hanzi(1500, r * 12 + c), null, 'General');
    const whole = normalise((await readWorkbook(ctx(state))).snapshot);
    // A cell is about 9 kB (its text as value and as formula); Excel refuses responses over 30 kB.
    state.responseLimitBytes = 30_000;
    const { snapshot, stats } = await readWorkbook(ctx(state), { maxBytesPerSync: 40_000 });
    expect(normalise(snapshot)).toEqual(whole);
    expect(stats.refused).toBeGreaterThan(0);
    expect(stats.reads).toBeGreaterThan(3);
  });

  test.each([
    ['refuses it', false],
    ['answers null', true],
  ])('a used range past the cells Excel reads at once is read in blocks when Excel %s', async (_how, giveNull) => {
    const state = new SimWorkbookState();
    const sheet = state.addSheet('明细');
    for (let r = 0; r < 100; r++) for (let c = 0; c < 30; c++) state.setCell(sheet, r, c, c === 1 ? `项目${r}` : r * 30 + c, null, 'General');
    const whole = normalise((await readWorkbook(ctx(state))).snapshot);
    // Scaled down from 5,000,000 cells so the test stays fast.
    state.rangeReadCellLimit = 1000;
    state.hugeReadsGiveNull = giveNull;
    const { snapshot, stats } = await readWorkbook(ctx(state), { maxBytesPerSync: 8000 });
    expect(stats.chunked).toBe(true);
    expect(normalise(snapshot)).toEqual(whole);
  });

  const related = { sheet: '收支情况', cell: 'B8', related: [{ sheet: '收支情况', cell: 'B9' }, { sheet: '收支情况', cell: 'B13' }, { sheet: '项目支出明细', cell: 'H28' }] };

  test.each([
    ['office2021', 'B8'],
    ['office2024', 'B8'],
    ['macBefore1_18', 'B8'],
    ['microsoft365', 'B8,B9,B13'],
    ['web', 'B8,B9,B13'],
    ['mac', 'B8,B9,B13'],
  ] as const)('going to a finding with related cells on %s selects %s', async (profile, selected) => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    await hostFor(state, HOST_PROFILES[profile]).navigate(related);
    expect(state.activeSheet).toBe('收支情况');
    expect(state.selection).toEqual({ sheet: '收支情况', address: selected });
  });

  test('should an Excel claim ExcelApi 1.18 and still lack RangeAreas.select, going to a finding selects its own cell', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook()).useProfile(HOST_PROFILES.office2021);
    const features = { ...excelFeatures(isSetSupportedBy(HOST_PROFILES.office2021)), selectAreas: true };
    await createOfficeHost({ run: simRunner(state), features, displayLanguage: 'zh-CN', download: false }).navigate(related);
    expect(state.selection).toEqual({ sheet: '收支情况', address: 'B8' });
  });

  /** A host at exactly one ExcelApi version, for the boundaries of the add-in's checks. */
  const at = (v: string): HostProfile => ({ name: `ExcelApi ${v}`, excelApi: v, web: false });
  const everyHost: [string, HostProfile][] = [
    ...Object.entries(HOST_PROFILES).filter(([k]) => k !== 'office2016'),
    ...['1.7', '1.9', '1.12', '1.13', '1.18'].map((v) => [`ExcelApi ${v}`, at(v)] as [string, HostProfile]),
  ];

  test.each(everyHost)('every call the add-in makes on %s is in that Excel\'s API sets', async (_name, profile) => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const host = hostFor(state, profile);
    expect(blocker(isSetSupportedBy(profile), 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Edg/120.0')).toBeNull();
    const off = await host.onUserEdit(() => undefined);
    await host.writeSettings({ tolerance: '0.01' });
    expect(await host.readSettings()).toEqual({ tolerance: '0.01' });
    const result = await host.validate({});
    expect(result.findings.length).toBeGreaterThan(0);
    const marked = await host.highlight(result.findings);
    expect(marked.marked > 0 || !!marked.unsupported).toBe(true);
    await host.navigate(related);
    await host.clear();
    const report: Report = { title: '自评报告', unverified: [], paragraphs: [{ style: 'body', runs: [{ kind: 'text', text: '2023年度部门整体支出绩效自评报告' }] }] };
    expect((await host.writeReport(report, { replace: false })).status).toBe('written');
    expect((await host.readParagraphs('report-sheet')).status).toBe('ok');
    expect(['ok', 'empty', 'multi-area']).toContain((await host.readParagraphs('selection')).status);
    off();
  });

  test('Excel below the add-in\'s minimum (Office 2016) is told so, and the manifest lets it open the pane to say it', () => {
    const b = blocker(isSetSupportedBy(HOST_PROFILES.office2016), 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Edg/120.0');
    expect(b?.zh).toContain(`Excel API ${MIN_EXCEL_API}`);
    const manifest = fs.readFileSync(path.resolve(__dirname, '../../manifest.xml'), 'utf8');
    const min = /<Set Name="ExcelApi" MinVersion="([\d.]+)"\/>/.exec(manifest)![1];
    expect(isSetSupportedBy({ name: 'manifest', excelApi: MIN_EXCEL_API, web: false })('ExcelApi', min)).toBe(true);
  });
});
