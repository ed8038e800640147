/**
 * The built task pane in Debian's chromium (never a downloaded browser), Office stubbed so the
 * pane runs in demo mode on the FakeHost: shared by the browser tests and `npm run bench`.
 *
 * The pane is built once per state of the sources, into a folder named by their hash (or taken
 * from BUDGET_RECON_E2E_DIST), so test files and the bench never race over one dist/.
 */
import { execFileSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WorkbookSnapshot } from '../../src/core/snapshot';

export const CHROMIUM = '/usr/bin/chromium';

function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

/** The repository (this file also runs compiled, from build-bench/). */
export const ROOT = findRoot(__dirname);

export const haveChromium = (): boolean => fs.existsSync(CHROMIUM);

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

/** A hash of everything the webpack build reads. */
function sourceHash(): string {
  const h = crypto.createHash('sha256');
  const files = [
    ...listFiles(path.join(ROOT, 'src')),
    ...listFiles(path.join(ROOT, 'assets')),
    ...['webpack.config.js', 'package-lock.json', 'tsconfig.json', 'manifest.xml'].map((f) => path.join(ROOT, f)),
  ].sort();
  for (const f of files) {
    h.update(path.relative(ROOT, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}

const BUILD_PREFIX = 'budget-recon-pane-';

/** The built pane's folder: BUDGET_RECON_E2E_DIST, or a production build of the current sources. */
export function buildPane(): string {
  const given = process.env.BUDGET_RECON_E2E_DIST;
  if (given) return given;
  const tmp = os.tmpdir();
  const dir = path.join(tmp, `${BUILD_PREFIX}${sourceHash()}`);
  if (fs.existsSync(path.join(dir, 'taskpane.html'))) return dir;
  const partial = `${dir}.partial-${process.pid}`;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production', '--output-path', partial], { cwd: ROOT, stdio: 'pipe' });
  try {
    fs.renameSync(partial, dir);
  } catch {
    // Another process finished the same build first: use its folder.
    fs.rmSync(partial, { recursive: true, force: true });
  }
  // Builds of older sources, unused for an hour, go.
  const hourAgo = Date.now() - 3600_000;
  for (const name of fs.readdirSync(tmp)) {
    const p = path.join(tmp, name);
    if (!name.startsWith(BUILD_PREFIX) || p === dir) continue;
    try {
      if (fs.statSync(p).mtimeMs < hourAgo) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // Gone already.
    }
  }
  return dir;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.png': 'image/png', '.xml': 'application/xml' };

/** Serves a folder on 127.0.0.1 at a free port. */
export function serve(dir: string): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '');
    const file = path.resolve(dir, rel || 'taskpane.html');
    if (!file.startsWith(path.resolve(dir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${addr.port}` });
    }),
  );
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface PaneOptions {
  /** The served pane's origin. */
  base: string;
  locale?: string;
  width?: number;
  height?: number;
  /** Query string after taskpane.html (with its ?). */
  query?: string;
  /** The workbook demo mode runs on, in place of the bundled sample. */
  workbook?: WorkbookSnapshot;
  /** Collects page errors and requests the pane should not make. */
  pageErrors?: string[];
  blocked?: string[];
  acceptDownloads?: boolean;
}

/** A fresh context and page with Office stubbed, the pane loaded in demo mode. */
export async function openPane(browser: Browser, o: PaneOptions): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: o.width ?? 380, height: o.height ?? 900 },
    locale: o.locale ?? 'zh-CN',
    deviceScaleFactor: 1,
    acceptDownloads: o.acceptDownloads ?? false,
  });
  if (o.workbook) await context.addInitScript({ content: `window.__budgetReconDemoWorkbook = ${JSON.stringify(o.workbook)};` });
  const page = await context.newPage();
  page.on('pageerror', (e) => o.pageErrors?.push(String(e)));
  const stub = fs.readFileSync(path.join(ROOT, 'test/e2e/office-stub.js'), 'utf8');
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('https://appsforoffice.microsoft.com/')) return route.fulfill({ contentType: 'text/javascript', body: stub });
    if (url.startsWith(o.base)) return route.continue();
    // The pane makes no other network calls; anything else is a bug worth seeing.
    o.blocked?.push(url);
    return route.abort();
  });
  await page.goto(`${o.base}/taskpane.html${o.query ?? ''}`);
  return { context, page };
}

/** axe-core's violations on the page as it is now, one line each (rule: selectors). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
