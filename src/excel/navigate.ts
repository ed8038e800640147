/** Takes the user to a finding: activates its sheet and selects its cell with the related cells. */
import { NavigateTarget } from '../taskpane/host';
import { compressCells } from './cell-addresses';

/**
 * `selectAreas` is RangeAreas.select (ExcelApi 1.18): Office 2021 and 2024 perpetual and Mac
 * builds before 16.93 lack it, and there the finding's own cell is selected alone. Should Excel
 * refuse the multi-area selection all the same, the cell alone is selected in a second sync.
 */
export async function navigateTo(context: Excel.RequestContext, target: NavigateTarget, selectAreas: boolean): Promise<void> {
  const ws = context.workbook.worksheets.getItem(target.sheet);
  ws.activate();
  const sameSheet = (target.related ?? []).filter((r) => r.sheet === target.sheet).map((r) => r.cell);
  if (selectAreas && sameSheet.length) {
    // The finding's own cell first, so it becomes the active cell of the selection.
    const others = compressCells(sameSheet.filter((c) => c !== target.cell));
    const list = [target.cell, ...others].join(',');
    if (list.length <= 2000) {
      ws.getRanges(list).select();
      try {
        await context.sync();
        return;
      } catch (e) {
        if (!isApiMissing(e)) throw e;
      }
      // Excel keeps what ran before the failure, or nothing: activate again either way.
      ws.activate();
    }
  }
  ws.getRange(target.cell).select();
  await context.sync();
}

function isApiMissing(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  return /ApiNotFound|NotImplemented|ApiNotAvailable/.test(`${code} ${message}`);
}
