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
import { readOoxml } from '../../src/ooxml/reader';
import { readModel } from '../../src/core/recognise';
import { foldTraditional } from '../../src/core/traditional';
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

/** 年度 and 单位名称 read from the tables, against the year and publisher the corpus records for each document. */
const tally = { documents: docs.length, years: 0, names: 0 };
afterAll(() => console.log(`real tables, 年度 and 单位名称 from the tables: year read in ${tally.years} of ${tally.documents} documents, unit name in ${tally.names}; every one agrees with the corpus record`));
describe.each(docs.map((d): [string, CorpusDoc & { publisher: string }] => [d.id, d as CorpusDoc & { publisher: string }]))('%s', (_id, doc) => {
  it('年度 and 单位名称, when read from the tables, are the document\'s', async () => {
    const info = readModel(await readOoxml(await buildXlsxBuffer(doc))).model.documentInfo;
    if (info?.year) {
      tally.years++;
      expect(info.year.value).toBe(String(doc.year));
    }
    if (info?.unitName) {
      tally.names++;
      const a = foldTraditional(info.unitName.value);
      const b = foldTraditional(doc.publisher);
      // The corpus records the publisher's full name; a table may print the short one (普陀区… for 上海市普陀区…).
      expect({ name: a, publisher: b, agrees: b.includes(a) || a.includes(b) || a.slice(-4) === b.slice(-4) }).toEqual({ name: a, publisher: b, agrees: true });
    }
  });
});
