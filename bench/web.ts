/**
 * The offline page (dist/budget-recon.html, issue #13) in Debian's chromium from file://, on
 * the bench workbook: webOpenValidateMs20k is from the file chosen in the page's file input to
 * the first finding shown (reading and checking in the page, as a user waits for it); the
 * peak JS heap is sampled through the DevTools protocol while it runs. Every request but the
 * page itself is refused.
 */
import path from 'path';
import { buildPane, CHROMIUM, haveChromium, launchChromium } from '../test/e2e/harness';

export interface WebFigures {
  webOpenValidateMs20k: number;
  webPeakHeapMb20k: number;
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
    let peak = 0;
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'zh-CN' });
      const p = await context.newPage();
      await p.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
      await p.goto(`file://${page}`);
      await p.getByTestId('drop-zone').waitFor();
      const cdp = await context.newCDPSession(p);
      await cdp.send('Performance.enable');
      let sampling = true;
      const sample = async () => {
        while (sampling) {
          const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
          peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const sampler = sample();
      const t0 = performance.now();
      await p.getByTestId('file-input').setInputFiles(workbookFile);
      await p.getByTestId('validate').click({ timeout: 600_000 });
      await p.getByTestId('finding').first().waitFor({ timeout: 600_000 });
      times.push(performance.now() - t0);
      sampling = false;
      await sampler;
      await context.close();
    }
    times.sort((a, b) => a - b);
    const figures = { webOpenValidateMs20k: Math.round(times[Math.floor(times.length / 2)]), webPeakHeapMb20k: Math.round(peak / 1024 / 1024) };
    log(`web page: open + validate to findings shown ${times.map((x) => x.toFixed(0)).join(' / ')} ms, peak JS heap ${figures.webPeakHeapMb20k} MB`);
    return figures;
  } finally {
    await browser.close();
  }
}
