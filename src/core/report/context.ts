/**
 * Turns the BudgetModel into the named values the report templates use: unit facts from
 * 单位基本情况, the summary's lines, and one scope per project with its figures, its
 * sub-items and its text columns. Every figure keeps its cell or its derivation.
 */
import { sourcesOf } from '../budget-sources';
import Decimal from 'decimal.js';
import { Finding } from '../findings';
import { Amount, BudgetModel, CellRef, DocumentFact, ProjectRow, ProjectTable, SummaryBlock, SummaryLine, SummaryLineKey, UnitInfoKey } from '../model';
import { Unit } from '../numbers';
import {
  count,
  decimalOf,
  derivedDifference,
  derivedNegation,
  derivedRate,
  figure,
  FigureRun,
  moneyFromAmount,
  moneySum,
  rateFromAmount,
  UnverifiedCells,
} from './figures';
import { Schema, Scope, Value } from './scope';
import { shareOf, unitFinances, wan } from './finances';
import { IndicatorDef } from './outline';
import { gradeOf, profileNamed } from '../selfeval-profiles';

export interface ContextOptions {
  flagged: UnverifiedCells;
  /** 执行率 below this counts as low execution (fraction; default 0.9). */
  idleThreshold: number;
  /**
   * The engine's idle-funds / overspend findings by "sheet!row" (1-based row), with the reason
   * the user gave when ignoring one: section 四 uses that reason when the sheet states none.
   */
  projectFindings?: Map<string, { finding: Finding; ignoredReason?: string }[]>;
  /** Cells the engine still reports errors on (the 待核实 list), for 其他需要说明的情况. */
  unverifiedCells: { sheet: string; cell: string }[];
  /** The outline's 部门整体支出 indicators. */
  indicators?: IndicatorDef[];
}

const PROJECT_FIGURES: Schema = {
  上年结转结余: { type: 'figure', describe: '上年结转结余' },
  年初预算: { type: 'figure', describe: '年初预算' },
  当年财政拨款: { type: 'figure', describe: '当年财政拨款' },
  上级转移支付: { type: 'figure', describe: '上级转移支付' },
  其他资金: { type: 'figure', describe: '其他资金' },
  年中调增: { type: 'figure', describe: '年中调增' },
  年中调减: { type: 'figure', describe: '年中调减' },
  全年预算: { type: 'figure', describe: '全年预算数' },
  实际支出: { type: 'figure', describe: '实际支出' },
  结余结转: { type: 'figure', describe: '结余结转' },
  执行率: { type: 'figure', describe: '执行率' },
  超支金额: { type: 'figure', describe: '超支金额' },
};

const PROJECT_TEXTS: Schema = {
  主要用途: { type: 'text', describe: '主要用途' },
  绩效情况: { type: 'text', describe: '绩效情况' },
  存在问题: { type: 'text', describe: '存在问题' },
  原因: { type: 'text', describe: '原因' },
  改进措施: { type: 'text', describe: '改进措施' },
};

const PROJECT_FLAGS: Schema = {
  低执行: { type: 'flag', describe: '执行率低于阈值' },
  超支: { type: 'flag', describe: '实际支出超过全年预算' },
  有调整: { type: 'flag', describe: '年中有预算调整' },
  需改进: { type: 'flag', describe: '执行偏差需要改进措施' },
};

const SUB_ITEM: Schema = {
  名称: { type: 'text', describe: '名称' },
  项目名称: { type: 'text', describe: '名称' },
  ...PROJECT_FIGURES,
  ...PROJECT_TEXTS,
  ...PROJECT_FLAGS,
};

export const PROJECT_SCHEMA: Schema = {
  ...SUB_ITEM,
  子项目: { type: { list: SUB_ITEM }, describe: '子项目' },
};

const LINE_ITEM: Schema = {
  名称: { type: 'text', describe: '名称' },
  金额: { type: 'figure', describe: '金额' },
};

const SHARE_ITEM: Schema = {
  名称: { type: 'text', describe: '名称' },
  金额: { type: 'figure', describe: '金额' },
  占比: { type: 'figure', describe: '占比' },
};

const SANGONG_ITEM: Schema = {
  名称: { type: 'text', describe: '名称' },
  预算: { type: 'figure', describe: '预算数' },
  决算: { type: 'figure', describe: '决算数' },
};

const SELF_EVAL_ITEM: Schema = {
  自评对象: { type: 'text', describe: '项目或单位名称' },
  总分: { type: 'figure', describe: '自评总分' },
  等级: { type: 'text', describe: '自评等级' },
  失分指标: {
    type: {
      list: {
        名称: { type: 'text', describe: '指标名称' },
        分值: { type: 'figure', describe: '分值' },
        得分: { type: 'figure', describe: '得分' },
        原因: { type: 'text', describe: '偏差原因' },
      },
    },
    describe: '失分的指标',
  },
};

const INDICATOR_ITEM: Schema = {
  名称: { type: 'text', describe: '指标名称' },
  值: { type: 'figure', describe: '指标值' },
  分子名称: { type: 'text', describe: '分子' },
  分子: { type: 'figure', describe: '分子' },
  分母名称: { type: 'text', describe: '分母' },
  分母: { type: 'figure', describe: '分母' },
};

export const ROOT_SCHEMA: Schema = {
  单位名称: { type: 'text', describe: '单位名称' },
  年度: { type: 'figure', describe: '年度' },
  编制人数: { type: 'figure', describe: '编制人数' },
  实有人数: { type: 'figure', describe: '实有人数' },
  内设科室: { type: 'text', describe: '内设科室' },
  内设科室数: { type: 'figure', describe: '内设科室数' },
  所属事业单位: { type: 'text', describe: '所属事业单位' },
  所属事业单位数: { type: 'figure', describe: '所属事业单位数' },
  机构性质: { type: 'text', describe: '机构性质' },
  单位简称: { type: 'text', describe: '单位简称' },
  加挂牌子: { type: 'text', describe: '加挂牌子' },
  单位简介: { type: 'text', describe: '单位简介' },
  主要职能: { type: { list: { 内容: { type: 'text', describe: '主要职能' } } }, describe: '主要职能' },
  收入合计: { type: 'figure', describe: '收入合计（工作簿中未找到收支总表的收入合计）' },
  收入构成: { type: { list: LINE_ITEM }, describe: '收入构成' },
  支出合计: { type: 'figure', describe: '支出合计（工作簿中未找到收支总表的支出合计）' },
  基本支出: { type: 'figure', describe: '基本支出' },
  基本支出构成: { type: { list: LINE_ITEM }, describe: '基本支出构成' },
  项目支出: { type: 'figure', describe: '项目支出' },
  结余结转: { type: 'figure', describe: '结余结转' },
  决算口径: { type: 'flag', describe: '收支取自决算表' },
  收入总计: { type: 'figure', describe: '收入总计' },
  本年收入合计: { type: 'figure', describe: '本年收入合计' },
  年初结转和结余: { type: 'figure', describe: '年初结转和结余' },
  支出总计: { type: 'figure', describe: '支出总计' },
  年末结转和结余: { type: 'figure', describe: '年末结转和结余' },
  人员经费: { type: 'figure', describe: '人员经费' },
  公用经费: { type: 'figure', describe: '公用经费' },
  功能分类: { type: { list: SHARE_ITEM }, describe: '按功能分类（类）的支出' },
  财政拨款收入: { type: 'figure', describe: '财政拨款收入' },
  财政拨款收支总计: { type: 'figure', describe: '财政拨款收支总计' },
  一般公共预算财政拨款支出: { type: 'figure', describe: '一般公共预算财政拨款支出' },
  机关运行经费: { type: 'figure', describe: '机关运行经费' },
  三公预算: { type: 'figure', describe: '“三公”经费预算数' },
  三公决算: { type: 'figure', describe: '“三公”经费决算数' },
  三公项目: { type: { list: SANGONG_ITEM }, describe: '“三公”经费各项' },
  三公上年: { type: 'figure', describe: '上年“三公”经费' },
  三公增减: { type: 'figure', describe: '“三公”经费比上年增减额' },
  三公增加: { type: 'flag', describe: '“三公”经费比上年增加' },
  绩效指标: { type: { list: INDICATOR_ITEM }, describe: '部门整体支出绩效指标' },
  自评结论: { type: { list: SELF_EVAL_ITEM }, describe: '绩效自评表的总分与等级' },
  项目: { type: { list: PROJECT_SCHEMA }, describe: '项目支出明细' },
  项目数: { type: 'figure', describe: '项目个数' },
  年初预算项目: { type: { list: PROJECT_SCHEMA }, describe: '年初预算项目' },
  年初预算项目数: { type: 'figure', describe: '年初预算项目个数' },
  年初预算项目合计: { type: 'figure', describe: '年初预算项目的年初预算合计' },
  项目合计: { type: { list: PROJECT_SCHEMA }, describe: '项目合计' },
  问题项目: { type: { list: PROJECT_SCHEMA }, describe: '存在问题的项目' },
  执行率阈值: { type: 'figure', describe: '执行率阈值' },
  待核实数: { type: 'figure', describe: '待核实数据个数' },
};

const PROJECT_NAMES = Object.keys(PROJECT_SCHEMA);

function blankProjectValues(): Record<string, Value | undefined> {
  const values: Record<string, Value | undefined> = {};
  for (const name of PROJECT_NAMES) values[name] = undefined;
  return values;
}

function fig(run: FigureRun | null | undefined): Value | undefined {
  return run ? { k: 'figure', run } : undefined;
}

function text(t: string | undefined, ref?: CellRef): Value | undefined {
  if (t === undefined || t.trim() === '') return undefined;
  return { k: 'text', text: t, source: ref ? { sheet: ref.sheet, cell: ref.cell } : undefined };
}

// ---------- 单位基本情况 ----------

/** Splits 「党建组、干部组、人才组、办公室」 or 「甲中心（…）；乙中心（…）」 into items. */
export function splitList(value: string): string[] {
  const bySemicolon = value.split(/[；;\n]/).map((s) => s.trim()).filter(Boolean);
  if (bySemicolon.length > 1) return bySemicolon;
  // Split on 、 and ，only outside brackets.
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of value) {
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === '、' || ch === '，' || ch === ',')) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** A whole number typed into a label/value row: 20, "20人", "2023年". */
function wholeNumber(value: string): Decimal | null {
  const m = /^\s*(\d+)\s*(人|名|个|年|年度)?\s*$/.exec(value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  return m ? new Decimal(m[1]) : null;
}

function unitScope(model: BudgetModel, opts: ContextOptions, values: Record<string, Value | undefined>): void {
  const entries = model.unitInfo?.entries ?? [];
  const first = (key: UnitInfoKey) => entries.find((e) => e.key === key);
  const textOf = (key: UnitInfoKey) => {
    const e = first(key);
    return e ? text(e.value, e.ref) : undefined;
  };
  const numberOf = (key: UnitInfoKey, unit: FigureRun['unit']) => {
    const e = first(key);
    const n = e ? wholeNumber(e.value) : null;
    return e && n ? fig(figure(n, unit, { sheet: e.ref.sheet, cell: e.ref.cell }, opts.flagged)) : undefined;
  };
  values['单位名称'] = textOf('单位名称');
  values['年度'] = numberOf('年度', '');
  // No 单位基本情况 sheet: the tables' own titles and 编制单位 rows, with the cell they came from.
  const doc = model.documentInfo;
  // A fact read from the file's properties has no cell: its source says so.
  const where = (f: DocumentFact) => (f.cell ? { sheet: f.sheet, cell: f.cell } : { formula: `工作簿文件属性（${f.how}）` });
  if (!values['单位名称'] && doc?.unitName) values['单位名称'] = { k: 'text', text: doc.unitName.value, source: where(doc.unitName) };
  if (!values['年度'] && doc?.year) values['年度'] = fig(figure(new Decimal(doc.year.value), '', where(doc.year), opts.flagged));
  values['编制人数'] = numberOf('编制人数', '人');
  values['实有人数'] = numberOf('实有人数', '人');
  values['机构性质'] = textOf('机构性质');
  values['单位简称'] = textOf('单位简称');
  values['加挂牌子'] = textOf('加挂牌子');
  values['单位简介'] = textOf('单位简介');
  for (const [key, countKey] of [
    ['内设科室', '内设科室数'],
    ['所属事业单位', '所属事业单位数'],
  ] as const) {
    const e = first(key);
    if (!e) continue;
    const n = wholeNumber(e.value);
    if (n) {
      // A sheet that states only the number.
      values[countKey] = fig(figure(n, '个', { sheet: e.ref.sheet, cell: e.ref.cell }, opts.flagged));
      continue;
    }
    const items = splitList(e.value);
    values[key] = text(e.value, e.ref);
    values[countKey] = fig(count(items.length, '个', `「${key}」所列项数`, [e.ref], opts.flagged));
  }
  const duties = entries.filter((e) => e.key === '主要职能');
  values['主要职能'] = {
    k: 'list',
    items: duties.map((e) => ({ values: { 内容: text(e.value, e.ref) } })),
  };
}

// ---------- 收支总表 ----------

interface FoundLine {
  block: SummaryBlock;
  index: number;
  line: SummaryLine;
}

function findLine(model: BudgetModel, keys: SummaryLineKey[]): FoundLine | undefined {
  const blocks = [...model.summaries].sort((a, b) => (a.style === b.style ? 0 : a.style === 'budget' ? -1 : 1));
  for (const key of keys) {
    for (const block of blocks) {
      const index = block.lines.findIndex((l) => l.key === key && l.amount);
      if (index >= 0) return { block, index, line: block.lines[index] };
    }
  }
  return undefined;
}

function lineFigure(found: FoundLine | undefined, opts: ContextOptions): Value | undefined {
  if (!found?.line.amount) return undefined;
  return fig(wan(moneyFromAmount(found.line.amount, found.block.unit, opts.flagged), opts.flagged));
}

function lineItem(block: SummaryBlock, line: SummaryLine, opts: ContextOptions): Scope {
  return {
    label: line.label,
    values: {
      名称: text(cleanLabel(line.rawLabel), line.labelRef),
      金额: line.amount ? fig(wan(moneyFromAmount(line.amount, block.unit, opts.flagged), opts.flagged)) : undefined,
    },
  };
}

/** The lines directly under a line (其中 / indented), or the given keys as a fallback. */
function breakdown(model: BudgetModel, parent: FoundLine | undefined, fallback: SummaryLineKey[], opts: ContextOptions): Value {
  if (parent) {
    const children = parent.block.lines.filter((l) => l.parent === parent.index && l.amount);
    if (children.length) return { k: 'list', items: children.map((l) => lineItem(parent.block, l, opts)) };
  }
  const items: Scope[] = [];
  for (const key of fallback) {
    const f = findLine(model, [key]);
    // 决算 sheets list the income lines above 本年收入合计 as its siblings, not under it.
    if (f && f.line !== parent?.line) items.push(lineItem(f.block, f.line, opts));
  }
  return { k: 'list', items };
}

function summaryScope(model: BudgetModel, opts: ContextOptions, values: Record<string, Value | undefined>): void {
  const income = findLine(model, ['incomeTotal', 'yearIncomeTotal', 'incomeGrandTotal']);
  const expenditure = findLine(model, ['expenditureTotal', 'yearExpenditureTotal', 'expenditureGrandTotal']);
  const basic = findLine(model, ['basicExpenditure']);
  values['收入合计'] = lineFigure(income, opts);
  values['收入构成'] = breakdown(
    model,
    income,
    [
      'initialBudget',
      'adjustment',
      'otherFunds',
      'carryIn',
      'generalBudgetAppropriation',
      'govFundAppropriation',
      'stateCapitalAppropriation',
      'upperSubsidy',
      'businessIncome',
      'operatingIncome',
      'affiliatedIncome',
      'otherIncome',
    ],
    opts,
  );
  values['支出合计'] = lineFigure(expenditure, opts);
  values['基本支出'] = lineFigure(basic, opts);
  values['基本支出构成'] = basic ? breakdown(model, basic, ['wages', 'individualSubsidies', 'goodsServices', 'personnel', 'publicFunds', 'capital'], opts) : { k: 'list', items: [] };
  values['项目支出'] = lineFigure(findLine(model, ['projectExpenditure']), opts);
  values['结余结转'] = lineFigure(findLine(model, ['carryOut', 'closingBalance']), opts);
}

/** The 决算/预算 tables' figures (finances.ts) for the 收支 and 三公 paragraphs. */
function financeScope(model: BudgetModel, opts: ContextOptions, values: Record<string, Value | undefined>): void {
  const f = unitFinances(model, opts.flagged);
  values['决算口径'] = { k: 'flag', on: f.final };
  values['收入总计'] = fig(f.incomeGrandTotal);
  values['本年收入合计'] = fig(f.yearIncomeTotal);
  values['年初结转和结余'] = fig(f.openingBalance);
  values['支出总计'] = fig(f.expenditureGrandTotal);
  values['年末结转和结余'] = fig(f.closingBalance);
  values['人员经费'] = fig(f.personnel);
  values['公用经费'] = fig(f.publicFunds);
  // Spending the summary does not give, from the 支出决算表 by 功能分类.
  values['支出合计'] ??= fig(f.yearExpenditureTotal);
  values['基本支出'] ??= fig(f.basic);
  values['项目支出'] ??= fig(f.project);
  const total = f.yearExpenditureTotal;
  values['功能分类'] = {
    k: 'list',
    items: f.functions.map((x) => ({
      label: x.name,
      values: {
        名称: { k: 'text', text: x.name, source: { sheet: x.nameRef.sheet, cell: x.nameRef.cell } },
        金额: fig(x.figure),
        占比: total ? fig(shareOf(x.figure, total, `${x.name} ÷ 本年支出合计`, opts.flagged)) : undefined,
      },
    })),
  };
  values['财政拨款收入'] = fig(f.fiscalIncome);
  values['财政拨款收支总计'] = fig(f.fiscalGrandTotal);
  values['一般公共预算财政拨款支出'] = fig(f.generalBudgetSpending);
  values['机关运行经费'] = fig(f.runningCosts);
  values['三公预算'] = fig(f.sangongBudget);
  const current = f.sangongActual ?? f.sangongBudget;
  if (current && f.sangongPrevious) {
    const diff = derivedDifference(current, f.sangongPrevious, `本年“三公”经费 − 上年`, opts.flagged);
    const up = decimalOf(diff).gte(0);
    values['三公上年'] = fig(f.sangongPrevious);
    values['三公增减'] = fig(up ? diff : derivedNegation(diff, '上年“三公”经费 − 本年', opts.flagged));
    values['三公增加'] = { k: 'flag', on: up };
  }
  values['三公决算'] = fig(f.sangongActual);
  values['三公项目'] = {
    k: 'list',
    // 公务用车购置费 and 运行维护费 are parts of 公务用车购置及运行维护费: the sentence names the three items.
    items: f.sangongItems.filter((x) => x.key !== 'vehiclePurchase' && x.key !== 'vehicleRun').map((x) => ({ label: x.name, values: { 名称: { k: 'text', text: x.name }, 预算: fig(x.budget), 决算: fig(x.actual) } })),
  };
}

// ---------- 项目 ----------

interface ProjectFigures {
  values: Record<string, Value | undefined>;
  budget?: FigureRun;
  actual?: FigureRun;
}

function projectFigures(table: ProjectTable, row: ProjectRow, opts: ContextOptions): ProjectFigures {
  const a = row.amounts;
  const money = (x: Amount | undefined) => (x ? moneyFromAmount(x, table.unit, opts.flagged) : undefined);
  // Every project name is set (even to undefined) so lookups never fall through to the unit's.
  const values = blankProjectValues();
  values['上年结转结余'] = fig(money(a.carryIn));
  values['年初预算'] = fig(money(a.initialBudget));
  values['当年财政拨款'] = fig(money(a.fiscalCurrent));
  values['上级转移支付'] = fig(money(a.transferFromUpper));
  values['其他资金'] = fig(money(a.otherFunds));
  let increase = money(a.increase);
  let decrease = money(a.decrease);
  // A single net 调整 column: positive reads as 调增, negative as 调减.
  if (a.adjustment) {
    const adj = money(a.adjustment) as FigureRun;
    if (decimalOf(adj).isNegative()) decrease = decrease ?? derivedNegation(adj, `−${table.columnLabels.adjustment ?? '年中调整'}`, opts.flagged);
    else increase = increase ?? adj;
  }
  if (decrease && decimalOf(decrease).isNegative()) decrease = derivedNegation(decrease, `−${table.columnLabels.decrease ?? '调减'}`, opts.flagged);
  values['年中调增'] = fig(increase);
  values['年中调减'] = fig(decrease);

  let budget = money(a.adjustedBudget);
  if (!budget) {
    const parts = sourcesOf(table.columns)
      .filter((s) => s.kind === 'base')
      .map((s) => a[s.column])
      .filter((x): x is Amount => !!x);
    if (parts.length || increase || decrease) {
      const sum = moneySum(parts, table.unit, '上年结转结余 + 年初预算 + 年中调增 − 年中调减', opts.flagged);
      let v = decimalOf(sum);
      const inputs = [...(sum.source.inputs ?? [])];
      if (increase) {
        v = v.plus(decimalOf(increase));
        inputs.push(...(increase.source.inputs ?? [{ sheet: increase.source.sheet as string, cell: increase.source.cell as string }]));
      }
      if (decrease) {
        v = v.minus(decimalOf(decrease));
        inputs.push(...(decrease.source.inputs ?? [{ sheet: decrease.source.sheet as string, cell: decrease.source.cell as string }]));
      }
      budget = figure(v, table.unit, { formula: sum.source.formula, inputs }, opts.flagged);
    }
  }
  values['全年预算'] = fig(budget);
  const actual = money(a.actualSpend);
  values['实际支出'] = fig(actual);
  let carryOut = money(a.carryOut);
  if (!carryOut && budget && actual) carryOut = derivedDifference(budget, actual, '全年预算数 − 实际支出', opts.flagged);
  values['结余结转'] = fig(carryOut);
  let rate: FigureRun | null | undefined = a.executionRate ? rateFromAmount(a.executionRate, !!table.rateAsPercentNumber, opts.flagged) : undefined;
  if (!rate && budget && actual) rate = derivedRate(actual, budget, '实际支出 ÷ 全年预算数', opts.flagged);
  values['执行率'] = fig(rate);

  // Conditions are judged on the figures themselves, not on a stated rate that may be wrong.
  let low = false;
  let over = false;
  if (budget && actual) {
    const b = decimalOf(budget);
    const s = decimalOf(actual);
    if (b.greaterThan(0) && s.div(b).lessThan(opts.idleThreshold)) low = true;
    if (s.greaterThan(b)) {
      over = true;
      values['超支金额'] = fig(derivedDifference(actual, budget, '实际支出 − 全年预算数', opts.flagged));
    }
  }
  const adjusted = [increase, decrease].some((x) => x && /[1-9]/.test(x.text));
  values['低执行'] = { k: 'flag', on: low };
  values['超支'] = { k: 'flag', on: over };
  values['有调整'] = { k: 'flag', on: adjusted };
  values['需改进'] = { k: 'flag', on: low || over };
  for (const [name, col] of [
    ['主要用途', 'purpose'],
    ['绩效情况', 'performance'],
    ['存在问题', 'problems'],
    ['原因', 'reasons'],
    ['改进措施', 'measures'],
  ] as const) {
    const t = row.texts[col];
    values[name] = text(t?.text, t?.ref);
  }
  // A project the engine flags (idle funds, overspending) is listed even if the figures alone
  // would not say so; a reason typed when ignoring the finding stands in for a missing 原因.
  const flaggedBy = opts.projectFindings?.get(`${table.sheet}!${row.row + 1}`) ?? [];
  if (flaggedBy.some((f) => f.finding.rule === 'idle-funds')) values['低执行'] = { k: 'flag', on: true };
  if (flaggedBy.some((f) => f.finding.rule === 'overspend') && values['超支金额']) values['超支'] = { k: 'flag', on: true };
  const withReason = flaggedBy.find((f) => f.ignoredReason);
  if (!values['原因'] && withReason?.ignoredReason) {
    const f = withReason.finding;
    values['原因'] = { k: 'text', text: withReason.ignoredReason, source: { sheet: f.sheet, cell: f.cell, formula: '忽略该校验结果时填写的理由' } };
  }
  values['需改进'] = { k: 'flag', on: (values['低执行'] as { on: boolean }).on || (values['超支'] as { on: boolean }).on };
  return { values, budget, actual };
}

const LEADING_MARKS = [
  /^[\s\u3000]+/,
  /^[一二三四五六七八九十]+[、.．]/, // 一、
  /^[(（][一二三四五六七八九十]+[)）][、.．]?/, // （一）
  /^\d+(\.\d+)*[、.．](?!\d)/, // 1. 1、 2.1.
  /^[(（]\d+[)）][、.．]?/, // （1）
  /^[①-⑳]/,
  /^(其中|含)[:：]?/,
];

/** The label without indentation, numbering (一、 （一） 1.) or 其中：, as the report prints it. */
export function cleanLabel(label: string): string {
  let s = label;
  for (let i = 0; i < 4; i++) {
    const before = s;
    for (const re of LEADING_MARKS) s = s.replace(re, '');
    if (s === before) break;
  }
  return s.trim();
}

function projectScope(table: ProjectTable, row: ProjectRow, opts: ContextOptions, withChildren = true): Scope {
  const name = cleanLabel(row.label);
  const { values } = projectFigures(table, row, opts);
  values['项目名称'] = text(name, row.labelRef);
  // 「退休人员去世抚恤慰问金主要用于退休人员去世抚恤慰问金」 says nothing: drop a purpose that only repeats the name.
  const purpose = values['主要用途'];
  if (purpose?.k === 'text' && purpose.text.trim().replace(/[。；;，,\s]+$/u, '') === name) values['主要用途'] = undefined;
  values['名称'] = values['项目名称'];
  if (withChildren) {
    const kids = row.children.map((i) => table.rows[i]).filter((r) => r.kind === 'item' && !r.hidden);
    values['子项目'] = { k: 'list', items: kids.map((r) => projectScope(table, r, opts, false)) };
  }
  return { label: name, values };
}

function sumColumn(items: { table: ProjectTable; row: ProjectRow }[], col: 'initialBudget', unit: Unit, formula: string, opts: ContextOptions): FigureRun | undefined {
  const amounts = items.map((x) => x.row.amounts[col]).filter((x): x is Amount => !!x);
  return amounts.length ? moneySum(amounts, unit, formula, opts.flagged) : undefined;
}

function projectsScope(model: BudgetModel, opts: ContextOptions, values: Record<string, Value | undefined>): void {
  const tops: { table: ProjectTable; row: ProjectRow; scope: Scope }[] = [];
  for (const table of model.projectTables) {
    for (const row of table.rows) {
      if (row.kind === 'item' && row.level === 0 && !row.hidden) tops.push({ table, row, scope: projectScope(table, row, opts) });
    }
  }
  values['项目'] = { k: 'list', items: tops.map((t) => t.scope) };
  const nameRefs = tops.map((t) => t.row.labelRef);
  values['项目数'] = tops.length ? fig(count(tops.length, '项', '项目支出明细表中的项目个数', nameRefs, opts.flagged)) : undefined;

  const initial = tops.filter((t) => t.row.amounts.initialBudget && !t.row.amounts.initialBudget.value.isZero());
  values['年初预算项目'] = { k: 'list', items: initial.map((t) => t.scope) };
  values['年初预算项目数'] = initial.length ? fig(count(initial.length, '项', '年初预算不为零的项目个数', initial.map((t) => t.row.labelRef), opts.flagged)) : undefined;
  values['年初预算项目合计'] = initial.length ? fig(sumColumn(initial, 'initialBudget', initial[0].table.unit, '年初预算项目的年初预算之和', opts)) : undefined;

  // The stated 合计 row when there is exactly one table and it has one; else the sums.
  const table = model.projectTables.length === 1 ? model.projectTables[0] : undefined;
  const totalRow = table?.rows.find((r) => r.kind === 'total' && r.totalKind !== '小计' && r.level === 0) ?? table?.rows.find((r) => r.kind === 'total' && r.totalKind !== '小计');
  if (table && totalRow) {
    const scope = projectScope(table, totalRow, opts, false);
    scope.label = '项目合计';
    values['项目合计'] = { k: 'list', items: [scope] };
  } else if (tops.length) {
    const unit = tops[0].table.unit;
    const sameUnit = tops.every((t) => t.table.unit === unit);
    const total = blankProjectValues();
    if (sameUnit) {
      for (const [name, col] of [
        ['上年结转结余', 'carryIn'],
        ['年初预算', 'initialBudget'],
        ['上级转移支付', 'transferFromUpper'],
        ['其他资金', 'otherFunds'],
        ['年中调增', 'increase'],
        ['年中调减', 'decrease'],
        ['全年预算', 'adjustedBudget'],
        ['实际支出', 'actualSpend'],
        ['结余结转', 'carryOut'],
      ] as const) {
        const amounts = tops.map((t) => t.row.amounts[col]).filter((x): x is Amount => !!x);
        if (amounts.length) total[name] = fig(moneySum(amounts, unit, `各项目${name}之和`, opts.flagged));
      }
      const b = total['全年预算'];
      const s = total['实际支出'];
      if (b?.k === 'figure' && s?.k === 'figure') total['执行率'] = fig(derivedRate(s.run, b.run, '实际支出合计 ÷ 全年预算数合计', opts.flagged));
    }
    values['项目合计'] = { k: 'list', items: [{ label: '项目合计', values: { ...total, 项目名称: { k: 'text', text: '合计' } } }] };
  } else {
    values['项目合计'] = { k: 'list', items: [] };
  }

  const flagged = tops.filter((t) => ['低执行', '超支', '有调整'].some((k) => {
    const v = t.scope.values[k];
    return v?.k === 'flag' && v.on;
  }));
  values['问题项目'] = { k: 'list', items: flagged.map((t) => t.scope) };
}

/** The count of doubtful cells is itself certain. */
const NOTHING_FLAGGED: UnverifiedCells = new Set<string>();

/** Each 绩效自评表 with a 总分: the score, the grade (printed, or by the profile's bands) and the points lost. */
function selfEvalScope(model: BudgetModel, flagged: UnverifiedCells): Value {
  const items: Scope[] = [];
  for (const t of model.selfEvals) {
    if (!t.total) continue;
    // A score prints as the form prints it (96.85, 10).
    const score = (a: Amount) => ({ ...figure(a.value, '', { sheet: a.ref.sheet, cell: a.ref.cell }, flagged), text: a.value.toFixed(Math.max(0, a.decimals)) });
    const grade: Value = t.grade
      ? { k: 'text', text: t.grade.text, source: { sheet: t.grade.ref.sheet, cell: t.grade.ref.cell } }
      : { k: 'text', text: gradeOf(profileNamed(t.profile), t.total.value.toNumber()), source: { formula: `按总分评定（${profileNamed(t.profile).label}）`, inputs: [{ sheet: t.total.ref.sheet, cell: t.total.ref.cell }] } };
    const lost = t.indicators.filter((i) => i.score && i.weight && i.score.value.lt(i.weight.value));
    items.push({
      label: t.subject ?? t.sheet,
      values: {
        自评对象: { k: 'text', text: t.subject ?? t.title ?? t.sheet, source: t.subjectRef ? { sheet: t.subjectRef.sheet, cell: t.subjectRef.cell } : undefined },
        总分: { k: 'figure', run: score(t.total) },
        等级: grade,
        失分指标: {
          k: 'list',
          items: lost.map((i) => ({
            label: i.name,
            values: {
              名称: { k: 'text', text: i.name, source: { sheet: i.nameRef.sheet, cell: i.nameRef.cell } },
              分值: { k: 'figure', run: score(i.weight!) },
              得分: { k: 'figure', run: score(i.score!) },
              原因: i.reason ? { k: 'text', text: i.reason.replace(/[。；;，,\s]+$/, ''), source: i.reasonRef ? { sheet: i.reasonRef.sheet, cell: i.reasonRef.cell } : undefined } : undefined,
            },
          })),
        },
      },
    });
  }
  return { k: 'list', items };
}

/** The outline's indicators whose two figures the report has, each with its formula and cells. */
function indicatorScope(defs: IndicatorDef[], values: Record<string, Value | undefined>, flagged: UnverifiedCells): Value {
  const items: Scope[] = [];
  for (const d of defs) {
    const n = values[d.numerator];
    const q = values[d.denominator];
    if (n?.k !== 'figure' || q?.k !== 'figure') continue;
    const v = derivedRate(n.run, q.run, `${d.numeratorLabel} ÷ ${d.denominatorLabel}`, flagged);
    if (!v) continue;
    items.push({
      label: d.name,
      values: {
        名称: { k: 'text', text: d.name },
        值: { k: 'figure', run: v },
        分子名称: { k: 'text', text: d.numeratorLabel },
        分子: n,
        分母名称: { k: 'text', text: d.denominatorLabel },
        分母: q,
      },
    });
  }
  return { k: 'list', items };
}

export function buildRootScope(model: BudgetModel, opts: ContextOptions): Scope {
  const values: Record<string, Value | undefined> = {};
  unitScope(model, opts, values);
  summaryScope(model, opts, values);
  financeScope(model, opts, values);
  values['绩效指标'] = indicatorScope(opts.indicators ?? [], values, opts.flagged);
  values['自评结论'] = selfEvalScope(model, opts.flagged);
  projectsScope(model, opts, values);
  values['执行率阈值'] = fig(figure(new Decimal(opts.idleThreshold).times(100), '%', { formula: '设置：执行率阈值' }, opts.flagged));
  const doubtful = opts.unverifiedCells;
  values['待核实数'] = doubtful.length ? fig(figure(new Decimal(doubtful.length), '项', { formula: '校验仍报告错误的单元格个数', inputs: doubtful }, NOTHING_FLAGGED)) : undefined;
  return { values };
}
