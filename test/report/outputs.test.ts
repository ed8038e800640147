import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { renderHtmlDocument, renderHtmlFragment } from '../../src/core/report/render-html';
import { renderText } from '../../src/core/report/render-text';
import { reportSheetRows } from '../../src/core/report/sheet-rows';
import { paragraphPlainText } from '../../src/core/report/segments';
import { reportDocxBytes } from '../../src/ooxml/docx';

const reportDocxBuffer = async (r: Parameters<typeof reportDocxBytes>[0]) => Buffer.from(await reportDocxBytes(r));
import { reportCopy } from '../../src/ooxml/report-sheets';
import { seedReport, reportFor } from './helpers';
import { workbookWith } from './fixtures';

describe('plain text', () => {
  test('one paragraph per block, body indented, flagged figures marked', () => {
    const text = renderText(seedReport(false));
    const blocks = text.trimEnd().split('\n\n');
    expect(blocks[0]).toMatch(/^待核实：/);
    expect(blocks).toContain('2023年度部门整体支出绩效自评报告');
    expect(blocks).toContain('\u3000\u3000一、预算单位基本情况');
    expect(text).toContain('2023年支出1878.70万元〔待核实〕，其中基本支出434.35万元〔待核实〕（含');
  });
});

describe('HTML', () => {
  const hostile = workbookWith([{ name: '<script>alert("x")</script>项目', initial: 10, spend: 10, purpose: 'a & b <b>粗</b>' }]);
  const report = reportFor(hostile);

  test('escapes every text from the workbook', () => {
    const html = renderHtmlFragment(report);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>粗</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;项目');
    expect(html).toContain('a &amp; b &lt;b&gt;粗&lt;/b&gt;');
  });

  test('figures carry their source; the document is self-contained and styled for Word', () => {
    const html = renderHtmlDocument(seedReport(false));
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('title="来源：收支情况!B4">2128.48</span>万元');
    expect(html).toContain('<span class="br-unverified" style="background:#FFEB9C"><span class="br-figure" style="font-family:\'Times New Roman\'" title="来源：收支情况!B9">434.35</span>万元</span><span style="color:#C00000">〔待核实〕</span>');
    // The Chinese font first (Word and LibreOffice take the first family), Latin and digits in Times New Roman through mso-ascii.
    expect(html).toMatch(/<h2 class="br-heading1" style="font-family:'黑体', 'SimHei'[^"]*mso-ascii-font-family:'Times New Roman'[^"]*font-size:16pt;line-height:28pt/);
    expect(html).toMatch(/<h1 class="br-title" style="font-family:'方正小标宋简体'[^"]*font-size:22pt/);
    expect(html).toContain('class="br-placeholder"');
    expect(html).not.toMatch(/https?:\/\//); // nothing fetched from the network
  });
});

describe('Word-ready range (自评报告 sheet rows)', () => {
  const report = seedReport(false);
  const sheet = reportSheetRows(report);

  test('one paragraph per row, styled by level, sources in column B', () => {
    expect(sheet.name).toBe('自评报告');
    expect(sheet.rows).toHaveLength(report.paragraphs.length);
    const income = sheet.rows.find((r) => r.text.includes('预算收入2128.48万元'));
    expect(income).toMatchObject({ style: 'body', font: { name: '仿宋', size: 16 }, sources: '单位基本情况!B5；收支情况!B4、B5、B6、B7', unverified: false });
    expect(income?.text.startsWith('\u3000\u3000')).toBe(true);
    expect(sheet.rows.find((r) => r.text.endsWith('一、预算单位基本情况'))?.font.name).toBe('黑体');
    expect(sheet.rows.find((r) => r.text.endsWith('（一）整体支出绩效情况'))?.font.name).toBe('楷体');
    expect(sheet.rows.find((r) => r.style === 'title')).toMatchObject({ align: 'center', font: { size: 22 } });
    const spend = sheet.rows.find((r) => r.text.includes('2023年支出'));
    expect(spend?.unverified).toBe(true);
    expect(spend?.text).toContain('434.35万元〔待核实〕');
  });

  test('row heights grow with the text so wrapped paragraphs show in full', () => {
    const heading = sheet.rows.find((r) => r.style === 'heading1');
    const long = sheet.rows.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    expect(long.height).toBeGreaterThan((heading?.height ?? 0) * 5);
    expect(long.height).toBeLessThanOrEqual(409);
  });

  test('the package writer replaces only its own sheet and writes text cells', async () => {
    const source = new ExcelJS.Workbook();
    source.addWorksheet('项目支出明细').getCell('A1').value = 42;
    source.addWorksheet('自评报告').getCell('A1').value = 'old';
    const copy = await reportCopy(Buffer.from(await source.xlsx.writeBuffer()), report);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(copy.data) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['项目支出明细', '自评报告']);
    expect(wb.getWorksheet('项目支出明细')!.getCell('A1').value).toBe(42);
    const ws = wb.getWorksheet('自评报告') as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('报告正文（可整列复制到 Word）');
    expect(ws.getCell('A2').value).toBe(paragraphPlainText(report.paragraphs[0]));
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getColumn(1).width).toBe(100);
    const incomeRow = sheet.rows.findIndex((r) => r.text.includes('预算收入2128.48万元')) + 2;
    expect(ws.getCell(`B${incomeRow}`).value).toBe('单位基本情况!B5；收支情况!B4、B5、B6、B7');
    expect(ws.getCell(`A${incomeRow}`).font).toMatchObject({ name: '仿宋', size: 16 });
    expect(ws.getCell(`A${incomeRow}`).alignment).toMatchObject({ wrapText: true });
  });
});

describe('.docx (GB/T 9704)', () => {
  let documentXml = '';
  let footerXml = '';
  let fontTable = '';
  beforeAll(async () => {
    const zip = await JSZip.loadAsync(await reportDocxBuffer(seedReport(false)));
    documentXml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
    const footer = Object.keys(zip.files).find((f) => /^word\/footer\d*\.xml$/.test(f)) as string;
    footerXml = await (zip.file(footer) as JSZip.JSZipObject).async('string');
    fontTable = await (zip.file('word/fontTable.xml') as JSZip.JSZipObject).async('string');
  });

  test('A4 with margins 37/35/28/26 mm', () => {
    expect(documentXml.match(/<w:pgSz [^>]*>/)?.[0]).toMatch(/w:w="11906" w:h="16838"/);
    // mm → twips: 37 → 2098, 35 → 1984, 28 → 1587, 26 → 1474
    expect(documentXml.match(/<w:pgMar [^>]*>/)?.[0]).toMatch(/w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  });

  test('body 3号 仿宋_GB2312 with digits in Times New Roman; headings 黑体 and 楷体; title 2号 方正小标宋简体', () => {
    const bodyFonts = documentXml.match(/<w:rFonts [^>]*w:eastAsia="仿宋_GB2312"[^>]*\/>/)?.[0] ?? '';
    expect(bodyFonts).toContain('w:ascii="Times New Roman"');
    expect(bodyFonts).toContain('w:hAnsi="Times New Roman"');
    expect(documentXml.includes('w:eastAsia="黑体"')).toBe(true);
    expect(documentXml.includes('w:eastAsia="楷体_GB2312"')).toBe(true);
    expect(/w:eastAsia="方正小标宋简体"[^>]*\/>(<[^>]+>)*<w:sz w:val="44"\/>/.test(documentXml)).toBe(true);
    expect(documentXml.includes('<w:sz w:val="32"/>')).toBe(true);
  });

  test('fixed 28 pt line spacing, two-character first-line indent', () => {
    expect(documentXml.includes('w:line="560" w:lineRule="exact"')).toBe(true);
    expect(documentXml.includes('<w:ind w:firstLine="640"/>')).toBe(true);
  });

  test('page numbers 「— 1 —」 in 4号 宋体, centred', () => {
    expect(footerXml.includes('<w:jc w:val="center"/>')).toBe(true);
    expect(footerXml.includes('PAGE')).toBe(true);
    expect(footerXml.includes('— </w:t>')).toBe(true);
    expect(footerXml.includes('> —</w:t>')).toBe(true);
    expect(footerXml.includes('w:eastAsia="宋体"')).toBe(true);
    expect(footerXml.includes('<w:sz w:val="28"/>')).toBe(true);
  });

  test('missing GB2312 fonts fall back through the font table', () => {
    expect(fontTable.includes('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>')).toBe(true);
    expect(fontTable.includes('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>')).toBe(true);
    expect(fontTable.endsWith('</w:fonts>')).toBe(true);
  });

  test('flagged figures are highlighted and marked; 【请补充】 markers stand out', () => {
    expect(/<w:highlight w:val="yellow"\/>(<[^>]+>)*<w:t xml:space="preserve">434\.35万元<\/w:t>/.test(documentXml)).toBe(true);
    expect(documentXml.includes('〔待核实〕')).toBe(true);
    expect(documentXml.includes('【请补充：')).toBe(true);
  });
});
