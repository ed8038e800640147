/**
 * The built task pane in Debian's chromium (never a downloaded browser), Office stubbed so the
 * pane runs on the FakeHost over the seed sample. Screenshots go to test/output/.
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { buildPane, CHROMIUM, haveChromium, launchChromium, openPane, ROOT, serve } from './harness';

const OUT = path.join(ROOT, 'test/output');

if (!haveChromium()) {
  console.warn(`e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
}
const describeIf = haveChromium() ? describe : describe.skip;

type Log = { navigations: { sheet: string; cell: string; related?: unknown[] }[]; reports: unknown[]; highlights: unknown[][] };

describeIf('task pane in chromium', () => {
  let browser: Browser;
  let page: Page;
  let server: http.Server;
  let base: string;
  const pageErrors: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    const dist = buildPane();
    expect(fs.existsSync(path.join(dist, 'taskpane.html'))).toBe(true);
    fs.mkdirSync(OUT, { recursive: true });
    ({ server, url: base } = await serve(dist));
    browser = await launchChromium();
    ({ page } = await openPane(browser, { base, acceptDownloads: true, pageErrors, blocked }));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const log = () => page.evaluate(() => (window as unknown as { __budgetReconHost: { log: Log } }).__budgetReconHost.log);

  test('校验 lists the seed sample\'s findings with their counts', async () => {
    await page.goto(`${base}/taskpane.html`);
    await page.getByTestId('validate').click();
    await page.getByTestId('finding').first().waitFor({ timeout: 20_000 });
    const items = await page.getByTestId('finding').allTextContents();
    // The seed's known slips: 支出合计 B8 and 基本支出 B9 on 收支情况, the 合计 row on 项目支出明细.
    expect(items.some((t) => t.includes('收支情况!B9') && t.includes('基本支出'))).toBe(true);
    expect(items.some((t) => t.includes('项目支出明细!F28'))).toBe(true);
    const errorCount = await page.getByTestId('count-error').textContent();
    expect(errorCount).toMatch(/错误\s*[1-9]\d*/);
    expect(await page.getByTestId('notice').textContent()).toMatch(/已在工作表中标记 \d+ 个单元格/);
    const marks = (await log()).highlights;
    expect(marks.length).toBe(1);
    expect(marks[0].length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(OUT, 'pane-findings.png'), fullPage: true });
  });

  test('↓ then Enter navigates: the fake host records the sheet and cell', async () => {
    const list = page.getByTestId('findings');
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const second = await page.locator('[data-testid=finding][aria-selected=true]').getAttribute('data-finding-id');
    expect(second).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __budgetReconHost: { log: Log } }).__budgetReconHost.log.navigations.length > 0);
    const nav = (await log()).navigations;
    const text = await page.locator('[data-testid=finding][aria-selected=true]').textContent();
    expect(nav.length).toBe(1);
    expect(text).toContain(`${nav[0].sheet}!${nav[0].cell}`);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const nav2 = (await log()).navigations;
    expect(nav2.length).toBe(2);
    expect(`${nav2[1].sheet}!${nav2[1].cell}`).not.toBe('');
  });

  test('the detail view shows the calculation; an operand cell is clickable', async () => {
    // A click on the finding selects it (and its cell); the 计算过程 button, outside the list, opens it.
    await page.locator('[data-testid=finding]', { hasText: '收支情况!B9' }).first().click();
    await page.getByTestId('details').click();
    const detail = page.getByTestId('detail');
    await detail.waitFor();
    const text = await detail.textContent();
    expect(text).toContain('434.35');
    expect(text).toContain('416.47');
    expect(text).toContain('17.88');
    const before = (await log()).navigations.length;
    await page.getByTestId('operand-cell').nth(1).click();
    const nav = (await log()).navigations;
    expect(nav.length).toBe(before + 1);
    expect(nav[nav.length - 1].sheet).toBe('收支情况');
    await page.screenshot({ path: path.join(OUT, 'pane-detail.png'), fullPage: true });
  });

  test('ignore with a reason keeps it in settings and shows it as ignored; undo restores it', async () => {
    await page.getByTestId('ignore').click();
    await page.getByTestId('ignore-reason').fill('已在报告中说明');
    await page.getByTestId('ignore-confirm').click();
    await page.getByTestId('unignore').waitFor();
    expect(await page.getByTestId('detail').textContent()).toContain('已忽略：已在报告中说明');
    await page.getByTestId('back').click();
    expect(await page.getByTestId('counts').textContent()).toContain('已忽略');
    await page.locator('[data-testid=finding]', { hasText: '收支情况!B9' }).first().click();
    await page.getByTestId('details').click();
    await page.getByTestId('unignore').click();
    await page.getByTestId('ignore').waitFor();
    await page.getByTestId('back').click();
  });

  test('生成报告 previews the paragraphs, writes the sheet and asks before replacing it', async () => {
    await page.getByTestId('tab-report').click();
    await page.getByTestId('generate').click();
    await page.getByTestId('report-paragraph').first().waitFor();
    const paragraphs = await page.getByTestId('report-paragraph').allTextContents();
    expect(paragraphs.length).toBeGreaterThan(10);
    expect(paragraphs.join('\n')).toContain('中共株洲市石峰区委员会组织部');
    await page.screenshot({ path: path.join(OUT, 'pane-report.png'), fullPage: false });
    await page.getByTestId('write-report').click();
    await page.getByTestId('report-status').waitFor();
    expect(await page.getByTestId('report-status').textContent()).toContain('自评报告');
    await page.getByTestId('write-report').click();
    await page.getByTestId('confirm-replace').click();
    await page.waitForFunction(() => (window as unknown as { __budgetReconHost: { log: Log } }).__budgetReconHost.log.reports.length === 2);
  });

  test('下载 Word gives a real .docx built in the browser', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = path.join(OUT, 'report.docx');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('中共株洲市石峰区委员会组织部');
  });

  test('an edit in the workbook re-validates on its own after a pause', async () => {
    await page.getByTestId('tab-findings').click();
    const before = await page.getByTestId('count-error').textContent();
    expect(before).toMatch(/错误\s*5/);
    // The user corrects 基本支出 to the sum of its parts: B8 and B9 reconcile again.
    await page.evaluate(() => (window as unknown as { __budgetReconHost: { editCell: (s: string, c: string, v: number) => void } }).__budgetReconHost.editCell('收支情况', 'B9', 416.47));
    await page.getByTestId('notice').filter({ hasText: '已自动重新校验' }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('count-error').textContent()).toMatch(/错误\s*3/);
    const items = await page.getByTestId('finding').allTextContents();
    expect(items.some((t) => t.includes('收支情况!B9') && t.includes('应为'))).toBe(false);
  });

  test('opened from the ribbon\'s 生成报告 (?view=report) it validates and drafts at once', async () => {
    const { context, page: p2 } = await openPane(browser, { base, height: 700, query: '?view=report', pageErrors, blocked });
    await p2.getByTestId('report-paragraph').first().waitFor({ timeout: 20_000 });
    expect((await p2.getByTestId('report-paragraph').allTextContents()).length).toBeGreaterThan(10);
    await context.close();
  });

  test('a tolerance saved in settings goes into the workbook and re-validates at once', async () => {
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('tolerance').fill('abc');
    expect(await page.getByTestId('save-settings').isDisabled()).toBe(true);
    await page.getByTestId('tolerance').fill('200');
    await page.getByTestId('save-settings').click();
    await page.waitForFunction(() => (window as unknown as { __budgetReconHost: { log: { settingsWrites: { tolerance?: string }[] } } }).__budgetReconHost.log.settingsWrites.some((w) => w.tolerance === '200'));
    await page.getByTestId('tab-findings').click();
    // 165.23 is inside a 200 万元 tolerance, 211.31 is not.
    await page.waitForFunction(() => /错误\s*1\b/.test(document.querySelector('[data-testid=count-error]')?.textContent ?? ''));
    const items = await page.getByTestId('finding').allTextContents();
    expect(items.some((t) => t.includes('项目支出明细!F28') && t.includes('211.31'))).toBe(true);
  });

  test('an English display language gets the English pane', async () => {
    const { context, page: en } = await openPane(browser, { base, height: 700, locale: 'en-US', pageErrors, blocked });
    await en.getByTestId('validate').click();
    await en.getByTestId('finding').first().waitFor({ timeout: 20_000 });
    expect(await en.getByTestId('validate').textContent()).toBe('Validate');
    expect(await en.getByTestId('count-error').textContent()).toMatch(/Errors\s*5/);
    expect(await en.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await en.screenshot({ path: path.join(OUT, 'pane-findings-en.png') });
    await en.getByTestId('tab-audit').click();
    expect(await en.getByTestId('audit-selection').textContent()).toBe('Audit selected paragraphs');
    await en.getByTestId('audit-selection').click();
    await en.getByTestId('audit-finding').first().waitFor({ timeout: 20_000 });
    const texts = await en.getByTestId('audit-finding').allTextContents();
    expect(texts.some((t) => t.includes('quoted differently: 基本支出 434.35万元 here, 416.47万元'))).toBe(true);
    expect(texts.some((t) => t.includes('unit slip') && t.includes('草稿!A49 · paragraph 27'))).toBe(true);
    expect(await en.getByTestId('audit-count-error').textContent()).toMatch(/Errors\s*7/);
    await en.screenshot({ path: path.join(OUT, 'pane-audit-en.png') });
    await context.close();
  });

  test('审核草稿: the seed draft (selected) is audited against the workbook; Enter selects the paragraph\'s cell', async () => {
    const { context, page: p3 } = await openPane(browser, { base, pageErrors, blocked });
    type Host3 = { __budgetReconHost: { log: Log & { paragraphReads: string[] } } };
    const log3 = () => p3.evaluate(() => (window as unknown as Host3).__budgetReconHost.log);
    await p3.getByTestId('tab-audit').click();

    // No 自评报告 sheet yet: a plain message, no list.
    await p3.getByTestId('audit-sheet').click();
    const missing = p3.getByTestId('audit-message');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('工作簿中没有“自评报告”工作表');
    expect(await p3.getByTestId('audit-finding').count()).toBe(0);

    await p3.getByTestId('audit-selection').click();
    await p3.getByTestId('audit-finding').first().waitFor({ timeout: 20_000 });
    const rows = p3.getByTestId('audit-finding');
    const texts = await rows.allTextContents();
    const rules = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    const at = (rule: string, needle: string) => texts.findIndex((t, i) => rules[i] === rule && t.includes(needle));
    // The seed's slips: 基本支出 quoted as 434.35 and 416.47, 「项目支出131.31元」, both unfilled prompts.
    const quoted = at('quoted-differently', '434.35');
    expect(quoted).toBeGreaterThanOrEqual(0);
    expect(texts[quoted]).toContain('416.47');
    expect(texts[quoted]).toContain('前后数字不一致');
    expect(texts[quoted]).toContain('草稿!A34');
    expect(at('unit-slip', '131.31元')).toBeGreaterThanOrEqual(0);
    expect(texts.filter((t, i) => rules[i] === 'template-leftover' && t.includes('没有请写明')).length).toBe(2);
    // Compared with the sample workbook: the mismatch names its cell.
    expect(at('workbook-mismatch', '收支情况!B9')).toBeGreaterThanOrEqual(0);
    expect(await p3.getByTestId('audit-summary').textContent()).toMatch(/草稿!A1:A\d+：43 段.*与工作簿比对 [1-9]\d* 个数字/);
    expect(await p3.getByTestId('audit-count-error').textContent()).toMatch(/错误\s*[1-9]/);
    // Quoted text is shown as text, never parsed as HTML.
    expect(await p3.locator('[data-testid=audit-quote] *').count()).toBe(0);
    // Reading the selection did not validate-and-mark: the pane asks for marks only on 校验.
    expect((await log3()).highlights.length).toBe(0);
    await p3.screenshot({ path: path.join(OUT, 'pane-audit.png'), fullPage: false });

    // ↓ to the unit slip (focus lands on the first finding), Enter: the fake host records the paragraph's cell.
    await p3.getByTestId('audit-findings').focus();
    for (let i = 0; i < at('unit-slip', '131.31元'); i++) await p3.keyboard.press('ArrowDown');
    const active = p3.locator('[data-testid=audit-finding][aria-selected=true]');
    expect(await active.getAttribute('data-rule')).toBe('unit-slip');
    await p3.keyboard.press('Enter');
    await p3.waitForFunction(() => (window as unknown as Host3).__budgetReconHost.log.navigations.length > 0);
    let nav = (await log3()).navigations;
    expect(nav[nav.length - 1]).toMatchObject({ sheet: '草稿', cell: 'A49' });
    expect(await active.textContent()).toContain('草稿!A49');

    // A click selects that paragraph's cell; the 表中单元格 button (outside the list) goes to the table's cell.
    await rows.nth(quoted).click();
    nav = (await log3()).navigations;
    expect(nav[nav.length - 1]).toMatchObject({ sheet: '草稿', cell: 'A34' });
    await rows.nth(at('workbook-mismatch', '收支情况!B9')).click();
    await p3.getByTestId('audit-workbook-cell').click();
    nav = (await log3()).navigations;
    expect(nav[nav.length - 1]).toMatchObject({ sheet: '收支情况', cell: 'B9' });
    expect((await log3()).paragraphReads).toEqual(['report-sheet', 'selection']);

    // After 生成报告 → 写入, the 自评报告 sheet can be audited too.
    await p3.getByTestId('validate').click();
    await p3.getByTestId('notice').filter({ hasText: '已在工作表中标记' }).waitFor({ timeout: 20_000 });
    await p3.getByTestId('tab-report').click();
    await p3.getByTestId('generate').click();
    await p3.getByTestId('write-report').click();
    await p3.getByTestId('report-status').waitFor();
    await p3.getByTestId('tab-audit').click();
    await p3.getByTestId('audit-sheet').click();
    await p3.getByTestId('audit-summary').filter({ hasText: '“自评报告”' }).waitFor({ timeout: 20_000 });
    await p3.screenshot({ path: path.join(OUT, 'pane-audit-report-sheet.png'), fullPage: false });

    // A blank cell selected: a plain message naming it, and the old list goes away.
    await p3.evaluate(() => (window as unknown as { __budgetReconHost: { select: (s: null) => void } }).__budgetReconHost.select(null));
    await p3.getByTestId('audit-selection').click();
    await p3.getByTestId('audit-message').filter({ hasText: /所选区域（单位基本情况!A1）没有文字/ }).waitFor();
    expect(await p3.getByTestId('audit-finding').count()).toBe(0);
    await context.close();
  });

  test('no page errors and no network calls beyond the pane itself', () => {
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
