/**
 * auditText: checks the figures in a draft report's paragraphs against the text's own
 * arithmetic and, given a model, against the workbook. Pure: paragraphs in, findings out.
 */
import { BudgetModel } from '../model';
import { SEVERITY_ORDER } from '../findings';
import { compareWithModel } from './against-model';
import { newContext } from './context';
import { checkCounts } from './counts';
import { dominantYear, readParagraph } from './extract';
import { checkListedProjects, checkQuoted } from './quoted';
import { BUDGET_TOTAL, checkChanges, checkCompletion, checkParallel, checkShareProportions, checkShares } from './rates';
import { Figure } from './extract';
import { assignScopes } from './scopes';
import { checkBalance, checkBreakdown, checkChangesOfParts, completeBreakdown, continueAcrossParagraphs, findBreakdowns } from './structures';
import { checkTables } from './tables';
import { checkFlattenedForms } from './form-rows';
import { checkOwnTables } from './own-tables';
import { checkTemplate } from './template';
import { AuditResult } from './types';
import { checkUnits, markSuspectUnits } from './units';

export * from './types';
export { makeLongDraft } from './bench-draft';

export interface AuditOptions {
  /** The workbook model to compare labelled figures with (from readModel). */
  model?: BudgetModel;
  /** Offset of each paragraph in the document as read; adds docStart/docEnd to findings. */
  paragraphOffsets?: number[];
}

/** 支出, 整体支出, 支出合计 are one total; 财政拨款支出 is another. */
function wholeKind(key: string): string {
  if (/^(本年|全年|整体|总|部门)?支出(合计|总额|总计)?$/.test(key)) return '支出';
  if (/^(本年|全年|预算|部门)?收入(合计|总额|总计)?$/.test(key)) return '收入';
  return key;
}

export function auditText(paragraphs: string[], options: AuditOptions = {}): AuditResult {
  const paras = paragraphs.map((t, i) => readParagraph(t ?? '', i));
  const ctx = newContext(paras, dominantYear(paras));
  markSuspectUnits(paras);
  const scopes = assignScopes(paras);
  const budgets = new Map<string, Figure[]>();
  for (const p of paras) {
    for (const f of p.figures) {
      if (f.kind !== 'amount' || f.change || f.bound || f.inTable || f.year === 'prev' || !BUDGET_TOTAL.test(f.key)) continue;
      const list = budgets.get(scopes[p.index].id) ?? [];
      list.push(f);
      budgets.set(scopes[p.index].id, list);
    }
  }
  const breakdownsOf = paras.map((p) => findBreakdowns(p));
  for (const b of breakdownsOf.flat()) continueAcrossParagraphs(paras, b);
  for (const p of paras) {
    const breakdowns = breakdownsOf[p.index];
    for (const b of breakdowns) {
      checkBreakdown(ctx, b);
      if (ctx.supported.has(b.whole)) checkChangesOfParts(ctx, b);
    }
    const parts = new Set(breakdowns.flatMap((b) => b.parts));
    for (const b of breakdowns) for (const f of b.parts) f.partOf ??= wholeKind(b.whole.key);
    checkBalance(ctx, p, parts);
    checkShares(ctx, p, breakdowns);
    checkChanges(ctx, p);
    checkParallel(ctx, p);
    checkCompletion(ctx, p, budgets.get(scopes[p.index].id));
    checkCounts(ctx, p);
    checkTemplate(ctx, p);
    checkFlattenedForms(ctx, p);
  }
  checkShareProportions(ctx, completeBreakdown);
  checkTables(ctx, paras);
  let compared = checkOwnTables(ctx, scopes);
  if (options.model) compared += compareWithModel(ctx, scopes, options.model);
  checkQuoted(ctx, scopes);
  checkListedProjects(ctx, scopes);
  const usesWan = paras.some((p) => p.figures.some((f) => f.kind === 'amount' && /万元/.test(p.norm.slice(f.numEnd, f.end))));
  for (const p of paras) checkUnits(ctx, p, usesWan);

  const findings = ctx.findings.sort(
    (a, b) => a.paragraph - b.paragraph || a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  if (options.paragraphOffsets) {
    for (const f of findings) {
      const off = options.paragraphOffsets[f.paragraph - 1];
      if (off !== undefined) {
        f.docStart = off + f.start;
        f.docEnd = off + f.end;
      }
    }
  }
  return {
    findings,
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
      paragraphs: paras.length,
      figures: paras.reduce((n, p) => n + p.figures.filter((f) => f.kind !== 'plain').length, 0),
      checks: ctx.checks,
      comparedWithWorkbook: compared,
    },
  };
}
