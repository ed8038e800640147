#!/usr/bin/env node
/**
 * Mutation spot-check over src/core (issue #11): each mutation changes one comparison, sign,
 * boundary or constant; the core's tests run against it; a mutant the tests do not fail
 * "survives". The file is restored after each run (never with git), on Ctrl-C, and, if the
 * run was killed mid-mutant, by the next run. Run it in a worktree of its own
 * (git worktree add) so no one else's tests see a mutant.
 * Usage: node bench/mutation-check.js [--only N | --from N] > results.json (MUTATION_TESTS overrides the suites)
 * Slow (a jest run per mutant, about 3 minutes each on two cores); not part of npm test.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
// The suites that judge the core: its own tests, the draft audit, and the real-table corpus (0 false errors).
const TESTS = (process.env.MUTATION_TESTS ?? 'test/core test/audit test/real-tables/corpus.test.ts test/real-tables/scoring.test.ts').split(/\s+/);

/** [file, find (must occur exactly once), replace, what it breaks, and why it cannot be caught when it is an equivalent mutant] */
const MUTATIONS = [
  ['src/core/rounding.ts', 'return abs.lte(allowance) ? ', 'return abs.lt(allowance) ? ', 'a difference exactly at the rounding allowance becomes a mismatch'],
  ['src/core/rounding.ts', "export const FLOAT_RESIDUE = new Decimal('1e-9');", "export const FLOAT_RESIDUE = new Decimal('1e-2');", 'a cent difference counts as exact'],
  ['src/core/rounding.ts', 'HALF.times(new Decimal(10).pow(-d))', 'HALF.times(new Decimal(10).pow(-d - 1))', 'the half-unit allowance ten times too small'],
  ['src/core/rules/rate.ts', 'const shown = computed.toDecimalPlaces(Math.max(d, 0), Decimal.ROUND_HALF_UP);', 'const shown = computed.toDecimalPlaces(Math.max(d, 0), Decimal.ROUND_DOWN);', 'the recomputed 执行率 truncated instead of rounded'],
  ['src/core/rules/idle-funds.ts', 'if (spend.value.gte(threshold.times(budget.value))) continue;', 'if (spend.value.gt(threshold.times(budget.value))) continue;', 'execution exactly at the threshold is idle'],
  ['src/core/rules/idle-funds.ts', 'compareProducts(spend, UNIT_MICROS, threshold, budget) >= 0', 'compareProducts(spend, UNIT_MICROS, threshold, budget) > 0', 'fast path: execution exactly at the threshold is idle', 'equivalent: the decimal path below decides the row the same way (the fast path only settles rows early)'],
  ['src/core/rules/overspend.ts', 'return budget === null || v.micros(COL.actualSpend, i) <= budget;', 'return budget === null || v.micros(COL.actualSpend, i) < budget;', 'fast path: spending exactly the budget is not settled', 'equivalent: the decimal path finds no excess at equality'],
  ['src/core/rules/overspend.ts', 'if (spend && budget && spend.value.gt(budget.value)) {', 'if (spend && budget && spend.value.gte(budget.value)) {', 'spending exactly the budget is an overspend', 'equivalent: an excess of 0 is exact under outcomeOf, so nothing is raised'],
  ['src/core/rules/overspend.ts', 'carryOut.value.isNegative() && carryOut.value.abs().gt(', 'carryOut.value.isNegative() && carryOut.value.abs().lt(', 'a negative 结余结转 beyond rounding is not flagged'],
  ['src/core/rules/unit-suspect.ts', 'const LOW = new Decimal(1000);', 'const LOW = new Decimal(100);', 'a figure 100 times its peers is called a unit slip'],
  ['src/core/rules/unit-suspect.ts', 'const HIGH = new Decimal(200000);', 'const HIGH = new Decimal(2000);', 'a figure 10⁴ off its column is not a unit slip'],
  ['src/core/audit/arith.ts', 'return v.toDecimalPlaces(d, Decimal.ROUND_HALF_UP);', 'return v.toDecimalPlaces(d, Decimal.ROUND_HALF_EVEN);', 'the audit rounds half to even'],
  ['src/core/audit/arith.ts', 'expected = expected.plus(yuanOf(p.f).times(p.sign));', 'expected = expected.plus(yuanOf(p.f));', 'a subtracted part is added'],
  ['src/core/audit/arith.ts', 'if (den.lte(0)) return null;', 'if (den.lt(0)) return null;', 'a rate over a zero total is checked'],
  ['src/core/budget-sources.ts', "{ column: 'decrease', sign: -1, kind: 'adjustment', role: 'decrease' },", "{ column: 'decrease', sign: 1, kind: 'adjustment', role: 'decrease' },", '调减 added to the budget'],
  ['src/core/budget-sources.ts', "{ column: 'carryIn', sign: 1, kind: 'base', role: 'carryIn' },", "{ column: 'carryIn', sign: -1, kind: 'base', role: 'carryIn' },", '上年结转 subtracted from the budget'],
  ['src/core/recognise/project-table.ts', 'const BLANK_RUN_END = 5;', 'const BLANK_RUN_END = 2;', 'two blank rows end a project list'],
  ['src/core/selfeval-profiles.ts', "{ min: 90, grade: '优' },", "{ min: 91, grade: '优' },", '90.00 is no longer 优'],
  ['src/core/selfeval-profiles.ts', "{ min: 80, grade: '良' },", "{ min: 79, grade: '良' },", '79.5 is 良'],
  ['src/core/selfeval-profiles.ts', 'return profile.grades.find((g) => total >= g.min)?.grade', 'return profile.grades.find((g) => total > g.min)?.grade', 'a total exactly on a band edge drops a grade'],
  ['src/core/rules/selfeval-score-cap.ts', '.lte(ind.weight.value.plus(halfUnit(ind.weight.decimals)))) continue;', '.lt(ind.weight.value)) continue;', 'full marks exceed the weight'],
  ['src/core/rules/formula-error.ts', 'if (count > MAX_ERRORS_PER_SHEET) continue;', 'if (count >= MAX_ERRORS_PER_SHEET) continue;', 'one error value fewer listed than promised'],
  ['src/core/fixes.ts', "const tail = cleared.length >= 2 ? `可消除 ${cleared.length} 项差异` : '';", "const tail = cleared.length >= 1 ? `可消除 ${cleared.length} 项差异` : '';", 'a fix clearing one difference says 可消除 1 项差异'],
  ['src/core/formula-eval.ts', 'a.times(f).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).dividedBy(f)', 'a.times(f).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).dividedBy(f)', "ROUND rounds half to even, not as Excel does"],
  ['src/core/formula-eval.ts', "const result = op === '=' ? c === 0 : op === '<>'", "const result = op === '=' ? c !== 0 : op === '<>'", 'IF(G5=0, …) takes the wrong branch'],
  ['src/core/formula-eval.ts', 'if (row[c] && (sheet.values[r]?.[c] ?? null) === null) pending.push({ s, r, c });', 'if (row[c] && (sheet.values[r]?.[c] ?? null) === undefined) pending.push({ s, r, c });', 'formulas without results are never computed'],
  ['src/core/formula-eval.ts', "if (v === 'blank') return new Decimal(0);\n  if (v !== null && 'bool' in v)", "if (v === 'blank') return new Decimal(1);\n  if (v !== null && 'bool' in v)", 'a blank cell counts 1 in a formula'],
  ['src/core/rules/text-number.ts', "severity: 'warning'", "severity: 'info'", 'a number stored as text is only a notice'],
  ['src/core/rules/summary-identity.ts', 'const base: Operandish[] = [op(income), op(expenditure, -1)];', 'const base: Operandish[] = [op(income), op(expenditure, 1)];', '结余结转 adds spending to income'],
  ['src/core/rules/project-balance.ts', "parts.push({ amount: spend, label: spendName, weight: -1 });", "parts.push({ amount: spend, label: spendName, weight: 1 });", '结余结转 = 全年预算数 + 实际支出'],
  ['src/core/rules/selfeval-reason.ts', 'if (ind.score.value.plus(halfUnit(ind.score.decimals)).gte(ind.weight.value)) continue;', 'if (ind.score.value.plus(halfUnit(ind.score.decimals)).gt(ind.weight.value)) continue;', 'full marks ask for a 偏差原因'],
  ['src/core/rules/selfeval-rate.ts', 'const holds = r.value.plus(r.half).gte(c.lo) && r.value.minus(r.half).lte(c.hi);', 'const holds = r.value.gte(c.lo) && r.value.lte(c.hi);', 'a printed rate gets no rounding allowance'],
  ['src/core/rules/selfeval-rate-score.ts', 'if (s.minus(half).gt(maxAllowed)) {', 'if (s.gt(maxAllowed)) {', 'a score at the maximum plus its rounding is an error'],
  ['src/core/rules/overspend.ts', "if (outcomeOf(excess, allowance) === 'mismatch') {", "if (outcomeOf(excess, allowance) !== 'exact') {", 'spending over the budget by a rounding residue is an overspend'],
  ['src/core/rules/idle-funds.ts', 'if (!spend || !budget || !budget.value.gt(0)) continue;', 'if (!spend || !budget || !budget.value.gte(0)) continue;', 'a project with a zero budget is idle'],
];

function runTests() {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...TESTS, '--bail', '--silent', '-w', '2'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const failed = /Tests:\s+(\d+) failed/.exec(r.stderr ?? '');
  return { killed: r.status !== 0, failedTests: failed ? Number(failed[1]) : 0, suite: /FAIL (\S+)/.exec(r.stderr ?? '')?.[1] };
}

/** The original of the file under mutation, kept on disk: a run killed mid-mutant is undone by the next. */
const BACKUP = path.join(ROOT, '.mutation-backup.json');

function restoreLeftover() {
  if (!fs.existsSync(BACKUP)) return;
  const { file, original } = JSON.parse(fs.readFileSync(BACKUP, 'utf8'));
  fs.writeFileSync(path.join(ROOT, file), original);
  fs.rmSync(BACKUP);
  process.stderr.write(`restored ${file} from an interrupted run\n`);
}

function main() {
  restoreLeftover();
  const arg = (name) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : undefined);
  const only = arg('--only');
  const from = arg('--from') ?? 0;
  const results = [];
  let restore = null;
  // spawnSync blocks signals until the child ends; the child is killed with us, then this restores.
  const onSignal = () => {
    if (restore) restore();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  MUTATIONS.forEach(([file, find, replace, what, equivalent], i) => {
    if ((only !== undefined && only !== i) || i < from) return;
    const full = path.join(ROOT, file);
    const original = fs.readFileSync(full, 'utf8');
    const at = original.indexOf(find);
    if (at < 0 || original.indexOf(find, at + 1) >= 0) {
      results.push({ i, file, what, error: at < 0 ? 'pattern not found' : 'pattern not unique' });
      return;
    }
    restore = () => {
      fs.writeFileSync(full, original);
      fs.rmSync(BACKUP, { force: true });
    };
    fs.writeFileSync(BACKUP, JSON.stringify({ file, original }));
    fs.writeFileSync(full, original.slice(0, at) + replace + original.slice(at + find.length));
    const t0 = Date.now();
    let outcome;
    try {
      outcome = runTests();
    } finally {
      restore();
      restore = null;
    }
    results.push({ i, file, what, ...outcome, ...(equivalent ? { equivalent } : {}), seconds: Math.round((Date.now() - t0) / 1000) });
    process.stderr.write(`${i}: ${outcome.killed ? 'killed' : 'SURVIVED'} — ${what}${outcome.suite ? ` (${outcome.suite})` : ''}\n`);
  });
  const valid = results.filter((r) => !r.error);
  const killed = valid.filter((r) => r.killed).length;
  // Equivalent mutants behave exactly as the original: no test can catch them, so they are not counted.
  const counted = valid.filter((r) => r.killed || !r.equivalent);
  process.stdout.write(
    JSON.stringify({ mutants: valid.length, equivalent: valid.length - counted.length, killed, killRate: counted.length ? Number((killed / counted.length).toFixed(3)) : null, results }, null, 2) + '\n',
  );
}

main();
