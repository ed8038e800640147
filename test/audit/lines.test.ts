/**
 * Text extracted from PDFs and web pages breaks sentences across lines (issue #10 part 5). The lines here
 * are those of a real published 单位预算 情况说明 (梧州, test/audit/real): joined, the sentence's figures
 * are read together and the rate computed on the wrong base is found.
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { auditText } from '../../src/core/audit';
import { joinLines, lineOf } from '../../src/core/audit/lines';
import { locate, readDraft } from '../../src/node/audit/read-draft';
import { makeTempDir } from '../node/tmp';

const LINES = [
  '一、收支预算总体情况说明',
  '(二)社会保障和就业支出类科目 116433.12 元,占支',
  '出总预算 10.73 %,同比增加 16803.36 元,增长 14.43 %,主要原因是',
  '人员变动。',
  '| 合 计 | 1.8 | 1.52 |',
  '| 因公出国(境)费 | 0 | 0 |',
];

test('a sentence broken across lines is one paragraph; headings and table rows stand alone', () => {
  const { paragraphs, pieces } = joinLines(LINES);
  expect(paragraphs).toEqual([LINES[0], LINES[1] + LINES[2] + LINES[3], LINES[4], LINES[5]]);
  const at = paragraphs[1].indexOf('16803.36');
  expect(lineOf(pieces[1], at)).toEqual({ line: 2, column: LINES[2].indexOf('16803.36') });
});

test('joined, the change rate computed on this year\'s figure instead of last year\'s is found', () => {
  // 16803.36 / (116433.12 − 16803.36) = 16.87%; 14.43% is 16803.36 / 116433.12.
  const apart = auditText(LINES).findings.filter((f) => f.rule === 'change-rate');
  const joined = auditText(joinLines(LINES).paragraphs).findings.filter((f) => f.rule === 'change-rate');
  expect(apart).toEqual([]);
  expect(joined.map((f) => [f.severity, f.text.includes('14.43')])).toEqual([['error', true]]);
});

test('the .txt reader joins the lines and maps findings back to the line and offset in the file', async () => {
  const tmp = makeTempDir();
  try {
    const file = path.join(tmp.dir, 'draft.txt');
    const text = LINES.join('\n') + '\n';
    writeFileSync(file, text, 'utf8');
    const draft = await readDraft(file);
    expect(draft.paragraphs).toHaveLength(4);
    const at = draft.paragraphs[1].indexOf('14.43');
    const where = locate(draft, 1, at);
    expect(where.line).toBe(3);
    expect(text.slice(where.offset, where.offset + 5)).toBe('14.43');
  } finally {
    tmp.cleanup();
  }
});
