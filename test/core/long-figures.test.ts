/**
 * Issue #11 item 5: figures too long for a double are exact. A figure of 30 digits (typed as text, or
 * written by a script into a number cell with every digit) is read from its digits into decimal.js,
 * and every sum, difference and fix shows each digit. Longer than any budget figure (41 digits and
 * more before the point): listed as not checked, never summed inexactly.
 */
import { validateWorkbook } from '../../src/core/validate';
import { findingAt } from '../fixtures/findings';
import { projectSheet } from '../fixtures/project-sheet';
import { SheetSnapshot } from '../../src/core/snapshot';

const BUDGET = '123456789012345678901234567890.12';
const SPEND = '23456789012345678901234567890.00';
// 结余结转 should be 100000000000000000000000000000.12; typed with its cents wrong.
const CARRY = '100000000000000000000000000000.02';

/** A 元 project table whose 信息化建设 row was pasted from a system export with figures 30 digits long. */
function exportTable(cell: (text: string) => string | number) {
  return projectSheet({
    name: '项目支出',
    title: '2024年度项目支出执行情况表',
    preparer: '编制单位：某市数据局',
    unitLine: '金额单位：元',
    headers: ['序号', '项目名称', '全年预算数', '实际支出', '结余结转'],
    formats: { 序号: '0' },
    rows: [
      [1, '政务云租赁', 1250000, 1200000, 50000],
      [2, '信息化建设', cell(BUDGET), cell(SPEND), cell(CARRY)],
      [3, '网络安全等级保护', 415000, 400000, 15000],
    ],
  });
}

/** The same sheet with the long figures in number cells, their digits kept as the file wrote them. */
function withNumberCells(): SheetSnapshot {
  const t = exportTable((text) => Number(text));
  const r = t.rowOf(1);
  const exactNumbers: (string | null)[][] = [];
  exactNumbers[r] = [];
  exactNumbers[r][t.colOf('全年预算数')] = BUDGET;
  exactNumbers[r][t.colOf('实际支出')] = SPEND;
  exactNumbers[r][t.colOf('结余结转')] = CARRY;
  return { ...t.sheet, exactNumbers };
}

describe.each([
  ['typed as text', () => exportTable((text) => text).sheet],
  ['in number cells', withNumberCells],
])('a 30-digit figure %s', (_how, sheet) => {
  const r = validateWorkbook({ sheets: [sheet()] });

  test('结余结转 = 全年预算数 − 实际支出 is checked exactly: expected, actual, difference and message show every digit', () => {
    const f = findingAt(r, 'project-balance', '项目支出', 'E5');
    expect(f).toMatchObject({ severity: 'error', expected: '100000000000000000000000000000.12', actual: '100000000000000000000000000000.02', difference: '-0.1' });
    expect(f.message).toBe('信息化建设：结余结转应为 100000000000000000000000000000.12 元，表中为 100000000000000000000000000000.02 元，相差 0.10 元');
  });

  test('the fix names every digit', () => {
    const f = findingAt(r, 'project-balance', '项目支出', 'E5');
    expect(f.fix).toMatchObject({ cell: 'E5', value: '100000000000000000000000000000.12', message: '将 E5 改为 100000000000000000000000000000.12' });
  });

  test('nothing else is an error', () => {
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.cell)).toEqual(['E5']);
  });
});

describe('a figure longer than any budget figure', () => {
  test('41 digits before the point is listed as not checked, and the 合计 over it is not checked either', () => {
    const long = '12345678901234567890123456789012345678901.5';
    const t = projectSheet({
      name: '项目支出',
      unitLine: '金额单位：元',
      headers: ['项目名称', '全年预算数', '实际支出'],
      rows: [
        ['政务云租赁', 1250000, 1200000],
        ['信息化建设', 860000, long],
        // The 合计 of 实际支出 holds some other figure for 信息化建设: it cannot be checked without it.
        ['合计', 2110000, 2060000],
      ],
    });
    const r = validateWorkbook({ sheets: [t.sheet] });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const n = r.notChecked.find((x) => x.cell === 'C4');
    expect(n?.reason).toBe('“123456789012…01.5（42 位）”整数部分超过 40 位，不是预算金额，未参与校验');
    expect(r.notChecked.find((x) => x.cell === 'C5')?.reason).toContain('C4');
  });
});
