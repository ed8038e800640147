/** What the checks share while auditing one draft, and the finding builder. */
import { Severity } from '../findings';
import { Figure, Paragraph } from './extract';
import { AuditFinding, AuditRuleId } from './types';

export interface AuditContext {
  paras: Paragraph[];
  /** The year most of the report speaks of; figures with no year stated belong to it. */
  docYear: string;
  findings: AuditFinding[];
  /** Arithmetic statements checked. */
  checks: number;
  /** Figures that took part in an identity that holds / does not hold. */
  supported: Set<Figure>;
  contradicted: Set<Figure>;
  /** Suspected unit slips that an identity confirms once read in 万元. */
  unitEvidence: Set<Figure>;
  /** Shares already checked against a stated whole. */
  sharesChecked: Set<Figure>;
}

export function newContext(paras: Paragraph[], docYear: string): AuditContext {
  return { paras, docYear, findings: [], checks: 0, supported: new Set(), contradicted: new Set(), unitEvidence: new Set(), sharesChecked: new Set() };
}

export interface FindingExtra {
  expected?: string;
  actual?: string;
  difference?: string;
  tolerance?: string;
  unit?: AuditFinding['unit'];
  label?: string;
  related?: AuditFinding['related'];
  sheet?: string;
  cell?: string;
}

export function addFinding(
  ctx: AuditContext,
  rule: AuditRuleId,
  severity: Severity,
  para: Paragraph,
  start: number,
  end: number,
  message: string,
  messageEn: string,
  extra: FindingExtra = {},
): AuditFinding {
  const f: AuditFinding = {
    id: `${rule}:p${para.index + 1}:${start}-${end}`,
    rule,
    severity,
    sheet: extra.sheet ?? '',
    cell: extra.cell ?? '',
    related: extra.related ?? [],
    paragraph: para.index + 1,
    start,
    end,
    text: para.raw.slice(start, end),
    message,
    messageEn,
  };
  for (const k of ['expected', 'actual', 'difference', 'tolerance', 'unit', 'label'] as const) {
    if (extra[k] !== undefined) (f as unknown as Record<string, unknown>)[k] = extra[k];
  }
  ctx.findings.push(f);
  return f;
}

/** The figure as printed, e.g. 「434.35万元」. */
export function printed(p: Paragraph, f: Figure): string {
  return p.raw.slice(f.start, f.end);
}

/** The figure with its label, e.g. 「基本支出434.35万元」. */
export function labelled(p: Paragraph, f: Figure): string {
  return `${f.rawLabel.replace(/^[.．、)）]\s*/, '')}${printed(p, f)}`;
}
