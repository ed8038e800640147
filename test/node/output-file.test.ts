import { lstatSync, symlinkSync, writeFileSync } from 'fs';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { UserError } from '../../src/node/errors';
import { checkOutputDir, checkOutputTarget, refuseInputAsOutput, samePath, tempPathFor, writeErrorCode } from '../../src/node/output-file';
import { makeTempDir } from './tmp';

const tmp = makeTempDir('budget-recon-output-');
afterAll(() => tmp.cleanup());

const input = path.join(tmp.dir, '预算.xlsx');
const link = path.join(tmp.dir, 'link.xlsx');
const other = path.join(tmp.dir, 'other.xlsx');
beforeAll(() => {
  writeFileSync(input, 'x');
  writeFileSync(other, 'y');
  symlinkSync(input, link);
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e.code;
    throw e;
  }
  return 'none';
}

test('samePath: same spelling, a link to the file, but not another file or a file yet to be written', async () => {
  expect(await samePath(input, input)).toBe(true);
  expect(await samePath(input, link)).toBe(true);
  expect(await samePath(input, other)).toBe(false);
  expect(await samePath(input, path.join(tmp.dir, 'new.xlsx'))).toBe(false);
});

test('the input, also through a link, is refused as the output with the path as typed', async () => {
  await expect(refuseInputAsOutput(input, link, 'link.xlsx')).rejects.toThrow(/输出文件不能与输入文件相同（link\.xlsx）/);
  expect(await codeOf(refuseInputAsOutput(input, other, 'other.xlsx'))).toBe('none');
});

test('the output folder must exist and be a folder; the message names the folder as typed', async () => {
  expect(await codeOf(checkOutputDir(path.join(tmp.dir, 'out.xlsx'), 'out.xlsx'))).toBe('none');
  await expect(checkOutputDir(path.join(tmp.dir, '无此目录', 'out.xlsx'), '无此目录/out.xlsx')).rejects.toThrow(/输出文件夹不存在：无此目录/);
  // A file where the folder should be.
  expect(await codeOf(checkOutputDir(path.join(other, 'out.xlsx'), 'other.xlsx/out.xlsx'))).toBe('bad-output-dir');
});

test('checkOutputTarget refuses the input before looking at the folder', async () => {
  expect(await codeOf(checkOutputTarget(input, input, '预算.xlsx'))).toBe('output-is-input');
  expect(await codeOf(checkOutputTarget(input, path.join(tmp.dir, 'no', 'r.docx'), 'no/r.docx'))).toBe('bad-output-dir');
  expect(await codeOf(checkOutputTarget(input, path.join(tmp.dir, 'r.docx'), 'r.docx'))).toBe('none');
});

test('a failed write is told by its errno code, else by its message', () => {
  expect(writeErrorCode(Object.assign(new Error('permission denied'), { code: 'EACCES' }))).toBe('EACCES');
  expect(writeErrorCode(new Error('disk full'))).toBe('disk full');
});

test('the temporary file sits hidden beside its target, so the rename stays on one file system', () => {
  expect(tempPathFor(path.join(tmp.dir, '报告.docx'), '7.1')).toBe(path.join(tmp.dir, '.报告.docx.7.1.tmp'));
  const a = tempPathFor('out/x.xlsx');
  expect(path.dirname(a)).toBe(path.resolve('out'));
  expect(path.basename(a)).toMatch(new RegExp(`^\\.x\\.xlsx\\.${process.pid}\\.\\d+\\.tmp$`));
});

test('an existing output that is not a regular file (a FIFO, a folder, a device) is refused, never replaced', async () => {
  const fifo = path.join(tmp.dir, 'pipe.xlsx');
  execFileSync('mkfifo', [fifo]);
  expect(await codeOf(checkOutputDir(fifo, 'pipe.xlsx'))).toBe('output-not-a-file');
  expect(lstatSync(fifo).isFIFO()).toBe(true);
  expect(await codeOf(checkOutputDir(tmp.dir, '.'))).toBe('output-not-a-file');
  expect(await codeOf(checkOutputDir('/dev/null', '/dev/null'))).toBe('output-not-a-file');
  // A regular file, and a link to one, may be replaced.
  expect(await codeOf(checkOutputDir(other, 'other.xlsx'))).toBe('none');
  expect(await codeOf(checkOutputDir(link, 'link.xlsx'))).toBe('none');
});
