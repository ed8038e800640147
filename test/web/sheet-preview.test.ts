/**
 * The offline page's sheet preview (#13): 「定位」 shows the rows around the finding's cell, the
 * label column and the table's header, with the cell and its related cells marked, and the
 * figures as the sheet's number formats show them.
 */
import { validateWorkbook } from '../../src/core/validate';
import { CellValue, SheetSnapshot } from '../../src/core/snapshot';
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { displayText, sheetPreview, SheetPreview } from '../../src/web/sheet-preview';

function ok(outcome: ReturnType<typeof sheetPreview>): SheetPreview {
  if (outcome.status !== 'ok') throw new Error(`no preview: ${outcome.status}`);
  return outcome.preview;
}

const cellOf = (p: SheetPreview, a: string) => p.rows.flatMap((r) => r.cells).find((c) => c.address === a);

describe('sheet preview', () => {
  it('shows each seed error finding\'s cell marked, its related cells, and the sheet\'s own figures', () => {
    const snapshot = seedWorkbook();
    const { findings } = validateWorkbook(snapshot, {});
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const f of errors) {
      const p = ok(sheetPreview(snapshot, { sheet: f.sheet, cell: f.cell, related: f.related }));
      const target = p.rows.flatMap((r) => r.cells).filter((c) => c.mark === 'target');
      expect(target.map((c) => c.address)).toEqual([f.cell.split(':')[0]]);
      // The marked cell holds what the sheet holds there.
      const sheet = snapshot.sheets.find((s) => s.name === f.sheet)!;
      const at = /^([A-Z]+)(\d+)/.exec(f.cell)!;
      const col = at[1].charCodeAt(0) - 65;
      const v = sheet.values[Number(at[2]) - 1 - (sheet.rowOffset ?? 0)]?.[col - (sheet.colOffset ?? 0)] ?? null;
      expect(target[0].text).toBe(displayText(v, sheet.numberFormats?.[Number(at[2]) - 1]?.[col] ?? null).text);
      // Related cells on the same sheet close by are marked; the others are counted.
      const sameSheet = (f.related ?? []).filter((r) => r.sheet === f.sheet);
      const marked = p.rows.flatMap((r) => r.cells).filter((c) => c.mark === 'related').length;
      expect(marked + p.relatedOutside).toBe(new Set(sameSheet.map((r) => r.cell.split(':')[0]).filter((c) => c !== f.cell.split(':')[0])).size);
      // Column A, the labels, is always shown.
      expect(p.columns[0].name).toBe('A');
    }
  });

  it('keeps a wide sheet to the label columns and a few columns either side, with the gaps marked', () => {
    const values: CellValue[][] = [Array.from({ length: 30 }, (_, c) => `列${c + 1}`)];
    for (let r = 1; r < 40; r++) values.push([`项目${r}`, `类${r}`, ...Array.from({ length: 28 }, (_, c) => r * 100 + c)]);
    const sheet: SheetSnapshot = { name: '宽表', values };
    const p = ok(sheetPreview({ sheets: [sheet] }, { sheet: '宽表', cell: 'P30' }));
    expect(p.columns.map((c) => c.name)).toEqual(['A', 'B', 'M', 'N', 'O', 'P', 'Q', 'R', 'S']);
    expect(p.columns.map((c) => c.gapBefore)).toEqual([false, false, true, false, false, false, false, false, false]);
    // Rows 24–36 around row 30, with the header row (row 1) above after a gap.
    expect(p.rows.map((r) => r.row)).toEqual([1, ...Array.from({ length: 13 }, (_, i) => 24 + i)]);
    expect(p.rows[1].gapBefore).toBe(true);
    expect(p.rows[0].cells[0].text).toBe('列1');
    expect(cellOf(p, 'P30')).toMatchObject({ mark: 'target', text: String(29 * 100 + 13), numeric: true });
  });

  it('stretches to related cells nearby and counts those too far to show', () => {
    const values: CellValue[][] = Array.from({ length: 80 }, (_, r) => [`行${r + 1}`, r]);
    const p = ok(sheetPreview({ sheets: [{ name: 'S', values }] }, { sheet: 'S', cell: 'B20', related: [{ sheet: 'S', cell: 'B5' }, { sheet: 'S', cell: 'B70' }, { sheet: '其他', cell: 'C3' }] }));
    expect(p.rows[0].row).toBe(4);
    expect(cellOf(p, 'B5')?.mark).toBe('related');
    expect(p.relatedOutside).toBe(1);
    expect(p.relatedElsewhere).toEqual(['其他!C3']);
  });

  it('says when the sheet or the cell is not there', () => {
    const snapshot = seedWorkbook();
    expect(sheetPreview(snapshot, { sheet: '没有这个表', cell: 'A1' }).status).toBe('no-sheet');
    expect(sheetPreview(snapshot, { sheet: snapshot.sheets[0].name, cell: '不是地址' }).status).toBe('no-cell');
  });

  it('shows figures as their number formats do', () => {
    expect(displayText(1234567.5, '#,##0.00')).toEqual({ text: '1,234,567.50', numeric: true });
    expect(displayText(1234.5, '0.00')).toEqual({ text: '1234.50', numeric: true });
    expect(displayText(0.8734, '0.00%')).toEqual({ text: '87.34%', numeric: true });
    expect(displayText(0.1 + 0.2, null)).toEqual({ text: '0.3', numeric: true });
    expect(displayText('见附表', null)).toEqual({ text: '见附表', numeric: false });
    expect(displayText(null, '0.00')).toEqual({ text: '', numeric: false });
  });
});
