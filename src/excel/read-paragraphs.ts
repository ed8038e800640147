/**
 * Reads the paragraphs the audit checks, values only (nothing is ever written):
 * - the selection: one sync. The selected range is cut to the sheet's used range first, so a
 *   whole column (A:A) reads only the rows that hold something.
 * - the 自评报告 sheet: two syncs, because a missing sheet must be known before anything is
 *   asked of it (a call on a null object would fail the whole batch).
 */
import { REPORT_SHEET, ParagraphSource, ReadParagraphsOutcome } from '../taskpane/host';
import { blockAddress, cellsToParagraphs, reportSheetParagraphs } from '../taskpane/paragraph-cells';

export interface ReadParagraphsStats {
  syncs: number;
}

/** Excel's answer when getSelectedRange meets a multi-area selection. */
function isMultiAreaError(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  return /InvalidSelection|multiple selections|multiple ranges/i.test(`${code} ${message}`);
}

export async function readParagraphs(
  context: Excel.RequestContext,
  source: ParagraphSource,
  stats: ReadParagraphsStats = { syncs: 0 },
): Promise<ReadParagraphsOutcome> {
  const sync = async () => {
    stats.syncs += 1;
    await context.sync();
  };
  if (source === 'selection') {
    const selected = context.workbook.getSelectedRange();
    const ws = selected.worksheet;
    ws.load('name');
    selected.load('address');
    // getUsedRange (not ...OrNullObject) gives A1 on a blank sheet, so the intersection never chains on a null object.
    const inside = selected.getIntersectionOrNullObject(ws.getUsedRange(true));
    inside.load('values,rowIndex,columnIndex,rowCount,columnCount');
    try {
      await sync();
    } catch (e) {
      if (isMultiAreaError(e)) return { status: 'multi-area' };
      throw e;
    }
    const range = selected.address.includes('!') ? selected.address.slice(selected.address.lastIndexOf('!') + 1) : selected.address;
    if (inside.isNullObject) return { status: 'empty', sheet: ws.name, range };
    const cells = cellsToParagraphs(ws.name, inside.rowIndex, inside.columnIndex, inside.values);
    if (!cells.length) return { status: 'empty', sheet: ws.name, range };
    return { status: 'ok', sheet: ws.name, range, cells };
  }

  const ws = context.workbook.worksheets.getItemOrNullObject(REPORT_SHEET);
  ws.load('isNullObject');
  await sync();
  if (ws.isNullObject) return { status: 'no-sheet', sheet: REPORT_SHEET };
  const columnA = ws.getRange('A:A').getIntersectionOrNullObject(ws.getUsedRange(true));
  columnA.load('values,rowIndex,rowCount');
  await sync();
  if (columnA.isNullObject) return { status: 'empty', sheet: REPORT_SHEET, range: 'A:A' };
  const cells = reportSheetParagraphs(columnA.rowIndex, columnA.values);
  const range = blockAddress(columnA.rowIndex, 0, columnA.rowCount, 1);
  if (!cells.length) return { status: 'empty', sheet: REPORT_SHEET, range };
  return { status: 'ok', sheet: REPORT_SHEET, range, cells };
}
