/**
 * The real CLI as users run it: compiled once into build/, then spawned as a child process.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { makeTempDir } from './tmp';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'budget-recon.js');
const SEED = path.join(ROOT, 'samples', '2023-石峰区委组织部-预算对账.xlsx');
const CORRECTED = path.join(ROOT, 'samples', '2023-石峰区委组织部-预算对账-已更正.xlsx');
const tmp = makeTempDir('budget-recon-cli-');

beforeAll(() => {
  // Type errors are `npm test`'s typecheck step's business; tsc still emits, and the CLI is what is tested here.
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.node.json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.error || !existsSync(path.join(ROOT, 'build', 'node', 'cli', 'main.js'))) throw new Error(`could not build the CLI: ${r.error ?? r.stdout}`);
}, 180000);
afterAll(() => tmp.cleanup());

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function expectOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^错误：.*（Error: .*）$/);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\s+at\s+\S+.*:\d+:\d+/);
}

describe('budget-recon help', () => {
  test('--help lists the commands in Chinese and English', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('用法 Usage:  budget-recon <命令 command>');
    for (const c of ['validate', 'highlight', 'report', 'audit', 'demo']) expect(r.stdout).toContain(`  ${c} `);
  });

  test('help validate shows the options', () => {
    const r = cli(['help', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--idle-threshold P');
    expect(r.stdout).toContain('--format text|json');
  });

  test('an unknown command is one line on stderr, exit 2', () => {
    const r = cli(['check', SEED]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /未知命令“check”/);
  });

  test('npx budget-recon works from the repository root', () => {
    const r = spawnSync('npx', ['--no-install', 'budget-recon', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  }, 60000);
});

describe('budget-recon validate on the bundled sample', () => {
  test('text output names the seed report slips with their cells and the fix, exit 1', () => {
    const before = sha(SEED);
    const r = cli(['validate', SEED]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('━━ 工作表「收支情况」');
    expect(r.stdout).toMatch(/\[错误\] 收支情况!B9 {2}基本支出\n.*416\.47.*434\.35/);
    expect(r.stdout).toContain('建议修正：将 B9 改为 416.47 可消除 2 项差异');
    expect(r.stdout).toMatch(/\[错误\] 项目支出明细!F28 .*\n.*年中调增/);
    expect(r.stdout).toMatch(/\[错误\] 项目支出明细!I28 .*\n.*结余结转/);
    expect(r.stdout).toMatch(/\[警告\] 项目支出明细!H\d+ {2}驻村工作队员待遇保障/);
    expect(r.stdout).toContain('未能检查的项目');
    expect(r.stdout).toMatch(/合计：错误 \d+ 项，警告 \d+ 项，提示 \d+ 项/);
    // The sheets come in workbook order.
    expect(r.stdout.indexOf('工作表「收支情况」')).toBeLessThan(r.stdout.indexOf('工作表「项目支出明细」'));
    expect(sha(SEED)).toBe(before);
  });

  test('--format json prints only the JSON object', () => {
    const r = cli(['validate', SEED, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['findings', 'notChecked', 'summary']);
    const b9 = out.findings.find((f: { cell: string; sheet: string; severity: string }) => f.sheet === '收支情况' && f.cell === 'B9' && f.severity === 'error');
    expect(b9).toMatchObject({ expected: '416.47', actual: '434.35', fix: { cell: 'B9', value: '416.47', clears: 2 } });
    expect(out.summary.errors).toBe(out.findings.filter((f: { severity: string }) => f.severity === 'error').length);
  });

  test('the corrected twin has no error, exit 0', () => {
    const r = cli(['validate', CORRECTED, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(out.summary.errors).toBe(0);
  });

  test('--idle-threshold accepts 80, 80% and 0.8 alike and moves the threshold', () => {
    const idle = (args: string[]) =>
      JSON.parse(cli(['validate', SEED, '--format', 'json', ...args]).stdout)
        .findings.filter((f: { rule: string }) => f.rule === 'idle-funds')
        .map((f: { label: string }) => f.label)
        .sort();
    const at90 = idle([]);
    const at80 = idle(['--idle-threshold', '80']);
    expect(at90).toContain('村级组织运转经费'); // 86.14% executed
    expect(at80).not.toContain('村级组织运转经费');
    expect(at80).toContain('驻村工作队员待遇保障'); // nothing spent
    expect(idle(['--idle-threshold', '80%'])).toEqual(at80);
    expect(idle(['--idle-threshold=0.8'])).toEqual(at80);
  });

  test('--tolerance overrides the rounding rule', () => {
    const errorsAt = (tol?: string) =>
      JSON.parse(cli(['validate', SEED, '--format', 'json', ...(tol ? ['--tolerance', tol] : [])]).stdout).findings.filter(
        (f: { severity: string; cell: string; sheet: string }) => f.severity === 'error' && f.sheet === '收支情况',
      ).length;
    expect(errorsAt()).toBeGreaterThan(0);
    expect(errorsAt('20')).toBe(0); // the 17.88 difference is within 20 万元
  });

  test.each([
    [['--format', 'xml'], /输出格式“xml”无效/],
    [['--idle-threshold', '150'], /闲置资金阈值“150”无效/],
    [['--tolerance', '-1'], /容差“-1”无效/],
    [['--tolerance'], /选项 --tolerance 缺少取值/],
    [['--strict'], /未知选项 --strict/],
  ])('bad option %j is one line on stderr, exit 2', (extra, pattern) => {
    const r = cli(['validate', SEED, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, pattern);
  });

  test('a missing file says which, exit 2', () => {
    const r = cli(['validate', 'samples/没有这个文件.xlsx']);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /找不到文件：samples\/没有这个文件\.xlsx/);
  });
});

describe('budget-recon highlight', () => {
  test('writes a marked copy and leaves the input untouched', () => {
    const before = sha(SEED);
    const out = path.join(tmp.dir, '标注.xlsx');
    const r = cli(['highlight', SEED, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/已生成标注副本：.*标注\.xlsx（标注 \d+ 个单元格/);
    expect(existsSync(out)).toBe(true);
    expect(sha(SEED)).toBe(before);
    // No temporary file is left next to the output.
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('refuses to overwrite the input, even spelled differently', () => {
    const before = sha(SEED);
    const r = cli(['highlight', 'samples/2023-石峰区委组织部-预算对账.xlsx', '-o', './samples/../samples/2023-石峰区委组织部-预算对账.xlsx']);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /输出文件不能与输入文件相同/);
    expect(sha(SEED)).toBe(before);
  });

  test('requires -o', () => {
    const r = cli(['highlight', SEED]);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, /请用 -o 指定/);
  });
});

describe('budget-recon demo', () => {
  test('validates the sample, prints the findings and says where the copy went', () => {
    const r = cli(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('将 B9 改为 416.47 可消除 2 项差异');
    const m = /已写入 标注副本 highlighted copy：(.+)$/m.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(existsSync(path.resolve(ROOT, m![1]))).toBe(true);
    // The offline page: copied beside the outputs when `npm run build` made it, else how to make it.
    const page = /已写入 离线网页版.*：(.+budget-recon\.html)$/m.exec(r.stdout);
    if (existsSync(path.join(ROOT, 'dist', 'budget-recon.html'))) expect(existsSync(path.resolve(ROOT, page![1]))).toBe(true);
    else expect(r.stdout).toContain('运行 npm run build 后，dist/budget-recon.html 即可双击打开');
  });
});
