import Decimal from 'decimal.js';
import type { UncachedFormula } from './formula-eval';
import { Unit } from './numbers';

/** Where a figure or label lives. Rows and columns are 0-based; `cell` is the A1 address. */
export interface CellRef {
  sheet: string;
  row: number;
  col: number;
  cell: string;
}

/** A figure read from a cell. */
export interface Amount {
  value: Decimal;
  /**
   * The same figure as an exact count of millionths (exact.ts), when it has at most 6 decimals
   * and |value| < 10⁹. Absent means "work it out in decimal.js"; never set it apart from value.
   */
  micros?: number;
  /** For a figure converted to another unit: the figure as read, which stands for the cell. */
  source?: Amount;
  /** Decimals the cell displays (from its number format or as typed). */
  decimals: number;
  ref: CellRef;
  /** The cell held text that was read as a number. */
  fromText: boolean;
  /** A unit written into the cell's text ("131.31元"). */
  unitSuffix?: Unit;
  formula?: string;
  /** Rates: the value is a fraction (0.9554 = 95.54%). */
  percent?: boolean;
  /** Rates: the cell itself holds the percent number (95.54), read here as 0.9554. */
  percentNumber?: boolean;
}

export const PROJECT_AMOUNT_COLUMNS = [
  'carryIn',
  'initialBudget',
  'fiscalCurrent',
  'transferFromUpper',
  'otherFunds',
  'adjustment',
  'increase',
  'decrease',
  'adjustedBudget',
  'actualSpend',
  'carryOut',
  'executionRate',
] as const;
export type ProjectAmountColumn = (typeof PROJECT_AMOUNT_COLUMNS)[number];

export const PROJECT_TEXT_COLUMNS = ['purpose', 'performance', 'problems', 'reasons', 'measures'] as const;
export type ProjectTextColumn = (typeof PROJECT_TEXT_COLUMNS)[number];

export type ProjectKeyColumn = 'name' | 'code' | 'parent';
export type ProjectColumn = ProjectAmountColumn | ProjectTextColumn | ProjectKeyColumn;

export interface ProjectRow {
  /** Index of this row in ProjectTable.rows. */
  index: number;
  /** 0-based sheet row. */
  row: number;
  label: string;
  labelRef: CellRef;
  code?: string;
  kind: 'item' | 'total';
  /** For totals: 合计/总计 cover all top-level items, 小计 those since the previous 小计. */
  totalKind?: '合计' | '总计' | '小计';
  /** 0 for projects, 1 for their sub-items, 2 for sub-sub-items. */
  level: number;
  /** Index of the parent row for sub-items. */
  parent: number | null;
  children: number[];
  /** For totals: indices of the rows the total covers. */
  covers: number[];
  amounts: Partial<Record<ProjectAmountColumn, Amount>>;
  texts: Partial<Record<ProjectTextColumn, { text: string; ref: CellRef }>>;
  hidden: boolean;
  /** Set when the 上级项目 column makes this row its own ancestor: the loop's labels. */
  cycle?: string[];
}

export interface ProjectTable {
  sheet: string;
  title?: string;
  unit: Unit;
  /** Where the unit was stated; absent when it defaulted to 万元. */
  unitRef?: CellRef;
  headerRow: number;
  /** Last header row (multi-row headers). */
  headerEndRow: number;
  columns: Partial<Record<ProjectColumn, number>>;
  /** Header text of each mapped column, for messages. */
  columnLabels: Partial<Record<ProjectColumn, string>>;
  rows: ProjectRow[];
  /** The 执行率 column holds percentages as numbers (95.54), not fractions. */
  rateAsPercentNumber?: boolean;
  /** Amount columns whose header appears more than once; the first one is used. */
  duplicateColumns?: { key: ProjectColumn; cols: number[]; header: string }[];
  /**
   * The same figures column by column, for the checks that run on every row: set by the
   * reader, absent on tables built by hand (the checks then read the rows' amounts).
   */
  figures?: TableFigures;
}

/** Bits of TableFigures.flags. */
export const FIGURE_PRESENT = 1;
export const FIGURE_FORMULA = 2;
export const FIGURE_PERCENT = 4;
/** The figure was read from text (it may carry a unit suffix). */
export const FIGURE_TEXT = 8;

/**
 * A project table's figures in typed arrays, one per amount column (indexed like
 * PROJECT_AMOUNT_COLUMNS), each indexed by row index: no object per cell.
 */
export interface TableFigures {
  /** Whole micros (exact.ts) of each row's figure; NaN when it has none or micros cannot hold it. */
  micros: (Float64Array | undefined)[];
  /** FIGURE_* bits per row; 0 when the cell reports nothing. */
  flags: (Uint8Array | undefined)[];
  /** Decimals each figure shows. */
  decimals: (Uint8Array | undefined)[];
  /** The 执行率 cells' numbers as stored (NaN for text), to round rates worked out by formulas. */
  rateNumbers?: Float64Array;
}

export type SummaryLineKey =
  // budget style
  | 'incomeTotal'
  | 'initialBudget'
  | 'adjustment'
  | 'otherFunds'
  | 'carryIn'
  | 'fiscalCurrent'
  | 'expenditureTotal'
  | 'basicExpenditure'
  | 'personnel'
  | 'publicFunds'
  | 'wages'
  | 'goodsServices'
  | 'individualSubsidies'
  | 'capital'
  | 'projectExpenditure'
  | 'upperRemit'
  | 'operatingExpenditure'
  | 'subsidyToAffiliated'
  | 'carryOut'
  // final-accounts (决算) style
  | 'generalBudgetAppropriation'
  | 'govFundAppropriation'
  | 'stateCapitalAppropriation'
  | 'upperSubsidy'
  | 'businessIncome'
  | 'operatingIncome'
  | 'affiliatedIncome'
  | 'otherIncome'
  | 'yearIncomeTotal'
  | 'useNonFiscalBalance'
  | 'openingBalance'
  | 'incomeGrandTotal'
  | 'yearExpenditureTotal'
  | 'balanceDistribution'
  | 'closingBalance'
  | 'expenditureGrandTotal';

export interface SummaryLine {
  key: SummaryLineKey | null;
  /** Label as written, without numbering. */
  label: string;
  rawLabel: string;
  labelRef: CellRef;
  amount?: Amount;
  /** Where the amount would be (even when blank). */
  amountRef: CellRef;
  /** 0 for top lines; deeper for 其中 / indented / (一) lines. */
  level: number;
  /** Index of the parent line within the block. */
  parent: number | null;
  /** The amount cell held text that is not a number. */
  nonNumeric?: string;
}

export interface SummaryBlock {
  sheet: string;
  title?: string;
  unit: Unit;
  unitRef?: CellRef;
  style: 'budget' | 'final';
  /** For 决算 sheets with side-by-side blocks. */
  side?: 'income' | 'expenditure' | 'both';
  /** Column of the labels and of the amounts. */
  labelCol: number;
  amountCol: number;
  amountHeader?: string;
  /** Further amount columns (预算数 | 决算数): the checks use amountCol only; these are reported. */
  otherAmountColumns?: { col: number; header: string }[];
  /** The block read again in each of otherAmountColumns: the same lines, that column's figures. */
  alsoColumns?: SummaryBlock[];
  lines: SummaryLine[];
}

export type UnitInfoKey = '单位名称' | '单位简称' | '年度' | '编制人数' | '实有人数' | '内设科室' | '所属事业单位' | '机构性质' | '加挂牌子' | '主要职能' | '单位简介';

export interface UnitInfoEntry {
  key: UnitInfoKey;
  label: string;
  value: string;
  ref: CellRef;
}

export interface UnitInfo {
  sheet: string;
  entries: UnitInfoEntry[];
}

/** A row of a 自评表's fund block (年度资金总额, 其中：当年财政拨款 …) by the block's columns. */
export interface SelfEvalFundRow {
  label: string;
  labelRef: CellRef;
  total: boolean;
  initial?: Amount;
  budget?: Amount;
  actual?: Amount;
  weight?: Amount;
  rate?: Amount;
  score?: Amount;
  reason?: string;
}

/** One indicator (三级指标) with its target, result, 分值 and 得分. */
export interface SelfEvalIndicator {
  level1: string;
  level2: string;
  name: string;
  nameRef: CellRef;
  target: string;
  targetRef?: CellRef;
  actual: string;
  actualRef?: CellRef;
  /** 指标性质 where the form states it (正向 / 反向 / 定性 …). */
  nature?: string;
  weight?: Amount;
  score?: Amount;
  reason: string;
  reasonRef?: CellRef;
}

/** A 绩效自评表 (项目支出 or 部门整体), read by content. */
export interface SelfEvalTable {
  sheet: string;
  title?: string;
  /** 项目名称 / 单位名称 as the form prints it. */
  subject?: string;
  subjectRef?: CellRef;
  /** Which shipped scoring profile the layout matches (selfeval-profiles.ts). */
  profile: string;
  /** The fund block's unit (「项目资金（万元）」), when its header says. */
  unit?: Unit;
  fund: SelfEvalFundRow[];
  indicators: SelfEvalIndicator[];
  total?: Amount;
  /** 分值 printed on the 总分 row (100). */
  totalWeight?: Amount;
  grade?: { text: string; ref: CellRef };
  /** Where the form asks why the execution rate fell short: the fund row's 原因, or 执行准确性 under 存在问题和改进措施. */
  rateReason?: { text: string; ref: CellRef };
}

/** A fact about the whole document, with the cell it came from and how it was read. */
export interface DocumentFact {
  value: string;
  sheet: string;
  cell: string;
  how: '表题' | '编制单位行' | '文件属性';
}

export interface DocumentInfo {
  year?: DocumentFact;
  unitName?: DocumentFact;
  /** The tables' titles say 决算 (final accounts) or 预算 (budget), by the majority of them. */
  kind?: '决算' | '预算';
}

/** A cell read from a user's sheet whose content needs a word: text numbers, errors. */
export interface CellNote {
  ref: CellRef;
  /** uncached-formula: a formula saved without its result that could not be computed (raw: the formula). */
  kind: 'text-number' | 'formula-error' | 'non-numeric' | 'uncached-formula';
  raw: string;
  /** The label of the row/line it belongs to, when known. */
  label?: string;
  /** For text numbers: the value it was read as. */
  value?: Decimal;
  /** A non-numeric note for a figure too long to be one (precision.ts); raw is then shortened. */
  tooLong?: boolean;
}

/** Notes on cells where a figure belongs but none can be read: totals over them are not checked, fixes avoid their rows. */
export const UNREADABLE_NOTE_KINDS: ReadonlySet<CellNote['kind']> = new Set(['non-numeric', 'formula-error', 'uncached-formula']);

/** A template sheet (模板) the user added; kept as raw rows for the report engine. */
export interface TemplateSheet {
  sheet: string;
  rows: { row: number; cells: string[] }[];
}

/** The semantic key of a line-table row or column header (vocabulary.ts LINE_KEYS). */
export type LineKey =
  | 'total'
  | 'sangongTotal'
  | 'abroad'
  | 'vehicle'
  | 'vehiclePurchase'
  | 'vehicleRun'
  | 'reception'
  | 'yearIncomeTotal'
  | 'fiscalIncome'
  | 'upperSubsidy'
  | 'businessIncome'
  | 'operatingIncome'
  | 'affiliatedIncome'
  | 'otherIncome'
  | 'yearExpenditureTotal'
  | 'basic'
  | 'project'
  | 'upperRemit'
  | 'operatingExpenditure'
  | 'subsidyToAffiliated'
  | 'personnel'
  | 'publicFunds'
  | 'fundGeneral'
  | 'fundGov'
  | 'fundCapital';

export interface LineColumn {
  col: number;
  /** Header cells above the column, top to bottom (group headers first). */
  path: string[];
  /** The lowest header. */
  header: string;
  key?: LineKey;
}

export interface LineRow {
  /** 0-based sheet row. */
  row: number;
  /** Label without numbering, 其中 and spaces (the code when there is no label). */
  label: string;
  rawLabel: string;
  labelRef: CellRef;
  /** 功能分类 or 经济分类 code (split 类 | 款 | 项 columns joined). */
  code?: string;
  total?: '合计' | '总计' | '小计';
  qizhong: boolean;
  /** Numbering depth (labels.numberingLevel); null when unnumbered. */
  numbering: number | null;
  indent: number;
  key?: LineKey;
  /** One per LineTable.columns; undefined where blank or a dash. */
  figures: (Amount | undefined)[];
}

/**
 * A table of labelled lines and amount columns: the national public tables (三公, 收入/支出决算表 by
 * code, 基本支出 by 经济分类 …). Structure is recorded as laid out; the rule decides by arithmetic.
 */
export interface LineTable {
  sheet: string;
  title?: string;
  unit: Unit;
  unitRef?: CellRef;
  headerRows: number[];
  labelCol: number;
  codeCols: number[];
  columns: LineColumn[];
  rows: LineRow[];
  /** The table visibly ends (a note, the sheet's end, a closing total): its last group is complete. */
  closed: boolean;
}

export interface BudgetModel {
  projectTables: ProjectTable[];
  summaries: SummaryBlock[];
  lineTables: LineTable[];
  /** 绩效自评表: fund rows, indicators, 总分 and grade. */
  selfEvals: SelfEvalTable[];
  unitInfo?: UnitInfo;
  /** 年度 and 单位名称 read from table titles and 编制单位 rows (for workbooks without a 单位基本情况 sheet). */
  documentInfo?: DocumentInfo;
  templates: TemplateSheet[];
  notes: CellNote[];
  /** Formulas saved without their results (a workbook written by a script): computed here, or not. */
  uncachedFormulas?: { computed: UncachedFormula[]; notComputed: UncachedFormula[] };
  /** Sheets the workbook lists but whose content could not be read: their checks are lost, and said so. */
  unreadableSheets?: { name: string; reason: string; reasonEn: string }[];
  /** Names of sheets that were read but held nothing recognisable. */
  unrecognisedSheets: string[];
  /** Sheets the add-in owns, skipped when reading. */
  skippedSheets: string[];
  cellsRead: number;
}
