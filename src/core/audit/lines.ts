/**
 * Paragraphs from lines as text extracted from a PDF or a web page gives them: a line that ends without
 * sentence-ending punctuation goes on in the next line, whatever its length (「占支」 / 「出总预算10.73%」).
 * Headings, titles, blank lines and table rows stand alone. Each paragraph keeps where its lines started,
 * so an offset in a paragraph maps back to the text as read.
 */
export interface JoinedLines {
  paragraphs: string[];
  /** Per paragraph: [offset in the paragraph, index of the line] of each line joined into it. */
  pieces: [number, number][][];
}

const ENDS_SENTENCE = /[。！？；;!?][”"」』]?\s*$/;
const TABLE_ROW = /\|\s*$|^\s*\|/;
const HEADING = /^\s*([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[、．](?!\d)|\d{1,2}\.(?!\d)|[（(]\d{1,2}[)）]|第[一二三四五六七八九十]+(部分|章|节))/;

/** A heading or a table row: never the continuation of the line before. */
function startsAnew(line: string): boolean {
  const t = line.trim();
  return TABLE_ROW.test(t) || (HEADING.test(t) && !/[，,。；;]/.test(t));
}

/** A heading, a title or a table row: never continued by the next line. */
function standsAlone(line: string): boolean {
  const t = line.trim();
  return startsAnew(t) || (!/[，,。；;、]/.test(t) && t.length <= 30);
}

export function joinLines(lines: string[]): JoinedLines {
  const paragraphs: string[] = [];
  const pieces: [number, number][][] = [];
  let open = false;
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) {
      open = false;
      return;
    }
    if (open && !startsAnew(line)) {
      const k = paragraphs.length - 1;
      pieces[k].push([paragraphs[k].length, i]);
      paragraphs[k] += line;
    } else {
      paragraphs.push(line);
      pieces.push([[0, i]]);
      // A paragraph that starts as prose goes on until a line ends its sentence; a title does not.
      open = !standsAlone(line);
    }
    if (open) open = !ENDS_SENTENCE.test(line);
  });
  return { paragraphs, pieces };
}

/** The line and the column in it of an offset in a joined paragraph. */
export function lineOf(pieces: [number, number][], at: number): { line: number; column: number } {
  let k = 0;
  while (k + 1 < pieces.length && pieces[k + 1][0] <= at) k++;
  return { line: pieces[k][1], column: at - pieces[k][0] };
}
