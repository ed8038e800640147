/**
 * `budget-recon report FILE -o report.docx [--xlsx OUT.xlsx] [--format docx|html|txt] [--outline NAME]`:
 * writes the 部门整体支出绩效自评报告 from the workbook. The input is never modified; outputs are
 * written to a temporary file and renamed, so a failure never leaves a partial file.
 */
import * as path from 'path';
import { generateReport } from '../../../core/report/generate';
import { renderHtmlDocument } from '../../../core/report/render-html';
import { renderText } from '../../../core/report/render-text';
import { TemplateError } from '../../../core/report/template-language';
import { DEFAULT_OUTLINE, findOutline, OUTLINES } from '../../../core/report/templates';
import { Report } from '../../../core/report/types';
import { UserError } from '../../errors';
import { checkOutputTarget, writeAllAtomic } from '../../output-file';
import { checkCopyExtension, editPackage } from '../../package-copy';
import { reportDocxBytes } from '../../../ooxml/docx';
import { reportCopy } from '../../../ooxml/report-sheets';
import { settingsFromOptions, SETTINGS_OPTIONS } from '../../settings-args';
import { exitCodeFor, validateFile } from '../../validate-file';
import { parseArgs, requireOneFile } from '../args';
import { CliIO } from '../io';

export const help = [
  '用法 Usage:  budget-recon report 文件.xlsx -o 报告.docx [--xlsx 副本.xlsx] [--format docx|html|txt] [--outline 名称]',
  '',
  '根据工作簿生成《部门整体支出绩效自评报告》：文中每个数字都取自工作簿（单元格或由单元格算出），',
  '校验仍有错误的数字标注“待核实”并列在报告开头；工作簿没有的说明文字留下【请补充：…】标记。',
  '工作簿中名为“模板”的工作表可以逐段改写句子（见 --outline 与 README）。原文件不会被修改。',
  'Writes the performance self-evaluation report from the workbook. Every figure comes from a cell or is',
  'computed from cells; figures that still fail validation are marked 待核实 and listed at the top; missing',
  'narrative is left as a visible 【请补充：…】 marker. A 模板 sheet in the workbook overrides sentences.',
  '',
  '选项 Options:',
  '  -o, --output 文件       报告的保存位置（.docx / .html / .txt） where to write the report',
  '  --xlsx 副本.xlsx        另存一份工作簿副本，附“自评报告”工作表（每段一行，B 列为数据来源）',
  '                         also write a copy of the workbook with a 自评报告 sheet (one paragraph a row)',
  '  --template-sheet       与 --xlsx 同用：副本中另加“模板”工作表（各段的键与句子模板、可用占位符），',
  '                         供修改后覆盖默认句子；已有“模板”表时不添加',
  '                         with --xlsx: also add a starter 模板 sheet (paragraph keys, templates, placeholders)',
  '  --format docx|html|txt 报告格式，默认按 -o 的扩展名 report format (default: from the -o extension)',
  `  --outline 名称          报告大纲：${Object.keys(OUTLINES).join('、')}（南县），默认 default`,
  `                         report outline: ${Object.keys(OUTLINES).join(', ')} (default: default)`,
  '  --tolerance X          绝对容差 absolute tolerance',
  '  --idle-threshold P     执行率低于此值列入问题，默认 90% execution rate below which a project is listed (90%)',
  '',
  '退出码 Exit codes: 0 无错误 · 1 报告已生成但校验仍有错误（已标注待核实） report written, errors remain · 2 输入不可用 unusable input',
].join('\n');

type Format = 'docx' | 'html' | 'txt';
const FORMATS: Format[] = ['docx', 'html', 'txt'];
const EXTENSIONS: Record<string, Format> = { '.docx': 'docx', '.html': 'html', '.htm': 'html', '.txt': 'txt' };

function chooseFormat(output: string, requested: string | undefined): Format {
  const ext = path.extname(output).toLowerCase();
  const fromExt = EXTENSIONS[ext];
  if (requested !== undefined) {
    if (!FORMATS.includes(requested as Format)) {
      throw new UserError('bad-format', `报告格式“${requested}”无效：应为 docx、html 或 txt`, `invalid format "${requested}": use docx, html or txt`);
    }
    if (fromExt && fromExt !== requested) {
      throw new UserError(
        'format-mismatch',
        `--format ${requested} 与输出文件扩展名 ${ext} 不一致：${output}`,
        `--format ${requested} does not match the output extension ${ext}: ${output}`,
      );
    }
    return requested as Format;
  }
  if (!fromExt) {
    throw new UserError(
      'bad-output',
      `无法从文件名判断报告格式：${output}（请用 .docx、.html 或 .txt 结尾，或加 --format）`,
      `cannot tell the report format from ${output}; end it in .docx, .html or .txt, or give --format`,
    );
  }
  return fromExt;
}

/**
 * Writes every output to a temporary file beside its target, then renames them all: a failure
 * while writing leaves none of the outputs half-written.
 */
async function renderReport(report: Report, format: Format): Promise<Buffer | string> {
  if (format === 'docx') return Buffer.from(await reportDocxBytes(report));
  if (format === 'html') return renderHtmlDocument(report);
  return renderText(report);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(
    argv,
    {
      output: { type: 'string', alias: 'o' },
      xlsx: { type: 'string' },
      format: { type: 'string', alias: 'f' },
      outline: { type: 'string' },
      'template-sheet': { type: 'boolean' },
      ...SETTINGS_OPTIONS,
    },
    'report',
  );
  const file = requireOneFile(parsed, 'report');
  const output = parsed.options.output as string | undefined;
  const xlsx = parsed.options.xlsx as string | undefined;
  if (!output && !xlsx) {
    throw new UserError('missing-output', '请用 -o 指定报告的保存位置，例如 -o 自评报告.docx', 'give the report file with -o, e.g. -o report.docx');
  }
  const input = path.resolve(io.cwd, file);
  const format = output ? chooseFormat(output, parsed.options.format as string | undefined) : undefined;
  if (output) await checkOutputTarget(input, path.resolve(io.cwd, output), output);
  if (xlsx) {
    if (!['.xlsx', '.xlsm'].includes(path.extname(xlsx).toLowerCase())) {
      throw new UserError('bad-output', `--xlsx 的文件应以 .xlsx 结尾：${xlsx}`, `the --xlsx file should end in .xlsx: ${xlsx}`);
    }
    await checkOutputTarget(input, path.resolve(io.cwd, xlsx), xlsx);
    if (output && path.resolve(io.cwd, xlsx) === path.resolve(io.cwd, output)) {
      throw new UserError('same-outputs', '-o 与 --xlsx 不能是同一个文件', '-o and --xlsx must be different files');
    }
  }
  const withTemplate = parsed.options['template-sheet'] === true;
  if (withTemplate && !xlsx) {
    throw new UserError('template-needs-xlsx', '--template-sheet 需与 --xlsx 一起使用（模板工作表写入工作簿副本）', '--template-sheet needs --xlsx (the 模板 sheet goes into the workbook copy)');
  }
  const settings = settingsFromOptions(parsed.options);
  const { result, data } = await validateFile(input, settings, file);
  if (xlsx) await checkCopyExtension(data, xlsx, '--xlsx');

  let report: Report;
  try {
    report = generateReport(result.model, { findings: result.findings, settings, outline: parsed.options.outline as string | undefined });
  } catch (e) {
    if (e instanceof TemplateError) throw new UserError('bad-template', e.messageZh, e.messageEn);
    throw e;
  }

  // Render everything before writing anything, so a failure leaves no half the outputs.
  const files: { target: string; shown: string; data: Buffer | string }[] = [];
  if (output && format) files.push({ target: path.resolve(io.cwd, output), shown: output, data: await renderReport(report, format) });
  if (xlsx) {
    const templateOutline = withTemplate ? (findOutline(report.outline ?? 'default') ?? DEFAULT_OUTLINE) : undefined;
    const copy = await editPackage(file, () => reportCopy(data, report, { templateOutline }));
    if (withTemplate && !copy.templateAdded) io.err('工作簿已有“模板”工作表，未另行添加。(The workbook already has a 模板 sheet; none added.)');
    files.push({ target: path.resolve(io.cwd, xlsx), shown: xlsx, data: Buffer.from(copy.data) });
  }
  await writeAllAtomic(files);

  const figures = report.paragraphs.reduce((n, p) => n + p.runs.filter((r) => r.kind === 'figure').length, 0);
  const placeholders = report.paragraphs.reduce((n, p) => n + p.runs.filter((r) => r.kind === 'placeholder').length, 0);
  const targets = [output, xlsx].filter(Boolean).join('、');
  io.out(
    `已生成自评报告：${targets}（大纲 ${report.outline}；${report.paragraphs.length} 段，${figures} 个数字均注明来源；待核实 ${report.unverified.length} 处；待补充 ${placeholders} 处）`,
  );
  io.out(
    `Wrote ${[output, xlsx].filter(Boolean).join(', ')}: outline ${report.outline}, ${report.paragraphs.length} paragraphs, ${figures} sourced figures, ${report.unverified.length} to verify, ${placeholders} to fill in.`,
  );
  return exitCodeFor(result, settings);
}
