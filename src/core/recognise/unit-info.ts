import { Grid } from '../grid';
import { normaliseLabel } from '../labels';
import { TemplateSheet, UnitInfo, UnitInfoEntry, UnitInfoKey } from '../model';
import { UNIT_INFO_LABELS } from '../vocabulary';
import { refOf } from './cells';

function unitInfoKey(label: string): UnitInfoKey | null {
  for (const [variant, key] of UNIT_INFO_LABELS) if (label === variant) return key;
  for (const [variant, key] of UNIT_INFO_LABELS) if (variant.length >= 4 && label.startsWith(variant)) return key;
  return null;
}

/** A 单位基本情况 sheet: label/value rows, recognised when at least three labels are known. */
export function readUnitInfo(grid: Grid): UnitInfo | null {
  const labelCols = Math.min(grid.colEnd, grid.colOffset + 3);
  for (let labelCol = grid.colOffset; labelCol < labelCols; labelCol++) {
    const entries: UnitInfoEntry[] = [];
    const known = new Set<UnitInfoKey>();
    for (let r = grid.rowOffset; r < grid.rowEnd; r++) {
      const raw = grid.text(r, labelCol);
      let value = '';
      let col = labelCol + 1;
      for (; col < grid.colEnd; col++) {
        if (grid.isMergedCovered(r, col)) continue;
        value = grid.text(r, col);
        if (value) break;
      }
      // A blank (or vertically merged) label continues the entry above: 主要职能 over several rows.
      const last = entries[entries.length - 1];
      if (!raw && value && last && last.key !== '单位简介' && last.ref.row === r - 1) {
        entries.push({ ...last, value, ref: refOf(grid, r, col) });
        continue;
      }
      if (!raw || raw.length > 20) continue;
      const label = normaliseLabel(raw);
      const key = unitInfoKey(label);
      if (!key) {
        if (value && entries.length) entries.push({ key: '单位简介', label, value, ref: refOf(grid, r, col) });
        continue;
      }
      if (!value) continue;
      known.add(key);
      entries.push({ key, label, value, ref: refOf(grid, r, col) });
    }
    if (known.size >= 3) return { sheet: grid.name, entries: entries.filter((e) => e.key !== '单位简介' || e.label !== '项目') };
  }
  return null;
}

const TEMPLATE_SHEET = /^(报告)?模板|^template$/i;

export function isTemplateSheet(name: string): boolean {
  return TEMPLATE_SHEET.test(name.trim());
}

export function readTemplateSheet(grid: Grid): TemplateSheet {
  const rows: TemplateSheet['rows'] = [];
  for (let r = grid.rowOffset; r < grid.rowEnd; r++) {
    const cells: string[] = [];
    let any = false;
    for (let c = grid.colOffset; c < grid.colEnd; c++) {
      const t = grid.text(r, c);
      cells[c] = t;
      if (t) any = true;
    }
    if (any) rows.push({ row: r, cells });
  }
  return { sheet: grid.name, rows };
}
