/**
 * A workbook whose every project row draws exactly one finding, for the pane's 20,000-finding
 * bench and its browser tests: project tables spread over several sheets (so grouping by sheet
 * has groups), and on each row one of three slips: a typed-over 结余结转 (an error), execution
 * under 90% (a warning), or an 执行率 stated one point in its last place off on a small budget
 * (within what the amounts' rounding allows: a notice, as the rounding rule reads it today).
 */
import { CellValue, SheetSnapshot, WorkbookSnapshot } from '../src/core/snapshot';

const AMOUNT = '#,##0.00';
const RATE = '0.00%';

export interface PaneWorkbook {
  snapshot: WorkbookSnapshot;
}

/** `findings` projects over `sheets` sheets; project i gets slip i mod 4 (0 balance, 1–2 idle funds, 3 rate). */
export function paneWorkbook(findings: number, sheets = 4): PaneWorkbook {
  const out: SheetSnapshot[] = [];
  let seed = 1212;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const cents = (x: number) => Math.round(x * 100) / 100;
  let done = 0;
  for (let s = 0; s < sheets; s++) {
    const n = Math.floor(findings / sheets) + (s < findings % sheets ? 1 : 0);
    const values: CellValue[][] = [
      [`2023年度项目支出明细（${s + 1}）`],
      ['编制单位：某某区某某局', null, null, null, null, null, '单位：万元'],
      ['序号', '项目名称', '年初预算数', '全年预算数', '实际支出', '结余结转', '执行率'],
    ];
    const formats: (string | null)[][] = [[], [], []];
    for (let i = 0; i < n; i++, done++) {
      const kind = done % 4;
      // A notice's budget is small, so the rounding of the amounts covers a rate one point off.
      const budget = kind === 3 ? cents(10 + rnd() * 20) : cents(100 + rnd() * 900);
      const share = kind === 1 || kind === 2 ? 0.5 + rnd() * 0.3 : 0.92 + rnd() * 0.08;
      const spend = cents(budget * share);
      const balance = kind === 0 ? cents(budget - spend + 1) : cents(budget - spend);
      let rate = spend / budget;
      if (kind === 3) rate = Math.round(rate * 10000) / 10000 + 0.0001;
      values.push([done + 1, `项目${done + 1}`, budget, budget, spend, balance, rate]);
      formats.push(['0', null, AMOUNT, AMOUNT, AMOUNT, AMOUNT, RATE]);
    }
    out.push({ name: `项目表${s + 1}`, values, numberFormats: formats, merges: ['A1:G1'] });
  }
  return { snapshot: { sheets: out } };
}
