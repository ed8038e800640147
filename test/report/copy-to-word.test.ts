/**
 * Issue #16: 复制到 Word puts the report on the clipboard as HTML (and plain text). Pasted into
 * Word, the HTML must set the title, headings and body as the .docx writer does. LibreOffice's
 * HTML import stands in for Word's paste: the clipboard HTML converted to .docx and the writer's
 * .docx give the same Chinese font and size for each kind of paragraph, and digits in Times New Roman.
 */
import { renderClipboardHtml } from '../../src/core/report/render-html';
import { renderPlainLines } from '../../src/core/report/render-text';
import { paragraphPlainText } from '../../src/core/report/segments';
import { reportDocxBytes } from '../../src/ooxml/docx';
import { makeTempDir } from '../node/tmp';
import { seedReport } from './helpers';
import { htmlToDocx, ParagraphFont, paragraphFonts, SOFFICE } from './word-fonts';

const tmp = makeTempDir('budget-recon-word-');
afterAll(() => tmp.cleanup());

test('the plain text is one paragraph a line, in order, nothing else', () => {
  const report = seedReport(false);
  const lines = renderPlainLines(report).split('\r\n');
  expect(lines.pop()).toBe('');
  expect(lines).toEqual(report.paragraphs.map(paragraphPlainText));
  expect(lines.some((l) => l.includes('〔待核实〕'))).toBe(true);
});

if (!SOFFICE) console.warn('Word-paste check skipped: soffice not found (apt-get install -y libreoffice-writer-nogui)');
(SOFFICE ? describe : describe.skip)('pasted HTML against the .docx writer (LibreOffice import)', () => {
  let writer: ParagraphFont[];
  let pasted: ParagraphFont[];
  const report = seedReport(false);

  beforeAll(async () => {
    writer = await paragraphFonts(await reportDocxBytes(report));
    pasted = await paragraphFonts(await htmlToDocx(renderClipboardHtml(report), tmp.dir));
  }, 180000);

  const byStyle = (style: string) => {
    const ofStyle = report.paragraphs.filter((x) => x.style === style);
    const p = ofStyle.find((x) => /\d/.test(paragraphPlainText(x))) ?? ofStyle[0];
    const text = paragraphPlainText(p);
    const find = (list: ParagraphFont[]) => list.find((f) => f.text.replace(/\s/g, '') === text.replace(/\s/g, ''));
    return { text, writer: find(writer), pasted: find(pasted) };
  };

  test.each([
    ['title', '方正小标宋简体', 22],
    ['heading1', '黑体', 16],
    ['heading2', '楷体_GB2312', 16],
    ['body', '仿宋_GB2312', 16],
  ])('%s: %s %d pt in both, digits in Times New Roman', (style, font, size) => {
    // Headings carry no figure; the paragraphs that do carry their digits in Times New Roman.
    const { text, writer: w, pasted: p } = byStyle(style);
    expect({ text, found: !!w && !!p }).toEqual({ text, found: true });
    expect({ eastAsia: p!.eastAsia, size: p!.size }).toEqual({ eastAsia: w!.eastAsia, size: w!.size });
    expect({ eastAsia: w!.eastAsia, size: w!.size }).toEqual({ eastAsia: font, size });
    if (/\d/.test(text)) {
      expect(p!.digits).toBe('Times New Roman');
      expect(w!.digits).toBe('Times New Roman');
    }
  });
});
