import { parseArgs, requireOneFile, textOrJson } from '../../src/node/cli/args';
import { UserError } from '../../src/node/errors';
import { parseIdleThreshold, parseTolerance, settingsFromOptions, SETTINGS_OPTIONS } from '../../src/node/settings-args';

const SPECS = { output: { type: 'string' as const, alias: 'o' }, format: { type: 'string' as const }, verbose: { type: 'boolean' as const } };

describe('parseArgs', () => {
  test('reads --name value, --name=value, short aliases, flags and positionals', () => {
    expect(parseArgs(['a.xlsx', '-o', 'b.xlsx', '--format=json', '--verbose'], SPECS, 'x')).toEqual({
      positionals: ['a.xlsx'],
      options: { output: 'b.xlsx', format: 'json', verbose: true },
    });
  });

  test('takes everything after -- as positionals, even if it looks like an option', () => {
    expect(parseArgs(['--', '-odd.xlsx'], SPECS, 'x').positionals).toEqual(['-odd.xlsx']);
  });

  test('a negative number is a value, not an option', () => {
    expect(parseArgs(['--format', '-1'], SPECS, 'x').options.format).toBe('-1');
  });

  test.each([
    [['--colour'], 'unknown-option'],
    [['--format'], 'missing-value'],
    [['--format', '--verbose'], 'missing-value'],
    [['--verbose=yes'], 'bad-option'],
  ])('%j is refused as %s', (argv, code) => {
    expect(() => parseArgs(argv, SPECS, 'x')).toThrow(UserError);
    try {
      parseArgs(argv, SPECS, 'x');
    } catch (e) {
      expect((e as UserError).code).toBe(code);
      expect((e as UserError).line()).toMatch(/^错误：.+（Error: .+）$/);
    }
  });

  test('requireOneFile wants exactly one', () => {
    expect(() => requireOneFile({ positionals: [], options: {} }, 'validate')).toThrow(/缺少要处理的文件/);
    expect(() => requireOneFile({ positionals: ['a', 'b'], options: {} }, 'validate')).toThrow(/多余的参数：b/);
    expect(requireOneFile({ positionals: ['a.xlsx'], options: {} }, 'validate')).toBe('a.xlsx');
  });
});

describe('settings from the command line', () => {
  test.each([
    ['90', 0.9],
    ['90%', 0.9],
    ['90％', 0.9],
    ['0.9', 0.9],
    ['85.5', 0.855],
    ['0', 0],
    ['100%', 1],
  ])('--idle-threshold %s is %d', (raw, expected) => {
    expect(parseIdleThreshold(raw)).toBeCloseTo(expected, 12);
  });

  test.each(['150', '-5', 'abc', '', '90%%', '101%'])('--idle-threshold %j is refused', (raw) => {
    expect(() => parseIdleThreshold(raw)).toThrow(/闲置资金阈值/);
  });

  test('--tolerance keeps the decimal exactly', () => {
    expect(parseTolerance('0.01')).toBe('0.01');
    expect(parseTolerance('5')).toBe('5');
    for (const bad of ['-0.01', '1e3', 'x', '']) expect(() => parseTolerance(bad)).toThrow(/容差/);
  });

  test('settingsFromOptions only sets what was given', () => {
    expect(settingsFromOptions({})).toEqual({});
    expect(settingsFromOptions({ tolerance: '0.5', 'idle-threshold': '80%' })).toEqual({ tolerance: '0.5', idleThreshold: 0.8 });
  });

  test('the options SETTINGS_OPTIONS declares are the ones settingsFromOptions reads', () => {
    const parsed = parseArgs(['a.xlsx', '--tolerance', '0.5', '--idle-threshold=80%'], { ...SPECS, ...SETTINGS_OPTIONS }, 'x');
    expect(settingsFromOptions(parsed.options)).toEqual({ tolerance: '0.5', idleThreshold: 0.8 });
  });
});

describe('textOrJson', () => {
  test('text by default, json when asked, anything else refused in both languages', () => {
    expect(textOrJson(parseArgs([], SPECS, 'x'))).toBe('text');
    expect(textOrJson(parseArgs(['--format', 'json'], SPECS, 'x'))).toBe('json');
    expect(() => textOrJson(parseArgs(['--format', 'xml'], SPECS, 'x'))).toThrow(/输出格式“xml”无效：应为 text 或 json.*invalid format "xml"/);
  });
});

test('an option given twice with two values is refused, naming both (issue #11)', () => {
  const specs = { output: { type: 'string' as const, alias: 'o' } };
  expect(() => parseArgs(['a.xlsx', '-o', 'x.docx', '-o', 'y.docx'], specs, 'report')).toThrow(/选项 --output 给了两次（x\.docx、y\.docx）/);
  // The same value twice is harmless.
  expect(parseArgs(['a.xlsx', '-o', 'x.docx', '--output=x.docx'], specs, 'report').options.output).toBe('x.docx');
});
