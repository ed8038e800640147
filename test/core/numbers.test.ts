import { formatDecimals, parseNumber } from '../../src/core/numbers';

function num(v: Parameters<typeof parseNumber>[0], fmt?: string) {
  const p = parseNumber(v, fmt);
  if (p.kind !== 'number') throw new Error(`expected a number, got ${p.kind}`);
  return p;
}

describe('reading figures as real sheets store them', () => {
  test.each([
    ['924,289.71', '924289.71', 2],
    ['１３１．３１', '131.31', 2],
    ['131.31万元', '131.31', 2],
    ['(45.57)', '-45.57', 2],
    ['（45.57）', '-45.57', 2],
    ['-0.40', '-0.4', 2],
    ['￥1,000', '1000', 0],
    [' 27 ', '27', 0],
  ])('text %j reads as %s with %i decimals', (raw, value, decimals) => {
    const p = num(raw);
    expect(p.value.toFixed()).toBe(value);
    expect(p.decimals).toBe(decimals);
    expect(p.fromText).toBe(true);
  });

  test('a trailing unit is kept so a unit slip can be reported', () => {
    expect(num('131.31元').unitSuffix).toBe('元');
    expect(num('131.31万元').unitSuffix).toBe('万元');
  });

  test.each(['—', '-', '——', '', '/', '－'])('%j is blank, not zero', (raw) => {
    expect(parseNumber(raw).kind).toBe('blank');
  });

  test('null is blank', () => expect(parseNumber(null).kind).toBe('blank'));

  test.each(['#REF!', '#VALUE!', '#DIV/0!', '#N/A'])('%s is an error value', (raw) => {
    expect(parseNumber(raw)).toEqual({ kind: 'error', code: raw });
  });

  test.each(['1,2', '见附表', '12.3.4', '约100'])('%j is text, not a number', (raw) => {
    expect(parseNumber(raw).kind).toBe('text');
  });

  test('percent text is a fraction with two more decimals', () => {
    const p = num('95.54%');
    expect(p.value.toFixed()).toBe('0.9554');
    expect(p.decimals).toBe(4);
    expect(p.percent).toBe(true);
  });

  test('numbers take their decimals from the number format, not float noise', () => {
    expect(num(0.1 + 0.2, '0.00').value.toFixed()).toBe('0.3');
    expect(num(416.47, '#,##0.00').decimals).toBe(2);
    expect(num(0.8854, '0.00%').decimals).toBe(4);
    expect(num(12.5, 'General').decimals).toBe(1);
  });

  test('format decimals ignore quoted text and colours', () => {
    expect(formatDecimals('#,##0.00_);[Red](#,##0.00)')).toEqual({ decimals: 2, percent: false });
    expect(formatDecimals('0.0"万元"')).toEqual({ decimals: 1, percent: false });
    expect(formatDecimals('General')).toBeNull();
  });
});
