import { Finding, NotChecked, Settings, ValidationSummary } from './findings';
import { BudgetModel } from './model';
import { WorkbookSnapshot } from './snapshot';

export interface Unusable {
  code: 'empty' | 'no-tables';
  message: string;
  messageEn: string;
}

export interface ValidationResult {
  /** Set when nothing in the workbook could be recognised; findings are then empty. */
  unusable?: Unusable;
  findings: Finding[];
  notChecked: NotChecked[];
  summary: ValidationSummary;
  model: BudgetModel;
}

// Placeholder while the engine lands; the signature is the contract for the hosts.
export function validateWorkbook(_snapshot: WorkbookSnapshot, _settings: Settings = {}): ValidationResult {
  throw new Error('not implemented yet');
}
