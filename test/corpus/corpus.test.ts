import * as path from 'path';
import { main } from '../../src/node/cli/main';
import { memoryIO } from '../../src/node/cli/io';
import { makeTempDir } from '../node/tmp';
import { CORPUS, CorpusCase } from './corpus';

const tmp = makeTempDir('budget-recon-corpus-');
afterAll(() => tmp.cleanup());

async function runCli(args: string[]) {
  const io = memoryIO(tmp.dir);
  const code = await main(args, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr };
}

function expectOneLineNoStack(stderr: string[]): void {
  expect(stderr).toHaveLength(1);
  expect(stderr[0]).not.toMatch(/\n|\s+at\s+\S+\s+\(|node_modules|\.ts:\d+|\.js:\d+/);
}

describe.each(CORPUS.map((c): [string, CorpusCase] => [`${c.name}: ${c.about}`, c]))('%s', (_title, c) => {
  const file = () => path.join(tmp.dir, c.file);
  beforeAll(async () => {
    await c.write(file());
  }, 120000);

  if (c.exit === 2) {
    test(
      `validate exits 2 with one line on stderr`,
      async () => {
        for (const format of ['text', 'json']) {
          const r = await runCli(['validate', c.file, '--format', format]);
          expect(r.code).toBe(2);
          expect(r.stdout).toBe('');
          expectOneLineNoStack(r.stderr);
          expect(r.stderr[0]).toMatch(c.stderr!);
        }
      },
      120000,
    );
    test('highlight refuses it the same way and writes nothing', async () => {
      const out = path.join(tmp.dir, `${c.name}-标注.xlsx`);
      const r = await runCli(['highlight', c.file, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr[0]).toMatch(c.stderr!);
      const { existsSync } = await import('fs');
      expect(existsSync(out)).toBe(false);
    });
  } else {
    test(
      `validate exits ${c.exit} with JSON only on stdout`,
      async () => {
        const r = await runCli(['validate', c.file, '--format', 'json']);
        expect(r.stderr).toEqual([]);
        const out = JSON.parse(r.stdout);
        expect(Object.keys(out)).toEqual(['findings', 'notChecked', 'summary']);
        expect(r.code).toBe(c.exit);
        c.json!(out);
      },
      c.slow ? 180000 : 60000,
    );
  }
});
