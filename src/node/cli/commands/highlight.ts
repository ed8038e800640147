/** `budget-recon highlight FILE -o OUT.xlsx`: a marked-up copy; the input is never touched. */
import * as path from 'path';
import { UserError } from '../../errors';
import { highlightPackage } from '../../../ooxml/highlight';
import { checkOutputDir, refuseInputAsOutput, writeAllAtomic } from '../../output-file';
import { checkCopyExtension, editPackage } from '../../package-copy';
import { settingsFromOptions, SETTINGS_OPTIONS } from '../../settings-args';
import { exitCodeFor, validateFile } from '../../validate-file';
import { parseArgs, requireOneFile } from '../args';
import { CliIO } from '../io';

export const help = [
  '用法 Usage:  budget-recon highlight 文件.xlsx -o 输出.xlsx [--tolerance X] [--idle-threshold P]',
  '',
  '生成一份标注副本：有问题的单元格按级别着色（错误 浅红、警告 浅黄、提示 浅蓝）并加批注，',
  '另附“校验结果”工作表，逐条列出问题（可点击跳转到单元格）和未能检查的项目。原文件不会被修改；',
  '副本保留原文件的全部内容（图表、数据透视表、表格、数据验证、条件格式、宏）。启用宏的 .xlsm 副本须以 .xlsm 结尾。',
  'Writes a copy with problem cells coloured by severity (error red, warning yellow, notice blue) and',
  'annotated, plus a 校验结果 sheet listing every finding with a link to its cell. The input is never modified;',
  'the copy keeps everything the original has (charts, pivot tables, tables, validation, formats, macros).',
  '',
  '选项 Options:',
  '  -o, --output 输出.xlsx  标注副本的保存位置（必填，不能与输入文件相同） where to write the copy (required)',
  '  --tolerance X          绝对容差 absolute tolerance',
  '  --idle-threshold P     资金闲置阈值，默认 90% idle-funds threshold (default 90%)',
  '',
  '退出码 Exit codes: 0 无错误 · 1 发现错误 · 2 文件不可用',
].join('\n');

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(
    argv,
    { output: { type: 'string', alias: 'o' }, ...SETTINGS_OPTIONS },
    'highlight',
  );
  const file = requireOneFile(parsed, 'highlight');
  const output = parsed.options.output as string | undefined;
  if (!output) {
    throw new UserError('missing-output', '请用 -o 指定标注副本的保存位置，例如 -o 标注.xlsx', 'give the output file with -o, e.g. -o marked.xlsx');
  }
  const input = path.resolve(io.cwd, file);
  const target = path.resolve(io.cwd, output);
  await refuseInputAsOutput(input, target, output);
  if (!['.xlsx', '.xlsm'].includes(path.extname(target).toLowerCase())) {
    throw new UserError('bad-output', `输出文件应以 .xlsx 结尾：${output}`, `the output file should end in .xlsx: ${output}`);
  }
  await checkOutputDir(target, output);
  const settings = settingsFromOptions(parsed.options);
  const { result, data } = await validateFile(input, settings, file);
  await checkCopyExtension(data, output);
  const { data: copy, stats } = await editPackage(file, () => highlightPackage(data, { findings: result.findings, notChecked: result.notChecked }));
  await writeAllAtomic([{ target, shown: output, data: Buffer.from(copy) }]);
  const s = result.summary;
  io.out(
    `已生成标注副本：${output}（标注 ${stats.cellsMarked} 个单元格；错误 ${s.errors} 项，警告 ${s.warnings} 项，提示 ${s.infos} 项；未能检查 ${result.notChecked.length} 项）`,
  );
  io.out(`Wrote ${output}: ${stats.cellsMarked} cell(s) marked; ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} notice(s).`);
  return exitCodeFor(result, settings);
}
