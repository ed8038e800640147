/**
 * HTML for the task pane preview and for pasting into Word. Inline styles (Word keeps them
 * on paste), every text escaped, figures carrying their source as a tooltip, flagged figures
 * highlighted and followed by 〔待核实〕, 【请补充：…】 markers in red.
 */
import { sourceCells } from './figures';
import { bodyBlocks, paragraphSegments, tableCells, UNVERIFIED_MARK } from './segments';
import { cssFontDeclarations, LATIN_FONT, PAGE, STYLE_SPECS } from './typography';
import { Paragraph, Report, Source } from './types';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

function sourceTitle(source: Source): string {
  const cells = sourceCells(source).map((c) => `${c.sheet}!${c.cell}`);
  const shown = cells.slice(0, 12).join('、') + (cells.length > 12 ? ` 等 ${cells.length} 处` : '');
  return source.formula ? `${source.formula}（${shown}）` : `来源：${shown}`;
}

/** For the pane's preview: each paragraph a test id, each figure its cell (to go to it on a click). Word gets neither. */
export interface HtmlOptions {
  pane?: boolean;
}

function segmentsHtml(p: Paragraph, o: HtmlOptions): string {
  return paragraphSegments(p)
    .map((s) => {
      if (s.kind === 'text') return escapeHtml(s.text);
      if (s.kind === 'placeholder') return `<span class="br-placeholder" style="color:#C00000;background:#FDE9E9">${escapeHtml(s.text)}</span>`;
      const cell = o.pane && s.source.sheet && s.source.cell ? ` data-sheet="${escapeHtml(s.source.sheet)}" data-cell="${escapeHtml(s.source.cell)}"` : '';
      const figure = `<span class="br-figure" style="font-family:'${LATIN_FONT}'" title="${escapeHtml(sourceTitle(s.source))}"${cell}>${escapeHtml(s.text)}</span>${escapeHtml(s.unit)}`;
      if (!s.unverified) return figure;
      return `<span class="br-unverified" style="background:#FFEB9C">${figure}</span><span style="color:#C00000">${UNVERIFIED_MARK}</span>`;
    })
    .join('');
}

/** Consecutive table rows as one bordered table. */
function tableHtml(rows: Paragraph[], o: HtmlOptions): string {
  const trs = rows.map((row) => {
    const spec = STYLE_SPECS[row.style];
    const tag = row.style === 'table-head' ? 'th' : 'td';
    const style = `border:1px solid #000;padding:2pt 4pt;${cssFontDeclarations(spec)};font-size:${spec.size}pt;font-weight:normal;text-align:center`;
    return `<tr${o.pane ? ' data-testid="report-paragraph"' : ''}>${tableCells(row).map((c) => `<${tag} style="${style}">${segmentsHtml(c, o)}</${tag}>`).join('')}</tr>`;
  });
  return `<table class="br-table" style="border-collapse:collapse;margin:6pt auto">${trs.join('')}</table>`;
}

function paragraphHtml(p: Paragraph, next: Paragraph | undefined, o: HtmlOptions): string {
  const spec = STYLE_SPECS[p.style];
  const style = [
    cssFontDeclarations(spec),
    `font-size:${spec.size}pt`,
    `line-height:${p.style === 'note' ? 20 : p.style === 'title' ? 36 : PAGE.lineSpacingPt}pt`,
    `text-align:${spec.align}`,
    // Two characters of the paragraph's own size, in points: Word and LibreOffice both honour pt on paste.
    `text-indent:${spec.firstLineChars * spec.size}pt`,
    // A blank line under the title block, as in the .docx.
    p.style === 'subtitle' || (p.style === 'title' && next?.style !== 'subtitle') ? `margin:0 0 ${PAGE.lineSpacingPt}pt 0` : 'margin:0',
    // Headings are set in 黑体 / 楷体, never bold (h1–h3 would be bold by default).
    `font-weight:${spec.bold ? 'bold' : 'normal'}`,
    p.style === 'note' && next?.style !== 'note' ? 'padding-bottom:14pt' : '',
    spec.color ? `color:#${spec.color}` : '',
  ]
    .filter(Boolean)
    .join(';');
  const inner = segmentsHtml(p, o);
  const tag = p.style === 'title' ? 'h1' : p.style === 'heading1' ? 'h2' : p.style === 'heading2' ? 'h3' : 'p';
  return `<${tag} class="br-${p.style}" style="${style}"${o.pane ? ' data-testid="report-paragraph"' : ''}>${inner}</${tag}>`;
}

/** The report as an HTML fragment (a div of paragraphs): the pane's preview, the clipboard and the .html output. */
export function renderHtmlFragment(report: Report, options: HtmlOptions = {}): string {
  const parts = bodyBlocks(report.paragraphs).map((b) => (b.kind === 'table' ? tableHtml(b.rows, options) : paragraphHtml(b.p, b.next, options)));
  return `<div class="br-report" lang="zh-CN">\n${parts.join('\n')}\n</div>`;
}

/**
 * What 复制到 Word puts on the clipboard as text/html: the fragment in a minimal document, with
 * the fragment markers Windows' HTML clipboard format uses, so Word pastes styled paragraphs.
 */
export function renderClipboardHtml(report: Report): string {
  return `<html><head><meta charset="utf-8"></head><body><!--StartFragment-->${renderHtmlFragment(report)}<!--EndFragment--></body></html>`;
}

/** A standalone HTML document, A4-like column for reading and printing. */
export function renderHtmlDocument(report: Report): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(report.title)}</title>`,
    '<style>',
    `body{margin:0;background:#f3f3f3}`,
    `.br-report{box-sizing:border-box;width:${PAGE.widthMm}mm;margin:12px auto;padding:${PAGE.marginTopMm}mm ${PAGE.marginRightMm}mm ${PAGE.marginBottomMm}mm ${PAGE.marginLeftMm}mm;background:#fff}`,
    '@media print{body{background:#fff}.br-report{margin:0;width:auto;padding:0}}',
    '</style>',
    '</head>',
    '<body>',
    renderHtmlFragment(report),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
