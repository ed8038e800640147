/**
 * Issue #13: the offline page reads every workbook of the real-table corpus (#6) to the same
 * snapshot as the CLI, so the page's findings are the CLI's. Each document is rebuilt as .xlsx
 * exactly as printed (test/real-tables/build-xlsx.js) and read both ways.
 */
import { readdirSync, readFileSync, promises as fs } from 'fs';
import * as path from 'path';
import { validateWorkbook } from '../../src/core/validate';
import { readXlsx } from '../../src/node/xlsx-reader';
import { openWorkbook } from '../../src/web/open-workbook';
import type { CorpusDoc } from '../real-tables/corpus.test';
import { makeTempDir } from '../node/tmp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildXlsxBuffer } = require('../real-tables/build-xlsx.js') as { buildXlsxBuffer: (doc: CorpusDoc) => Promise<Buffer> };

const ROOT = path.join(__dirname, '..', 'real-tables', 'corpus');
const docs: CorpusDoc[] = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(path.join(ROOT, d.name)).filter((f) => f.endsWith('.json')).map((f) => path.join(ROOT, d.name, f)))
  .sort()
  .map((f) => JSON.parse(readFileSync(f, 'utf8')));

const tmp = makeTempDir('budget-recon-web-real-');
afterAll(() => tmp.cleanup());

test('the corpus is there', () => {
  expect(docs.length).toBeGreaterThanOrEqual(80);
});

test.each(docs.map((d): [string, CorpusDoc] => [d.id, d]))('%s: the page reads what the CLI reads, and finds the same', async (id, doc) => {
  const bytes = await buildXlsxBuffer(doc);
  const file = path.join(tmp.dir, `${id}.xlsx`);
  await fs.writeFile(file, bytes);
  const cli = await readXlsx(file);
  const page = (await openWorkbook(new Uint8Array(bytes), `${id}.xlsx`)).snapshot;
  expect(page).toEqual(cli);
  const key = (f: { id: string; severity: string }) => `${f.severity} ${f.id}`;
  expect(validateWorkbook(page).findings.map(key)).toEqual(validateWorkbook(cli).findings.map(key));
});
