/**
 * `budget-recon demo` (npm run demo): runs the product on the bundled sample.
 * The demo is a list of steps sharing one context, so later features (the report)
 * append a step without touching the others.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { formatTextReport } from '../../format-text';
import { highlightPackage } from '../../../ooxml/highlight';
import { SAMPLE_FILES, samplesDir } from '../../make-samples';
import { FileValidation, validateFile, validateFileReadOnly } from '../../validate-file';
import { writeAllAtomic } from '../../output-file';
import { CliIO } from '../io';

export const help = [
  '用法 Usage:  budget-recon demo',
  '',
  '用内置样例（2023 年石峰区委组织部，保留了原报告中的差错）演示：校验并打印问题，生成标注副本。',
  'Runs the checks on the bundled sample (the 2023 seed report\'s figures, slips kept in), prints the',
  'findings and writes the highlighted copy.',
].join('\n');

export interface DemoContext {
  io: CliIO;
  /** The bundled sample workbook. */
  sample: string;
  /** Folder the demo writes into (samples/output, or the working directory). */
  outputDir: string;
  validation?: FileValidation;
  /** Files the demo wrote, announced at the end. */
  written: { path: string; what: string }[];
}

export interface DemoStep {
  title: string;
  run(ctx: DemoContext): Promise<void>;
}

export const DEMO_STEPS: DemoStep[] = [
  {
    title: '校验样例工作簿 Checking the sample workbook',
    async run(ctx) {
      ctx.validation = await validateFile(ctx.sample, {}, path.relative(ctx.io.cwd, ctx.sample) || ctx.sample);
      const v = ctx.validation;
      ctx.io.out(formatTextReport(v.result, v.snapshot.sheets.map((s) => s.name), path.basename(ctx.sample)));
    },
  },
  {
    title: '生成标注副本 Writing the highlighted copy',
    async run(ctx) {
      const v = ctx.validation!;
      const { data, stats } = await highlightPackage(v.data, { findings: v.result.findings, notChecked: v.result.notChecked });
      const name = ctx.outputDir === ctx.io.cwd ? 'budget-recon-demo.xlsx' : `${path.basename(ctx.sample, '.xlsx')}-标注.xlsx`;
      const target = path.join(ctx.outputDir, name);
      await writeAllAtomic([{ target, shown: target, data: Buffer.from(data) }]);
      ctx.written.push({ path: target, what: '标注副本 highlighted copy' });
      ctx.io.out(`已标注 ${stats.cellsMarked} 个单元格，并附“校验结果”工作表（${stats.findings} 条）。`);
      ctx.io.out(`Marked ${stats.cellsMarked} cell(s) and added a 校验结果 sheet (${stats.findings} finding(s)).`);
    },
  },
  {
    title: '校验已更正的样例 Checking the corrected twin',
    async run(ctx) {
      const twin = path.join(path.dirname(ctx.sample), SAMPLE_FILES.corrected);
      const { result } = await validateFileReadOnly(twin, {}, path.basename(twin));
      const s = result.summary;
      ctx.io.out(`${path.basename(twin)}：错误 ${s.errors} 项，警告 ${s.warnings} 项，提示 ${s.infos} 项` + (s.errors === 0 ? '——差错已全部更正。' : '。'));
      ctx.io.out(`Corrected twin: ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} notice(s).`);
    },
  },
  {
    title: '由工作簿生成自评报告 Writing the 自评报告 from the workbook',
    async run(ctx) {
      // The same command a user runs; the slipped sample's figures are marked 待核实.
      const base = path.join(ctx.outputDir, path.basename(ctx.sample, '.xlsx'));
      await runCommand('report', [ctx.sample, '-o', `${base}-自评报告.docx`, '--xlsx', `${base}-自评报告.xlsx`], ctx.io);
      ctx.written.push({ path: `${base}-自评报告.docx`, what: '自评报告 report (.docx)' }, { path: `${base}-自评报告.xlsx`, what: '含“自评报告”工作表的副本 copy with the 自评报告 sheet' });
      const twin = path.join(path.dirname(ctx.sample), SAMPLE_FILES.corrected);
      const twinOut = path.join(ctx.outputDir, `${path.basename(twin, '.xlsx')}-自评报告.docx`);
      await runCommand('report', [twin, '-o', twinOut], ctx.io);
      ctx.written.push({ path: twinOut, what: '已更正样例的自评报告 report from the corrected twin' });
    },
  },
  {
    title: '审核已有的报告草稿 Auditing the original draft report',
    async run(ctx) {
      const draft = path.join(path.dirname(ctx.sample), SAMPLE_DRAFT);
      const twin = path.join(path.dirname(ctx.sample), SAMPLE_FILES.corrected);
      await runCommand('audit', [draft, '--workbook', twin], ctx.io);
    },
  },
  {
    title: '离线网页版 The offline page',
    async run(ctx) {
      // Built by `npm run build`; the demo copies it beside its other outputs when it is there.
      const page = path.join(path.dirname(samplesDir()), 'dist', 'budget-recon.html');
      if (!(await fs.stat(page).then((st) => st.isFile(), () => false))) {
        ctx.io.out('离线网页版尚未生成：运行 npm run build 后，dist/budget-recon.html 即可双击打开。');
        ctx.io.out('The offline page is not built yet: after npm run build, open dist/budget-recon.html by double-clicking it.');
        return;
      }
      const target = path.join(ctx.outputDir, 'budget-recon.html');
      await fs.copyFile(page, target);
      ctx.written.push({ path: target, what: '离线网页版（双击打开，把工作簿拖进来）the offline page (double-click, drop a workbook on it)' });
      ctx.io.out('双击打开 budget-recon.html，把工作簿拖进来：校验、下载标注副本、生成报告、审核草稿，全部在本机浏览器中完成，不联网。');
      ctx.io.out('Double-click budget-recon.html and drop a workbook on it: validate, download the highlighted copy, write the report, audit a draft, all in the browser, offline.');
    },
  },
];

/** The seed report's own text, as the unit shipped it: the draft the audit step reads. */
export const SAMPLE_DRAFT = '2023-部门整体支出绩效自评报告-草稿.txt';

/** Runs another command exactly as the CLI would; its exit code (1 = findings) is the demo's to show, not to fail on. */
async function runCommand(name: 'report' | 'audit', argv: string[], io: CliIO): Promise<number> {
  const command = (await import(`./${name}`)) as { run(argv: string[], io: CliIO): Promise<number> };
  return command.run(argv, io);
}

export async function run(_argv: string[], io: CliIO): Promise<number> {
  const ctx: DemoContext = {
    io,
    sample: path.join(samplesDir(), SAMPLE_FILES.seed),
    outputDir: await outputDir(io),
    written: [],
  };
  for (const [i, step] of DEMO_STEPS.entries()) {
    io.out(`\n【${i + 1}/${DEMO_STEPS.length}】${step.title}\n`);
    await step.run(ctx);
  }
  io.out('');
  for (const w of ctx.written) io.out(`已写入 ${w.what}：${path.relative(io.cwd, w.path) || w.path}`);
  return 0;
}

/** samples/output when it can be written, else the working directory. */
async function outputDir(io: CliIO): Promise<string> {
  const preferred = path.join(samplesDir(), 'output');
  try {
    await fs.mkdir(preferred, { recursive: true });
    await fs.access(preferred, 2 /* W_OK */);
    return preferred;
  } catch {
    return io.cwd;
  }
}
