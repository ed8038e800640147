/**
 * The terminal report of `budget-recon validate`: findings grouped by sheet (in workbook
 * order) then by rule, each with its cell, label, expected/actual/difference and fix;
 * then what could not be checked; then the counts.
 */
import Decimal from 'decimal.js';
import { parseAddress } from '../core/address';
import { Finding, NotChecked, RULE_LABEL, RuleId, SEVERITY_LABEL, SEVERITY_ORDER } from '../core/findings';
import { ValidationResult } from '../core/validate';

const RULE_ORDER = Object.keys(RULE_LABEL) as RuleId[];

export function formatTextReport(result: ValidationResult, sheetOrder: string[], file?: string): string {
  const out: string[] = [];
  if (file) out.push(`校验文件：${file}`, '');
  const findings = result.findings;
  if (findings.length === 0) {
    out.push('未发现问题：所有已检查的勾稽关系均相符。');
  } else {
    for (const [sheet, inSheet] of groupBy(findings, (f) => f.sheet, sheetOrder)) {
      out.push(`━━ 工作表「${sheet}」 ${countLine(inSheet)}`);
      for (const [rule, inRule] of groupBy(inSheet, (f) => f.rule, RULE_ORDER)) {
        out.push(`  ▸ ${RULE_LABEL[rule as RuleId]?.zh ?? rule}（${rule}）`);
        for (const f of [...inRule].sort(byPosition)) out.push(...formatFinding(f));
      }
      out.push('');
    }
  }
  if (result.notChecked.length > 0) {
    out.push(`未能检查的项目（${result.notChecked.length} 项）：`);
    for (const n of result.notChecked) out.push(`  · ${formatNotChecked(n)}`);
    out.push('');
  }
  const s = result.summary;
  out.push(
    `合计：错误 ${s.errors} 项，警告 ${s.warnings} 项，提示 ${s.infos} 项` +
      (s.ignored ? `，已忽略 ${s.ignored} 项` : '') +
      `；读取 ${s.sheets} 张工作表、${s.projectTables} 张项目表、${s.summaries} 张汇总表、${s.projects} 个项目。`,
  );
  out.push(
    `Summary: ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} notice(s); ` +
      `${s.sheets} sheet(s), ${s.projectTables} project table(s), ${s.summaries} summary sheet(s), ${s.projects} project(s).`,
  );
  return out.join('\n');
}

function formatFinding(f: Finding): string[] {
  const sev = SEVERITY_LABEL[f.severity].zh;
  const head = `    [${sev}] ${f.sheet}!${f.cell}${f.label ? `  ${f.label}` : ''}`;
  const lines = [head, `        ${f.message}`];
  const parts: string[] = [];
  if (f.expected !== undefined) parts.push(`应为 ${figure(f.expected, f.unit)}`);
  if (f.raw !== undefined) parts.push(`单元格内容 ${f.raw}`);
  else if (f.actual !== undefined) parts.push(`表中 ${figure(f.actual, f.unit)}`);
  if (f.difference !== undefined) parts.push(`差额 ${differenceText(f)}`);
  if (f.tolerance !== undefined && f.tolerance !== '0') parts.push(`允许误差 ${figure(f.tolerance, f.unit)}`);
  if (parts.length > 0) lines.push(`        ${parts.join('，')}`);
  if (f.equation) lines.push(`        勾稽关系：${f.equation.formula}`);
  if (f.fix) lines.push(`        建议修正：${f.fix.message}`);
  return lines;
}

/** Money with at least two decimals and its unit; rates (fractions) as percentages. */
function figure(v: string, unit: Finding['unit']): string {
  let d: Decimal;
  try {
    d = new Decimal(v);
  } catch {
    return v;
  }
  if (unit === '%') return `${d.times(100).toFixed(2)}%`;
  const text = d.toFixed(Math.max(2, d.decimalPlaces()));
  return unit ? `${text} ${unit}` : text;
}

/** A rate finding's difference is a rate only when it is expected − actual; otherwise it is an amount. */
function differenceText(f: Finding): string {
  if (f.unit !== '%' || f.expected === undefined || f.actual === undefined) return figure(f.difference!, f.unit);
  try {
    const gap = new Decimal(f.expected).minus(f.actual).abs();
    if (gap.equals(new Decimal(f.difference!).abs())) return figure(f.difference!, '%');
  } catch {
    return f.difference!;
  }
  return figure(f.difference!, undefined);
}

export function formatNotChecked(n: NotChecked): string {
  const where = n.sheet ? `${n.sheet}${n.cell ? '!' + n.cell : ''}：` : '';
  return `${where}${n.check} —— ${n.reason}`;
}

function countLine(fs: Finding[]): string {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of fs) c[f.severity]++;
  const parts = (['error', 'warning', 'info'] as const).filter((k) => c[k] > 0).map((k) => `${SEVERITY_LABEL[k].zh} ${c[k]}`);
  return `（${parts.join('，')}）`;
}

function byPosition(a: Finding, b: Finding): number {
  const pa = parseAddress(a.cell);
  const pb = parseAddress(b.cell);
  return (
    (pa?.row ?? 0) - (pb?.row ?? 0) ||
    (pa?.col ?? 0) - (pb?.col ?? 0) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
  );
}

/** Groups preserving `order` first, then any keys not in it in order of appearance. */
function groupBy<T>(items: T[], key: (t: T) => string, order: string[]): [string, T[]][] {
  const map = new Map<string, T[]>();
  for (const k of order) map.set(k, []);
  for (const it of items) {
    const k = key(it);
    if (!map.has(k)) map.set(k, []);
    map.get(k)!.push(it);
  }
  return [...map].filter(([, v]) => v.length > 0);
}
