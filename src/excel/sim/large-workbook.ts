/**
 * A project table of any length laid out like the seed's (title, 单位：万元, two header rows,
 * merged cells, formulas, a 合计 row), for measuring the host at scale. Every 50th project has
 * its 结余结转 typed over the formula with a slip, so there is something to mark.
 */
import { WorkbookSnapshot } from '../../core/snapshot';
import { buildSheet, CellSpec } from '../../samples/sheet-builder';

export function largeProjectWorkbook(projects: number): WorkbookSnapshot {
  const rows: CellSpec[][] = [
    ['2023年度项目支出明细表', ...Array(9).fill(null)],
    [...Array(9).fill(null), '单位：万元'],
    ['序号', '项目名称', '资金来源', null, '全年预算数', '实际支出', '结余结转', '执行率', '主要用途', '存在问题'],
    [null, null, '上年结转结余', '年初预算数', null, null, null, null, null, null],
  ];
  for (let i = 0; i < projects; i++) {
    const x = rows.length + 1;
    const carry = (i % 7) * 1.25;
    const initial = 10 + (i % 13) * 3.5;
    const spend = Math.round((carry + initial) * 0.93 * 100) / 100;
    const balance = Math.round((carry + initial - spend) * 100) / 100;
    const slip = i % 50 === 49;
    rows.push([
      i + 1,
      `项目${i + 1}`,
      carry,
      initial,
      { v: carry + initial, f: `C${x}+D${x}` },
      spend,
      slip ? balance + 0.1 : { v: balance, f: `E${x}-F${x}` },
      { v: spend / (carry + initial), f: `F${x}/E${x}`, nf: '0.00%' },
      '日常运转',
      null,
    ]);
  }
  const t = rows.length + 1;
  rows.push([null, '合计', { v: 0, f: `SUM(C5:C${t - 1})` }, { v: 0, f: `SUM(D5:D${t - 1})` }, { v: 0, f: `SUM(E5:E${t - 1})` }, { v: 0, f: `SUM(F5:F${t - 1})` }, { v: 0, f: `SUM(G5:G${t - 1})` }, null, null, null]);
  return {
    sheets: [
      buildSheet({
        name: '项目支出明细',
        rows,
        merges: ['A1:J1', 'A3:A4', 'B3:B4', 'C3:D3', 'E3:E4', 'F3:F4', 'G3:G4', 'H3:H4', 'I3:I4', 'J3:J4'],
        numberFormat: '#,##0.00',
        columnFormats: { 0: '0' },
      }),
    ],
  };
}
