import { promises as fs, readFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { readModel } from '../../src/core';
import { auditText } from '../../src/core/audit';
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { decodeText, readDraft } from '../../src/node/audit/read-draft';
import { itemsToLines, linesToParagraphs } from '../../src/draft/pdf-layout';
import { UserError } from '../../src/node/errors';
import { readDraftOutsideJest as readPdfOutsideJest } from './read-draft-outside-jest';

const FIX = path.join(__dirname, 'fixtures');
const seedText = readFileSync(path.join(FIX, 'seed-report.txt'), 'utf8');
const seedParagraphs = seedText.split('\n').filter((l) => l.trim() !== '');

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'audit-draft-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function rulesOf(paragraphs: string[]): string[] {
  return auditText(paragraphs).findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.text}`);
}

describe('reading drafts', () => {
  it('reads UTF-8 .txt into its non-blank lines, with offsets into the text as read', async () => {
    const d = await readDraft(path.join(FIX, 'seed-report.txt'));
    expect(d.paragraphs).toEqual(seedParagraphs);
    for (let i = 0; i < d.paragraphs.length; i++) expect(d.text.slice(d.offsets[i], d.offsets[i] + d.paragraphs[i].length)).toBe(d.paragraphs[i]);
    expect(d.where[0]).toBe(1);
  });

  it('reads a GBK/GB18030 .txt and says so', async () => {
    const d = await readDraft(path.join(FIX, 'seed-report-gbk.txt'));
    expect(d.paragraphs).toEqual(seedParagraphs);
    expect(d.notes.join()).toContain('GB18030');
  });

  it('rejects bytes that are neither UTF-8 nor GB18030 with a clear message', () => {
    expect(() => decodeText(Buffer.from([0x81, 0x20, 0xff, 0xff, 0x30]), 'x.txt')).toThrow(/无法识别 x\.txt 的文字编码/);
  });

  it('reads .docx paragraphs (and table cells) with mammoth', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            ...seedParagraphs.slice(0, 20).map((t) => new Paragraph({ children: [new TextRun(t)] })),
            new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('基本支出')] }), new TableCell({ children: [new Paragraph('416.47')] })] })] }),
            ...seedParagraphs.slice(20).map((t) => new Paragraph({ children: [new TextRun(t)] })),
          ],
        },
      ],
    });
    const file = path.join(dir, 'draft.docx');
    await fs.writeFile(file, await Packer.toBuffer(doc));
    const d = await readDraft(file);
    expect(d.format).toBe('docx');
    expect(d.paragraphs.filter((p) => p !== '| 基本支出 | 416.47 |')).toEqual(seedParagraphs);
    expect(d.paragraphs[20]).toBe('| 基本支出 | 416.47 |');
    expect(rulesOf(d.paragraphs)).toEqual(rulesOf(seedParagraphs));
  });

  it('keeps .docx tables as rows, so a wrong total in a table is found', async () => {
    const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
    const rows = [['项目', '年初预算', '实际支出'], ['基本支出', '420.00', '416.47'], ['项目支出', '1,500.00', '1,462.23'], ['合计', '1,920.00', '1,896.58']];
    const doc = new Document({ sections: [{ children: [new Paragraph('表2 支出情况（单位：万元）'), new Table({ rows: rows.map((r) => new TableRow({ children: r.map(cell) })) })] }] });
    const file = path.join(dir, 'table.docx');
    await fs.writeFile(file, await Packer.toBuffer(doc));
    const d = await readDraft(file);
    expect(d.paragraphs).toEqual(['表2 支出情况（单位：万元）', '| 项目 | 年初预算 | 实际支出 |', '| 基本支出 | 420.00 | 416.47 |', '| 项目支出 | 1,500.00 | 1,462.23 |', '| 合计 | 1,920.00 | 1,896.58 |']);
    expect(rulesOf(d.paragraphs)).toEqual(['parts-sum:1,896.58']);
  });

  it('reads the text layer of a PDF (the seed printed by LibreOffice) and finds the same slips', () => {
    const d = readPdfOutsideJest(path.join(FIX, 'seed-report.pdf'));
    expect(d.format).toBe('pdf');
    const found = auditText(d.paragraphs).findings.filter((f) => f.severity === 'error');
    // The text layer puts spaces between figures and Chinese (「434.35 万元」): same findings otherwise.
    const texts = found.map((f) => `${f.rule}:${f.text.replace(/\s/g, '')}`);
    expect(texts.map((t) => t.split(':')[0])).toEqual(rulesOf(seedParagraphs).map((t) => t.split(':')[0]));
    expect(d.paragraphs).toHaveLength(seedParagraphs.length);
    expect(texts).toEqual(expect.arrayContaining([
      'quoted-differently:基本支出434.35万元',
      'unit-slip:项目支出131.31元',
      'template-leftover:没有请写明“绩效管理不存在相关问题”',
      'template-leftover:没有请写明“无其他需要说明的情况”',
    ]));
    expect(d.where[d.where.length - 1]).toBeGreaterThan(1); // more than one page
    const { model } = readModel(seedWorkbook({ corrected: true }));
    const withModel = auditText(d.paragraphs, { model });
    expect(withModel.findings.filter((f) => f.rule === 'workbook-mismatch').map((f) => f.message.replace(/\s/g, ''))).toEqual(['正文基本支出434.35万元，表中为416.47万元（收支情况!B9）']);
    expect(withModel.summary.checks).toBe(auditText(seedParagraphs).summary.checks);
  });

  it('puts an out-of-order text layer back in reading order', () => {
    // Items as a PDF may store them: the second line first, the heading last, a line split in two.
    const items = [
      { str: '项目支出1462.23万元。', x: 300, y: 680, w: 200, h: 16 },
      { str: '二、预算收支情况', x: 72, y: 740, w: 150, h: 16 },
      { str: '2023年支出1878.70万元，其中基本支出416.47万元，', x: 104, y: 710, w: 430, h: 16 },
      { str: '基本支出之外的', x: 72, y: 680, w: 226, h: 16 },
      { str: '结余结转249.78万元。', x: 104, y: 640, w: 200, h: 16 },
    ];
    const paras = linesToParagraphs(itemsToLines(items));
    expect(paras).toEqual(['二、预算收支情况', '2023年支出1878.70万元，其中基本支出416.47万元，基本支出之外的项目支出1462.23万元。', '结余结转249.78万元。']);
  });

  it('gives one-line errors for missing, empty and unsupported files', async () => {
    await expect(readDraft(path.join(dir, 'none.txt'))).rejects.toThrow(UserError);
    await fs.writeFile(path.join(dir, 'empty.txt'), '');
    await expect(readDraft(path.join(dir, 'empty.txt'))).rejects.toThrow(/文件是空的/);
    await fs.writeFile(path.join(dir, 'x.rtf'), 'x');
    await expect(readDraft(path.join(dir, 'x.rtf'))).rejects.toThrow(/支持 \.txt、\.md、\.docx、\.pdf/);
    await fs.writeFile(path.join(dir, 'fake.pdf'), 'not a pdf');
    await expect(readDraft(path.join(dir, 'fake.pdf'))).rejects.toThrow(/不是有效的 PDF/);
  });
});

/**
 * Real passages (test/audit/real/corpus) printed by LibreOffice as published reports are laid out: a running
 * head, 「— n —」 page numbers, a paragraph running over a page, a heading left at the bottom of a page,
 * a scanned page with no text layer, in one column and in two (test/audit/fixtures/pdf/make-pdfs.js).
 */
describe('real passages printed as PDFs', () => {
  const PDF = path.join(FIX, 'pdf');
  const printed: Record<string, { paragraphs: string[] }> = JSON.parse(readFileSync(path.join(PDF, 'pages.json'), 'utf8'));
  const squeeze = (s: string) => s.replace(/\s/g, '');
  const findings = (paras: string[]) => auditText(paras).findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity}:${f.rule}:${squeeze(f.text)}`).sort();
  it.each(['real-passages-1col.pdf', 'real-passages-2col.pdf'])('%s reads back paragraph for paragraph, and audits as the text does', (name) => {
    const d = readPdfOutsideJest(path.join(PDF, name)) as ReturnType<typeof readPdfOutsideJest> & { notes: string[] };
    const want = printed[name].paragraphs;
    expect(d.paragraphs.map(squeeze)).toEqual(want.map(squeeze));
    expect(d.paragraphs.join('')).not.toContain('部门决算公开材料');
    expect(d.notes.join()).toContain('第4页没有文字层');
    const fromText = findings(want);
    expect(fromText.length).toBeGreaterThanOrEqual(5); // the passages' real slips
    expect(findings(d.paragraphs)).toEqual(fromText);
  });
});

describe('a table inside a PDF, read from the text layer\'s positions', () => {
  it('rebuilds the 三公 table (blank cells kept, a label running into the next cell split) and checks the narrative against it', () => {
    // anhui-2021-duji-zhengfuban-sangong printed with its table as a table (test/audit/fixtures/pdf/make-pdfs.js).
    const d = readPdfOutsideJest(path.join(FIX, 'pdf', 'real-sangong-table.pdf'));
    expect(d.paragraphs).toEqual(expect.arrayContaining(['| 因公出國(境)費 | 20 |  |', '| 公務用車購置及運行維護費 | 15 | 2.48 |']));
    const found = auditText(d.paragraphs).findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.sheet}`);
    expect(found.filter((f) => f === 'workbook-mismatch:正文表1')).toHaveLength(3); // 无增减 vs 20, 减少0.1 vs 9.69, 无变化 vs 15
  });
});
