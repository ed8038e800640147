import { validateWorkbook } from '../../../src/core/validate';
import { findingAt, ofRule } from '../../fixtures/findings';
import { projectSheet } from '../../fixtures/project-sheet';
import { budgetSummary } from '../../fixtures/summary-sheets';

function wanTable(odd: number | string) {
  return projectSheet({
    name: '项目支出',
    title: '2024年度项目支出情况',
    unitLine: '单位：万元',
    headers: ['序号', '项目名称', '全年预算数', '实际支出'],
    formats: { 序号: '0' },
    rows: [
      [1, '业务性专项经费', 18.67, 16.53],
      [2, '村级组织运转经费', 340.31, 293.14],
      [3, '城市基层党建工作经费', 189.4, 189.4],
      // 35.34 万元 typed in 元.
      [4, '退休人员去世抚恤慰问金', 35.34, odd],
      [5, '老干部专项经费', 131.31, 131.31],
      [6, '代理记账服务', 0.48, 0.48],
    ],
  });
}

function yuanTable(odd: number) {
  return projectSheet({
    name: '项目支出',
    unitLine: '金额单位：元',
    headers: ['项目名称', '全年预算数', '实际支出'],
    rows: [
      ['高标准农田建设', 1250000, 1200000],
      ['农村人居环境整治', 860000, 850000],
      ['耕地地力保护补贴', 2300000, 2300000],
      ['动物防疫', 415000, 400000],
      // 98.5 万元 typed into a 元 table.
      ['农机购置补贴', odd, 980000],
      ['防汛抗旱', 560000, 530000],
    ],
  });
}

describe('unit-suspect: a figure typed in the wrong unit', () => {
  test('in a 万元 table, 353,400 among figures in the tens and hundreds is flagged as 元', () => {
    const t = wanTable(353400);
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'unit-suspect', '项目支出', t.addr(3, '实际支出'));
    expect(f.cell).toBe('D7');
    expect(f).toMatchObject({ severity: 'warning', expected: '35.34', actual: '353400', unit: '万元', label: '退休人员去世抚恤慰问金' });
    expect(f.message).toMatch(/^退休人员去世抚恤慰问金：实际支出 353400\.00 是同列其他数字（中位数 [\d.]+）的 \d+ 倍，疑似按“元”填入了万元表，应为 35\.34 万元$/);
    expect(f.fix).toMatchObject({ cell: 'D7', value: '35.34' });
    expect(ofRule(r, 'unit-suspect')).toHaveLength(1);
  });

  test('in a 元 table, 98.5 among figures in the hundreds of thousands is flagged as 万元', () => {
    const t = yuanTable(98.5);
    const f = findingAt(validateWorkbook({ sheets: [t.sheet] }), 'unit-suspect', '项目支出', t.addr(4, '全年预算数'));
    expect(f).toMatchObject({ severity: 'warning', expected: '985000', actual: '98.5', unit: '元', label: '农机购置补贴' });
    expect(f.message).toContain('疑似按“万元”填入了元表，应为 985000.00 元');
  });

  test('a unit written into the cell that is not the table\'s ("35.34元" in a 万元 table)', () => {
    const t = wanTable('35.34元');
    const f = findingAt(validateWorkbook({ sheets: [t.sheet] }), 'unit-suspect', '项目支出', 'D7');
    expect(f.message).toContain('单元格写的是“35.34元”，而本表单位为万元');
    expect(f.expected).toBe('0.003534');
  });

  test('an ordinary spread of figures, and the right unit in a cell, give nothing', () => {
    expect(ofRule(validateWorkbook({ sheets: [wanTable(35.34).sheet] }), 'unit-suspect')).toEqual([]);
    expect(ofRule(validateWorkbook({ sheets: [wanTable('35.34万元').sheet] }), 'unit-suspect')).toEqual([]);
    expect(ofRule(validateWorkbook({ sheets: [yuanTable(985000).sheet] }), 'unit-suspect')).toEqual([]);
  });
});

describe('unit-suspect in a summary', () => {
  test('基本支出 typed in 元 (12,106,000) in a 万元 收支总表 towers over every total', () => {
    const r = validateWorkbook({ sheets: [budgetSummary({ basic: 12106000 })] });
    const f = findingAt(r, 'unit-suspect', '收支总表', 'B10');
    expect(f).toMatchObject({ severity: 'warning', expected: '1210.6', actual: '12106000', label: '基本支出' });
  });

  test('a summary whose lines differ by their nature (totals vs small lines) gives nothing', () => {
    const r = validateWorkbook({ sheets: [budgetSummary({ other: 0.25, income: 3180.4, carryOut: 169.5 })] });
    expect(ofRule(r, 'unit-suspect')).toEqual([]);
  });
});
