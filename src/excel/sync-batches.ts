/**
 * Runs many small pieces of Excel work ("units") in as few syncs as their size allows.
 *
 * Excel on the web refuses a request or a response over 5 MB (Microsoft's documented resource
 * limit), and a request is sized by its operations (each several hundred bytes with its object
 * paths) as much as by its data. Units are packed into syncs up to a byte budget estimated from
 * both; when Excel still refuses a sync as too large, its units are retried in smaller syncs.
 *
 * Units belong to groups (a sheet). When a sync fails with AccessDenied (a protected sheet), the
 * operations queued before the failing one have been applied, as Excel does: its units are run
 * again one group per sync, so the group that is denied is known and skipped, and every other
 * group is completed. Units must therefore be idempotent.
 */

/** Bytes a sync may carry each way by our estimate: well inside Excel on the web's 5 MB. */
export const SYNC_BUDGET_BYTES = 2_000_000;
/** Request bytes of one queued operation with its object paths, by Microsoft's example (10,000 one-cell writes exceed 5 MB). */
export const BYTES_PER_OPERATION = 500;

export interface SyncUnit {
  /** Estimated request and response bytes. */
  request: number;
  response: number;
  /** Units of one group fail together (AccessDenied); a sheet's name. */
  group?: string;
  /** Queues the unit's operations; may return what to do with its results after the sync. */
  queue(): (() => void) | void;
  /** The same work as two or more smaller units, when Excel refuses this one alone as too large. */
  split?(): SyncUnit[];
}

export interface RunResult {
  syncs: number;
  /** Groups Excel refused with AccessDenied, with the error. */
  denied: Map<string, unknown>;
}

function codeOf(e: unknown): string {
  return String((e as { code?: string })?.code ?? '');
}

export function isPayloadError(e: unknown): boolean {
  const code = codeOf(e);
  const message = e instanceof Error ? e.message : String(e);
  return /PayloadSizeLimitExceeded|PayloadTooLarge/i.test(code) || /payload size/i.test(message);
}

export function isAccessDenied(e: unknown): boolean {
  return codeOf(e) === 'AccessDenied' || /^AccessDenied/.test(e instanceof Error ? e.message : '');
}

/** Thrown when one unit alone is more than Excel takes in a sync. */
export class TooLargeError extends Error {
  constructor(readonly cause: unknown) {
    super('A single Excel request is over the size limit.');
  }
}

/**
 * Runs `units` in order. `denyGroups`: whether AccessDenied skips the unit's group (true) or
 * fails the run (false). Other errors always fail the run, after the syncs that completed.
 */
export async function runUnits(ctx: Excel.RequestContext, work: SyncUnit[], options: { budget?: number; denyGroups?: boolean } = {}): Promise<RunResult> {
  const units = [...work];
  const budget = options.budget ?? SYNC_BUDGET_BYTES;
  const result: RunResult = { syncs: 0, denied: new Map() };
  // After a refusal for size, syncs carry at most this many units.
  let maxUnits = Infinity;
  // After AccessDenied in a sync of several groups, units up to this index go one group per sync.
  let isolateUntil = -1;
  let i = 0;
  while (i < units.length) {
    const batch: SyncUnit[] = [];
    let request = 0;
    let response = 0;
    let j = i;
    for (; j < units.length && batch.length < maxUnits; j++) {
      const u = units[j];
      if (u.group !== undefined && result.denied.has(u.group)) continue;
      if (batch.length && (request + u.request > budget || response + u.response > budget)) break;
      if (batch.length && j <= isolateUntil && u.group !== batch[0].group) break;
      batch.push(u);
      request += u.request;
      response += u.response;
    }
    if (!batch.length) {
      i = j;
      continue;
    }
    const collect = batch.map((u) => u.queue());
    try {
      await ctx.sync();
      result.syncs += 1;
    } catch (e) {
      result.syncs += 1;
      if (isPayloadError(e)) {
        if (batch.length === 1) {
          const parts = batch[0].split?.() ?? [];
          if (parts.length < 2) throw new TooLargeError(e);
          units.splice(units.indexOf(batch[0]), 1, ...parts);
          continue;
        }
        maxUnits = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      if (options.denyGroups && isAccessDenied(e)) {
        const groups = new Set(batch.map((u) => u.group));
        if (groups.size === 1) {
          const g = batch[0].group;
          if (g === undefined) throw e;
          result.denied.set(g, e);
          i = j;
        } else {
          // Some of these ran and some did not: run them again a group at a time.
          isolateUntil = Math.max(isolateUntil, j - 1);
        }
        continue;
      }
      throw e;
    }
    for (const c of collect) c?.();
    i = j;
  }
  return result;
}
