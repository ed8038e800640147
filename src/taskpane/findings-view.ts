/**
 * The findings list as the pane shows it: filtered by severity, grouped by sheet or by rule,
 * flattened into the order ↑/↓ walks. Pure functions over plain data.
 */
import { Finding, RULE_LABEL, SEVERITY_ORDER, Severity } from '../core/findings';
import { parseAddress } from '../core/address';
import { Locale } from './i18n';

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

function cellOrder(a: Finding, b: Finding): number {
  const pa = parseAddress(a.cell);
  const pb = parseAddress(b.cell);
  return (pa?.row ?? 0) - (pb?.row ?? 0) || (pa?.col ?? 0) - (pb?.col ?? 0);
}

export function groupFindings(findings: Finding[], options: ViewOptions, locale: Locale): FindingGroup[] {
  const visible = findings.filter((f) => options.severities.has(f.severity) && (options.showIgnored || options.ignored[f.id] === undefined));
  const groups = new Map<string, FindingGroup>();
  const sheetOrder: string[] = [];
  for (const f of findings) if (!sheetOrder.includes(f.sheet)) sheetOrder.push(f.sheet);
  for (const f of visible) {
    const key = options.groupBy === 'sheet' ? f.sheet : f.rule;
    const title = options.groupBy === 'sheet' ? f.sheet : RULE_LABEL[f.rule]?.[locale] ?? f.rule;
    if (!groups.has(key)) groups.set(key, { key, title, findings: [] });
    groups.get(key)!.findings.push(f);
  }
  const list = [...groups.values()];
  for (const g of list) {
    g.findings.sort((a, b) =>
      options.groupBy === 'sheet'
        ? SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || cellOrder(a, b)
        : SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || sheetOrder.indexOf(a.sheet) - sheetOrder.indexOf(b.sheet) || cellOrder(a, b),
    );
  }
  const worst = (g: FindingGroup) => Math.min(...g.findings.map((f) => SEVERITY_ORDER[f.severity]));
  return options.groupBy === 'sheet'
    ? list.sort((a, b) => sheetOrder.indexOf(a.key) - sheetOrder.indexOf(b.key))
    : list.sort((a, b) => worst(a) - worst(b) || b.findings.length - a.findings.length);
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

export interface ListKeys<T extends { id: string }> {
  items: readonly T[];
  activeId: string | null;
  setActiveId(id: string | null): void;
  /** DOM id of an item's row, to keep the active row in view. */
  rowId(id: string): string;
  /** Enter: act on the active item (or the first). */
  onEnter(item: T): void;
  /** Space on the active item, where the list has a detail view. */
  onSpace?(id: string): void;
}

/** ↑/↓ move through a list, Enter acts on the active item: the same keys in every list of the pane. */
export function listKeyHandler<T extends { id: string }>(keys: ListKeys<T>): (e: { key: string; preventDefault(): void }) => void {
  return (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const id = moveSelection(keys.items, keys.activeId, e.key === 'ArrowDown' ? 1 : -1);
      keys.setActiveId(id);
      if (id) document.getElementById(keys.rowId(id))?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      const item = keys.items.find((x) => x.id === keys.activeId) ?? keys.items[0];
      if (item) {
        e.preventDefault();
        keys.onEnter(item);
      }
    } else if (e.key === ' ' && keys.activeId && keys.onSpace) {
      e.preventDefault();
      keys.onSpace(keys.activeId);
    }
  };
}
