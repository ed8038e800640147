/**
 * The bad-input corpus: broken and odd workbooks, each with the exit code and the message
 * the CLI must give. Files are generated into a folder at test time (deterministically),
 * so the repository holds the recipe, not binary blobs.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { promises as fs } from 'fs';
import * as path from 'path';
import { buildSheet, CellSpec } from '../../src/samples/sheet-builder';
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { snapshotToWorkbook } from '../../src/node/xlsx-writer';

export interface CorpusCase {
  name: string;
  /** What the case exercises, for the test title. */
  about: string;
  file: string;
  write(target: string): Promise<void>;
  exit: 0 | 1 | 2;
  /** For exit 2: the one-line message on stderr. */
  stderr?: RegExp;
  /** For exit 0/1: checks on the JSON output. */
  json?: (out: { findings: { rule: string; severity: string; sheet: string; cell: string }[]; notChecked: { check: string; reason: string }[]; summary: Record<string, number> }) => void;
  /** Large cases get a longer timeout. */
  slow?: boolean;
}

const FS = '\u3000';
const AMOUNT = '#,##0.00';

async function writeSnapshot(snapshot: WorkbookSnapshot, target: string): Promise<void> {
  await snapshotToWorkbook(snapshot).xlsx.writeFile(target);
}

/** A small, consistent project table in the shape finance staff use. */
function projectRows(opts: { asText?: boolean; hiddenSlip?: boolean } = {}): CellSpec[][] {
  const n = (v: number): CellSpec => (opts.asText ? v.toLocaleString('en-US', { minimumFractionDigits: 2 }) : v);
  return [
    ['2023年度项目支出情况表', null, null, null, null, null],
    ['单位：万元', null, null, null, null, null],
    ['序号', '项目名称', '全年预算数', '实际支出', '结余结转', '执行率'],
    [1, '村级组织运转经费', n(340.31), n(293.14), n(47.17), opts.asText ? '86.14%' : { v: 0.8614, nf: '0.00%' }],
    [2, '老干部专项经费', n(131.31), n(131.31), n(0), opts.asText ? '100.00%' : { v: 1, nf: '0.00%' }],
    // In the hidden-row case this row is hidden and its balance is wrong: hidden rows are still checked.
    [3, '城市基层党建工作经费', n(189.4), n(189.4), n(opts.hiddenSlip ? 1.4 : 0), opts.asText ? '100.00%' : { v: 1, nf: '0.00%' }],
    [null, '合计', n(661.02), n(613.85), n(47.17), opts.asText ? '92.86%' : { v: 0.9286, nf: '0.00%' }],
  ];
}

async function cfbFile(target: string): Promise<void> {
  // What an encrypted .xlsx looks like from outside: an OLE2 compound file header, then sectors.
  const header = Buffer.alloc(4096, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian byte order mark
  header.writeUInt16LE(9, 30); // 512-byte sectors
  Buffer.from('EncryptionInfo', 'utf16le').copy(header, 1024);
  Buffer.from('EncryptedPackage', 'utf16le').copy(header, 1152);
  await fs.writeFile(target, header);
}

export const CORPUS: CorpusCase[] = [
  {
    name: 'empty',
    about: 'a workbook whose only sheet is empty',
    file: '空工作簿.xlsx',
    async write(target) {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Sheet1');
      await wb.xlsx.writeFile(target);
    },
    exit: 2,
    stderr: /^错误：工作簿中没有任何数据：.*空工作簿\.xlsx（Error: the workbook has no data: .*）$/,
  },
  {
    name: 'only-titles',
    about: 'title and 单位 rows but no table',
    file: '只有标题.xlsx',
    async write(target) {
      await writeSnapshot({ sheets: [buildSheet({ name: '项目支出', rows: [['2023年度项目支出绩效情况表'], ['单位：万元'], [null], ['填表人：张敏']], merges: ['A1:F1'] })] }, target);
    },
    exit: 2,
    stderr: /^错误：.*只有标题\.xlsx：.*（Error: .*）$/,
  },
  {
    name: 'pure-text',
    about: 'a sheet of prose with no figures',
    file: '纯文本.xlsx',
    async write(target) {
      const rows: CellSpec[][] = [
        ['部门整体支出绩效自评报告'],
        ['一、部门基本情况'],
        ['中共株洲市石峰区委组织部是区委工作机关，为正科级。'],
        ['二、一般公共预算支出情况'],
        ['2023年度本单位严格执行预算，资金使用规范。'],
      ];
      await writeSnapshot({ sheets: [buildSheet({ name: '说明', rows })] }, target);
    },
    exit: 2,
    stderr: /^错误：.*纯文本\.xlsx：.*（Error: .*）$/,
  },
  {
    name: 'merged-headers',
    about: 'a two-row header with merged cells (资金来源 over its parts)',
    file: '合并表头.xlsx',
    async write(target) {
      const rows: CellSpec[][] = [
        ['2023年度项目支出表', null, null, null, null, null, null],
        ['单位：万元', null, null, null, null, null, null],
        ['项目名称', '资金来源', null, null, '全年预算数', '实际支出', '结余结转'],
        [null, '上年结转结余', '年初预算数', '年中调增', null, null, null],
        ['业务性专项经费', 5.17, 13.5, null, { v: 18.67, f: 'SUM(B5:D5)' }, 16.53, { v: 2.14, f: 'E5-F5' }],
        ['村级组织运转经费', 40.91, 299.4, null, { v: 340.31, f: 'SUM(B6:D6)' }, 293.14, 47.71],
        ['合计', { v: 46.08, f: 'SUM(B5:B6)' }, { v: 312.9, f: 'SUM(C5:C6)' }, null, { v: 358.98, f: 'SUM(E5:E6)' }, { v: 309.67, f: 'SUM(F5:F6)' }, { v: 49.85, f: 'SUM(G5:G6)' }],
      ];
      await writeSnapshot({ sheets: [buildSheet({ name: '项目支出', rows, merges: ['A1:G1', 'A3:A4', 'B3:D3', 'E3:E4', 'F3:F4', 'G3:G4'], numberFormat: AMOUNT })] }, target);
    },
    exit: 1,
    json(out) {
      // The slip of the seed report: 47.71 typed for 47.17.
      const balance = out.findings.find((f) => f.rule === 'project-balance');
      expect(balance).toMatchObject({ severity: 'error', sheet: '项目支出', cell: 'G6' });
    },
  },
  {
    name: 'duplicate-headers',
    about: 'two columns headed 实际支出',
    file: '重复表头.xlsx',
    async write(target) {
      const rows: CellSpec[][] = [
        ['项目支出表', null, null, null, null],
        ['单位：万元', null, null, null, null],
        ['项目名称', '全年预算数', '实际支出', '结余结转', '实际支出'],
        ['村级办公经费', 45, 40, 5, 40],
        ['村级党建工作经费', 36, 36, 0, 36],
        ['合计', 81, 76, 5, 76],
      ];
      await writeSnapshot({ sheets: [buildSheet({ name: '项目支出', rows, numberFormat: AMOUNT })] }, target);
    },
    exit: 0,
    json(out) {
      expect(out.summary.projectTables).toBe(1);
      expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    },
  },
  {
    name: 'hidden-rows',
    about: 'a hidden project row with a wrong balance is still checked',
    file: '隐藏行.xlsx',
    async write(target) {
      await writeSnapshot({ sheets: [buildSheet({ name: '项目支出', rows: projectRows({ hiddenSlip: true }), hiddenRows: [5], numberFormat: AMOUNT })] }, target);
    },
    exit: 1,
    json(out) {
      expect(out.findings.some((f) => f.rule === 'project-balance' && f.cell === 'E6' && f.severity === 'error')).toBe(true);
    },
  },
  {
    name: 'numbers-as-text',
    about: 'every figure typed as text with thousands separators',
    file: '文本型数字.xlsx',
    async write(target) {
      await writeSnapshot({ sheets: [buildSheet({ name: '项目支出', rows: projectRows({ asText: true }) })] }, target);
    },
    exit: 0,
    json(out) {
      const text = out.findings.filter((f) => f.rule === 'text-number');
      expect(text.length).toBeGreaterThanOrEqual(12);
      expect(text.every((f) => f.severity === 'warning')).toBe(true);
      expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    },
  },
  {
    name: 'parent-cycle',
    about: 'a cycle in the 上级项目 column',
    file: '上级项目循环.xlsx',
    async write(target) {
      const rows: CellSpec[][] = [
        ['项目支出明细表', null, null, null, null],
        ['单位：万元', null, null, null, null],
        ['项目编码', '项目名称', '上级项目', '全年预算数', '实际支出'],
        ['P01', '老干部专项经费', 'P02', 131.31, 131.31],
        ['P02', '春节慰问费', 'P01', 8.86, 8.86],
        ['P03', '关心下一代专项帮扶资金', null, 8.89, 8.89],
      ];
      await writeSnapshot({ sheets: [buildSheet({ name: '项目支出', rows, numberFormat: AMOUNT })] }, target);
    },
    exit: 0,
    json(out) {
      expect(out.notChecked.some((n) => /循环/.test(n.reason))).toBe(true);
    },
  },
  {
    name: 'password-protected',
    about: 'an encrypted workbook (OLE2 compound file)',
    file: '加密.xlsx',
    write: cfbFile,
    exit: 2,
    stderr: /^错误：.*加密\.xlsx 已设置打开密码（或是旧版 \.xls 文件），无法读取.*（Error: .* is password-protected .*）$/,
  },
  {
    name: 'old-xls',
    about: 'an old binary .xls',
    file: '旧版.xls',
    write: cfbFile,
    exit: 2,
    stderr: /^错误：.*旧版\.xls 是旧版 \.xls 文件.*另存为 \.xlsx/,
  },
  {
    name: 'not-a-zip',
    about: 'a text file named .xlsx',
    file: '不是压缩包.xlsx',
    async write(target) {
      await fs.writeFile(target, '项目名称,全年预算数\n村级办公经费,45\n', 'utf8');
    },
    exit: 2,
    stderr: /^错误：不是有效的 \.xlsx 文件：.*不是压缩包\.xlsx（文件内容不是 Excel 工作簿）（Error: not a valid \.xlsx file: .*）$/,
  },
  {
    name: 'zip-not-xlsx',
    about: 'a zip archive without a workbook inside',
    file: '普通压缩包.xlsx',
    async write(target) {
      const zip = new JSZip();
      zip.file('readme.txt', '这不是工作簿');
      await fs.writeFile(target, await zip.generateAsync({ type: 'nodebuffer' }));
    },
    exit: 2,
    stderr: /^错误：不是有效的 \.xlsx 文件：.*普通压缩包\.xlsx/,
  },
  {
    name: 'zero-bytes',
    about: 'an empty file',
    file: '零字节.xlsx',
    async write(target) {
      await fs.writeFile(target, '');
    },
    exit: 2,
    stderr: /^错误：文件是空的（0 字节）：.*零字节\.xlsx（Error: the file is empty \(0 bytes\)/,
  },
  {
    name: 'truncated',
    about: 'an .xlsx cut off half-way (an interrupted download)',
    file: '不完整.xlsx',
    async write(target) {
      const full = await snapshotToWorkbook({ sheets: [buildSheet({ name: '项目支出', rows: projectRows(), numberFormat: AMOUNT })] }).xlsx.writeBuffer();
      await fs.writeFile(target, Buffer.from(full as ArrayBuffer).subarray(0, Math.floor((full as ArrayBuffer).byteLength / 2)));
    },
    exit: 2,
    stderr: /^错误：不是有效的 \.xlsx 文件：.*不完整\.xlsx（压缩结构已损坏，文件可能不完整/,
  },
  {
    name: 'sparse-million-range',
    about: 'a small table plus a stray note at ALL1000: a used range of 1,000,000 cells',
    file: '稀疏大范围.xlsx',
    async write(target) {
      const wb = snapshotToWorkbook({ sheets: [buildSheet({ name: '项目支出', rows: projectRows(), numberFormat: AMOUNT })] });
      wb.getWorksheet('项目支出')!.getCell('ALL1000').value = '备注：以上数据经审核';
      await wb.xlsx.writeFile(target);
    },
    exit: 0,
    json(out) {
      expect(out.summary.projects).toBe(3);
      expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    },
  },
  {
    name: 'million-cells',
    about: '1,000,000 cells: a 10,000-row project table 100 columns wide',
    file: '一百万单元格.xlsx',
    slow: true,
    async write(target) {
      await writeMillionCells(target);
    },
    exit: 0,
    json(out) {
      expect(out.summary.projects).toBe(MILLION_ROWS - 1); // all rows but the header
      expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    },
  },
];

export const MILLION_ROWS = 10000;
const MILLION_COLS = 100;

/** Streams a consistent 10,000 × 100 project table (1,000,000 cells) without holding it in memory. */
async function writeMillionCells(target: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: target, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('项目支出');
  const extra = Array.from({ length: MILLION_COLS - 6 }, (_, i) => `备注${i + 1}`);
  ws.addRow(['序号', '项目名称', '全年预算数', '实际支出', '结余结转', '执行率', ...extra]).commit();
  for (let i = 0; i < MILLION_ROWS - 1; i++) {
    const budget = 100 + (i % 97);
    const spend = budget - (i % 7);
    const row = ws.addRow([i + 1, `项目${i + 1}`, budget, spend, budget - spend, spend / budget, ...extra.map((_, k) => `说明${k}`)]);
    for (let c = 3; c <= 5; c++) row.getCell(c).numFmt = '0.00';
    row.getCell(6).numFmt = '0.00%';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/** Writes every case's file into `dir`; returns the path of each by case name. */
export async function writeCorpus(dir: string, cases: CorpusCase[] = CORPUS): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of cases) {
    const target = path.join(dir, c.file);
    await c.write(target);
    out.set(c.name, target);
  }
  return out;
}

export { FS };
