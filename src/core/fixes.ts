/**
 * Which cell is wrong? Each error suggests candidate corrections (its stated total, or one of
 * its operands); each candidate is replayed against every identity the engine checked. The
 * one that clears most findings, breaking the fewest, becomes the finding's fix. This is how
 * 434.35 in 基本支出 is blamed for both 基本支出 and 支出合计 disagreeing.
 */
import Decimal from 'decimal.js';
import { Finding, Operand } from './findings';
import { checkEquation } from './rounding';
import { CheckedEquation, termOf } from './rules/context';

interface Candidate {
  sheet: string;
  cell: string;
  value: Decimal;
  decimals: number;
  own: boolean;
}

const keyOf = (o: { sheet: string; cell: string }) => `${o.sheet}!${o.cell}`;

export function inferFixes(findings: Finding[], equations: CheckedEquation[]): void {
  const byCell = new Map<string, CheckedEquation[]>();
  const valuesAt = new Map<string, Set<string>>();
  for (const eq of equations) {
    for (const o of [eq.equation.target, ...eq.equation.parts]) {
      const k = keyOf(o);
      const list = byCell.get(k);
      if (list) {
        if (!list.includes(eq)) list.push(eq);
      } else byCell.set(k, [eq]);
      const vs = valuesAt.get(k) ?? new Set<string>();
      vs.add(o.value);
      valuesAt.set(k, vs);
    }
  }

  const substitute = (o: Operand, c: Candidate): Operand => (keyOf(o) === keyOf(c) ? { ...o, value: c.value.toFixed() } : o);

  const evaluate = (c: Candidate) => {
    const cleared: string[] = [];
    let broken = 0;
    for (const eq of byCell.get(keyOf(c)) ?? []) {
      const target = substitute(eq.equation.target, c);
      const parts = eq.equation.parts.map((p) => substitute(p, c));
      const after = checkEquation(termOf(target), parts.map(termOf), eq.tolerance).outcome;
      if (eq.outcome === 'mismatch' && after !== 'mismatch') cleared.push(eq.findingId ?? '');
      if (eq.outcome !== 'mismatch' && after === 'mismatch') broken++;
    }
    return { cleared: cleared.filter(Boolean), broken };
  };

  for (const f of findings) {
    if (f.severity !== 'error' || !f.equation || f.fix) continue;
    const { target, parts } = f.equation;
    const expected = new Decimal(f.expected ?? target.value);
    const diff = new Decimal(target.value).minus(expected);
    const candidates: Candidate[] = [{ sheet: target.sheet, cell: target.cell, value: expected, decimals: target.decimals, own: true }];
    for (const p of parts) {
      if (p.weight === 0) continue;
      candidates.push({ sheet: p.sheet, cell: p.cell, value: new Decimal(p.value).plus(diff.div(p.weight)), decimals: p.decimals, own: false });
    }
    let best: { c: Candidate; cleared: string[]; broken: number } | null = null;
    for (const c of candidates) {
      // A cell seen in different units (converted across sheets) cannot be replayed simply.
      if ((valuesAt.get(keyOf(c))?.size ?? 0) > 1) continue;
      if (c.value.isNegative() && !c.own) continue;
      const r = evaluate(c);
      if (!r.cleared.length) continue;
      const better =
        !best ||
        r.cleared.length > best.cleared.length ||
        (r.cleared.length === best.cleared.length && (r.broken < best.broken || (r.broken === best.broken && c.own && !best.c.own)));
      if (better) best = { c, ...r };
    }
    if (!best) continue;
    const { c, cleared, broken } = best;
    const shown = c.value.toFixed(Math.max(2, c.decimals));
    const where = c.sheet === f.sheet ? c.cell : `${c.sheet}!${c.cell}`;
    const tail = cleared.length >= 2 ? `可消除 ${cleared.length} 项差异` : '';
    const warn = broken ? `（另有 ${broken} 处相关数字需一并复核）` : '';
    f.fix = {
      sheet: c.sheet,
      cell: c.cell,
      value: c.value.toFixed(),
      clears: cleared.length,
      findingIds: cleared,
      message: `将 ${where} 改为 ${shown}${tail ? ' ' + tail : ''}${warn}`,
      messageEn: `set ${where} to ${shown}${cleared.length >= 2 ? `; clears ${cleared.length} findings` : ''}${broken ? `; ${broken} related figure(s) need review` : ''}`,
    };
  }
}
