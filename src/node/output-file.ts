/**
 * Checks on a file a command is about to write (highlight's copy, report's outputs), made
 * before any work so a bad target fails fast and never leaves a partial file.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { UserError } from './errors';

/** The same file, by path or (through a link, another spelling) by inode. */
export async function samePath(a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

/** The input is never overwritten. `shown` is the output as the user typed it. */
export async function refuseInputAsOutput(input: string, target: string, shown: string): Promise<void> {
  if (await samePath(input, target)) {
    throw new UserError(
      'output-is-input',
      `输出文件不能与输入文件相同（${shown}），本工具不会覆盖原文件`,
      `the output must differ from the input (${shown}); the original is never overwritten`,
    );
  }
}

/**
 * The folder the output goes into must exist (it is not created behind the user's back), and an existing
 * target must be a regular file: a device node, a FIFO or a folder is never replaced (as root, -o /dev/null
 * would otherwise turn the system's /dev/null into a file).
 */
export async function checkOutputDir(target: string, shown: string): Promise<void> {
  let existing: import('fs').Stats | undefined;
  try {
    existing = await fs.lstat(target);
  } catch {
    existing = undefined;
  }
  if (existing && !existing.isFile() && !(existing.isSymbolicLink() && (await fs.stat(target).then((s) => s.isFile(), () => false)))) {
    throw new UserError('output-not-a-file', `输出位置已存在且不是普通文件，不会替换它：${shown}`, `the output exists and is not a regular file; it is not replaced: ${shown}`);
  }
  try {
    const st = await fs.stat(path.dirname(target));
    if (!st.isDirectory()) throw new Error('not a directory');
  } catch {
    const dir = path.dirname(shown) || '.';
    throw new UserError('bad-output-dir', `输出文件夹不存在：${dir}`, `the output folder does not exist: ${dir}`);
  }
}

/** Both checks, in that order. */
export async function checkOutputTarget(input: string, target: string, shown: string): Promise<void> {
  await refuseInputAsOutput(input, target, shown);
  await checkOutputDir(target, shown);
}

/** What a failed write is reported by: the errno code (EACCES, ENOSPC) or else the message. */
export function writeErrorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Where an output is written before it is renamed onto its target: beside it (same file
 * system, so the rename is atomic), hidden, and unique to this process and moment.
 */
export function tempPathFor(target: string, stamp = `${process.pid}.${Date.now()}`): string {
  return path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${stamp}.tmp`);
}

/**
 * Writes every output to a temporary file beside its target, then renames them all: a failure
 * leaves no output half-written and none of a set (report -o and --xlsx) written without the other.
 */
export async function writeAllAtomic(files: { target: string; shown: string; data: Buffer | string }[]): Promise<void> {
  const stamp = `${process.pid}.${Date.now()}`;
  const temps = files.map((f) => tempPathFor(f.target, stamp));
  let current = files[0];
  try {
    for (let i = 0; i < files.length; i++) {
      current = files[i];
      await fs.writeFile(temps[i], files[i].data);
    }
    for (let i = 0; i < files.length; i++) {
      current = files[i];
      await fs.rename(temps[i], files[i].target);
    }
  } catch (e) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true }).catch(() => undefined)));
    const code = writeErrorCode(e);
    throw new UserError('write-failed', `无法写入 ${current.shown}（${code}）；未生成该文件`, `cannot write ${current.shown} (${code}); nothing was written there`);
  }
}
