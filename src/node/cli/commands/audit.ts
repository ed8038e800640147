/** `budget-recon audit DRAFT [--workbook FILE] [--format text|json]` */
import * as path from 'path';
import { readModel } from '../../../core';
import { auditText, AUDIT_RULE_LABEL, AuditFinding, AuditResult } from '../../../core/audit';
import { SEVERITY_LABEL } from '../../../core/findings';
import { BudgetModel } from '../../../core/model';
import { Draft, locate, readDraft } from '../../audit/read-draft';
import { UserError } from '../../errors';
import { loadXlsx } from '../../xlsx-reader';
import { parseArgs, requireOneFile, textOrJson } from '../args';
import { CliIO } from '../io';

export const help = [
  '用法 Usage:  budget-recon audit 报告文件 [--workbook 工作簿.xlsx] [--format text|json]',
  '',
  '核对已写好的自评报告（.txt、.md、.docx、.pdf）中的数字：其中明细之和、收支平衡、占比、增减幅度、完成率、',
  '“共N个”与所列项、同一数字前后不一致、单位错误（元/万元）、未删除的模板提示语。给出 --workbook 时，',
  '还把正文中带标签的数字与工作簿逐一比对，并指出单元格。报告文件不会被修改。',
  'Audits the figures in an existing report draft against its own arithmetic and, with --workbook, against the workbook.',
  '',
  '选项 Options:',
  '  --workbook FILE        与之比对的工作簿（.xlsx） the workbook to compare the text with',
  '  --format text|json     输出格式，默认 text output format (default text)',
  '',
  '退出码 Exit codes: 0 无错误 no errors · 1 发现错误 errors found · 2 文件不可用 unusable input',
].join('\n');

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(argv, { workbook: { type: 'string', alias: 'w' }, format: { type: 'string', alias: 'f' } }, 'audit');
  const file = requireOneFile(parsed, 'audit');
  const format = textOrJson(parsed);
  const draft = await readDraft(path.resolve(io.cwd, file), file);
  const workbookFile = parsed.options.workbook as string | undefined;
  let model: BudgetModel | undefined;
  if (workbookFile) model = await loadModel(path.resolve(io.cwd, workbookFile), workbookFile);
  const result = auditText(draft.paragraphs, { model, paragraphOffsets: draft.offsets });
  // A paragraph joined from several lines: offsets into the file skip the line breaks removed.
  if (draft.segments)
    for (const f of result.findings) {
      f.docStart = locate(draft, f.paragraph - 1, f.start).offset;
      f.docEnd = locate(draft, f.paragraph - 1, Math.max(f.start, f.end - 1)).offset + 1;
    }
  if (format === 'json') {
    io.out(JSON.stringify(toJson(file, draft, result, workbookFile), null, 2));
  } else {
    io.out(formatText(file, draft, result, workbookFile));
  }
  return result.summary.errors > 0 ? 1 : 0;
}

async function loadModel(filePath: string, file: string): Promise<BudgetModel> {
  const { snapshot } = await loadXlsx(filePath, { displayName: file });
  const { model } = readModel(snapshot);
  if (model.summaries.length === 0 && model.projectTables.length === 0) {
    throw new UserError(
      'unusable-workbook',
      `${file} 中没有可识别的收支表或项目支出表，无法与正文比对`,
      `${file} holds no recognisable summary or project table to compare the text with`,
    );
  }
  return model;
}

function whereOf(draft: Draft, f: AuditFinding): string {
  const w = locate(draft, f.paragraph - 1, f.start).line;
  if (draft.format === 'pdf') return `第${f.paragraph}段（第${w}页）`;
  if (draft.format === 'docx') return `第${f.paragraph}段`;
  return `第${f.paragraph}段（第${w}行）`;
}

function toJson(file: string, draft: Draft, result: AuditResult, workbook?: string) {
  return {
    file,
    format: draft.format,
    workbook: workbook ?? null,
    notes: draft.notes,
    summary: result.summary,
    findings: result.findings.map((f) => {
      const w = locate(draft, f.paragraph - 1, f.start).line;
      if (draft.format === 'pdf') return { ...f, page: w };
      if (draft.format === 'docx') return f;
      return { ...f, line: w };
    }),
  };
}

function formatText(file: string, draft: Draft, result: AuditResult, workbook?: string): string {
  const s = result.summary;
  const lines: string[] = [];
  lines.push(`核对 ${file}${workbook ? `（比对工作簿 ${workbook}）` : ''}：${s.paragraphs} 段，读出 ${s.figures} 个数字，核对 ${s.checks} 处算式${workbook ? `，与工作簿比对 ${s.comparedWithWorkbook} 个数字` : ''}`);
  lines.push(`Audited ${file}: ${s.paragraphs} paragraphs, ${s.figures} figures, ${s.checks} statements checked${workbook ? `, ${s.comparedWithWorkbook} figures compared with the workbook` : ''}`);
  for (const n of draft.notes) lines.push(`注 Note: ${n}`);
  lines.push('');
  if (result.findings.length === 0) {
    lines.push('未发现问题。No problems found.');
  }
  for (const f of result.findings) {
    const sev = SEVERITY_LABEL[f.severity];
    const rule = AUDIT_RULE_LABEL[f.rule];
    lines.push(`${whereOf(draft, f)}  ${sev.zh} ${sev.en} [${rule.zh} ${f.rule}]`);
    lines.push(`  ${f.message}`);
    lines.push(`  ${f.messageEn}`);
    const quoted = f.text.length > 80 ? f.text.slice(0, 78) + '……' : f.text;
    lines.push(`  原文 Text: 「${quoted}」`);
    lines.push('');
  }
  lines.push(`合计 Total: 错误 errors ${s.errors} · 警告 warnings ${s.warnings} · 提示 notices ${s.infos}`);
  return lines.join('\n');
}
