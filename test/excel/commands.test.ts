/**
 * Issue #12 item 5: the ribbon's 校验 command as Office runs it. A function command's runtime
 * ends when event.completed() is called, and the dialog with it; Office ends it anyway after
 * 5 minutes. The command file is loaded with Office stubbed over the simulated workbook.
 */
import { SimWorkbookState, simRunner } from '../../src/excel/sim/sim-excel';
import { COMMAND_NOTICE_KEY, DialogLike, DialogUi, showNotice } from '../../src/excel/command-notice';
import { seedWorkbook } from '../../src/samples/seed-workbook';

type Handler = (arg: unknown) => void;

/** A dialog the test can close as the user would. */
class FakeDialog implements DialogLike {
  handlers = new Map<string, Handler>();
  closed = false;
  addEventHandler(type: string, handler: Handler): void {
    this.handlers.set(type, handler);
  }
  close(): void {
    this.closed = true;
  }
  userClicksOk(): void {
    this.handlers.get('dialogMessageReceived')?.({ message: 'close' });
  }
  userClosesWindow(): void {
    this.closed = true;
    this.handlers.get('dialogEventReceived')?.({ error: 12006 });
  }
}

/** Office.context.ui: opens asynchronously, as Office does; may refuse iframes or everything. */
class FakeUi implements DialogUi {
  dialogs: FakeDialog[] = [];
  urls: string[] = [];
  constructor(private readonly refuse: 'none' | 'iframe' | 'all' = 'none') {}
  displayDialogAsync(url: string, options: { displayInIframe: boolean }, callback: (r: { status: string; value?: DialogLike; error?: { code: number; message: string } }) => void): void {
    setTimeout(() => {
      if (this.refuse === 'all' || (this.refuse === 'iframe' && options.displayInIframe)) {
        callback({ status: 'failed', error: { code: 12007, message: 'blocked' } });
        return;
      }
      const d = new FakeDialog();
      this.dialogs.push(d);
      this.urls.push(url);
      callback({ status: 'succeeded', value: d });
    }, 5);
  }
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

function loadCommands(state: SimWorkbookState, ui: FakeUi): Record<string, (event: { completed(): void }) => Promise<unknown>> {
  const g = globalThis as unknown as Record<string, unknown>;
  const run = simRunner(state);
  g.Office = {
    context: { ui, requirements: { isSetSupported: () => true } },
    onReady: (f: () => void) => f(),
    actions: { associate: () => undefined },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  };
  g.Excel = { run: (a: unknown, b?: unknown) => run((typeof a === 'function' ? a : b) as never) };
  g.window = { location: { origin: 'https://localhost:3000' } };
  if (!('navigator' in globalThis)) g.navigator = { userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120' };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the command file registers its functions on load, once per stubbed Office
  jest.isolateModules(() => require('../../src/excel/commands'));
  return g as never;
}

describe('the 校验 command', () => {
  test('keeps its runtime (and the dialog) until the user closes the dialog, then completes once', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const ui = new FakeUi();
    const g = loadCommands(state, ui);
    let completed = 0;
    const done = g.validateAndHighlight({ completed: () => completed++ });
    await tick(300);
    expect(ui.dialogs).toHaveLength(1);
    expect(decodeURIComponent(ui.urls[0])).toContain('校验完成');
    // The dialog is showing: the command must not have completed yet.
    expect(completed).toBe(0);
    await tick(200);
    expect(completed).toBe(0);
    ui.dialogs[0].userClicksOk();
    await done;
    expect(ui.dialogs[0].closed).toBe(true);
    expect(completed).toBe(1);
  });

  test('the window closed with × completes it too', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const ui = new FakeUi();
    const g = loadCommands(state, ui);
    let completed = 0;
    const done = g.clearMarks({ completed: () => completed++ });
    await tick(100);
    expect(completed).toBe(0);
    ui.dialogs[0].userClosesWindow();
    await done;
    expect(completed).toBe(1);
  });

  test('where no dialog can be shown, the message waits in the workbook for the pane, and the command completes', async () => {
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    const ui = new FakeUi('all');
    const g = loadCommands(state, ui);
    let completed = 0;
    await g.validateAndHighlight({ completed: () => completed++ });
    expect(completed).toBe(1);
    const kept = JSON.parse(String(state.settings.get(COMMAND_NOTICE_KEY)));
    expect(kept.title).toBe('校验完成 / Validation done');
    expect(kept.lines[0]).toMatch(/^错误 \d+/);
  });
});

describe('showNotice', () => {
  test('an iframe refused is tried as a window', async () => {
    const ui = new FakeUi('iframe');
    const p = showNotice(ui, 'https://x/notice.html', 1000);
    await tick(50);
    expect(ui.dialogs).toHaveLength(1);
    ui.dialogs[0].userClicksOk();
    expect(await p).toBe('closed');
  });

  test('closes the dialog itself before Office would end the command', async () => {
    const ui = new FakeUi();
    const outcome = await showNotice(ui, 'https://x/notice.html', 60);
    expect(outcome).toBe('timeout');
    expect(ui.dialogs[0].closed).toBe(true);
  });
});

describe('the pane shows what a command could not', () => {
  test('the kept notice is returned once by the host, then gone', async () => {
    const { createOfficeHost } = await import('../../src/excel/office-host');
    const { excelFeatures } = await import('../../src/excel/capabilities');
    const state = SimWorkbookState.fromSnapshot(seedWorkbook());
    state.settings.set(COMMAND_NOTICE_KEY, JSON.stringify({ title: '校验完成 / Validation done', lines: ['错误 5', 'Errors 5'] }));
    const host = createOfficeHost({ run: simRunner(state), features: excelFeatures(() => true), displayLanguage: 'zh-CN', download: false });
    expect(await host.takeCommandNotice!()).toEqual({ title: '校验完成 / Validation done', lines: ['错误 5', 'Errors 5'] });
    expect(await host.takeCommandNotice!()).toBeNull();
    expect(state.settings.has(COMMAND_NOTICE_KEY)).toBe(false);
  });
});
