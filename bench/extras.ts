/** Figures from the other parts of the product: report generation, draft audit and the Office.js host's round trips. */
import { benchAudit } from '../src/core/audit/bench';
import { benchReport } from '../src/core/report/bench-model';
import { measureExcelSyncs } from '../src/excel/sim/measure';

export async function extraFigures(log: (s: string) => void, projects: number): Promise<Record<string, number | boolean>> {
  const report = benchReport(1000);
  log(`report for 1,000 projects: ${report.ms} ms (${report.paragraphs} paragraphs, ${report.figures} figures)`);
  const audit = benchAudit(100);
  log(`audit of a 100-page draft: ${audit.ms} ms warm, ${audit.coldMs} ms cold (${audit.characters} characters, ${audit.checks} checks)`);
  const excel = await measureExcelSyncs(projects);
  log(`Excel host (simulated): ${excel.syncsPerValidate} syncs and ${excel.payloadBytesPerValidate} bytes per validate read, ${excel.syncsPerHighlight} syncs per highlight`);
  return {
    reportMs1000: report.ms,
    auditMs100Pages: Math.round(audit.ms),
    auditColdMs100Pages: Math.round(audit.coldMs),
    syncsPerValidate: excel.syncsPerValidate,
    syncsPerHighlight: excel.syncsPerHighlight,
    syncsPerClear: excel.syncsPerClear,
    payloadBytesPerValidate: excel.payloadBytesPerValidate,
    syncsPerValidateWebCap: excel.webCap.syncsPerValidate,
    highlightRoundTripExact: excel.roundTripExact,
  };
}
