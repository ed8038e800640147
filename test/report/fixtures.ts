/** Small realistic workbooks for the report tests: a title row, 单位：万元, merged title, text columns. */
import { buildSheet, CellSpec } from '../../src/samples/sheet-builder';
import { WorkbookSnapshot, SheetSnapshot } from '../../src/core/snapshot';
import { seedWorkbook } from '../../src/samples/seed-workbook';

export interface FixtureProject {
  name: string;
  carryIn?: number;
  initial?: number;
  increase?: number;
  spend: number;
  purpose?: string;
  reasons?: string;
  measures?: string;
}

const cents = (n: number) => Math.round(n * 100) / 100;

export function projectSheet(projects: FixtureProject[], name = '项目支出明细'): SheetSnapshot {
  const rows: CellSpec[][] = [
    ['2024年度项目支出情况表', ...Array(12).fill(null)],
    [...Array(12).fill(null), '单位：万元'],
    ['序号', '项目名称', '上年结转结余', '年初预算数', '年中调增', '全年预算数', '实际支出', '结余结转', '执行率', '主要用途', '偏差原因', '改进措施', '备注'],
  ];
  projects.forEach((p, i) => {
    const x = rows.length + 1;
    const budget = cents((p.carryIn ?? 0) + (p.initial ?? 0) + (p.increase ?? 0));
    rows.push([
      i + 1,
      p.name,
      p.carryIn ?? null,
      p.initial ?? null,
      p.increase ?? null,
      { v: budget, f: `SUM(C${x}:E${x})` },
      p.spend,
      { v: cents(budget - p.spend), f: `F${x}-G${x}` },
      { v: budget ? p.spend / budget : '—', f: `IF(F${x}=0,"—",G${x}/F${x})`, nf: '0.00%' },
      p.purpose ?? null,
      p.reasons ?? null,
      p.measures ?? null,
      null,
    ]);
  });
  return buildSheet({ name, rows, merges: ['A1:M1'], numberFormat: '#,##0.00', columnFormats: { 0: '0' } });
}

export function unitInfoSheet(): SheetSnapshot {
  return buildSheet({
    name: '单位基本情况',
    rows: [
      ['单位基本情况', null],
      ['单位名称', '南县示范局'],
      ['年度', '2024年'],
      ['编制人数', '12人'],
      ['实有人数', 11],
      ['内设科室', '办公室、业务股'],
    ],
    merges: ['A1:B1'],
    numberFormat: '0',
  });
}

export function workbookWith(projects: FixtureProject[], extra: SheetSnapshot[] = []): WorkbookSnapshot {
  return { sheets: [unitInfoSheet(), projectSheet(projects), ...extra] };
}

/** A 模板 sheet: header row, then [键, 模板, 样式] rows. */
export function templateSheet(rows: (string | null)[][], name = '模板'): SheetSnapshot {
  return buildSheet({ name, rows: [['键', '模板', '样式', '说明'], ...rows] });
}

/** The corrected seed sample plus extra sheets. */
export function seedWith(extra: SheetSnapshot[]): WorkbookSnapshot {
  const wb = seedWorkbook({ corrected: true });
  return { sheets: [...wb.sheets, ...extra] };
}
