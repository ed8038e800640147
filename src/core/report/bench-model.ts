/**
 * A large model for the speed budget: n projects (each with two sub-items, text columns and a
 * mix of low execution, adjustments and zero figures), a summary and unit information, built
 * directly as a BudgetModel so the measurement is of report generation alone.
 * `npm run bench` reports benchReport(1000).ms as reportMs1000 (budget: under 200 ms).
 */
import Decimal from 'decimal.js';
import { address } from '../address';
import { Amount, BudgetModel, CellRef, ProjectAmountColumn, ProjectRow, ProjectTable, SummaryLine, SummaryLineKey } from '../model';
import { generateReport } from './generate';
import { renderText } from './render-text';

const SHEET = '项目支出明细';
const COLS: Partial<Record<ProjectAmountColumn, number>> = { carryIn: 2, initialBudget: 3, increase: 4, adjustedBudget: 5, actualSpend: 6, carryOut: 7, executionRate: 8 };

function ref(sheet: string, row: number, col: number): CellRef {
  return { sheet, row, col, cell: address(row, col) };
}

function amount(sheet: string, row: number, col: number, value: Decimal, percent = false): Amount {
  return { value, decimals: percent ? 4 : 2, ref: ref(sheet, row, col), fromText: false, percent };
}

function projectRows(n: number): ProjectRow[] {
  const rows: ProjectRow[] = [];
  let r = 4;
  for (let i = 0; i < n; i++) {
    const carryIn = new Decimal(i % 3 === 0 ? (i % 17) + 0.25 : 0);
    const initial = new Decimal(i % 5 === 0 ? 0 : 100 + (i % 40));
    const increase = new Decimal(i % 4 === 0 ? 12.5 : 0);
    const budget = carryIn.plus(initial).plus(increase);
    const spend = budget.times(i % 7 === 0 ? 0.62 : 0.97).toDecimalPlaces(2);
    const row = r++;
    const index = rows.length;
    const amounts: ProjectRow['amounts'] = {
      carryIn: amount(SHEET, row, COLS.carryIn as number, carryIn),
      initialBudget: amount(SHEET, row, COLS.initialBudget as number, initial),
      increase: amount(SHEET, row, COLS.increase as number, increase),
      adjustedBudget: amount(SHEET, row, COLS.adjustedBudget as number, budget),
      actualSpend: amount(SHEET, row, COLS.actualSpend as number, spend),
      carryOut: amount(SHEET, row, COLS.carryOut as number, budget.minus(spend)),
    };
    if (!budget.isZero()) amounts.executionRate = amount(SHEET, row, COLS.executionRate as number, spend.div(budget), true);
    const project: ProjectRow = {
      index,
      row,
      label: `第${i + 1}号专项经费`,
      labelRef: ref(SHEET, row, 1),
      kind: 'item',
      level: 0,
      parent: null,
      children: [],
      covers: [],
      amounts,
      texts: {
        purpose: { text: '保障基层组织正常运转，开展日常业务工作', ref: ref(SHEET, row, 9) },
        ...(i % 7 === 0 ? { reasons: { text: '项目实施进度滞后', ref: ref(SHEET, row, 10) } } : {}),
      },
      hidden: false,
    };
    rows.push(project);
    for (let j = 0; j < 2; j++) {
      const subRow = r++;
      const part = spend.div(2).toDecimalPlaces(2);
      project.children.push(rows.length);
      rows.push({
        index: rows.length,
        row: subRow,
        label: j === 0 ? `其中：子项${j + 1}` : `\u3000\u3000子项${j + 1}`,
        labelRef: ref(SHEET, subRow, 1),
        kind: 'item',
        level: 1,
        parent: index,
        children: [],
        covers: [],
        amounts: { actualSpend: amount(SHEET, subRow, COLS.actualSpend as number, j === 0 ? part : spend.minus(part)) },
        texts: {},
        hidden: false,
      });
    }
  }
  return rows;
}

function summaryLines(): SummaryLine[] {
  const sheet = '收支情况';
  const spec: [SummaryLineKey, string, number, number | null, number][] = [
    ['incomeTotal', '收入合计', 0, null, 150000],
    ['initialBudget', '年初预算', 1, 0, 100000],
    ['adjustment', '调整追加', 1, 0, 50000],
    ['expenditureTotal', '支出合计', 0, null, 140000],
    ['basicExpenditure', '基本支出', 1, 3, 20000],
    ['wages', '工资福利支出', 2, 4, 15000],
    ['goodsServices', '商品和服务支出', 2, 4, 5000],
    ['projectExpenditure', '项目支出', 1, 3, 120000],
    ['carryOut', '结余结转', 0, null, 10000],
  ];
  return spec.map(([key, label, level, parent, value], i) => ({
    key,
    label,
    rawLabel: label,
    labelRef: ref(sheet, i + 3, 0),
    amount: amount(sheet, i + 3, 1, new Decimal(value)),
    amountRef: ref(sheet, i + 3, 1),
    level,
    parent,
  }));
}

export function buildBenchModel(n: number): BudgetModel {
  const table: ProjectTable = {
    sheet: SHEET,
    unit: '万元',
    headerRow: 2,
    headerEndRow: 3,
    columns: { name: 1, ...COLS, purpose: 9, reasons: 10 },
    columnLabels: {},
    rows: projectRows(n),
  };
  const info = '单位基本情况';
  return {
    projectTables: [table],
    lineTables: [],
    selfEvals: [],
    summaries: [{ sheet: '收支情况', unit: '万元', style: 'budget', labelCol: 0, amountCol: 1, lines: summaryLines() }],
    unitInfo: {
      sheet: info,
      entries: [
        { key: '单位名称', label: '单位名称', value: '示例县财政局', ref: ref(info, 1, 1) },
        { key: '年度', label: '年度', value: '2024', ref: ref(info, 2, 1) },
        { key: '编制人数', label: '编制人数', value: '45', ref: ref(info, 3, 1) },
        { key: '实有人数', label: '实有人数', value: '43', ref: ref(info, 4, 1) },
        { key: '主要职能', label: '主要职能', value: '负责全县财政收支管理。', ref: ref(info, 5, 1) },
      ],
    },
    templates: [],
    notes: [],
    unrecognisedSheets: [],
    skippedSheets: [],
    cellsRead: n * 30,
  };
}

function now(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}

/** Generates (and renders to text) the report of an n-project model; best of `runs`, in ms. */
export function benchReport(n = 1000, runs = 5): { ms: number; paragraphs: number; figures: number } {
  const model = buildBenchModel(n);
  let best = Infinity;
  let paragraphs = 0;
  let figures = 0;
  // One warm-up run so the measurement is of the work, not of the JIT.
  renderText(generateReport(model));
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const report = generateReport(model);
    renderText(report);
    best = Math.min(best, now() - t0);
    paragraphs = report.paragraphs.length;
    figures = report.paragraphs.reduce((s, p) => s + p.runs.filter((r) => r.kind === 'figure').length, 0);
  }
  return { ms: Math.round(best * 10) / 10, paragraphs, figures };
}
