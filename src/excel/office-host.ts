/**
 * The Host the task pane uses inside Excel. The only module that calls Excel.run; every batch
 * goes through `run`, so the tests drive the same code against the simulated object model.
 */
import { Finding, Settings } from '../core/findings';
import { Report } from '../core/report/types';
import { validateWorkbook } from '../core/validate';
import { OWNED_SHEET_NAMES } from '../core/snapshot';
import { CellTarget, Host, HostCapabilities, HostError, NavigateTarget, PaneSettings, ParagraphSource, ValidateProgress } from '../taskpane/host';
import { ExcelFeatures } from './capabilities';
import { COMMAND_NOTICE_KEY } from './command-notice';
import { clearMarks, highlightCells, markTargets, protectedSheetsNotice } from './highlight';
import { navigateTo } from './navigate';
import { readParagraphs } from './read-paragraphs';
import { readWorkbook, ReadOptions } from './read-workbook';
import { writeReportSheet } from './report-sheet';
import { readSettings, writeSettings } from './settings-store';

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: { mergeUndoGroup?: boolean }) => Promise<T>;

/** The real runner: Excel.run, with undo grouping where ExcelApi 1.20 offers it. */
export function officeRunner(undoGroup: boolean): ExcelRunner {
  return <T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: { mergeUndoGroup?: boolean }) =>
    undoGroup && options?.mergeUndoGroup ? Excel.run({ mergeUndoGroup: true }, batch) : Excel.run(batch);
}

export interface OfficeHostOptions {
  run: ExcelRunner;
  features: ExcelFeatures;
  displayLanguage: string;
  /** Blob downloads work in browsers (Excel on the web), not in desktop task panes. */
  download: boolean;
  read?: ReadOptions;
  /** Quiet time after the last edit before re-validating. */
  debounceMs?: number;
}

/** Turns Office.js errors into a sentence the user can act on. */
export function explainError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  const code = (e as { code?: string })?.code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'ItemNotFound' || /ItemNotFound/.test(message)) {
    return new HostError('工作表已被删除或改名，请重新校验。', 'A sheet was deleted or renamed; validate again.');
  }
  if (code === 'RequestPayloadSizeLimitExceeded' || /PayloadSize/.test(message)) {
    return new HostError('工作簿太大，Excel 拒绝了一次读取。请关闭不需要的工作表后重试。', 'The workbook is too large for one read; hide or remove unneeded sheets and retry.');
  }
  if (code === 'AccessDenied' || /AccessDenied|protected/i.test(message)) {
    return new HostError('工作表受保护，无法标记或写入。请取消保护后重试，或只在窗格中查看问题。', 'The sheet is protected; unprotect it to mark cells or write, or review the findings in the pane.');
  }
  if (code === 'InvalidOperationInCellEditMode' || /CellEditMode/.test(message)) {
    return new HostError('请先结束单元格编辑（按 Enter 或 Esc），再操作。', 'Finish editing the cell (Enter or Esc) first.');
  }
  return new HostError(`Excel 未能完成操作：${message}`, `Excel could not complete the operation: ${message}`);
}

export function createOfficeHost(options: OfficeHostOptions): Host & { lastReadSyncs: () => number } {
  const { run, features } = options;
  let lastSyncs = 0;
  const guard = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw explainError(e);
    }
  };
  const readOptions: ReadOptions = { mergedAreas: features.mergedAreas, hiddenRows: features.hiddenRows, ...options.read };

  return {
    kind: 'excel',
    lastReadSyncs: () => lastSyncs,
    capabilities(): HostCapabilities {
      return { highlight: features.highlight, changeEvents: features.changeEvents, download: options.download, displayLanguage: options.displayLanguage };
    },
    async validate(settings: Settings, onProgress?: (p: ValidateProgress) => void) {
      onProgress?.({ phase: 'reading', fraction: 0.1 });
      const { snapshot, stats } = await guard(() => run((ctx) => readWorkbook(ctx, readOptions)));
      lastSyncs = stats.syncs;
      onProgress?.({ phase: 'checking', fraction: 0.6 });
      // Let the progress bar paint before the engine takes the thread.
      await new Promise((r) => setTimeout(r, 0));
      const result = validateWorkbook(snapshot, settings);
      onProgress?.({ phase: 'done', fraction: 1 });
      return result;
    },
    async highlight(findings: Finding[], ignored?: Record<string, string>) {
      if (!features.highlight) {
        return {
          marked: 0,
          unsupported: {
            message: '此 Excel 版本（低于 ExcelApi 1.9）不支持可恢复的标记，问题仍会列在窗格中。',
            messageEn: 'This Excel (below ExcelApi 1.9) cannot mark cells reversibly; findings are still listed in the pane.',
          },
        };
      }
      const stats = await guard(() => run((ctx) => highlightCells(ctx, markTargets(findings, ignored)), { mergeUndoGroup: true }));
      return { marked: stats.marked, ...(stats.skippedSheets.length ? { skipped: protectedSheetsNotice(stats.skippedSheets, 'mark') } : {}) };
    },
    async clear() {
      if (!features.highlight) return { restored: 0 };
      const stats = await guard(() => run((ctx) => clearMarks(ctx), { mergeUndoGroup: true }));
      return { restored: stats.restored, ...(stats.skippedSheets.length ? { skipped: protectedSheetsNotice(stats.skippedSheets, 'clear') } : {}) };
    },
    async navigate(target: NavigateTarget) {
      await guard(() => run((ctx) => navigateTo(ctx, target, features.selectAreas)));
    },
    readSettings: () => guard(() => run((ctx) => readSettings(ctx))),
    takeCommandNotice: () =>
      run(async (ctx) => {
        const item = ctx.workbook.settings.getItemOrNullObject(COMMAND_NOTICE_KEY);
        item.load('value');
        await ctx.sync();
        if (item.isNullObject) return null;
        item.delete();
        await ctx.sync();
        try {
          const v = JSON.parse(String(item.value)) as { title?: unknown; lines?: unknown };
          return typeof v.title === 'string' && Array.isArray(v.lines) ? { title: v.title, lines: v.lines.map(String) } : null;
        } catch {
          return null;
        }
      }).catch(() => null),
    writeSettings: (s: PaneSettings) => guard(() => run((ctx) => writeSettings(ctx, s))),
    async writeReport(report: Report, { replace }) {
      const out = await guard(() => run((ctx) => writeReportSheet(ctx, report, replace), { mergeUndoGroup: true }));
      if (out.status === 'exists') return { status: 'exists', sheet: out.sheet };
      return { status: 'written', sheet: out.sheet, paragraphs: out.paragraphs };
    },
    async readParagraphs(source: ParagraphSource) {
      return guard(() => run((ctx) => readParagraphs(ctx, source)));
    },
    async onUserEdit(listener: () => void) {
      if (!features.changeEvents) return () => undefined;
      let active = true;
      // Whether a sheet is one the add-in writes (自评报告, 校验结果), by id; looked up once per new sheet.
      const owned = new Map<string, Promise<boolean>>();
      const isOwned = (id: string) => {
        let known = owned.get(id);
        if (!known) {
          known = run(async (ctx) => {
            const sheet = ctx.workbook.worksheets.getItemOrNullObject(id);
            sheet.load('name');
            await ctx.sync();
            return !sheet.isNullObject && OWNED_SHEET_NAMES.has(sheet.name);
          }).catch(() => false);
          owned.set(id, known);
        }
        return known;
      };
      const handle = await guard(() =>
        run(async (ctx) => {
          const sheets = ctx.workbook.worksheets;
          sheets.load('items/name,items/id');
          const result = sheets.onChanged.add(async (event) => {
            // A co-author's edit re-validates in their own pane, not in every pane that has the file open.
            if (!active || event.source === 'Remote') return;
            // Our own writes, recognised by what they are: the event says so (ExcelApi 1.14), or they land on our sheets.
            if ((event as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
            if (await isOwned(event.worksheetId)) return;
            if (active) listener();
          });
          await ctx.sync();
          for (const s of sheets.items) owned.set(s.id, Promise.resolve(OWNED_SHEET_NAMES.has(s.name)));
          return result;
        }),
      );
      return () => {
        active = false;
        // Handlers must be removed in the context that added them.
        void Promise.resolve(handle.remove())
          .then(() => handle.context.sync())
          .catch(() => undefined);
      };
    },
  };
}

export type { CellTarget };
