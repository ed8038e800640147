/**
 * Issue #13: the offline page dist/budget-recon.html in Debian's chromium, opened from file://
 * as a user double-clicks it. A bundled sample goes in through the file input; the seed's slips
 * are found at their cells; the highlighted copy and the report .docx are downloaded and read
 * back; bad files give their message in Chinese and English and the page stays usable. Any
 * network request fails the test.
 */
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Document, Packer, Paragraph } from 'docx';
import { auditText } from '../../src/core/audit';
import { readModel } from '../../src/core';
import type { Draft } from '../../src/draft/draft';
import { readOoxml } from '../../src/ooxml/reader';
import { usableModel } from '../../src/taskpane/audit-view';
import { cidFontPdf } from '../audit/cid-pdf';
import { readDraftOutsideJest } from '../audit/read-draft-outside-jest';
import { makeTempDir } from '../node/tmp';
import { axeViolations, buildPane, haveChromium, launchChromium, ROOT, serve } from './harness';

const describeIf = haveChromium() ? describe : describe.skip;
const SAMPLE = path.join(ROOT, 'samples/2023-石峰区委组织部-预算对账.xlsx');
const SEED_DRAFT = path.join(ROOT, 'samples/2023-部门整体支出绩效自评报告-草稿.txt');
/** Screenshots of the page before and after 校验 (for the README). */
const OUT = path.join(ROOT, 'test/output');
const tmp = makeTempDir('budget-recon-web-');
afterAll(() => tmp.cleanup());

describeIf('the offline page (budget-recon.html) from file://', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageUrl: string;
  const requests: string[] = [];
  const routed: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dist = buildPane();
    const file = path.join(dist, 'budget-recon.html');
    pageUrl = pathToFileURL(file).href;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    // Only the page itself and its own blob: downloads may load; anything else is recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pageUrl || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      routed.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(pageUrl);
    await page.getByTestId('drop-zone').waitFor();
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'web-page-open.png') });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('is one file: no script or stylesheet is loaded from anywhere', async () => {
    // The page before a workbook is opened passes axe-core too.
    expect(await axeViolations(page)).toEqual([]);
    const html = fs.readFileSync(path.join(buildPane(), 'budget-recon.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toContain('appsforoffice');
  });

  test('opens the sample by the file input and finds the seed\'s slips at their cells', async () => {
    await page.getByTestId('file-input').setInputFiles(SAMPLE);
    await page.getByTestId('validate').click();
    await page.getByTestId('finding').first().waitFor({ timeout: 30_000 });
    // Read and checked in the page's Web Worker, started from its own inline code.
    expect(await page.evaluate(() => window.__budgetReconWebHost?.engine.kind)).toBe('worker');
    const items = await page.getByTestId('finding').allTextContents();
    expect(items.some((t) => t.includes('收支情况!B9') && t.includes('基本支出'))).toBe(true);
    expect(items.some((t) => t.includes('项目支出明细!F28'))).toBe(true);
    await page.locator('[data-testid=finding]', { hasText: '收支情况!B9' }).first().click();
    // 「定位」 without Excel: the sheet preview shows the rows around B9, the cell marked with the sheet's figure.
    const preview = page.getByTestId('sheet-preview');
    await preview.waitFor();
    const b9 = preview.locator('td[data-cell=B9]');
    expect(await b9.getAttribute('class')).toContain('target');
    const sheet = (await readOoxml(fs.readFileSync(SAMPLE))).sheets.find((s) => s.name === '收支情况')!;
    expect(Number((await b9.textContent())!.replace(/,/g, ''))).toBe(sheet.values[8 - (sheet.rowOffset ?? 0)][1 - (sheet.colOffset ?? 0)]);
    expect(await preview.locator('td.related').count()).toBeGreaterThan(0);
    expect(await preview.locator('td[data-cell=A9]').textContent()).toContain('基本支出');
    // Wide windows show the preview beside the pane.
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: path.join(OUT, 'web-page-preview.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.getByTestId('details').click();
    const detail = await page.getByTestId('detail').textContent();
    expect(detail).toContain('434.35');
    expect(detail).toContain('416.47');
    await page.screenshot({ path: path.join(OUT, 'web-page-findings.png'), fullPage: true });
    expect(await page.getByTestId('notice').textContent()).toContain('下载标注副本');
  });

  test('下载标注副本 gives the marked workbook with its 校验结果 sheet', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-highlighted').click()]);
    expect(download.suggestedFilename()).toBe('2023-石峰区委组织部-预算对账-标注.xlsx');
    const file = path.join(tmp.dir, 'highlighted.xlsx');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    const snapshot = await readOoxml(bytes);
    const result = snapshot.sheets.find((s) => s.name === '校验结果');
    expect(result).toBeDefined();
    expect(JSON.stringify(result!.values)).toContain('收支情况');
    // The marked cell carries a note with the finding, and the error fill is in the styles.
    const zip = await JSZip.loadAsync(bytes);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).toContain('FFFFC7CE');
    const notes = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/comments\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    expect(notes.join('')).toContain('基本支出');
    expect(await page.getByTestId('page-message').textContent()).toContain('校验结果');
  });

  test('生成报告 and 下载 Word give the report .docx', async () => {
    await page.getByTestId('tab-report').click();
    await page.getByTestId('generate').click();
    await page.getByTestId('report-paragraph').first().waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = path.join(tmp.dir, 'report.docx');
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('2023年度部门整体支出绩效自评报告');
    // Every paragraph of the preview is in the .docx, in order.
    const docParagraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).filter((t) => t.trim() !== '');
    const decode = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    const shown = (await page.getByTestId('report-paragraph').allTextContents()).map((t) => t.trim()).filter((t) => t !== '');
    expect(shown.length).toBeGreaterThan(10);
    let at = 0;
    for (const p of shown) {
      const found = docParagraphs.findIndex((d, i) => i >= at && decode(d).trim() === p);
      expect({ p, found: found >= 0 }).toEqual({ p, found: true });
      at = found + 1;
    }
  });

  /**
   * 审核草稿 with a draft file: the page reads it as the CLI does (the same paragraphs, from the CLI's own
   * reader run outside Jest) and audits it against the open workbook with the same result.
   */
  /** Audits a draft file, or (paste) its text pasted into the page, and reads what the page shows. */
  async function auditInPage(file: string, paste = false): Promise<{ draft: Draft; counts: Record<string, number> }> {
    await page.getByTestId('audit-open-file').waitFor();
    await page.evaluate(() => {
      window.__budgetReconWebHost!.lastDraft = null;
    });
    if (paste) {
      await page.getByTestId('audit-paste').fill(fs.readFileSync(file, 'utf8'));
      await page.getByTestId('audit-paste-run').click();
    } else await page.getByTestId('audit-file-input').setInputFiles(file);
    await page.waitForFunction(() => window.__budgetReconWebHost?.lastDraft != null, undefined, { timeout: 30_000 });
    await page.getByTestId('audit-summary').filter({ hasText: paste ? '粘贴的文字' : path.basename(file) }).waitFor({ timeout: 30_000 });
    const draft = (await page.evaluate(() => window.__budgetReconWebHost!.lastDraft)) as Draft;
    const counts: Record<string, number> = {};
    for (const sev of ['error', 'warning', 'info']) counts[sev] = Number(/\d+\s*$/.exec((await page.getByTestId(`audit-count-${sev}`).textContent()) ?? '')?.[0]);
    return { draft, counts };
  }

  async function expectSameAsCli(file: string, paste = false) {
    const cli = readDraftOutsideJest(file);
    const { draft, counts } = await auditInPage(file, paste);
    expect(draft.paragraphs).toEqual(cli.paragraphs);
    expect(draft.where).toEqual(cli.where);
    const snapshot = await readOoxml(fs.readFileSync(SAMPLE));
    const expected = auditText(cli.paragraphs, { model: usableModel(readModel(snapshot).model) });
    expect(counts).toEqual({ error: expected.summary.errors, warning: expected.summary.warnings, info: expected.summary.infos });
    const s = expected.summary;
    expect(await page.getByTestId('audit-summary').textContent()).toContain(`${s.paragraphs} 段，读出 ${s.figures} 个数字，核对 ${s.checks} 处算式，与工作簿比对 ${s.comparedWithWorkbook} 个数字`);
    return { expected, draft };
  }

  test('审核草稿 audits the seed draft (.txt) against the open workbook, as the CLI does', async () => {
    await page.getByTestId('tab-audit').click();
    const { expected } = await expectSameAsCli(SEED_DRAFT);
    // The seed's own slips: 基本支出 stated two ways, 元 for 万元, template text left in.
    expect(expected.summary.errors).toBeGreaterThanOrEqual(5);
    const items = await page.getByTestId('audit-finding').allTextContents();
    expect(items.some((t) => t.includes('416.47') || t.includes('434.35'))).toBe(true);
    expect(items.some((t) => t.includes('131.31元'))).toBe(true);
    // A click shows the finding's paragraph with its words marked, and the line it is on.
    const unit = page.getByTestId('audit-finding').filter({ has: page.getByTestId('audit-quote').filter({ hasText: '131.31元' }) }).first();
    // Clicking an option of the list before it has focus activates that option (not the first in view).
    await unit.click();
    const shown = page.getByTestId('audit-paragraph');
    await shown.waitFor();
    expect(await shown.locator('mark').textContent()).toContain('131.31元');
    const lines = fs.readFileSync(SEED_DRAFT, 'utf8').split('\n');
    const lineNo = Number(/第 (\d+) 行/.exec((await shown.textContent()) ?? '')?.[1]);
    expect(lines[lineNo - 1]).toContain('131.31元');
    await page.screenshot({ path: path.join(OUT, 'web-page-audit.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  test('审核草稿 reads a .docx, a PDF and a PDF with a font it does not embed, as the CLI does', async () => {
    const paragraphs = fs.readFileSync(SEED_DRAFT, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const docx = path.join(tmp.dir, '自评报告草稿.docx');
    fs.writeFileSync(docx, await Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((t) => new Paragraph(t)) }] })));
    await expectSameAsCli(docx);
    await expectSameAsCli(path.join(ROOT, 'test/audit/fixtures/seed-report.pdf'));
    // Only the character maps the page carries can read this one (UniGB-UCS2-H, Adobe-GB1-UCS2).
    const cid = path.join(tmp.dir, '未嵌入字体的草稿.pdf');
    fs.writeFileSync(cid, cidFontPdf(paragraphs.filter((p) => /416\.47|434\.35|131\.31元/.test(p)).slice(0, 3)));
    const { draft } = await expectSameAsCli(cid);
    expect(draft.paragraphs.join('')).toContain('131.31元');
  });

  test('审核草稿 audits draft text pasted into the page as it audits the file', async () => {
    await expectSameAsCli(SEED_DRAFT, true);
    await page.getByTestId('audit-paste').fill('   ');
    await page.getByTestId('audit-paste-run').click();
    await page.getByTestId('audit-message').filter({ hasText: '没有可审核的文字' }).waitFor();
    await page.getByTestId('audit-paste').fill('');
  });

  test('审核草稿 says what is wrong with a draft it cannot read, in Chinese and English', async () => {
    const cases: { name: string; buffer: Buffer; zh: string; en: string }[] = [
      { name: '旧草稿.doc', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), zh: '旧版 .doc 文件', en: 'old .doc file' },
      { name: '草稿.pdf', buffer: Buffer.from('not a pdf'), zh: '不是有效的 PDF 文件', en: 'not a valid PDF file' },
      { name: '草稿.docx', buffer: Buffer.from('not a docx'), zh: '不是有效的 .docx 文件', en: 'not a valid .docx file' },
      { name: '扫描件.pdf', buffer: cidFontPdf([]), zh: '没有文字层', en: 'has no text layer' },
    ];
    for (const c of cases) {
      await page.getByTestId('audit-file-input').setInputFiles({ name: c.name, mimeType: 'application/octet-stream', buffer: c.buffer });
      const message = page.getByTestId('audit-message');
      await message.filter({ hasText: c.name }).waitFor({ timeout: 10_000 });
      const text = (await message.textContent()) ?? '';
      expect({ name: c.name, zh: text.includes(c.zh), en: text.includes(c.en) }).toEqual({ name: c.name, zh: true, en: true });
    }
    // Still usable: the seed draft audits again.
    await expectSameAsCli(SEED_DRAFT);
  });

  test('bad files give a message in Chinese and English, and the page stays usable', async () => {
    const zipOf = async (files: Record<string, string>) => {
      const z = new JSZip();
      for (const [n, t] of Object.entries(files)) z.file(n, t);
      return Buffer.from(await z.generateAsync({ type: 'uint8array' }));
    };
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const cases: { name: string; buffer: Buffer; zh: string; en: string }[] = [
      { name: 'empty.xlsx', buffer: Buffer.alloc(0), zh: '文件是空的', en: 'the file is empty' },
      { name: 'old.xls', buffer: cfb, zh: '旧版 .xls 文件', en: 'old .xls file' },
      { name: 'locked.xlsx', buffer: cfb, zh: '已设置打开密码', en: 'password-protected' },
      { name: 'notes.xlsx', buffer: Buffer.from('这不是工作簿 / not a workbook'), zh: '文件内容不是 Excel 工作簿', en: 'the content is not an Excel workbook' },
      { name: 'binary.xlsb', buffer: await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': 'x' }), zh: '二进制工作簿（.xlsb）', en: 'binary workbook (.xlsb)' },
      { name: 'other.zip', buffer: await zipOf({ 'readme.txt': 'hello' }), zh: '压缩包中没有 Excel 工作簿', en: 'the archive holds no Excel workbook' },
      { name: 'cut.xlsx', buffer: fs.readFileSync(SAMPLE).subarray(0, 4000), zh: '不是有效的 .xlsx 文件', en: 'not a valid .xlsx file' },
    ];
    for (const c of cases) {
      await page.getByTestId('file-input').setInputFiles({ name: c.name, mimeType: 'application/octet-stream', buffer: c.buffer });
      const message = page.getByTestId('page-message');
      await message.filter({ hasText: c.name }).waitFor({ timeout: 10_000 });
      const text = (await message.textContent()) ?? '';
      expect({ name: c.name, zh: text.includes(c.zh), en: text.includes(c.en) }).toEqual({ name: c.name, zh: true, en: true });
    }
    // Still usable: the sample opens and validates again.
    await page.getByTestId('file-input').setInputFiles(SAMPLE);
    await page.getByTestId('validate').click();
    await page.locator('[data-testid=finding]', { hasText: '收支情况!B9' }).first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('page-message').count()).toBe(0);
  });

  test('a workbook dropped on the page opens too', async () => {
    await page.evaluate(
      ({ b64, name }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name));
        window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { b64: fs.readFileSync(SAMPLE).toString('base64'), name: '拖入的预算表.xlsx' },
    );
    await page.getByTestId('file-name').filter({ hasText: '拖入的预算表.xlsx' }).waitFor({ timeout: 10_000 });
    await page.getByTestId('validate').click();
    await page.locator('[data-testid=finding]', { hasText: '收支情况!B9' }).first().waitFor({ timeout: 30_000 });
  });

  test('settings are kept for the next visit (in this browser only)', async () => {
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('tolerance').fill('0.05');
    await page.getByTestId('save-settings').click();
    await page.reload();
    await page.getByTestId('file-input').setInputFiles(SAMPLE);
    await page.getByTestId('tab-settings').click();
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid=tolerance]')?.value === '0.05', undefined, { timeout: 5_000 });
    await page.evaluate(() => localStorage.clear());
  });

  test('made no network request at all, and threw nothing', () => {
    expect(routed).toEqual([]);
    // The page itself, and the blob: downloads it makes, are the only requests.
    expect(requests.filter((u) => u !== pageUrl && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describeIf('the offline page from an intranet folder (http)', () => {
  test('the same page served over http reads and checks in its worker, and loads nothing else', async () => {
    const { server, url } = await serve(buildPane());
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`${url}/budget-recon.html`);
      await page.getByTestId('file-input').setInputFiles(SAMPLE);
      await page.getByTestId('validate').click();
      await page.locator('[data-testid=finding]', { hasText: '收支情况!B9' }).first().waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => window.__budgetReconWebHost?.engine.kind)).toBe('worker');
      expect(requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([`${url}/budget-recon.html`]);
    } finally {
      await browser.close();
      server.close();
    }
  }, 120_000);
});
