/**
 * The task pane with 20,000 findings, measured in Debian's chromium at task-pane width (380 px)
 * on the demo host (FakeHost) over a workbook whose every project row draws one finding:
 *
 * - paneShowMs20k: from the host's validate result to the first frame painted with the list;
 * - paneKeyMs20k: mean time from a ↓ keydown to the next frame painted, over 60 presses from the top;
 * - paneFrameMs20k: mean main-thread time of a frame while the list scrolls 80 px a frame
 *   (from the frame's start to the end of its rendering work: scroll handling, script, style,
 *   layout and paint). Headless chromium draws at 60 Hz whatever the flags, so the time
 *   between frames cannot go under 16.7 ms; what a frame costs is what can;
 * - paneFilterMs20k: from a click on a severity filter to the next frame painted, the slower of
 *   switching 错误 off and back on (median of three each).
 *
 * Each figure is timed inside the page (event timestamps, requestAnimationFrame, then a message
 * posted from it, which runs once the frame's rendering is done), so the driver's round trips
 * are not counted.
 */
import type { Page } from 'playwright-core';
import { buildPane, haveChromium, launchChromium, openPane, serve, CHROMIUM } from '../test/e2e/harness';
import { paneWorkbook } from './pane-workbook';

export interface PaneFigures {
  paneShowMs20k: number;
  paneKeyMs20k: number;
  paneFrameMs20k: number;
  paneFilterMs20k: number;
}

export interface PaneBenchOptions {
  findings?: number;
  /** Fewer repetitions (for a pane too slow to measure fully). */
  quick?: boolean;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (x: number) => Math.round(x * 10) / 10;

type BenchWindow = {
  __budgetReconHost: { validate: (...a: unknown[]) => Promise<unknown> };
  __bench: { show?: number; times: number[] };
};

/** Installs, in the page, the timers: validate result → list painted, and event → next paint. */
async function instrument(page: Page): Promise<void> {
  await page.waitForFunction(() => !!(window as unknown as BenchWindow).__budgetReconHost);
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    w.__bench = { times: [] };
    const afterPaint = (done: () => void) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = done;
        ch.port2.postMessage(0);
      });
    const host = w.__budgetReconHost;
    const validate = host.validate.bind(host);
    host.validate = async (...a: unknown[]) => {
      const r = await validate(...a);
      const t0 = performance.now();
      const shown = () => document.querySelector('[data-testid=finding]') !== null;
      const done = () => afterPaint(() => (w.__bench.show = performance.now() - t0));
      if (shown()) done();
      else {
        const mo = new MutationObserver(() => {
          if (!shown()) return;
          mo.disconnect();
          done();
        });
        mo.observe(document.body, { childList: true, subtree: true });
      }
      return r;
    };
    // Event timestamps count from when the input arrived, so a busy main thread shows.
    const time = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'ArrowDown') return;
      const t0 = e.timeStamp;
      afterPaint(() => w.__bench.times.push(performance.now() - t0));
    };
    document.addEventListener('keydown', time, true);
    document.addEventListener('click', time, true);
  });
}

const timesSoFar = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__bench.times.length);

async function timed(page: Page, act: () => Promise<void>): Promise<number> {
  const before = await timesSoFar(page);
  await act();
  await page.waitForFunction((n) => (window as unknown as BenchWindow).__bench.times.length > n, before, { timeout: 600_000 });
  return page.evaluate((n) => (window as unknown as BenchWindow).__bench.times[n], before);
}

/** Mean main-thread time of a frame while the list scrolls `step` px a frame for `frames` frames. */
function scrollFrames(page: Page, frames: number, step: number): Promise<number[]> {
  return page.evaluate(
    ({ frames, step }) =>
      new Promise<number[]>((resolve) => {
        const el = document.querySelector('[data-testid=findings]') as HTMLElement;
        const costs: number[] = [];
        let k = 0;
        const frame = (start: number) => {
          el.scrollTop += step;
          const ch = new MessageChannel();
          ch.port1.onmessage = () => costs.push(performance.now() - start);
          ch.port2.postMessage(0);
          if (++k < frames) requestAnimationFrame(frame);
          else setTimeout(() => resolve(costs), 100);
        };
        // Two frames first, so the previous step's work is not counted.
        requestAnimationFrame(() => requestAnimationFrame(frame));
      }),
    { frames, step },
  );
}

export async function paneFigures(log: (s: string) => void, options: PaneBenchOptions = {}): Promise<PaneFigures | null> {
  if (!haveChromium()) {
    log(`pane: skipped, ${CHROMIUM} not found (apt-get install -y chromium)`);
    return null;
  }
  const n = options.findings ?? 20000;
  const quick = options.quick ?? false;
  const t = performance.now();
  const dist = buildPane();
  log(`pane: built in ${((performance.now() - t) / 1000).toFixed(0)} s (${dist})`);
  const workbook = paneWorkbook(n).snapshot;
  const { server, url: base } = await serve(dist);
  const browser = await launchChromium();
  const pageErrors: string[] = [];
  try {
    const shows: number[] = [];
    let page: Page | undefined;
    for (let run = 0; run < (quick ? 1 : 3); run++) {
      if (page) await page.context().close();
      ({ page } = await openPane(browser, { base, workbook, pageErrors }));
      await instrument(page);
      await page.getByTestId('validate').click();
      await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.show !== undefined, undefined, { timeout: 600_000 });
      shows.push(await page.evaluate(() => (window as unknown as BenchWindow).__bench.show!));
      // Let the pane settle (marks, notice) before anything else is timed.
      await page.getByTestId('notice').waitFor({ timeout: 600_000 });
    }
    const p = page!;
    const count = await p.getByTestId('count-error').textContent();
    log(`pane: ${n} findings (${count?.trim()} …), list shown ${shows.map((x) => x.toFixed(0)).join(' / ')} ms`);

    await p.getByTestId('findings').focus();
    const keys: number[] = [];
    for (let i = 0; i < (quick ? 5 : 60); i++) keys.push(await timed(p, () => p.keyboard.press('ArrowDown')));
    log(`pane: ↓ mean ${mean(keys).toFixed(1)} ms, max ${Math.max(...keys).toFixed(1)} ms over ${keys.length} presses`);

    const costs = await scrollFrames(p, quick ? 20 : 240, 80);
    log(`pane: scroll frame mean ${mean(costs).toFixed(1)} ms, max ${Math.max(...costs).toFixed(1)} ms over ${costs.length} frames`);

    const off: number[] = [];
    const on: number[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      off.push(await timed(p, () => p.getByTestId('count-error').click()));
      on.push(await timed(p, () => p.getByTestId('count-error').click()));
    }
    log(`pane: filter 错误 off ${off.map((x) => x.toFixed(0)).join(' / ')} ms, on ${on.map((x) => x.toFixed(0)).join(' / ')} ms`);
    if (pageErrors.length) throw new Error(`pane: page errors: ${pageErrors.join('; ')}`);
    return {
      paneShowMs20k: round1(median(shows)),
      paneKeyMs20k: round1(mean(keys)),
      paneFrameMs20k: round1(mean(costs)),
      paneFilterMs20k: round1(Math.max(median(off), median(on))),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (require.main === module) {
  // `node build-bench/bench/pane.js [--quick]`: the pane's figures alone.
  paneFigures((s) => process.stderr.write(s + '\n'), { quick: process.argv.includes('--quick') }).then(
    (r) => process.stdout.write(JSON.stringify(r) + '\n'),
    (e) => {
      process.stderr.write(`pane bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
