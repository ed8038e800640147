/**
 * ColumnPeers: a project figure's yardstick is the other item rows' figures (not zero) in its column:
 * how many, the largest and the smallest |figure|. Checked against a plain computation over random
 * tables with ties, zeros, blanks, negatives and total rows, for every cell of every amount column.
 */
import fc from 'fast-check';
import { readModel } from '../../src/core/recognise';
import { PROJECT_AMOUNT_COLUMNS } from '../../src/core/model';
import { ColumnPeers } from '../../src/core/peers';
import { projectSheet } from '../fixtures/project-sheet';

/** The first amount column the table has. */
const col0 = (table: { columns: Partial<Record<string, number>> }) => PROJECT_AMOUNT_COLUMNS.map((k) => table.columns[k]).find((c) => c !== undefined)!;

const HEADERS = ['序号', '项目名称', '年初预算数', '调整数', '全年预算数', '实际支出', '结余结转'];

describe('ColumnPeers.spread', () => {
  it('is the others\' count, largest and smallest |figure| in the column, for every cell', () => {
    const figure = fc.oneof(fc.constantFrom(0, null, 5, 5, 12.5, -3), fc.integer({ min: -500, max: 5000 }).map((n) => n / 4));
    fc.assert(
      fc.property(fc.array(fc.array(figure, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 12 }), (rows) => {
        const t = projectSheet({ name: '项目', unitLine: '单位：万元', headers: HEADERS, rows: [...rows.map((r, i) => [i + 1, `项目${i + 1}`, ...r]), ['', '合计', 1, 1, 1, 1, 1]] });
        const { model } = readModel({ sheets: [t.sheet] });
        if (model.projectTables.length !== 1) return;
        const table = model.projectTables[0];
        const peers = new ColumnPeers(model.projectTables);
        for (const key of PROJECT_AMOUNT_COLUMNS) {
          const col = table.columns[key];
          if (col === undefined) continue;
          const value = (r: (typeof table.rows)[number]) => Math.abs(r.amounts[key]?.value.toNumber() ?? 0);
          for (const row of table.rows) {
            const at = peers.locate(table.sheet, row.row, col);
            expect(at?.row).toBe(row);
            const others = table.rows.filter((o) => o !== row && o.kind === 'item').map(value).filter((v) => v > 0);
            const expected = others.length ? { count: others.length, max: Math.max(...others), min: Math.min(...others) } : { count: 0, max: 0, min: 0 };
            expect(peers.spread(at!)).toEqual(expected);
          }
        }
        // A cell outside the table's figures is no table cell.
        expect(peers.locate(table.sheet, table.rows[table.rows.length - 1].row + 5, col0(table))).toBeUndefined();
      }),
      { numRuns: 200, seed: 20261204 },
    );
  });
});
