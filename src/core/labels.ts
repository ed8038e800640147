/** Label normalisation: what a header or line "says" once layout noise is gone. */
import { toHalfWidth } from './numbers';

const NUMBERING = [
  /^[一二三四五六七八九十]+[、.．]/, // 一、
  /^[(（][一二三四五六七八九十]+[)）][、.．]?/, // （一）
  /^\d+(\.\d+)*[、.．](?!\d)/, // 1. 1、 2.1.
  /^[(（]\d+[)）][、.．]?/, // （1）
  /^[①-⑳]/,
];

/** Numbering depth: 一、 → 0, （一） → 1, 1. → 2, （1） → 3; null when unnumbered. */
export function numberingLevel(raw: string): number | null {
  const s = raw.trim();
  if (/^[一二三四五六七八九十]+[、.．]/.test(s)) return 0;
  if (/^[(（][一二三四五六七八九十]+[)）]/.test(s)) return 1;
  if (/^\d+[、.．](?!\d)/.test(s)) return 2;
  if (/^[(（]\d+[)）]/.test(s) || /^[①-⑳]/.test(s)) return 3;
  return null;
}

/** Leading indentation in half-width-space units (a full-width space counts 2). */
export function indentWidth(raw: string): number {
  let n = 0;
  for (const ch of raw) {
    if (ch === ' ') n += 1;
    else if (ch === '\u3000') n += 2;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

export function startsWithQizhong(raw: string): boolean {
  return /^[\s\u3000]*(其中|含)[:：]/.test(raw) || /^[\s\u3000]*其中(?![\u4e00-\u9fff]*合计)/.test(raw);
}

/**
 * A label normaliseLabel would leave as it is: no space, nothing full-width to fold, nothing
 * a numbering, 其中 or unit note could start or end with. Most project names are like this;
 * one test spares them the rewrites below.
 */
const PLAIN_LABEL = /^[^\s一二三四五六七八九十(（\d①-⑳其含０-９．，－＋（）％：][^\s０-９．，－＋（）％：]*$/;

function isPlainLabel(raw: string): boolean {
  const last = raw.charCodeAt(raw.length - 1);
  return last !== 41 /* ) */ && last !== 40 /* ( */ && last !== 58 /* : */ && PLAIN_LABEL.test(raw);
}

/**
 * Strips whitespace, numbering, 其中： and trailing unit notes, and folds full-width
 * ASCII, so an indented 「（一）其中：工资福利支出（万元）」 says 工资福利支出.
 */
export function normaliseLabel(raw: string): string {
  if (isPlainLabel(raw)) return raw;
  let s = raw.replace(/[\s\u3000\r\n]+/g, '');
  s = toHalfWidth(s).replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':');
  for (let i = 0; i < 3; i++) {
    const before = s;
    for (const re of NUMBERING) s = s.replace(re, '');
    s = s.replace(/^(其中|含)[:]?/, '');
    if (s === before) break;
  }
  s = s.replace(/\((亿元|万元|元|%|％)\)$/, '').replace(/(\(|:)$/, '');
  return s;
}

/** Header text normalised for column matching: also drops a trailing 数 of unit notes. */
export function normaliseHeader(raw: string): string {
  return normaliseLabel(raw).replace(/\[[^\]]*\]$/, '');
}
