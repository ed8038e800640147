/**
 * The report from real tables against what the same units published in words (issue #14): for each unit in
 * test/report/real-narratives (narratives stored verbatim and annotated by hand, each statement tied to the
 * table cell of the real-table corpus that holds the same quantity), the unit's tables are rebuilt as one
 * workbook, the report is generated, and every 收支 and 三公 figure the narrative states must be the figure the
 * report prints, at the narrative's precision. A narrative figure its own table contradicts (the publisher's
 * slip, annotated `agrees: false`) must differ, and the report must print the table's. Quantities the
 * report does not write (机关运行经费, 财政拨款收支总计 …) are counted, not compared.
 */
import Decimal from 'decimal.js';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { validateWorkbook } from '../../src/core';
import { generateReport } from '../../src/core/report';
import { FigureRun } from '../../src/core/report/figures';
import { UnitFinances, unitFinances } from '../../src/core/report/finances';
import { paragraphText } from '../../src/core/report/types';
import { readOoxml } from '../../src/ooxml/reader';
import type { CorpusDoc } from '../real-tables/corpus.test';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildXlsxBuffer } = require('../real-tables/build-xlsx.js') as { buildXlsxBuffer: (doc: CorpusDoc) => Promise<Buffer> };

interface Statement {
  quantity: string;
  value: string;
  unit: string;
  span: string;
  table: { doc: string; cell: string; value: string } | null;
  agrees: boolean | null;
}
interface Narrative {
  id: string;
  unit: string;
  year: number;
  tableDocs: string[];
  source: string;
  text: string;
  statements: Statement[];
}

const DIR = path.join(__dirname, 'real-narratives');
const narratives: Narrative[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')));

const TABLES = path.join(__dirname, '..', 'real-tables', 'corpus');
const tableDocs = new Map<string, CorpusDoc>();
for (const d of readdirSync(TABLES, { withFileTypes: true }).filter((x) => x.isDirectory())) {
  for (const f of readdirSync(path.join(TABLES, d.name)).filter((x) => x.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(path.join(TABLES, d.name, f), 'utf8')) as CorpusDoc;
    tableDocs.set(doc.id, doc);
  }
}

/** The figure the report writes for a narrative's quantity. */
function generated(f: UnitFinances, quantity: string): FigureRun | undefined {
  const item = (key: string, side: 'budget' | 'actual') => f.sangongItems.find((x) => x.key === key)?.[side];
  const source = (re: RegExp) => f.incomeSources.find((x) => re.test(x.name))?.figure;
  const table: Record<string, () => FigureRun | undefined> = {
    收入总计: () => f.incomeGrandTotal,
    本年收入合计: () => f.yearIncomeTotal,
    年初结转和结余: () => f.openingBalance,
    支出总计: () => f.expenditureGrandTotal,
    本年支出合计: () => f.yearExpenditureTotal,
    基本支出: () => f.basic,
    项目支出: () => f.project,
    人员经费: () => f.personnel,
    公用经费: () => f.publicFunds,
    年末结转和结余: () => f.closingBalance,
    一般公共预算财政拨款收入: () => source(/一般公共预算/),
    政府性基金预算财政拨款收入: () => source(/政府性基金/),
    事业收入: () => source(/^事业收入/),
    经营收入: () => source(/经营收入/),
    其他收入: () => source(/^其他收入/),
    财政拨款收入: () => f.fiscalIncome,
    财政拨款收支总计: () => f.fiscalGrandTotal,
    一般公共预算财政拨款支出: () => f.generalBudgetSpending,
    机关运行经费: () => f.runningCosts,
    三公经费预算: () => f.sangongBudget,
    三公经费决算: () => f.sangongActual,
    因公出国境费预算: () => item('abroad', 'budget'),
    因公出国境费决算: () => item('abroad', 'actual'),
    公务接待费预算: () => item('reception', 'budget'),
    公务接待费决算: () => item('reception', 'actual'),
    公务用车购置及运行维护费预算: () => item('vehicle', 'budget'),
    公务用车购置及运行维护费决算: () => item('vehicle', 'actual'),
    公务用车购置费预算: () => item('vehiclePurchase', 'budget'),
    公务用车购置费决算: () => item('vehiclePurchase', 'actual'),
    公务用车运行维护费预算: () => item('vehicleRun', 'budget'),
    公务用车运行维护费决算: () => item('vehicleRun', 'actual'),
  };
  return table[quantity]?.();
}

const UNIT: Record<string, Decimal> = { 元: new Decimal(1), 万元: new Decimal(10000), 亿元: new Decimal(100000000) };

/** The report's figure at the narrative's precision: 'rounded', 'truncated' (the publisher dropped decimals) or null. */
function sameAtPrecision(run: FigureRun, s: Statement): 'rounded' | 'truncated' | null {
  const printed = s.value.replace(/[,，\s]/g, '');
  const decimals = printed.includes('.') ? printed.length - printed.indexOf('.') - 1 : 0;
  const ours = new Decimal(run.value).times(UNIT[run.unit] ?? 1).div(UNIT[s.unit] ?? 1);
  const theirs = new Decimal(printed);
  if (ours.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).eq(theirs)) return 'rounded';
  if (ours.toDecimalPlaces(decimals, Decimal.ROUND_DOWN).eq(theirs)) return 'truncated';
  return null;
}

const tally = { units: 0, unitsMatched: 0, statements: 0, matched: 0, truncated: 0, slips: 0, notWritten: 0 };
const perUnit: string[] = [];
afterAll(() => {
  console.log(`real narratives: ${tally.units} units; ${tally.statements} statements; the report prints the narrative's figure for ${tally.matched} (${tally.truncated} of them printed truncated by the publisher), the table's for ${tally.slips} publisher slips; ${tally.notWritten} are quantities the report does not write; units with matches ${tally.unitsMatched}\n  ${perUnit.join('\n  ')}`);
});

test('the corpus is there: narratives from several provinces, every span in its text', () => {
  expect(narratives.length).toBeGreaterThanOrEqual(5);
  for (const n of narratives) for (const s of n.statements) expect({ id: n.id, span: s.span, inText: n.text.includes(s.span) }).toEqual({ id: n.id, span: s.span, inText: true });
});

describe.each(narratives.map((n): [string, Narrative] => [`${n.id} (${n.unit} ${n.year})`, n]))('%s', (_name, n) => {
  it('the report prints the figures the unit published, its slips excepted', async () => {
    const docs = n.tableDocs.map((id) => tableDocs.get(id)).filter((d): d is CorpusDoc => !!d);
    expect(docs.length).toBe(n.tableDocs.length);
    const combined: CorpusDoc = { ...docs[0], sheets: docs.flatMap((d) => d.sheets.map((s, k) => ({ ...s, name: `${k}${d.id.slice(-20)}`.slice(0, 31) }))) };
    const snapshot = await readOoxml(await buildXlsxBuffer(combined));
    const result = validateWorkbook(snapshot);
    const finances = unitFinances(result.model, new Set());
    const text = generateReport(result.model, { findings: result.findings }).paragraphs.map(paragraphText).join('\n');
    const wrong: string[] = [];
    const counts = { matched: 0, truncated: 0, slips: 0, notWritten: 0 };
    const slipNames: string[] = [];
    for (const s of n.statements) {
      const run = generated(finances, s.quantity);
      if (!run) {
        // Not written: a quantity outside the report's, or a blank cell (blank is not 0).
        counts.notWritten++;
        if (process.env.NARRATIVE_DEBUG) console.log(`${n.id} not written: ${s.quantity} ${s.value} ${JSON.stringify(s.table)}`);
        continue;
      }
      const same = sameAtPrecision(run, s);
      if (s.agrees === false) {
        // The publisher's slip (a truncation included, as annotated): the report keeps the table's figure.
        if (same === 'rounded') wrong.push(`${s.quantity}: the narrative's ${s.value} contradicts its table, yet the report prints it`);
        else {
          counts.slips++;
          slipNames.push(`${s.quantity} ${s.value}${s.unit}（表中 ${run.text}${run.unit}）`);
        }
        continue;
      }
      if (!same) {
        wrong.push(`${s.quantity}: narrative ${s.value}${s.unit}, report ${run.text}${run.unit}`);
        continue;
      }
      counts.matched++;
      if (same === 'truncated') counts.truncated++;
      // The figure is in the report's text as printed (a 三公 part may only be in the data).
      if (!/^公务用车(购置|运行维护)费/.test(s.quantity)) expect({ quantity: s.quantity, inReport: text.includes(`${run.text}${run.unit}`) }).toEqual({ quantity: s.quantity, inReport: true });
    }
    tally.units++;
    tally.statements += n.statements.length;
    tally.matched += counts.matched;
    tally.truncated += counts.truncated;
    tally.slips += counts.slips;
    tally.notWritten += counts.notWritten;
    if (counts.matched > 0) tally.unitsMatched++;
    perUnit.push(`${n.id}: ${counts.matched} match, ${counts.slips} publisher slips${slipNames.length ? ` (${slipNames.join('；')})` : ''}, ${counts.notWritten} not written`);
    expect(wrong).toEqual([]);
  });
});
