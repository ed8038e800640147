/**
 * The pane's way to the report engine (src/core/report) and to the .docx writer.
 * Downloads are offered only where the platform allows blob downloads (Excel on the web and
 * browsers); desktop task panes block them, and the pane says so and offers the sheet instead.
 */
import { generateReport } from '../core/report/generate';
import { Report } from '../core/report/types';
import { Settings } from '../core/findings';
import { ValidationResult } from '../core/validate';

export function buildReport(result: ValidationResult, settings: Settings): Report {
  return generateReport(result.model, { findings: result.findings, settings });
}

export function reportFileName(report: Report): string {
  const base = (report.title || '绩效自评报告').replace(/[\\/:*?"<>|\s]+/g, '');
  return `${base || '绩效自评报告'}.docx`;
}

/**
 * Builds the .docx in the browser with the same writer as the CLI, font fallbacks included
 * (the writer is loaded on demand to keep the pane quick to open).
 */
export async function reportDocxBlob(report: Report): Promise<Blob> {
  const { reportDocxBytes } = await import('../ooxml/docx');
  const bytes = await reportDocxBytes(report);
  return new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
