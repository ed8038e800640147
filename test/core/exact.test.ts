/**
 * The exact fast path (micros as BigInt) must decide every check exactly as decimal.js does:
 * unit tests against decimal.js on adversarial numbers, and whole validations compared with the
 * fast path switched off (exact.ts mocked to give no micros, so everything goes to decimal.js).
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { addMicros, compareProducts, decimalOfMicros, exponentOfMicros, microsOfDecimal, microsOfNumber, productGapBelow, roundedMicrosOfNumber, roundMicros, timesMicros } from '../../src/core/exact';
import { decimalFromNumber } from '../../src/core/numbers';
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { readModel } from '../../src/core/recognise';
import { validateModel, validateWorkbook } from '../../src/core/validate';
import { seedWorkbook } from '../../src/samples/seed-workbook';
import { benchWorkbook } from '../../bench/workbook';

const MILLION = new Decimal(1e6);

/** What micros must be: the Decimal the engine reads for n, times 10⁶, when that is whole and small. */
function expectedMicros(n: number): number | undefined {
  const d = decimalFromNumber(n);
  if (d.decimalPlaces() > 6 || d.abs().gte(1e9)) return undefined;
  return Number(d.times(MILLION).toFixed(0)) + 0;
}

describe('microsOfNumber', () => {
  const cases = [0, -0, 1, 0.1, 0.2, 0.1 + 0.2, 416.47, 434.35, 150 - 149.6, 1114.27 - 902.96, 123456789.123456, 999999999.999999, -999999999.999999, 1e9, 8589934591.5, 1e-6, 1e-7, 0.0000015, 5e-324, 2 ** 33 + 0.25, 95.54 / 100, 3.14159265358979];
  it.each(cases)('agrees with decimal.js for %p', (n) => {
    const m = microsOfNumber(n);
    const want = expectedMicros(n);
    // micros may decline a figure decimal.js could hold (then the decimal path decides), never disagree.
    if (m !== undefined) expect(m).toBe(want);
    if (m !== undefined) expect(decimalOfMicros(m).eq(decimalFromNumber(n))).toBe(true);
  });

  it('takes every figure a budget sheet types (cents below 10⁹), and agrees on random doubles', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), (cents) => {
        const n = cents / 100;
        expect(microsOfNumber(n)).toBe(cents * 10000 + 0);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -2e9, max: 2e9, noNaN: true }), fc.integer({ min: 0, max: 8 }), (x, k) => {
        const n = Number(x.toFixed(k)); // typed figures with k decimals, and the noise of arithmetic
        for (const v of [n, x, n / 3, n - 0.1]) {
          const m = microsOfNumber(v);
          if (m !== undefined) expect(m).toBe(expectedMicros(v));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('declines binary residue and figures beyond its range', () => {
    expect(microsOfNumber(150 - 149.6)).toBeUndefined(); // 0.40000000000000568
    expect(microsOfNumber(1e9)).toBeUndefined();
    expect(microsOfNumber(1e-7)).toBeUndefined();
    expect(microsOfNumber(Number.NaN)).toBeUndefined();
    expect(microsOfNumber(Infinity)).toBeUndefined();
  });
});

describe('microsOfDecimal, roundMicros, roundedMicrosOfNumber', () => {
  it('microsOfDecimal is exact or undefined', () => {
    expect(microsOfDecimal(new Decimal('131.31'))).toBe(131310000);
    expect(microsOfDecimal(new Decimal('-0.000001'))).toBe(-1);
    expect(microsOfDecimal(new Decimal('0.0000001'))).toBeUndefined();
    expect(microsOfDecimal(new Decimal('1e9'))).toBeUndefined();
    expect(microsOfDecimal(new Decimal(NaN))).toBeUndefined();
  });

  it('roundMicros rounds half away from zero, as decimal.js ROUND_HALF_UP', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), fc.integer({ min: 0, max: 7 }), (m, d) => {
        const want = decimalOfMicros(m).toDecimalPlaces(d, Decimal.ROUND_HALF_UP);
        expect(decimalOfMicros(roundMicros(m, d)).eq(want)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(roundMicros(955450, 4)).toBe(955500);
    expect(roundMicros(-955450, 4)).toBe(-955500);
    expect(roundMicros(955449, 4)).toBe(955400);
  });

  it('roundedMicrosOfNumber agrees with decimal.js on rates worked out by formulas, and declines ties', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 6 }), (a, b, d) => {
        const n = a / 100 / (b / 100); // =G5/F5
        const r = roundedMicrosOfNumber(n, d);
        if (r === undefined) return;
        const want = decimalFromNumber(n).toDecimalPlaces(d, Decimal.ROUND_HALF_UP);
        expect(decimalOfMicros(r).eq(want)).toBe(true);
      }),
      { numRuns: 5000 },
    );
    // Exact ties, and numbers a hair either side of one.
    for (const [n, d] of [[0.95545, 4], [0.12345, 4], [-0.12345, 4], [2.5, 0], [0.954549999999, 4], [1.0000005, 6]] as const) {
      const r = roundedMicrosOfNumber(n, d);
      if (r !== undefined) expect(decimalOfMicros(r).eq(decimalFromNumber(n).toDecimalPlaces(d, Decimal.ROUND_HALF_UP))).toBe(true);
    }
    expect(roundedMicrosOfNumber(0.12345, 4)).toBeUndefined();
    expect(roundedMicrosOfNumber(2.5, 0)).toBeUndefined();
  });
});

describe('whole-number arithmetic on micros', () => {
  it('adds and multiplies exactly, or gives up beyond 2⁵³', () => {
    expect(addMicros(434350000, -416470000)).toBe(17880000);
    expect(addMicros(2 ** 52, 2 ** 52)).toBeUndefined();
    expect(addMicros(Number.MAX_SAFE_INTEGER, 1)).toBeUndefined();
    expect(addMicros(undefined, 1)).toBeUndefined();
    expect(timesMicros(10 ** 15, 9)).toBe(9 * 10 ** 15);
    expect(timesMicros(10 ** 15, 10)).toBeUndefined();
    expect(timesMicros(5, 0.5)).toBeUndefined();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), { maxLength: 40 }), (xs) => {
        let s: number | undefined = 0;
        let exact = 0n;
        let left = false; // did a partial sum leave the whole-number range?
        for (const x of xs) {
          s = addMicros(s, x);
          exact += BigInt(x);
          if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < -BigInt(Number.MAX_SAFE_INTEGER)) left = true;
        }
        if (left) expect(s).toBeUndefined();
        else expect(BigInt(s!)).toBe(exact);
      }),
      { numRuns: 2000 },
    );
  });

  it('compares products exactly', () => {
    // 0.9 × 100.000001 against 90.0000009: equal, though both products are beyond 2⁵³.
    expect(compareProducts(90000000900000, 1, 900000, 100000001)).toBe(0);
    expect(compareProducts(90000000899999, 1, 900000, 100000001)).toBe(-1);
    expect(productGapBelow(955400, 1, 955400, 1, 1, 1)).toBe(true);
    expect(productGapBelow(3, 1, 1, 1, 4, 1)).toBe(false); // 2·|3 − 1| = 4, not below 4
  });

  it('exponentOfMicros is the decimal exponent, exactly at powers of ten', () => {
    for (const v of ['1', '9.999999', '10', '0.1', '0.099999', '999999999.999999', '0.000001', '1000', '-1000', '999.99']) {
      const d = new Decimal(v);
      expect(exponentOfMicros(microsOfDecimal(d)!)).toBe(d.e);
    }
  });
});

/** validateWorkbook with the fast path off: exact.ts gives no micros, so decimal.js decides everything. */
function validateDecimalOnly(wb: WorkbookSnapshot, settings = {}): ReturnType<typeof validateWorkbook> {
  let result!: ReturnType<typeof validateWorkbook>;
  jest.isolateModules(() => {
    jest.doMock('../../src/core/exact', () => {
      const actual = jest.requireActual('../../src/core/exact');
      return { ...actual, microsOfNumber: () => undefined, microsOfDecimal: () => undefined, roundedMicrosOfNumber: () => undefined };
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const isolated = require('../../src/core/validate') as typeof import('../../src/core/validate');
    result = isolated.validateWorkbook(wb, settings);
  });
  return result;
}

const outcome = (r: ReturnType<typeof validateWorkbook>) => JSON.stringify({ findings: r.findings, notChecked: r.notChecked, summary: r.summary });

describe('validation with and without the fast path', () => {
  it('the switch really turns the fast path off', () => {
    const wb = seedWorkbook({ corrected: false });
    const fast = validateWorkbook(wb).model.projectTables[0].rows.find((r) => r.amounts.actualSpend)!.amounts.actualSpend!;
    const slow = validateDecimalOnly(wb).model.projectTables[0].rows.find((r) => r.amounts.actualSpend)!.amounts.actualSpend!;
    expect(fast.micros).toBeDefined();
    expect(slow.micros).toBeUndefined();
  });

  it.each([
    ['the seed sample with its slips', () => seedWorkbook({ corrected: false })],
    ['the corrected seed sample', () => seedWorkbook({ corrected: true })],
    ['the bench workbook (300 projects, planted slips)', () => benchWorkbook(300).snapshot],
  ])('gives the same findings, fixes and notChecked: %s', (_, make) => {
    const wb = make();
    const fast = validateWorkbook(wb);
    const slow = validateDecimalOnly(wb);
    expect(fast.findings.length).toBeGreaterThan(0);
    expect(outcome(fast)).toBe(outcome(slow));
    // With a user tolerance and another idle threshold too.
    const settings = { tolerance: '0.5', idleThreshold: 0.95 };
    expect(outcome(validateWorkbook(wb, settings))).toBe(outcome(validateDecimalOnly(wb, settings)));
  });

  it('tables read into figure arrays give the same findings as the same tables read row by row', () => {
    // Without figures (a table built by hand) every rule reads the rows' amounts.
    for (const wb of [seedWorkbook({ corrected: false }), benchWorkbook(300).snapshot, seedWorkbook({ corrected: true })]) {
      const withFigures = readModel(wb);
      const without = readModel(wb);
      for (const t of without.model.projectTables) delete t.figures;
      expect(withFigures.model.projectTables.every((t) => t.figures)).toBe(true);
      const settings = { tolerance: undefined, idleThreshold: 0.95 };
      expect(outcome(validateModel(withFigures.model, withFigures.grids, settings))).toBe(outcome(validateModel(without.model, without.grids, settings)));
    }
  });

  it('figure arrays grow with the rows read: a long table is whole, a stray far cell costs nothing', () => {
    // 3,000 projects and their sub-items: 4,500 rows, past the arrays' first size.
    const long = benchWorkbook(3000).snapshot;
    const read = readModel(long);
    const table = read.model.projectTables[0];
    expect(table.rows.length).toBe(6001); // 3,000 projects, 3,000 sub-items, 合计
    // One project in two hundred carries a typed-over 结余结转: all 15 are found, rows past 4,096 too.
    const totalRow = table.rows[table.rows.length - 1].row + 1;
    const slips = validateWorkbook(long).findings.filter((f) => f.rule === 'project-balance' && f.cell.startsWith('H') && Number(f.cell.slice(1)) < totalRow);
    expect(slips).toHaveLength(15);
    expect(slips.filter((f) => Number(f.cell.slice(1)) > 4096)).toHaveLength(4);
    const withFigures = validateModel(read.model, read.grids);
    const byRows = readModel(long);
    for (const t of byRows.model.projectTables) delete t.figures;
    expect(outcome(withFigures)).toBe(outcome(validateModel(byRows.model, byRows.grids)));
    expect(withFigures.findings.some((f) => f.rule === 'project-balance' && f.fix)).toBe(true);

    const small = benchWorkbook(20).snapshot;
    const values = small.sheets[0].values;
    while (values.length < 1_000_000) values.push([]);
    values.push(['备注']);
    const far = readModel(small).model.projectTables[0];
    expect(far.rows.length).toBe(41); // 20 projects, 20 sub-items, 合计
    expect(far.figures!.flags.find((a) => a)!.length).toBeLessThanOrEqual(4096);
  });

  it('gives the same result on random sheets of figures with rounding slips', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 900 })), { minLength: 5, maxLength: 30 }),
        fc.constantFrom('0.00', '0.0', '0', '#,##0.00', null),
        (rows, fmt) => {
          const values: (string | number | null)[][] = [['2024年度项目支出表'], [null, null, null, null, null, '单位：万元'], ['项目名称', '年初预算数', '全年预算数', '实际支出', '结余结转', '执行率']];
          const formats: (string | null)[][] = [[], [], []];
          rows.forEach(([a, b, slip, p], i) => {
            const budget = (a + b) / 100;
            const spend = Math.round(budget * p) / 100 / 10;
            const carry = budget - spend + slip / 1000; // binary residue, and now and then a slip
            values.push([`项目${i + 1}`, a / 100, budget, spend, carry, spend / budget]);
            formats.push([null, fmt, fmt, fmt, fmt, '0.00%']);
          });
          values.push(['合计', rows.reduce((s, r) => s + r[0], 0) / 100, null, null, null, null]);
          const wb: WorkbookSnapshot = { sheets: [{ name: '项目支出明细', values, numberFormats: formats }] };
          expect(outcome(validateWorkbook(wb))).toBe(outcome(validateDecimalOnly(wb)));
          const handBuilt = readModel(wb);
          for (const t of handBuilt.model.projectTables) delete t.figures;
          expect(outcome(validateModel(handBuilt.model, handBuilt.grids))).toBe(outcome(validateWorkbook(wb)));
        },
      ),
      { numRuns: 150 },
    );
  });
});
