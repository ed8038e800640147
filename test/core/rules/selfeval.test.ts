/**
 * The 绩效自评表 checks, each on a real form that scores clean (yunnan-2022-yongde-minglangzhongxue-yingyang-jxzp:
 * 总分 96, 优) with one cell changed: every check must fire at that cell, and the form as published draws no error.
 */
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { validateWorkbook } from '../../../src/core';
import { Finding } from '../../../src/core/findings';
import { readModel } from '../../../src/core/recognise';
import { WorkbookSnapshot } from '../../../src/core/snapshot';
import { measureOf } from '../../../src/core/rules/selfeval-indicator';

const CORPUS = path.join(__dirname, '..', '..', 'real-tables', 'corpus');
function grid(id: string): { name: string; values: (string | null)[][] } {
  for (const d of readdirSync(CORPUS)) {
    const f = path.join(CORPUS, d, `${id}.json`);
    try {
      const doc = JSON.parse(readFileSync(f, 'utf8'));
      return { name: doc.sheets[0].name, values: doc.sheets[0].grid };
    } catch {
      // another folder
    }
  }
  throw new Error(id);
}

const YONGDE = 'yunnan-2022-yongde-minglangzhongxue-yingyang-jxzp';

/** The form with cells set (A1 address → value; 「G19=90%;I19=10」 sets two), as a workbook. */
function withCell(cell: string, value: string | null): WorkbookSnapshot {
  const g = grid(YONGDE);
  const values = g.values.map((r) => [...r]);
  const sets: [string, string | null][] = cell.includes('=') ? cell.split(';').map((x) => x.split('=') as [string, string]) : [[cell, value]];
  for (const [a, v] of sets) values[Number(a.slice(1)) - 1][a.charCodeAt(0) - 65] = v;
  return { sheets: [{ name: g.name, values }] };
}

const selfEval = (fs: Finding[]) => fs.filter((f) => f.rule.startsWith('selfeval-'));
const errorsAt = (wb: WorkbookSnapshot) => selfEval(validateWorkbook(wb).findings).filter((f) => f.severity === 'error').map((f) => `${f.rule}@${f.cell}`);

test('the form as published: read whole, no 自评表 error, the two lost points asked for', () => {
  const wb = withCell('A1', grid(YONGDE).values[0][0]);
  const t = readModel(wb).model.selfEvals[0];
  expect([t.indicators.length, t.total?.value.toString(), t.grade?.text, t.profile]).toEqual([9, '96', '优', 'national']);
  const fs = selfEval(validateWorkbook(wb).findings);
  expect(fs.filter((f) => f.severity === 'error')).toEqual([]);
  expect(fs.map((f) => `${f.severity}:${f.rule}@${f.cell}`)).toEqual(['warning:selfeval-reason@J16', 'warning:selfeval-reason@J19']);
});

test.each([
  ['执行率 that is not 全年执行数 ÷ 全年预算数', 'G6', '90%', 'selfeval-rate@G6'],
  ['执行率得分 above min(执行率, 100%) × 分值', 'H6', '12', 'selfeval-score@H6'],
  // A qualitative indicator (有效 / 有效): only the cap can see it.
  ['an indicator scored above its 分值', 'I18', '12', 'selfeval-score@I18'],
  // 98% would earn 9.8, which rounds to 10: a result of 90% earns 9 at most.
  ['a quantitative indicator scored above its result (90% of 100%: at most 9)', 'G19=90%;I19=10', null, 'selfeval-score@I19'],
  // Ten scores printed whole may each hide half a point: 96 ± 5.5 stands, 90 does not.
  ['总分 that is not the sum of the 得分', 'I25', '90', 'selfeval-total@I25'],
  // A qualitative result 部分达成 earns at most 80% of its 10 points.
  ['a qualitative indicator scored above its band', 'G18=部分达成;I18=10', null, 'selfeval-score@I18'],
  ['分值 that do not add up to 100', 'H23', '15', 'selfeval-total@H25'],
  ['a grade the 总分 does not earn', 'J25', '良', 'selfeval-grade@J25'],
])('%s is an error at its cell', (_name, cell, value: string | null, expected) => {
  expect(errorsAt(withCell(cell, value))).toContain(expected);
});

test('a 总分 of exactly 90.00 is 优, 89.99 is 良', () => {
  expect(errorsAt(withCell('I25', '90.00')).filter((x) => x.startsWith('selfeval-grade'))).toEqual(expect.any(Array));
  const wb = withCell('I25', '89.99');
  expect(errorsAt(wb)).toContain('selfeval-grade@J25');
  const g = grid(YONGDE);
  const values = g.values.map((r) => [...r]);
  values[24][8] = '90.00';
  values[15][8] = '1'; // 资金到位及时率 得分 1 makes the scores add to 90
  expect(errorsAt({ sheets: [{ name: g.name, values }] }).filter((x) => /grade|total/.test(x))).toEqual([]);
});

test('79.50 is 中, not 良 (the 良 band starts at 80)', () => {
  const grades = (total: string, grade: string) => errorsAt(withCell(`I25=${total};J25=${grade}`, null)).filter((x) => x.startsWith('selfeval-grade'));
  expect(grades('79.50', '中')).toEqual([]);
  expect(grades('79.50', '良')).toEqual(['selfeval-grade@J25']);
  expect(grades('80.00', '良')).toEqual([]);
});

test('targets and results as forms print them', () => {
  expect(measureOf('≧')).toBeNull();
  expect(measureOf('100', '≧')).toEqual({ op: '≥', value: expect.anything(), unit: '' });
  expect(measureOf('≤202.6万元')?.op).toBe('≤');
  expect(measureOf('=8个')?.unit).toBe('个');
  expect(measureOf('达成预期指标')).toBeNull();
});

test('a province\'s cap of the total by execution rate, chosen by a setting (profile capped)', () => {
  // 执行率 75% (290748.47 of 387664.62) with a total of 96: the capped profile allows 89 at most.
  const wb = withCell('E6=290748.47;G6=75%;H6=7.5;I25=93.5;J25=优', null);
  const capped = selfEval(validateWorkbook(wb, { selfEvalProfile: 'capped' }).findings).filter((f) => f.severity === 'error');
  expect(capped.map((f) => `${f.rule}@${f.cell}`)).toContain('selfeval-total@I25');
  // The national rules set no cap.
  expect(errorsAt(wb).filter((x) => x === 'selfeval-total@I25')).toEqual([]);
});

test('the Chongqing 部门整体 layout (执行率权重, 执行率得分, 指标权重, 指标得分): read, matched to its profile', () => {
  // The real figures REFERENCE.md §5 quotes: 执行率 76%, 权重 10, 得分 7.6, 自评总分 97.6 (90 points of indicators all earned).
  const wb: WorkbookSnapshot = {
    sheets: [
      {
        name: '部门整体绩效自评表',
        values: [
          ['2021年度部门整体绩效自评表', null, null, null, null, null, null, null],
          ['项目', '年初预算数', '全年（调整）预算数', '全年执行数', '执行率（%）', '执行率权重', '执行率得分（分）', null],
          ['年度资金总额', 100, 100, 76, 76, 10, 7.6, null],
          ['指标名称', '计量单位', '指标性质', '年初指标值', '全年完成值', '得分系数（%）', '指标权重（分）', '指标得分（分）'],
          ['履职效能', '%', '≥', 95, 96, 100, 45, 45],
          ['服务对象满意度', '%', '≥', 90, 92, 100, 45, 45],
          ['自评总分', null, null, null, null, null, null, null],
        ],
      },
    ],
  };
  const t = readModel(wb).model.selfEvals[0];
  expect([t.profile, t.indicators.length, t.fund[0].score?.value.toString()]).toEqual(['chongqing', 2, '7.6']);
  expect(selfEval(validateWorkbook(wb).findings).filter((f) => f.severity === 'error')).toEqual([]);
});

test('without a 分值 on the 总分 row, a 总分 that fits either reading (with or without the 执行率得分) stands', () => {
  // 96 = 86 + 10: the reading with the 执行率得分 holds, the one without does not; no error.
  expect(errorsAt(withCell('H25', null)).filter((x) => x.startsWith('selfeval-total'))).toEqual([]);
});
