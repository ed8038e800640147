/**
 * Ribbon commands (the FunctionFile): 校验 validates and marks without opening the pane, then
 * shows the counts in a small dialog; 清除标记 restores the cells' own formatting.
 */
import { validateWorkbook } from '../core/validate';
import { blocker, excelFeatures } from './capabilities';
import { COMMAND_NOTICE_KEY, CommandDeps, CommandNotice, DialogUi, runCommand } from './command-notice';
import { clearMarks, highlightCells, markTargets } from './highlight';
import { explainError, officeRunner } from './office-host';
import { readWorkbook } from './read-workbook';
import { readSettings } from './settings-store';

function features() {
  const isSet = (n: string, v: string) => Office.context.requirements.isSetSupported(n, v);
  return { block: blocker(isSet, navigator.userAgent), f: excelFeatures(isSet) };
}

function deps(): CommandDeps {
  return {
    ui: Office.context.ui as unknown as DialogUi,
    origin: window.location.origin,
    keepForPane: (notice) =>
      Excel.run(async (ctx) => {
        ctx.workbook.settings.add(COMMAND_NOTICE_KEY, JSON.stringify({ ...notice, at: new Date().toISOString() }));
        await ctx.sync();
      }),
  };
}

const failed = (title: string) => (e: unknown): CommandNotice => {
  const err = explainError(e);
  return { title, lines: [err.zh, err.en] };
};

async function validateWork(): Promise<CommandNotice> {
  const { block, f } = features();
  if (block) return { title: '预算对账助手 / Budget Recon', lines: [block.zh, block.en] };
  const run = officeRunner(f.undoGroup);
  const settings = await run((ctx) => readSettings(ctx));
  const { snapshot } = await run((ctx) => readWorkbook(ctx, { mergedAreas: f.mergedAreas, hiddenRows: f.hiddenRows }));
  const result = validateWorkbook(snapshot, settings);
  if (result.unusable) return { title: '校验 / Validate', lines: [result.unusable.message, result.unusable.messageEn] };
  let marked = 0;
  if (f.highlight) marked = (await run((ctx) => highlightCells(ctx, markTargets(result.findings, settings.ignored ?? {})), { mergeUndoGroup: true })).marked;
  const s = result.summary;
  return {
    title: '校验完成 / Validation done',
    lines: [
      `错误 ${s.errors}\u3000警告 ${s.warnings}\u3000提示 ${s.infos}${s.ignored ? `\u3000已忽略 ${s.ignored}` : ''}`,
      `Errors ${s.errors} · warnings ${s.warnings} · notices ${s.infos}`,
      f.highlight ? `已标记 ${marked} 个单元格。点击“打开助手”逐条查看。` : '此 Excel 版本不支持标记，请点击“打开助手”查看。',
    ],
  };
}

async function clearWork(): Promise<CommandNotice> {
  const { f } = features();
  if (!f.highlight) return { title: '清除标记 / Clear marks', lines: ['此 Excel 版本不支持标记，没有需要清除的标记。', 'This Excel cannot mark cells; there is nothing to clear.'] };
  const { restored } = await officeRunner(f.undoGroup)((ctx) => clearMarks(ctx), { mergeUndoGroup: true });
  return { title: '清除标记 / Clear marks', lines: [`已恢复 ${restored} 个单元格的原有格式。`, `Restored the original formatting of ${restored} cell(s).`] };
}

// event.completed() is called by runCommand once the dialog is closed: completing earlier ends the runtime and the dialog with it.
const validateAndHighlight = (event: Office.AddinCommands.Event) => runCommand(event, validateWork, failed('校验失败 / Validation failed'), deps());
const clearMarksCommand = (event: Office.AddinCommands.Event) => runCommand(event, clearWork, failed('清除标记失败 / Clearing failed'), deps());

// Older Office looks the functions up on the global object; newer Office uses associate.
const g = globalThis as unknown as Record<string, unknown>;
g.validateAndHighlight = validateAndHighlight;
g.clearMarks = clearMarksCommand;
Office.onReady(() => {
  Office.actions?.associate('validateAndHighlight', validateAndHighlight);
  Office.actions?.associate('clearMarks', clearMarksCommand);
});
