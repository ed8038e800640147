/**
 * A workbook the user gave the page (picked or dropped): its bytes to the snapshot, with the
 * CLI's checks and messages (src/ooxml/workbook-problems.ts) for every way the file can be
 * unusable, each a HostError in Chinese and English. No DOM and no Node APIs: the page and jest both run it.
 */
import { OWNED_SHEET_NAMES, WorkbookSnapshot } from '../core/snapshot';
import { BinaryWorkbook, NotAWorkbook, readOoxml } from '../ooxml/reader';
import { noDataProblem, noWorkbookProblem, signatureProblem, unreadableProblem, WorkbookProblem, xlsbProblem } from '../ooxml/workbook-problems';
import { HostError } from '../taskpane/host';

export interface OpenedWorkbook {
  /** The file's name as the user's system gave it. */
  name: string;
  snapshot: WorkbookSnapshot;
  /** The package's bytes: the highlighted copy and the report copy edit them. */
  data: Uint8Array;
}

/** The workbook in `data`, or a HostError saying why it cannot be read. `file` names it in messages. */
export async function openWorkbook(data: Uint8Array, file: string): Promise<OpenedWorkbook> {
  const fail = (p: WorkbookProblem) => new HostError(p.zh, p.en);
  const bad = signatureProblem(data, file);
  if (bad) throw fail(bad);
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = await readOoxml(data);
  } catch (e) {
    if (e instanceof BinaryWorkbook) throw fail(xlsbProblem(file));
    if (e instanceof NotAWorkbook) throw fail(noWorkbookProblem(file));
    // The CLI falls back to ExcelJS here; the page has no such reader, so it says what it can.
    throw fail(unreadableProblem(file, e instanceof Error ? e.message : String(e)));
  }
  snapshot.sheets = snapshot.sheets.filter((s) => s.values.length > 0 && !OWNED_SHEET_NAMES.has(s.name));
  if (snapshot.sheets.length === 0) throw fail(noDataProblem(snapshot, file));
  return { name: file, snapshot, data };
}
