import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { run } from '../../src/node/cli/commands/report';
import { memoryIO } from '../../src/node/cli/io';
import { UserError } from '../../src/node/errors';
import { snapshotToWorkbook } from '../../src/node/xlsx-writer';
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { seedWith, templateSheet } from './fixtures';

let dir = '';

async function writeXlsx(name: string, snapshot: WorkbookSnapshot): Promise<string> {
  const file = path.join(dir, name);
  await snapshotToWorkbook(snapshot).xlsx.writeFile(file);
  return file;
}

async function userError(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'br-report-'));
  await writeXlsx('slips.xlsx', seedWorkbook({ corrected: false }));
  await writeXlsx('clean.xlsx', seedWorkbook({ corrected: true }));
  await writeXlsx('bad-template.xlsx', seedWith([templateSheet([['预算支出', '{年度}年支出{支出总额}。', null, null]])]));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('writes the .docx and a workbook copy with the 自评报告 sheet; exit 1 while errors remain', async () => {
  const io = memoryIO(dir);
  const code = await run(['slips.xlsx', '-o', 'r.docx', '--xlsx', 'copy.xlsx'], io);
  expect(code).toBe(1);
  expect(io.stdout[0]).toMatch(/^已生成自评报告：r\.docx、copy\.xlsx（大纲 default；\d+ 段，\d+ 个数字均注明来源；待核实 5 处；待补充 \d+ 处）$/);
  expect(io.stdout[1]).toMatch(/^Wrote r\.docx, copy\.xlsx: outline default/);
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, 'r.docx')));
  const xml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
  expect(xml.includes('2128.48万元')).toBe(true);

  const copy = new ExcelJS.Workbook();
  await copy.xlsx.readFile(path.join(dir, 'copy.xlsx'));
  expect(copy.worksheets.map((w) => w.name)).toEqual(['单位基本情况', '收支情况', '项目支出明细', '自评报告']);
  const sheet = copy.getWorksheet('自评报告') as ExcelJS.Worksheet;
  expect(String(sheet.getCell('A2').value)).toMatch(/^待核实：/);
  // The user's sheets are carried over untouched.
  const original = new ExcelJS.Workbook();
  await original.xlsx.readFile(path.join(dir, 'slips.xlsx'));
  expect(copy.getWorksheet('收支情况')?.getCell('B9').value).toEqual(original.getWorksheet('收支情况')?.getCell('B9').value);
});

test('text and HTML, the 南县 outline, exit 0 on a clean workbook', async () => {
  const io = memoryIO(dir);
  expect(await run(['clean.xlsx', '-o', 'r.txt', '--outline', '南县'], io)).toBe(0);
  const text = await fs.readFile(path.join(dir, 'r.txt'), 'utf8');
  expect(text).toContain('一、基本情况');
  expect(await run(['clean.xlsx', '-o', 'r.htm', '--format', 'html'], memoryIO(dir))).toBe(0);
  expect(await fs.readFile(path.join(dir, 'r.htm'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
});

test('a bad template is one clear error naming the cell, and nothing is written', async () => {
  const e = await userError(run(['bad-template.xlsx', '-o', 'bad.docx', '--xlsx', 'bad.xlsx'], memoryIO(dir)));
  expect(e.code).toBe('bad-template');
  expect(e.exitCode).toBe(2);
  expect(e.line()).toMatch(/^错误：模板工作表「模板」单元格 B2（预算支出）：无法识别的占位符「\{支出总额\}」/);
  expect(e.line()).toContain('Error: template sheet "模板" cell B2 (预算支出): unknown placeholder "{支出总额}"');
  await expect(fs.stat(path.join(dir, 'bad.docx'))).rejects.toThrow();
  await expect(fs.stat(path.join(dir, 'bad.xlsx'))).rejects.toThrow();
});

test('argument errors', async () => {
  expect((await userError(run(['clean.xlsx'], memoryIO(dir)))).code).toBe('missing-output');
  expect((await userError(run(['clean.xlsx', '-o', 'r.docx', '--format', 'txt'], memoryIO(dir)))).code).toBe('format-mismatch');
  expect((await userError(run(['clean.xlsx', '-o', 'r.pdf'], memoryIO(dir)))).code).toBe('bad-output');
  expect((await userError(run(['clean.xlsx', '-o', 'clean.xlsx', '--format', 'txt'], memoryIO(dir)))).code).toBe('output-is-input');
  expect((await userError(run(['clean.xlsx', '--xlsx', 'clean.xlsx'], memoryIO(dir)))).code).toBe('output-is-input');
  expect((await userError(run(['clean.xlsx', '-o', 'r.docx', '--outline', '北县'], memoryIO(dir)))).code).toBe('bad-template');
  expect((await userError(run(['clean.xlsx', '-o', path.join('no-such-dir', 'r.docx')], memoryIO(dir)))).code).toBe('bad-output-dir');
  expect((await userError(run(['missing.xlsx', '-o', 'r.docx'], memoryIO(dir)))).code).toBe('file-not-found');
});

test('a failed write leaves no output and no temporary file behind', async () => {
  await fs.mkdir(path.join(dir, 'taken.docx'));
  const e = await userError(run(['clean.xlsx', '-o', 'taken.docx', '--xlsx', 'also.xlsx'], memoryIO(dir)));
  // A folder where the report should go is refused before anything is written (issue #11).
  expect(e.code).toBe('output-not-a-file');
  expect(e.line()).toMatch(/^错误：输出位置已存在且不是普通文件，不会替换它：taken\.docx/);
  await expect(fs.stat(path.join(dir, 'also.xlsx'))).rejects.toThrow();
  expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('--template-sheet adds a starter 模板 sheet that round-trips, and editing it changes the report', async () => {
  expect(await run(['clean.xlsx', '-o', 'plain.txt', '--xlsx', 'with-template.xlsx', '--template-sheet'], memoryIO(dir))).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, 'with-template.xlsx'));
  const sheet = wb.getWorksheet('模板') as ExcelJS.Worksheet;
  expect(sheet.getCell('A1').value).toBe('键');
  expect(sheet.getCell('F1').value).toBe('占位符');
  // Unchanged, the starter sheet changes nothing, whichever outline is asked for.
  expect(await run(['with-template.xlsx', '-o', 'again.txt'], memoryIO(dir))).toBe(0);
  expect(await fs.readFile(path.join(dir, 'again.txt'), 'utf8')).toBe(await fs.readFile(path.join(dir, 'plain.txt'), 'utf8'));
  expect(await run(['with-template.xlsx', '-o', 'nanxian.txt', '--outline', 'nanxian'], memoryIO(dir))).toBe(0);

  let row = 0;
  sheet.eachRow((r, n) => {
    if (r.getCell(1).value === '整体绩效') row = n;
  });
  expect(row).toBeGreaterThan(0);
  sheet.getCell(`B${row}`).value = '全年各项工作目标全面完成，{年度}年整体支出{支出合计}。';
  await wb.xlsx.writeFile(path.join(dir, 'edited.xlsx'));
  expect(await run(['edited.xlsx', '-o', 'edited.txt'], memoryIO(dir))).toBe(0);
  expect(await fs.readFile(path.join(dir, 'edited.txt'), 'utf8')).toContain('\u3000\u3000全年各项工作目标全面完成，2023年整体支出1878.70万元。');

  expect((await userError(run(['clean.xlsx', '-o', 'x.txt', '--template-sheet'], memoryIO(dir)))).code).toBe('template-needs-xlsx');
});
