import { readFileSync } from 'fs';
import path from 'path';
import { readModel } from '../../src/core';
import { auditText, AuditFinding } from '../../src/core/audit';
import { seedWorkbook } from '../../src/samples/seed-workbook';

const text = readFileSync(path.join(__dirname, 'fixtures', 'seed-report.txt'), 'utf8');
const paragraphs = text.split('\n').filter((l) => l.trim() !== '');

function paragraphOf(f: AuditFinding): string {
  return paragraphs[f.paragraph - 1];
}

describe('the seed report (2023 区委组织部 self-evaluation)', () => {
  const result = auditText(paragraphs);
  const errors = result.findings.filter((f) => f.severity === 'error');

  it('quotes every finding exactly: text is the paragraph slice at start..end', () => {
    for (const f of result.findings) expect(paragraphOf(f).slice(f.start, f.end)).toBe(f.text);
  });

  it('reports 基本支出 434.35 against 416.47 as quoted differently', () => {
    const q = errors.filter((f) => f.rule === 'quoted-differently');
    expect(q).toHaveLength(1);
    expect(q[0].text).toBe('基本支出434.35万元');
    expect(q[0].expected).toBe('416.47万元');
    expect(q[0].actual).toBe('434.35万元');
    expect(q[0].message).toContain('416.47');
    expect(paragraphOf(q[0])).toContain('2023年整体支出1878.70万元');
  });

  it('reports 「项目支出131.31元」 as a unit slip confirmed by the arithmetic', () => {
    const u = errors.filter((f) => f.rule === 'unit-slip');
    expect(u).toHaveLength(1);
    expect(u[0].text).toBe('项目支出131.31元');
    expect(u[0].expected).toBe('131.31万元');
  });

  it('reports both unfilled prompts, in 四 and in 其他需要说明的情况', () => {
    const t = errors.filter((f) => f.rule === 'template-leftover');
    expect(t.map((f) => f.text)).toEqual(['没有请写明“绩效管理不存在相关问题”', '没有请写明“无其他需要说明的情况”']);
    expect(paragraphs[t[0].paragraph - 2]).toContain('四、绩效管理存在的问题及下一步改进措施');
    expect(paragraphs[t[1].paragraph - 2]).toBe('其他需要说明的情况');
  });

  it('reports nothing else but the sums the 434.35 slip breaks', () => {
    const others = errors.filter((f) => !['quoted-differently', 'unit-slip', 'template-leftover'].includes(f.rule));
    expect(others.map((f) => [f.rule, f.expected, f.actual])).toEqual([
      ['parts-sum', '1896.58', '1878.70'],
      ['parts-sum', '416.47', '434.35'],
    ]);
    expect(result.summary.warnings).toBe(0);
  });

  it('checks the project balances that hold in the seed without complaint', () => {
    // (1) 13.5 + 5.17 = 16.53 + 2.14 and (2) 299.40 + 40.91 = 293.14 + 47.17 are checked and hold.
    expect(result.summary.checks).toBeGreaterThanOrEqual(15);
    expect(result.findings.filter((f) => f.rule === 'balance')).toEqual([]);
  });
});

describe('a project listed in 三（一） and detailed in 三（二）', () => {
  it('agrees in the seed, and a transposed figure in the detail is a warning', () => {
    const slipped = paragraphs.map((p) => p.replace('实际支出293.14万元，结余结转47.17万元', '实际支出239.14万元，结余结转101.17万元'));
    const w = auditText(slipped).findings.filter((f) => f.severity === 'warning');
    expect(w.map((f) => f.message)).toEqual(['村级组织运转经费：本节实际支出239.14万元，第19段列为村级组织运转经费293.14万元']);
  });
});

describe('the seed report against the sample workbook', () => {
  it('names the cell with the corrected twin: 434.35 in the text, 416.47 in 收支情况!B9', () => {
    const { model } = readModel(seedWorkbook({ corrected: true }));
    const r = auditText(paragraphs, { model });
    const w = r.findings.filter((f) => f.rule === 'workbook-mismatch');
    expect(w.map((f) => f.message)).toEqual(['正文基本支出434.35万元，表中为416.47万元（收支情况!B9）']);
    expect(w[0]).toMatchObject({ sheet: '收支情况', cell: 'B9', expected: '416.47', actual: '434.35' });
    expect(r.summary.comparedWithWorkbook).toBeGreaterThan(40);
  });

  it('with the slipped workbook (B9 = 434.35) it flags the other paragraph instead', () => {
    const { model } = readModel(seedWorkbook());
    const r = auditText(paragraphs, { model });
    const w = r.findings.filter((f) => f.rule === 'workbook-mismatch');
    expect(w.map((f) => f.message)).toEqual(['正文基本支出416.47万元，表中为434.35万元（收支情况!B9）']);
    expect(paragraphOf(w[0])).toContain('2023年支出1878.70万元');
  });
});
