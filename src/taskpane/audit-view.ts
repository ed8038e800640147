/**
 * The draft audit as the pane shows it: runs auditText over the paragraphs read from the
 * workbook and ties each finding to the cell its paragraph came from, so a click can go there.
 * Pure functions over plain data.
 */
import { auditText, AuditFinding, AuditResult, AUDIT_RULE_LABEL } from '../core/audit';
import { Draft, locate } from '../draft/draft';
import { BudgetModel } from '../core/model';
import { SEVERITY_ORDER, Severity } from '../core/findings';
import { CellTarget, ParagraphCell, ParagraphSource } from './host';
import { Locale } from './i18n';

export interface AuditItem {
  /** Unique within one audit (two checks may quote the same span). */
  id: string;
  finding: AuditFinding;
  /** The cell holding the finding's paragraph (absent for a draft file). */
  target?: CellTarget;
  /** Where a draft file's finding is: its line (.txt/.md), page (.pdf) or paragraph (.docx). */
  place?: DraftPlace;
  /** For workbook-mismatch: the workbook cell the text disagrees with. */
  workbookCell?: CellTarget;
}

/** A position in a draft file, as the user finds it in their editor or viewer. */
export interface DraftPlace {
  kind: 'line' | 'page' | 'paragraph';
  n: number;
}

/** Where the audited paragraphs came from: the workbook (the 自评报告 sheet, the selection) or a draft file. */
export type AuditSource = ParagraphSource | 'file';

export interface PaneAudit {
  source: AuditSource;
  /** The sheet, or the draft file's name. */
  sheet: string;
  range: string;
  paragraphs: number;
  /** A draft file's paragraphs, to show a finding in its paragraph (cells are shown in the workbook). */
  texts?: string[];
  /** What the reading noted (an encoding other than UTF-8, pages without text). */
  notes?: string[];
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

const PLACE_KIND: Record<Draft['format'], DraftPlace['kind']> = { txt: 'line', md: 'line', pdf: 'page', docx: 'paragraph' };

/** The audit of a draft file the user opened: each finding placed by line, page or paragraph. */
export function runFileAudit(file: string, draft: Draft, model?: BudgetModel): PaneAudit {
  const result = auditText(draft.paragraphs, { model: usableModel(model) });
  const kind = PLACE_KIND[draft.format];
  const seen = new Map<string, number>();
  const items = result.findings.map((f): AuditItem => {
    const n = seen.get(f.id) ?? 0;
    seen.set(f.id, n + 1);
    // A .txt paragraph joined from several lines: the line the quoted figure is on.
    const at = kind === 'line' ? locate(draft, f.paragraph - 1, f.start).line : draft.where[f.paragraph - 1];
    const item: AuditItem = { id: n ? `${f.id}#${n}` : f.id, finding: f, place: { kind, n: at } };
    if (f.sheet && f.cell) item.workbookCell = { sheet: f.sheet, cell: f.cell };
    return item;
  });
  return { source: 'file', sheet: file, range: '', paragraphs: draft.paragraphs.length, texts: draft.paragraphs, notes: draft.notes, result, items };
}

/** Where an item is, for its row: 「收支情况!A12」 or 「第 12 行」. */
export function itemPlace(item: AuditItem, locale: Locale): string {
  if (item.target) return `${item.target.sheet}!${item.target.cell}`;
  const p = item.place!;
  if (locale === 'en') return `${p.kind} ${p.n}`;
  return `第 ${p.n} ${p.kind === 'line' ? '行' : p.kind === 'page' ? '页' : '段'}`;
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
