/**
 * The pane's Host over a workbook the user opened in the offline page (budget-recon.html): no
 * Excel behind it, so marks and the report sheet go into copies the user downloads, written by
 * the same package-editing writers as the CLI (src/ooxml). Nothing here touches the network.
 */
import { Finding, Settings } from '../core/findings';
import { Report } from '../core/report/types';
import { ValidationResult } from '../core/validate';
import { Draft, DraftProblem } from '../draft/draft';
import { Host, HostCapabilities, HostError, HighlightOutcome, NavigateTarget, PaneSettings, ParagraphSource, ReadParagraphsOutcome, REPORT_SHEET, ValidateProgress, WriteReportOutcome } from '../taskpane/host';
import { Engine, PageEngine } from './engine';
import { OpenedWorkbook } from './open-workbook';

/** Hands finished bytes to the user (a blob download in the page; a recorder in tests). */
export type SaveFile = (data: Uint8Array, name: string, type: string) => void;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSM_TYPE = 'application/vnd.ms-excel.sheet.macroEnabled.12';

/** A copy keeps the opened file's kind: a macro-enabled workbook must stay .xlsm to open in Excel. */
function copyKind(name: string): { ext: string; type: string } {
  return /\.xlsm$/i.test(name) ? { ext: '.xlsm', type: XLSM_TYPE } : { ext: '.xlsx', type: XLSX_TYPE };
}

/** The file name without its extension, for the copies' names. */
export function baseName(name: string): string {
  return name.replace(/\.[^./\\]*$/, '') || 'workbook';
}

/** Where the page keeps settings between visits: the browser's localStorage (only on this computer). */
export type SettingsStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const SETTINGS_KEY = 'budget-recon.settings';
const ignoredKey = (file: string) => `budget-recon.ignored:${file}`;

function browserStorage(): SettingsStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Access denied (storage blocked for file:// pages by policy).
    return null;
  }
}

function readJson(store: SettingsStore | null, key: string): unknown {
  try {
    const text = store?.getItem(key);
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function writeJson(store: SettingsStore | null, key: string, value: unknown): void {
  try {
    if (value === undefined) store?.removeItem(key);
    else store?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or refused: the settings still hold for this visit.
  }
}

/** The page-wide settings, each only when it has the right type (storage is the user's to edit). */
function pick(v: unknown): PaneSettings {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const out: PaneSettings = {};
  if (typeof o.tolerance === 'string' && /^\d+(\.\d+)?$/.test(o.tolerance)) out.tolerance = o.tolerance;
  if (typeof o.idleThreshold === 'number' && o.idleThreshold > 0 && o.idleThreshold <= 1) out.idleThreshold = o.idleThreshold;
  if (typeof o.selfEvalProfile === 'string') out.selfEvalProfile = o.selfEvalProfile;
  if (typeof o.autoRevalidate === 'boolean') out.autoRevalidate = o.autoRevalidate;
  return out;
}

function ignoredOf(o: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string') out[k] = v;
  return out;
}

export class BrowserHost implements Host {
  readonly kind = 'browser' as const;
  private settings: PaneSettings = {};
  /** The findings the pane asked to mark (ignored ones left out), with the last run's notes. */
  private marks: Finding[] = [];
  private lastResult: ValidationResult | null = null;
  /** Shows 「定位」's cell: the page's sheet preview (there is no Excel to select it in). */
  onNavigate?: (target: NavigateTarget) => void;
  /** The draft last opened for 审核草稿, as read (for tests, which compare it with the CLI's reading). */
  lastDraft: Draft | null = null;
  /** Called after each validation (the page enables 下载标注副本). */
  onResult?: () => void;

  private readonly displayLanguage: string;
  /** Where the checking runs: the engine that opened the workbook (a Web Worker in the page). */
  readonly engine: Engine;
  private readonly store: SettingsStore | null;

  constructor(
    readonly workbook: OpenedWorkbook,
    private save: SaveFile,
    options: { displayLanguage?: string; engine?: Engine; store?: SettingsStore | null } = {},
  ) {
    this.displayLanguage = options.displayLanguage ?? 'zh-CN';
    this.engine = options.engine ?? new PageEngine(workbook);
    this.store = options.store === undefined ? browserStorage() : options.store;
  }

  capabilities(): HostCapabilities {
    return { highlight: true, changeEvents: false, download: true, displayLanguage: this.displayLanguage };
  }

  async validate(settings: Settings, onProgress?: (p: ValidateProgress) => void): Promise<ValidationResult> {
    onProgress?.({ phase: 'checking', fraction: 0.3 });
    const result = await this.engine.validate(settings);
    this.lastResult = result;
    this.onResult?.();
    onProgress?.({ phase: 'done', fraction: 1 });
    return result;
  }

  async highlight(findings: Finding[], ignored: Record<string, string> = {}): Promise<HighlightOutcome> {
    this.marks = findings.filter((f) => ignored[f.id] === undefined);
    const n = new Set(this.marks.map((f) => `${f.sheet}!${f.cell}`)).size;
    // The page cannot mark the user's file in place: the marks go into the copy to download.
    return {
      marked: n,
      unsupported: {
        message: `已找到 ${n} 个需要标注的单元格：点击「下载标注副本」，得到标注后的工作簿（原文件不变）。`,
        messageEn: `${n} cells to mark: click 「下载标注副本」 (Download highlighted copy) for the marked workbook (your file is left as it is).`,
      },
    };
  }

  async clear(): Promise<{ restored: number }> {
    const restored = new Set(this.marks.map((f) => `${f.sheet}!${f.cell}`)).size;
    this.marks = [];
    return { restored };
  }

  /** Whether there is a validation to write a highlighted copy from. */
  hasResult(): boolean {
    return this.lastResult !== null && !this.lastResult.unusable;
  }

  /** The highlighted copy: the marked findings' cells filled, notes, and the 校验结果 sheet. */
  async downloadHighlighted(): Promise<{ name: string; cellsMarked: number }> {
    if (!this.lastResult) throw new Error('no validation yet');
    const { highlightPackage } = await import('../ooxml/highlight');
    const { data, stats } = await highlightPackage(this.workbook.data, { findings: this.marks, notChecked: this.lastResult.notChecked });
    const kind = copyKind(this.workbook.name);
    const name = `${baseName(this.workbook.name)}-标注${kind.ext}`;
    this.save(data, name, kind.type);
    return { name, cellsMarked: stats.cellsMarked };
  }

  async navigate(target: NavigateTarget): Promise<void> {
    this.onNavigate?.(target);
  }

  /**
   * The settings kept in this browser: tolerance, idle threshold and 自评表 profile for every workbook,
   * the findings ignored (with their reasons) for workbooks of this file name. Where the browser keeps
   * no storage (private windows, a policy), they last as long as the page.
   */
  async readSettings(): Promise<PaneSettings> {
    const shared = readJson(this.store, SETTINGS_KEY);
    const ignored = readJson(this.store, ignoredKey(this.workbook.name));
    const stored: PaneSettings = { ...pick(shared), ...(ignored && typeof ignored === 'object' && !Array.isArray(ignored) ? { ignored: ignoredOf(ignored) } : {}) };
    return JSON.parse(JSON.stringify({ ...stored, ...this.settings })) as PaneSettings;
  }

  async writeSettings(settings: PaneSettings): Promise<void> {
    this.settings = JSON.parse(JSON.stringify(settings)) as PaneSettings;
    const { ignored, ...shared } = this.settings;
    writeJson(this.store, SETTINGS_KEY, pick(shared));
    writeJson(this.store, ignoredKey(this.workbook.name), ignored && Object.keys(ignored).length ? ignored : undefined);
  }

  /** 写入工作表: a copy of the workbook with the 自评报告 sheet, downloaded (the opened file is never changed). */
  async writeReport(report: Report): Promise<WriteReportOutcome> {
    const { reportCopy } = await import('../ooxml/report-sheets');
    const { data } = await reportCopy(this.workbook.data, report);
    const kind = copyKind(this.workbook.name);
    this.save(data, `${baseName(this.workbook.name)}-${REPORT_SHEET}${kind.ext}`, kind.type);
    return { status: 'written', sheet: REPORT_SHEET, paragraphs: report.paragraphs.length };
  }

  /** A draft the user opened in the page, read as the CLI reads it (pdf.js and mammoth run here). */
  async readDraftFile(name: string, data: Uint8Array): Promise<Draft> {
    const { readDraftBytes } = await import('../draft/read');
    try {
      this.lastDraft = await readDraftBytes(data, name, async (bytes, file) => (await import('./pdf-pages')).readPdfPages(bytes, file));
      return this.lastDraft;
    } catch (e) {
      if (e instanceof DraftProblem) throw new HostError(e.zh, e.en);
      throw e;
    }
  }

  async readParagraphs(source: ParagraphSource): Promise<ReadParagraphsOutcome> {
    // The page audits draft files (readDraftFile); an opened workbook's own sheets hold no draft to read.
    const sheet = this.workbook.snapshot.sheets[0]?.name ?? REPORT_SHEET;
    return source === 'report-sheet' ? { status: 'no-sheet', sheet: REPORT_SHEET } : { status: 'empty', sheet, range: 'A1' };
  }

  async onUserEdit(): Promise<() => void> {
    return () => undefined;
  }
}
