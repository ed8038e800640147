/**
 * The audit's speed measurement for `npm run bench` (key auditMs100Pages): a draft of
 * `pages` pages (~1,000 characters each), audited once cold and then best of `runs`.
 */
import { auditText } from './index';
import { makeLongDraft } from './bench-draft';

function now(): number {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : Date.now();
}

export function benchAudit(pages = 100, runs = 5): { ms: number; coldMs: number; characters: number; paragraphs: number; figures: number; checks: number } {
  const draft = makeLongDraft(pages);
  const t0 = now();
  let result = auditText(draft);
  const coldMs = now() - t0;
  let best = coldMs;
  for (let i = 0; i < runs; i++) {
    const t = now();
    result = auditText(draft);
    best = Math.min(best, now() - t);
  }
  return {
    ms: Math.round(best * 10) / 10,
    coldMs: Math.round(coldMs * 10) / 10,
    characters: draft.reduce((n, p) => n + p.length, 0),
    paragraphs: draft.length,
    figures: result.summary.figures,
    checks: result.summary.checks,
  };
}
