/**
 * A large realistic project table (title, 单位 row, two-row header, projects with 其中
 * sub-items, formulas with cached results, a 合计 row), for load-time measurements and the
 * 1-million-cell corpus case. Deterministic: the same n gives the same workbook.
 */
import { SheetSnapshot, WorkbookSnapshot } from '../../src/core/snapshot';

const FS = '\u3000';

export function bigProjectWorkbook(projects: number, subItemsEvery = 1): WorkbookSnapshot {
  const values: SheetSnapshot['values'] = [];
  const formulas: SheetSnapshot['formulas'] = [];
  const formats: SheetSnapshot['numberFormats'] = [];
  const push = (v: SheetSnapshot['values'][number], f: (string | null)[] = [], n: (string | null)[] = []) => {
    values.push(v);
    formulas!.push(f);
    formats!.push(n);
  };
  push(['2023年度项目支出绩效情况表']);
  push(['编制单位：测试单位', null, null, null, null, null, null, null, '单位：万元']);
  push(['序号', '项目名称', '上年结转结余', '年初预算数', '年中调增', '全年预算数', '实际支出', '结余结转', '执行率']);
  const amount = '#,##0.00';
  const parentRows: number[] = [];
  const totals = [0, 0, 0, 0, 0, 0];
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < projects; i++) {
    const x = values.length + 1;
    parentRows.push(x);
    const carry = Math.round(rnd() * 1000) / 100;
    const initial = Math.round(rnd() * 100000) / 100;
    const inc = Math.round(rnd() * 5000) / 100;
    const budget = Math.round((carry + initial + inc) * 100) / 100;
    const spend = Math.round(budget * (0.85 + rnd() * 0.15) * 100) / 100;
    const carryOut = Math.round((budget - spend) * 100) / 100;
    [carry, initial, inc, budget, spend, carryOut].forEach((v, k) => (totals[k] += Math.round(v * 100)));
    push(
      [i + 1, `项目${i + 1}`, carry, initial, inc, budget, spend, carryOut, budget === 0 ? 0 : spend / budget],
      [null, null, null, null, null, `=SUM(C${x}:E${x})`, null, `=F${x}-G${x}`, `=G${x}/F${x}`],
      ['0', 'General', amount, amount, amount, amount, amount, amount, '0.00%'],
    );
    if (subItemsEvery > 0 && i % subItemsEvery === 0) {
      const a = Math.round(spend * 60) / 100;
      push([null, `其中：项目${i + 1}明细一`, null, null, null, null, a], [], [null, 'General', null, null, null, null, amount]);
      push([null, `${FS}${FS}${FS}项目${i + 1}明细二`, null, null, null, null, Math.round((spend - a) * 100) / 100], [], [null, 'General', null, null, null, null, amount]);
    }
  }
  const t = values.length + 1;
  push(
    // Cached results as Excel would have computed them (sums in cents, so no float drift).
    [null, '合计', ...totals.map((c) => c / 100), totals[3] === 0 ? 0 : totals[4] / totals[3]],
    [null, null, `=SUM(C4:C${t - 1})`, `=SUM(D4:D${t - 1})`, `=SUM(E4:E${t - 1})`, `=SUM(F4:F${t - 1})`, `=SUM(G4:G${t - 1})`, `=F${t}-G${t}`, `=G${t}/F${t}`],
    [null, 'General', amount, amount, amount, amount, amount, amount, '0.00%'],
  );
  return {
    sheets: [{ name: '项目支出明细', values, formulas, numberFormats: formats, merges: ['A1:I1', 'A2:D2'], hiddenRows: [] }],
  };
}
