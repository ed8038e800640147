/**
 * The report as a .docx laid out per GB/T 9704-2012 (REFERENCE.md §4): A4, margins
 * 37/35/28/26 mm, title 2号 方正小标宋简体, body 3号 仿宋_GB2312, 一、 黑体, （一） 楷体,
 * digits and Latin in Times New Roman (w:rFonts ascii/hAnsi vs eastAsia), fixed 28 pt lines,
 * page numbers 「— 1 —」 in 4号 宋体 centred at the foot. Missing GB2312 fonts fall back
 * through w:altName entries in the font table.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HighlightColor,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph as DocxParagraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { bodyBlocks, paragraphSegments, tableCells, UNVERIFIED_MARK } from '../core/report/segments';
import { FONT, LATIN_FONT, PAGE, STYLE_SPECS, StyleSpec } from '../core/report/typography';
import { Paragraph, Report } from '../core/report/types';

const TWIPS_PER_POINT = 20;

/** Millimetres to twips, rounded (the docx helper truncates: A4 would come out 11905 × 16837). */
function mm(value: number): number {
  return Math.round((value * 1440) / 25.4);
}

function runFont(spec: StyleSpec) {
  return { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: spec.fonts[0], hint: 'eastAsia' };
}

function alignment(spec: StyleSpec) {
  if (spec.align === 'center') return AlignmentType.CENTER;
  if (spec.align === 'left') return AlignmentType.LEFT;
  return AlignmentType.BOTH;
}

function docxParagraph(p: Paragraph, next: Paragraph | undefined): DocxParagraph {
  const spec = STYLE_SPECS[p.style];
  const base = { font: runFont(spec), size: spec.size * 2, bold: spec.bold, color: spec.color, language: { eastAsia: 'zh-CN' } };
  const children: TextRun[] = [];
  for (const s of paragraphSegments(p)) {
    if (s.kind === 'text') children.push(new TextRun({ ...base, text: s.text }));
    else if (s.kind === 'placeholder') children.push(new TextRun({ ...base, text: s.text, color: 'C00000', highlight: HighlightColor.YELLOW }));
    else {
      const mark = s.unverified ? { highlight: HighlightColor.YELLOW } : {};
      children.push(new TextRun({ ...base, ...mark, text: s.text + s.unit }));
      if (s.unverified) children.push(new TextRun({ ...base, text: UNVERIFIED_MARK, color: 'C00000' }));
    }
  }
  const lineSpacing = p.style === 'note' ? 20 : p.style === 'title' ? 36 : PAGE.lineSpacingPt;
  return new DocxParagraph({
    children,
    alignment: alignment(spec),
    indent: spec.firstLineChars ? { firstLine: spec.firstLineChars * spec.size * TWIPS_PER_POINT } : undefined,
    spacing: {
      line: lineSpacing * TWIPS_PER_POINT,
      lineRule: LineRuleType.EXACT,
      before: 0,
      // A blank line under the title block (title, or title + unit line), as 公文 leave one.
      after: p.style === 'subtitle' || (p.style === 'title' && next?.style !== 'subtitle') ? PAGE.lineSpacingPt * TWIPS_PER_POINT : 0,
    },
    keepNext: p.style.startsWith('heading'),
    widowControl: true,
  });
}

/** Consecutive table rows as one Word table, full width, each cell a centred paragraph. */
function docxTable(rows: Paragraph[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row) =>
        new TableRow({
          tableHeader: row.style === 'table-head',
          children: tableCells(row).map((cell) => new TableCell({ children: [docxParagraph(cell, undefined)] })),
        }),
    ),
  });
}

/** The body: paragraphs, with runs of table rows set as tables. */
function bodyChildren(ps: Paragraph[]): (DocxParagraph | Table)[] {
  return bodyBlocks(ps).map((b) => (b.kind === 'table' ? docxTable(b.rows) : docxParagraph(b.p, b.next)));
}

function pageNumberFooter(): Footer {
  const font = { ascii: FONT.songti[0], hAnsi: FONT.songti[0], eastAsia: FONT.songti[0] };
  const size = PAGE.pageNumberSizePt * 2;
  return new Footer({
    children: [
      new DocxParagraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ font, size, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

export function buildReportDocument(report: Report): Document {
  const body = STYLE_SPECS.body;
  return new Document({
    creator: 'budget-recon',
    title: report.title,
    description: '预算对账与绩效自评助手生成的部门整体支出绩效自评报告',
    styles: {
      default: {
        document: {
          run: { font: runFont(body), size: body.size * 2 },
          paragraph: { spacing: { line: PAGE.lineSpacingPt * TWIPS_PER_POINT, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE.widthMm), height: mm(PAGE.heightMm) },
            margin: {
              top: mm(PAGE.marginTopMm),
              bottom: mm(PAGE.marginBottomMm),
              left: mm(PAGE.marginLeftMm),
              right: mm(PAGE.marginRightMm),
              // The page number sits 7 mm below the text block, per GB/T 9704 7.5.
              footer: mm(PAGE.marginBottomMm - 7 - 5),
            },
          },
        },
        footers: { default: pageNumberFooter() },
        children: bodyChildren(report.paragraphs),
      },
    ],
  });
}

/** Font table entries: GB2312 fonts with the common fonts Word substitutes when they are missing. */
const FONT_ALTERNATES: [string, string][] = [
  [FONT.fangsong[0], FONT.fangsong[1]],
  [FONT.kaiti[0], FONT.kaiti[1]],
  [FONT.xiaobiaosong[0], FONT.songti[0]],
  [FONT.heiti[0], FONT.heiti[1]],
];

/** Adds the fallback entries to word/fontTable.xml of a packed document. */
async function addFontFallbacks(packed: ArrayBuffer): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(packed);
  const file = zip.file('word/fontTable.xml');
  if (!file) return new Uint8Array(packed);
  let xml = await file.async('string');
  for (const [name, alt] of FONT_ALTERNATES) {
    const entry = `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${name === FONT.heiti[0] ? 'modern' : 'roman'}"/><w:pitch w:val="fixed"/></w:font>`;
    if (xml.includes(`w:name="${name}"`)) continue;
    // The generated table may be empty and self-closing (<w:fonts …/>).
    if (xml.includes('</w:fonts>')) xml = xml.replace('</w:fonts>', `${entry}</w:fonts>`);
    else xml = xml.replace(/<w:fonts([^>]*?)\/>/, `<w:fonts$1>${entry}</w:fonts>`);
  }
  zip.file('word/fontTable.xml', xml);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * The finished .docx bytes, font fallbacks included. Works in Node and in the task pane
 * (no Node APIs): the pane can wrap it in a Blob for download.
 */
export async function reportDocxBytes(report: Report): Promise<Uint8Array> {
  return addFontFallbacks(await Packer.toArrayBuffer(buildReportDocument(report)));
}
