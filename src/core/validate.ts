import Decimal from 'decimal.js';
import { parseAddress } from './address';
import { Finding, NotChecked, SEVERITY_ORDER, Settings, ValidationSummary } from './findings';
import { inferFixes } from './fixes';
import { IdentityLedger } from './ledger';
import { MAX_FIGURE_DIGITS } from './precision';
import { Grid } from './grid';
import { BudgetModel, UNREADABLE_NOTE_KINDS } from './model';
import { readModel } from './recognise';
import { RuleContext } from './rules/context';
import { RULES } from './rules';
import { EXCEL_ERRORS, WorkbookSnapshot } from './snapshot';

export interface Unusable {
  code: 'empty' | 'no-tables' | 'unreadable-sheets';
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

export const DEFAULT_IDLE_THRESHOLD = 0.9;

function errorCells(grids: Grid[]): RuleContext['errorCells'] {
  const out: RuleContext['errorCells'] = [];
  for (const g of grids) {
    const values = g.snapshot.values;
    for (let i = 0; i < values.length; i++) {
      const row = values[i];
      if (!row) continue;
      for (let j = 0; j < row.length; j++) {
        const v = row[j];
        if (typeof v === 'string' && v.charCodeAt(0) === 35 /* # */ && EXCEL_ERRORS.has(v.trim())) {
          const r = i + g.rowOffset;
          const c = j + g.colOffset;
          out.push({ sheet: g.name, cell: g.address(r, c), code: v.trim(), formula: g.formula(r, c) ?? undefined });
        }
      }
    }
  }
  return out;
}

/** What reading itself could not use: text in amount cells, duplicate headers, 上级项目 loops. */
function readingNotes(model: BudgetModel): NotChecked[] {
  const out: NotChecked[] = [];
  for (const n of model.notes) {
    if (n.kind === 'uncached-formula') {
      out.push({
        rule: 'formula-error',
        sheet: n.ref.sheet,
        cell: n.ref.cell,
        check: `${n.label ? n.label + '的' : ''}金额 ${n.ref.cell}`,
        reason: `公式 ${n.raw} 没有保存计算结果，本工具无法计算，未参与校验；请在 Excel 中重新计算后保存`,
        reasonEn: `the formula ${n.raw} has no saved result and cannot be computed here; recalculate in Excel and save`,
      });
      continue;
    }
    if (n.kind !== 'non-numeric') continue;
    if (n.tooLong) {
      out.push({ rule: 'text-number', sheet: n.ref.sheet, cell: n.ref.cell, check: `${n.label ? n.label + '的' : ''}金额 ${n.ref.cell}`, reason: `“${n.raw}”整数部分超过 ${MAX_FIGURE_DIGITS} 位，不是预算金额，未参与校验`, reasonEn: `"${n.raw}" has more than ${MAX_FIGURE_DIGITS} digits before the point: no budget figure, left out` });
      continue;
    }
    out.push({ rule: 'text-number', sheet: n.ref.sheet, cell: n.ref.cell, check: `${n.label ? n.label + '的' : ''}金额 ${n.ref.cell}`, reason: `“${n.raw}”不是数字，未参与校验`, reasonEn: `"${n.raw}" is not a number and was left out` });
  }
  for (const b of model.summaries) {
    for (const o of (b.otherAmountColumns ?? []).filter((x) => !b.alsoColumns?.some((a) => a.amountCol === x.col))) {
      const used = b.amountHeader ? `“${b.amountHeader}”` : '第一个金额';
      out.push({ rule: 'summary-identity', sheet: b.sheet, check: `“${o.header}”列的勾稽关系`, reason: `表中有多个金额列，按${used}列校验，“${o.header}”列未校验`, reasonEn: `several amount columns; only ${b.amountHeader ?? 'the first'} was checked, not ${o.header}` });
    }
  }
  for (const t of model.projectTables) {
    for (const d of t.duplicateColumns ?? []) {
      const cols = d.cols.map((c) => new Grid({ name: '', values: [] }).address(0, c).replace(/\d+$/, ''));
      out.push({ rule: 'subtotal', sheet: t.sheet, check: `“${d.header}”列`, reason: `表头“${d.header}”出现 ${d.cols.length} 次（${cols.join('、')} 列），按 ${cols[0]} 列校验，其余列未校验`, reasonEn: `header "${d.header}" appears ${d.cols.length} times; column ${cols[0]} was used` });
    }
    const loops = new Set<string>();
    for (const r of t.rows) if (r.cycle) loops.add(r.cycle.join(' → '));
    for (const loop of loops)
      out.push({ rule: 'subtotal', sheet: t.sheet, check: '子项目合计', reason: `“上级项目”列存在循环引用：${loop}，这些行按独立项目处理`, reasonEn: `the parent-project column has a cycle: ${loop}; those rows are treated as top-level projects` });
  }
  return out;
}

function unusable(model: BudgetModel, grids: Grid[]): Unusable | undefined {
  const lost = model.unreadableSheets ?? [];
  if (lost.length && !model.projectTables.length && !model.summaries.length && !model.lineTables.length) {
    return {
      code: 'unreadable-sheets',
      message: `无法读取工作表 ${lost.map((s) => `“${s.name}”（${s.reason}）`).join('、')}，其余工作表中也没有可识别的表格；请在 Excel 中打开并另存后再试`,
      messageEn: `sheet(s) ${lost.map((s) => `${s.name} (${s.reasonEn})`).join(', ')} cannot be read, and no other sheet holds a recognisable table; open and re-save the file in Excel`,
    };
  }
  if (!grids.length || model.cellsRead === 0)
    return { code: 'empty', message: '工作簿是空的：没有任何含数据的工作表', messageEn: 'the workbook is empty: no sheet holds any data' };
  if (!model.projectTables.length && !model.summaries.length && !model.lineTables.length) {
    const sheets = grids.map((g) => `“${g.name}”`).join('、');
    return {
      code: 'no-tables',
      message: `未能在工作表 ${sheets} 中识别出项目支出表或收支总表：需要一行表头含“项目名称”和至少两个金额列（如“年初预算数”“实际支出”“结余结转”），或一列含“收入合计”“支出合计”“基本支出”等行`,
      messageEn: `no project table or summary recognised in ${grids.map((g) => g.name).join(', ')}: a header row needs 项目名称 and at least two amount columns, or a label column with lines such as 收入合计/支出合计/基本支出`,
    };
  }
  return undefined;
}

export function validateWorkbook(snapshot: WorkbookSnapshot, settings: Settings = {}): ValidationResult {
  const { model, grids } = readModel(snapshot);
  return validateModel(model, grids, settings);
}

/** The checks on a model already read (grids: its sheets, in workbook order). */
export function validateModel(model: BudgetModel, grids: Grid[], settings: Settings = {}): ValidationResult {
  const summary: ValidationSummary = {
    errors: 0,
    warnings: 0,
    infos: 0,
    ignored: 0,
    sheets: grids.length,
    projectTables: model.projectTables.length,
    summaries: model.summaries.length,
    projects: model.projectTables.reduce((n, t) => n + t.rows.filter((r) => r.kind === 'item' && r.parent === null).length, 0),
    cellsRead: model.cellsRead,
  };
  const bad = unusable(model, grids);
  if (bad) return { unusable: bad, findings: [], notChecked: [], summary, model };

  let tolerance: Decimal | undefined;
  try {
    tolerance = settings.tolerance !== undefined && settings.tolerance !== '' ? new Decimal(settings.tolerance).abs() : undefined;
    // Decimal accepts "NaN" and "Infinity"; neither is a tolerance.
    if (tolerance && !tolerance.isFinite()) tolerance = undefined;
  } catch {
    tolerance = undefined;
  }
  const idle = settings.idleThreshold;
  const ctx: RuleContext = {
    model,
    settings,
    tolerance,
    idleThreshold: new Decimal(typeof idle === 'number' && Number.isFinite(idle) && idle > 0 ? idle : DEFAULT_IDLE_THRESHOLD),
    ledger: new IdentityLedger(tolerance, model.cellsRead),
    notChecked: readingNotes(model),
    errorCells: errorCells(grids),
    usedIds: new Set(),
  };

  const findings: Finding[] = [];
  const ids = new Set<string>();
  for (const rule of RULES) {
    for (const f of rule.check(ctx)) {
      // One cell can break two identities of the same rule; keep ids unique and stable. Renamed in place:
      // the ledger holds the finding that reports each identity, for fixes to name.
      let id = f.id;
      for (let n = 2; ids.has(id); n++) id = `${f.id}#${n}`;
      ids.add(id);
      f.id = id;
      findings.push(f);
    }
  }
  const blindRows = new Set(model.notes.filter((n) => UNREADABLE_NOTE_KINDS.has(n.kind)).map((n) => `${n.ref.sheet}\u0000${n.ref.row}`));
  inferFixes(findings, ctx.ledger, blindRows, model);

  const order = new Map(grids.map((g, i) => [g.name, i]));
  const position = new Map<Finding, number[]>();
  for (const f of findings) {
    const p = parseAddress(f.cell);
    position.set(f, [order.get(f.sheet) ?? 0, p?.row ?? 0, p?.col ?? 0, SEVERITY_ORDER[f.severity]]);
  }
  findings.sort((a, b) => {
    const pa = position.get(a)!;
    const pb = position.get(b)!;
    return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2] || pa[3] - pb[3];
  });

  const ignored = settings.ignored ?? {};
  for (const f of findings) {
    if (ignored[f.id] !== undefined) {
      f.ignored = { reason: ignored[f.id] };
      summary.ignored++;
      continue;
    }
    if (f.severity === 'error') summary.errors++;
    else if (f.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return { findings, notChecked: ctx.notChecked, summary, model };
}
