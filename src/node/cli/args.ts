/**
 * A small argument parser shared by the commands: `--name value`, `--name=value`,
 * short aliases (`-o out.xlsx`), boolean flags, and positionals. Unknown options are
 * a UserError so a typo never runs silently with defaults.
 */
import { UserError } from '../errors';

export interface OptionSpec {
  type: 'string' | 'boolean';
  alias?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
}

export function parseArgs(argv: string[], specs: OptionSpecs, command: string): ParsedArgs {
  const byAlias = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) if (spec.alias) byAlias.set(spec.alias, name);

  const positionals: string[] = [];
  const options: Record<string, string | boolean | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else {
      name = byAlias.get(arg.slice(1));
    }
    const spec = name !== undefined ? specs[name] : undefined;
    if (name === undefined || !spec) {
      throw new UserError(
        'unknown-option',
        `未知选项 ${arg}，运行 budget-recon help ${command} 查看用法`,
        `unknown option ${arg}; run budget-recon help ${command} for usage`,
      );
    }
    if (spec.type === 'boolean') {
      if (inline !== undefined) {
        throw new UserError('bad-option', `选项 --${name} 不接受取值`, `option --${name} takes no value`);
      }
      options[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('-') && value.length > 1 && !/^-\d/.test(value))) {
      throw new UserError('missing-value', `选项 --${name} 缺少取值`, `option --${name} needs a value`);
    }
    // 「-o a.docx -o b.docx」: which one was meant? Never take the last in silence.
    if (options[name] !== undefined && options[name] !== value) {
      throw new UserError('repeated-option', `选项 --${name} 给了两次（${String(options[name])}、${value}），请只保留一个`, `option --${name} was given twice (${String(options[name])}, ${value}); keep one`);
    }
    options[name] = value;
  }
  return { positionals, options };
}

/** The single positional FILE argument a command requires. */
export function requireOneFile(parsed: ParsedArgs, command: string): string {
  if (parsed.positionals.length === 0) {
    throw new UserError(
      'missing-file',
      `缺少要处理的文件，用法见 budget-recon help ${command}`,
      `no input file given; see budget-recon help ${command}`,
    );
  }
  if (parsed.positionals.length > 1) {
    throw new UserError(
      'extra-arguments',
      `多余的参数：${parsed.positionals.slice(1).join(' ')}`,
      `unexpected arguments: ${parsed.positionals.slice(1).join(' ')}`,
    );
  }
  return parsed.positionals[0];
}

/** `--format text|json` (default text) for commands that print their result. */
export function textOrJson(parsed: ParsedArgs): 'text' | 'json' {
  const format = (parsed.options.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UserError('bad-format', `输出格式“${format}”无效：应为 text 或 json`, `invalid format "${format}": use text or json`);
  }
  return format;
}
