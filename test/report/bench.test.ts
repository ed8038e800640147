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

// Speed is measured by `npm run bench` (reportMs1000), never asserted here: timed tests flake.
test('the bench harness generates a 1,000-project report', () => {
  const result = benchReport(1000, 1);
  expect(result.paragraphs).toBeGreaterThan(2000);
  expect(result.figures).toBeGreaterThan(7000);
});
