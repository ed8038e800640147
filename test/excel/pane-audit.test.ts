/**
 * The 审核草稿 view's logic: paragraphs read from cells, findings tied back to those cells,
 * the Office host's reads (constant syncs, nothing written), and the fake host's demo draft.
 */
import fs from 'fs';
import path from 'path';
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { SEED_DRAFT_TEXT } from '../../src/samples/seed-draft';
import { FakeHost, pastedText } from '../../src/taskpane/fake-host';
import { auditCounts, auditItems, quote, runPaneAudit, usableModel, visibleItems } from '../../src/taskpane/audit-view';
import { cellsToParagraphs, reportSheetParagraphs, REPORT_SHEET_HEADER } from '../../src/taskpane/paragraph-cells';
import { moveSelection } from '../../src/taskpane/findings-view';
import { t } from '../../src/taskpane/i18n';
import { buildReport } from '../../src/taskpane/report-bridge';
import { SimWorkbookState, simRunner } from '../../src/excel/sim/sim-excel';
import { readParagraphs } from '../../src/excel/read-paragraphs';
import { createOfficeHost } from '../../src/excel/office-host';
import { excelFeatures } from '../../src/excel/capabilities';
import { auditText } from '../../src/core/audit';
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { ParagraphCell } from '../../src/taskpane/host';

const ROOT = path.resolve(__dirname, '../..');
const DRAFT_FILE = path.join(ROOT, 'samples/2023-部门整体支出绩效自评报告-草稿.txt');
const ctx = (s: SimWorkbookState) => s.context() as unknown as Excel.RequestContext;
const hostOn = (state: SimWorkbookState) =>
  createOfficeHost({ run: simRunner(state), features: excelFeatures(() => true), displayLanguage: 'zh-CN', download: true });

/** The seed workbook plus a sheet with the seed draft pasted one line a row from `at`, as a user would. */
function workbookWithDraft(sheetName = '草稿', top = 0, left = 0): WorkbookSnapshot {
  const seed = seedWorkbook();
  const lines = SEED_DRAFT_TEXT.split('\n');
  const values = lines.map((l) => [l === '' ? null : l]);
  seed.sheets.push({ name: sheetName, values, rowOffset: top, colOffset: left });
  return seed;
}

test('the embedded seed draft is the committed .txt, byte for byte (npm run samples:draft regenerates it)', () => {
  expect(SEED_DRAFT_TEXT).toBe(fs.readFileSync(DRAFT_FILE, 'utf8'));
});

describe('paragraphs from cells', () => {
  test('every non-empty cell is one paragraph, row by row, with its own address', () => {
    const cells = cellsToParagraphs('草稿', 4, 1, [
      ['一、基本情况', '', null],
      ['   ', 434.35, true],
      [null, '（一）收入情况', '全年收入1878.70万元'],
    ]);
    expect(cells).toEqual([
      { sheet: '草稿', cell: 'B5', text: '一、基本情况' },
      { sheet: '草稿', cell: 'C6', text: '434.35' },
      { sheet: '草稿', cell: 'C7', text: '（一）收入情况' },
      { sheet: '草稿', cell: 'D7', text: '全年收入1878.70万元' },
    ]);
  });

  test('the 自评报告 header row the add-in writes is not a paragraph; a user\'s own first row is', () => {
    expect(reportSheetParagraphs(0, [[REPORT_SHEET_HEADER], ['标题'], [''], ['正文']]).map((c) => c.cell)).toEqual(['A2', 'A4']);
    expect(reportSheetParagraphs(0, [['2023年度部门整体支出绩效自评报告'], ['正文']]).map((c) => c.cell)).toEqual(['A1', 'A2']);
    // Used range starting lower down: addresses follow the sheet, not the block.
    expect(reportSheetParagraphs(2, [['一、'], ['二、']]).map((c) => c.cell)).toEqual(['A3', 'A4']);
  });
});

describe('audit findings mapped to cells', () => {
  const cells = pastedCells();
  function pastedCells(): ParagraphCell[] {
    const sel = pastedText('草稿', SEED_DRAFT_TEXT);
    return cellsToParagraphs(sel.sheet, sel.top, sel.left, sel.values);
  }

  test('each finding points at the row its paragraph was pasted into (the line of the .txt)', () => {
    const lines = SEED_DRAFT_TEXT.split('\n');
    const audit = runPaneAudit('selection', { sheet: '草稿', range: `A1:A${lines.length}`, cells });
    expect(audit.items.length).toBe(audit.result.findings.length);
    expect(audit.items.length).toBeGreaterThanOrEqual(5);
    for (const item of audit.items) {
      const row = Number(item.target!.cell.slice(1));
      expect(item.target!.sheet).toBe('草稿');
      expect(item.target!.cell.startsWith('A')).toBe(true);
      // The finding's quoted text is in that very line of the draft.
      expect(lines[row - 1].slice(item.finding.start, item.finding.end)).toBe(item.finding.text);
    }
    const quoted = audit.items.find((i) => i.finding.rule === 'quoted-differently')!;
    expect(quoted.finding.text).toContain('434.35');
    expect(quoted.finding.message).toContain('416.47');
    // In the .txt, 「基本支出434.35万元」 is on line 34 (the CLI says 第19段（第34行）).
    expect(quoted.target!.cell).toBe('A34');
    const unit = audit.items.find((i) => i.finding.rule === 'unit-slip')!;
    expect(unit.finding.text).toContain('131.31元');
    expect(unit.target!.cell).toBe('A49');
    const prompts = audit.items.filter((i) => i.finding.rule === 'template-leftover').map((i) => i.target!.cell);
    expect(prompts).toEqual(['A74', 'A77']);
    // Without a model nothing is compared with the workbook.
    expect(audit.result.summary.comparedWithWorkbook).toBe(0);
    expect(audit.items.some((i) => i.workbookCell)).toBe(false);
  });

  test('with the seed workbook\'s model the mismatch names the workbook cell as a second target', async () => {
    const model = (await new FakeHost(seedWorkbook()).validate({})).model;
    const audit = runPaneAudit('selection', { sheet: '草稿', range: 'A1:A77', cells }, model);
    expect(audit.result.summary.comparedWithWorkbook).toBeGreaterThan(0);
    const mismatch = audit.items.find((i) => i.finding.rule === 'workbook-mismatch' && i.finding.text.includes('416.47'))!;
    expect(mismatch.workbookCell).toEqual({ sheet: '收支情况', cell: 'B9' });
    expect(mismatch.target).toEqual({ sheet: '草稿', cell: 'A29' });
  });

  test('an unrecognised workbook is not compared (no model passed on)', async () => {
    const empty = (await new FakeHost({ sheets: [{ name: 'Sheet1', values: [['备注']] }] }).validate({})).model;
    expect(usableModel(empty)).toBeUndefined();
    const audit = runPaneAudit('selection', { sheet: '草稿', range: 'A1:A77', cells }, empty);
    expect(audit.result.summary.comparedWithWorkbook).toBe(0);
  });

  test('duplicate finding ids still get distinct list ids; severity filter, counts and ↑/↓ work on them', () => {
    const f = auditText(['基本支出434.35万元。', '基本支出416.47万元。']).findings;
    expect(f.length).toBeGreaterThan(0);
    const twice = auditItems([...f, ...f], [
      { sheet: 'S', cell: 'A1', text: '' },
      { sheet: 'S', cell: 'A2', text: '' },
    ]);
    expect(new Set(twice.map((i) => i.id)).size).toBe(twice.length);
    const audit = runPaneAudit('selection', { sheet: '草稿', range: 'A1:A77', cells });
    const c = auditCounts(audit.items);
    expect(c.error + c.warning + c.info).toBe(audit.items.length);
    const errorsOnly = visibleItems(audit.items, new Set(['error']));
    expect(errorsOnly.length).toBe(c.error);
    const paras = errorsOnly.map((i) => i.finding.paragraph);
    expect([...paras].sort((a, b) => a - b)).toEqual(paras);
    expect(moveSelection(errorsOnly, null, 1)).toBe(errorsOnly[0].id);
    expect(moveSelection(errorsOnly, errorsOnly[0].id, 1)).toBe(errorsOnly[1].id);
    expect(moveSelection(errorsOnly, errorsOnly[0].id, -1)).toBe(errorsOnly[0].id);
  });

  test('long quotes are cut for the list row; short ones are kept whole', () => {
    expect(quote('项目支出131.31元')).toBe('项目支出131.31元');
    const long = quote('甲'.repeat(100));
    expect([...long].length).toBe(60);
    expect(long.endsWith('…')).toBe(true);
  });

  test('the messages name the sheet and the range, Chinese first', () => {
    expect(t('zh', 'auditNoSheet', { sheet: '自评报告' })).toContain('没有“自评报告”工作表');
    expect(t('en', 'auditEmptySelection', { sheet: 'Sheet1', range: 'B2' })).toContain('Sheet1!B2');
  });
});

describe('reading paragraphs through the Office host (simulated Excel)', () => {
  test('the selection: one sync, cut to the used range, nothing written', async () => {
    const state = SimWorkbookState.fromSnapshot(workbookWithDraft());
    const before = JSON.stringify(state.dump());
    // The user selects the whole column A: only the used rows are read.
    state.selection = { sheet: '草稿', address: 'A:A' };
    const stats = { syncs: 0 };
    const out = await readParagraphs(ctx(state), 'selection', stats);
    expect(stats.syncs).toBe(1);
    expect(state.stats.syncs).toBe(1);
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    expect(out.sheet).toBe('草稿');
    expect(out.range).toBe('A:A');
    const expected = SEED_DRAFT_TEXT.split('\n').filter((l) => l.trim() !== '');
    expect(out.cells.map((c) => c.text)).toEqual(expected);
    expect(out.cells[0]).toEqual({ sheet: '草稿', cell: 'A1', text: '附件1' });
    expect(state.stats.valueWrites).toEqual([]);
    expect(JSON.stringify(state.dump())).toBe(before);
  });

  test('the sync count does not grow with the draft: 10 paragraphs or 5,000', async () => {
    for (const n of [10, 5000]) {
      const seed = seedWorkbook();
      seed.sheets.push({ name: '草稿', values: Array.from({ length: n }, (_, i) => [`第${i + 1}段：项目支出${i}.5万元。`, i % 3 ? null : `备注${i}`]) });
      const state = SimWorkbookState.fromSnapshot(seed);
      state.selection = { sheet: '草稿', address: `A1:B${n}` };
      const out = await readParagraphs(ctx(state), 'selection');
      expect(state.stats.syncs).toBe(1);
      expect(out.status === 'ok' && out.cells.length).toBe(n + Math.ceil(n / 3));
      // Row by row: A1, B1, A2, A3, A4, B4 ...
      expect(out.status === 'ok' && out.cells.slice(0, 3).map((c) => c.cell)).toEqual(['A1', 'B1', 'A2']);
    }
  });

  test('a selection offset on the sheet keeps the sheet\'s addresses; a blank selection is "empty"', async () => {
    const state = SimWorkbookState.fromSnapshot(workbookWithDraft('草稿', 9, 2));
    state.selection = { sheet: '草稿', address: 'C10:C20' };
    const out = await readParagraphs(ctx(state), 'selection');
    expect(out.status === 'ok' && out.cells[0].cell).toBe('C10');
    state.selection = { sheet: '草稿', address: 'H1:H5' };
    expect(await readParagraphs(ctx(state), 'selection')).toEqual({ status: 'empty', sheet: '草稿', range: 'H1:H5' });
    state.selection = { sheet: '收支情况', address: 'Z100' };
    expect((await readParagraphs(ctx(state), 'selection')).status).toBe('empty');
  });

  test('a Ctrl+click selection of several areas gets its own status, not an Excel error', async () => {
    const state = SimWorkbookState.fromSnapshot(workbookWithDraft());
    state.selection = { sheet: '草稿', address: 'A1:A3,A10' };
    expect(await hostOn(state).readParagraphs('selection')).toEqual({ status: 'multi-area' });
  });

  test('the 自评报告 sheet: no sheet → "no-sheet"; after writing the report, two syncs read column A without its header', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const host = hostOn(state);
    expect(await host.readParagraphs('report-sheet')).toEqual({ status: 'no-sheet', sheet: '自评报告' });
    const result = await host.validate({});
    const report = buildReport(result, {});
    await host.writeReport(report, { replace: false });
    const before = JSON.stringify(state.dump());
    const writesBefore = state.stats.valueWrites.length;
    const syncsBefore = state.stats.syncs;
    const out = await host.readParagraphs('report-sheet');
    expect(state.stats.syncs - syncsBefore).toBe(2);
    expect(state.stats.valueWrites.length).toBe(writesBefore);
    expect(JSON.stringify(state.dump())).toBe(before);
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    expect(out.cells.length).toBe(report.paragraphs.length);
    expect(out.cells[0].cell).toBe('A2');
    expect(out.cells.every((c) => c.sheet === '自评报告' && c.cell.startsWith('A'))).toBe(true);
    expect(out.cells.some((c) => c.text.includes('中共株洲市石峰区委员会组织部'))).toBe(true);
  });

  test('an empty 自评报告 sheet is "empty", with the column named', async () => {
    const seed = seedWorkbook();
    seed.sheets.push({ name: '自评报告', values: [[null, '备注']] });
    const state = SimWorkbookState.fromSnapshot(seed);
    const out = await hostOn(state).readParagraphs('report-sheet');
    expect(out.status).toBe('empty');
  });
});

describe('the fake host offers the seed draft as the selection', () => {
  test('selection reads the pasted draft; the report sheet appears once written', async () => {
    const host = new FakeHost(seedWorkbook(), {}, { selection: pastedText('草稿', SEED_DRAFT_TEXT) });
    const sel = await host.readParagraphs('selection');
    expect(sel.status === 'ok' && sel.range).toBe(`A1:A${SEED_DRAFT_TEXT.trimEnd().split('\n').length}`);
    expect(sel.status === 'ok' && sel.cells.length).toBe(SEED_DRAFT_TEXT.split('\n').filter((l) => l.trim()).length);
    expect(await host.readParagraphs('report-sheet')).toEqual({ status: 'no-sheet', sheet: '自评报告' });
    const report = buildReport(await host.validate({}), {});
    await host.writeReport(report, { replace: false });
    const sheet = await host.readParagraphs('report-sheet');
    expect(sheet.status === 'ok' && sheet.cells.length).toBe(report.paragraphs.length);
    expect(sheet.status === 'ok' && sheet.cells[0].cell).toBe('A2');
    host.select(null);
    expect((await host.readParagraphs('selection')).status).toBe('empty');
    expect(host.log.paragraphReads).toEqual(['selection', 'report-sheet', 'report-sheet', 'selection']);
  });
});
