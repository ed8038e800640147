/**
 * The bench workbook: a 项目支出明细 of n projects as finance staff keep it (title, 单位 row,
 * header, every other project with two 其中 sub-items, per-row formulas with cached results,
 * a 合计 row), correct except for a few planted slips so the engine has real work to report.
 */
import { CellValue, SheetSnapshot, WorkbookSnapshot } from '../src/core/snapshot';

const FS = '\u3000';
const AMOUNT = '#,##0.00';

export interface BenchWorkbook {
  snapshot: WorkbookSnapshot;
  rows: number;
  cells: number;
  /** Project rows (Excel row numbers) and sub-item groups, for building the HyperFormula checks. */
  projectRows: number[];
  parents: { row: number; subs: [number, number] }[];
  totalRow: number;
}

export function benchWorkbook(projects: number): BenchWorkbook {
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const formats: (string | null)[][] = [];
  const push = (v: CellValue[], f: (string | null)[] = [], n: (string | null)[] = []) => {
    values.push(v);
    formulas.push(f);
    formats.push(n);
  };
  push(['2023年度项目支出绩效情况表']);
  push(['编制单位：某某区某某局', null, null, null, null, null, null, null, '单位：万元']);
  push(['序号', '项目名称', '上年结转结余', '年初预算数', '年中调增', '全年预算数', '实际支出', '结余结转', '执行率']);
  let seed = 20231231;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const cents = (x: number) => Math.round(x * 100) / 100;
  const projectRows: number[] = [];
  const parents: BenchWorkbook['parents'] = [];
  const sums = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < projects; i++) {
    const x = values.length + 1;
    projectRows.push(x);
    const carry = cents(rnd() * 10);
    const initial = cents(rnd() * 1000);
    const inc = cents(rnd() * 50);
    const budget = cents(carry + initial + inc);
    const spend = cents(budget * (0.9 + rnd() * 0.1));
    // One project in two hundred carries a typed-over balance: a slip to find.
    const carryOut = i % 200 === 7 ? cents(budget - spend + 1) : cents(budget - spend);
    [carry, initial, inc, budget, spend, carryOut].forEach((v, k) => (sums[k] = cents(sums[k] + v)));
    push(
      [i + 1, `项目${i + 1}`, carry, initial, inc, budget, spend, carryOut, spend / budget],
      [null, null, null, null, null, `=SUM(C${x}:E${x})`, null, i % 200 === 7 ? null : `=F${x}-G${x}`, `=G${x}/F${x}`],
      ['0', null, AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, '0.00%'],
    );
    if (i % 2 === 0) {
      const a = cents(spend * 0.6);
      parents.push({ row: x, subs: [x + 1, x + 2] });
      push([null, `其中：项目${i + 1}设备购置`, null, null, null, null, a], [], [null, null, null, null, null, null, AMOUNT]);
      push([null, `${FS}${FS}${FS}项目${i + 1}劳务费`, null, null, null, null, cents(spend - a)], [], [null, null, null, null, null, null, AMOUNT]);
    }
  }
  const t = values.length + 1;
  const list = (col: string) => `SUM(${col}4:${col}${t - 1})-SUMIF(A4:A${t - 1},"",${col}4:${col}${t - 1})`;
  push(
    [null, '合计', ...sums, sums[4] / sums[3]],
    [null, null, `=${list('C')}`, `=${list('D')}`, `=${list('E')}`, `=SUM(C${t}:E${t})`, `=${list('G')}`, `=F${t}-G${t}`, `=G${t}/F${t}`],
    [null, null, AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, '0.00%'],
  );
  push(['注：执行率＝实际支出÷全年预算数。']);
  const sheet: SheetSnapshot = { name: '项目支出明细', values, formulas, numberFormats: formats, merges: ['A1:I1', 'A2:D2'] };
  const cells = values.reduce((n, r) => n + r.length, 0);
  return { snapshot: { sheets: [sheet] }, rows: values.length, cells, projectRows, parents, totalRow: t };
}
