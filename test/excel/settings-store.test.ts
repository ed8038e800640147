/**
 * The pane's settings and the settings limit (Microsoft documents 2 MB; writes are reported to
 * fail from about 1 MB): settings Excel would refuse are not sent, and the user is told why.
 */
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { SimWorkbookState, simRunner } from '../../src/excel/sim/sim-excel';
import { createOfficeHost } from '../../src/excel/office-host';
import { excelFeatures } from '../../src/excel/capabilities';

function hostOn(state: SimWorkbookState) {
  return createOfficeHost({ run: simRunner(state), features: excelFeatures(() => true), displayLanguage: 'zh-CN', download: true });
}

describe('the pane\'s settings within the settings limit', () => {
  test('settings Excel would refuse are not sent; the user is told why, and the saved settings stay', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    // Microsoft documents 2 MB; writes are reported failing from about 1 MB.
    state.settingsLimitBytes = 1_000_000;
    const host = hostOn(state);
    await host.writeSettings({ tolerance: '0.01', ignored: { a: '已核实' } });
    const many = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`finding-${i}`, '该项目为跨年度项目，资金已按合同约定分期支付，剩余部分将于下一年度支付完毕，已与财政部门沟通确认'.repeat(2)]));
    const error = await host.writeSettings({ tolerance: '0.01', ignored: many }).catch((e) => e);
    expect(error.zh).toContain('设置太大');
    expect(error.en).toContain('not saved');
    expect(await host.readSettings()).toEqual({ tolerance: '0.01', ignored: { a: '已核实' } });
    const some = Object.fromEntries(Object.entries(many).slice(0, 1000));
    await host.writeSettings({ ignored: some });
    expect(Object.keys((await host.readSettings()).ignored ?? {}).length).toBe(1000);
  });
});
