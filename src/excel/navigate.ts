/** Takes the user to a finding: activates its sheet and selects its cell with the related cells. */
import { NavigateTarget } from '../taskpane/host';
import { compressCells } from './cell-addresses';

export async function navigateTo(context: Excel.RequestContext, target: NavigateTarget, rangeAreas: boolean): Promise<void> {
  const ws = context.workbook.worksheets.getItem(target.sheet);
  ws.activate();
  const sameSheet = (target.related ?? []).filter((r) => r.sheet === target.sheet).map((r) => r.cell);
  if (rangeAreas && sameSheet.length) {
    // The finding's own cell first, so it becomes the active cell of the selection.
    const others = compressCells(sameSheet.filter((c) => c !== target.cell));
    const list = [target.cell, ...others].join(',');
    if (list.length <= 2000) {
      ws.getRanges(list).select();
      await context.sync();
      return;
    }
  }
  ws.getRange(target.cell).select();
  await context.sync();
}
