/**
 * The CLI's side of the copies written by editing the user's package (src/ooxml): the output's
 * extension must match the package (Excel refuses an .xlsm package named .xlsx and the
 * reverse), and a package the editor cannot change is a one-line message, never a stack trace.
 */
import * as path from 'path';
import { OoxmlPackage, PackageError } from '../ooxml/package';
import { UserError } from './errors';

/** Refuses an output whose extension Excel would not open this package under. */
export async function checkCopyExtension(data: Uint8Array, output: string, option = '-o'): Promise<void> {
  const macro = await OoxmlPackage.load(data).then((p) => p.isMacroEnabled(), () => false);
  const ext = path.extname(output).toLowerCase();
  const wanted = macro ? '.xlsm' : '.xlsx';
  if (ext === wanted) return;
  throw new UserError(
    'bad-output',
    macro
      ? `输入是启用宏的工作簿，副本须以 .xlsm 结尾（${option} ${output}），否则 Excel 无法打开`
      : `${option} 的文件应以 .xlsx 结尾：${output}`,
    macro ? `the input is a macro-enabled workbook; the copy must end in .xlsm (${option} ${output}) or Excel will not open it` : `the ${option} file should end in .xlsx: ${output}`,
  );
}

/** Runs a package edit; a package it cannot change becomes a UserError naming the file. */
export async function editPackage<T>(file: string, edit: () => Promise<T>): Promise<T> {
  try {
    return await edit();
  } catch (e) {
    if (e instanceof PackageError) {
      throw new UserError('cannot-copy', `无法在 ${file} 的副本中写入标注：${e.message}（原文件未改动）`, `cannot write the copy of ${file}: ${e.message} (the original is untouched)`);
    }
    throw e;
  }
}
