/**
 * Reading a file the user named (a workbook, a draft report): each way it can be unusable
 * is a UserError saying what and where, never a stack trace.
 */
import { promises as fs } from 'fs';
import { errorReason, UserError } from './errors';

/** What to give instead, for the message when a folder is named: the kind of file the command reads. */
export interface ExpectedFile {
  /** e.g. '请指定 .xlsx 文件' */
  zh: string;
  /** e.g. 'give an .xlsx file' */
  en: string;
}

/**
 * The whole file. `file` is how it is named in messages (the path as the user typed it).
 * Missing, unreadable, a folder and an empty file are told apart.
 */
export async function readInputFile(filePath: string, file: string, expected: ExpectedFile): Promise<Buffer> {
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('file-not-found', `找不到文件：${file}`, `file not found: ${file}`);
    throw unreadable(file, e);
  }
  if (stat.isDirectory()) {
    throw new UserError('is-directory', `${file} 是一个文件夹，${expected.zh}`, `${file} is a folder; ${expected.en}`);
  }
  // A FIFO, a device or a socket has no size to trust and may never end: not a file to read.
  if (!stat.isFile()) {
    throw new UserError('not-a-file', `${file} 不是普通文件（可能是管道或设备），${expected.zh}`, `${file} is not a regular file (a pipe or a device); ${expected.en}`);
  }
  if (stat.size === 0) throw new UserError('empty-file', `文件是空的（0 字节）：${file}`, `the file is empty (0 bytes): ${file}`);
  try {
    return await fs.readFile(filePath);
  } catch (e) {
    throw unreadable(file, e);
  }
}

function unreadable(file: string, e: unknown): UserError {
  const why = (e as NodeJS.ErrnoException).code ?? errorReason(e);
  return new UserError('file-unreadable', `无法读取文件：${file}（${why}）`, `cannot read file: ${file} (${why})`);
}
