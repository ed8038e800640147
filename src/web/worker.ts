/**
 * The offline page's Web Worker (see engine.ts): reads the workbook the page sends and checks it,
 * answering with plain data. Its code travels inside budget-recon.html as inert text and is
 * started from a blob: URL, so the page still needs no file beside it and makes no request.
 */
import { validateWorkbook } from '../core/validate';
import { HostError } from '../taskpane/host';
import { EngineAnswer, EngineRequest, plainResult } from './engine';
import { OpenedWorkbook, openWorkbook } from './open-workbook';

let opened: OpenedWorkbook | null = null;
const scope = self as unknown as { onmessage: ((e: MessageEvent<EngineRequest>) => void) | null; postMessage(a: EngineAnswer): void };

// One request at a time, in order: reading awaits, and a check sent meanwhile must see the workbook opened before it.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e: MessageEvent<EngineRequest>) => {
  queue = queue.then(() => answer(e.data));
};

async function answer(request: EngineRequest): Promise<void> {
  try {
    if (request.op === 'open') {
      opened = null;
      opened = await openWorkbook(request.data, request.name);
      scope.postMessage({ id: request.id, ok: true, snapshot: opened.snapshot });
    } else {
      if (!opened) throw new Error('no workbook open');
      scope.postMessage({ id: request.id, ok: true, result: plainResult(validateWorkbook(opened.snapshot, request.settings)) });
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    scope.postMessage(err instanceof HostError ? { id: request.id, ok: false, zh: err.zh, en: err.en, message } : { id: request.id, ok: false, message });
  }
}
