/**
 * Marks the findings' cells and takes the marks away again, exactly.
 *
 * Marking changes a user's fill, so before the first mark each cell's own fill (colour, pattern,
 * pattern colour, tints) is read and recorded; 清除标记 puts those back. The record lives in
 * workbook.settings: it is saved inside the file (so marks can be cleared after closing and
 * reopening), it is invisible to the user, it needs no sheet of ours in their workbook, and it
 * is read in the same sync as the fills. It is grouped by fill, so a workbook whose marked cells
 * had no fill stores little more than their addresses.
 *
 * Both operations take two syncs whatever the number of cells: one to read, one to write, with
 * one RangeAreas per sheet and colour (cut into address lists Excel accepts).
 */
import { Finding, SEVERITY_ORDER, Severity } from '../core/findings';
import { chunkAddresses, compressCells, expandAreas } from './cell-addresses';

export const MARKS_SETTING = 'budgetRecon.marks';

/** Fill colours per severity: Excel's own "bad / neutral / note" styles, readable in print. */
export const SEVERITY_FILL: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

export interface FillState {
  color: string | null;
  pattern: string | null;
  patternColor: string | null;
  tintAndShade: number | null;
  patternTintAndShade: number | null;
}

/** The record of what marking replaced: sheet → groups of cells that shared one fill. */
export interface MarksRecord {
  v: 1;
  sheets: Record<string, { fill: FillState; cells: string }[]>;
}

export interface MarkTarget {
  sheet: string;
  cell: string;
  severity: Severity;
}

/** The cells to mark: each finding's own cell, the most severe colour where several meet. */
export function markTargets(findings: Finding[], ignored: Record<string, string> = {}): MarkTarget[] {
  const best = new Map<string, MarkTarget>();
  for (const f of findings) {
    if (ignored[f.id] !== undefined) continue;
    const k = `${f.sheet}\u0000${f.cell}`;
    const prev = best.get(k);
    if (!prev || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prev.severity]) best.set(k, { sheet: f.sheet, cell: f.cell, severity: f.severity });
  }
  return [...best.values()];
}

function parseRecord(value: unknown): MarksRecord | null {
  try {
    const parsed = typeof value === 'string' ? JSON.parse(value) : value;
    if (parsed && parsed.v === 1 && typeof parsed.sheets === 'object') return parsed as MarksRecord;
  } catch {
    // A damaged record cannot be trusted to restore anything; treat it as absent.
  }
  return null;
}

/** sheet → cell → recorded fill */
function recordedFills(rec: MarksRecord | null): Map<string, Map<string, FillState>> {
  const out = new Map<string, Map<string, FillState>>();
  if (!rec) return out;
  for (const [sheet, groups] of Object.entries(rec.sheets)) {
    const m = new Map<string, FillState>();
    for (const g of groups) for (const cell of expandAreas(g.cells)) m.set(cell, g.fill);
    out.set(sheet, m);
  }
  return out;
}

function buildRecord(fills: Map<string, Map<string, FillState>>): MarksRecord {
  const rec: MarksRecord = { v: 1, sheets: {} };
  for (const [sheet, cells] of fills) {
    const groups = new Map<string, { fill: FillState; cells: string[] }>();
    for (const [cell, fill] of cells) {
      const k = JSON.stringify(fill);
      if (!groups.has(k)) groups.set(k, { fill, cells: [] });
      groups.get(k)!.cells.push(cell);
    }
    if (groups.size) rec.sheets[sheet] = [...groups.values()].map((g) => ({ fill: g.fill, cells: compressCells(g.cells).join(',') }));
  }
  return rec;
}

/** Queues writes that give `cells` of `ws` back the fill they had. */
function queueRestore(ws: Excel.Worksheet, cells: Map<string, FillState>): void {
  const groups = new Map<string, { fill: FillState; cells: string[] }>();
  for (const [cell, fill] of cells) {
    const k = JSON.stringify(fill);
    if (!groups.has(k)) groups.set(k, { fill, cells: [] });
    groups.get(k)!.cells.push(cell);
  }
  for (const { fill, cells: list } of groups.values()) {
    for (const chunk of chunkAddresses(compressCells(list))) {
      const f = ws.getRanges(chunk).format.fill;
      if (fill.pattern === 'None' || fill.pattern === null) {
        f.clear();
        continue;
      }
      if (fill.color !== null) f.color = fill.color;
      if (fill.tintAndShade !== null) f.tintAndShade = fill.tintAndShade;
      f.pattern = fill.pattern as Excel.FillPattern;
      if (fill.patternColor !== null) f.patternColor = fill.patternColor;
      if (fill.patternTintAndShade !== null) f.patternTintAndShade = fill.patternTintAndShade;
    }
  }
}

export interface MarkStats {
  syncs: number;
  marked: number;
  restored: number;
}

function readFill(f: Excel.RangeFill): FillState {
  return {
    color: f.color ?? null,
    pattern: f.pattern ?? null,
    patternColor: f.patternColor ?? null,
    tintAndShade: f.tintAndShade ?? null,
    patternTintAndShade: f.patternTintAndShade ?? null,
  };
}

/**
 * Sync 1 reads the record and the current fill of every target; sync 2 restores cells that are
 * no longer findings, colours the targets and saves the merged record. A cell already marked
 * keeps its first recorded fill, so marking twice never records our own colour as the user's.
 */
export async function highlightCells(context: Excel.RequestContext, targets: MarkTarget[]): Promise<MarkStats> {
  const stats: MarkStats = { syncs: 0, marked: 0, restored: 0 };
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const setting = context.workbook.settings.getItemOrNullObject(MARKS_SETTING);
  setting.load('value');
  const bySheet = new Map<string, MarkTarget[]>();
  for (const t of targets) {
    if (!bySheet.has(t.sheet)) bySheet.set(t.sheet, []);
    bySheet.get(t.sheet)!.push(t);
  }
  // The targets come from a read made moments ago, so their sheets exist; if one was deleted in
  // between, the batch fails before anything is written.
  const reads: { sheet: string; cell: string; fill: Excel.RangeFill }[] = [];
  for (const [sheet, list] of bySheet) {
    const ws = sheets.getItem(sheet);
    for (const t of list) {
      const fill = ws.getRange(t.cell).format.fill;
      fill.load('color,pattern,patternColor,tintAndShade,patternTintAndShade');
      reads.push({ sheet, cell: t.cell, fill });
    }
  }
  await context.sync();
  stats.syncs += 1;

  const before = recordedFills(parseRecord(setting.isNullObject ? null : setting.value));
  const existing = new Set(sheets.items.map((s) => s.name));
  const after = new Map<string, Map<string, FillState>>();
  for (const r of reads) {
    if (!after.has(r.sheet)) after.set(r.sheet, new Map());
    after.get(r.sheet)!.set(r.cell, before.get(r.sheet)?.get(r.cell) ?? readFill(r.fill));
  }
  // Cells marked before but not now get their own fill back.
  for (const [sheet, cells] of before) {
    if (!existing.has(sheet)) continue;
    const still = after.get(sheet);
    const restore = new Map([...cells].filter(([cell]) => !still?.has(cell)));
    if (restore.size) {
      queueRestore(sheets.getItem(sheet), restore);
      stats.restored += restore.size;
    }
  }
  for (const [sheet, list] of bySheet) {
    const ws = sheets.getItem(sheet);
    for (const severity of ['error', 'warning', 'info'] as Severity[]) {
      const cells = list.filter((t) => t.severity === severity).map((t) => t.cell);
      for (const chunk of chunkAddresses(compressCells(cells))) ws.getRanges(chunk).format.fill.color = SEVERITY_FILL[severity];
    }
    stats.marked += list.length;
  }
  const record = buildRecord(after);
  if (Object.keys(record.sheets).length) context.workbook.settings.add(MARKS_SETTING, JSON.stringify(record));
  else if (!setting.isNullObject) setting.delete();
  await context.sync();
  stats.syncs += 1;
  return stats;
}

/** Sync 1 reads the record; sync 2 gives every recorded cell its fill back and drops the record. */
export async function clearMarks(context: Excel.RequestContext): Promise<MarkStats> {
  const stats: MarkStats = { syncs: 0, marked: 0, restored: 0 };
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const setting = context.workbook.settings.getItemOrNullObject(MARKS_SETTING);
  setting.load('value');
  await context.sync();
  stats.syncs += 1;
  if (setting.isNullObject) return stats;
  const existing = new Set(sheets.items.map((s) => s.name));
  for (const [sheet, cells] of recordedFills(parseRecord(setting.value))) {
    // A sheet deleted or renamed since has nothing left to restore under that name.
    if (!existing.has(sheet)) continue;
    queueRestore(sheets.getItem(sheet), cells);
    stats.restored += cells.size;
  }
  setting.delete();
  await context.sync();
  stats.syncs += 1;
  return stats;
}
