import { Finding, Severity } from '../findings';

/** The audit's own checks; kept apart from the workbook engine's RuleId. */
export type AuditRuleId =
  | 'quoted-differently'
  | 'parts-sum'
  | 'balance'
  | 'share'
  | 'change-rate'
  | 'completion-rate'
  | 'count-items'
  | 'unit-slip'
  | 'template-leftover'
  | 'workbook-mismatch';

/**
 * A finding about a draft's text. Same shape as a workbook Finding; `sheet`/`cell` are
 * empty except for workbook-mismatch, where they name the workbook cell the text
 * disagrees with (also in `related`). `start`/`end` index into the paragraph string as given.
 */
export interface AuditFinding extends Omit<Finding, 'rule'> {
  rule: AuditRuleId;
  /** 1-based index into the paragraphs audited. */
  paragraph: number;
  /** JavaScript string offsets into that paragraph: text === paragraph.slice(start, end). */
  start: number;
  end: number;
  text: string;
  /** Offsets into the whole document, when the caller gave paragraph offsets. */
  docStart?: number;
  docEnd?: number;
}

export interface AuditSummary {
  errors: number;
  warnings: number;
  infos: number;
  paragraphs: number;
  /** Figures (amounts, percentages, counts) read from the text. */
  figures: number;
  /** Arithmetic statements checked (sums, balances, rates, counts). */
  checks: number;
  /** Labelled figures compared with the workbook (0 without a model). */
  comparedWithWorkbook: number;
}

export interface AuditResult {
  findings: AuditFinding[];
  summary: AuditSummary;
}

export const AUDIT_RULE_LABEL: Record<AuditRuleId, { zh: string; en: string }> = {
  'quoted-differently': { zh: '前后数字不一致', en: 'quoted differently' },
  'parts-sum': { zh: '总数与明细', en: 'parts and total' },
  balance: { zh: '收支平衡', en: 'balance' },
  share: { zh: '占比', en: 'share' },
  'change-rate': { zh: '增减幅度', en: 'change rate' },
  'completion-rate': { zh: '完成率/执行率', en: 'completion rate' },
  'count-items': { zh: '个数与所列项', en: 'count and items' },
  'unit-slip': { zh: '单位错误', en: 'unit slip' },
  'template-leftover': { zh: '模板残留', en: 'template leftover' },
  'workbook-mismatch': { zh: '与工作簿不符', en: 'differs from workbook' },
};

export type { Severity };
