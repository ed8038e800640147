/**
 * The draft audit as the pane shows it: runs auditText over the paragraphs read from the
 * workbook and ties each finding to the cell its paragraph came from, so a click can go there.
 * Pure functions over plain data.
 */
import { auditText, AuditFinding, AuditResult, AUDIT_RULE_LABEL } from '../core/audit';
import { BudgetModel } from '../core/model';
import { SEVERITY_ORDER, Severity } from '../core/findings';
import { CellTarget, ParagraphCell, ParagraphSource } from './host';
import { Locale } from './i18n';

export interface AuditItem {
  /** Unique within one audit (two checks may quote the same span). */
  id: string;
  finding: AuditFinding;
  /** The cell holding the finding's paragraph. */
  target: CellTarget;
  /** For workbook-mismatch: the workbook cell the text disagrees with. */
  workbookCell?: CellTarget;
}

export interface PaneAudit {
  source: ParagraphSource;
  sheet: string;
  range: string;
  paragraphs: number;
  result: AuditResult;
  items: AuditItem[];
}

/** A model worth comparing the text with: one that recognised at least one table. */
export function usableModel(model: BudgetModel | undefined): BudgetModel | undefined {
  return model && (model.summaries.length > 0 || model.projectTables.length > 0) ? model : undefined;
}

/** Each finding with the cell of its paragraph (finding.paragraph is 1-based into `cells`). */
export function auditItems(findings: AuditFinding[], cells: ParagraphCell[]): AuditItem[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = seen.get(f.id) ?? 0;
    seen.set(f.id, n + 1);
    const at = cells[f.paragraph - 1];
    const item: AuditItem = { id: n ? `${f.id}#${n}` : f.id, finding: f, target: { sheet: at.sheet, cell: at.cell } };
    if (f.sheet && f.cell) item.workbookCell = { sheet: f.sheet, cell: f.cell };
    return item;
  });
}

export function runPaneAudit(
  source: ParagraphSource,
  read: { sheet: string; range: string; cells: ParagraphCell[] },
  model?: BudgetModel,
): PaneAudit {
  const result = auditText(
    read.cells.map((c) => c.text),
    { model: usableModel(model) },
  );
  return { source, sheet: read.sheet, range: read.range, paragraphs: read.cells.length, result, items: auditItems(result.findings, read.cells) };
}

/** Items shown for the chosen severities: in document order, the worst first within a paragraph. */
export function visibleItems(items: AuditItem[], severities: ReadonlySet<Severity>): AuditItem[] {
  return items
    .filter((i) => severities.has(i.finding.severity))
    .sort((a, b) => a.finding.paragraph - b.finding.paragraph || SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.finding.start - b.finding.start);
}

export function auditCounts(items: AuditItem[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of items) c[i.finding.severity] += 1;
  return c;
}

export function auditRuleLabel(f: AuditFinding, locale: Locale): string {
  return AUDIT_RULE_LABEL[f.rule]?.[locale === 'en' ? 'en' : 'zh'] ?? f.rule;
}

/** The quoted span, cut to a length that fits a list row (the full text stays in the tooltip). */
export function quote(text: string, max = 60): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
