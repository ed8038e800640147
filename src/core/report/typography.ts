/**
 * The 公文 typesetting the outputs share (GB/T 9704-2012, REFERENCE.md §4): fonts and sizes
 * per paragraph style. The GB2312 fonts are often missing, so each has fallbacks; digits
 * and Latin letters go in Times New Roman through the east-Asian/Latin font split.
 */
import { ParagraphStyle } from './types';

export interface StyleSpec {
  /** East-Asian font, then fallbacks in order. */
  fonts: string[];
  /** Point size: 2号 = 22, 3号 = 16, 4号 = 14. */
  size: number;
  bold: boolean;
  align: 'center' | 'left' | 'justify';
  /** First-line indent in characters (body text: two). */
  firstLineChars: number;
  color?: string;
  /** For the sheet: a font every Chinese Windows has (Excel has no fallback list). */
  sheetFont: string;
}

export const LATIN_FONT = 'Times New Roman';

export const FONT = {
  xiaobiaosong: ['方正小标宋简体', '方正小标宋_GBK', '华文中宋', 'STZhongsong', '宋体', 'SimSun'],
  fangsong: ['仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong'],
  kaiti: ['楷体_GB2312', '楷体', 'KaiTi', 'STKaiti'],
  heiti: ['黑体', 'SimHei', 'STHeiti'],
  songti: ['宋体', 'SimSun', 'STSong'],
};

export const STYLE_SPECS: Record<ParagraphStyle, StyleSpec> = {
  title: { fonts: FONT.xiaobiaosong, size: 22, bold: false, align: 'center', firstLineChars: 0, sheetFont: '宋体' },
  subtitle: { fonts: FONT.kaiti, size: 16, bold: false, align: 'center', firstLineChars: 0, sheetFont: '楷体' },
  heading1: { fonts: FONT.heiti, size: 16, bold: false, align: 'justify', firstLineChars: 2, sheetFont: '黑体' },
  heading2: { fonts: FONT.kaiti, size: 16, bold: false, align: 'justify', firstLineChars: 2, sheetFont: '楷体' },
  heading3: { fonts: FONT.fangsong, size: 16, bold: false, align: 'justify', firstLineChars: 2, sheetFont: '仿宋' },
  body: { fonts: FONT.fangsong, size: 16, bold: false, align: 'justify', firstLineChars: 2, sheetFont: '仿宋' },
  note: { fonts: FONT.fangsong, size: 12, bold: false, align: 'left', firstLineChars: 0, color: 'C00000', sheetFont: '仿宋' },
  // A short table in the body (the indicators): 4号 仿宋, its head in 黑体.
  'table-head': { fonts: FONT.heiti, size: 14, bold: false, align: 'center', firstLineChars: 0, sheetFont: '黑体' },
  table: { fonts: FONT.fangsong, size: 14, bold: false, align: 'center', firstLineChars: 0, sheetFont: '仿宋' },
};

/** Page setup in millimetres and points. */
export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  /** Fixed line spacing (22 lines a page). */
  lineSpacingPt: 28,
  pageNumberFont: FONT.songti,
  /** 4号. */
  pageNumberSizePt: 14,
};

/**
 * The font declarations of a paragraph's inline style, as Word reads them on paste: the Chinese
 * font first (Word and LibreOffice take the first family for the paragraph), Times New Roman for
 * Latin text and digits through Word's mso-ascii / mso-hansi properties. Quoted with ', for use
 * inside a double-quoted style attribute.
 */
export function cssFontDeclarations(spec: StyleSpec): string {
  const family = [...spec.fonts].map((f) => `'${f}'`).join(', ') + ', serif';
  return `font-family:${family};mso-fareast-font-family:'${spec.fonts[0]}';mso-ascii-font-family:'${LATIN_FONT}';mso-hansi-font-family:'${LATIN_FONT}'`;
}
