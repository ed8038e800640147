import { benchReport, buildBenchModel } from '../../src/core/report/bench-model';
import { generateReport } from '../../src/core/report/generate';
import { paragraphText } from '../../src/core/report/types';

test('the bench model renders a full report', () => {
  const report = generateReport(buildBenchModel(20));
  const all = report.paragraphs.map(paragraphText);
  expect(all).toContain('（20）第20号专项经费');
  expect(all.some((t) => t.startsWith('一是第1号专项经费：全年预算'))).toBe(true);
  expect(all).toContain('2024年预算收入150000.00万元，其中年初预算100000.00万元，调整追加50000.00万元。');
});

test('1,000 projects generate well under the 0.2 s budget', () => {
  const result = benchReport(1000, 3);
  console.log(`reportMs1000=${result.ms} (${result.paragraphs} paragraphs, ${result.figures} figures)`);
  expect(result.paragraphs).toBeGreaterThan(2000);
  // The budget (200 ms) is measured by `npm run bench` on the compiled build; here, under jest on a
  // shared machine, the bound only catches a regression in kind (a quadratic pass would take seconds).
  expect(result.ms).toBeLessThan(1500);
});
