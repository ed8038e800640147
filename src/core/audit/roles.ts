/** The part a labelled figure plays in a budget sentence: sources, spending, carry-over. */
import { Figure } from './extract';

export type Role = 'carryIn' | 'initial' | 'increase' | 'decrease' | 'transfer' | 'other' | 'adjusted' | 'actual' | 'carryOut' | 'incomeGrand' | 'expenditureGrand';

const ROLE_TESTS: [Role, RegExp][] = [
  ['carryIn', /(上年|年初|以前年度)结转|上年结余|上年度结转/],
  ['adjusted', /全年预算|调整后预算|调整预算|预算总额/],
  ['initial', /年初预算|年初批复|年初安排/],
  ['increase', /调增|追加|年中增加|调整增加/],
  ['decrease', /调减|年中减少|调整减少/],
  ['transfer', /上级转移支付|上级补助/],
  ['other', /^其他资金$|^其他资金来源$|^单位自筹$|^自筹资金$/],
  ['incomeGrand', /收入总计/],
  ['expenditureGrand', /支出总计/],
  ['carryOut', /结余结转|结转结余|年末结转|结余资金|^结余$|结转下年/],
  ['actual', /实际支出|执行数|决算数|实际使用|^项目支出$|^支出$|完成支出|实际完成/],
];

export function roleOf(f: Figure): Role | null {
  if (f.kind !== 'amount' || f.change) return null;
  for (const [role, re] of ROLE_TESTS) if (re.test(f.key)) return role;
  return null;
}
