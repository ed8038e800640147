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
import { Host, HostCapabilities, NavigateTarget, PaneSettings, REPORT_SHEET, ValidateProgress, WriteReportOutcome } from './host';

export interface FakeHostLog {
  navigations: NavigateTarget[];
  highlights: { cell: string; sheet: string; severity: string }[][];
  clears: number;
  reports: { paragraphs: number; replace: boolean }[];
  settingsWrites: PaneSettings[];
}

export class FakeHost implements Host {
  readonly kind = 'fake' as const;
  readonly log: FakeHostLog = { navigations: [], highlights: [], clears: 0, reports: [], settingsWrites: [] };
  private settings: PaneSettings = {};
  private reportSheet: Report | null = null;
  private listeners: (() => void)[] = [];

  constructor(
    private snapshot: WorkbookSnapshot,
    private caps: Partial<HostCapabilities> = {},
  ) {}

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
    if (this.reportSheet && !replace) return { status: 'exists', sheet: REPORT_SHEET };
    this.reportSheet = report;
    this.log.reports.push({ paragraphs: report.paragraphs.length, replace });
    return { status: 'written', sheet: REPORT_SHEET, paragraphs: report.paragraphs.length };
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
