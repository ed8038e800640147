/**
 * The offline page's reading and host (#13), without a browser: the bundled sample opens to the
 * same snapshot as the CLI's reader, bad files are HostErrors in both languages, and the copies
 * the host hands to the user are the CLI writers' (marks + 校验结果, the 自评报告 sheet).
 */
import fs from 'fs';
import path from 'path';
import JSZip from 'jszip';
import { readXlsx } from '../../src/node/xlsx-reader';
import { readOoxml } from '../../src/ooxml/reader';
import { HostError } from '../../src/taskpane/host';
import { buildReport } from '../../src/taskpane/report-bridge';
import { BrowserHost } from '../../src/web/browser-host';
import { openWorkbook } from '../../src/web/open-workbook';

const SAMPLE = path.join(__dirname, '../../samples/2023-石峰区委组织部-预算对账.xlsx');

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [n, t] of Object.entries(files)) z.file(n, t);
  return z.generateAsync({ type: 'uint8array' });
}

async function failure(data: Uint8Array, name: string): Promise<HostError> {
  try {
    await openWorkbook(data, name);
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error(`${name} opened`);
}

describe('openWorkbook', () => {
  test.each(['2023-石峰区委组织部-预算对账.xlsx', '2023-石峰区委组织部-预算对账-已更正.xlsx'])('reads the bundled %s to the same snapshot as the CLI', async (name) => {
    const file = path.join(path.dirname(SAMPLE), name);
    const opened = await openWorkbook(new Uint8Array(fs.readFileSync(file)), name);
    expect(opened.snapshot).toEqual(await readXlsx(file));
  });

  const cfb = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
  test.each([
    ['empty.xlsx', () => new Uint8Array(0), '文件是空的（0 字节）：empty.xlsx', 'the file is empty (0 bytes): empty.xlsx'],
    ['old.xls', () => cfb, 'old.xls 是旧版 .xls 文件', 'old.xls is an old .xls file'],
    ['locked.xlsx', () => cfb, 'locked.xlsx 已设置打开密码', 'locked.xlsx is password-protected'],
    ['a.xlsx', () => new TextEncoder().encode('hello'), '文件内容不是 Excel 工作簿', 'the content is not an Excel workbook'],
    ['b.xlsb', () => zipOf({ 'xl/workbook.bin': 'x' }), '二进制工作簿（.xlsb）', 'binary workbook (.xlsb)'],
    ['c.zip', () => zipOf({ 'readme.txt': 'x' }), '压缩包中没有 Excel 工作簿', 'the archive holds no Excel workbook'],
    ['cut.xlsx', () => new Uint8Array(fs.readFileSync(SAMPLE).subarray(0, 3000)), '压缩结构已损坏', 'the zip structure is damaged'],
    // A draft dropped where the workbook goes: said so, and where drafts are checked.
    ['草稿.docx', () => zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }), '草稿.docx 是报告草稿（Word 文档），不是 Excel 工作簿', 'is a report draft (a Word document), not an Excel workbook'],
    ['旧草稿.doc', () => cfb, '是报告草稿（Word 文档）', 'a Word document'],
    ['草稿.pdf', () => new TextEncoder().encode('%PDF-1.4'), '是报告草稿（PDF）', '审核草稿 (Audit draft'],
    ['草稿.txt', () => new TextEncoder().encode('2023年收入合计550.14万元'), '是报告草稿（文本文件）', 'a text file'],
  ])('%s is refused in Chinese and English', async (name, bytes, zh, en) => {
    const e = await failure(await bytes(), name);
    expect(e.zh).toContain(zh);
    expect(e.en).toContain(en);
  });

  test('a workbook with no data says so', async () => {
    const data = await zipOf({
      '[Content_Types].xml': '<Types/>',
      'xl/workbook.xml': '<workbook><sheets><sheet name="Sheet1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData/></worksheet>',
    });
    expect((await failure(data, 'blank.xlsx')).zh).toBe('工作簿中没有任何数据：blank.xlsx');
  });
});

describe('BrowserHost', () => {
  test('validates, and hands over the highlighted copy and the report sheet copy', async () => {
    const saved: { name: string; data: Uint8Array }[] = [];
    const opened = await openWorkbook(new Uint8Array(fs.readFileSync(SAMPLE)), '2023-预算.xlsx');
    const host = new BrowserHost(opened, (data, name) => saved.push({ name, data }));
    expect(host.hasResult()).toBe(false);
    const result = await host.validate({});
    expect(result.findings.some((f) => f.sheet === '收支情况' && f.cell === 'B9')).toBe(true);
    const h = await host.highlight(result.findings, { [result.findings[0].id]: 'checked' });
    expect(h.marked).toBeGreaterThan(0);
    expect(h.unsupported?.message).toContain('下载标注副本');
    const out = await host.downloadHighlighted();
    expect(out.name).toBe('2023-预算-标注.xlsx');
    const copy = await readOoxml(saved[0].data);
    expect(copy.sheets.map((s) => s.name)).toContain('校验结果');

    const report = buildReport(result, {});
    expect(await host.writeReport(report)).toMatchObject({ status: 'written', sheet: '自评报告' });
    expect(saved[1].name).toBe('2023-预算-自评报告.xlsx');
    expect((await readOoxml(saved[1].data)).sheets.map((s) => s.name)).toContain('自评报告');
  });

  test('a macro-enabled workbook\'s copies stay .xlsm', async () => {
    const saved: { name: string; type: string }[] = [];
    const opened = await openWorkbook(new Uint8Array(fs.readFileSync(SAMPLE)), '宏.XLSM');
    const host = new BrowserHost(opened, (_data, name, type) => saved.push({ name, type }));
    const result = await host.validate({});
    await host.highlight(result.findings);
    await host.downloadHighlighted();
    expect(saved[0]).toEqual({ name: '宏-标注.xlsm', type: 'application/vnd.ms-excel.sheet.macroEnabled.12' });
  });

  /** localStorage as the page sees it, over a Map; `refuse` makes every write fail (a full or blocked store). */
  function memoryStore(refuse = false) {
    const m = new Map<string, string>();
    return {
      m,
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (refuse) throw new Error('QuotaExceededError');
        m.set(k, v);
      },
      removeItem: (k: string) => void m.delete(k),
    };
  }

  test('keeps the settings for the next visit, and the ignored findings for the same workbook', async () => {
    const store = memoryStore();
    const bytes = new Uint8Array(fs.readFileSync(SAMPLE));
    const first = new BrowserHost(await openWorkbook(bytes, '预算.xlsx'), () => undefined, { store });
    expect(await first.readSettings()).toEqual({});
    await first.writeSettings({ tolerance: '0.05', idleThreshold: 0.8, ignored: { 'a-finding': '已核实' } });
    // The same workbook again, in a new visit: everything back.
    const again = new BrowserHost(await openWorkbook(bytes, '预算.xlsx'), () => undefined, { store });
    expect(await again.readSettings()).toEqual({ tolerance: '0.05', idleThreshold: 0.8, ignored: { 'a-finding': '已核实' } });
    // Another workbook: the tolerances, not the other workbook's ignored findings.
    const other = new BrowserHost(await openWorkbook(bytes, '其他单位.xlsx'), () => undefined, { store });
    expect(await other.readSettings()).toEqual({ tolerance: '0.05', idleThreshold: 0.8 });
    // Un-ignoring everything leaves nothing behind for that workbook.
    await again.writeSettings({ tolerance: '0.05', idleThreshold: 0.8, ignored: {} });
    expect([...store.m.keys()]).toEqual(['budget-recon.settings']);
  });

  test('storage that is damaged, edited by hand or refusing writes never stops the page', async () => {
    const store = memoryStore();
    store.m.set('budget-recon.settings', '{not json');
    store.m.set('budget-recon.ignored:预算.xlsx', '[1,2]');
    const opened = await openWorkbook(new Uint8Array(fs.readFileSync(SAMPLE)), '预算.xlsx');
    expect(await new BrowserHost(opened, () => undefined, { store }).readSettings()).toEqual({});
    store.m.set('budget-recon.settings', JSON.stringify({ tolerance: 'abc', idleThreshold: 7, selfEvalProfile: 3, autoRevalidate: 'yes' }));
    expect(await new BrowserHost(opened, () => undefined, { store }).readSettings()).toEqual({});
    const refusing = new BrowserHost(opened, () => undefined, { store: memoryStore(true) });
    await refusing.writeSettings({ tolerance: '0.02' });
    // Kept for this visit even so.
    expect(await refusing.readSettings()).toEqual({ tolerance: '0.02' });
    expect(await new BrowserHost(opened, () => undefined, { store: null }).readSettings()).toEqual({});
  });
});
