/**
 * Runs a function of test/node/bounded-scenarios.ts in a worker thread with a deadline. Work that never
 * ends (a regex backtracking over a long run of digits, a list repeated inside itself twenty deep) cannot be
 * stopped from inside jest, whose timeout only fires once the test yields; a worker can be terminated
 * mid-loop, and its heap is capped, so a test of unbounded work fails on time instead of hanging the suite.
 * The worker transpiles the TypeScript sources itself (isolatedModules: one file at a time) and serves
 * the calls of a test file in turn; the clock starts only once the modules are loaded.
 */
import path from 'path';
import { Worker } from 'worker_threads';

const BOOT = `
const { parentPort, workerData } = require('worker_threads');
const fs = require('fs');
const ts = require(workerData.typescript);
const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, jsx: ts.JsxEmit.ReactJSX, resolveJsonModule: true };
require.extensions['.ts'] = require.extensions['.tsx'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename });
  module._compile(out.outputText, filename);
};
const scenarios = require(workerData.module);
parentPort.on('message', async ({ fn, args }) => {
  try {
    parentPort.postMessage({ value: await scenarios[fn](...args) });
  } catch (e) {
    parentPort.postMessage({ error: e instanceof Error ? e.name + ': ' + e.message : String(e) });
  }
});
parentPort.postMessage({ ready: true });
`;

export type Outcome<T> = { value: T; ms: number } | { error: string; ms: number } | { timedOut: true; ms: number };

export interface BoundedOptions {
  /** Wall-clock milliseconds the call may take once the modules are loaded. */
  deadline: number;
  /** Heap of the worker (when it is started); work past it ends the call as an error (out of memory). */
  heapMb?: number;
}

interface Loaded {
  worker: Worker;
  ready: Promise<void>;
}

/** One worker serves the calls of a test file in turn; one that ran past its deadline is replaced. */
let current: Loaded | undefined;

function load(heapMb: number): Loaded {
  const worker = new Worker(BOOT, {
    eval: true,
    workerData: { typescript: require.resolve('typescript'), module: path.join(__dirname, 'bounded-scenarios.ts') },
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    stdout: true,
    stderr: true,
  });
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker exited with code ${code} while loading`)));
  });
  return { worker, ready };
}

/** Ends the worker (between test files, or after a call that overran). */
export async function stopWorker(): Promise<void> {
  const w = current;
  current = undefined;
  if (w) await w.worker.terminate();
}

/** Calls scenarios[fn](...args) in the worker; never waits past the deadline (loading excluded). */
export async function bounded<T>(fn: string, args: unknown[], options: BoundedOptions): Promise<Outcome<T>> {
  current ??= load(options.heapMb ?? 1024);
  const { worker, ready } = current;
  await ready;
  return new Promise((resolve) => {
    const started = Date.now();
    const elapsed = () => Date.now() - started;
    const done = (outcome: Outcome<T>, replace: boolean) => {
      clearTimeout(timer);
      worker.removeListener('message', onMessage);
      worker.removeListener('error', onError);
      worker.removeListener('exit', onExit);
      if (replace && current?.worker === worker) {
        current = undefined;
        void worker.terminate();
      }
      resolve(outcome);
    };
    const onMessage = (m: { value?: T; error?: string }) => (m.error !== undefined ? done({ error: m.error, ms: elapsed() }, false) : done({ value: m.value as T, ms: elapsed() }, false));
    const onError = (e: Error) => done({ error: `${e.name}: ${e.message}`, ms: elapsed() }, true);
    const onExit = (code: number) => done({ error: `worker exited with code ${code}`, ms: elapsed() }, true);
    const timer = setTimeout(() => done({ timedOut: true, ms: elapsed() }, true), options.deadline);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ fn, args });
  });
}

/** The value of a call that finished in time, or a failure saying what happened instead. */
export function finished<T>(outcome: Outcome<T>, what: string): T {
  if ('value' in outcome) return outcome.value;
  if ('timedOut' in outcome) throw new Error(`${what}: still running after ${outcome.ms} ms (unbounded work)`);
  throw new Error(`${what}: failed after ${outcome.ms} ms: ${outcome.error}`);
}
