/**
 * Proposed fixes (fixes.ts), issue #11 item 5: a fix must clear what it names once applied, and a
 * fix that would leave a figure implausible (a rate beyond 1000%, a figure a thousand times its
 * column's peers) is not proposed.
 */
import { parseAddress } from '../../src/core/address';
import { validateWorkbook } from '../../src/core/validate';
import { CellValue, WorkbookSnapshot } from '../../src/core/snapshot';
import { findingAt } from '../fixtures/findings';
import { projectSheet, RATE } from '../fixtures/project-sheet';

/** A copy of the workbook with one cell set to the number the fix proposes (the cell then shows it as typed). */
function applyFix(wb: WorkbookSnapshot, sheet: string, cell: string, value: string): WorkbookSnapshot {
  const a = parseAddress(cell)!;
  return {
    sheets: wb.sheets.map((s) => {
      if (s.name !== sheet) return s;
      const r = a.row - (s.rowOffset ?? 0);
      const c = a.col - (s.colOffset ?? 0);
      const values = s.values.map((row) => [...row]);
      values[r][c] = Number(value);
      const numberFormats = s.numberFormats?.map((row) => [...row]);
      if (numberFormats?.[r]) numberFormats[r][c] = 'General';
      return { ...s, values, numberFormats };
    }),
  };
}

/** Every proposed fix, applied alone, clears every finding it names. */
function expectFixesClear(wb: WorkbookSnapshot): void {
  const before = validateWorkbook(wb);
  const fixes = before.findings.filter((f) => f.fix);
  expect(fixes.length).toBeGreaterThan(0);
  for (const f of fixes) {
    const after = validateWorkbook(applyFix(wb, f.fix!.sheet, f.fix!.cell, f.fix!.value));
    const still = after.findings.filter((x) => f.fix!.findingIds.includes(x.id) && x.severity === before.findings.find((y) => y.id === x.id)?.severity);
    expect({ fix: f.fix!.message, still: still.map((x) => x.message) }).toEqual({ fix: f.fix!.message, still: [] });
  }
}

describe('a fix is replayed with the decimals the corrected cell will show', () => {
  // The property test's counterexample (fast-check seed -171935091), a line table read from a 收支总表 layout:
  // 一般公共服务支出 0 over its indented line 对个人和家庭的补助 "0.51" (typed as text), and 收入合计 0 over
  // 一般公共服务支出. Setting B4 to 0.51 clears the first identity but breaks 收入合计 = 一般公共服务支出: a whole
  // number's ½ allowed 0.51 while B4 showed 0, but not once it shows 0.51.
  const values: CellValue[][] = [
    ['收入支出决算总表'],
    [null, null, '金额单位：万元'],
    ['项目', '金额'],
    ['一般公共服务支出', 0],
    ['收入合计', 0],
    ['\u3000\u3000\u3000对个人和家庭的补助', '0.51'],
    ['使用非财政拨款结余', 0.02],
    ['本年支出合计', null],
    ['收入合计', null],
  ];
  const wb: WorkbookSnapshot = { sheets: [{ name: '单位基本情况', values }] };

  test('the fix of 一般公共服务支出 B4 does not set B4 to 0.51 (it would break 收入合计 = 一般公共服务支出)', () => {
    const f = validateWorkbook(wb).findings.find((x) => x.id === 'subtotal:单位基本情况!B4');
    expect(f?.severity).toBe('error');
    expect(f?.fix && `${f.fix.cell}=${f.fix.value}`).not.toBe('B4=0.51');
  });

  test('applying each proposed fix clears the findings it names', () => {
    expectFixesClear(wb);
    // With the unreadable 表3 the property test found it with.
    const t3: CellValue[][] = [['收入支出决算总表'], [null, null, '金额单位：万元'], ['项目', '金额'], ['收入合计', '合计'], ['收入合计', '#REF!'], ['收入合计', 0]];
    expectFixesClear({ sheets: [...wb.sheets, { name: '表3', values: t3 }] });
  });
});

describe('one error standing for several identities, and errors moved to the part to blame', () => {
  // Seed -171935091 again, 收入合计 now -0.51: 一般公共服务支出 B4 breaks both 「一般公共服务支出 = 对个人和家庭的补助」
  // (wants 0.51) and 「收入合计 = 一般公共服务支出」 (wants -0.51); the second error is shown on B4 as well (one error
  // per figure). No one cell clears both: a fix claiming to clear the error on B4 would leave it standing.
  test('no fix is claimed for an error that a second failing identity keeps on the same cell', () => {
    const values: CellValue[][] = [
      ['收入支出决算总表'],
      [null, null, '金额单位：万元'],
      ['项目', '金额'],
      ['一般公共服务支出', 0],
      ['收入合计', -0.51],
      ['\u3000\u3000\u3000对个人和家庭的补助', '0.51'],
      ['使用非财政拨款结余', 0.02],
      ['本年支出合计', null],
      ['收入合计', null],
    ];
    const wb: WorkbookSnapshot = { sheets: [{ name: '单位基本情况', values }] };
    const errors = validateWorkbook(wb).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.cell)).toEqual(['B4']);
    expect(errors[0].fix).toBeUndefined();
  });

  // Seed 1000: a fix of D1 clears 「D1 = 春节慰问费」 and, as its message warns, breaks 「合计 D2 = D1」, whose error is
  // then moved onto D1. That is another identity's error: it must not take the id of the one the fix cleared.
  test('an error moved to the part to blame keeps its own identity\'s id', () => {
    const values: CellValue[][] = [
      ['合计', '单位：万元', '收入合计', '0.00'],
      [0, '合计', null, 0],
      ['0.00', '\u3000\u3000春节慰问费', '序号', -0.01],
      ['收入合计', '0.00', 0],
      ['', '年末结转和结余', '', '2.1'],
    ];
    const wb: WorkbookSnapshot = { sheets: [{ name: '表3', values, numberFormats: values.map((r) => r.map(() => '0.00%')) }] };
    const f = validateWorkbook(wb).findings.find((x) => x.cell === 'D1' && x.severity === 'error');
    expect(f?.fix?.cell).toBe('D1');
    expectFixesClear(wb);
  });
});


describe('no implausible fix (issue #11)', () => {
  // Three projects of a county agriculture bureau in 万元; 耕地地力保护补贴's 实际支出 typed in 元: 2,200,000 for 220.
  const t = projectSheet({
    name: '项目支出',
    title: '2024年度项目支出执行情况表',
    preparer: '编制单位：某县农业农村局',
    unitLine: '单位：万元',
    headers: ['序号', '项目名称', '年初预算数', '调整数', '全年预算数', '实际支出', '结余结转', '执行率'],
    formats: { 序号: '0', 执行率: RATE },
    rows: [
      [1, '高标准农田建设', 125, 0, 125, 120, 5, 0.96],
      [2, '农村人居环境整治', 86, 0, 86, 85, 1, 0.9884],
      [3, '耕地地力保护补贴', 230, 0, 230, 2200000, 10, 0.9565],
    ],
  });
  const r = validateWorkbook({ sheets: [t.sheet] });

  test('the 执行率 error stands, with no fix setting it to 956521.74%', () => {
    const f = findingAt(r, 'rate', '项目支出', 'H6');
    expect(f.severity).toBe('error');
    expect(f.message).toContain('956521.74%');
    expect(f.fix).toBeUndefined();
  });

  test('结余结转 is not to be set to −2,199,770 among 5 and 1: the fix is 实际支出 220, in line with 120 and 85', () => {
    const f = findingAt(r, 'project-balance', '项目支出', 'G6');
    expect(f.fix).toMatchObject({ cell: 'F6', value: '220' });
  });

  test('no fix in the table sets a figure 10³ times its column\'s others, or a rate beyond 1000%', () => {
    for (const f of r.findings) {
      if (!f.fix) continue;
      const v = Math.abs(Number(f.fix.value));
      if (f.fix.cell.startsWith('H')) expect(v).toBeLessThanOrEqual(10);
      else expect(v).toBeLessThan(1000 * 125);
    }
  });
});
