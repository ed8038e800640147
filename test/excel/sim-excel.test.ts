/**
 * The simulated Excel (src/excel/sim/sim-excel.ts) as Microsoft documents Excel: API sets per host
 * (Office 2021, Office 2024, Microsoft 365, the web, Mac), the web's 5 MB request and response
 * limits, the 5,000,000-cell read limit, at most 512 merged areas from getMergedAreasOrNullObject,
 * quoted sheet names in addresses, and getUsedRange(valuesOnly).
 */
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { HOST_PROFILES, HostProfile, isSetSupportedBy, quoteSheetName, SimWorkbookState, WEB_PAYLOAD_LIMIT_BYTES } from '../../src/excel/sim/sim-excel';

/** n Chinese characters, varied by seed. */
const hanzi = (n: number, seed: number) => Array.from({ length: n }, (_, i) => '预算执行情况说明绩效目标完成资金使用管理'[(i + seed) % 20]).join('');

describe('the simulation plays each Excel as documented', () => {
  test('API sets per host: Office 2021 stops at ExcelApi 1.14, Office 2024 at 1.17, Mac before 16.93 at 1.17; Microsoft 365, the web and Mac 16.100 have 1.20', () => {
    const top = (p: HostProfile) => ['1.1', '1.7', '1.8', '1.9', '1.13', '1.14', '1.17', '1.18', '1.20'].filter((v) => isSetSupportedBy(p)('ExcelApi', v)).pop();
    expect(top(HOST_PROFILES.office2016)).toBe('1.1');
    expect(top(HOST_PROFILES.office2019)).toBe('1.8');
    expect(top(HOST_PROFILES.office2021)).toBe('1.14');
    expect(top(HOST_PROFILES.office2024)).toBe('1.17');
    expect(top(HOST_PROFILES.macBefore1_18)).toBe('1.17');
    for (const p of [HOST_PROFILES.microsoft365, HOST_PROFILES.web, HOST_PROFILES.mac]) expect(top(p)).toBe('1.20');
    expect(isSetSupportedBy(HOST_PROFILES.web)('ExcelApiOnline', '1.1')).toBe(true);
    expect(isSetSupportedBy(HOST_PROFILES.microsoft365)('ExcelApiOnline', '1.1')).toBe(false);
  });

  test('a call beyond the host\'s API sets fails the batch at sync with ApiNotFound (RangeAreas.select needs 1.18)', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook()).useProfile(HOST_PROFILES.office2021);
    const c = state.context();
    c.workbook.worksheets.getItem('收支情况').getRanges('B8,B9').select();
    await expect(c.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(state.selection).toBeNull();
    state.useProfile(HOST_PROFILES.microsoft365);
    const d = state.context();
    d.workbook.worksheets.getItem('收支情况').getRanges('B8,B9').select();
    await d.sync();
    expect(state.selection).toEqual({ sheet: '收支情况', address: 'B8,B9' });
    // Office 2019 has no getMergedAreasOrNullObject (1.13).
    const e = state.useProfile(HOST_PROFILES.office2019).context();
    e.workbook.worksheets.getItem('收支情况').getRange().getMergedAreasOrNullObject().load('address');
    await expect(e.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  test('getMergedAreasOrNullObject fails over 512 merged areas; it returns the areas whose top-left cell is in the range, whole', async () => {
    const state = new SimWorkbookState();
    const sheet = state.addSheet('合并');
    for (let i = 0; i < 513; i++) sheet.merges.push(`A${2 * i + 1}:B${2 * i + 2}`);
    const c = state.context();
    c.workbook.worksheets.getItem('合并').getRange().getMergedAreasOrNullObject().load('address');
    await expect(c.sync()).rejects.toThrow(/512/);
    const d = state.context();
    const some = d.workbook.worksheets.getItem('合并').getRange('A2:B1024').getMergedAreasOrNullObject();
    some.load('address');
    await d.sync();
    // A1:B2 starts above the range: not returned. A1023:B1024 starts inside and is returned whole.
    const areas = some.address.split(',');
    expect(areas).toHaveLength(511);
    expect(areas[0]).toBe('合并!A3:B4');
    expect(areas[510]).toBe('合并!A1023:B1024');
  });

  test('Excel on the web refuses a request over 5 MB before running any of it, and a response over 5 MB; desktop Excel takes both', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => [hanzi(600, i)]);
    const write = async (state: SimWorkbookState) => {
      const c = state.context();
      c.workbook.worksheets.getItem('说明').getRange('A1:A3000').values = big;
      await c.sync();
    };
    const web = new SimWorkbookState().useProfile(HOST_PROFILES.web);
    web.addSheet('说明');
    await expect(write(web)).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(web.sheet('说明')!.values).toEqual([]);
    const desktop = new SimWorkbookState().useProfile(HOST_PROFILES.office2021);
    desktop.addSheet('说明');
    await write(desktop);
    expect(desktop.sheet('说明')!.values[2999][0]).toBe(big[2999][0]);

    const read = async (state: SimWorkbookState) => {
      const c = state.context();
      const r = c.workbook.worksheets.getItem('说明').getRange('A1:A3000');
      r.load('values');
      await c.sync();
      return r.values.length;
    };
    web.sheets = desktop.sheets;
    await expect(read(web)).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(await read(desktop)).toBe(3000);
    expect(WEB_PAYLOAD_LIMIT_BYTES).toBe(5_000_000);
  });

  test('every Excel refuses to read more than 5,000,000 cells of one range', async () => {
    const state = new SimWorkbookState();
    state.addSheet('大');
    const c = state.context();
    c.workbook.worksheets.getItem('大').getRange('A1:E1000001').load('values');
    await expect(c.sync()).rejects.toMatchObject({ code: 'RangeExceedsLimit' });
    // Some Excel answers null instead (office-js#6781).
    state.hugeReadsGiveNull = true;
    const d = state.context();
    const r = d.workbook.worksheets.getItem('大').getRange('A1:E1000001');
    r.load('values');
    await d.sync();
    expect(r.values).toBeNull();
  });

  test('addresses quote sheet names as Excel does', async () => {
    expect(quoteSheetName('收支情况')).toBe('收支情况');
    expect(quoteSheetName('Sheet1')).toBe('Sheet1');
    expect(quoteSheetName('收支 情况')).toBe("'收支 情况'");
    expect(quoteSheetName("O'Brien")).toBe("'O''Brien'");
    expect(quoteSheetName('2023')).toBe("'2023'");
    expect(quoteSheetName('A1')).toBe("'A1'");
    expect(quoteSheetName('R1C1')).toBe("'R1C1'");
    expect(quoteSheetName('收支(2023)')).toBe("'收支(2023)'");
    const state = new SimWorkbookState();
    const sheet = state.addSheet('收支 情况');
    sheet.merges.push('A1:C1');
    const c = state.context();
    const r = c.workbook.worksheets.getItem('收支 情况').getRange('B2:C3');
    r.load('address');
    const m = c.workbook.worksheets.getItem('收支 情况').getRange().getMergedAreasOrNullObject();
    m.load('address');
    await c.sync();
    expect(r.address).toBe("'收支 情况'!B2:C3");
    expect(m.address).toBe("'收支 情况'!A1:C1");
  });

  test('getUsedRange(valuesOnly) leaves out cells that only carry formatting; without it they count', async () => {
    const state = new SimWorkbookState();
    const sheet = state.addSheet('表');
    state.setCell(sheet, 1, 1, '项目', null, 'General');
    state.setCell(sheet, 2, 2, 12.5, null, '0.00');
    sheet.fills.set('9,5', { color: '#FFFF00', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 });
    const c = state.context();
    const ws = c.workbook.worksheets.getItem('表');
    const values = ws.getUsedRange(true);
    values.load('address');
    const all = ws.getUsedRange();
    all.load('address');
    await c.sync();
    expect(values.address).toBe('表!B2:C3');
    expect(all.address).toBe('表!B2:F10');
  });
});
