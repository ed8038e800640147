import { chmodSync, mkdirSync, writeFileSync } from 'fs';
import { execFileSync } from 'child_process';
import JSZip from 'jszip';
import * as path from 'path';
import { readDraft } from '../../src/node/audit/read-draft';
import { readInputFile } from '../../src/node/input-file';
import { readXlsx } from '../../src/node/xlsx-reader';
import { makeTempDir } from './tmp';

const tmp = makeTempDir('budget-recon-input-');
afterAll(() => tmp.cleanup());

const XLSX = { zh: '请指定 .xlsx 文件', en: 'give an .xlsx file' };

test('a readable file is returned whole', async () => {
  const file = path.join(tmp.dir, '草稿.txt');
  writeFileSync(file, '预算执行率 95%');
  expect((await readInputFile(file, '草稿.txt', XLSX)).toString('utf8')).toBe('预算执行率 95%');
});

test('missing, folder and empty file each get their own message, naming the file as typed', async () => {
  await expect(readInputFile(path.join(tmp.dir, 'nope.xlsx'), 'nope.xlsx', XLSX)).rejects.toMatchObject({
    code: 'file-not-found',
    zh: '找不到文件：nope.xlsx',
    en: 'file not found: nope.xlsx',
  });
  mkdirSync(path.join(tmp.dir, '文件夹'));
  await expect(readInputFile(path.join(tmp.dir, '文件夹'), '文件夹', XLSX)).rejects.toMatchObject({
    code: 'is-directory',
    zh: '文件夹 是一个文件夹，请指定 .xlsx 文件',
    en: '文件夹 is a folder; give an .xlsx file',
  });
  writeFileSync(path.join(tmp.dir, 'empty.xlsx'), '');
  await expect(readInputFile(path.join(tmp.dir, 'empty.xlsx'), 'empty.xlsx', XLSX)).rejects.toMatchObject({
    code: 'empty-file',
    zh: '文件是空的（0 字节）：empty.xlsx',
  });
});

test('the workbook and draft readers say which kind of file to give instead of a folder', async () => {
  await expect(readXlsx(tmp.dir, { displayName: 'dir' })).rejects.toMatchObject({ code: 'is-directory', zh: 'dir 是一个文件夹，请指定 .xlsx 文件' });
  await expect(readDraft(tmp.dir, 'dir')).rejects.toMatchObject({ code: 'is-directory', zh: 'dir 是一个文件夹，请指定报告文件', en: 'dir is a folder; give a report file' });
  await expect(readDraft(path.join(tmp.dir, 'none.docx'), 'none.docx')).rejects.toMatchObject({ code: 'file-not-found' });
});

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
(asRoot ? test.skip : test)('a file without read permission is unreadable, with its errno code', async () => {
  const file = path.join(tmp.dir, 'locked.xlsx');
  writeFileSync(file, 'x');
  chmodSync(file, 0o000);
  await expect(readInputFile(file, 'locked.xlsx', XLSX)).rejects.toMatchObject({ code: 'file-unreadable', zh: '无法读取文件：locked.xlsx（EACCES）' });
});

test('a FIFO given as input is refused as not a regular file, never read (issue #11)', async () => {
  const fifo = path.join(tmp.dir, 'pipe-预算.xlsx');
  execFileSync('mkfifo', [fifo]);
  await expect(readInputFile(fifo, '预算.xlsx', XLSX)).rejects.toThrow(/预算\.xlsx 不是普通文件/);
});

test('an .xlsb says it is an unsupported format, to be saved as .xlsx (issue #11)', async () => {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>');
  zip.file('xl/workbook.bin', Buffer.from([0x83, 0x01, 0x00]));
  const file = path.join(tmp.dir, '决算.xlsb');
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
  await expect(readXlsx(file, { displayName: '决算.xlsb' })).rejects.toThrow(/决算\.xlsb 是二进制工作簿（\.xlsb），本工具不支持；请在 Excel 中另存为 \.xlsx/);
});
