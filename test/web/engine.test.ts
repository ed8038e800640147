/**
 * The offline page's engine (#13): what crosses from its Web Worker is plain data that survives
 * structured cloning unchanged, and the model the page rebuilds from the snapshot (for the report
 * and the draft audit) gives the same report and the same audit as the model validation read.
 * Checked on the seed, the bundled sample and every workbook of the real-table corpus.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { auditText } from '../../src/core/audit';
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { validateWorkbook } from '../../src/core/validate';
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { buildReport } from '../../src/taskpane/report-bridge';
import { usableModel } from '../../src/taskpane/audit-view';
import { createEngine, PageEngine, plainResult, withModel, WorkerEngine } from '../../src/web/engine';
import { openWorkbook } from '../../src/web/open-workbook';
import type { CorpusDoc } from '../real-tables/corpus.test';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildXlsxBuffer } = require('../real-tables/build-xlsx.js') as { buildXlsxBuffer: (doc: CorpusDoc) => Promise<Buffer> };

const SAMPLE = path.join(__dirname, '../../samples/2023-石峰区委组织部-预算对账.xlsx');
const DRAFT = readFileSync(path.join(__dirname, '../../samples/2023-部门整体支出绩效自评报告-草稿.txt'), 'utf8').split('\n');
const CORPUS = path.join(__dirname, '..', 'real-tables', 'corpus');
const docs: CorpusDoc[] = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(CORPUS, d.name)).filter((f) => f.endsWith('.json')).map((f) => path.join(CORPUS, d.name, f)))
  .sort()
  .map((f) => JSON.parse(readFileSync(f, 'utf8')));

/** As the worker does it: the snapshot and the plain result cloned across, the model rebuilt on this side. */
function throughWorker(snapshot: WorkbookSnapshot) {
  const result = validateWorkbook(snapshot, {});
  const received = structuredClone({ snapshot, result: plainResult(result) });
  return { result, crossed: withModel(received.result, received.snapshot), received };
}

function expectSame(snapshot: WorkbookSnapshot) {
  const { result, crossed, received } = throughWorker(snapshot);
  expect(received.snapshot).toEqual(snapshot);
  expect(received.result).toEqual(plainResult(result));
  expect(buildReport(crossed, {}).paragraphs).toEqual(buildReport(result, {}).paragraphs);
  const audit = (r: typeof result) => auditText(DRAFT, { model: usableModel(r.model) }).findings.map((f) => `${f.rule} ${f.paragraph} ${f.text} ${f.cell ?? ''}`);
  expect(audit(crossed)).toEqual(audit(result));
}

describe('the page engine\'s worker boundary', () => {
  test('the seed and the bundled sample', async () => {
    expectSame(seedWorkbook());
    expectSame((await openWorkbook(new Uint8Array(readFileSync(SAMPLE)), 'sample.xlsx')).snapshot);
  });

  test('every real-table workbook', async () => {
    expect(docs.length).toBeGreaterThanOrEqual(80);
    for (const doc of docs) expectSame((await openWorkbook(new Uint8Array(await buildXlsxBuffer(doc)), `${doc.id}.xlsx`)).snapshot);
  });

  test('the model is built once, on first use', () => {
    const { crossed } = throughWorker(seedWorkbook());
    expect(crossed.model).toBe(crossed.model);
  });

  test('a page without the worker\'s code checks on its own thread, with the same findings', async () => {
    const engine = createEngine({ getElementById: () => null } as unknown as Document);
    expect(engine).toBeInstanceOf(PageEngine);
    const bytes = new Uint8Array(readFileSync(SAMPLE));
    await engine.open(bytes, 'sample.xlsx');
    const own = await engine.validate({});
    const direct = validateWorkbook((await openWorkbook(bytes, 'sample.xlsx')).snapshot, {});
    expect(own.findings).toEqual(direct.findings);
  });
});

describe('WorkerEngine', () => {
  /** A Worker that answers as worker.ts does, in this thread; `crash` makes it die: one error event, then silence. */
  class FakeWorker {
    onmessage: ((e: MessageEvent) => void) | null = null;
    onerror: ((e: ErrorEvent) => void) | null = null;
    crash = false;
    private dead = false;
    private opened: Awaited<ReturnType<typeof openWorkbook>> | null = null;
    postMessage(request: { id: number; op: string; data?: Uint8Array; name?: string }) {
      void (async () => {
        if (this.dead) return;
        if (this.crash) {
          this.dead = true;
          this.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as unknown as ErrorEvent);
          return;
        }
        try {
          if (request.op === 'open') {
            this.opened = await openWorkbook(request.data!, request.name!);
            this.onmessage?.({ data: { id: request.id, ok: true, snapshot: structuredClone(this.opened.snapshot) } } as MessageEvent);
          } else {
            const result = plainResult(validateWorkbook(this.opened!.snapshot, {}));
            this.onmessage?.({ data: { id: request.id, ok: true, result: structuredClone(result) } } as MessageEvent);
          }
        } catch (e) {
          const err = e as { zh?: string; en?: string; message: string };
          this.onmessage?.({ data: { id: request.id, ok: false, zh: err.zh, en: err.en, message: err.message } } as MessageEvent);
        }
      })();
    }
  }

  test('answers as the page engine does, passes bad-file messages on, and fails fast once its worker died', async () => {
    const fake = new FakeWorker();
    const engine = new WorkerEngine(fake as unknown as Worker);
    const bytes = new Uint8Array(readFileSync(SAMPLE));
    await engine.open(bytes, 'sample.xlsx');
    const result = await engine.validate({});
    const direct = validateWorkbook((await openWorkbook(bytes, 'sample.xlsx')).snapshot, {});
    expect(result.findings).toEqual(direct.findings);
    expect(buildReport(result, {}).paragraphs).toEqual(buildReport(direct, {}).paragraphs);
    await expect(engine.open(new Uint8Array(0), 'empty.xlsx')).rejects.toMatchObject({ zh: '文件是空的（0 字节）：empty.xlsx' });
    fake.crash = true;
    await expect(engine.validate({})).rejects.toMatchObject({ en: expect.stringContaining('out of memory') });
    // No hang afterwards: the next request fails at once (a dead worker never answers).
    const hung = new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), 1000));
    await expect(Promise.race([engine.validate({}), hung])).rejects.toMatchObject({ zh: expect.stringContaining('后台计算意外中止') });
  });
});
