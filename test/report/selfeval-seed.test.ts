/**
 * A 项目支出绩效自评表 built from the seed sample's own project (业务性专项经费: 全年预算数 18.67, 实际支出 16.53,
 * 项目支出明细!G5 and H5): its checks, the agreement with the project table, and the report's 自评结论 paragraph.
 */
import { validateWorkbook } from '../../src/core';
import { generateReport } from '../../src/core/report';
import { paragraphText } from '../../src/core/report/types';
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { seedWorkbook } from '../../src/samples/seed-workbook';

function selfEvalSheet(budget: number, actual: number) {
  // 16.53 ÷ 18.67 = 88.54% → 执行率得分 8.85; indicators 90 points of which 88 earned: 总分 96.85, 优.
  return {
    name: '项目支出绩效自评表',
    values: [
      ['项目支出绩效自评表', null, null, null, null, null, null, null, null],
      ['（2023年度）', null, null, null, null, null, null, null, null],
      ['项目名称', '业务性专项经费', null, null, null, null, null, null, null],
      ['项目资金（万元）', null, null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      [null, '年度资金总额', null, 18.67, budget, actual, 10, '88.54%', 8.85],
      [null, '其中：当年财政拨款', null, 18.67, budget, actual, null, null, null],
      ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      [null, '产出指标（50分）', '数量指标', '开展业务培训次数', '≥4次', '4次', 25, 25, null],
      [null, null, '时效指标', '经费支付及时率', '100%', '95%', 25, 23, '两笔支付跨年，已调整支付计划'],
      [null, '效益指标（30分）', '社会效益指标', '干部履职能力提升', '明显提升', '明显提升', 30, 30, null],
      [null, '满意度指标（10分）', '服务对象满意度', '参训人员满意度', '≥90%', '92%', 10, 10, null],
      ['总分', null, null, null, null, null, 100, 96.85, '优'],
    ],
  };
}

const withSelfEval = (budget: number, actual: number): WorkbookSnapshot => ({ sheets: [...seedWorkbook().sheets, selfEvalSheet(budget, actual)] });

test('the 自评表 of a seed project scores clean and agrees with the project table', () => {
  const r = validateWorkbook(withSelfEval(18.67, 16.53));
  const mine = r.findings.filter((f) => f.sheet === '项目支出绩效自评表');
  expect(mine.filter((f) => f.severity === 'error')).toEqual([]);
  expect(r.model.selfEvals[0].unit).toBe('万元');
});

test('a 全年预算数 that is not the project table\'s is an error naming both cells', () => {
  const r = validateWorkbook(withSelfEval(19.67, 16.53));
  const f = r.findings.find((x) => x.rule === 'cross-sheet' && x.sheet === '项目支出绩效自评表' && x.cell === 'E5');
  expect(f?.related[0]).toEqual(expect.objectContaining({ sheet: '项目支出明细', cell: 'G5' }));
});

test('the report\'s conclusion carries the 总分 and the grade, sourced, and the points lost with their reason', () => {
  const r = validateWorkbook(withSelfEval(18.67, 16.53));
  const report = generateReport(r.model, { findings: r.findings });
  const p = report.paragraphs.find((x) => paragraphText(x).startsWith('经绩效自评'))!;
  expect(paragraphText(p)).toBe('经绩效自评，业务性专项经费自评得分96.85分，等级为“优”；失分指标：经费支付及时率（分值25分，得分23分，原因：两笔支付跨年，已调整支付计划）。');
  const total = p.runs.find((x) => x.kind === 'figure' && x.text === '96.85');
  expect(total && total.kind === 'figure' ? total.source : undefined).toEqual({ sheet: '项目支出绩效自评表', cell: 'H12' });
  const grade = p.runs.find((x) => x.kind === 'text' && x.text === '优');
  expect(grade && grade.kind === 'text' ? grade.source : undefined).toEqual({ sheet: '项目支出绩效自评表', cell: 'I12' });
});
