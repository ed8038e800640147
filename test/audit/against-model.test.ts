import Decimal from 'decimal.js';
import { auditText, makeLongDraft } from '../../src/core/audit';
import { benchAudit } from '../../src/core/audit/bench';
import { Amount, BudgetModel, CellRef, ProjectRow, ProjectTable } from '../../src/core/model';

function ref(sheet: string, cell: string): CellRef {
  return { sheet, cell, row: 0, col: 0 };
}
function amt(v: string, sheet: string, cell: string, decimals = 2): Amount {
  return { value: new Decimal(v), decimals, ref: ref(sheet, cell), fromText: false };
}
function row(index: number, label: string, level: number, parent: number | null, amounts: ProjectRow['amounts'], r: number): ProjectRow {
  return { index, row: r, label, labelRef: ref('项目', `B${r + 1}`), kind: 'item', level, parent, children: [], covers: [], amounts, texts: {}, hidden: false };
}

/** A model built by hand from the contract types: a 元-denominated project table and a 万元 summary. */
function model(): BudgetModel {
  const rows = [
    row(0, '村级组织运转经费', 0, null, { initialBudget: amt('2994000', '项目', 'D5'), carryIn: amt('409100', '项目', 'C5'), actualSpend: amt('2931400', '项目', 'H5'), carryOut: amt('471700', '项目', 'I5') }, 4),
    row(1, '村级办公经费', 1, 0, { actualSpend: amt('450000', '项目', 'H6') }, 5),
  ];
  rows[0].children = [1];
  const table: ProjectTable = { sheet: '项目', unit: '元', headerRow: 2, headerEndRow: 3, columns: {}, columnLabels: { actualSpend: '实际支出' }, rows };
  return {
    projectTables: [table],
    lineTables: [],
    selfEvals: [],
    summaries: [
      {
        sheet: '收支',
        unit: '万元',
        style: 'budget',
        labelCol: 0,
        amountCol: 1,
        lines: [
          { key: 'basicExpenditure', label: '基本支出', rawLabel: '基本支出', labelRef: ref('收支', 'A9'), amount: amt('416.47', '收支', 'B9'), amountRef: ref('收支', 'B9'), level: 1, parent: null },
          { key: 'publicFunds', label: '日常公用经费', rawLabel: '日常公用经费', labelRef: ref('收支', 'A12'), amount: amt('45.57', '收支', 'B12'), amountRef: ref('收支', 'B12'), level: 2, parent: 0 },
        ],
      },
    ],
    templates: [],
    notes: [],
    unrecognisedSheets: [],
    skippedSheets: [],
    cellsRead: 0,
  };
}

const draft = [
  '二、预算收支情况',
  '2023年支出1878.70万元，其中基本支出416.47万元（含工资福利支出256.06万元，对个人和家庭的补助114.84万元，日常公用经费45.75万元），项目支出1462.23万元。',
  '三、项目支出绩效情况',
  '（2）村级组织运转经费',
  '年初预算299.40万元，上年结转结余40.91万元，实际支出293.14万元，结余结转47.17万元。主要包括村级办公经费54万元。',
];

describe('labelled figures against the workbook model', () => {
  const r = auditText(draft, { model: model() });
  const w = r.findings.filter((f) => f.rule === 'workbook-mismatch');

  it('converts units (元 table, 万元 text) and matches summary lines by label', () => {
    expect(w.map((f) => f.message)).toEqual([
      '正文日常公用经费45.75万元，表中为45.57万元（收支!B12）',
      '正文村级办公经费54万元，表中为45.00万元（项目!H6）',
    ]);
  });

  it('finds the project by its heading and each role by column, and they agree', () => {
    // 年初预算/上年结转结余/实际支出/结余结转 of (2) were compared with D5, C5, H5 and I5 and hold.
    expect(r.summary.comparedWithWorkbook).toBe(7);
  });

  it('names the cell in sheet/cell and related', () => {
    expect(w[1]).toMatchObject({ sheet: '项目', cell: 'H6', expected: '45.00', actual: '54', related: [{ sheet: '项目', cell: 'H6', value: '450000.00' }] });
  });
});

// Speed is measured by `npm run bench` (auditMs100Pages), never asserted here: timed tests flake.
describe('the 100-page bench draft', () => {
  it('is ~100,000 characters of clean prose: the audit checks it and finds nothing', () => {
    const long = makeLongDraft(100);
    expect(long.join('').length).toBeGreaterThan(95000);
    const res = auditText(long);
    expect(res.findings).toEqual([]);
    expect(res.summary.checks).toBeGreaterThan(300);
  });

  it('benchAudit measures the same draft', () => {
    const b = benchAudit(100, 1);
    expect(b.characters).toBeGreaterThan(95000);
    expect(b.checks).toBeGreaterThan(300);
  });
});
