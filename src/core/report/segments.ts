/**
 * What every renderer needs from a paragraph: its runs grouped so a figure and its unit
 * stay together (「434.35万元」), with the 待核实 mark placed after the unit.
 */
import { sourceCells } from './figures';
import { CELL_SEPARATOR, isTableRow, Paragraph, Run, Source } from './types';

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'figure'; text: string; unit: string; unverified: boolean; source: Source }
  | { kind: 'placeholder'; text: string };

export const UNVERIFIED_MARK = '〔待核实〕';

export function paragraphSegments(p: Paragraph): Segment[] {
  const out: Segment[] = [];
  const runs: Run[] = p.runs;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    if (r.kind === 'figure') {
      let unit = '';
      const next = runs[i + 1];
      if (r.unit && next && next.kind === 'text' && !next.source && next.text.startsWith(r.unit)) {
        unit = r.unit;
        const rest = next.text.slice(unit.length);
        out.push({ kind: 'figure', text: r.text, unit, unverified: !!r.unverified, source: r.source });
        if (rest) out.push({ kind: 'text', text: rest });
        i++;
        continue;
      }
      out.push({ kind: 'figure', text: r.text, unit, unverified: !!r.unverified, source: r.source });
    } else if (r.kind === 'placeholder') {
      out.push({ kind: 'placeholder', text: r.text });
    } else {
      const last = out[out.length - 1];
      if (last && last.kind === 'text') last.text += r.text;
      else out.push({ kind: 'text', text: r.text });
    }
  }
  return out;
}

/** The paragraph as plain text, with 〔待核实〕 after each flagged figure. */
export function paragraphPlainText(p: Paragraph): string {
  return paragraphSegments(p)
    .map((s) => (s.kind === 'figure' ? s.text + s.unit + (s.unverified ? UNVERIFIED_MARK : '') : s.text))
    .join('');
}

/** Source cells of a paragraph's figures, grouped by sheet: 「收支情况!B4、B5；项目支出明细!H5」. */
export function paragraphSources(p: Paragraph, max = 40): string {
  const bySheet = new Map<string, string[]>();
  const seen = new Set<string>();
  let total = 0;
  for (const r of p.runs) {
    if (r.kind !== 'figure') continue;
    for (const c of sourceCells(r.source)) {
      const key = `${c.sheet}!${c.cell}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total++;
      if (total > max) continue;
      const list = bySheet.get(c.sheet) ?? [];
      list.push(c.cell);
      bySheet.set(c.sheet, list);
    }
  }
  const parts = [...bySheet].map(([sheet, cells]) => `${sheet}!${cells.join('、')}`);
  const more = total > max ? `等 ${total} 处` : '';
  return parts.join('；') + more;
}

/** A table row's cells: its runs split at the cell separator (text runs may hold several). */
export function tableCells(p: Paragraph): Paragraph[] {
  const cells: Run[][] = [[]];
  for (const r of p.runs) {
    if (r.kind !== 'text' || !r.text.includes(CELL_SEPARATOR)) {
      cells[cells.length - 1].push(r);
      continue;
    }
    r.text.split(CELL_SEPARATOR).forEach((part, k) => {
      if (k > 0) cells.push([]);
      if (part) cells[cells.length - 1].push({ ...r, text: part });
    });
  }
  return cells.map((runs) => ({ style: p.style, runs }));
}

/** The body in reading order: a paragraph, or a run of consecutive table rows (one table). */
export function bodyBlocks(ps: Paragraph[]): ({ kind: 'paragraph'; p: Paragraph; next?: Paragraph } | { kind: 'table'; rows: Paragraph[] })[] {
  const out: ({ kind: 'paragraph'; p: Paragraph; next?: Paragraph } | { kind: 'table'; rows: Paragraph[] })[] = [];
  for (let i = 0; i < ps.length; i++) {
    if (!isTableRow(ps[i])) {
      out.push({ kind: 'paragraph', p: ps[i], next: ps[i + 1] });
      continue;
    }
    let j = i;
    while (j < ps.length && isTableRow(ps[j])) j++;
    out.push({ kind: 'table', rows: ps.slice(i, j) });
    i = j - 1;
  }
  return out;
}
