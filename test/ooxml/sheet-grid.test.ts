import { SheetGridBuilder } from '../../src/ooxml/sheet-grid';

test('cells from B3 on: offset cut off, gaps padded with null, a blank row inside the range is []', () => {
  const g = new SheetGridBuilder();
  g.startRow(1); // a row with no cell (only styles) is not kept
  g.endRow();
  g.startRow(2);
  g.addCell(1, '项目名称', null, 'General');
  g.addCell(3, 120.5, null, '#,##0.00');
  g.endRow();
  g.startRow(4);
  g.addCell(2, '其中：', null, 'General');
  g.addCell(3, 120.5, '=SUM(D6:D7)', '#,##0.00');
  g.endRow();
  expect(g.build()).toEqual({
    rowOffset: 2,
    colOffset: 1,
    values: [['项目名称', null, 120.5], [], [null, '其中：', 120.5]],
    formulas: [[null, null, null], [], [null, null, '=SUM(D6:D7)']],
    numberFormats: [['General', null, '#,##0.00'], [], [null, 'General', '#,##0.00']],
  });
});

test('the left edge is the leftmost first cell of any row, not of the first row', () => {
  const g = new SheetGridBuilder();
  g.startRow(0);
  g.addCell(2, 'a', null, 'General');
  g.endRow();
  g.startRow(1);
  g.addCell(0, 'b', null, 'General');
  g.endRow();
  const grid = g.build();
  expect(grid.colOffset).toBe(0);
  expect(grid.values).toEqual([[null, null, 'a'], ['b']]);
});

test('no cell at all: empty grids at 0, 0', () => {
  const g = new SheetGridBuilder();
  g.startRow(0);
  g.endRow();
  expect(g.build()).toEqual({ rowOffset: 0, colOffset: 0, values: [], formulas: [], numberFormats: [] });
});
