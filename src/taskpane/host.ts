/**
 * What the task pane needs from its host. The Office.js host (src/excel) and the fake host over a
 * plain snapshot (./fake-host) both implement it, so the pane's logic and the end-to-end test run
 * the same code.
 */
import { Finding, Settings } from '../core/findings';
import { Report } from '../core/report/types';
import type { Draft } from '../draft/draft';
import { ValidationResult } from '../core/validate';

/** Settings kept in the workbook, so they travel with the file. */
export interface PaneSettings extends Settings {
  /** Re-validate a moment after the user edits a sheet (default on). */
  autoRevalidate?: boolean;
}

export type ValidatePhase = 'reading' | 'checking' | 'highlighting' | 'done';

export interface ValidateProgress {
  phase: ValidatePhase;
  /** 0..1 */
  fraction: number;
}

export interface CellTarget {
  sheet: string;
  cell: string;
}

export interface NavigateTarget extends CellTarget {
  /** Cells to select together with the target, where the host can (same sheet only). */
  related?: CellTarget[];
}

export interface HighlightOutcome {
  /** Cells marked now. */
  marked: number;
  /** Set when the host cannot mark cells (old Excel); the pane says so instead. */
  unsupported?: { message: string; messageEn: string };
  /** Sheets left as they were (protected); the pane says which. */
  skipped?: SkippedSheets;
}

/** Sheets a mark or a clear could not touch, and the sentence that says so. */
export interface SkippedSheets {
  sheets: string[];
  message: string;
  messageEn: string;
}

export type WriteReportOutcome =
  | { status: 'written'; sheet: string; paragraphs: number }
  /** The sheet exists and the user has not agreed to replace it yet. */
  | { status: 'exists'; sheet: string };

/** One paragraph to audit: a non-empty cell's text and where it is. */
export interface ParagraphCell extends CellTarget {
  text: string;
}

/** Where the paragraphs to audit come from: the add-in's 自评报告 sheet or the user's selection. */
export type ParagraphSource = 'report-sheet' | 'selection';

export type ReadParagraphsOutcome =
  | { status: 'ok'; sheet: string; range: string; cells: ParagraphCell[] }
  /** The workbook has no 自评报告 sheet. */
  | { status: 'no-sheet'; sheet: string }
  /** The sheet or the selection holds no text. */
  | { status: 'empty'; sheet: string; range: string }
  /** The selection is several areas (Ctrl+click); Excel cannot read it as one range. */
  | { status: 'multi-area' };

export interface HostCapabilities {
  highlight: boolean;
  /** Re-validation on edit needs workbook change events. */
  changeEvents: boolean;
  /** A blob download works in this pane (not in desktop Office's embedded browser). */
  download: boolean;
  /** Office display language, e.g. "zh-CN", "en-US". */
  displayLanguage: string;
}

export interface Host {
  readonly kind: 'excel' | 'fake' | 'browser';
  capabilities(): HostCapabilities;
  /** Reads the workbook and runs the engine. */
  validate(settings: Settings, onProgress?: (p: ValidateProgress) => void): Promise<ValidationResult>;
  /** Marks the findings' cells (except ignored ones), replacing earlier marks. */
  highlight(findings: Finding[], ignored?: Record<string, string>): Promise<HighlightOutcome>;
  /** Removes every mark and restores the cells' own formatting. */
  clear(): Promise<{ restored: number; skipped?: SkippedSheets }>;
  navigate(target: NavigateTarget): Promise<void>;
  readSettings(): Promise<PaneSettings>;
  writeSettings(settings: PaneSettings): Promise<void>;
  /** Writes the report into the 自评报告 sheet; replaces an existing one only when `replace` is set. */
  writeReport(report: Report, options: { replace: boolean }): Promise<WriteReportOutcome>;
  /** Reads the paragraphs to audit (values only, never writes): column A of 自评报告, or every non-empty cell of the selection, row by row. */
  readParagraphs(source: ParagraphSource): Promise<ReadParagraphsOutcome>;
  /** Reads a draft report file the user chose (.docx, .pdf, .txt) into paragraphs; only hosts that offer opening files (the offline page). */
  readDraftFile?(name: string, data: Uint8Array): Promise<Draft>;
  /** Calls `listener` after the user changes a cell in a sheet the add-in does not own; returns an unsubscribe. */
  onUserEdit(listener: () => void): Promise<() => void>;
  /** A ribbon command's result no dialog could show, kept in the workbook; returned once, then forgotten. */
  takeCommandNotice?(): Promise<{ title: string; lines: string[] } | null>;
}

/** The sheet the report is written to. */
export const REPORT_SHEET = '自评报告';

/** A user-facing error: Chinese first, English second; never a stack trace. */
export class HostError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'HostError';
  }
}
