/**
 * How a ribbon command (校验, 清除标记) tells the user what it did. A function command's
 * runtime ends when it calls event.completed(), taking any dialog it opened with it, and
 * Office ends it anyway after 5 minutes. So the command opens its dialog, waits until the
 * user closes it (or nearly 5 minutes pass), and only then completes. Where no dialog can be
 * shown (blocked, another one open), the message is kept in the workbook's settings and the
 * pane shows it the next time it opens: the user is never left with nothing.
 */

export interface CommandNotice {
  title: string;
  lines: string[];
}

/** The part of Office.context.ui a command uses. */
export interface DialogUi {
  displayDialogAsync(
    url: string,
    options: { height: number; width: number; displayInIframe: boolean },
    callback: (result: { status: string; value?: DialogLike; error?: { code: number; message: string } }) => void,
  ): void;
}

export interface DialogLike {
  addEventHandler(type: string, handler: (arg: unknown) => void): void;
  close(): void;
}

/** Where a notice no dialog could show waits for the pane (document settings). */
export const COMMAND_NOTICE_KEY = 'budgetRecon.commandNotice';

/** Office ends a function command after 5 minutes; the dialog is closed a little before. */
export const COMMAND_DIALOG_LIMIT_MS = 4.5 * 60 * 1000;

export type NoticeOutcome = 'closed' | 'timeout' | 'not-shown';

export function noticeUrl(origin: string, notice: CommandNotice): string {
  const q = new URLSearchParams({ t: notice.title, m: notice.lines.join('\n') });
  return `${origin}/notice.html?${q.toString()}`;
}

/**
 * Shows the notice and resolves when the dialog is gone: closed by the user (its 确定 button
 * or the window's ×), or closed by us before Office's limit. A dialog that cannot open in an
 * iframe is tried once as a window.
 */
export function showNotice(ui: DialogUi, url: string, limitMs = COMMAND_DIALOG_LIMIT_MS): Promise<NoticeOutcome> {
  const open = (displayInIframe: boolean) =>
    new Promise<DialogLike | null>((resolve) => {
      try {
        ui.displayDialogAsync(url, { height: 30, width: 30, displayInIframe }, (res) => resolve(res.status === 'succeeded' && res.value ? res.value : null));
      } catch {
        resolve(null);
      }
    });
  return (async () => {
    const dialog = (await open(true)) ?? (await open(false));
    if (!dialog) return 'not-shown';
    return new Promise<NoticeOutcome>((resolve) => {
      let done = false;
      const finish = (outcome: NoticeOutcome, close: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (close) {
          try {
            dialog.close();
          } catch {
            // Already gone.
          }
        }
        resolve(outcome);
      };
      const timer = setTimeout(() => finish('timeout', true), limitMs);
      // The dialog's 确定 button sends a message; the window's × raises DialogEventReceived (12006).
      dialog.addEventHandler('dialogMessageReceived', () => finish('closed', true));
      dialog.addEventHandler('dialogEventReceived', () => finish('closed', false));
    });
  })();
}

export interface CommandDeps {
  ui: DialogUi;
  origin: string;
  /** Keeps a notice no dialog could show, for the pane to show when it next opens. */
  keepForPane(notice: CommandNotice): Promise<void>;
  limitMs?: number;
}

/**
 * Runs a command's work, shows what it returns, and calls event.completed() only once the
 * notice is dealt with (never before the dialog closes, never twice, even when the work throws).
 */
export async function runCommand(event: { completed(): void }, work: () => Promise<CommandNotice>, failure: (e: unknown) => CommandNotice, deps: CommandDeps): Promise<NoticeOutcome> {
  let notice: CommandNotice;
  try {
    notice = await work();
  } catch (e) {
    notice = failure(e);
  }
  let outcome: NoticeOutcome = 'not-shown';
  try {
    outcome = await showNotice(deps.ui, noticeUrl(deps.origin, notice), deps.limitMs);
    if (outcome === 'not-shown') await deps.keepForPane(notice).catch(() => undefined);
  } finally {
    event.completed();
  }
  return outcome;
}
