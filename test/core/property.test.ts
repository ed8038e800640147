/**
 * Property tests: random grids, from noise to near-real tables, fed to validateWorkbook.
 * Whatever the input, the engine must not throw, must point only at real cells, must speak
 * Chinese, must keep numbers as decimal strings and ids unique, and must not depend on the
 * order of the sheets.
 */
import fc from 'fast-check';
import { parseAddress } from '../../src/core/address';
import { Finding } from '../../src/core/findings';
import { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../src/core/snapshot';
import { readModel } from '../../src/core/recognise';
import { validateModel, validateWorkbook } from '../../src/core/validate';
import { seedWorkbook } from '../../src/samples/seed-workbook';

const FS = '\u3000';

// Headers and labels copied from synonyms.json and REFERENCE §1 (tests must not read ../shared).
const HEADERS = [
  '序号', '项目名称', '项目编码', '上级项目', '上年结转结余', '上年结转', '年初预算数', '年初预算', '预算数', '调整追加', '年中追加',
  '调增', '调减', '调整数', '全年预算数', '调整后预算数', '全年预算', '上级转移支付', '其他资金', '当年财政拨款', '实际支出',
  '全年执行数', '执行数', '决算数', '结余结转', '结转结余', '结余', '结转资金', '执行率', '预算执行率', '执行率(%)', '主要用途',
  '绩效情况', '存在问题', '改进措施', '资金来源', '行次', '金额', '项目',
];
const LINES = [
  '收入合计', '一、收入合计', '年初预算', '（一）调整追加', '其他资金', '支出合计', '基本支出', `${FS}${FS}其中：工资福利支出`,
  `${FS}${FS}${FS}对个人和家庭的补助`, '商品和服务支出', '人员经费', '公用经费', '项目支出', '结余结转', '一般公共预算财政拨款收入',
  '政府性基金预算财政拨款收入', '上级补助收入', '事业收入', '其他收入', '本年收入合计', '使用非财政拨款结余', '年初结转和结余',
  '收入总计', '本年支出合计', '结余分配', '年末结转和结余', '支出总计', '一般公共服务支出', '单位名称', '编制人数', '实有人数',
];
const ROW_LABELS = ['合计', '总计', '小计', '项目支出合计', '其中：村级办公经费', `${FS}${FS}春节慰问费`, '一、年初预算项目', '会议费', '培训费', '某项目'];
const UNIT_LINES = ['单位：万元', '金额单位：元', '单位：亿元', '单位:元', '编制单位：某局', '注：本表数据来自一体化系统', '填表人：张敏'];
const ERRORS = ['#REF!', '#VALUE!', '#DIV/0!', '#N/A', '#NAME?', '#NUM!', '#NULL!'];
const FORMATS = ['General', '0.00', '#,##0.00', '0.00%', '0%', '@', '0.0', '#,##0', '[Red]#,##0.00;(#,##0.00)', '"¥"#,##0.00', null];

const money = fc.integer({ min: -100_000_000, max: 100_000_000 }).map((n) => n / 100);
const numericText = fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.constantFrom('plain', 'thousands', 'fullwidth', 'wan', 'yuan', 'paren', 'minus', 'percent')).map(([n, style]) => {
  const v = (n / 100).toFixed(2);
  switch (style) {
    case 'thousands':
      return Number(v).toLocaleString('en-US', { minimumFractionDigits: 2 });
    case 'fullwidth':
      return v.replace(/[0-9.]/g, (c) => (c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
    case 'wan':
      return `${v}万元`;
    case 'yuan':
      return `${v}元`;
    case 'paren':
      return `(${v})`;
    case 'minus':
      return `-${v}`;
    case 'percent':
      return `${v}%`;
    default:
      return v;
  }
});

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: money },
  { weight: 2, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 100, 0.5, 95.54, 1e15, -0, Number.MAX_SAFE_INTEGER) },
  { weight: 3, arbitrary: numericText },
  { weight: 3, arbitrary: fc.constantFrom(...HEADERS) },
  { weight: 3, arbitrary: fc.constantFrom(...LINES) },
  { weight: 2, arbitrary: fc.constantFrom(...ROW_LABELS) },
  { weight: 1, arbitrary: fc.constantFrom(...UNIT_LINES) },
  { weight: 1, arbitrary: fc.constantFrom(...ERRORS) },
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom('', '—', '-', '/', '无', ' ', '1,2', '１２', '2.1', '1.1.1') },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

interface Extras {
  rowOffset: number;
  colOffset: number;
  merges: [number, number, number, number][];
  hidden: number[];
  formats: (string | null)[];
  withFormulas: boolean;
  hiddenSheet: boolean;
}

const extras: fc.Arbitrary<Extras> = fc.record({
  rowOffset: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 })),
  colOffset: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 })),
  merges: fc.array(fc.tuple(fc.nat(45), fc.nat(18), fc.nat(4), fc.nat(6)), { maxLength: 6 }),
  hidden: fc.array(fc.nat(45), { maxLength: 5 }),
  formats: fc.array(fc.constantFrom(...FORMATS), { minLength: 1, maxLength: 6 }),
  withFormulas: fc.boolean(),
  hiddenSheet: fc.boolean(),
});

/** Pure noise: a ragged grid of anything. */
const noiseGrid = fc.array(fc.array(cellValue, { maxLength: 15 }), { maxLength: 40 });

/** Something close to a real project table, with noise: a title, a 单位 row, a header, data rows. */
const tableGrid = fc
  .tuple(
    fc.constantFrom(...UNIT_LINES.slice(0, 4), null),
    fc.shuffledSubarray(HEADERS, { minLength: 3, maxLength: 12 }),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...ROW_LABELS), fc.string({ minLength: 1, maxLength: 6 })), fc.array(fc.oneof({ weight: 5, arbitrary: money }, { weight: 1, arbitrary: cellValue }), { maxLength: 12 })), { maxLength: 34 }),
    fc.boolean(),
  )
  .map(([unit, headers, rows, twoRow]) => {
    const grid: CellValue[][] = [['某县某局2024年度项目支出表'], unit ? [null, unit] : []];
    const withName = headers.includes('项目名称') ? headers : ['项目名称', ...headers];
    if (twoRow) grid.push(['资金来源', ...withName.slice(1).map(() => null)]);
    grid.push(withName);
    for (const [label, figures] of rows) grid.push([label, ...figures]);
    return grid;
  });

/** A summary: labels in a column, amounts beside them, sometimes two blocks side by side. */
const summaryGrid = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...LINES), cellValue, fc.constantFrom(...LINES), cellValue), { minLength: 3, maxLength: 30 }), fc.boolean())
  .map(([lines, sideBySide]) => {
    const grid: CellValue[][] = [['收入支出决算总表'], [null, null, '金额单位：万元'], sideBySide ? ['项目', '行次', '金额', '项目', '行次', '金额'] : ['项目', '金额']];
    lines.forEach(([a, av, b, bv], i) => grid.push(sideBySide ? [a, i + 1, av, b, i + 40, bv] : [a, av]));
    return grid;
  });

function toSheet(name: string, values: CellValue[][], x: Extras): SheetSnapshot {
  const formulas = values.map((row, r) => row.map((v, c) => (x.withFormulas && typeof v === 'number' && (r + c) % 3 === 0 ? `=SUM(A1:A${r + 1})` : null)));
  const numberFormats = values.map((row, r) => row.map((_, c) => x.formats[(r * 7 + c) % x.formats.length]));
  const a1 = (r: number, c: number) => {
    let name = '';
    let n = c + 1;
    while (n > 0) {
      name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
      n = Math.floor((n - 1) / 26);
    }
    return `${name}${r + 1}`;
  };
  return {
    name,
    values,
    formulas,
    numberFormats,
    rowOffset: x.rowOffset,
    colOffset: x.colOffset,
    merges: x.merges.map(([r, c, h, w]) => `${a1(r + x.rowOffset, c + x.colOffset)}:${a1(r + x.rowOffset + h, c + x.colOffset + w)}`),
    hiddenRows: x.hidden.map((r) => r + x.rowOffset),
    hidden: x.hiddenSheet,
  };
}

const SHEET_NAMES = ['Sheet1', '项目支出明细', '收支情况', '表3', '财决01表', '单位基本情况', '校验结果', '附表 (2)', "O'Brien", '模板'];

const workbook: fc.Arbitrary<WorkbookSnapshot> = fc
  .array(fc.tuple(fc.oneof({ weight: 2, arbitrary: noiseGrid }, { weight: 3, arbitrary: tableGrid }, { weight: 2, arbitrary: summaryGrid }), extras), { minLength: 1, maxLength: 4 })
  .chain((sheets) =>
    fc.shuffledSubarray(SHEET_NAMES, { minLength: sheets.length, maxLength: sheets.length }).map((names) => ({
      sheets: sheets.map(([values, x], i) => toSheet(names[i], values, x)),
    })),
  );

const DECIMAL = /^-?\d+(\.\d+)?$/;
const CHINESE = /[\u4e00-\u9fff]/;

/** Every place a finding points at must be a cell of the named sheet's used range. */
function realCell(wb: WorkbookSnapshot, sheet: string, cell: string): boolean {
  const s = wb.sheets.find((x) => x.name === sheet);
  const a = parseAddress(cell);
  if (!s || !a) return false;
  const top = s.rowOffset ?? 0;
  const left = s.colOffset ?? 0;
  const width = s.values.reduce((w, row) => Math.max(w, row ? row.length : 0), 0);
  return a.row >= top && a.row < top + s.values.length && a.col >= left && a.col < left + width;
}

function checkFinding(wb: WorkbookSnapshot, f: Finding): void {
  const where = `${f.rule} ${f.sheet}!${f.cell}: ${f.message}`;
  if (!realCell(wb, f.sheet, f.cell)) throw new Error(`finding outside the sheet: ${where}`);
  for (const r of f.related) if (!realCell(wb, r.sheet, r.cell)) throw new Error(`related cell ${r.sheet}!${r.cell} outside the sheet: ${where}`);
  if (f.fix && !realCell(wb, f.fix.sheet, f.fix.cell)) throw new Error(`fix cell ${f.fix.sheet}!${f.fix.cell} outside the sheet: ${where}`);
  if (!f.message || !CHINESE.test(f.message)) throw new Error(`message not in Chinese: ${where}`);
  if (!f.messageEn) throw new Error(`no English message: ${where}`);
  // The text as typed and error codes live in `raw`; every figure field is a decimal string.
  const numeric = { expected: f.expected, difference: f.difference, tolerance: f.tolerance, actual: f.actual };
  for (const [k, v] of Object.entries(numeric)) if (v !== undefined && !DECIMAL.test(v)) throw new Error(`${k} "${v}" is not a decimal string: ${where}`);
  if (f.fix && !DECIMAL.test(f.fix.value)) throw new Error(`fix value "${f.fix.value}" is not a decimal string: ${where}`);
}

/** A finding as a sheet-order-independent fact. */
const fact = (f: Finding) =>
  [f.rule, f.sheet, f.cell, f.severity, f.expected, f.actual, f.difference, f.message, f.related.map((r) => `${r.sheet}!${r.cell}`).sort().join(',')].join('|');

describe('validateWorkbook on random grids', () => {
  test('never throws; findings point at real cells, speak Chinese, carry decimal strings and unique ids', () => {
    fc.assert(
      fc.property(workbook, (wb) => {
        const r = validateWorkbook(wb);
        const ids = new Set<string>();
        for (const f of r.findings) {
          checkFinding(wb, f);
          if (ids.has(f.id)) throw new Error(`duplicate id ${f.id}`);
          ids.add(f.id);
        }
        for (const f of r.findings)
          for (const id of f.fix?.findingIds ?? []) if (!ids.has(id)) throw new Error(`fix of ${f.id} names an unknown finding ${id}`);
        for (const n of r.notChecked) {
          if (!CHINESE.test(n.reason) || !n.check) throw new Error(`notChecked without a Chinese reason: ${JSON.stringify(n)}`);
          if (n.sheet && n.cell && !realCell(wb, n.sheet, n.cell)) throw new Error(`notChecked cell outside the sheet: ${JSON.stringify(n)}`);
        }
        if (r.unusable && r.findings.length) throw new Error('an unusable workbook must have no findings');
        expect(r.summary.errors + r.summary.warnings + r.summary.infos + r.summary.ignored).toBe(r.findings.length);
      }),
      { numRuns: 1000 },
    );
  });

  test('a fix only ever names an operand of an identity it clears, never a cell of a row holding an unreadable figure (issue #11)', () => {
    // Random workbooks, some figures replaced by what users type where a figure belongs.
    const withUnreadable = workbook.chain((wb) =>
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('见附表', '#REF!', 'NaN', '-')), { maxLength: 4 }).map((holes) => {
        const sheets = wb.sheets.map((s) => ({ ...s, values: s.values.map((r) => [...r]) }));
        for (const [a, b, text] of holes) {
          const s = sheets[a % sheets.length];
          const numeric = s.values.flatMap((r, i) => r.map((v, j) => (typeof v === 'number' ? [i, j] : null))).filter((x): x is number[] => !!x);
          if (!numeric.length) continue;
          const [i, j] = numeric[b % numeric.length];
          s.values[i][j] = text;
        }
        return { sheets };
      }),
    );
    fc.assert(
      fc.property(withUnreadable, (wb) => {
        const r = validateWorkbook(wb);
        const byId = new Map(r.findings.map((f) => [f.id, f]));
        const blind = new Set(r.notChecked.filter((n) => /不是数字|不是有效/.test(n.reason) && n.sheet && n.cell).map((n) => `${n.sheet}!${parseAddress(n.cell!)!.row}`));
        for (const f of r.findings) {
          if (!f.fix || f.fix.cell === f.cell) continue;
          const operands = f.fix.findingIds.flatMap((id) => {
            const e = byId.get(id)?.equation;
            return e ? [e.target, ...e.parts].map((o) => `${o.sheet}!${o.cell}`) : [];
          });
          if (!operands.includes(`${f.fix.sheet}!${f.fix.cell}`)) throw new Error(`fix ${f.fix.sheet}!${f.fix.cell} of ${f.id} is no operand of what it clears`);
          if (blind.has(`${f.fix.sheet}!${parseAddress(f.fix.cell)!.row}`)) throw new Error(`fix ${f.fix.cell} of ${f.id} sits in a row with an unreadable figure`);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('permuting the sheets does not change the set of findings', () => {
    fc.assert(
      fc.property(
        workbook.chain((wb) => fc.shuffledSubarray(wb.sheets, { minLength: wb.sheets.length, maxLength: wb.sheets.length }).map((shuffled) => [wb, { sheets: shuffled }] as const)),
        ([wb, shuffled]) => {
          const a = validateWorkbook(wb).findings.map(fact).sort();
          const b = validateWorkbook(shuffled).findings.map(fact).sort();
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('reading tables into figure arrays changes nothing: same findings as reading them row by row', () => {
    fc.assert(
      fc.property(workbook, (wb) => {
        const fast = validateWorkbook(wb);
        const read = readModel(wb);
        for (const t of read.model.projectTables) delete t.figures;
        const slow = validateModel(read.model, read.grids);
        const outcome = (r: typeof fast) => JSON.stringify({ findings: r.findings, notChecked: r.notChecked, summary: r.summary, unusable: r.unusable });
        expect(outcome(slow)).toBe(outcome(fast));
      }),
      { numRuns: 300 },
    );
  });

  test('settings never make it throw: odd tolerances and thresholds', () => {
    fc.assert(
      fc.property(workbook, fc.constantFrom('', 'abc', '-1', '0', '0.005', '1e3', 'NaN'), fc.constantFrom(undefined, 0, -1, 0.5, 1.5, Number.NaN), (wb, tolerance, idleThreshold) => {
        const r = validateWorkbook(wb, { tolerance, idleThreshold });
        for (const f of r.findings) checkFinding(wb, f);
      }),
      { numRuns: 150 },
    );
  });

  test('applying a proposed fix clears the findings it names (random workbooks and the seed sample)', () => {
    const check = (wb: WorkbookSnapshot) => {
      const before = validateWorkbook(wb);
      for (const f of before.findings) {
        // Beyond 15 significant digits neither Excel nor a double holds the value. Rate fixes are
        // left to rate.test.ts: in a one- or two-row column the percent-number guess (a value
        // above 5) can flip when the fix is applied, which says nothing about the fix.
        if (!f.fix || f.rule === 'rate' || f.fix.value.replace(/^-?0*\.?0*/, '').replace('.', '').length > 15) continue;
        const fixed = applyFix(wb, f.fix.sheet, f.fix.cell, Number(f.fix.value));
        if (!fixed) throw new Error(`fix cell ${f.fix.sheet}!${f.fix.cell} not found`);
        const after = new Map(validateWorkbook(fixed).findings.map((x) => [x.id, x]));
        for (const id of f.fix.findingIds) {
          const still = after.get(id);
          if (still && still.severity === before.findings.find((x) => x.id === id)?.severity)
            throw new Error(`fix ${f.fix.message} of ${f.id} does not clear ${id}: ${still.message}`);
        }
      }
    };
    check(seedWorkbook());
    // Seed -171935091 once found a fix replayed with the decimals the cell showed before it (test/core/fixes.test.ts).
    fc.assert(fc.property(workbook, (wb) => check(wb)), { numRuns: 200 });
  });
});

/** A copy of the workbook with one cell set to a number; null when the cell is outside the sheet. */
function applyFix(wb: WorkbookSnapshot, sheet: string, cell: string, value: number): WorkbookSnapshot | null {
  const a = parseAddress(cell);
  const s = wb.sheets.find((x) => x.name === sheet);
  if (!a || !s) return null;
  const r = a.row - (s.rowOffset ?? 0);
  const c = a.col - (s.colOffset ?? 0);
  if (r < 0 || c < 0 || r >= s.values.length) return null;
  const values = s.values.map((row) => (row ? [...row] : row));
  values[r][c] = value;
  const numberFormats = s.numberFormats?.map((row) => (row ? [...row] : row));
  // A text cell becomes a number shown with the decimals the fix carries.
  if (numberFormats?.[r] && (numberFormats[r][c] === '@' || numberFormats[r][c] == null)) numberFormats[r][c] = 'General';
  return { sheets: wb.sheets.map((x) => (x === s ? { ...s, values, numberFormats } : x)) };
}
