/**
 * The figures a 决算/预算 narrative quotes, read from whatever published tables the unit keeps: 收入总计,
 * 本年收入合计 and its sources, 年初/年末结转和结余, 本年支出合计 with 基本支出 / 项目支出 and its 功能分类 类,
 * 人员经费 and 公用经费 from the 基本支出 table, and the 三公经费 (预算数, 决算数, each item). Every figure keeps
 * its cell, or the cells and formula it is computed from. Projects never come from here.
 */
import { Amount, BudgetModel, CellRef, LineKey, LineTable, SummaryBlock, SummaryLine, SummaryLineKey } from '../model';
import { Unit } from '../numbers';
import { foldTraditional, withoutPinyin } from '../traditional';
import { decimalOf, figure, FigureRun, moneyFromAmount, moneySum, UnverifiedCells } from './figures';

export interface NamedFigure {
  name: string;
  nameRef: CellRef;
  figure: FigureRun;
  /** 功能分类 code of a 类 line. */
  code?: string;
}

export interface SangongItem {
  name: string;
  key: LineKey;
  budget?: FigureRun;
  actual?: FigureRun;
}

export interface UnitFinances {
  /** The summary the income and spending come from is a 决算 (final accounts) one. */
  final: boolean;
  incomeGrandTotal?: FigureRun;
  yearIncomeTotal?: FigureRun;
  incomeSources: NamedFigure[];
  openingBalance?: FigureRun;
  expenditureGrandTotal?: FigureRun;
  yearExpenditureTotal?: FigureRun;
  basic?: FigureRun;
  project?: FigureRun;
  functions: NamedFigure[];
  personnel?: FigureRun;
  publicFunds?: FigureRun;
  closingBalance?: FigureRun;
  /** 财政拨款收入, 财政拨款收支总计, 一般公共预算财政拨款支出 (the 财政拨款 tables). */
  fiscalIncome?: FigureRun;
  fiscalGrandTotal?: FigureRun;
  generalBudgetSpending?: FigureRun;
  /** 机关运行经费, where a table gives it (the 三公 and 机关运行经费 table of a budget). */
  runningCosts?: FigureRun;
  sangongBudget?: FigureRun;
  sangongActual?: FigureRun;
  /** Last year's 三公 figure of the same kind, where the table gives it (上年决算数, a 2015年 row). */
  sangongPrevious?: FigureRun;
  sangongItems: SangongItem[];
}

interface Found {
  block: SummaryBlock;
  line: SummaryLine;
}

/** The unit's whole 收支 (收入支出决算总表) before a fund's own (财政拨款收入支出决算总表). */
function wholeFirst(blocks: SummaryBlock[]): SummaryBlock[] {
  const fund = (b: SummaryBlock) => /财政拨款|一般公共预算|政府性基金/.test(`${b.title ?? ''}${b.sheet}`);
  return [...blocks.filter((b) => !fund(b)), ...blocks.filter(fund)];
}

function summaryLine(model: BudgetModel, keys: SummaryLineKey[]): Found | undefined {
  for (const key of keys) {
    for (const block of wholeFirst(model.summaries)) {
      const line = block.lines.find((l) => l.key === key && l.amount);
      if (line) return { block, line };
    }
  }
  return undefined;
}

const INCOME_SOURCES: SummaryLineKey[] = ['generalBudgetAppropriation', 'govFundAppropriation', 'stateCapitalAppropriation', 'upperSubsidy', 'businessIncome', 'operatingIncome', 'affiliatedIncome', 'otherIncome'];

/** A label without numbering (「一、」, 「（一）」) and spaces. */
function clean(label: string): string {
  return label.replace(/^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])\s*/, '').replace(/\s+/g, '');
}

/** The first column of a line table whose key is one of these, and the total row's figure in it. */
function totalRowFigure(table: LineTable, keys: LineKey[], flagged: UnverifiedCells): FigureRun | undefined {
  const total = table.rows.find((r) => r.total === '合计' || r.total === '总计' || r.key === 'total');
  if (!total) return undefined;
  for (const key of keys) {
    const k = table.columns.findIndex((c) => c.key === key);
    const a = k >= 0 ? total.figures[k] : undefined;
    if (a) return moneyFromAmount(a, table.unit, flagged);
  }
  return undefined;
}

const CODE_ROW = (len: number) => (r: LineTable['rows'][number]) => !!r.code && r.code.length === len;

/** The spending table by 功能分类 (支出决算表, 一般公共预算支出表): codes and a 基本支出 | 项目支出 split. */
function spendingTable(model: BudgetModel): LineTable | undefined {
  const coded = model.lineTables.filter((t) => t.rows.some(CODE_ROW(3)) && t.columns.some((c) => c.key === 'basic') && t.columns.some((c) => c.key === 'project'));
  // The whole spending (本年支出合计) before a fund's own table (一般公共预算财政拨款支出).
  return coded.find((t) => t.columns.some((c) => c.key === 'yearExpenditureTotal')) ?? coded[0];
}

function economicCode(model: BudgetModel, code: string): { amount: Amount; table: LineTable } | undefined {
  for (const table of model.lineTables) {
    const row = table.rows.find((r) => r.code === code);
    const k = row ? row.figures.findIndex((f) => !!f) : -1;
    if (row && k >= 0) return { amount: row.figures[k]!, table };
  }
  return undefined;
}

const SANGONG: LineKey[] = ['sangongTotal', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleRun', 'reception'];
const SANGONG_NAME: Partial<Record<LineKey, string>> = {
  abroad: '因公出国（境）费',
  vehicle: '公务用车购置及运行维护费',
  vehiclePurchase: '公务用车购置费',
  vehicleRun: '公务用车运行维护费',
  reception: '公务接待费',
};

type Side = 'budget' | 'actual';

/** Which 三公 figure a column of a wide table holds, by its header path. */
function sangongColumn(path: string): LineKey | undefined {
  const p = path.replace(/\s/g, '');
  if (/机关运行/.test(p)) return undefined;
  if (/因公出国/.test(p)) return 'abroad';
  if (/接待/.test(p)) return 'reception';
  if (/公务用车|公车|车辆|购置费|运行费/.test(p)) {
    if (/(^|>)(公务用车|车辆)?购置(费)?(>|$)/.test(p)) return 'vehiclePurchase';
    if (/(^|>)(公务用车|车辆)?运行(维护)?(费)?(>|$)/.test(p)) return 'vehicleRun';
    return 'vehicle';
  }
  if (/三公|合计|总计/.test(p)) return 'sangongTotal';
  return undefined;
}

function sideOf(header: string): Side | undefined {
  const h = foldTraditional(withoutPinyin(header)).replace(/\s/g, '');
  if (/减少|增减|增长|比上年|上年/.test(h)) return undefined;
  if (/决算|执行|实际/.test(h)) return 'actual';
  if (/预算/.test(h)) return 'budget';
  // 「2020年度支出（万元）」: what was spent.
  if (/支出/.test(h)) return 'actual';
  return undefined;
}

/** The 三公 table, tall (items as rows) or wide (items as column groups), with its 预算数 and 决算数. */
function sangong(model: BudgetModel, year: string | undefined, flagged: UnverifiedCells): Pick<UnitFinances, 'sangongBudget' | 'sangongActual' | 'sangongPrevious' | 'sangongItems'> {
  const out: Pick<UnitFinances, 'sangongBudget' | 'sangongActual' | 'sangongPrevious' | 'sangongItems'> = { sangongItems: [] };
  const previousYear = year ? String(Number(year) - 1) : undefined;
  for (const table of model.lineTables) {
    const money = (a: Amount | undefined) => (a ? moneyFromAmount(a, table.unit, flagged) : undefined);
    // Columns of this year only, when the headers name years (「2016年预算数」 | 「2015年预算数」).
    // A column says 预算数 or 决算数; else the table's title does (「…“三公”经费支出预算表」).
    const titleSide = sideOf(table.title ?? '');
    const sides = table.columns.map((c) => {
      const text = c.path.join('');
      const years = text.match(/(19|20)\d{2}/g);
      if (years && year && !years.includes(year)) return undefined;
      if (/上年|增减|减少|增长|比/.test(foldTraditional(text))) return undefined;
      return sideOf(text) ?? titleSide;
    });
    // Items as rows, never the 经济分类 lines of a 基本支出 table (30217 公务接待费 has a code).
    const tallRows = table.rows.filter((r) => r.key && SANGONG.includes(r.key) && !r.code);
    if (tallRows.length >= 2) {
      // One column per side; of several (「2017预算数合计」 | 「公共财政预算拨款」 | …), the one that totals them.
      const col = (side: Side) => {
        const ks = sides.map((s, k) => (s === side ? k : -1)).filter((k) => k >= 0);
        if (ks.length === 1) return ks[0];
        const totals = ks.filter((k) => /合计|总计/.test(foldTraditional(table.columns[k].path.join(''))));
        return totals.length === 1 ? totals[0] : -1;
      };
      const b = col('budget');
      const a = col('actual');
      if (b < 0 && a < 0) continue;
      const totalRow = table.rows.find((r) => r.key === 'sangongTotal' || r.total === '合计' || r.key === 'total' || r.key === 'yearExpenditureTotal');
      if (totalRow) {
        out.sangongBudget = b >= 0 ? money(totalRow.figures[b]) : undefined;
        out.sangongActual = a >= 0 ? money(totalRow.figures[a]) : undefined;
        // 「上年决算数」 | 「2015年预算数」: last year's figure of the kind this year's paragraph leads with.
        const lead: Side = a >= 0 ? 'actual' : 'budget';
        const prev = table.columns.findIndex((c) => {
          const t = foldTraditional(c.path.join('')).replace(/\s/g, '');
          return (/上年/.test(t) || (!!previousYear && t.includes(previousYear))) && !/增减|增、减|比/.test(t) && sideOf(t.replace(/上年/, '')) === lead;
        });
        if (prev >= 0) out.sangongPrevious = money(totalRow.figures[prev]);
      }
      for (const r of tallRows) {
        if (r.key === 'sangongTotal' || r.key === 'total') continue;
        out.sangongItems.push({ name: SANGONG_NAME[r.key!] ?? clean(r.rawLabel), key: r.key!, budget: b >= 0 ? money(r.figures[b]) : undefined, actual: a >= 0 ? money(r.figures[a]) : undefined });
      }
      return out;
    }
    // Wide: column groups by item (read from the header path: 「…>公务用车购置及运行费>小计>预算数」), each with
    // 预算数 / 决算数 (or the table's own 「“三公”经费预算数」 group); one data row.
    const itemCols = table.columns
      .map((c, k) => ({ k, side: sides[k], item: sangongColumn(c.path.join('>')) }))
      .filter((x): x is { k: number; side: Side; item: LineKey } => !!x.item && !!x.side);
    // One data row; a table of years (「2015年」, 「2016年」, 「增减%」) gives this year's.
    const yearRows = table.rows.filter((r) => /^(19|20)\d{2}年?(度)?$/.test(r.label));
    const row = yearRows.length ? yearRows.find((r) => year && r.label.startsWith(year)) : table.rows.find((r) => r.figures.some((f) => !!f));
    if (itemCols.length >= 3 && itemCols.some((x) => x.item === 'sangongTotal') && row) {
      const first = (key: LineKey, side: Side) => itemCols.find((x) => x.item === key && x.side === side);
      const tb = first('sangongTotal', 'budget');
      const ta = first('sangongTotal', 'actual');
      out.sangongBudget = tb ? money(row.figures[tb.k]) : undefined;
      out.sangongActual = ta ? money(row.figures[ta.k]) : undefined;
      // A table of years: last year's row.
      const prevRow = yearRows.find((r) => previousYear && r.label.startsWith(previousYear));
      const lead = ta ?? tb;
      if (prevRow && lead) out.sangongPrevious = money(prevRow.figures[lead.k]);
      for (const key of ['abroad', 'vehicle', 'vehiclePurchase', 'vehicleRun', 'reception'] as LineKey[]) {
        const b = first(key, 'budget');
        const a = first(key, 'actual');
        if (!b && !a) continue;
        out.sangongItems.push({ name: SANGONG_NAME[key]!, key, budget: b ? money(row.figures[b.k]) : undefined, actual: a ? money(row.figures[a.k]) : undefined });
      }
      return out;
    }
  }
  return out;
}

export function unitFinances(model: BudgetModel, flagged: UnverifiedCells): UnitFinances {
  const fig = (f: Found | undefined) => (f?.line.amount ? moneyFromAmount(f.line.amount, f.block.unit, flagged) : undefined);
  const yearIncome = summaryLine(model, ['yearIncomeTotal']);
  const kind = model.documentInfo?.kind;
  const out: UnitFinances = {
    final: kind ? kind === '决算' : [yearIncome, summaryLine(model, ['incomeGrandTotal'])].some((f) => f?.block.style === 'final'),
    incomeGrandTotal: fig(summaryLine(model, ['incomeGrandTotal'])),
    yearIncomeTotal: fig(yearIncome),
    incomeSources: [],
    openingBalance: fig(summaryLine(model, ['openingBalance'])),
    expenditureGrandTotal: fig(summaryLine(model, ['expenditureGrandTotal'])),
    yearExpenditureTotal: fig(summaryLine(model, ['yearExpenditureTotal'])),
    basic: fig(summaryLine(model, ['basicExpenditure'])),
    project: fig(summaryLine(model, ['projectExpenditure'])),
    functions: [],
    personnel: fig(summaryLine(model, ['personnel'])),
    publicFunds: fig(summaryLine(model, ['publicFunds'])),
    closingBalance: fig(summaryLine(model, ['closingBalance'])),
    sangongItems: [],
  };
  for (const key of INCOME_SOURCES) {
    const f = summaryLine(model, [key]);
    if (f?.line.amount && !f.line.amount.value.isZero()) out.incomeSources.push({ name: clean(f.line.rawLabel), nameRef: f.line.labelRef, figure: fig(f)! });
  }
  const spending = spendingTable(model);
  if (spending) {
    out.yearExpenditureTotal ??= totalRowFigure(spending, ['yearExpenditureTotal', 'total'], flagged);
    out.basic ??= totalRowFigure(spending, ['basic'], flagged);
    out.project ??= totalRowFigure(spending, ['project'], flagged);
    const k = spending.columns.findIndex((c) => c.key === 'yearExpenditureTotal' || c.key === 'total');
    if (k >= 0) {
      for (const r of spending.rows.filter(CODE_ROW(3))) {
        const a = r.figures[k];
        if (a && !a.value.isZero()) out.functions.push({ name: clean(r.rawLabel).replace(/^\d+/, ''), nameRef: r.labelRef, figure: moneyFromAmount(a, spending.unit, flagged), code: r.code });
      }
    }
  }
  // A 基本支出 table that states them: 「人员经费合计」 rows, or 人员经费 | 公用经费 columns at its 合计 row.
  for (const table of model.lineTables) {
    const labelled = (re: RegExp) => {
      const r = table.rows.find((x) => re.test(x.label) && x.figures.filter(Boolean).length === 1);
      const a = r?.figures.find(Boolean);
      return a ? moneyFromAmount(a, table.unit, flagged) : undefined;
    };
    out.personnel ??= labelled(/^人员经费(合计)?$/) ?? totalRowFigure(table, ['personnel'], flagged);
    out.publicFunds ??= labelled(/^(日常)?公用经费(合计)?$/) ?? totalRowFigure(table, ['publicFunds'], flagged);
  }
  // 人员经费 = 工资福利支出 (301) + 对个人和家庭的补助 (303); 公用经费 = 商品和服务支出 (302) + 资本性支出 (310),
  // as the 基本支出 table by 经济分类 gives them (财政部 部门决算 口径).
  if (!out.personnel) {
    const parts = ['301', '303'].map((c) => economicCode(model, c)).filter((x): x is { amount: Amount; table: LineTable } => !!x);
    if (parts.length && parts.every((p) => p.table.unit === parts[0].table.unit) && parts.some((p) => p.amount.value.gt(0))) {
      out.personnel = moneySum(parts.map((p) => p.amount), parts[0].table.unit, parts.length === 2 ? '工资福利支出（301）+ 对个人和家庭的补助（303）' : '工资福利支出（301）', flagged);
    }
  }
  if (!out.publicFunds) {
    const parts = ['302', '310'].map((c) => economicCode(model, c)).filter((x): x is { amount: Amount; table: LineTable } => !!x);
    if (parts.length && parts.every((p) => p.table.unit === parts[0].table.unit) && parts.some((p) => p.amount.value.gt(0))) {
      out.publicFunds = moneySum(parts.map((p) => p.amount), parts[0].table.unit, parts.length === 2 ? '商品和服务支出（302）+ 资本性支出（310）' : '商品和服务支出（302）', flagged);
    }
  }
  Object.assign(out, sangong(model, model.documentInfo?.year?.value, flagged));
  Object.assign(out, fiscal(model, flagged));
  return inWan(out, flagged);
}

/**
 * Reports quote the unit's finances in 万元: a table kept in 元 (the Shanghai budget tables) is shown in 万元,
 * the same cell behind it.
 */
export function wan(r: FigureRun, flagged: UnverifiedCells): FigureRun;
export function wan(r: FigureRun | undefined, flagged: UnverifiedCells): FigureRun | undefined;
export function wan(r: FigureRun | undefined, flagged: UnverifiedCells): FigureRun | undefined {
  return r && r.unit === '元' ? figure(decimalOf(r).div(10000), '万元', r.source, flagged) : r;
}

function inWan(f: UnitFinances, flagged: UnverifiedCells): UnitFinances {
  const named = (xs: NamedFigure[]) => xs.map((x) => ({ ...x, figure: wan(x.figure, flagged) }));
  return {
    ...f,
    incomeGrandTotal: wan(f.incomeGrandTotal, flagged),
    yearIncomeTotal: wan(f.yearIncomeTotal, flagged),
    incomeSources: named(f.incomeSources),
    openingBalance: wan(f.openingBalance, flagged),
    expenditureGrandTotal: wan(f.expenditureGrandTotal, flagged),
    yearExpenditureTotal: wan(f.yearExpenditureTotal, flagged),
    basic: wan(f.basic, flagged),
    project: wan(f.project, flagged),
    functions: named(f.functions),
    personnel: wan(f.personnel, flagged),
    publicFunds: wan(f.publicFunds, flagged),
    closingBalance: wan(f.closingBalance, flagged),
    fiscalIncome: wan(f.fiscalIncome, flagged),
    fiscalGrandTotal: wan(f.fiscalGrandTotal, flagged),
    generalBudgetSpending: wan(f.generalBudgetSpending, flagged),
    runningCosts: wan(f.runningCosts, flagged),
    sangongBudget: wan(f.sangongBudget, flagged),
    sangongActual: wan(f.sangongActual, flagged),
    sangongPrevious: wan(f.sangongPrevious, flagged),
    sangongItems: f.sangongItems.map((x) => ({ ...x, budget: wan(x.budget, flagged), actual: wan(x.actual, flagged) })),
  };
}

/** A line of a summary by its label (「财政拨款收入」 has no key of its own in a 收支总表). */
function labelledLine(model: BudgetModel, re: RegExp, blocks: (b: SummaryBlock) => boolean): Found | undefined {
  for (const block of wholeFirst(model.summaries).filter(blocks)) {
    const line = block.lines.find((l) => re.test(l.label.replace(/\s/g, '')) && l.amount);
    if (line) return { block, line };
  }
  return undefined;
}

/** A line table's row by label, in the column of the given key (or its first figure). */
function tableRow(model: BudgetModel, table: (t: LineTable) => boolean, row: RegExp, col: LineKey | undefined, flagged: UnverifiedCells): FigureRun | undefined {
  for (const t of model.lineTables.filter(table)) {
    const r = t.rows.find((x) => row.test(x.label.replace(/\s/g, '')));
    if (!r) continue;
    const k = col ? t.columns.findIndex((c) => c.key === col) : r.figures.findIndex(Boolean);
    const a = k >= 0 ? r.figures[k] : undefined;
    if (a) return moneyFromAmount(a, t.unit, flagged);
  }
  return undefined;
}

const isFund = (b: SummaryBlock) => /财政拨款/.test(`${b.title ?? ''}${b.sheet}`);
const fundTable = (t: LineTable) => /财政拨款收支|财政拨款收入支出/.test(`${t.title ?? ''}${t.sheet}`);

function fiscal(model: BudgetModel, flagged: UnverifiedCells): Pick<UnitFinances, 'fiscalIncome' | 'fiscalGrandTotal' | 'generalBudgetSpending' | 'runningCosts'> {
  const fig = (f: Found | undefined) => (f?.line.amount ? moneyFromAmount(f.line.amount, f.block.unit, flagged) : undefined);
  // 财政拨款收入: the whole unit's 收支总表 line, the 收入决算表's 财政拨款收入 column, or the 财政拨款 总表's 本年收入合计.
  const income =
    fig(labelledLine(model, /^(一、)?财政拨款(收入)?$/, (b) => !isFund(b))) ??
    model.lineTables.map((t) => totalRowFigure(t, ['fiscalIncome'], flagged)).find(Boolean) ??
    fig(summaryLineIn(model, ['yearIncomeTotal'], isFund));
  const grand = fig(summaryLineIn(model, ['incomeGrandTotal', 'expenditureGrandTotal'], isFund)) ?? tableRow(model, fundTable, /^支出总计$/, 'total', flagged);
  // 一般公共预算财政拨款支出: its own 支出决算表's 合计, or the 财政拨款 总表's 一般公共预算 column at 支出总计.
  const general =
    model.lineTables
      .filter((t) => /一般公共预算/.test(`${t.title ?? ''}${t.sheet}`) && /支出/.test(`${t.title ?? ''}${t.sheet}`) && !/基本支出/.test(`${t.title ?? ''}${t.sheet}`) && t.rows.some(CODE_ROW(3)))
      .map((t) => totalRowFigure(t, ['total', 'yearExpenditureTotal'], flagged))
      .find(Boolean) ?? tableRow(model, fundTable, /^支出总计$/, 'fundGeneral', flagged);
  // 机关运行经费: a column or a row of that name.
  let running: FigureRun | undefined;
  for (const t of model.lineTables) {
    const k = t.columns.findIndex((c) => /机关运行经费/.test(c.path.join('')));
    const row = t.rows.find((r) => r.figures.some(Boolean));
    if (k >= 0 && row?.figures[k]) running = moneyFromAmount(row.figures[k]!, t.unit, flagged);
    running ??= tableRow(model, () => t === t, /^机关运行经费(合计|支出)?$/, undefined, flagged);
    if (running) break;
  }
  return { fiscalIncome: income, fiscalGrandTotal: grand, generalBudgetSpending: general, runningCosts: running };
}

function summaryLineIn(model: BudgetModel, keys: SummaryLineKey[], blocks: (b: SummaryBlock) => boolean): Found | undefined {
  for (const key of keys) {
    for (const block of model.summaries.filter(blocks)) {
      const line = block.lines.find((l) => l.key === key && l.amount);
      if (line) return { block, line };
    }
  }
  return undefined;
}

/** A share of a total as a derived percentage, or undefined when the total is zero. */
export function shareOf(part: FigureRun, total: FigureRun, formula: string, flagged: UnverifiedCells): FigureRun | undefined {
  const t = decimalOf(total);
  if (t.isZero() || part.unit !== total.unit) return undefined;
  return figure(decimalOf(part).div(t).times(100), '%', { formula, inputs: [...cells(part), ...cells(total)] }, flagged);
}

function cells(f: FigureRun): { sheet: string; cell: string }[] {
  if (f.source.sheet && f.source.cell) return [{ sheet: f.source.sheet, cell: f.source.cell }];
  return f.source.inputs ?? [];
}

export type { Unit };
