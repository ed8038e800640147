/**
 * A Host over a plain snapshot, with no Excel behind it: the pane's demo mode outside Office,
 * the end-to-end test, and the pane-logic tests. It records what the pane asked of it so tests
 * can check navigation, marks and writes.
 */
import { Finding, Settings } from '../core/findings';
import { Report } from '../core/report/types';
import { CellValue, WorkbookSnapshot } from '../core/snapshot';
import { parseAddress } from '../core/address';
import { validateWorkbook } from '../core/validate';
import { reportSheetRows } from '../core/report/sheet-rows';
import { Host, HostCapabilities, NavigateTarget, PaneSettings, ParagraphSource, ReadParagraphsOutcome, REPORT_SHEET, ValidateProgress, WriteReportOutcome } from './host';
import { blockAddress, cellsToParagraphs, reportSheetParagraphs } from './paragraph-cells';

/** A selected block of cells the fake offers to "审核所选段落": its sheet, top-left cell and values. */
export interface FakeSelection {
  sheet: string;
  /** 0-based position of the block's top-left cell. */
  top: number;
  left: number;
  values: (string | number | null)[][];
}

/** A text pasted into a sheet one line a row from A1, as Excel does with a pasted plain-text draft. */
export function pastedText(sheet: string, text: string): FakeSelection {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return { sheet, top: 0, left: 0, values: lines.map((l) => [l === '' ? null : l]) };
}

export interface FakeHostLog {
  navigations: NavigateTarget[];
  highlights: { cell: string; sheet: string; severity: string }[][];
  clears: number;
  reports: { paragraphs: number; replace: boolean }[];
  settingsWrites: PaneSettings[];
  /** Every readParagraphs call; the fake never writes while reading. */
  paragraphReads: ParagraphSource[];
}

export interface FakeHostOptions {
  /** What the user has selected (a pasted draft, say); null or absent: a blank cell. */
  selection?: FakeSelection | null;
  /** Column A of an existing 自评报告 sheet, from A1 (header included if any). */
  reportSheet?: (string | null)[];
}

export class FakeHost implements Host {
  readonly kind = 'fake' as const;
  readonly log: FakeHostLog = { navigations: [], highlights: [], clears: 0, reports: [], settingsWrites: [], paragraphReads: [] };
  private settings: PaneSettings = {};
  /** Column A of the 自评报告 sheet from A1, or null when there is none. */
  private reportColumn: (string | null)[] | null;
  private selection: FakeSelection | null;
  private listeners: (() => void)[] = [];

  constructor(
    private snapshot: WorkbookSnapshot,
    private caps: Partial<HostCapabilities> = {},
    options: FakeHostOptions = {},
  ) {
    this.reportColumn = options.reportSheet ? [...options.reportSheet] : null;
    this.selection = options.selection ?? null;
  }

  /** Simulates the user selecting a block of cells (null: a single blank cell). */
  select(selection: FakeSelection | null): void {
    this.selection = selection;
  }

  capabilities(): HostCapabilities {
    return { highlight: true, changeEvents: true, download: true, displayLanguage: 'zh-CN', ...this.caps };
  }

  async validate(settings: Settings, onProgress?: (p: ValidateProgress) => void) {
    onProgress?.({ phase: 'reading', fraction: 0.1 });
    await new Promise((r) => setTimeout(r, 0));
    onProgress?.({ phase: 'checking', fraction: 0.6 });
    const result = validateWorkbook(this.snapshot, settings);
    onProgress?.({ phase: 'done', fraction: 1 });
    return result;
  }

  async highlight(findings: Finding[], ignored: Record<string, string> = {}) {
    const marks = findings.filter((f) => ignored[f.id] === undefined).map((f) => ({ sheet: f.sheet, cell: f.cell, severity: f.severity }));
    this.log.highlights.push(marks);
    return { marked: new Set(marks.map((m) => `${m.sheet}!${m.cell}`)).size };
  }

  async clear() {
    this.log.clears += 1;
    const last = this.log.highlights[this.log.highlights.length - 1] ?? [];
    this.log.highlights.push([]);
    return { restored: last.length };
  }

  async navigate(target: NavigateTarget) {
    this.log.navigations.push(target);
  }

  async readSettings() {
    return JSON.parse(JSON.stringify(this.settings)) as PaneSettings;
  }

  async writeSettings(settings: PaneSettings) {
    this.settings = JSON.parse(JSON.stringify(settings));
    this.log.settingsWrites.push(this.settings);
  }

  async writeReport(report: Report, { replace }: { replace: boolean }): Promise<WriteReportOutcome> {
    if (this.reportColumn && !replace) return { status: 'exists', sheet: REPORT_SHEET };
    const layout = reportSheetRows(report);
    this.reportColumn = [layout.header[0], ...layout.rows.map((r) => r.text)];
    this.log.reports.push({ paragraphs: report.paragraphs.length, replace });
    return { status: 'written', sheet: REPORT_SHEET, paragraphs: report.paragraphs.length };
  }

  async readParagraphs(source: ParagraphSource): Promise<ReadParagraphsOutcome> {
    this.log.paragraphReads.push(source);
    if (source === 'report-sheet') {
      if (!this.reportColumn) return { status: 'no-sheet', sheet: REPORT_SHEET };
      const cells = reportSheetParagraphs(0, this.reportColumn.map((v) => [v]));
      const range = blockAddress(0, 0, this.reportColumn.length, 1);
      return cells.length ? { status: 'ok', sheet: REPORT_SHEET, range, cells } : { status: 'empty', sheet: REPORT_SHEET, range };
    }
    const sel = this.selection ?? { sheet: this.snapshot.sheets[0]?.name ?? 'Sheet1', top: 0, left: 0, values: [[null]] };
    const range = blockAddress(sel.top, sel.left, sel.values.length, Math.max(1, ...sel.values.map((r) => r.length)));
    const cells = cellsToParagraphs(sel.sheet, sel.top, sel.left, sel.values);
    return cells.length ? { status: 'ok', sheet: sel.sheet, range, cells } : { status: 'empty', sheet: sel.sheet, range };
  }

  async onUserEdit(listener: () => void) {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Simulates the user editing the workbook. */
  edit(snapshot: WorkbookSnapshot): void {
    this.snapshot = snapshot;
    for (const l of this.listeners) l();
  }

  /** Simulates the user typing a constant into one cell (A1 address, sheet coordinates). */
  editCell(sheetName: string, cell: string, value: CellValue): void {
    const at = parseAddress(cell);
    const next: WorkbookSnapshot = JSON.parse(JSON.stringify(this.snapshot));
    const sheet = next.sheets.find((s) => s.name === sheetName);
    if (!at || !sheet) throw new Error(`no such cell: ${sheetName}!${cell}`);
    const r = at.row - (sheet.rowOffset ?? 0);
    const c = at.col - (sheet.colOffset ?? 0);
    while (sheet.values.length <= r) sheet.values.push([]);
    sheet.values[r][c] = value;
    if (sheet.formulas?.[r]) sheet.formulas[r][c] = null;
    this.edit(next);
  }
}
