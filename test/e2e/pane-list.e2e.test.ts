/**
 * The findings list in Debian's chromium at task-pane width: 20,000 findings in a windowed list
 * (only the rows in view are in the DOM), the keyboard (↑/↓, PageUp/PageDown, Home/End, Enter,
 * Space, Esc) keeping the active option rendered, in view and focused visibly, and axe-core
 * finding nothing on the pane's views. Behaviour only: timings are `npm run bench`'s.
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, buildPane, CHROMIUM, haveChromium, launchChromium, openPane, serve } from './harness';
import { paneWorkbook } from '../../bench/pane-workbook';

if (!haveChromium()) console.warn(`e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
const describeIf = haveChromium() ? describe : describe.skip;


interface OptionState {
  /** aria-activedescendant of the list box, and whether an element has that id. */
  activeId: string | null;
  rendered: boolean;
  posinset: number;
  setsize: number;
  selected: boolean;
  /** The active option lies wholly inside the list box's visible area, below the pinned title. */
  inView: boolean;
  options: number;
}

/** The list box's active option as the page shows it. */
function activeOption(page: Page, testId = 'findings'): Promise<OptionState> {
  return page.evaluate((testId) => {
    const list = document.querySelector(`[data-testid=${testId}]`) as HTMLElement;
    const id = list.getAttribute('aria-activedescendant');
    const el = id ? document.getElementById(id) : null;
    const box = list.getBoundingClientRect();
    const pinned = list.querySelector(':scope > [aria-hidden=true]') as HTMLElement | null;
    const top = box.top + list.clientTop + (pinned ? pinned.firstElementChild!.getBoundingClientRect().height : 0);
    const r = el?.getBoundingClientRect();
    return {
      activeId: id,
      rendered: !!el && list.contains(el),
      posinset: Number(el?.getAttribute('aria-posinset') ?? -1),
      setsize: Number(el?.getAttribute('aria-setsize') ?? -1),
      selected: el?.getAttribute('aria-selected') === 'true',
      inView: !!r && r.top >= top - 1 && r.bottom <= box.top + list.clientTop + list.clientHeight + 1,
      options: list.querySelectorAll('[role=option]').length,
    };
  }, testId);
}

describeIf('the findings list in chromium', () => {
  let browser: Browser;
  let server: http.Server;
  let base: string;
  const pageErrors: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    const dist = buildPane();
    expect(fs.existsSync(path.join(dist, 'taskpane.html'))).toBe(true);
    ({ server, url: base } = await serve(dist));
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  describe('with 20,000 findings', () => {
    let page: Page;
    beforeAll(async () => {
      ({ page } = await openPane(browser, { base, workbook: paneWorkbook(20000).snapshot, pageErrors, blocked }));
      await page.getByTestId('validate').click();
      await page.getByTestId('finding').first().waitFor({ timeout: 180_000 });
      await page.getByTestId('notice').waitFor({ timeout: 180_000 });
    }, 240_000);
    afterAll(async () => page?.context().close());

    const total = async () => {
      let n = 0;
      for (const sev of ['error', 'warning', 'info']) n += Number(/(\d+)/.exec((await page.getByTestId(`count-${sev}`).textContent()) ?? '')?.[1] ?? 0);
      return n;
    };

    test('only a window of rows is in the DOM; every finding is counted, and the list scrolls over all of them', async () => {
      const n = await total();
      expect(n).toBeGreaterThanOrEqual(20000);
      const options = await page.locator('[role=option]').count();
      expect(options).toBeGreaterThan(3);
      expect(options).toBeLessThan(100);
      // Each option says where it stands in the whole list, as most of the list is not in the DOM.
      const sizes = await page.locator('[role=option]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-setsize')));
      expect(new Set(sizes)).toEqual(new Set([String(n)]));
      const height = await page.getByTestId('findings').evaluate((e) => e.scrollHeight);
      expect(height).toBeGreaterThan(n * 30);
      // Scrolled to the middle, the rows there are rendered, and still only a window of them.
      await page.getByTestId('findings').evaluate((e) => (e.scrollTop = e.scrollHeight / 2));
      await page.waitForFunction(() => Math.max(...[...document.querySelectorAll('[role=option]')].map((e) => Number(e.getAttribute('aria-posinset')))) > 5000);
      const middle = await page.locator('[role=option]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-posinset'))));
      expect(middle.length).toBeLessThan(100);
      expect(Math.min(...middle)).toBeGreaterThan(5000);
      // The severity filter works over the whole list: 错误 off and on again.
      const errors = Number(/(\d+)/.exec((await page.getByTestId('count-error').textContent()) ?? '')![1]);
      await page.getByTestId('count-error').click();
      await page.waitForFunction((m) => document.querySelector('[role=option]')?.getAttribute('aria-setsize') === String(m), n - errors);
      expect(await page.locator('[data-testid=finding]', { hasText: '错误' }).count()).toBe(0);
      expect(await page.locator('[role=option]').count()).toBeLessThan(100);
      await page.getByTestId('count-error').click();
      await page.waitForFunction((m) => document.querySelector('[role=option]')?.getAttribute('aria-setsize') === String(m), n);
      await page.getByTestId('findings').evaluate((e) => (e.scrollTop = 0));
    });

    test('↓, End, Home, PageDown and PageUp move the active option, which stays rendered and in view', async () => {
      const list = page.getByTestId('findings');
      await list.focus();
      // Taking focus puts it on an option at once.
      let a = await activeOption(page);
      expect(a).toMatchObject({ rendered: true, selected: true, posinset: 1, inView: true });
      for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
      a = await activeOption(page);
      expect(a).toMatchObject({ rendered: true, selected: true, posinset: 41, inView: true });
      expect(await page.locator('[role=option][aria-selected=true]').count()).toBe(1);
      await page.keyboard.press('End');
      a = await activeOption(page);
      expect(a).toMatchObject({ rendered: true, selected: true, inView: true });
      expect(a.posinset).toBe(a.setsize);
      expect(a.options).toBeLessThan(100);
      await page.keyboard.press('ArrowUp');
      expect(await activeOption(page)).toMatchObject({ posinset: a.setsize - 1, inView: true });
      await page.keyboard.press('Home');
      expect(await activeOption(page)).toMatchObject({ posinset: 1, inView: true });
      await page.keyboard.press('PageDown');
      const paged = await activeOption(page);
      expect(paged.posinset).toBeGreaterThan(3);
      expect(paged.inView).toBe(true);
      await page.keyboard.press('PageDown');
      const twice = await activeOption(page);
      expect(twice.posinset).toBeGreaterThan(paged.posinset + 2);
      expect(twice.inView).toBe(true);
      await page.keyboard.press('PageUp');
      // A page back is as far as a page on (rows differ in height by a line at most).
      const up = await activeOption(page);
      expect(up.inView).toBe(true);
      expect(Math.abs(up.posinset - paged.posinset)).toBeLessThanOrEqual(1);
      // Scrolled away with the wheel, the active option is still in the DOM (aria-activedescendant
      // must point at something), and the next ↓ brings the list back to it.
      await list.evaluate((e) => (e.scrollTop = e.scrollHeight / 3));
      await page.waitForTimeout(100);
      expect(await activeOption(page)).toMatchObject({ rendered: true, posinset: up.posinset, inView: false });
      await page.keyboard.press('ArrowDown');
      expect(await activeOption(page)).toMatchObject({ rendered: true, posinset: up.posinset + 1, inView: true });
    });

    test('Enter goes to the active finding\'s cell; Space opens its calculation with focus in it; Esc comes back to the same option', async () => {
      const list = page.getByTestId('findings');
      await list.focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      const before = await activeOption(page);
      const cell = await page.getByTestId('active-cell').textContent();
      await page.keyboard.press('Enter');
      const nav = await page.evaluate(() => (window as unknown as { __budgetReconHost: { log: { navigations: { sheet: string; cell: string }[] } } }).__budgetReconHost.log.navigations);
      expect(`${nav[nav.length - 1].sheet}!${nav[nav.length - 1].cell}`).toBe(cell);
      await page.keyboard.press(' ');
      await page.getByTestId('detail').waitFor();
      expect(await page.getByTestId('detail-title').textContent()).toContain(cell!);
      expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=detail]'))).toBe(true);
      await page.keyboard.press('Escape');
      await list.waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'findings');
      expect(await activeOption(page)).toMatchObject({ posinset: before.posinset, rendered: true, inView: true });
    });

    test('focus is visible: the list box has a focus ring when tabbed to, and its active option one too', async () => {
      await page.locator('input[type=radio]').last().focus();
      // Tab past the 计算过程 button to the list.
      for (let i = 0; i < 3 && (await page.evaluate(() => document.activeElement?.getAttribute('role'))) !== 'listbox'; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('findings');
      const ring = (sel: string) =>
        page.evaluate((sel) => {
          const st = getComputedStyle(document.querySelector(sel) as HTMLElement);
          return { style: st.outlineStyle, width: parseFloat(st.outlineWidth) };
        }, sel);
      const listRing = await ring('[data-testid=findings]');
      expect(listRing.style).not.toBe('none');
      expect(listRing.width).toBeGreaterThanOrEqual(2);
      const a = await activeOption(page);
      const optionRing = await ring(`[id="${a.activeId}"]`);
      expect(optionRing.style).not.toBe('none');
      expect(optionRing.width).toBeGreaterThanOrEqual(2);
    });

    test('axe-core finds nothing on the 20,000-finding list', async () => {
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  describe('axe-core on every view of the pane (the seed sample)', () => {
    let page: Page;
    beforeAll(async () => {
      ({ page } = await openPane(browser, { base, pageErrors, blocked }));
    }, 60_000);
    afterAll(async () => page?.context().close());

    test('findings list: no violations, and no control inside an option', async () => {
      await page.getByTestId('validate').click();
      await page.getByTestId('finding').first().waitFor({ timeout: 20_000 });
      await page.getByTestId('notice').waitFor();
      expect(await page.locator('[role=option] :is(button, a, input, [tabindex])').count()).toBe(0);
      expect(await page.locator('h1').count()).toBe(1);
      await page.getByTestId('findings').focus();
      expect(await axeViolations(page)).toEqual([]);
    });

    test('detail view (opened by the 计算过程 button outside the list): no violations', async () => {
      await page.locator('[data-testid=finding]', { hasText: '收支情况!B9' }).first().click();
      await page.getByTestId('details').click();
      await page.getByTestId('detail').waitFor();
      expect(await page.getByTestId('detail').textContent()).toContain('416.47');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId('back').click();
    });

    test('report view: no violations', async () => {
      await page.getByTestId('tab-report').click();
      await page.getByTestId('generate').click();
      await page.getByTestId('report-paragraph').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });

    test('audit view: no violations', async () => {
      await page.getByTestId('tab-audit').click();
      await page.getByTestId('audit-selection').click();
      await page.getByTestId('audit-finding').first().waitFor({ timeout: 20_000 });
      expect(await page.locator('[role=option] :is(button, a, input, [tabindex])').count()).toBe(0);
      await page.getByTestId('audit-findings').focus();
      expect(await axeViolations(page)).toEqual([]);
    });

    test('settings view: no violations', async () => {
      await page.getByTestId('tab-settings').click();
      await page.getByTestId('save-settings').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  test('no page errors and no network calls beyond the pane itself', () => {
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
