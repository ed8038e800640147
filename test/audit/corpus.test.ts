import { measureCorpus } from './corpus/measure';

describe('audit corpus: recall on planted slips, no false error on clean prose', () => {
  const m = measureCorpus();

  it('prints the figures for the README', () => {
    console.log(
      `audit corpus: ${m.documents} documents, ${m.paragraphs} paragraphs (${m.cleanParagraphs} clean); ` +
        `planted slips found ${m.found}/${m.planted}; false errors on clean paragraphs ${m.falseErrors.length}; ` +
        `warnings ${m.cleanWarnings} and notices ${m.cleanNotices} on clean paragraphs; extra errors on slipped paragraphs ${m.extraOnSlipped}`,
    );
    expect(m.planted).toBeGreaterThanOrEqual(25);
  });

  it('finds every planted slip', () => {
    expect(m.missed).toEqual([]);
    expect(m.found).toBe(m.planted);
  });

  it('raises no error on a correct paragraph', () => {
    expect(m.falseErrors.map((e) => `${e.doc} 第${e.finding.paragraph}段 ${e.finding.rule}: ${e.finding.message}`)).toEqual([]);
  });
});
