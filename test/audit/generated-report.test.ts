/**
 * Cross-check with the report engine: a report generated from the corrected sample workbook
 * must pass its own audit (and the workbook comparison) apart from the 【请补充…】 markers the
 * generator leaves for the user to fill.
 */
import { readModel } from '../../src/core';
import { auditText } from '../../src/core/audit';
import { generateReport } from '../../src/core/report/generate';
import { renderText } from '../../src/core/report/render-text';
import { seedWorkbook } from '../../src/samples/seed-workbook';

it('a report generated from the corrected seed workbook raises nothing but its fill-in markers', () => {
  const { model } = readModel(seedWorkbook({ corrected: true }));
  const paragraphs = renderText(generateReport(model)).split('\n').filter((l) => l.trim() !== '');
  const r = auditText(paragraphs, { model });
  const other = r.findings.filter((f) => f.rule !== 'template-leftover');
  expect(other.map((f) => `${f.paragraph} ${f.rule}: ${f.message}`)).toEqual([]);
  for (const f of r.findings) expect(paragraphs[f.paragraph - 1]).toContain('【请补充');
  expect(r.summary.comparedWithWorkbook).toBeGreaterThan(40);
  expect(r.summary.checks).toBeGreaterThan(20);
});
