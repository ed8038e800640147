/**
 * Issue #11, item 1: a project figure that cannot be read (「见附表」, #REF!, NaN) must not get the correct 合计 of
 * its column reported, nor a fix pointing at another project's cell. The seed sample, one cell changed.
 */
import { validateWorkbook } from '../../../src/core';
import { seedWorkbook } from '../../../src/samples/seed-workbook';

function seedWith(cell: { row: number; col: number }, value: string) {
  const wb = seedWorkbook();
  const s = wb.sheets.find((x) => x.name === '项目支出明细')!;
  s.values[cell.row][cell.col] = value;
  return validateWorkbook(wb);
}

describe.each(['见附表', '#REF!', 'NaN'])('村级组织运转经费 实际支出 (H6) holding %s', (value) => {
  const r = seedWith({ row: 5, col: 7 }, value);
  it('the 实际支出 合计 (H28) is not checked, naming the unreadable cell', () => {
    expect(r.findings.filter((f) => f.cell === 'H28' && f.severity === 'error')).toEqual([]);
    expect(r.notChecked.find((n) => n.cell === 'H28')?.reason).toContain('H6');
  });
  it('no fix blames another cell of the row the arithmetic cannot reach, nor another project\'s 实际支出', () => {
    // A fix at the finding's own cell (a number stored as text converted) is not blame.
    const fixes = r.findings.filter((f) => f.fix && f.fix.cell !== f.cell).map((f) => f.fix!.cell);
    expect(fixes.filter((c) => /^[A-I]6$/.test(c) || /^H([5-9]|1\d|2[0-7])$/.test(c))).toEqual([]);
  });
});
