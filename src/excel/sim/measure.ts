/**
 * Measures the Office.js host on the simulated object model: syncs and payload bytes per read
 * (the Excel side of 校验), per highlight and per clear. The bench calls measureExcelSyncs.
 */
import { highlightCells, clearMarks, MarkTarget, MARKS_SHEET } from '../highlight';
import { readWorkbook } from '../read-workbook';
import { largeProjectWorkbook } from './large-workbook';
import { SimWorkbookState } from './sim-excel';

export interface ExcelSyncMeasurement {
  projects: number;
  cellsRead: number;
  rangeReads: number;
  syncsPerValidate: number;
  payloadBytesPerValidate: number;
  syncsPerHighlight: number;
  payloadBytesPerHighlight: number;
  syncsPerClear: number;
  cellsMarked: number;
  /** Highlight then clear left every cell's fill, value and formula as it was; values were written only to the add-in's record sheet. */
  roundTripExact: boolean;
  msPerValidateRead: number;
  /** The same read when Excel refuses responses over 5 MB (Excel on the web). */
  webCap: { syncsPerValidate: number; chunked: boolean; rangeReads: number };
}

/** Every `every`-th project row's 结余结转 cell (column G), as if the engine had flagged it. */
export function syntheticTargets(projects: number, every = 50): MarkTarget[] {
  const out: MarkTarget[] = [];
  for (let i = every - 1; i < projects; i += every) out.push({ sheet: '项目支出明细', cell: `G${i + 5}`, severity: i % 100 === 99 ? 'warning' : 'error' });
  return out;
}

export async function measureExcelSyncs(projects = 20000, targets?: MarkTarget[]): Promise<ExcelSyncMeasurement> {
  const state = SimWorkbookState.fromSnapshot(largeProjectWorkbook(projects));
  const before = JSON.stringify(state.dump());

  let mark = { syncs: state.stats.syncs, bytes: state.stats.payloadBytes };
  const t0 = Date.now();
  const { stats } = await readWorkbook(state.context() as unknown as Excel.RequestContext);
  const msPerValidateRead = Date.now() - t0;
  const syncsPerValidate = state.stats.syncs - mark.syncs;
  const payloadBytesPerValidate = state.stats.payloadBytes - mark.bytes;

  const list = targets ?? syntheticTargets(projects);
  mark = { syncs: state.stats.syncs, bytes: state.stats.payloadBytes };
  const marked = await highlightCells(state.context() as unknown as Excel.RequestContext, list);
  const syncsPerHighlight = state.stats.syncs - mark.syncs;
  const payloadBytesPerHighlight = state.stats.payloadBytes - mark.bytes;

  mark = { syncs: state.stats.syncs, bytes: state.stats.payloadBytes };
  await clearMarks(state.context() as unknown as Excel.RequestContext);
  const syncsPerClear = state.stats.syncs - mark.syncs;

  // Excel on the web refuses responses over 5 MB: the read falls back to ~4 MB syncs.
  state.responseLimitBytes = 5_000_000;
  mark = { syncs: state.stats.syncs, bytes: state.stats.payloadBytes };
  const capped = await readWorkbook(state.context() as unknown as Excel.RequestContext);
  const webCap = { syncsPerValidate: state.stats.syncs - mark.syncs, chunked: capped.stats.chunked, rangeReads: capped.stats.reads };

  return {
    projects,
    webCap,
    cellsRead: stats.cells,
    rangeReads: stats.reads,
    syncsPerValidate,
    payloadBytesPerValidate,
    syncsPerHighlight,
    payloadBytesPerHighlight,
    syncsPerClear,
    cellsMarked: marked.marked,
    roundTripExact: JSON.stringify(state.dump()) === before && state.stats.valueWrites.every((w) => w.sheet === MARKS_SHEET),
    msPerValidateRead,
  };
}
