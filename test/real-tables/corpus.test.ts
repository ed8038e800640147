/**
 * The real-table corpus (test/real-tables/corpus, FORMAT.md): tables published by real budget units,
 * rebuilt as printed, annotated by hand. Each runs through the real CLI (`validate --format json`):
 * it must be read (no exit 2), raise no error on a figure that is not an annotated slip, find every
 * annotated slip at its cell, and exit 1 exactly when a slip is there.
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { main } from '../../src/node/cli/main';
import { memoryIO } from '../../src/node/cli/io';
import { makeTempDir } from '../node/tmp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildXlsxBuffer } = require('./build-xlsx.js') as { buildXlsxBuffer: (doc: CorpusDoc) => Promise<Buffer> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { evaluate } = require('./arith.js') as { evaluate: (doc: CorpusDoc, id: CorpusIdentity) => { status: string } };

interface CorpusIdentity {
  total: string;
  parts: string[];
  what?: string;
  decision?: string;
  reading?: string;
}
interface CorpusSlip {
  cell: string;
  why: string;
  rule?: string;
  alsoAcceptable?: string[];
}
export interface CorpusDoc {
  id: string;
  title: string;
  source: string;
  publisher: string;
  province: string;
  year: number;
  kind: string;
  truncated: boolean;
  sheets: { name: string; grid: (string | null)[][]; merges?: string[] }[];
  identities: CorpusIdentity[];
  slips: CorpusSlip[];
}

/**
 * Real slips the engine does not find yet, each with the reason. The test fails when one of them is
 * found (take it off this list) or when any other slip is missed: the list can only shrink honestly.
 */
const KNOWN_MISSES: Record<string, { cells: string[]; reason: string }> = {
};

const ROOT = path.join(__dirname, 'corpus');
const files = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(ROOT, d.name)).filter((f) => f.endsWith('.json')).map((f) => path.join(ROOT, d.name, f)))
  .sort();
const docs: CorpusDoc[] = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));

/** Slips of kinds the table checks cover (sums); rate and score slips belong to the 自评表 rules. */
const SUM_SLIP = (s: CorpusSlip) => !s.rule || s.rule === 'sum';

function qualified(doc: CorpusDoc, cell: string): string {
  return cell.includes('!') ? cell : `${doc.sheets[0].name}!${cell}`;
}

const tmp = makeTempDir('budget-recon-real-');
const tally = { documents: docs.length, refused: 0, errors: 0, falseErrors: 0, slips: 0, found: 0, otherSlips: 0, otherFound: 0 };
afterAll(() => {
  tmp.cleanup();
  const provinces = new Set(docs.map((d) => d.province));
  const years = new Set(docs.map((d) => d.year));
  const kinds = new Set(docs.map((d) => d.kind));
  const line = `real tables: ${tally.documents} documents, ${provinces.size} provinces, ${years.size} years, ${kinds.size} kinds; refused ${tally.refused}; errors raised ${tally.errors}, false errors ${tally.falseErrors}; sum slips found ${tally.found}/${tally.slips}; 自评表 rate and score slips found ${tally.otherFound}/${tally.otherSlips}`;
  console.log(line);
  if (process.env.REAL_TABLES_SUMMARY) writeFileSync(process.env.REAL_TABLES_SUMMARY, JSON.stringify({ ...tally, provinces: [...provinces], years: [...years].sort(), kinds: [...kinds] }, null, 2));
});

test('the corpus is there and its annotations are consistent', () => {
  expect(docs.length).toBeGreaterThanOrEqual(1);
  for (const doc of docs) {
    expect(path.basename(files[docs.indexOf(doc)], '.json')).toBe(doc.id);
    expect(doc.source).toMatch(/^https?:\/\//);
    // Every slip of a sum sits in an identity that fails; an identity that fails names a slip.
    const failing = doc.identities.filter((i) => evaluate(doc, i).status === 'fails');
    for (const s of doc.slips.filter(SUM_SLIP)) {
      const cells = [s.cell, ...(s.alsoAcceptable ?? [])];
      expect({ doc: doc.id, slip: s.cell, inFailingIdentity: failing.some((i) => cells.some((c) => i.total === c || i.parts.some((p) => p.replace(/^-/, '') === c))) }).toEqual({ doc: doc.id, slip: s.cell, inFailingIdentity: true });
    }
  }
});

describe.each(docs.map((d): [string, CorpusDoc] => [`${d.id} (${d.province} ${d.year} ${d.kind})`, d]))('%s', (_name, doc) => {
  test('read, no false error, every slip found, exit code right', async () => {
    const file = `${doc.id}.xlsx`;
    writeFileSync(path.join(tmp.dir, file), await buildXlsxBuffer(doc));
    const io = memoryIO(tmp.dir);
    const code = await main(['validate', file, '--format', 'json'], io);
    if (code === 2) tally.refused++;
    expect({ refused: code === 2, stderr: io.stderr }).toEqual({ refused: false, stderr: [] });
    const out = JSON.parse(io.stdout.join('\n')) as { findings: { severity: string; sheet: string; cell: string; message: string }[] };
    const errors = out.findings.filter((f) => f.severity === 'error');
    const warnings = out.findings.filter((f) => f.severity === 'warning');
    const slips = doc.slips.filter(SUM_SLIP);
    // Rate and score slips of a 自评表 (issue #15): found by an error, or a warning where the score only follows
    // a wrong rate.
    const scoring = doc.slips.filter((s) => !SUM_SLIP(s));
    const acceptable = new Set(doc.slips.flatMap((s) => [s.cell, ...(s.alsoAcceptable ?? [])].map((c) => qualified(doc, c))));
    const falseErrors = errors.filter((f) => !acceptable.has(`${f.sheet}!${f.cell}`)).map((f) => `${f.sheet}!${f.cell} ${f.message}`);
    const at = (s: CorpusSlip, among: typeof errors) => [s.cell, ...(s.alsoAcceptable ?? [])].some((c) => among.some((f) => `${f.sheet}!${f.cell}` === qualified(doc, c)));
    const missed = [...slips.filter((s) => !at(s, errors)), ...scoring.filter((s) => !at(s, [...errors, ...warnings]))].map((s) => `${s.cell}: ${s.why}`);
    tally.errors += errors.length;
    tally.falseErrors += falseErrors.length;
    tally.slips += slips.length;
    tally.found += slips.filter((s) => at(s, errors)).length;
    tally.otherSlips += scoring.length;
    tally.otherFound += scoring.filter((s) => at(s, [...errors, ...warnings])).length;
    const known = KNOWN_MISSES[doc.id]?.cells ?? [];
    const missedCells = missed.map((m) => m.slice(0, m.indexOf(':')));
    const found = slips.filter((s) => at(s, errors)).length + scoring.filter((s) => at(s, errors)).length;
    expect({ falseErrors, missed: missedCells, exit: code }).toEqual({ falseErrors: [], missed: known, exit: found ? 1 : 0 });
  });
});

/**
 * A unit publishes its tables together and keeps them in one workbook: the tables of one document (same
 * publisher and year) run as one workbook, so the checks across tables run on real material too. They
 * must raise no error the tables alone did not (收入决算表 合计 against the 总表's 本年收入合计; never the
 * 财政拨款 总表's lines against the whole unit's).
 */
const documents = new Map<string, CorpusDoc[]>();
for (const d of docs) {
  const key = `${d.publisher} ${d.year}`;
  documents.set(key, [...(documents.get(key) ?? []), d]);
}
const combined = [...documents.entries()].filter(([, ds]) => ds.length > 1);

describe.each(combined.map(([k, ds]): [string, CorpusDoc[]] => [`${k}: ${ds.length} tables in one workbook`, ds]))('%s', (_name, ds) => {
  test('no false error across tables, every slip still found', async () => {
    const used = new Set<string>();
    const sheets: CorpusDoc['sheets'] = [];
    const acceptable = new Set<string>();
    const expected: string[] = [];
    for (const d of ds) {
      for (const [i, sh] of d.sheets.entries()) {
        let name = sh.name.slice(0, 28);
        for (let n = 2; used.has(name); n++) name = `${sh.name.slice(0, 26)}${n}`;
        used.add(name);
        sheets.push({ ...sh, name });
        for (const sl of d.slips) {
          const cells = [sl.cell, ...(sl.alsoAcceptable ?? [])];
          const mine = cells.filter((c) => (c.includes('!') ? c.startsWith(`${sh.name}!`) : i === 0)).map((c) => `${name}!${c.replace(/^.*!/, '')}`);
          mine.forEach((c) => acceptable.add(c));
          // Sum slips are errors; a 自评表 score may be a warning (it follows a wrong rate): only sums are expected here.
          if (SUM_SLIP(sl) && mine.length && (sl.cell.includes('!') ? sl.cell.startsWith(`${sh.name}!`) : i === 0)) expected.push(mine[0]);
        }
      }
    }
    const doc: CorpusDoc = { ...ds[0], id: `${ds[0].id}-document`, sheets, identities: [], slips: [] };
    const file = `${doc.id}.xlsx`;
    writeFileSync(path.join(tmp.dir, file), await buildXlsxBuffer(doc));
    const io = memoryIO(tmp.dir);
    const code = await main(['validate', file, '--format', 'json'], io);
    expect(code).not.toBe(2);
    const out = JSON.parse(io.stdout.join('\n')) as { findings: { severity: string; sheet: string; cell: string; message: string }[] };
    const errors = out.findings.filter((f) => f.severity === 'error');
    const falseErrors = errors.filter((f) => !acceptable.has(`${f.sheet}!${f.cell}`)).map((f) => `${f.sheet}!${f.cell} ${f.message}`);
    const missed = expected.filter((c) => !errors.some((f) => `${f.sheet}!${f.cell}` === c));
    expect({ falseErrors, missed }).toEqual({ falseErrors: [], missed: [] });
  });
});

