import { auditText } from '../../src/core/audit';

describe('input the audit must survive', () => {
  it('empty input, blank and odd paragraphs', () => {
    expect(auditText([]).findings).toEqual([]);
    const r = auditText(['', '   ', '\u3000\u3000', '（', '）））', '其中', '。。。', '%', '1.', '万元元']);
    expect(r.summary.paragraphs).toBe(10);
    expect(r.findings.map((f) => f.rule)).toEqual(['unit-slip']);
  });

  it('one huge paragraph (a table flattened into a line) stays fast', () => {
    const cells = Array.from({ length: 5000 }, (_, i) => `第${i + 1}项经费${(i % 97) + 0.25}万元`).join('，');
    const t = performance.now();
    const r = auditText([`支出合计1000.00万元，其中${cells}。`]);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(r.findings.filter((f) => f.rule === 'parts-sum')).toHaveLength(1);
  });

  it('findings always quote the text they point at', () => {
    const paras = ['２０２３年預算收入２，１２８．４８萬元，其中年初預算９３９．２８萬元，調整追加１，１６７．５３萬元，其他資金來源２７．６１萬元。', '沒有請寫明“無其他需要說明的情況”。'];
    const r = auditText(paras);
    expect(r.findings.map((f) => f.rule)).toEqual(['parts-sum', 'template-leftover']);
    for (const f of r.findings) expect(paras[f.paragraph - 1].slice(f.start, f.end)).toBe(f.text);
  });
});
