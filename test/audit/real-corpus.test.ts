/**
 * The real prose corpus (test/audit/real, its README): passages published by real budget units, every
 * arithmetic statement annotated by hand, independently of the audit. Each passage runs through the
 * audit: no error may fall outside an annotated slip, and every slip is found (an error or a warning on
 * its span) unless KNOWN_MISSES lists it with the reason. The list can only shrink: a listed slip that is
 * found fails the test until it is taken off.
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { auditText } from '../../src/core/audit';
import { joinLines, lineOf } from '../../src/core/audit/lines';

interface Statement {
  span: string;
  type: string;
  verdict: 'holds' | 'rounding' | 'slip' | 'not-checkable';
  why?: string;
}
interface Passage {
  id: string;
  title: string;
  source: string;
  province: string;
  year: number;
  kind: string;
  text: string;
  statements: Statement[];
}

const ROOT = path.join(__dirname, 'real', 'corpus');
const passages: Passage[] = readdirSync(ROOT)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(ROOT, f), 'utf8')));

/** Slips the audit does not find yet: passage id → the slips' spans (a prefix is enough), with the reason. */
const KNOWN_MISSES: Record<string, { spans: string[]; reason: string }> = {
};

interface Outcome {
  errors: number;
  falseErrors: string[];
  found: string[];
  missed: string[];
  falseWarnings: number;
}

function run(p: Passage): Outcome {
  // The stored text is as extracted: lines broken inside sentences are joined the way the draft reader does.
  const lines = p.text.split('\n');
  const lineStarts: number[] = [];
  let at = 0;
  for (const line of lines) {
    lineStarts.push(at);
    at += line.length + 1;
  }
  const { paragraphs, pieces } = joinLines(lines);
  const toText = (para: number, offset: number) => {
    const { line, column } = lineOf(pieces[para], offset);
    return lineStarts[line] + column;
  };
  const findings = auditText(paragraphs).findings.map((f) => ({ ...f, from: toText(f.paragraph - 1, f.start), to: toText(f.paragraph - 1, Math.max(f.start, f.end - 1)) + 1 }));
  const slips = p.statements
    .filter((s) => s.verdict === 'slip')
    .map((s) => ({ s, from: p.text.indexOf(s.span), to: p.text.indexOf(s.span) + s.span.length }));
  const overlaps = (f: { from: number; to: number }, s: { from: number; to: number }) => s.from >= 0 && f.from < s.to && s.from < f.to;
  // The corpus annotates arithmetic; template text left in (「（100字以内）」 in place of a description) is
  // outside it and measured on our own corpus.
  const errors = findings.filter((f) => f.severity === 'error' && f.rule !== 'template-leftover');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const found = slips.filter((sl) => [...errors, ...warnings].some((f) => overlaps(f, sl))).map((sl) => sl.s.span);
  return {
    errors: errors.length,
    falseErrors: errors.filter((f) => !slips.some((sl) => overlaps(f, sl))).map((f) => `「${f.text}」 ${f.message}`),
    found,
    missed: slips.filter((sl) => !found.includes(sl.s.span)).map((sl) => sl.s.span),
    falseWarnings: warnings.filter((f) => !slips.some((sl) => overlaps(f, sl))).length,
  };
}

const tally = { passages: passages.length, statements: 0, slips: 0, found: 0, errors: 0, falseErrors: 0, falseWarnings: 0 };
afterAll(() => {
  const provinces = new Set(passages.map((p) => p.province)).size;
  const years = new Set(passages.map((p) => p.year)).size;
  const precision = tally.errors ? ((tally.errors - tally.falseErrors) / tally.errors) * 100 : 100;
  console.log(
    `real prose: ${tally.passages} passages, ${provinces} provinces, ${years} years, ${tally.statements} statements; errors raised ${tally.errors}, false errors ${tally.falseErrors} (precision ${precision.toFixed(1)}%); slips found (error or warning on the span) ${tally.found}/${tally.slips} (recall ${((tally.found / Math.max(1, tally.slips)) * 100).toFixed(1)}%); warnings off any slip ${tally.falseWarnings}`,
  );
  if (process.env.REAL_PROSE_SUMMARY) writeFileSync(process.env.REAL_PROSE_SUMMARY, JSON.stringify(tally, null, 2));
});

test('the corpus is there: every span is in its text', () => {
  expect(passages.length).toBeGreaterThanOrEqual(40);
  for (const p of passages) for (const s of p.statements) expect({ id: p.id, span: s.span, inText: p.text.includes(s.span) }).toEqual({ id: p.id, span: s.span, inText: true });
});

describe.each(passages.map((p): [string, Passage] => [`${p.id} (${p.province} ${p.year} ${p.kind})`, p]))('%s', (_name, p) => {
  test('no error outside a real slip; every slip found or listed', () => {
    const o = run(p);
    tally.statements += p.statements.length;
    tally.slips += o.found.length + o.missed.length;
    tally.found += o.found.length;
    tally.falseErrors += o.falseErrors.length;
    tally.errors += o.errors;
    tally.falseWarnings += o.falseWarnings;
    const known = KNOWN_MISSES[p.id]?.spans ?? [];
    const unlisted = o.missed.filter((m) => !known.some((k) => m.startsWith(k)));
    const listedButFound = known.filter((k) => o.found.some((f) => f.startsWith(k)));
    expect({ falseErrors: o.falseErrors, unlisted, listedButFound }).toEqual({ falseErrors: [], unlisted: [], listedButFound: [] });
  });
});
