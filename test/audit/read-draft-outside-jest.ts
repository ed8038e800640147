/**
 * The CLI's draft reader run outside Jest: pdf.js is an ES module, which Jest's CommonJS runtime
 * cannot load (Node can: the CLI does). So the reader runs in a child Node process, compiled
 * from the current sources. Any draft format works; PDF tests need it.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import type { Draft } from '../../src/draft/draft';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test', 'output', 'audit-tsc');
let compiled = false;

export function readDraftOutsideJest(file: string): Draft {
  if (!compiled) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--outDir', OUT, '--rootDir', ROOT, '--module', 'commonjs', '--target', 'es2021', '--esModuleInterop', '--skipLibCheck', '--resolveJsonModule', path.join(ROOT, 'src', 'node', 'audit', 'read-draft.ts')], { cwd: ROOT, stdio: 'pipe' });
    compiled = true;
  }
  const reader = path.join(OUT, 'src', 'node', 'audit', 'read-draft.js');
  const script = `require(${JSON.stringify(reader)}).readDraft(${JSON.stringify(file)}).then((d) => process.stdout.write(JSON.stringify(d)))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 })) as Draft;
}
