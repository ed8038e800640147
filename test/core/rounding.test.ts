import Decimal from 'decimal.js';
import { checkEquation, Term } from '../../src/core/rounding';

const t = (v: string, weight = 1): Term => ({ value: new Decimal(v), decimals: v.includes('.') ? v.split('.')[1].length : 0, weight });

describe('XBRL Calculations 1.1 rounding (REFERENCE §3)', () => {
  test.each([
    ['57.6', ['12.1', '45.4'], 'rounding'],
    ['30.01', ['10.00', '20.00'], 'rounding'],
    ['30.02', ['10.00', '20.00'], 'mismatch'],
    ['434.72', ['434.16', '0.00', '0.55'], 'rounding'],
    ['30.00', ['10.00', '20.00'], 'exact'],
  ])('%s against %j is %s', (total, parts, outcome) => {
    expect(checkEquation(t(total), parts.map((p) => t(p))).outcome).toBe(outcome);
  });

  test('a negative weight subtracts: 100.00 − 60.00 vs 40.02 is inconsistent', () => {
    const r = checkEquation(t('40.02'), [t('100.00'), t('60.00', -1)]);
    expect(r.outcome).toBe('mismatch');
    expect(r.expected.toFixed(2)).toBe('40.00');
    expect(r.difference.toFixed(2)).toBe('0.02');
    expect(r.allowance.toFixed(3)).toBe('0.015');
  });

  test('n parts to 0.01 allow (n+1) × 0.005', () => {
    const parts = Array.from({ length: 9 }, () => t('1.00'));
    expect(checkEquation(t('9.05'), parts).outcome).toBe('rounding');
    expect(checkEquation(t('9.06'), parts).outcome).toBe('mismatch');
  });

  test('a user tolerance replaces the rounding allowance', () => {
    expect(checkEquation(t('30.02'), [t('10.00'), t('20.00')], new Decimal('0.05')).outcome).toBe('rounding');
    expect(checkEquation(t('30.01'), [t('10.00'), t('20.00')], new Decimal('0')).outcome).toBe('mismatch');
  });

  test('decimal arithmetic, not floats: 0.1 + 0.2 = 0.3 exactly', () => {
    expect(checkEquation(t('0.3'), [t('0.1'), t('0.2')]).outcome).toBe('exact');
  });
});
