/**
 * Text figures against the workbook model: each labelled figure is looked up by its label
 * (summary lines by label or meaning, projects by name, project columns by role) and
 * compared, naming the cell: 「正文基本支出434.35万元，表中为416.47万元（收支情况!B9）」.
 */
import { outcomeOf } from '../rounding';
import Decimal from 'decimal.js';
import { Amount, BudgetModel, ProjectAmountColumn, ProjectRow, ProjectTable, SummaryLineKey } from '../model';
import { UNIT_FACTOR, Unit } from '../numbers';
import { formatYuan, halfUnit, halfYuan, yuanOf } from './arith';
import { addFinding, AuditContext, labelled } from './context';
import { Figure, Paragraph } from './extract';
import { labelKey } from './normalize';
import { Role, roleOf } from './roles';
import { GENERIC_LABEL, Scope } from './scopes';

/** One figure in the workbook, in 元, with the cell it sits in. */
export interface ModelFigure {
  label: string;
  yuan: Decimal;
  /** ½ of the last displayed digit, in 元. */
  half: Decimal;
  unit: Unit;
  decimals: number;
  sheet: string;
  cell: string;
}

/** Words the text uses for each summary line. */
const SUMMARY_ALIASES: Partial<Record<SummaryLineKey, string[]>> = {
  incomeTotal: ['收入合计', '预算收入', '收入', '总收入', '收入总额', '预算收入总额'],
  expenditureTotal: ['支出合计', '支出', '总支出', '整体支出', '支出总额', '本年支出'],
  basicExpenditure: ['基本支出'],
  projectExpenditure: ['项目支出'],
  initialBudget: ['年初预算', '年初预算安排'],
  adjustment: ['调整追加', '年中追加', '追加'],
  otherFunds: ['其他资金来源', '其他资金'],
  carryIn: ['上年结转', '上年结转结余'],
  carryOut: ['结余结转', '结转结余', '年末结转和结余'],
  wages: ['工资福利支出'],
  personnel: ['人员经费'],
  publicFunds: ['公用经费', '日常公用经费'],
  goodsServices: ['商品和服务支出'],
  individualSubsidies: ['对个人和家庭的补助'],
  incomeGrandTotal: ['收入总计'],
  expenditureGrandTotal: ['支出总计'],
  // The text drops 本年 (「2020年本年收入合计」 reads 收入合计); a workbook with both lines has two answers, so none.
  yearIncomeTotal: ['本年收入合计', '收入合计'],
  yearExpenditureTotal: ['本年支出合计', '支出合计'],
};

const UNIT_TOTALS = /^(支出|收入|预算收入|整体支出|支出合计|收入合计|总支出|总收入|收入总计|支出总计|本年收入合计|本年支出合计|预算支出)$/;

const ROLE_COLUMN: Partial<Record<Role, ProjectAmountColumn[]>> = {
  carryIn: ['carryIn'],
  initial: ['initialBudget'],
  increase: ['increase', 'adjustment'],
  decrease: ['decrease'],
  transfer: ['transferFromUpper'],
  adjusted: ['adjustedBudget'],
  actual: ['actualSpend'],
  carryOut: ['carryOut'],
};

function stripLabel(s: string): string {
  return labelKey(s)
    .replace(/^(其中|含)[:：]?/, '')
    .replace(/^([一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d+(\.\d+)*[.、]?)/, '')
    .replace(/\(.*?\)$/, '');
}

interface ModelIndex {
  summary: Map<string, ModelFigure[]>;
  projects: { table: ProjectTable; row: ProjectRow; key: string }[];
}

export function indexModel(model: BudgetModel): ModelIndex {
  const summary = new Map<string, ModelFigure[]>();
  const add = (k: string, m: ModelFigure) => {
    const list = summary.get(k) ?? [];
    if (!list.some((x) => x.sheet === m.sheet && x.cell === m.cell)) list.push(m);
    summary.set(k, list);
  };
  for (const block of model.summaries) {
    for (const line of block.lines) {
      if (!line.amount) continue;
      const m = modelFigure(line.amount, line.label, block.unit);
      add(stripLabel(line.label), m);
      if (line.key) for (const alias of SUMMARY_ALIASES[line.key] ?? []) add(alias, m);
    }
  }
  const projects: ModelIndex['projects'] = [];
  for (const table of model.projectTables) for (const row of table.rows) if (row.kind === 'item') projects.push({ table, row, key: stripLabel(row.label) });
  return { summary, projects };
}

function projectAmount(table: ProjectTable, row: ProjectRow, col: ProjectAmountColumn): ModelFigure | null {
  const a = row.amounts[col];
  return a ? modelFigure(a, `${row.label}·${table.columnLabels[col] ?? col}`, table.unit) : null;
}

/** A workbook figure in 元, with half its last shown digit, for comparing with the text. */
function modelFigure(a: Amount, label: string, unit: Unit): ModelFigure {
  return {
    label,
    yuan: a.value.times(UNIT_FACTOR[unit]),
    half: halfUnit(a.decimals).times(UNIT_FACTOR[unit]),
    unit,
    decimals: a.decimals,
    sheet: a.ref.sheet,
    cell: a.ref.cell,
  };
}

/** A project by name: equal, or one name holding the other (「业务性专项经费项目」). */
function findProject(idx: ModelIndex, name: string, level?: number, parent?: ProjectRow): ModelIndex['projects'][number] | undefined {
  const key = stripLabel(name).replace(/(项目|等|金额)$/, '');
  if (key.length < 3) return undefined;
  const pool = idx.projects.filter((p) => (level === undefined || p.row.level === level) && (!parent || p.row.parent === parent.index));
  const exact = pool.find((p) => p.key === key);
  if (exact) return exact;
  const hits = pool.filter((p) => p.key.length >= 4 && (key.startsWith(p.key + '、') || key.includes(p.key) || p.key.includes(key)));
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => b.key.length - a.key.length);
  return hits[0];
}

export function compareWithModel(ctx: AuditContext, scopes: Scope[], model: BudgetModel): number {
  const idx = indexModel(model);
  let compared = 0;
  const unitParaIsAboutUnit = new Map<number, boolean>();
  for (const p of ctx.paras) {
    const scope = scopes[p.index];
    const first = p.figures.find((f) => f.kind === 'amount');
    unitParaIsAboutUnit.set(p.index, !!first && UNIT_TOTALS.test(first.key));
    const project = scope.title ? findProject(idx, scope.title, 0) : undefined;
    for (const f of p.figures) {
      if (f.kind !== 'amount' || f.inTable || f.change || f.bound) continue;
      if (f.year && f.year !== ctx.docYear) continue;
      const target = lookup(idx, scope, project, f, unitParaIsAboutUnit.get(p.index) ?? false);
      if (!target) continue;
      compared++;
      if (outcomeOf(yuanOf(f).minus(target.yuan), halfYuan(f).plus(target.half)) !== 'mismatch') {
        if (f.suspectUnit) ctx.unitEvidence.add(f);
        continue;
      }
      mismatch(ctx, p, f, target);
    }
  }
  return compared;
}

function lookup(idx: ModelIndex, scope: Scope, project: ModelIndex['projects'][number] | undefined, f: Figure, aboutUnit: boolean): ModelFigure | null {
  const role = roleOf(f);
  if (scope.id !== 'unit') {
    if (!project) return null;
    if (role) {
      for (const col of ROLE_COLUMN[role] ?? []) {
        const m = projectAmount(project.table, project.row, col);
        if (m) return m;
      }
      return null;
    }
    // A sub-item of this project by name, else nothing (other labels are not in the table).
    const sub = findProject(idx, f.key, undefined, project.row);
    return sub ? projectAmount(sub.table, sub.row, 'actualSpend') : null;
  }
  const generic = GENERIC_LABEL.test(f.key) || UNIT_TOTALS.test(f.key);
  if (generic && !aboutUnit) return null;
  const lines = idx.summary.get(f.key);
  if (lines && lines.length === 1) return lines[0];
  if (lines && lines.length > 1) return null; // the same label on two sheets: no single answer
  if (generic) return null;
  // A project named in the unit's paragraphs: its actual spending.
  const proj = findProject(idx, f.key, 0);
  return proj ? projectAmount(proj.table, proj.row, 'actualSpend') : null;
}

function mismatch(ctx: AuditContext, p: Paragraph, f: Figure, m: ModelFigure): void {
  const unit = f.suspectUnit ?? f.unit;
  const shown = formatYuan(m.yuan, unit, Math.max(m.decimals, f.decimals));
  addFinding(ctx, 'workbook-mismatch', 'error', p, f.labelStart, f.end,
    `正文${labelled(p, f)}，表中为${shown}（${m.sheet}!${m.cell}）`,
    `the text says ${f.label} ${p.raw.slice(f.start, f.end)}; the workbook has ${shown} (${m.sheet}!${m.cell})`,
    {
      expected: m.yuan.div(UNIT_FACTOR[unit as Unit] ?? 1).toFixed(Math.max(m.decimals, f.decimals)),
      actual: f.value.toFixed(f.decimals),
      label: f.label,
      unit: unit as Unit,
      sheet: m.sheet,
      cell: m.cell,
      related: [{ sheet: m.sheet, cell: m.cell, label: m.label, value: m.yuan.div(UNIT_FACTOR[m.unit]).toFixed(m.decimals) }],
    });
}
