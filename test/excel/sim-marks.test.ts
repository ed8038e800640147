/**
 * The simulated Excel where marks depend on it (issue #12): structural edits that move cells and
 * the references to them, format copies into inserted rows, the settings limit, protected sheets,
 * batches that fail part-way, very hidden sheets, getCellProperties. The host's behaviour on these
 * is tested in marks.test.ts.
 */
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { NO_FILL, SimFill, SimWorkbookState } from '../../src/excel/sim/sim-excel';
import { deleteColumns, deleteRows, insertColumns, insertRows, renameSheet } from '../../src/excel/sim/sim-structure';

const solid = (color: string): SimFill => ({ color, pattern: 'Solid', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 });
const P = '项目支出明细';
const S = '收支情况';

function withFills(): SimWorkbookState {
  const state = SimWorkbookState.fromSnapshot(seedWorkbook());
  state.sheet(P)!.fills.set('5,8', solid('#FFFF00'));
  return state;
}

describe('the simulation behaves as Excel does where marks depend on it', () => {
  test('inserting and deleting rows and columns moves cells, and every reference to them in any sheet', () => {
    const state = new SimWorkbookState();
    const a = state.addSheet('数据 表');
    const b = state.addSheet('B');
    state.setCell(a, 4, 1, 10, null, 'General');
    state.setCell(b, 0, 0, '', "=ISREF('数据 表'!B5)", 'General');
    state.setCell(b, 0, 1, '', "=SUM('数据 表'!B3:B6)+\"B5\"", 'General');
    state.setCell(a, 0, 0, '', '=B5*2', 'General');
    insertRows(state, '数据 表', 2, 2);
    expect(a.values[6][1]).toBe(10);
    // Rows inserted above a range move it; the text "B5" is a string, not a reference.
    expect(b.formulas[0]).toEqual(["=ISREF('数据 表'!B7)", "=SUM('数据 表'!B5:B8)+\"B5\""]);
    expect(a.formulas[0][0]).toBe('=B7*2');
    deleteRows(state, '数据 表', 6);
    expect(b.formulas[0]).toEqual(["=ISREF('数据 表'!#REF!)", "=SUM('数据 表'!B5:B7)+\"B5\""]);
    insertColumns(state, '数据 表', 0);
    expect(b.formulas[0][1]).toBe("=SUM('数据 表'!C5:C7)+\"B5\"");
    deleteColumns(state, '数据 表', 1, 3);
    expect(b.formulas[0][1]).toBe("=SUM('数据 表'!#REF!)+\"B5\"");
  });

  test('renaming a sheet rewrites references to it, quoted as Excel quotes; deleting it leaves #REF!', async () => {
    const state = new SimWorkbookState();
    state.addSheet('收支情况');
    const b = state.addSheet('B');
    state.setCell(b, 0, 0, '', '=ISREF(收支情况!B9:B12)', 'General');
    renameSheet(state, '收支情况', "O'Brien 2023");
    expect(b.formulas[0][0]).toBe("=ISREF('O''Brien 2023'!B9:B12)");
    const c = state.context();
    c.workbook.worksheets.getItem("O'Brien 2023").delete();
    await c.sync();
    expect(b.formulas[0][0]).toBe('=ISREF(#REF!)');
  });

  test('inserted rows take the fill of the row above, inserted columns that of the column to the left', () => {
    const state = new SimWorkbookState();
    const s = state.addSheet('S');
    s.fills.set('3,2', solid('#FFFF00'));
    insertRows(state, 'S', 4, 2);
    insertColumns(state, 'S', 3);
    expect([...s.fills.keys()].sort()).toEqual(['3,2', '3,3', '4,2', '4,3', '5,2', '5,3']);
  });

  test('settings past the limit fail at that operation; what was queued before it is applied', async () => {
    const state = withFills();
    state.settingsLimitBytes = 1000;
    const c = state.context();
    c.workbook.worksheets.getItem(P).getRanges('A1').format.fill.color = '#FF0000';
    c.workbook.settings.add('big', 'x'.repeat(2000));
    c.workbook.worksheets.getItem(P).getRanges('A2').format.fill.color = '#FF0000';
    await expect(c.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(state.fillAt(state.sheet(P)!, 0, 0).color).toBe('#FF0000');
    expect(state.fillAt(state.sheet(P)!, 1, 0)).toEqual(NO_FILL);
    expect(state.settings.has('big')).toBe(false);
  });

  test('a protected sheet refuses fills and writes with AccessDenied unless formatting is allowed; its protection can be read', async () => {
    const state = withFills();
    state.sheet(S)!.protection = { protected: true };
    const c = state.context();
    const prot = c.workbook.worksheets.getItem(S).protection;
    prot.load('protected,options');
    await c.sync();
    expect([prot.protected, prot.options.allowFormatCells]).toEqual([true, false]);
    c.workbook.worksheets.getItem(S).getRanges('B9').format.fill.color = '#FF0000';
    await expect(c.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    c.workbook.worksheets.getItem(S).getRange('B9').values = [[1]];
    await expect(c.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    state.sheet(S)!.protection = { protected: true, allowFormatCells: true };
    c.workbook.worksheets.getItem(S).getRanges('B9').format.fill.color = '#FF0000';
    await c.sync();
    expect(state.fillAt(state.sheet(S)!, 8, 1).color).toBe('#FF0000');
  });

  test('a very hidden sheet cannot be deleted until it is made hidden; getCellProperties gives each cell\'s fill', async () => {
    const state = withFills();
    const c = state.context();
    c.workbook.worksheets.add('X').visibility = 'VeryHidden';
    c.workbook.worksheets.getItem('X').delete();
    await expect(c.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    const x = c.workbook.worksheets.getItem('X');
    x.visibility = 'Hidden';
    x.delete();
    const props = c.workbook.worksheets.getItem(P).getRange('I6:I7').getCellProperties({ format: { fill: { color: true, pattern: true } } });
    await c.sync();
    expect(state.sheet('X')).toBeUndefined();
    expect(props.value).toEqual([[{ format: { fill: { color: '#FFFF00', pattern: 'Solid' } } }], [{ format: { fill: { color: '#FFFFFF', pattern: 'None' } } }]]);
  });
});
