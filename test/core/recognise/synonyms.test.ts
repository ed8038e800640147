/**
 * Every column header listed in ../shared/domain/synonyms.json for the project-table groups,
 * used as a real header, maps to the right column. The lists are copied here (tests must not
 * read ../shared); keep them in step when the shared file grows.
 */
import { ProjectColumn } from '../../../src/core/model';
import { validateWorkbook } from '../../../src/core/validate';
import { projectSheet } from '../../fixtures/project-sheet';

const GROUPS: [string, ProjectColumn, string[]][] = [
  ['carry_in', 'carryIn', ['上年结转结余', '上年结转和结余', '年初结转和结余', '上年结转资金', '上年结转', '年初结转结余', '以前年度结转', '结转资金']],
  ['initial_budget', 'initialBudget', ['年初预算', '年初预算数', '年初预算安排', '年初批复预算', '年初批复数', '预算数']],
  ['adjusted_budget', 'adjustedBudget', ['全年预算数', '调整后预算数', '调整预算数', '全年(调整)预算数', '全年预算', '预算总额']],
  ['transfer_from_upper', 'transferFromUpper', ['上级补助收入', '上级转移支付', '上级专项资金', '中央资金', '省级资金']],
  ['other_funds', 'otherFunds', ['其他资金', '其他收入', '单位资金', '财政专户管理资金', '事业收入', '经营收入', '社会投入资金、银行贷款']],
  ['fiscal_current', 'fiscalCurrent', ['当年财政拨款', '本年财政拨款', '当年财政资金', '财政资金', '财政拨款收入', '一般公共预算财政拨款收入']],
  ['actual_spend', 'actualSpend', ['实际支出', '全年执行数', '预算执行数', '执行数', '决算数', '支出数', '实际使用', '本年支出', '完成预算资金']],
  ['carry_out', 'carryOut', ['结余结转', '结转结余', '年末结转和结余', '年末结转结余', '结转下年', '结余', '结余资金', '结转资金']],
  ['execution_rate', 'executionRate', ['执行率', '预算执行率', '预算完成率', '资金使用率', '支出进度']],
];

/** adjustment's variants carry a sign: 调增 adds, 调减 subtracts, the rest may be net. */
const ADJUSTMENT: [string, ProjectColumn][] = [
  ['调整追加', 'adjustment'],
  ['年中追加', 'adjustment'],
  ['追加', 'adjustment'],
  ['调整数', 'adjustment'],
  ['调增', 'increase'],
  ['预算调增数', 'increase'],
  ['年中增加', 'increase'],
  ['调减', 'decrease'],
  ['预算调减数', 'decrease'],
];

/**
 * The variant sits where such a column sits in real tables: sources left of 实际支出, carry-out
 * and rates right of it. 结转资金 is ambiguous and decided by exactly that position.
 */
function mapped(variant: string, key: ProjectColumn): Partial<Record<ProjectColumn, number>> | undefined {
  const right = key === 'carryOut' || key === 'executionRate';
  const anchor = key === 'actualSpend' ? '全年预算数' : '实际支出';
  const headers = right ? ['序号', '项目名称', anchor, variant] : ['序号', '项目名称', variant, anchor];
  const t = projectSheet({ name: '表1', unitLine: '单位：万元', headers, rows: [[1, '某项目', 10, 9]] });
  return validateWorkbook({ sheets: [t.sheet] }).model.projectTables[0]?.columns;
}

describe('synonyms.json project-table headers map to their column', () => {
  for (const [group, key, variants] of GROUPS) {
    test.each(variants)(`${group}: %s`, (variant) => {
      const cols = mapped(variant, key);
      expect(cols?.[key]).toBe(key === 'carryOut' || key === 'executionRate' ? 3 : 2);
    });
  }
  test.each(ADJUSTMENT)('adjustment: %s → %s', (variant, key) => {
    expect(mapped(variant, key)?.[key]).toBe(2);
  });
});
