/**
 * One decision for "does it add up" and one table of the 全年预算数 sources (issue #9 part 6): every
 * check reads them, so a change to either changes every check alike.
 */
import Decimal from 'decimal.js';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { auditText } from '../../src/core/audit';
import { BUDGET_SOURCES, sourcesOf } from '../../src/core/budget-sources';
import { outcomeOf, roundingAllowance } from '../../src/core/rounding';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('outcomeOf: the one decision', () => {
  const allowance = (total: number, ...parts: number[]) => roundingAllowance({ decimals: total }, parts.map((d) => ({ decimals: d, weight: 1 })));
  it.each([
    // REFERENCE §3's cases: difference, decimals of the total and of the parts, outcome.
    ['57.6 vs 12.1 + 45.4', '0.1', allowance(1, 1, 1), 'rounding'],
    ['30.01 vs 10.00 + 20.00', '0.01', allowance(2, 2, 2), 'rounding'],
    ['30.02 vs 10.00 + 20.00', '0.02', allowance(2, 2, 2), 'mismatch'],
    ['40.02 vs 100.00 − 60.00', '0.02', allowance(2, 2, 2), 'mismatch'],
    ['434.72 vs 434.16 + 0.00 + 0.55', '0.01', allowance(2, 2, 2, 2), 'rounding'],
    ['float residue of a cached formula', '5.68e-15', allowance(2, 2), 'exact'],
    ['exact', '0', allowance(2, 2), 'exact'],
  ])('%s', (_name, difference, a, expected) => {
    expect(outcomeOf(new Decimal(difference), a)).toBe(expected);
    expect(outcomeOf(new Decimal(difference).negated(), a)).toBe(expected);
  });

  it('no other module in the core compares a difference with an allowance itself', () => {
    const core = path.join(__dirname, '../../src/core');
    const offenders = files(core)
      .filter((f) => !f.endsWith('rounding.ts'))
      .filter((f) => /FLOAT_RESIDUE|abs\(\)\.lte\(|\.lte\(allowance|\.gt\(allowance/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(core, f));
    expect(offenders).toEqual([]);
  });
});

describe('BUDGET_SOURCES: the one table of the sources of 全年预算数', () => {
  it('declares each source once, 调减 the only one that lowers the budget', () => {
    expect(new Set(BUDGET_SOURCES.map((s) => s.column)).size).toBe(BUDGET_SOURCES.length);
    expect(BUDGET_SOURCES.filter((s) => s.sign === -1).map((s) => s.column)).toEqual(['decrease']);
  });

  it('当年财政拨款 stands in for 年初预算 only where there is no 年初预算 column', () => {
    expect(sourcesOf({ initialBudget: 3, fiscalCurrent: 4 }).map((s) => s.column)).not.toContain('fiscalCurrent');
    expect(sourcesOf({ fiscalCurrent: 4 }).map((s) => s.column)).toContain('fiscalCurrent');
  });

  it('the draft audit counts 其他资金 among the sources, as the project rules do', () => {
    // 300 + 50 + 20 = 370 available, 350 spent: 结余结转 20 is right only with 其他资金 counted.
    const text = '该项目上年结转300.00万元，年初预算50.00万元，其他资金20.00万元，实际支出350.00万元，结余结转20.00万元。';
    const errors = auditText([text]).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.message)).toEqual([]);
    // And a wrong carry-over is still found.
    const wrong = auditText([text.replace('结余结转20.00', '结余结转25.00')]).findings.filter((f) => f.severity === 'error');
    expect(wrong.length).toBe(1);
  });
});
