/**
 * Every way a file given as a workbook can be unusable, with the one message (Chinese first,
 * then English) the CLI and the offline page both show. Hosts wrap a problem in their own
 * error type (UserError with its code, HostError). No DOM and no Node APIs.
 */
import { WorkbookSnapshot } from '../core/snapshot';

export interface WorkbookProblem {
  code: 'empty-file' | 'encrypted-or-xls' | 'not-xlsx' | 'xlsb' | 'unreadable-sheets' | 'empty-workbook';
  zh: string;
  en: string;
}

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);

const DRAFT_KINDS: [RegExp, string, string][] = [
  [/\.docx?$/i, 'Word 文档', 'a Word document'],
  [/\.pdf$/i, 'PDF', 'a PDF'],
  [/\.(txt|text|md|markdown)$/i, '文本文件', 'a text file'],
];

/** A report draft given where a workbook belongs (dropped on the page, named to validate): say so, and where drafts go. */
function draftProblem(file: string): WorkbookProblem | null {
  const kind = DRAFT_KINDS.find(([re]) => re.test(file));
  if (!kind) return null;
  return {
    code: 'not-xlsx',
    zh: `${file} 是报告草稿（${kind[1]}），不是 Excel 工作簿：请打开 .xlsx 工作簿；要核对草稿，请用“审核草稿”（命令行：budget-recon audit）`,
    en: `${file} is a report draft (${kind[2]}), not an Excel workbook: open the .xlsx workbook; to check a draft, use 审核草稿 (Audit draft; on the command line: budget-recon audit)`,
  };
}

/** What is wrong with the bytes before any reading: empty, an OLE2 file (.xls or encrypted), not a zip. */
export function signatureProblem(data: Uint8Array, file: string): WorkbookProblem | null {
  if (data.length === 0) return { code: 'empty-file', zh: `文件是空的（0 字节）：${file}`, en: `the file is empty (0 bytes): ${file}` };
  // A zip may still be a workbook whatever its name; a .doc, .pdf or .txt that is no zip is a draft.
  if (!startsWith(data, ZIP_SIGNATURE)) {
    const draft = draftProblem(file);
    if (draft) return draft;
  }
  if (startsWith(data, CFB_SIGNATURE)) {
    // Excel stores a password-protected .xlsx inside an OLE2 compound file, like the old .xls.
    const xls = /\.xls$/i.test(file);
    return {
      code: 'encrypted-or-xls',
      zh: xls ? `${file} 是旧版 .xls 文件（或已加密），请在 Excel 中另存为 .xlsx 后再试` : `${file} 已设置打开密码（或是旧版 .xls 文件），无法读取；请在 Excel 中取消密码或另存为 .xlsx 后再试`,
      en: xls
        ? `${file} is an old .xls file (or encrypted); save it as .xlsx in Excel and try again`
        : `${file} is password-protected (or an old .xls file) and cannot be read; remove the password or save it as .xlsx in Excel`,
    };
  }
  if (!startsWith(data, ZIP_SIGNATURE)) return notXlsx(file, '文件内容不是 Excel 工作簿', 'the content is not an Excel workbook');
  return null;
}

export const xlsbProblem = (file: string): WorkbookProblem => ({
  code: 'xlsb',
  zh: `${file} 是二进制工作簿（.xlsb），本工具不支持；请在 Excel 中另存为 .xlsx 后再试`,
  en: `${file} is a binary workbook (.xlsb), which is not supported; save it as .xlsx and try again`,
});

/** A zip with no workbook in it: a .docx by its name, else some other archive. */
export const noWorkbookProblem = (file: string): WorkbookProblem => draftProblem(file) ?? notXlsx(file, '压缩包中没有 Excel 工作簿', 'the archive holds no Excel workbook');

/** A package no reader could make sense of: a damaged zip is told apart from the rest. */
export function unreadableProblem(file: string, reason: string): WorkbookProblem {
  if (/zip|central directory|end of data|invalid (stored|code|distance)|unexpected end|crc32|corrupted/i.test(reason)) {
    return notXlsx(file, '压缩结构已损坏，文件可能不完整，例如下载或复制中断', 'the zip structure is damaged; the file may be incomplete, e.g. an interrupted download or copy');
  }
  return notXlsx(file, '无法读取其中的工作簿内容', `its workbook could not be read: ${reason}`);
}

/** A workbook read with no data in it: sheets whose part is missing are named, else it is empty. */
export function noDataProblem(snapshot: WorkbookSnapshot, file: string): WorkbookProblem {
  const lost = snapshot.unreadableSheets ?? [];
  if (lost.length) {
    return {
      code: 'unreadable-sheets',
      zh: `${file} 中的工作表 ${lost.map((s) => `“${s.name}”（${s.reason}）`).join('、')}无法读取，文件可能已损坏；请在 Excel 中打开并另存后再试`,
      en: `${file}: sheet(s) ${lost.map((s) => `${s.name} (${s.reasonEn})`).join(', ')} cannot be read; the file may be damaged; open and re-save it in Excel`,
    };
  }
  return { code: 'empty-workbook', zh: `工作簿中没有任何数据：${file}`, en: `the workbook has no data: ${file}` };
}

function notXlsx(file: string, zh: string, en: string): WorkbookProblem {
  return { code: 'not-xlsx', zh: `不是有效的 .xlsx 文件：${file}（${zh}）`, en: `not a valid .xlsx file: ${file} (${en})` };
}
