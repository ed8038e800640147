/**
 * Issue #16: 复制到 Word in the built pane, in Debian's chromium. The clipboard is read back as
 * Word reads it (text/html and text/plain); with the Clipboard API blocked the copy command
 * still copies; with both blocked the pane says so and offers the sheet. The HTML read back is
 * then imported by LibreOffice, as Word imports a paste, and set as the .docx writer sets it.
 */
import http from 'http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { reportDocxBytes } from '../../src/ooxml/docx';
import { seedReport } from '../report/helpers';
import { htmlToDocx, paragraphFonts, SOFFICE } from '../report/word-fonts';
import { makeTempDir } from '../node/tmp';
import { buildPane, haveChromium, launchChromium, openPane, serve } from './harness';

const describeIf = haveChromium() ? describe : describe.skip;
const tmp = makeTempDir('budget-recon-copy-');
afterAll(() => tmp.cleanup());

/** Both clipboard types, as a paste target would read them. */
async function readClipboard(page: Page): Promise<{ html: string; text: string }> {
  return page.evaluate(async () => {
    const out = { html: '', text: '' };
    for (const item of await navigator.clipboard.read()) {
      if (item.types.includes('text/html')) out.html = await (await item.getType('text/html')).text();
      if (item.types.includes('text/plain')) out.text = await (await item.getType('text/plain')).text();
    }
    return out;
  });
}

describeIf('复制到 Word in chromium', () => {
  let browser: Browser;
  let server: http.Server;
  let context: BrowserContext;
  let page: Page;
  let preview: string[];

  beforeAll(async () => {
    const dist = buildPane();
    let base: string;
    ({ server, url: base } = await serve(dist));
    browser = await launchChromium();
    ({ context, page } = await openPane(browser, { base }));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.getByTestId('validate').click();
    await page.getByTestId('tab-report').click();
    await page.getByTestId('generate').click();
    await page.getByTestId('report-paragraph').first().waitFor();
    preview = (await page.getByTestId('report-paragraph').allTextContents()).map((t) => t.trim());
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const clear = () => page.evaluate(() => navigator.clipboard.writeText(''));

  test('puts every paragraph, in order, on the clipboard as styled HTML and as one paragraph a line', async () => {
    await clear();
    await page.getByTestId('copy-word').click();
    await page.getByTestId('report-status').waitFor();
    const { html, text } = await readClipboard(page);
    expect(preview.length).toBeGreaterThan(20);
    // Plain text: the preview's paragraphs, one a line (table rows keep their cells a tab apart).
    const lines = text.split(/\r?\n/).filter((l) => l !== '');
    expect(lines.map((l) => l.replace(/\t/g, ''))).toEqual(preview.map((p) => p.replace(/\s/g, '') === '' ? p : p).map((p) => p.replace(/\t/g, '')));
    // HTML: the same paragraphs in order, each with the GB/T 9704 styles inline.
    let at = 0;
    const plainHtml = html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    for (const p of preview) {
      const i = plainHtml.indexOf(p, at);
      expect({ p, found: i >= 0 }).toEqual({ p, found: true });
      at = i + p.length;
    }
    expect(html).toMatch(/<h1 class="br-title" style="font-family:'方正小标宋简体'[^"]*font-size:22pt/);
    expect(html).toMatch(/<h2 class="br-heading1" style="font-family:'黑体'[^"]*font-size:16pt/);
    expect(html).toMatch(/<p class="br-body" style="font-family:'仿宋_GB2312'[^"]*mso-ascii-font-family:'Times New Roman'[^"]*font-size:16pt;line-height:28pt;text-align:justify;text-indent:32pt/);
    // The marks stay visible: 〔待核实〕 after a highlighted figure, 【请补充：…】 in red.
    expect(html).toMatch(/<span class="br-unverified" style="background:#FFEB9C">[\s\S]*?<\/span><span style="color:#C00000">〔待核实〕<\/span>/);
    expect(html).toMatch(/<span class="br-placeholder" style="color:#C00000;background:#FDE9E9">【请补充/);
    // Nothing the pane adds for itself goes to Word.
    expect(html).not.toMatch(/data-testid|data-cell/);

    if (SOFFICE) {
      // Word's paste, played by LibreOffice's HTML import: the writer's fonts and sizes.
      const report = seedReport(false);
      const writer = await paragraphFonts(await reportDocxBytes(report));
      const pasted = await paragraphFonts(await htmlToDocx(html, tmp.dir, 'clipboard'));
      for (const style of ['title', 'heading1', 'heading2', 'body'] as const) {
        const text = preview[report.paragraphs.findIndex((p) => p.style === style)];
        const find = (list: typeof writer) => list.find((f) => f.text.replace(/\s/g, '') === text.replace(/\s/g, ''));
        expect({ style, pasted: find(pasted) && { font: find(pasted)!.eastAsia, size: find(pasted)!.size } }).toEqual({ style, pasted: { font: find(writer)!.eastAsia, size: find(writer)!.size } });
      }
    }
  }, 240_000);

  test('with the Clipboard API blocked, the copy command still copies both types', async () => {
    await clear();
    await page.evaluate(() => {
      Object.defineProperty(navigator.clipboard, 'write', { configurable: true, value: () => Promise.reject(new DOMException('blocked', 'NotAllowedError')) });
    });
    await page.getByTestId('generate').click();
    await page.getByTestId('copy-word').click();
    await page.getByTestId('report-status').waitFor();
    const { html, text } = await readClipboard(page);
    expect(html).toContain('class="br-title"');
    expect(text.split(/\r?\n/).filter(Boolean).length).toBe(preview.length);
  });

  test('with both blocked, the pane says so plainly and offers the sheet', async () => {
    await page.evaluate(() => {
      document.execCommand = () => false;
    });
    await page.getByTestId('copy-word').click();
    const warning = page.getByTestId('copy-failed');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('自评报告');
  });
});
