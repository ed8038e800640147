/**
 * A workbook the user gave the page (picked or dropped): its bytes to the snapshot, with the
 * CLI's checks and messages (src/node/xlsx-reader.ts) for every way the file can be unusable,
 * each a HostError in Chinese and English. No DOM and no Node APIs: the page and jest both run it.
 */
import { OWNED_SHEET_NAMES, WorkbookSnapshot } from '../core/snapshot';
import { BinaryWorkbook, NotAWorkbook, readOoxml } from '../ooxml/reader';
import { HostError } from '../taskpane/host';

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export interface OpenedWorkbook {
  /** The file's name as the user's system gave it. */
  name: string;
  snapshot: WorkbookSnapshot;
  /** The package's bytes: the highlighted copy and the report copy edit them. */
  data: Uint8Array;
}

const startsWith = (bytes: Uint8Array, sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);

/** The workbook in `data`, or a HostError saying why it cannot be read. `file` names it in messages. */
export async function openWorkbook(data: Uint8Array, file: string): Promise<OpenedWorkbook> {
  if (data.length === 0) throw new HostError(`文件是空的（0 字节）：${file}`, `the file is empty (0 bytes): ${file}`);
  const ext = /\.[^./\\]*$/.exec(file)?.[0].toLowerCase() ?? '';
  if (startsWith(data, CFB_SIGNATURE)) {
    throw ext === '.xls'
      ? new HostError(`${file} 是旧版 .xls 文件（或已加密），请在 Excel 中另存为 .xlsx 后再试`, `${file} is an old .xls file (or encrypted); save it as .xlsx in Excel and try again`)
      : new HostError(
          `${file} 已设置打开密码（或是旧版 .xls 文件），无法读取；请在 Excel 中取消密码或另存为 .xlsx 后再试`,
          `${file} is password-protected (or an old .xls file) and cannot be read; remove the password or save it as .xlsx in Excel`,
        );
  }
  if (!startsWith(data, ZIP_SIGNATURE)) {
    throw new HostError(`不是有效的 .xlsx 文件：${file}（文件内容不是 Excel 工作簿）`, `not a valid .xlsx file: ${file} (the content is not an Excel workbook)`);
  }
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = await readOoxml(data);
  } catch (e) {
    if (e instanceof BinaryWorkbook) {
      throw new HostError(`${file} 是二进制工作簿（.xlsb），本工具不支持；请在 Excel 中另存为 .xlsx 后再试`, `${file} is a binary workbook (.xlsb), which is not supported; save it as .xlsx and try again`);
    }
    if (e instanceof NotAWorkbook) {
      throw new HostError(`不是有效的 .xlsx 文件：${file}（压缩包中没有 Excel 工作簿）`, `not a valid .xlsx file: ${file} (the archive holds no Excel workbook)`);
    }
    // The CLI falls back to ExcelJS here; the page has no such reader, so it says what it can.
    const why = e instanceof Error ? e.message : String(e);
    if (/zip|central directory|end of data|invalid (stored|code|distance)|unexpected end|crc32|corrupted/i.test(why)) {
      throw new HostError(
        `不是有效的 .xlsx 文件：${file}（压缩结构已损坏，文件可能不完整，例如下载或复制中断）`,
        `not a valid .xlsx file: ${file} (the zip structure is damaged; the file may be incomplete, e.g. an interrupted download or copy)`,
      );
    }
    throw new HostError(`不是有效的 .xlsx 文件：${file}（无法读取其中的工作簿内容）`, `not a valid .xlsx file: ${file} (its workbook could not be read: ${why})`);
  }
  snapshot.sheets = snapshot.sheets.filter((s) => s.values.length > 0 && !OWNED_SHEET_NAMES.has(s.name));
  if (snapshot.sheets.length === 0) {
    const lost = snapshot.unreadableSheets ?? [];
    if (lost.length) {
      throw new HostError(
        `${file} 中的工作表 ${lost.map((s) => `“${s.name}”（${s.reason}）`).join('、')}无法读取，文件可能已损坏；请在 Excel 中打开并另存后再试`,
        `${file}: sheet(s) ${lost.map((s) => `${s.name} (${s.reasonEn})`).join(', ')} cannot be read; the file may be damaged; open and re-save it in Excel`,
      );
    }
    throw new HostError(`工作簿中没有任何数据：${file}`, `the workbook has no data: ${file}`);
  }
  return { name: file, snapshot, data };
}
