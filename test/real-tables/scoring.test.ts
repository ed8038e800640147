/**
 * The 绩效自评表 of the real-table corpus against their scoring annotations (test/real-tables/scoring/*.json,
 * worked out by hand, independently of the engine): every scoring slip found at its cell (an error, or a
 * warning where a score only follows a wrong rate or is a deduction), every missing 偏差原因 asked for, and no
 * 自评表 error anywhere else.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { validateWorkbook } from '../../src/core';
import { readOoxml } from '../../src/ooxml/reader';
import type { CorpusDoc } from './corpus.test';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildXlsxBuffer } = require('./build-xlsx.js') as { buildXlsxBuffer: (doc: CorpusDoc) => Promise<Buffer> };

interface Check {
  check: string;
  cell: string;
  verdict: string;
  why?: string;
}
interface Scoring {
  id: string;
  profile: string;
  checks: Check[];
}

const SCORING = path.join(__dirname, 'scoring');
const CORPUS = path.join(__dirname, 'corpus');
const annotations: Scoring[] = readdirSync(SCORING)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(SCORING, f), 'utf8')));
const docs = new Map<string, CorpusDoc>();
for (const d of readdirSync(CORPUS, { withFileTypes: true }).filter((x) => x.isDirectory()))
  for (const f of readdirSync(path.join(CORPUS, d.name)).filter((x) => x.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(path.join(CORPUS, d.name, f), 'utf8')) as CorpusDoc;
    docs.set(doc.id, doc);
  }

const SELF_EVAL_RULE = /^selfeval-/;
const tally = { tables: 0, provinces: new Set<string>(), checks: 0, slips: 0, found: 0, reasons: 0, reasonsAsked: 0, errors: 0, falseErrors: 0, otherWarnings: 0 };
afterAll(() => {
  console.log(
    `real 自评表: ${tally.tables} tables, ${tally.provinces.size} provinces, ${tally.checks} scoring checks annotated; slips found ${tally.found}/${tally.slips}; missing 偏差原因 asked for ${tally.reasonsAsked}/${tally.reasons}; 自评表 errors raised ${tally.errors}, false errors ${tally.falseErrors}; 自评表 warnings off any annotated slip, deduction or missing reason ${tally.otherWarnings}`,
  );
});

const row = (cell: string) => /\d+$/.exec(cell)?.[0];

describe.each(annotations.map((a): [string, Scoring] => [a.id, a]))('%s', (_id, a) => {
  it('every scoring slip found at its cell, no 自评表 error elsewhere', async () => {
    const doc = docs.get(a.id);
    expect(doc).toBeDefined();
    const sheet = doc!.sheets[0].name;
    const result = validateWorkbook(await readOoxml(await buildXlsxBuffer(doc!)));
    const findings = result.findings.filter((f) => f.sheet === sheet);
    const at = (cell: string, pred: (f: (typeof findings)[number]) => boolean) => findings.some((f) => f.cell === cell && pred(f));
    const missed: string[] = [];
    for (const c of a.checks) {
      if (c.verdict === 'slip') {
        tally.slips++;
        if (at(c.cell, (f) => f.severity !== 'info')) tally.found++;
        else missed.push(`${c.check}@${c.cell}`);
      }
      if (c.verdict === 'missing') {
        tally.reasons++;
        if (at(c.cell, (f) => f.rule === 'selfeval-reason')) tally.reasonsAsked++;
        else missed.push(`${c.check}@${c.cell}`);
      }
      // A deduction: a warning at the score, or the reason asked for on its row.
      if (c.verdict === 'below' && !findings.some((f) => f.severity === 'warning' && (f.cell === c.cell || (f.rule === 'selfeval-reason' && row(f.cell) === row(c.cell))))) missed.push(`${c.check}@${c.cell} (below)`);
    }
    const slipCells = new Set([...a.checks.filter((c) => c.verdict === 'slip').map((c) => c.cell), ...doc!.slips.map((s) => s.cell)]);
    const errors = findings.filter((f) => f.severity === 'error' && SELF_EVAL_RULE.test(f.rule));
    const falseErrors = errors.filter((f) => !slipCells.has(f.cell)).map((f) => `${f.cell} ${f.message}`);
    const flagged = new Set(a.checks.filter((c) => ['slip', 'below', 'missing'].includes(c.verdict)).map((c) => c.cell));
    tally.otherWarnings += findings.filter((f) => f.severity === 'warning' && SELF_EVAL_RULE.test(f.rule) && !flagged.has(f.cell)).length;
    tally.tables++;
    tally.provinces.add(doc!.province);
    tally.checks += a.checks.length;
    tally.errors += errors.length;
    tally.falseErrors += falseErrors.length;
    expect({ falseErrors, missed }).toEqual({ falseErrors: [], missed: [] });
  });
});
