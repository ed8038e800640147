import { validateWorkbook } from '../../../src/core/validate';
import { buildSheet } from '../../../src/samples/sheet-builder';
import { FS, projectSheet } from '../../fixtures/project-sheet';

const shape = (sheet: ReturnType<typeof projectSheet>['sheet']) =>
  validateWorkbook({ sheets: [sheet] }).model.projectTables[0].rows.map((r) => [r.label, r.kind, r.level, r.parent]);

describe('multi-row headers', () => {
  test('资金来源 merged over 上年结转 | 年初预算 | 调增 | 调减, other headers merged down two rows', () => {
    const t = projectSheet({
      name: 'S',
      title: '项目表',
      unitLine: '单位：万元',
      headers: ['序号', '项目名称', '上年结转', '年初预算', '调增', '调减', '全年预算数', '实际支出', '结余结转'],
      group: { label: '资金来源', from: 2, to: 5 },
      rows: [[1, '会议费', 1, 10, 2, 3, 10, 8, 2]],
    });
    const table = validateWorkbook({ sheets: [t.sheet] }).model.projectTables[0];
    expect(table.headerRow).toBe(2);
    expect(table.headerEndRow).toBe(3);
    expect(table.columns).toMatchObject({ code: 0, name: 1, carryIn: 2, initialBudget: 3, increase: 4, decrease: 5, adjustedBudget: 6, actualSpend: 7, carryOut: 8 });
  });

  test('调整数 merged over 调增 | 调减 gives the two signed columns, not one net column', () => {
    const t = projectSheet({
      name: 'S',
      unitLine: '单位：万元',
      headers: ['项目名称', '年初预算', '调增', '调减', '全年预算数'],
      group: { label: '调整数', from: 2, to: 3 },
      rows: [['会议费', 10, 2, 3, 9]],
    });
    const table = validateWorkbook({ sheets: [t.sheet] }).model.projectTables[0];
    expect(table.columns).toMatchObject({ increase: 2, decrease: 3 });
    expect(table.columns.adjustment).toBeUndefined();
  });

  test('a group heading (一、年初预算项目) right under the header is not taken for a header row', () => {
    const t = projectSheet({
      name: 'S',
      unitLine: '单位：万元',
      headers: ['序号', '项目名称', '年初预算数', '全年预算数', '实际支出'],
      rows: [
        [null, '一、年初预算项目', null, null, null],
        [1, '会议费', 10, 10, 8],
      ],
    });
    const table = validateWorkbook({ sheets: [t.sheet] }).model.projectTables[0];
    expect(table.columns.name).toBe(1);
    expect(table.rows.map((r) => r.label)).toEqual(['会议费']);
  });
});

describe('sub-item conventions (REFERENCE §1)', () => {
  const headers = ['序号', '项目名称', '全年预算数', '实际支出'];

  test('其中： then rows indented with full-width spaces; the run ends at the next unindented project', () => {
    const t = projectSheet({
      name: 'S',
      unitLine: '单位：万元',
      headers,
      rows: [
        [1, '老干部专项经费', 131.31, 131.31],
        [null, '其中：老干部专项经费', null, 95.54],
        [null, `${FS}${FS}${FS}离休干部属地管理服务费`, null, 13.44],
        [null, `${FS}${FS}${FS}春节慰问费`, null, 22.33],
        [2, '城市基层党建工作经费', 189.4, 189.4],
        [null, '合计', 320.71, 320.71],
      ],
    });
    expect(shape(t.sheet)).toEqual([
      ['老干部专项经费', 'item', 0, null],
      ['老干部专项经费', 'item', 1, 0],
      ['离休干部属地管理服务费', 'item', 1, 0],
      ['春节慰问费', 'item', 1, 0],
      ['城市基层党建工作经费', 'item', 0, null],
      ['合计', 'total', 0, null],
    ]);
  });

  test('indentation alone (no 其中) makes sub-items', () => {
    const t = projectSheet({
      name: 'S',
      unitLine: '单位：万元',
      headers: ['项目名称', '全年预算数', '实际支出'],
      rows: [
        ['村级组织运转经费', 340.31, 293.14],
        [`${FS}${FS}村级办公经费`, null, 45],
        [`${FS}${FS}村级党建工作经费`, null, 36],
        ['业务性专项经费', 18.67, 16.53],
      ],
    });
    expect(shape(t.sheet).map((r) => r[3])).toEqual([null, 0, 0, null]);
  });

  test('dotted codes nest two levels deep', () => {
    const t = projectSheet({
      name: 'S',
      unitLine: '单位：万元',
      headers,
      formats: { 序号: '@' },
      rows: [
        ['1', '学生资助', 100, 90],
        ['1.1', '生活补助', 60, 55],
        ['1.1.1', '寄宿生补助', 30, 28],
        ['1.2', '营养改善', 40, 35],
        ['2', '校舍维修', 30, 29],
      ],
    });
    expect(shape(t.sheet).map((r) => [r[2], r[3]])).toEqual([
      [0, null],
      [1, 0],
      [2, 1],
      [1, 0],
      [0, null],
    ]);
  });

  test('an explicit 上级项目 column, children before or after their parent', () => {
    const t = projectSheet({
      name: 'S',
      unitLine: '单位：万元',
      headers: ['项目名称', '上级项目', '全年预算数', '实际支出'],
      rows: [
        ['家庭医生签约服务', '基本公共卫生服务', 40, 38],
        ['基本公共卫生服务', null, 120, 108],
        ['健康档案管理', '基本公共卫生服务', 80, 70],
      ],
    });
    expect(shape(t.sheet).map((r) => r[3])).toEqual([1, null, 1]);
  });

  test('total rows: 合计, 总计, 小计 and 项目支出合计', () => {
    const t = projectSheet({
      name: 'S',
      unitLine: '单位：万元',
      headers: ['项目名称', '全年预算数', '实际支出'],
      rows: [
        ['会议费', 10, 8],
        ['小计', 10, 8],
        ['培训费', 20, 18],
        ['小 计', 20, 18],
        ['项目支出合计', 30, 26],
        ['总计', 30, 26],
      ],
    });
    const rows = validateWorkbook({ sheets: [t.sheet] }).model.projectTables[0].rows;
    expect(rows.map((r) => [r.kind, r.totalKind ?? null, r.covers])).toEqual([
      ['item', null, []],
      ['total', '小计', [0]],
      ['item', null, []],
      ['total', '小计', [2]],
      ['total', '合计', [0, 2]],
      ['total', '总计', []],
    ]);
  });
});

describe('duplicate headers and 上级项目 cycles', () => {
  test('a header that appears twice: the first column is used and the other reported as not checked', () => {
    const t = projectSheet({
      name: '明细',
      unitLine: '单位：万元',
      headers: ['项目名称', '全年预算数', '实际支出', '结余结转', '实际支出'],
      rows: [['会议费', 10, 8, 2, 80]],
    });
    const r = validateWorkbook({ sheets: [t.sheet] });
    expect(r.model.projectTables[0].columns.actualSpend).toBe(2);
    const n = r.notChecked.find((x) => x.sheet === '明细' && x.check.includes('实际支出'));
    expect(n?.reason).toBe('表头“实际支出”出现 2 次（C、E 列），按 C 列校验，其余列未校验');
    expect(r.findings.filter((f) => f.rule === 'project-balance')).toEqual([]);
  });

  test('a cycle in 上级项目 (A → B → A, and a row naming itself) is reported, without a crash, and the rows stay top-level', () => {
    const t = projectSheet({
      name: '循环',
      unitLine: '单位：万元',
      headers: ['项目名称', '上级项目', '全年预算数', '实际支出'],
      rows: [
        ['甲项目', '乙项目', 10, 9],
        ['乙项目', '甲项目', 20, 19],
        ['丙项目', '丙项目', 5, 5],
        ['丁项目', '甲项目', 3, 3],
      ],
    });
    const r = validateWorkbook({ sheets: [t.sheet] });
    const rows = r.model.projectTables[0].rows;
    expect(rows.map((x) => x.parent)).toEqual([null, null, null, 0]);
    expect(rows[0].cycle).toEqual(['甲项目', '乙项目', '甲项目']);
    const reasons = r.notChecked.filter((n) => n.sheet === '循环').map((n) => n.reason);
    expect(reasons).toContain('“上级项目”列存在循环引用：甲项目 → 乙项目 → 甲项目，这些行按独立项目处理');
    expect(reasons.some((x) => x.includes('丙项目 → 丙项目'))).toBe(true);
  });
});

describe('a summary with 预算数 and 决算数 columns is a summary, not a project table', () => {
  const rows = (basicFinal: number, wagesFinal = 860.3) => [
    ['2024年度收支预算与决算对比表', null, null],
    [null, null, '单位：万元'],
    ['项目', '预算数', '决算数'],
    ['收入合计', 3250.4, 3250.4],
    [`${FS}年初预算`, 2800, 2800],
    [`${FS}调整追加`, 380.15, 380.15],
    [`${FS}其他资金`, 70.25, 70.25],
    ['支出合计', 3250.4, 3010.9],
    [`${FS}基本支出`, 1250, basicFinal],
    [`${FS}${FS}工资福利支出`, 880, wagesFinal],
    [`${FS}${FS}商品和服务支出`, 370, 350.3],
    [`${FS}项目支出`, 2000.4, 1780.3],
    ['结余结转', 0, 239.5],
  ];

  test('read as a summary: no false subtotal, overspend or idle-funds findings; the 决算数 column is checked too', () => {
    const r = validateWorkbook({ sheets: [buildSheet({ name: '收支对比', rows: rows(1230.6, 880.3), numberFormat: '#,##0.00' })] });
    expect(r.model.projectTables).toEqual([]);
    expect(r.model.summaries.map((b) => [b.amountCol, b.amountHeader, b.otherAmountColumns])).toEqual([[1, '预算数', [{ col: 2, header: '决算数' }]]]);
    expect(r.findings).toEqual([]);
    expect(r.notChecked.filter((n) => /未校验/.test(n.reason))).toEqual([]);
  });

  test('a slip in the second amount column is found at its cell (it was not checked before)', () => {
    const r = validateWorkbook({ sheets: [buildSheet({ name: '收支对比', rows: rows(1230.6), numberFormat: '#,##0.00' })] });
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => [f.cell, f.expected])).toContainEqual(['C9', '1210.6']);
  });

  test('a real project table whose projects happen to include one such word stays a project table', () => {
    const t = projectSheet({
      name: 'S',
      unitLine: '单位：万元',
      headers: ['项目名称', '预算数', '决算数'],
      rows: [
        ['项目支出', 10, 9],
        ['会议费', 5, 5],
        ['培训费', 8, 7],
      ],
    });
    expect(validateWorkbook({ sheets: [t.sheet] }).model.projectTables).toHaveLength(1);
  });
});
