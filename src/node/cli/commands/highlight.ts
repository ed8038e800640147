/** `budget-recon highlight FILE -o OUT.xlsx`: a marked-up copy; the input is never touched. */
import * as path from 'path';
import { UserError } from '../../errors';
import { applyHighlights } from '../../highlight-writer';
import { checkOutputDir, refuseInputAsOutput, writeErrorCode } from '../../output-file';
import { settingsFromOptions, SETTINGS_OPTIONS } from '../../settings-args';
import { exitCodeFor, validateFile } from '../../validate-file';
import { writeWorkbookAtomic } from '../../xlsx-writer';
import { parseArgs, requireOneFile } from '../args';
import { CliIO } from '../io';

export const help = [
  '用法 Usage:  budget-recon highlight 文件.xlsx -o 输出.xlsx [--tolerance X] [--idle-threshold P]',
  '',
  '生成一份标注副本：有问题的单元格按级别着色（错误 浅红、警告 浅黄、提示 浅蓝）并加批注，',
  '另附“校验结果”工作表，逐条列出问题（可点击跳转到单元格）和未能检查的项目。原文件不会被修改。',
  'Writes a copy with problem cells coloured by severity (error red, warning yellow, notice blue) and',
  'annotated, plus a 校验结果 sheet listing every finding with a link to its cell. The input is never modified.',
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
  if (path.extname(target).toLowerCase() !== '.xlsx') {
    throw new UserError('bad-output', `输出文件应以 .xlsx 结尾：${output}`, `the output file should end in .xlsx: ${output}`);
  }
  await checkOutputDir(target, output);
  const settings = settingsFromOptions(parsed.options);
  const { result, workbook, unsupportedParts } = await validateFile(input, settings, file);
  const stats = applyHighlights(workbook, { findings: result.findings, notChecked: result.notChecked });
  try {
    await writeWorkbookAtomic(workbook, target);
  } catch (e) {
    const code = writeErrorCode(e);
    throw new UserError('write-failed', `无法写入 ${output}（${code}）；未生成任何文件`, `cannot write ${output} (${code}); nothing was written`);
  }
  const s = result.summary;
  io.out(
    `已生成标注副本：${output}（标注 ${stats.cellsMarked} 个单元格；错误 ${s.errors} 项，警告 ${s.warnings} 项，提示 ${s.infos} 项；未能检查 ${result.notChecked.length} 项）`,
  );
  io.out(`Wrote ${output}: ${stats.cellsMarked} cell(s) marked; ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} notice(s).`);
  if (unsupportedParts && unsupportedParts.length > 0) {
    io.out(
      `注意：原文件中的${unsupportedParts.join('、')}不会出现在标注副本中（原文件不受影响）。` +
        `Note: the copy does not carry the original's ${unsupportedParts.map((p) => p.split(' ').slice(1).join(' ')).join(', ')} (the original is untouched).`,
    );
  }
  return exitCodeFor(result, settings);
}
