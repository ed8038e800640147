import { lintReport } from '../../src/core/report/lint';
import { Paragraph, Report } from '../../src/core/report/types';
import { OUTLINES } from '../../src/core/report';
import { seedReport } from './helpers';

const body = (...runs: Paragraph['runs']): Paragraph => ({ style: 'body', runs });
const t = (text: string, source?: { sheet: string; cell: string }) => ({ kind: 'text' as const, text, ...(source ? { source } : {}) });
const report = (...paragraphs: Paragraph[]): Report => ({ title: 'x', unverified: [], paragraphs });
const rules = (r: Report) => lintReport(r).map((p) => p.rule);

describe('the report lint', () => {
  it('catches each kind of garbage', () => {
    expect(rules(report(body(t('')), body(t('　　。'))))).toEqual(['empty', 'punctuation-only']);
    // 「（1）201」 and a project named 类 (the code rows of a 功能分类 table taken for projects).
    expect(rules(report(body(t('（1）'), t('201', { sheet: 'S', cell: 'A5' }))))).toEqual(['code-name', 'code-name']);
    expect(rules(report(body(t('项目支出为：'), t('类', { sheet: 'S', cell: 'A4' }), t('。'))))).toEqual(['code-name']);
    expect(rules(report(body(t('同一段。')), body(t('同一段。'))))).toEqual(['repeated']);
    expect(rules(report({ style: 'heading1', runs: [t('一、')] }, { style: 'heading1', runs: [t('二、')] }, body(t('正文。'))))).toEqual(['empty-section']);
    expect(rules(report(body({ kind: 'figure', text: '1.00', value: '1', unit: '万元', source: {} })))).toEqual(['unsourced']);
  });
  it.each(Object.keys(OUTLINES))('finds nothing in the seed sample\'s report (outline %s)', (outline) => {
    expect(lintReport(seedReport(false, { outline }))).toEqual([]);
    expect(lintReport(seedReport(true, { outline }))).toEqual([]);
  });
});
