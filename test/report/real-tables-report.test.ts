/**
 * The report from real published tables: the 部门整体支出 indicators (财预〔2013〕53号) are data carried by the
 * outline and computed only where the tables give both figures, each with its formula and cells; the 三公
 * paragraph gives the change on last year where the table does.
 */
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { validateWorkbook } from '../../src/core';
import { generateReport, renderHtmlFragment } from '../../src/core/report';
import { Packer } from 'docx';
import JSZip from 'jszip';
import { buildReportDocument } from '../../src/ooxml/docx';
import { DEFAULT_OUTLINE } from '../../src/core/report/templates';
import { paragraphText } from '../../src/core/report/types';
import { readOoxml } from '../../src/ooxml/reader';
import type { CorpusDoc } from '../real-tables/corpus.test';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildXlsxBuffer } = require('../real-tables/build-xlsx.js') as { buildXlsxBuffer: (doc: CorpusDoc) => Promise<Buffer> };

function corpusDoc(id: string): CorpusDoc {
  const root = path.join(__dirname, '..', 'real-tables', 'corpus');
  for (const d of readdirSync(root)) {
    const f = path.join(root, d, `${id}.json`);
    try {
      return JSON.parse(readFileSync(f, 'utf8'));
    } catch {
      // not in this folder
    }
  }
  throw new Error(id);
}

async function modelOf(ids: string[]) {
  const docs = ids.map(corpusDoc);
  const combined: CorpusDoc = { ...docs[0], sheets: docs.flatMap((d, k) => d.sheets.map((s) => ({ ...s, name: `${k}${s.name}`.slice(0, 31) }))) };
  return validateWorkbook(await readOoxml(await buildXlsxBuffer(combined)));
}

test('“三公经费”控制率 from a real 三公 决算 table: 决算数 ÷ 预算数, with both cells', async () => {
  const r = await modelOf(['shanghai-2025-putuo-shiquanlu-sangong-juesuan']);
  const report = generateReport(r.model, { findings: r.findings });
  // A short table: its head, then one row per indicator, cells a tab apart. 37.35 ÷ 53.93 = 69.2564…%
  const head = report.paragraphs.findIndex((x) => x.style === 'table-head');
  expect(paragraphText(report.paragraphs[head - 1])).toMatch(/^部门整体支出绩效指标如下表/);
  expect(paragraphText(report.paragraphs[head])).toBe('指标\t分子\t分母\t指标值');
  const p = report.paragraphs[head + 1];
  expect(p.style).toBe('table');
  expect(paragraphText(p)).toBe('“三公经费”控制率\t“三公”经费决算数37.35万元\t预算数53.93万元\t69.26%');
  const rate = p.runs.find((x) => x.kind === 'figure' && x.unit === '%');
  expect(rate && rate.kind === 'figure' ? rate.source.inputs?.length : 0).toBe(2);
});

test('an indicator whose figures the tables do not both give is left out (a 三公 预算 table alone)', async () => {
  const r = await modelOf(['shanghai-2026-putuo-chengguan-sangong']);
  const texts = generateReport(r.model, { findings: r.findings }).paragraphs.map(paragraphText);
  expect(texts.some((t) => t.includes('绩效指标'))).toBe(false);
});

test('the list is the outline\'s data: an outline without indicators writes none', async () => {
  const r = await modelOf(['shanghai-2025-putuo-shiquanlu-sangong-juesuan']);
  expect(DEFAULT_OUTLINE.indicators?.length).toBeGreaterThan(0);
  const original = DEFAULT_OUTLINE.indicators;
  try {
    DEFAULT_OUTLINE.indicators = [];
    const texts = generateReport(r.model, { findings: r.findings }).paragraphs.map(paragraphText);
    expect(texts.some((t) => t.includes('绩效指标'))).toBe(false);
  } finally {
    DEFAULT_OUTLINE.indicators = original;
  }
});

test('the 三公 paragraph gives the change on last year where the table does (yunnan-2016-shidian-sangong: 上年决算数 | 本年决算数)', async () => {
  const r = await modelOf(['yunnan-2016-shidian-sangong']);
  const p = generateReport(r.model, { findings: r.findings }).paragraphs.find((x) => paragraphText(x).includes('“三公”经费'))!;
  // 2706.86 − 2911.47 = −204.61, the table's own 增、减金额.
  expect(paragraphText(p)).toMatch(/^2016年“三公”经费决算2706\.86万元，比上年减少204\.61万元，其中因公出国（境）费10\.20万元/);
  const change = p.runs.find((x) => x.kind === 'figure' && x.text === '204.61');
  expect(change && change.kind === 'figure' ? (change.source.inputs ?? []).map((i) => i.cell).sort() : []).toEqual(['B5', 'C5']);
});

test('the indicator table is a table in the HTML and in the .docx', async () => {
  const r = await modelOf(['shanghai-2025-putuo-shiquanlu-sangong-juesuan']);
  const report = generateReport(r.model, { findings: r.findings });
  const html = renderHtmlFragment(report);
  expect(html.match(/<table class="br-table"/g)).toHaveLength(1);
  expect(html.match(/<th /g)).toHaveLength(4);
  const zip = await JSZip.loadAsync(await Packer.toBuffer(buildReportDocument(report)));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
  expect(xml).toContain('69.26%');
});

test('spending by 功能分类 类, with each one\'s share of 本年支出合计 (上海市普陀区石泉路街道 2025 支出决算表)', async () => {
  const r = await modelOf(['shanghai-2025-putuo-shiquanlu-zhichu', 'shanghai-2025-putuo-shiquanlu-shouzhijuesuan']);
  const p = generateReport(r.model, { findings: r.findings }).paragraphs.map(paragraphText).find((t) => t.startsWith('按支出功能分类'));
  // 306.90 ÷ 19044.27 = 1.61%; the 类 rows only (3-digit codes), never their 款 and 项.
  expect(p).toMatch(/^按支出功能分类，一般公共服务支出306\.90万元，占1\.61%；公共安全支出350\.56万元/);
  expect(p).not.toMatch(/统计信息事务/);
});
