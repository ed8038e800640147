import { validateWorkbook } from '../../../src/core/validate';
import { findingAt, ofRule } from '../../fixtures/findings';
import { FS, projectSheet } from '../../fixtures/project-sheet';
import { budgetSummary } from '../../fixtures/summary-sheets';

/**
 * A transport bureau's table: group headings, 其中 sub-rows indented with full-width spaces
 * (one of them hidden), a 小计 per group and a 合计. Row 5 is data row 0.
 */
function transport(o: { busSpend?: number; grandSpend?: number; grandBudget?: number; hideVillageRoads?: boolean } = {}) {
  return projectSheet({
    name: '交通项目',
    title: '2024年度交通运输局项目支出明细表',
    preparer: '编制单位：某县交通运输局',
    unitLine: '单位：万元',
    headers: ['序号', '项目名称', '年初预算数', '调整数', '全年预算数', '实际支出', '结余结转'],
    formats: { 序号: '0' },
    gap: 1,
    rows: [
      [null, '一、年初预算项目', null, null, null, null, null], // 0
      [1, '农村公路养护', 200, 30, 230, 220.5, 9.5], // 1
      [null, '其中：县道养护', null, null, null, 120.3, null], // 2
      [null, `${FS}${FS}${FS}乡道养护`, null, null, null, 80.2, null], // 3
      [null, `${FS}${FS}${FS}村道养护`, null, null, null, 20, null], // 4
      // 结余结转 as Excel caches =E10-F10: 150 − 149.6 = 0.40000000000000568, binary residue included.
      [2, '客运站运营补贴', 150, 0, 150, o.busSpend ?? 149.6, 150 - (o.busSpend ?? 149.6)], // 5
      [null, '其中：城乡公交', null, null, null, 90, null], // 6
      [null, `${FS}${FS}${FS}农村客运`, null, null, null, 50.6, null], // 7
      [null, '小计', 350, 30, 380, 220.5 + (o.busSpend ?? 149.6), 9.5 + 150 - (o.busSpend ?? 149.6)], // 8
      [null, '二、追加项目', null, null, null, null, null], // 9
      [3, '道路应急抢险', null, 80, 80, 79, 1], // 10
      [null, '合计', 350, 110, o.grandBudget ?? 460, o.grandSpend ?? 449.1, 9.5 + 150 - (o.busSpend ?? 149.6) + 1], // 11
    ],
    hidden: o.hideVillageRoads === false ? [] : [4],
    footer: ['填表人：李娜　　审核人：王强'],
  });
}

describe('subtotal: parents against their 其中 sub-items', () => {
  const t = transport();
  const result = validateWorkbook({ sheets: [t.sheet] });

  test('客运站运营补贴 spends 149.60 but its sub-items add to 140.60: error on the parent cell', () => {
    const cell = t.addr(5, '实际支出');
    expect(cell).toBe('F10');
    const f = findingAt(result, 'subtotal', '交通项目', 'F10');
    expect(f).toMatchObject({ severity: 'error', expected: '140.6', actual: '149.6', difference: '9', unit: '万元', label: '客运站运营补贴' });
    expect(f.message).toBe('客运站运营补贴：实际支出应为 140.60 万元，表中为 149.60 万元，相差 9.00 万元');
    expect(f.related.map((r) => [r.cell, r.label])).toEqual([
      ['F11', '城乡公交'],
      ['F12', '农村客运'],
    ]);
  });

  test('a hidden sub-row still counts: 农村公路养护 = 县道 + 乡道 + (hidden) 村道 gives nothing', () => {
    expect(result.model.projectTables[0].rows.find((r) => r.label === '村道养护')?.hidden).toBe(true);
    expect(result.findings.filter((f) => f.rule === 'subtotal' && f.label === '农村公路养护')).toEqual([]);
  });

  test('sub-items that report only 实际支出 are not summed into the other columns', () => {
    const cols = ofRule(result, 'subtotal').map((f) => f.cell.replace(/\d+/, ''));
    expect(cols.every((c) => c === 'F')).toBe(true);
    // No "not checked" either: the parents state the columns their sub-items leave blank.
    expect(result.notChecked.filter((n) => n.rule === 'subtotal')).toEqual([]);
  });

  test('group headings without figures (一、年初预算项目) are not rows', () => {
    const labels = result.model.projectTables[0].rows.map((r) => r.label);
    expect(labels).not.toContain('年初预算项目');
    expect(labels).toHaveLength(10);
  });
});

describe('subtotal: 小计 and 合计 rows against the rows they cover', () => {
  test('合计 covers the projects of both groups, not their sub-items nor the 小计', () => {
    const t = transport({ busSpend: 140.6, grandSpend: 459.1 });
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'subtotal', '交通项目', t.addr(11, '实际支出'));
    expect(f.cell).toBe('F16');
    expect(f).toMatchObject({ severity: 'error', expected: '440.1', actual: '459.1', difference: '19', label: '合计行' });
    expect(f.message).toBe('合计行：实际支出应为 440.10 万元，表中为 459.10 万元，相差 19.00 万元');
    expect(f.related.map((x) => x.cell)).toEqual(['F6', 'F10', 'F15']);
    // Nothing else: the 小计 (F13) follows the corrected project.
    expect(ofRule(r, 'subtotal').map((x) => x.cell)).toEqual(['F16']);
  });

  test('a 小计 that disagrees is found on the 小计 row', () => {
    // 客运站 corrected to 140.60 but the 小计 still says 370.10 (written for 149.60).
    const t = transport({ busSpend: 140.6 });
    const sheet = t.sheet;
    sheet.values[t.rowOf(8)][t.colOf('实际支出')] = 370.1;
    const r = validateWorkbook({ sheets: [sheet] });
    const f = findingAt(r, 'subtotal', '交通项目', 'F13');
    expect(f).toMatchObject({ severity: 'error', expected: '361.1', actual: '370.1', label: '小计行' });
    expect(f.related.map((x) => x.cell)).toEqual(['F6', 'F10']);
  });

  test('a correct table gives no subtotal finding, floating-point residue of cached formulas included', () => {
    const t = transport({ busSpend: 140.6, grandSpend: 440.1 });
    const r = validateWorkbook({ sheets: [t.sheet] });
    expect(r.model.projectTables[0].rows[4].amounts.carryOut?.value.toFixed()).not.toBe('9.4');
    expect(ofRule(r, 'subtotal')).toEqual([]);
  });

  test('a one-cent 尾差 on a total of three projects is a notice', () => {
    const t = transport({ busSpend: 140.6, grandSpend: 440.11 });
    const f = findingAt(validateWorkbook({ sheets: [t.sheet] }), 'subtotal', '交通项目', 'F16');
    expect(f.severity).toBe('info');
    expect(f.tolerance).toBe('0.02');
    expect(f.message).toContain('尾差');
  });

  test('a total left blank where its projects report the column is reported as not checked, not passed', () => {
    const t = transport({ busSpend: 140.6, grandSpend: 440.1 });
    t.sheet.values[t.rowOf(11)][t.colOf('全年预算数')] = '—';
    const r = validateWorkbook({ sheets: [t.sheet] });
    const n = r.notChecked.find((x) => x.rule === 'subtotal' && x.cell === 'E16');
    expect(n?.reason).toContain('460.00');
    expect(ofRule(r, 'subtotal')).toEqual([]);
  });
});

describe('subtotal with dotted codes (2.1, 2.2) in 元 and numbers stored as text', () => {
  const make = (sub2: string) =>
    projectSheet({
      name: 'Sheet2',
      title: '教育专项资金使用情况表',
      unitLine: '金额单位：元',
      headers: ['项目编码', '项目名称', '全年预算数', '实际支出', '结余结转'],
      formats: { 项目编码: '@' },
      rows: [
        ['1', '学生资助', '1,250,000.00', '1,180,500.00', '69,500.00'],
        ['1.1', '建档立卡学生生活补助', '700,000.00', '680,000.00', '20,000.00'],
        ['1.2', '营养改善计划', '550,000.00', sub2, '49,500.00'],
        ['2', '校舍维修', '300,000.00', '298,000.00', '2,000.00'],
        ['', '合计', '1,550,000.00', '1,478,500.00', '71,500.00'],
      ],
    });

  test('a parent against its dotted-code children, per column', () => {
    const t = make('500,500.00');
    const r = validateWorkbook({ sheets: [t.sheet] });
    const table = r.model.projectTables[0];
    expect(table.rows.filter((x) => x.parent === 0).map((x) => x.code)).toEqual(['1.1', '1.2']);
    expect(ofRule(r, 'subtotal')).toEqual([]);
    const bad = validateWorkbook({ sheets: [make('510,500.00').sheet] });
    const f = findingAt(bad, 'subtotal', 'Sheet2', 'D4');
    expect(f).toMatchObject({ severity: 'error', expected: '1190500', actual: '1180500', difference: '-10000', unit: '元', label: '学生资助' });
    expect(f.message).toBe('学生资助：实际支出应为 1190500.00 元，表中为 1180500.00 元，相差 10000.00 元');
    // The 营养改善计划 row now fails its own balance too; the engine points at the child.
    expect(findingAt(bad, 'project-balance', 'Sheet2', 'E6').expected).toBe('39500');
  });
});

describe('subtotal with an explicit 上级项目 column', () => {
  test('children named by their parent are summed; order does not matter', () => {
    const t = projectSheet({
      name: '卫健项目',
      unitLine: '单位：万元',
      headers: ['项目名称', '上级项目', '全年预算数', '实际支出'],
      rows: [
        ['家庭医生签约服务', '基本公共卫生服务', 40, 38],
        ['基本公共卫生服务', null, 120, 115],
        ['健康档案管理', '基本公共卫生服务', 80, 70],
        ['疫苗冷链建设', null, 60, 60],
      ],
    });
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'subtotal', '卫健项目', 'D4');
    expect(f).toMatchObject({ severity: 'error', expected: '108', actual: '115', label: '基本公共卫生服务' });
    expect(f.related.map((x) => x.cell).sort()).toEqual(['D3', 'D5']);
    // 全年预算数 adds up (40 + 80 = 120).
    expect(ofRule(r, 'subtotal').map((x) => x.cell)).toEqual(['D4']);
  });
});

describe('subtotal in a summary: 其中 lines must not exceed their line', () => {
  test('an unkeyed line whose 其中 parts exceed it is an error; a partial list is fine', () => {
    const sheet = budgetSummary();
    // Give 项目支出 a partial 其中 list (allowed) …
    sheet.values.splice(14, 0, [`${FS}${FS}其中：信息化建设`, 600]);
    sheet.formulas!.splice(14, 0, [null, null]);
    sheet.numberFormats!.splice(14, 0, ['General', '#,##0.00']);
    let r = validateWorkbook({ sheets: [sheet] });
    expect(ofRule(r, 'subtotal')).toEqual([]);
    // … then one that exceeds it.
    sheet.values[14][1] = 1900;
    r = validateWorkbook({ sheets: [sheet] });
    const f = findingAt(r, 'subtotal', '收支总表', 'B14');
    expect(f).toMatchObject({ severity: 'error', expected: '1900', actual: '1800.3', label: '项目支出' });
    expect(f.message).toContain('项目支出：其中各项合计 1900.00 万元，超过总数 1800.30 万元');
  });
});

describe('subtotal with the 合计 row first, as 一体化 system exports put it', () => {
  const make = (total: number) =>
    projectSheet({
      name: '项目支出预算表',
      title: '2024年部门项目支出预算表',
      unitLine: '单位：万元',
      headers: ['项目名称', '年初预算数', '全年预算数', '实际支出'],
      rows: [
        ['合计', 30, 30, total],
        ['一、一般公共预算', null, null, null],
        ['会议费', 10, 10, 8],
        ['培训费', 20, 20, 18],
      ],
    });

  test('the leading 合计 is checked against the projects below it', () => {
    const t = make(99);
    const r = validateWorkbook({ sheets: [t.sheet] });
    const f = findingAt(r, 'subtotal', '项目支出预算表', t.addr(0, '实际支出'));
    expect(f.cell).toBe('D4');
    expect(f).toMatchObject({ severity: 'error', expected: '26', actual: '99', label: '合计行' });
    expect(f.related.map((x) => x.cell)).toEqual(['D6', 'D7']);
    expect(ofRule(validateWorkbook({ sheets: [make(26).sheet] }), 'subtotal')).toEqual([]);
  });
});
