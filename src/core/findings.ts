import { Unit } from './numbers';

export type Severity = 'error' | 'warning' | 'info';

export type RuleId =
  | 'project-balance'
  | 'subtotal'
  | 'summary-identity'
  | 'cross-sheet'
  | 'rate'
  | 'overspend'
  | 'idle-funds'
  | 'unit-suspect'
  | 'text-number'
  | 'formula-error'
  | 'hardcoded-total'
  | 'uncached-formula'
  | 'unreadable-sheet'
  | 'selfeval-rate'
  | 'selfeval-score'
  | 'selfeval-total'
  | 'selfeval-grade'
  | 'selfeval-reason';

/** One operand of a checked identity: where it is, what it says, and its sign in the sum. */
export interface Operand {
  sheet: string;
  cell: string;
  label: string;
  /** The figure as read (decimal string, in the finding's unit). */
  value: string;
  /** Decimals the cell displays; drives the rounding allowance. */
  decimals: number;
  /** +1 or -1 (a 调减 column, an expenditure subtracted from income). */
  weight: number;
}

/** The identity a finding is about: target = Σ weight·part. Lets the engine replay it. */
export interface Equation {
  target: Operand;
  parts: Operand[];
  /** Human form, e.g. 「结余结转 = 全年预算数 − 实际支出」. */
  formula: string;
}

export interface Fix {
  sheet: string;
  cell: string;
  /** The value that would make the cell consistent (decimal string in the table's unit). */
  value: string;
  /** How many findings this one correction would clear. */
  clears: number;
  /** Ids of the findings it clears. */
  findingIds: string[];
  message: string;
  messageEn: string;
}

export interface RelatedCell {
  sheet: string;
  cell: string;
  label?: string;
  value?: string;
}

export interface Finding {
  /** Stable id: rule, sheet, cell and the identity checked. Ignored findings are keyed by it. */
  id: string;
  rule: RuleId;
  severity: Severity;
  sheet: string;
  /** A1 address of the stated figure that is wrong (the total, the balance, the rate). */
  cell: string;
  related: RelatedCell[];
  /** Decimal strings, in `unit` (rates as fractions). */
  expected?: string;
  actual?: string;
  difference?: string;
  tolerance?: string;
  unit?: Unit | '%';
  /** The cell's content as written, when it is not a figure: "1,234.50" stored as text, "#REF!". */
  raw?: string;
  /** Label of the row or line the figure belongs to. */
  label?: string;
  message: string;
  messageEn: string;
  fix?: Fix;
  equation?: Equation;
  /** Set when the user chose to ignore this finding (kept in the workbook's settings). */
  ignored?: { reason: string };
}

export interface NotChecked {
  rule: RuleId;
  sheet?: string;
  cell?: string;
  /** The identity or check that could not be made, in Chinese. */
  check: string;
  reason: string;
  reasonEn: string;
}

export interface Settings {
  /** Absolute tolerance in each table's unit; overrides the rounding rule when set. */
  tolerance?: string;
  /** Execution rate below which budget counts as idle (fraction, default 0.9). */
  idleThreshold?: number;
  /** Finding ids the user chose to ignore, with the reason. */
  ignored?: Record<string, string>;
  /** The 自评表 scoring profile to apply (selfeval-profiles.ts), when not the one the layout matches. */
  selfEvalProfile?: string;
}

export interface ValidationSummary {
  errors: number;
  warnings: number;
  infos: number;
  ignored: number;
  sheets: number;
  projectTables: number;
  summaries: number;
  projects: number;
  cellsRead: number;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const SEVERITY_LABEL: Record<Severity, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'notice' },
};

export const RULE_LABEL: Record<RuleId, { zh: string; en: string }> = {
  'project-balance': { zh: '项目收支平衡', en: 'project balance' },
  subtotal: { zh: '合计与明细', en: 'totals and sub-items' },
  'summary-identity': { zh: '收支总表勾稽', en: 'summary identities' },
  'cross-sheet': { zh: '表间一致', en: 'cross-sheet agreement' },
  rate: { zh: '执行率', en: 'execution rate' },
  overspend: { zh: '超支或负结余', en: 'overspending' },
  'idle-funds': { zh: '资金闲置', en: 'idle funds' },
  'unit-suspect': { zh: '疑似单位错误', en: 'suspect unit' },
  'text-number': { zh: '文本型数字', en: 'number stored as text' },
  'formula-error': { zh: '公式错误', en: 'formula error' },
  'hardcoded-total': { zh: '手工填写的合计', en: 'hard-coded total' },
  'uncached-formula': { zh: '未保存结果的公式', en: 'formula without a saved result' },
  'unreadable-sheet': { zh: '无法读取的工作表', en: 'unreadable sheet' },
  'selfeval-rate': { zh: '自评表执行率', en: 'self-evaluation execution rate' },
  'selfeval-score': { zh: '自评表得分', en: 'self-evaluation scores' },
  'selfeval-total': { zh: '自评表总分', en: 'self-evaluation total' },
  'selfeval-grade': { zh: '自评等级', en: 'self-evaluation grade' },
  'selfeval-reason': { zh: '偏差原因', en: 'reason for lost points' },
};
