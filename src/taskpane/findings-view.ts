/**
 * The findings list as the pane shows it: filtered by severity, grouped by sheet or by rule,
 * flattened into the order ↑/↓ walks. Pure functions over plain arrays, memoised by the pane.
 */
import { Finding, RULE_LABEL, SEVERITY_ORDER, Severity } from '../core/findings';
import { parseAddress } from '../core/address';
import { Locale } from './i18n';
import type { ListRow } from './VirtualListbox';

export type GroupBy = 'sheet' | 'rule';

export interface ViewOptions {
  groupBy: GroupBy;
  severities: ReadonlySet<Severity>;
  showIgnored: boolean;
  ignored: Record<string, string>;
}

export interface FindingGroup {
  key: string;
  title: string;
  findings: Finding[];
}

/**
 * The visible findings in groups, each sorted (errors first, then by sheet and cell). Sort keys
 * are worked out once per finding, so 20,000 findings group in a few milliseconds.
 */
export function groupFindings(findings: Finding[], options: ViewOptions, locale: Locale): FindingGroup[] {
  const sheetRank = new Map<string, number>();
  for (const f of findings) if (!sheetRank.has(f.sheet)) sheetRank.set(f.sheet, sheetRank.size);
  const bySheet = options.groupBy === 'sheet';
  const groups = new Map<string, { group: FindingGroup; keyed: { f: Finding; k: number[] }[] }>();
  for (const f of findings) {
    if (!options.severities.has(f.severity) || (!options.showIgnored && options.ignored[f.id] !== undefined)) continue;
    const key = bySheet ? f.sheet : f.rule;
    let g = groups.get(key);
    if (!g) {
      g = { group: { key, title: bySheet ? f.sheet : RULE_LABEL[f.rule]?.[locale] ?? f.rule, findings: [] }, keyed: [] };
      groups.set(key, g);
    }
    const at = parseAddress(f.cell);
    const k = bySheet
      ? [SEVERITY_ORDER[f.severity], at?.row ?? 0, at?.col ?? 0]
      : [SEVERITY_ORDER[f.severity], sheetRank.get(f.sheet)!, at?.row ?? 0, at?.col ?? 0];
    g.keyed.push({ f, k });
  }
  const list: FindingGroup[] = [];
  const worst = new Map<string, number>();
  for (const { group, keyed } of groups.values()) {
    keyed.sort((a, b) => {
      for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return a.k[i] - b.k[i];
      return 0;
    });
    group.findings = keyed.map((x) => x.f);
    worst.set(group.key, keyed[0].k[0]);
    list.push(group);
  }
  return bySheet
    ? list.sort((a, b) => sheetRank.get(a.key)! - sheetRank.get(b.key)!)
    : list.sort((a, b) => worst.get(a.key)! - worst.get(b.key)! || b.findings.length - a.findings.length);
}

/** The rows of the windowed list: each group's title, then its findings. */
export function findingRows(groups: FindingGroup[]): ListRow<Finding>[] {
  const rows: ListRow<Finding>[] = [];
  for (const g of groups) {
    rows.push({ key: `group:${g.key}`, kind: 'header', group: g.key, groupLabel: g.title, text: `${g.title}（${g.findings.length}）` });
    for (const f of g.findings) rows.push({ key: f.id, kind: 'option', group: g.key, groupLabel: g.title, item: f });
  }
  return rows;
}

export function flatten(groups: FindingGroup[]): Finding[] {
  return groups.flatMap((g) => g.findings);
}

/** The id ↑/↓ moves to; stays at the ends rather than wrapping, as list boxes do. */
export function moveSelection(order: readonly { id: string }[], currentId: string | null, delta: number): string | null {
  if (!order.length) return null;
  const i = currentId ? order.findIndex((f) => f.id === currentId) : -1;
  if (i < 0) return order[delta >= 0 ? 0 : order.length - 1].id;
  return order[Math.max(0, Math.min(order.length - 1, i + delta))].id;
}

export function counts(findings: Finding[], ignored: Record<string, string>) {
  const c = { error: 0, warning: 0, info: 0, ignored: 0 };
  for (const f of findings) {
    if (ignored[f.id] !== undefined) c.ignored += 1;
    else c[f.severity] += 1;
  }
  return c;
}

/** A decimal string shown with thousands separators, keeping its own decimals. */
export function formatAmount(value: string | undefined, unit?: string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (unit === '%') {
    const n = Number(value) * 100;
    return Number.isFinite(n) ? `${n.toFixed(2)}%` : value;
  }
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!m) return value;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** The severity filter with one severity switched on or off. */
export function toggleSeverity<S>(current: ReadonlySet<S>, sev: S): Set<S> {
  const next = new Set(current);
  if (next.has(sev)) next.delete(sev);
  else next.add(sev);
  return next;
}
