/**
 * `budget-recon <command> ...`: dispatches to src/node/cli/commands/<command>.ts.
 * Every command module exports `run(argv, io): Promise<number>` (the exit code) and
 * may export `help` (its usage text, Chinese first). Nothing here lets a stack trace
 * reach the user: UserErrors print one line, anything else prints one line too.
 */
import { formatErrorLine, isUserError, UserError } from '../errors';
import { CliIO, CommandRun, processIO } from './io';

interface CommandEntry {
  summary: string;
  summaryEn: string;
}

/** The command table. Modules are loaded on demand from ./commands/<name>. */
export const COMMANDS: Record<string, CommandEntry> = {
  validate: { summary: '校验工作簿中的勾稽关系，列出不平的数字', summaryEn: 'check the workbook and list figures that do not reconcile' },
  highlight: { summary: '生成标注副本：问题单元格着色、加批注，并附“校验结果”表', summaryEn: 'write a copy with problem cells coloured and a 校验结果 sheet' },
  report: { summary: '生成部门整体支出绩效自评报告', summaryEn: 'write the performance self-evaluation report' },
  audit: { summary: '核对已写好的自评报告中的数字', summaryEn: 'audit the figures in an existing self-evaluation report' },
  demo: { summary: '用内置样例演示校验与标注', summaryEn: 'run the checks on the bundled sample' },
};

interface CommandModule {
  run: CommandRun;
  help?: string;
}

/** Loads ./commands/<name>; null when that command has not been installed in this build. */
export async function loadCommand(name: string): Promise<CommandModule | null> {
  const specifier = `./commands/${name}`;
  try {
    const mod = (await import(specifier)) as Partial<CommandModule>;
    if (typeof mod.run !== 'function') return null;
    return mod as CommandModule;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(`commands/${name}'`)) return null;
    throw e;
  }
}

export function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.summaryEn}`,
  );
  return [
    'budget-recon — 预算对账与绩效自评助手（budget reconciliation and self-evaluation assistant）',
    '',
    '用法 Usage:  budget-recon <命令 command> [参数 arguments]',
    '',
    '命令 Commands:',
    ...lines,
    '',
    '运行 budget-recon help <命令> 查看某个命令的详细用法。',
    'Run budget-recon help <command> for the usage of one command.',
    '',
    '退出码 Exit codes: 0 无错误 no errors · 1 发现错误 errors found · 2 输入不可用 unusable input',
  ].join('\n');
}

async function commandHelp(name: string, io: CliIO): Promise<number> {
  const entry = COMMANDS[name];
  if (!entry) throw unknownCommand(name);
  const mod = await loadCommand(name);
  if (!mod) throw notAvailable(name);
  io.out(mod.help ?? `budget-recon ${name}\n  ${entry.summary}\n  ${entry.summaryEn}`);
  return 0;
}

function unknownCommand(name: string): UserError {
  return new UserError(
    'unknown-command',
    `未知命令“${name}”，可用命令：${Object.keys(COMMANDS).join('、')}`,
    `unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`,
  );
}

function notAvailable(name: string): UserError {
  return new UserError(
    'command-not-available',
    `命令“${name}”在此版本中尚不可用`,
    `the "${name}" command is not available in this build yet`,
  );
}

export async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    io.out(generalHelp());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.out(version());
    return 0;
  }
  if (first === 'help') {
    if (rest.length === 0) {
      io.out(generalHelp());
      return 0;
    }
    return commandHelp(rest[0], io);
  }
  if (!COMMANDS[first]) throw unknownCommand(first);
  if (rest.includes('--help') || rest.includes('-h')) return commandHelp(first, io);
  const mod = await loadCommand(first);
  if (!mod) throw notAvailable(first);
  return mod.run(rest, io);
}

function version(): string {
  try {
    // Resolved at run time so the compiled CLI reports the installed package's version.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return String(require('../../../package.json').version);
  } catch {
    return 'unknown';
  }
}

/** Runs the CLI and returns the exit code; never throws and never prints a stack trace. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (isUserError(e)) {
      io.err(e.line());
      return e.exitCode;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(
      formatErrorLine(
        `内部错误：${message}。请将此信息和文件情况反馈给维护者`,
        `internal error: ${message}; please report it with a description of the file`,
      ),
    );
    if (process.env.BUDGET_RECON_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return 2;
  }
}
