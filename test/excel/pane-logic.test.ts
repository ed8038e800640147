import { groupFindings, flatten, moveSelection, counts, formatAmount } from '../../src/taskpane/findings-view';
import { localeFor, t } from '../../src/taskpane/i18n';
import { blocker, excelFeatures, isLegacyBrowser } from '../../src/excel/capabilities';
import { FakeHost } from '../../src/taskpane/fake-host';
import { buildReport } from '../../src/taskpane/report-bridge';
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { Severity } from '../../src/core/findings';
import { compressCells, chunkAddresses, expandAreas } from '../../src/excel/cell-addresses';
import { splitAreas, hiddenRowsFrom } from '../../src/excel/read-workbook';

const all = new Set<Severity>(['error', 'warning', 'info']);

describe('the findings list on the seed sample', () => {
  const host = new FakeHost(seedWorkbook());
  let findings: Awaited<ReturnType<FakeHost['validate']>>['findings'];
  beforeAll(async () => {
    findings = (await host.validate({})).findings;
  });

  test('grouped by sheet in workbook order, errors first within a sheet', () => {
    const groups = groupFindings(findings, { groupBy: 'sheet', severities: all, showIgnored: true, ignored: {} }, 'zh');
    expect(groups.map((g) => g.key)).toEqual(['收支情况', '项目支出明细']);
    for (const g of groups) {
      const sev = g.findings.map((f) => f.severity);
      expect([...sev].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b))).toEqual(sev);
    }
    expect(flatten(groups).length).toBe(findings.length);
  });

  test('grouped by rule with Chinese titles; the severity filter and ignored findings apply', () => {
    const byRule = groupFindings(findings, { groupBy: 'rule', severities: all, showIgnored: true, ignored: {} }, 'zh');
    expect(byRule.map((g) => g.title)).toContain('收支总表勾稽');
    const errorsOnly = flatten(groupFindings(findings, { groupBy: 'rule', severities: new Set(['error']), showIgnored: true, ignored: {} }, 'zh'));
    expect(errorsOnly.length).toBe(findings.filter((f) => f.severity === 'error').length);
    const first = findings[0];
    const hidden = flatten(groupFindings(findings, { groupBy: 'sheet', severities: all, showIgnored: false, ignored: { [first.id]: '已说明' } }, 'zh'));
    expect(hidden.find((f) => f.id === first.id)).toBeUndefined();
    const c = counts(findings, { [first.id]: '已说明' });
    expect(c.ignored).toBe(1);
    expect(c.error + c.warning + c.info + c.ignored).toBe(findings.length);
  });

  test('↑/↓ walk the flattened order and stop at the ends', () => {
    const order = flatten(groupFindings(findings, { groupBy: 'sheet', severities: all, showIgnored: true, ignored: {} }, 'zh'));
    expect(moveSelection(order, null, 1)).toBe(order[0].id);
    expect(moveSelection(order, null, -1)).toBe(order[order.length - 1].id);
    expect(moveSelection(order, order[0].id, 1)).toBe(order[1].id);
    expect(moveSelection(order, order[0].id, -1)).toBe(order[0].id);
    expect(moveSelection(order, order[order.length - 1].id, 1)).toBe(order[order.length - 1].id);
    expect(moveSelection([], null, 1)).toBeNull();
  });

  test('the report bridge produces the seed report with its 待核实 list', async () => {
    const result = await host.validate({});
    const report = buildReport(result, {});
    expect(report.paragraphs.length).toBeGreaterThan(10);
    expect(report.unverified.map((u) => `${u.sheet}!${u.cell}`)).toContain('收支情况!B9');
  });
});

test('amounts keep their decimals and gain separators; rates print as percentages', () => {
  expect(formatAmount('1878.70')).toBe('1,878.70');
  expect(formatAmount('-17.88')).toBe('-17.88');
  expect(formatAmount('1234567')).toBe('1,234,567');
  expect(formatAmount('0.9554', '%')).toBe('95.54%');
  expect(formatAmount(undefined)).toBe('—');
});

test('zh-CN by default, en-US for English display languages', () => {
  expect(localeFor('zh-CN')).toBe('zh');
  expect(localeFor(undefined)).toBe('zh');
  expect(localeFor('fr-FR')).toBe('zh');
  expect(localeFor('en-US')).toBe('en');
  expect(t('zh', 'markedCells', { n: 3 })).toBe('已在工作表中标记 3 个单元格。');
  expect(t('en', 'markedCells', { n: 3 })).toBe('3 cells marked in the sheets.');
});

describe('hosts that cannot run the add-in', () => {
  test('IE11 and EdgeHTML are recognised; Chromium Edge is not', () => {
    expect(isLegacyBrowser('Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko')).toBe(true);
    expect(isLegacyBrowser('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0 Safari/537.36 Edge/18.17763')).toBe(true);
    expect(isLegacyBrowser('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0')).toBe(false);
    expect(blocker(null, 'Trident/7.0')?.zh).toContain('Internet Explorer');
  });

  test('Office 2016 (ExcelApi 1.2) gets a plain message; Office 2019 runs without marks; 365 has everything', () => {
    const upTo = (max: number) => (_n: string, v: string) => Number(v.split('.')[1]) <= max;
    expect(blocker(upTo(2), 'Chrome')?.zh).toContain('ExcelApi 1.7'.replace('ExcelApi', 'Excel API'));
    expect(blocker(upTo(7), 'Chrome')).toBeNull();
    expect(excelFeatures(upTo(7))).toMatchObject({ read: true, highlight: false, mergedAreas: false, undoGroup: false });
    expect(excelFeatures(upTo(20))).toMatchObject({ read: true, highlight: true, mergedAreas: true, changeEvents: true, undoGroup: true });
  });
});

describe('address helpers', () => {
  test('adjacent cells in a column compress into one area and expand back', () => {
    const areas = compressCells(['B9', 'B10', 'B11', 'C3', 'B13', 'B10']);
    expect(areas).toEqual(['B9:B11', 'B13', 'C3']);
    expect(expandAreas(areas.join(',')).sort()).toEqual(['B10', 'B11', 'B13', 'B9', 'C3']);
  });

  test('address lists are cut before the length limit', () => {
    const cells = Array.from({ length: 3000 }, (_, i) => `G${i * 2 + 5}`);
    const chunks = chunkAddresses(compressCells(cells), 2000);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(2000);
    expect(chunks.join(',').split(',').length).toBe(3000);
  });

  test('merged-area addresses are split, quoted sheet names included', () => {
    expect(splitAreas("'项目 支出'!A1:N1, '项目 支出'!$C$3:$F$3")).toEqual(['A1:N1', 'C3:F3']);
    expect(splitAreas('收支情况!A1:B1')).toEqual(['A1:B1']);
  });

  test('hidden rows come from the rows missing in the visible view', () => {
    expect(hiddenRowsFrom([['A3'], ['A5']], 2, 4)).toEqual([3, 5]);
    expect(hiddenRowsFrom([], 2, 4)).toEqual([]);
  });
});

test('the fake host records navigation, marks and report writes, and asks before replacing', async () => {
  const host = new FakeHost(seedWorkbook());
  const result = await host.validate({});
  await host.highlight(result.findings, { [result.findings[0].id]: 'x' });
  expect(host.log.highlights[0].length).toBe(result.findings.length - 1);
  await host.navigate({ sheet: '收支情况', cell: 'B9' });
  expect(host.log.navigations).toEqual([{ sheet: '收支情况', cell: 'B9' }]);
  const report = buildReport(result, {});
  expect((await host.writeReport(report, { replace: false })).status).toBe('written');
  expect((await host.writeReport(report, { replace: false })).status).toBe('exists');
  const calls: number[] = [];
  const off = await host.onUserEdit(() => calls.push(1));
  host.edit(seedWorkbook({ corrected: true }));
  off();
  host.edit(seedWorkbook());
  expect(calls).toEqual([1]);
});
