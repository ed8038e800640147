/** `budget-recon validate FILE [--format text|json] [--tolerance X] [--idle-threshold P]` */
import { formatTextReport } from '../../format-text';
import { settingsFromOptions, SETTINGS_OPTIONS } from '../../settings-args';
import { exitCodeFor, validateFileReadOnly } from '../../validate-file';
import { parseArgs, requireOneFile, textOrJson } from '../args';
import { CliIO } from '../io';
import * as path from 'path';

export const help = [
  '用法 Usage:  budget-recon validate 文件.xlsx [--format text|json] [--tolerance X] [--idle-threshold P]',
  '',
  '校验工作簿中的勾稽关系（项目收支平衡、合计与明细、收支总表、表间一致、执行率、超支与闲置资金、单位、文本型数字、公式错误），',
  '按工作表和规则分组列出问题，并列出因缺少行或列而未能检查的项目。输入文件不会被修改。',
  'Checks the workbook\'s figures and lists those that do not reconcile, grouped by sheet and rule. The file is never modified.',
  '',
  '选项 Options:',
  '  --format text|json     输出格式，默认 text；json 只在标准输出打印 {findings, notChecked, summary}',
  '                         output format (default text); json prints only {findings, notChecked, summary}',
  '  --tolerance X          绝对容差（各表自身单位，如 0.01），替代按小数位的尾差规则',
  '                         absolute tolerance in each table\'s unit; overrides the rounding rule',
  '  --idle-threshold P     执行率低于此值视为资金闲置，默认 90%；可写 90、90% 或 0.9',
  '                         execution rate below which funds count as idle (default 90%)',
  '',
  '退出码 Exit codes: 0 无错误 no errors · 1 发现错误 errors found · 2 文件不可用 unusable input',
].join('\n');

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(
    argv,
    { format: { type: 'string', alias: 'f' }, ...SETTINGS_OPTIONS },
    'validate',
  );
  const file = requireOneFile(parsed, 'validate');
  const format = textOrJson(parsed);
  const settings = settingsFromOptions(parsed.options);
  const { result, snapshot } = await validateFileReadOnly(path.resolve(io.cwd, file), settings, file);
  if (format === 'json') {
    io.out(JSON.stringify({ findings: result.findings, notChecked: result.notChecked, summary: result.summary }, null, 2));
  } else {
    io.out(formatTextReport(result, snapshot.sheets.map((s) => s.name), file));
  }
  return exitCodeFor(result, settings);
}
