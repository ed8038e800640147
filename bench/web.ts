/**
 * The offline page (dist/budget-recon.html, issue #13) in Debian's chromium from file://, on
 * the bench workbook: webOpenValidateMs20k is from the file chosen in the page's file input to
 * the first finding shown (reading and checking in the page's Web Worker, as a user waits for it);
 * webLongestTaskMs20k is the longest the page's own thread was busy at a stretch meanwhile (the
 * page stays responsive when it is short); the peak JS heap, the page's and its worker's, is
 * sampled through the DevTools protocol while it runs. Every request but the page itself is refused.
 */
import path from 'path';
import type { BrowserContext } from 'playwright-core';
import { buildPane, CHROMIUM, haveChromium, launchChromium } from '../test/e2e/harness';

export interface WebFigures {
  webOpenValidateMs20k: number;
  webLongestTaskMs20k: number;
  webPeakHeapMb20k: number;
  webWorkerPeakHeapMb20k: number;
}

type Cdp = Awaited<ReturnType<BrowserContext['newCDPSession']>>;

/**
 * The heap of the page's dedicated worker: attached through the page's DevTools session (non-flat, so the
 * worker's replies come back as events on the same session). Null until the worker exists.
 */
function workerHeap(cdp: Cdp): () => Promise<number> {
  let session: string | null = null;
  let next = 1;
  const waiting = new Map<number, (v: number) => void>();
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
    if (e.targetInfo.type === 'worker') session = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    const m = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result?.usedSize ?? 0);
    if (m.id !== undefined) waiting.delete(m.id);
  });
  return async () => {
    if (!session) return 0;
    const id = next++;
    const answer = new Promise<number>((resolve) => {
      waiting.set(id, resolve);
      setTimeout(() => resolve(0), 1000);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId: session, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => undefined);
    return answer;
  };
}

export async function webFigures(log: (s: string) => void, workbookFile: string, runs = 3): Promise<WebFigures | null> {
  if (!haveChromium()) {
    log(`web page: skipped, ${CHROMIUM} not found`);
    return null;
  }
  const page = path.join(buildPane(), 'budget-recon.html');
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    const longest: number[] = [];
    let peak = 0;
    let workerPeak = 0;
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'zh-CN' });
      const p = await context.newPage();
      await p.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
      await p.goto(`file://${page}`);
      await p.getByTestId('drop-zone').waitFor();
      const cdp = await context.newCDPSession(p);
      await cdp.send('Performance.enable');
      const worker = workerHeap(cdp);
      await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
      // Every stretch the page's own thread is busy for 50 ms or more (Chromium's long tasks).
      await p.evaluate(() => {
        const w = window as unknown as { __longTasks: number[] };
        w.__longTasks = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ entryTypes: ['longtask'] });
      });
      let sampling = true;
      const sample = async () => {
        while (sampling) {
          const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
          peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
          workerPeak = Math.max(workerPeak, await worker());
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const sampler = sample();
      const t0 = performance.now();
      await p.getByTestId('file-input').setInputFiles(workbookFile);
      await p.getByTestId('validate').click({ timeout: 600_000 });
      await p.getByTestId('finding').first().waitFor({ timeout: 600_000 });
      times.push(performance.now() - t0);
      longest.push(Math.max(0, ...(await p.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks))));
      sampling = false;
      await sampler;
      await context.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const figures = {
      webOpenValidateMs20k: Math.round(median(times)),
      webLongestTaskMs20k: Math.round(median(longest)),
      webPeakHeapMb20k: Math.round(peak / 1024 / 1024),
      webWorkerPeakHeapMb20k: Math.round(workerPeak / 1024 / 1024),
    };
    log(`web page: open + validate to findings shown ${times.map((x) => x.toFixed(0)).join(' / ')} ms; longest main-thread task ${longest.map((x) => x.toFixed(0)).join(' / ')} ms; peak JS heap: page ${figures.webPeakHeapMb20k} MB, worker ${figures.webWorkerPeakHeapMb20k} MB`);
    return figures;
  } finally {
    await browser.close();
  }
}
