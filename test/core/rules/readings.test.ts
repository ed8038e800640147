/**
 * The failure classes of issue #9, each on a layout real tables use: stacked 收入支出决算总表, 功能分类
 * code hierarchies, 其中 lists that run on without their prefix, and 三公 tables. The figures are those
 * of real published reports (sources in the comments); the layouts are the ones those reports' tables
 * use. Each test failed on the engine before readings.
 */
import { validateWorkbook } from '../../../src/core/validate';
import { buildSheet, CellSpec } from '../../../src/samples/sheet-builder';

const errors = (rows: CellSpec[][], name = '表') => {
  const r = validateWorkbook({ sheets: [buildSheet({ name, rows })] });
  return { r, errors: r.findings.filter((f) => f.severity === 'error').map((f) => `${f.cell} ${f.message}`) };
};

describe('stacked 收入支出决算总表: the income block never feeds expenditure totals', () => {
  // dyrmt.com 2022年度单位决算: 本年收入合计 4125.49 (一般公共预算财政拨款收入 3859.16, 其他收入 266.33);
  // 本年支出合计 4143.91 (基本支出 1140.27, 项目支出 3003.64), laid out 项目 | 行次 | 金额 in one column.
  const stacked = (basic: number): CellSpec[][] => [
    ['收入支出决算总表', null, null],
    [null, null, '单位：万元'],
    ['项目', '行次', '金额'],
    ['一、一般公共预算财政拨款收入', 1, 3859.16],
    ['二、政府性基金预算财政拨款收入', 2, null],
    ['三、其他收入', 3, 266.33],
    ['本年收入合计', 4, 4125.49],
    ['使用非财政拨款结余', 5, null],
    ['年初结转和结余', 6, 88.42],
    ['收入总计', 7, 4213.91],
    ['一、基本支出', 8, basic],
    ['二、项目支出', 9, 3003.64],
    ['本年支出合计', 10, 4143.91],
    ['结余分配', 11, null],
    ['年末结转和结余', 12, 70],
    ['支出总计', 13, 4213.91],
  ];

  test('a correct stacked table raises nothing', () => {
    expect(errors(stacked(1140.27)).errors).toEqual([]);
  });

  test('a wrong 基本支出 is found on 本年支出合计, not hidden by the income lines', () => {
    const { errors: e } = errors(stacked(1104.27));
    expect(e).toEqual([expect.stringMatching(/^C13 本年支出合计：本年支出合计应为 4107\.91 万元/)]);
  });
});

describe('其中 lists that run on without their prefix', () => {
  // The seed report: 收入合计 2128.48, 其中 年初预算 939.28, 调整追加 1167.53, 其他资金 21.67.
  const summary = (other: number): CellSpec[][] => [
    ['收支情况', null],
    ['项目', '金额（万元）'],
    ['收入合计', 2128.48],
    ['其中：年初预算', 939.28],
    ['调整追加', 1167.53],
    ['其他资金', other],
    ['支出合计', 2054.34],
    ['基本支出', 416.47],
    ['项目支出', 1637.87],
    ['结余结转', 74.14],
  ];

  test('the three lines add up exactly: nothing is raised', () => {
    expect(errors(summary(21.67)).errors).toEqual([]);
  });

  test('a slip in the list fails under every reading and is found', () => {
    const { errors: e } = errors(summary(12.67));
    expect(e.some((x) => x.startsWith('B3 '))).toBe(true);
  });
});

describe('功能分类 code hierarchies: each level sums the next, the 合计 the top level', () => {
  // 上海市普陀区石泉路街道 2025 一般公共预算财政拨款支出决算表 (part): 212 城乡社区支出.
  const codes = (basic212: number, basic21201: number): CellSpec[][] => [
    ['一般公共预算财政拨款支出决算表', null, null, null, null],
    [null, null, null, null, '单位：万元'],
    ['功能分类科目编码', '科目名称', '合计', '基本支出', '项目支出'],
    ['212', '城乡社区支出', 13583.48, basic212, 2921.97],
    ['21201', '城乡社区管理事务', 12029.15, basic21201, 1367.64],
    ['2120101', '行政运行', 1715.05, 1690.05, 25],
    ['2120102', '一般行政管理事务', 1342.64, null, 1342.64],
    ['2120104', '城管执法', 1289.35, 1289.35, null],
    ['2120199', '其他城乡社区管理事务支出', 7682.11, 7682.11, null],
    ['21203', '城乡社区公共设施', 615.12, null, 615.12],
    ['2120399', '其他城乡社区公共设施支出', 615.12, null, 615.12],
    ['21205', '城乡社区环境卫生', 854.35, null, 854.35],
    ['2120501', '城乡社区环境卫生', 854.35, null, 854.35],
    ['21299', '其他城乡社区支出', 84.86, null, 84.86],
    ['2129999', '其他城乡社区支出', 84.86, null, 84.86],
    ['合计', null, 13583.48, 10661.51, 2921.97],
  ];

  test('a correct tree raises nothing (the 合计 is not expected at three times its value)', () => {
    expect(errors(codes(10661.51, 10661.51)).errors).toEqual([]);
  });

  test('the 基本支出 printed 1,066.51 for 10,661.51 (as published, in 212 and 21201) is blamed, not the 合计 beside it', () => {
    const { errors: e } = errors(codes(1066.51, 1066.51));
    expect(e.map((x) => x.split(' ')[0])).toEqual(['D4', 'D5']);
  });
});

describe('三公 tables', () => {
  // 2015年桂林市司法局部门“三公”经费情况统计表, as published: 公务用车费 printed 0 above its 其中 lines.
  const sangong: CellSpec[][] = [
    ['2015年桂林市司法局部门“三公”经费情况统计表', null],
    [null, '单位:万元'],
    ['项 目', '本年预算数'],
    ['合 计', 34.35],
    ['1.因公出国(境)费用', 0],
    ['2.公务接待费', 1.7],
    ['3.公务用车费', 0],
    ['其中:(1)公务用车运行维护费', 32.65],
    ['(2)公务用车购置', 0],
  ];
  test('read (not refused), and the slip is found at 公务用车费, not at the correct 合计', () => {
    const { r, errors: e } = errors(sangong);
    expect(r.unusable).toBeUndefined();
    expect(e.map((x) => x.split(' ')[0])).toEqual(['B7']);
  });
});
