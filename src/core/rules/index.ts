import { Rule } from './context';
import { crossSheet } from './cross-sheet';
import { crossTable } from './cross-table';
import { formulaError } from './formula-error';
import { hardcodedTotal } from './hardcoded-total';
import { idleFunds } from './idle-funds';
import { lineTables } from './line-tables';
import { overspend } from './overspend';
import { projectBalance } from './project-balance';
import { rate } from './rate';
import { subtotal } from './subtotal';
import { summaryIdentity } from './summary-identity';
import { textNumber } from './text-number';
import { unitSuspect } from './unit-suspect';
import { uncachedFormula } from './uncached-formula';
import { unreadableSheet } from './unreadable-sheet';
import { selfEvalGrade } from './selfeval-grade';
import { selfEvalIndicator } from './selfeval-indicator';
import { selfEvalRate } from './selfeval-rate';
import { selfEvalRateScore } from './selfeval-rate-score';
import { selfEvalReason } from './selfeval-reason';
import { selfEvalScoreCap } from './selfeval-score-cap';
import { selfEvalTotal } from './selfeval-total';
import { selfEvalProject } from './selfeval-project';

/** Every rule, in the order their findings are most useful to read. */
export const RULES: Rule[] = [
  unreadableSheet, formulaError, projectBalance, subtotal, lineTables, summaryIdentity, crossSheet, crossTable, rate,
  selfEvalRate, selfEvalRateScore, selfEvalScoreCap, selfEvalIndicator, selfEvalTotal, selfEvalGrade, selfEvalReason, selfEvalProject,
  overspend, idleFunds, unitSuspect, textNumber, hardcodedTotal, uncachedFormula,
];
