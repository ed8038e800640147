/**
 * A draft report read into paragraphs, and where in the file each one came from. Plain data:
 * the CLI, the offline page and the pane's audit list all read it; the readers are in read.ts.
 */

export interface Draft {
  format: 'txt' | 'md' | 'docx' | 'pdf';
  /** The text as read (for pdf: the paragraphs joined by blank lines). */
  text: string;
  paragraphs: string[];
  /** Offset of each paragraph in `text`. */
  offsets: number[];
  /** 1-based line in the file (txt/md), paragraph (docx) or page (pdf) of each paragraph. */
  where: number[];
  /** Notes about the reading (encoding detected, pages without text). */
  notes: string[];
  /**
   * Paragraphs joined from several lines (txt/md): per paragraph, [offset in the paragraph, offset in
   * `text`, 1-based line] where each of its lines starts.
   */
  segments?: [number, number, number][][];
}

/** Why a draft cannot be read, Chinese first, then English; `code` is the CLI's error code. */
export class DraftProblem extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
    this.name = 'DraftProblem';
  }
}

/** The offset in the text and the line of an offset in a paragraph joined from lines. */
export function locate(draft: Draft, paragraph: number, at: number): { offset: number; line: number } {
  const seg = draft.segments?.[paragraph];
  if (!seg) return { offset: draft.offsets[paragraph] + at, line: draft.where[paragraph] };
  let k = 0;
  while (k + 1 < seg.length && seg[k + 1][0] <= at) k++;
  return { offset: seg[k][1] + at - seg[k][0], line: seg[k][2] };
}

