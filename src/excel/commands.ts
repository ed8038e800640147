/**
 * Ribbon commands (the FunctionFile): 校验 validates and marks without opening the pane, then
 * shows the counts in a small dialog; 清除标记 restores the cells' own formatting.
 */
import { validateWorkbook } from '../core/validate';
import { blocker, excelFeatures } from './capabilities';
import { clearMarks, highlightCells, markTargets } from './highlight';
import { explainError, officeRunner } from './office-host';
import { readWorkbook } from './read-workbook';
import { readSettings } from './settings-store';

function notify(title: string, lines: string[]): void {
  const q = new URLSearchParams({ t: title, m: lines.join('\n') });
  const url = `${window.location.origin}/notice.html?${q.toString()}`;
  Office.context.ui.displayDialogAsync(url, { height: 30, width: 30, displayInIframe: true }, (res) => {
    if (res.status !== Office.AsyncResultStatus.Succeeded) return;
    const dialog = res.value;
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
  });
}

function features() {
  const isSet = (n: string, v: string) => Office.context.requirements.isSetSupported(n, v);
  return { block: blocker(isSet, navigator.userAgent), f: excelFeatures(isSet) };
}

async function validateAndHighlight(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const { block, f } = features();
    if (block) {
      notify('预算对账助手 / Budget Recon', [block.zh, block.en]);
      return;
    }
    const run = officeRunner(f.undoGroup);
    const settings = await run((ctx) => readSettings(ctx));
    const { snapshot } = await run((ctx) => readWorkbook(ctx, { mergedAreas: f.mergedAreas, hiddenRows: f.hiddenRows }));
    const result = validateWorkbook(snapshot, settings);
    if (result.unusable) {
      notify('校验 / Validate', [result.unusable.message, result.unusable.messageEn]);
      return;
    }
    let marked = 0;
    if (f.highlight) marked = (await run((ctx) => highlightCells(ctx, markTargets(result.findings, settings.ignored ?? {})), { mergeUndoGroup: true })).marked;
    const s = result.summary;
    notify('校验完成 / Validation done', [
      `错误 ${s.errors}\u3000警告 ${s.warnings}\u3000提示 ${s.infos}${s.ignored ? `\u3000已忽略 ${s.ignored}` : ''}`,
      `Errors ${s.errors} · warnings ${s.warnings} · notices ${s.infos}`,
      f.highlight ? `已标记 ${marked} 个单元格。点击“打开助手”逐条查看。` : '此 Excel 版本不支持标记，请点击“打开助手”查看。',
    ]);
  } catch (e) {
    const err = explainError(e);
    notify('校验失败 / Validation failed', [err.zh, err.en]);
  } finally {
    event.completed();
  }
}

async function clearMarksCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const { f } = features();
    if (f.highlight) await officeRunner(f.undoGroup)((ctx) => clearMarks(ctx), { mergeUndoGroup: true });
  } catch (e) {
    const err = explainError(e);
    notify('清除标记失败 / Clearing failed', [err.zh, err.en]);
  } finally {
    event.completed();
  }
}

// Older Office looks the functions up on the global object; newer Office uses associate.
const g = globalThis as unknown as Record<string, unknown>;
g.validateAndHighlight = validateAndHighlight;
g.clearMarks = clearMarksCommand;
Office.onReady(() => {
  Office.actions?.associate('validateAndHighlight', validateAndHighlight);
  Office.actions?.associate('clearMarks', clearMarksCommand);
});
