/**
 * Bounded work (issue #11, item 6): odd but possible input must be read, or refused with a clear
 * message, within seconds, whatever its shape. Each case runs in a worker with a deadline (bounded.ts),
 * so unbounded work fails the test on time instead of hanging the suite. The deadline is generous, never
 * a speed target: on the code before the fix each of these ran for a minute or more (or forever).
 */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { snapshotToWorkbook } from '../../src/node/xlsx-writer';
import { seedWith, templateSheet } from '../report/fixtures';
import { bounded, finished, stopWorker } from './bounded';
import type { CliRun, ReportRun } from './bounded-scenarios';

/** What any case may take once its modules are loaded, on a busy machine. */
const DEADLINE = 10_000;
/** Loading (transpiling) the modules in the worker, once per file, comes on top. */
const TEST_TIMEOUT = 90_000;

const SEED = path.join(__dirname, '..', 'audit', 'fixtures', 'seed-report.txt');

let dir: string;
let seed: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bounded-'));
  seed = await fs.readFile(SEED, 'utf8');
});
afterAll(async () => {
  await stopWorker();
  await fs.rm(dir, { recursive: true, force: true });
});

interface AuditJson {
  summary: { errors: number; figures: number; paragraphs: number };
  findings: { rule: string; paragraph: number; message: string }[];
}

/** The seed draft with odd paragraphs added at its end, audited by the CLI (json). */
async function auditSeedWith(name: string, extra: string): Promise<AuditJson & { code: number }> {
  const file = path.join(dir, `${name}.txt`);
  await fs.writeFile(file, `${seed}\n${extra}\n`);
  const run = finished(await bounded<CliRun>('cli', [['audit', file, '--format', 'json'], dir], { deadline: DEADLINE }), `audit ${name}`);
  expect(run.err).toBe('');
  return { code: run.code, ...(JSON.parse(run.out) as AuditJson) };
}

/** The seed draft's own slips are all still found: nothing odd added after them stops the checks. */
function expectSeedSlips(r: AuditJson & { code: number }): void {
  expect(r.code).toBe(1);
  const messages = r.findings.map((f) => f.message);
  expect(messages).toContain('前后数字不一致：基本支出434.35万元，第16段为基本支出416.47万元');
  expect(messages.filter((m) => m.startsWith('单位错误：「项目支出131.31元」应为131.31万元'))).toHaveLength(1);
  expect(r.findings.filter((f) => f.paragraph <= 43 && f.rule !== 'template-leftover').length).toBeGreaterThanOrEqual(4);
}

const SEED_PARAGRAPHS = 43;

describe('the draft audit reads odd numbers in linear time', () => {
  test('a line holding one 200,000-digit number is read, and its 其中 list checked', async () => {
    const huge = '9'.repeat(200_000);
    const r = await auditSeedWith('digits', `2023年项目支出${huge}万元，其中业务性专项经费10.00万元，村级组织运转经费20.00万元。`);
    expectSeedSlips(r);
    const own = r.findings.filter((f) => f.paragraph === SEED_PARAGRAPHS + 1);
    expect(own.map((f) => f.rule)).toEqual(['parts-sum']);
    expect(own[0].message).toContain(`项目支出${huge}万元所列明细（业务性专项经费10.00万元、村级组织运转经费20.00万元）合计30.00万元`);
  }, TEST_TIMEOUT);

  test('a number of 100,000 digits on either side of its decimal point', async () => {
    const r = await auditSeedWith('digits-dot', `附注：结余${'9'.repeat(100_000)}.${'9'.repeat(100_000)}万元。`);
    expectSeedSlips(r);
    expect(r.summary.paragraphs).toBe(SEED_PARAGRAPHS + 1);
  }, TEST_TIMEOUT);

  test('a run of 200,000 Chinese numerals before 个', async () => {
    const r = await auditSeedWith('numerals', `附注：共${'二'.repeat(200_000)}个。`);
    expectSeedSlips(r);
  }, TEST_TIMEOUT);

  test('a label of 200,000 joining words (为为为…) before its figure', async () => {
    const r = await auditSeedWith('joining-words', `附注：支出${'为'.repeat(200_000)}合计1.00万元。`);
    expectSeedSlips(r);
    expect(r.summary.figures).toBeGreaterThan(0);
  }, TEST_TIMEOUT);
});

describe('the draft audit stays linear in the number of figures', () => {
  test('one paragraph of 10,000 其中 lists, one of them wrong', async () => {
    const lists = Array.from({ length: 10_000 }, (_, i) => (i === 7_000 ? '支出3.00万元，其中基本支出1.00万元，项目支出2.50万元' : '支出3.00万元，其中基本支出1.00万元，项目支出2.00万元'));
    const r = await auditSeedWith('qizhong', `附注：${lists.join('；')}。`);
    expectSeedSlips(r);
    const own = r.findings.filter((f) => f.paragraph === SEED_PARAGRAPHS + 1 && f.rule === 'parts-sum');
    expect(own).toHaveLength(1);
    expect(own[0].message).toBe('支出3.00万元与所列明细不符：基本支出1.00万元、项目支出2.50万元合计3.50万元，相差0.50万元');
  }, TEST_TIMEOUT);

  test('a label quoted in 3,000 paragraphs, once with another amount', async () => {
    const paras = Array.from({ length: 3_000 }, (_, i) => `专项业务经费${i === 2_000 ? '13.00' : '12.00'}万元。`);
    const r = await auditSeedWith('quoted', paras.join('\n\n'));
    expectSeedSlips(r);
    const odd = r.findings.filter((f) => f.paragraph > SEED_PARAGRAPHS && f.rule === 'quoted-differently');
    expect(odd.map((f) => [f.paragraph, f.message])).toEqual([[SEED_PARAGRAPHS + 2_001, `前后数字不一致：专项业务经费13.00万元，第${SEED_PARAGRAPHS + 1}段为专项业务经费12.00万元`]]);
  }, TEST_TIMEOUT);

  test('one sentence of 20,000 counted lists', async () => {
    const r = await auditSeedWith('counts', `附注：${'共2个，分别是甲、乙，'.repeat(20_000)}共3个，分别是甲、乙。`);
    expectSeedSlips(r);
    const own = r.findings.filter((f) => f.paragraph === SEED_PARAGRAPHS + 1);
    expect(own.map((f) => f.message)).toEqual(['文中说3个，但其后列出了2个']);
  }, TEST_TIMEOUT);

  test('one sentence of 20,000 lists named before their count (甲、乙三项)', async () => {
    const r = await auditSeedWith('counts-before', `附注：${'甲、乙三项工作'.repeat(20_000)}。`);
    expectSeedSlips(r);
  }, TEST_TIMEOUT);

  test('one paragraph of 60,000 执行率', async () => {
    const r = await auditSeedWith('rates', `附注：${Array(60_000).fill('执行率90.00%').join('，')}。`);
    expectSeedSlips(r);
    expect(r.summary.figures).toBeGreaterThan(60_000);
  }, TEST_TIMEOUT);
});

describe('templates: a bound on nesting and on repeated output, named by cell', () => {
  const report = async (rows: (string | null)[][]) => finished(await bounded<ReportRun>('reportWithTemplates', [rows], { deadline: DEADLINE }), 'report');

  test('a 模板 sheet with 200 nested {#项目} repeats: refused at once by the CLI, naming the cell', async () => {
    const file = path.join(dir, 'nested-200.xlsx');
    const template = `${'{#项目}'.repeat(200)}{项目名称}${'{/项目}'.repeat(200)}`;
    await snapshotToWorkbook(seedWith([templateSheet([['预算收入', template, null, null]])])).xlsx.writeFile(file);
    const run = finished(await bounded<CliRun>('cli', [['report', file, '-o', path.join(dir, 'nested-200.txt')], dir], { deadline: DEADLINE }), 'report');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^错误：模板工作表「模板」单元格 B2（预算收入）：第 101 个字符处的「\{#项目\}」嵌套过深：条件、重复与连接（.*）最多嵌套 20 层/);
    expect(run.err).toContain('Error: template sheet "模板" cell B2 (预算收入): "{#项目}" at character 101 nests too deep');
    await expect(fs.stat(path.join(dir, 'nested-200.txt'))).rejects.toThrow();
  }, TEST_TIMEOUT);

  test('a balanced template nested 5,000 deep is too deep, never 「缺少结束标记」 nor a stack overflow', async () => {
    // 50,000 characters: more than Excel keeps in a cell, but other tools write such cells and the reader reads them.
    const file = path.join(dir, 'nested-5000.xlsx');
    const template = `${'{?年度}'.repeat(5_000)}{年度}${'{/年度}'.repeat(5_000)}`;
    await snapshotToWorkbook(seedWith([templateSheet([['预算收入', template, null, null]])])).xlsx.writeFile(file);
    const run = finished(await bounded<CliRun>('cli', [['report', file, '-o', path.join(dir, 'nested-5000.txt')], dir], { deadline: DEADLINE }), 'report');
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      '错误：模板工作表「模板」单元格 B2（预算收入）：第 101 个字符处的「{?年度}」嵌套过深：条件、重复与连接（{#…}、{^…}、{?…}、{!…}、{+…}）最多嵌套 20 层，常用的模板只需 2～3 层' +
        '（Error: template sheet "模板" cell B2 (预算收入): "{?年度}" at character 101 nests too deep: sections and joins ({#…}, {^…}, {?…}, {!…}, {+…}) nest at most 20 levels; templates usually need 2 or 3）',
    );
    // The same template given to the core (no cell limit there): the same error, with its origin.
    const r = await report([['预算收入', template, null, null]]);
    expect(r).toMatchObject({ origin: { key: '预算收入', sheet: '模板', cell: 'B2' } });
  }, TEST_TIMEOUT);

  test('20 levels are allowed; a shallow template that still repeats 9⁸ times (the seed has 9 projects) is stopped by its output', async () => {
    const deep = `${'{?年度}'.repeat(20)}{年度}年${'{/年度}'.repeat(20)}`;
    expect(await report([['预算收入', deep, null, null]])).toMatchObject({ paragraphs: expect.any(Number) });
    const template = `${'{#项目}'.repeat(8)}{项目名称}${'{/项目}'.repeat(8)}`;
    const r = await report([['预算收入', template, null, null]]);
    expect(r).toMatchObject({ origin: { key: '预算收入', sheet: '模板', cell: 'B2' } });
    expect('zh' in r && r.zh).toBe('模板工作表「模板」单元格 B2（预算收入）：模板展开过大：本段在重复「{#项目}」中输出超过 500000 个字符（或重复项），请检查是否把重复嵌套在了重复之中');
    expect('en' in r && r.en).toContain('template sheet "模板" cell B2 (预算收入): the template expands too far: repeating "{#项目}"');
  }, TEST_TIMEOUT);

  test('repeats that write nothing are bounded too', async () => {
    const r = await report([['预算收入', `${'{#项目}'.repeat(12)}${'{/项目}'.repeat(12)}`, null, null]]);
    expect('zh' in r && r.zh).toContain('模板展开过大');
  }, TEST_TIMEOUT);

  test('project paragraphs under the paragraph bound, repeated for every project, stop at the report bound', async () => {
    // 9⁴ repeats of 45 characters is about 300,000 characters a paragraph; the 9 projects' titles and
    // bodies together pass 5,000,000.
    const template = `${'{#项目}'.repeat(4)}${'正文'.repeat(22)}。${'{/项目}'.repeat(4)}`;
    const r = await report([
      ['项目标题', template, null, null],
      ['项目内容', template, null, null],
    ]);
    expect(r).toMatchObject({ origin: { sheet: '模板' } });
    expect('zh' in r && r.zh).toMatch(/^模板工作表「模板」单元格 B[23]（项目(标题|内容)）：模板展开过大：报告全文超过 5000000 个字符，写到本段时停止，请检查本段模板中的重复$/);
  }, TEST_TIMEOUT);
});
