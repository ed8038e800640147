/**
 * Checks a report against its workbook: every figure equals its source cell (or what its
 * formula computes from its inputs), every quoted text is in its cell, and no other digit
 * appears in the text. Shared by the report tests.
 */
import Decimal from 'decimal.js';
import { parseAddress } from '../../src/core/address';
import { parseNumber } from '../../src/core/numbers';
import { WorkbookSnapshot, CellValue } from '../../src/core/snapshot';
import { Report, Run } from '../../src/core/report/types';
import { sourceCells } from '../../src/core/report/figures';
import { paragraphPlainText } from '../../src/core/report/segments';

const NUMBER_RE = /\d+(?:\.\d+)?/g;

export function cellValue(snapshot: WorkbookSnapshot, sheet: string, cell: string): { value: CellValue; format: string | null } {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const a = parseAddress(cell);
  if (!a) throw new Error(`bad address ${cell}`);
  const r = a.row - (s.rowOffset ?? 0);
  const c = a.col - (s.colOffset ?? 0);
  return { value: s.values[r]?.[c] ?? null, format: s.numberFormats?.[r]?.[c] ?? null };
}

function numberAt(snapshot: WorkbookSnapshot, sheet: string, cell: string): Decimal {
  const { value, format } = cellValue(snapshot, sheet, cell);
  const p = parseNumber(value, format);
  if (p.kind !== 'number') throw new Error(`${sheet}!${cell} is not a number: ${String(value)}`);
  return p.value;
}

/** Problems found; empty when every number in the text is accounted for. */
export function checkReportSources(report: Report, snapshot: WorkbookSnapshot): string[] {
  const problems: string[] = [];
  for (const p of report.paragraphs) {
    if (p.style === 'note') continue; // the 待核实 list quotes cell addresses and engine messages
    let masked = '';
    p.runs.forEach((r: Run) => {
      if (r.kind === 'figure') {
        masked += '#';
        problems.push(...checkFigure(r, snapshot));
      } else if (r.kind === 'text' && (r.source || r.ordinal)) {
        masked += '@';
        if (r.source?.sheet && r.source.cell && !r.source.formula) {
          const { value } = cellValue(snapshot, r.source.sheet, r.source.cell);
          const cellText = String(value ?? '').replace(/\s|\u3000/g, '');
          if (!cellText.includes(r.text.replace(/\s|\u3000/g, ''))) problems.push(`text 「${r.text}」 not in ${r.source.sheet}!${r.source.cell} 「${cellText}」`);
        }
      } else if (r.kind === 'placeholder') {
        // A 【请补充：…】 marker is a request to the user (it may quote a project name), not report text.
        masked += '?';
      } else {
        masked += r.text;
      }
    });
    // An outline's own enumerator at the start of a paragraph (「1．人员情况」) is structure, not a figure.
    const body = masked.replace(/^\d+[．.]/, '');
    const stray = body.match(/[0-9０-９]+/g);
    if (stray) problems.push(`unsourced number(s) ${stray.join(', ')} in 「${masked}」`);

    // The same from the other side: every number in the printed text is one the runs account for.
    const allowed: string[] = [];
    for (const r of p.runs) {
      if (r.kind === 'figure') allowed.push(r.text);
      else if (r.kind === 'placeholder' || r.source || (r.kind === 'text' && r.ordinal)) allowed.push(...(r.text.match(NUMBER_RE) ?? []));
    }
    const printed = paragraphPlainText(p).replace(/^\d+[．.]/, '');
    for (const n of printed.match(NUMBER_RE) ?? []) {
      const i = allowed.indexOf(n);
      if (i < 0) problems.push(`number ${n} in 「${printed}」 is not a figure of the paragraph`);
      else allowed.splice(i, 1);
    }
  }
  return problems;
}

function checkFigure(r: Extract<Run, { kind: 'figure' }>, snapshot: WorkbookSnapshot): string[] {
  const shown = new Decimal(r.text);
  const value = new Decimal(r.value);
  const decimals = r.unit === '' || r.unit === '人' || r.unit === '个' || r.unit === '项' ? 0 : 2;
  if (!value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).equals(shown)) return [`figure ${r.text} does not print its value ${r.value}`];
  const src = r.source;
  if (src.sheet && src.cell) {
    const { value: raw, format } = cellValue(snapshot, src.sheet, src.cell);
    if (r.unit === '' || r.unit === '人' || r.unit === '个' || r.unit === '项') {
      const m = /\d+/.exec(String(raw));
      return m && m[0] === r.text ? [] : [`${r.text} is not the number in ${src.sheet}!${src.cell} (${String(raw)})`];
    }
    const p = parseNumber(raw, format);
    if (p.kind !== 'number') return [`${src.sheet}!${src.cell} is not a number`];
    const expected = r.unit === '%' && (p.percent || p.value.abs().lessThanOrEqualTo(5)) ? p.value.times(100) : p.value;
    return expected.equals(value) ? [] : [`${r.text} ≠ ${src.sheet}!${src.cell} = ${expected.toString()}`];
  }
  if (!src.formula) return [`figure ${r.text} has neither a cell nor a formula`];
  const inputs = sourceCells(src);
  if (src.formula.startsWith('设置')) return [];
  if (r.unit === '项' || r.unit === '个') {
    // Counts: of the listed cells, or of the items in one cell.
    if (inputs.length === 1) return [];
    return inputs.length === value.toNumber() ? [] : [`count ${r.text} ≠ ${inputs.length} inputs`];
  }
  if (inputs.length === 0) return [`derived ${r.text} (${src.formula}) lists no inputs`];
  const nums = inputs.map((c) => numberAt(snapshot, c.sheet, c.cell));
  let expected: Decimal | null = null;
  if (src.formula.includes('÷')) {
    const pct = (x: Decimal) => (x.abs().lessThanOrEqualTo(5) ? x : x); // inputs are money
    expected = nums.length === 2 ? pct(nums[0]).div(nums[1]).times(100) : null;
  } else if (src.formula.includes('−') && nums.length === 2 && !src.formula.includes('+')) {
    expected = nums[0].minus(nums[1]);
  } else if (src.formula.startsWith('−')) {
    expected = nums[0].negated();
  } else if (!src.formula.includes('−')) {
    expected = nums.reduce((s, x) => s.plus(x), new Decimal(0));
  }
  if (expected === null) return [];
  return expected.equals(value) ? [] : [`${r.text} (${src.formula}) ≠ recomputed ${expected.toString()}`];
}
