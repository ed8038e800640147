/**
 * The report written from each workbook of the real-table corpus (issue #14): never a paragraph of garbage.
 * Each document's tables are one workbook, as a unit would keep them.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { validateWorkbook } from '../../src/core';
import { generateReport, OUTLINES } from '../../src/core/report';
import { lintReport } from '../../src/core/report/lint';
import { paragraphText } from '../../src/core/report/types';
import { readOoxml } from '../../src/node/ooxml-reader';
import type { CorpusDoc } from './corpus.test';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildXlsxBuffer } = require('./build-xlsx.js') as { buildXlsxBuffer: (doc: CorpusDoc) => Promise<Buffer> };

const ROOT = path.join(__dirname, 'corpus');
const docs: CorpusDoc[] = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(ROOT, d.name)).filter((f) => f.endsWith('.json')).map((f) => path.join(ROOT, d.name, f)))
  .sort()
  .map((f) => JSON.parse(readFileSync(f, 'utf8')));

describe.each(docs.map((d): [string, CorpusDoc] => [d.id, d]))('%s', (_id, doc) => {
  it.each(Object.keys(OUTLINES))('its report (outline %s) passes the lint', async (outline) => {
    const snapshot = await readOoxml(await buildXlsxBuffer(doc));
    const result = validateWorkbook(snapshot);
    const report = generateReport(result.model, { findings: result.findings, outline });
    const problems = lintReport(report).map((p) => `${p.rule}: ${paragraphText(report.paragraphs[p.paragraph]) || '(空)'}`);
    expect(problems).toEqual([]);
  });
});
