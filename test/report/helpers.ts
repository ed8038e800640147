import { validateWorkbook } from '../../src/core/validate';
import { generateReport, ReportOptions } from '../../src/core/report/generate';
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { Report } from '../../src/core/report/types';

/** Validates a snapshot and writes its report, as the hosts do. */
export function reportFor(snapshot: WorkbookSnapshot, options: ReportOptions = {}): Report {
  const result = validateWorkbook(snapshot, options.settings ?? {});
  return generateReport(result.model, { ...options, findings: result.findings });
}

export function seedReport(corrected: boolean, options: ReportOptions = {}): Report {
  return reportFor(seedWorkbook({ corrected }), options);
}
