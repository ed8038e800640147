/**
 * Where the offline page reads and checks a workbook: in a Web Worker, so the page keeps
 * painting and answering while a 20,000-row workbook is read, or on the page's own thread where
 * a worker cannot start (a browser that refuses blob: workers). Both give the same results.
 *
 * Only plain data crosses to the page: the snapshot (for the sheet preview, the copies and the
 * report) and the findings. The budget model, which the report and the draft audit read, is built
 * again on the page from the same snapshot the first time one of them asks for it.
 */
import { readModel } from '../core/recognise';
import { Settings } from '../core/findings';
import { validateWorkbook, ValidationResult } from '../core/validate';
import { HostError } from '../taskpane/host';
import { OpenedWorkbook, openWorkbook } from './open-workbook';

export interface Engine {
  readonly kind: 'worker' | 'page';
  /** Reads the workbook (a HostError saying why it cannot be read). */
  open(data: Uint8Array, name: string): Promise<OpenedWorkbook>;
  /** Checks the workbook opened last. */
  validate(settings: Settings): Promise<ValidationResult>;
}

/** A validation result without its model: what crosses from the worker. */
export type PlainResult = Omit<ValidationResult, 'model'>;

export function plainResult(r: ValidationResult): PlainResult {
  const { model: _model, ...plain } = r;
  return plain;
}

/** The result with `model` built from the snapshot on first use (the same model validation read). */
export function withModel(plain: PlainResult, snapshot: OpenedWorkbook['snapshot']): ValidationResult {
  let model: ValidationResult['model'] | undefined;
  return Object.defineProperty({ ...plain } as ValidationResult, 'model', {
    get: () => (model ??= readModel(snapshot).model),
    enumerable: true,
    configurable: true,
  });
}

/** The engine on the page's own thread. */
export class PageEngine implements Engine {
  readonly kind = 'page' as const;
  constructor(private opened: OpenedWorkbook | null = null) {}

  async open(data: Uint8Array, name: string): Promise<OpenedWorkbook> {
    this.opened = await openWorkbook(data, name);
    return this.opened;
  }

  async validate(settings: Settings): Promise<ValidationResult> {
    if (!this.opened) throw new Error('no workbook open');
    // Let the progress bar paint before the (synchronous) engine runs.
    await new Promise((r) => setTimeout(r, 0));
    return validateWorkbook(this.opened.snapshot, settings);
  }
}

/** Messages to the worker, and its answers (each answer carries the request's id). */
export type EngineRequest = { id: number; op: 'open'; data: Uint8Array; name: string } | { id: number; op: 'validate'; settings: Settings };
export type EngineAnswer =
  | { id: number; ok: true; snapshot?: OpenedWorkbook['snapshot']; result?: PlainResult }
  | { id: number; ok: false; zh?: string; en?: string; message: string };

/** The engine in a Web Worker (worker.ts), started from its code carried inline in the page. */
export class WorkerEngine implements Engine {
  readonly kind = 'worker' as const;
  private next = 1;
  private pending = new Map<number, { resolve: (a: EngineAnswer & { ok: true }) => void; reject: (e: Error) => void }>();
  private opened: OpenedWorkbook | null = null;

  constructor(private worker: Worker) {
    worker.onmessage = (e: MessageEvent<EngineAnswer>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data);
      else p.reject(e.data.zh !== undefined && e.data.en !== undefined ? new HostError(e.data.zh, e.data.en) : new Error(e.data.message));
    };
    // A worker that dies (out of memory) fails what it was doing, with a message rather than a hang.
    worker.onerror = (e) => {
      e.preventDefault();
      this.stopped = e.message || 'worker stopped';
      for (const p of this.pending.values()) p.reject(this.stoppedError());
      this.pending.clear();
    };
  }

  /** Why the worker stopped, once it has: every later request fails at once with the same message. */
  private stopped: string | null = null;

  private stoppedError(): HostError {
    const why = this.stopped ?? '';
    return new HostError(`后台计算意外中止（${why}），请刷新页面后重试`, `the background check stopped (${why}); reload the page and try again`);
  }

  private ask(request: EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never, transfer: Transferable[] = []): Promise<EngineAnswer & { ok: true }> {
    if (this.stopped !== null) return Promise.reject(this.stoppedError());
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  async open(data: Uint8Array, name: string): Promise<OpenedWorkbook> {
    // The worker gets its own copy of the bytes; the page keeps the original for the copies it writes.
    const copy = data.slice();
    const answer = await this.ask({ op: 'open', data: copy, name }, [copy.buffer]);
    this.opened = { name, data, snapshot: answer.snapshot! };
    return this.opened;
  }

  async validate(settings: Settings): Promise<ValidationResult> {
    if (!this.opened) throw new Error('no workbook open');
    const answer = await this.ask({ op: 'validate', settings });
    return withModel(answer.result!, this.opened.snapshot);
  }
}

/**
 * The worker engine when the page carries the worker's code (the built budget-recon.html does)
 * and the browser lets it start; else the page's own thread.
 */
export function createEngine(doc: Document = document): Engine {
  const code = doc.getElementById('engine-worker')?.textContent;
  if (code && typeof Worker !== 'undefined' && typeof URL.createObjectURL === 'function') {
    try {
      const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      return new WorkerEngine(new Worker(url, { name: 'budget-recon-engine' }));
    } catch {
      // Refused (a policy against blob: workers): check on the page's thread instead.
    }
  }
  return new PageEngine();
}
