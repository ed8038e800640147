/**
 * Checks across the public tables of one document (issue #9 part 2), and the quantities they must never
 * compare: the same words under another heading are another quantity (财政拨款 总表's 本年收入合计 is the
 * fiscal part of the 总表's).
 */
import { validateWorkbook } from '../../../src/core/validate';
import { buildSheet, CellSpec } from '../../../src/samples/sheet-builder';
import { finalSummary } from '../../fixtures/summary-sheets';

const errors = (sheets: ReturnType<typeof buildSheet>[]) =>
  validateWorkbook({ sheets })
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.sheet}!${f.cell}`);

/** 财政拨款收入支出决算总表 of the same unit: fiscal income only (1523.46 + 200), not 事业收入 or 其他收入. */
function fiscalSummary(yearIncome: number): ReturnType<typeof buildSheet> {
  const rows: CellSpec[][] = [
    ['财政拨款收入支出决算总表', null, null, null],
    [null, null, null, '单位：万元'],
    ['收入', null, '支出', null],
    ['项目', '决算数', '项目', '决算数'],
    ['一、一般公共预算财政拨款', 1523.46, '一、一般公共服务支出', 1102.1],
    ['二、政府性基金预算财政拨款', 200, '二、社会保障和就业支出', 310.4],
    ['三、国有资本经营预算财政拨款', null, '三、城乡社区支出', 200],
    ['本年收入合计', yearIncome, '本年支出合计', 1612.5],
    ['年初财政拨款结转和结余', 100, '年末财政拨款结转和结余', 210.96],
    ['总计', yearIncome + 100, '总计', 1823.46],
  ];
  return buildSheet({ name: '财政拨款收支总表', rows });
}

/** 收入决算表 by code, 合计 first. */
function incomeByCode(fiscal: number): ReturnType<typeof buildSheet> {
  const total = Math.round((fiscal + 50.5 + 10.04) * 100) / 100;
  return buildSheet({
    name: '收入决算表',
    rows: [
      ['收入决算表', null, null, null, null, null],
      [null, null, null, null, null, '单位：万元'],
      ['科目编码', '科目名称', '本年收入合计', '财政拨款收入', '事业收入', '其他收入'],
      [null, '合计', total, fiscal, 50.5, 10.04],
      ['201', '一般公共服务支出', total, fiscal, 50.5, 10.04],
      ['20101', '人大事务', total, fiscal, 50.5, 10.04],
    ],
  });
}

test('the 总表 and the 财政拨款 总表 name different quantities: their 本年收入合计 are never compared', () => {
  expect(errors([finalSummary(), fiscalSummary(1723.46)])).toEqual([]);
});

test('收入决算表 合计 agrees with the 总表 本年收入合计: nothing raised', () => {
  expect(errors([finalSummary(), incomeByCode(1723.46)])).toEqual([]);
});

test('收入决算表 合计 that disagrees with the 总表 本年收入合计 is an error, though each table adds up', () => {
  expect(errors([incomeByCode(1733.46)])).toEqual([]);
  expect(errors([finalSummary(), incomeByCode(1733.46)])).toEqual(['收入决算表!C4']);
});
