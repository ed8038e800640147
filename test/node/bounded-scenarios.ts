/**
 * What test/node/bounded-work.test.ts runs in a worker (see bounded.ts): whole commands and report
 * generation, each returning plain data the worker can post back.
 */
import { main } from '../../src/node/cli/main';
import { memoryIO } from '../../src/node/cli/io';
import { TemplateError } from '../../src/core/report/template-language';
import { paragraphText } from '../../src/core/report/types';
import { reportFor } from '../report/helpers';
import { seedWith, templateSheet } from '../report/fixtures';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `budget-recon …` as a user runs it, output captured. */
export async function cli(args: string[], cwd: string): Promise<CliRun> {
  const io = memoryIO(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

export type ReportRun = { paragraphs: number; chars: number } | { zh: string; en: string; origin: TemplateError['origin'] };

/** The corrected seed workbook's report with a 模板 sheet of these rows ([键, 模板, 样式, 说明]). */
export function reportWithTemplates(rows: (string | null)[][]): ReportRun {
  try {
    const report = reportFor(seedWith([templateSheet(rows)]));
    return { paragraphs: report.paragraphs.length, chars: report.paragraphs.reduce((n, p) => n + paragraphText(p).length, 0) };
  } catch (e) {
    if (e instanceof TemplateError) return { zh: e.messageZh, en: e.messageEn, origin: e.origin };
    throw e;
  }
}
