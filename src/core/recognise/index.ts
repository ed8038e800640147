import { Grid } from '../grid';
import { normaliseLabel } from '../labels';
import { BudgetModel, CellNote, ProjectTable } from '../model';
import { BUDGET_LINES, FINAL_LINES, LINE_KEYS, matchVocabulary } from '../vocabulary';
import { OWNED_SHEET_NAMES, WorkbookSnapshot } from '../snapshot';
import { evaluateUncached } from '../formula-eval';
import { readProjectTables } from './project-table';
import { readSummaryBlocks } from './summary';
import { readLineTables } from './line-table';
import { isTemplateSheet, readTemplateSheet, readUnitInfo } from './unit-info';
import { readDocumentInfo } from './document-info';
import { readSelfEval } from './self-eval';

export { findProjectHeader } from './project-table';

/** Recognises every sheet by its content (never by name or position) into the budget model. */
export function readModel(input: WorkbookSnapshot): { model: BudgetModel; grids: Grid[] } {
  // Formulas a script saved without results are computed first (or listed), so no figure reads as blank.
  const { snapshot, computed, notComputed } = evaluateUncached(input);
  const model: BudgetModel = {
    projectTables: [],
    summaries: [],
    lineTables: [],
    selfEvals: [],
    templates: [],
    notes: [],
    unrecognisedSheets: [],
    skippedSheets: [],
    cellsRead: 0,
  };
  if (computed.length || notComputed.length) model.uncachedFormulas = { computed, notComputed };
  if (snapshot?.unreadableSheets?.length) model.unreadableSheets = snapshot.unreadableSheets;
  const grids: Grid[] = [];
  for (const sheet of snapshot?.sheets ?? []) {
    if (!sheet || typeof sheet.name !== 'string' || !Array.isArray(sheet.values)) continue;
    if (OWNED_SHEET_NAMES.has(sheet.name)) {
      model.skippedSheets.push(sheet.name);
      continue;
    }
    const grid = new Grid(sheet);
    grids.push(grid);
    for (const row of sheet.values) model.cellsRead += row ? row.length : 0;
    if (isTemplateSheet(sheet.name)) {
      model.templates.push(readTemplateSheet(grid));
      continue;
    }
    // A 绩效自评表 is read as one (its fund rows are also checked as a line table below); with its indicator
    // block it is never a project list, though its fund header reads like one (项目 | 全年预算数 | 全年执行数 | 执行率).
    const selfEval = readSelfEval(grid);
    const tableNotes: CellNote[] = [];
    const tables = selfEval?.indicators.length ? [] : readProjectTables(grid, tableNotes);
    // 「项目 | 预算数 | 决算数」 heads a summary too: when its rows are summary lines, it is one.
    if (tables.length && !tables.every(isSummaryInDisguise) && !tables.every((t) => isLineTableInDisguise(t, grid))) {
      // A project list with 全年预算数 | 全年执行数 | 执行率 columns and no indicators is no 自评表.
      model.projectTables.push(...tables);
      model.notes.push(...tableNotes);
      continue;
    }
    if (selfEval) model.selfEvals.push(selfEval);
    const info = !model.unitInfo ? readUnitInfo(grid) : null;
    if (info) {
      model.unitInfo = info;
      continue;
    }
    const lineNotes: CellNote[] = [];
    const lines = readLineTables(grid, lineNotes);
    // Lines by 功能分类 / 经济分类 code (基本支出 by 301 工资福利支出 …) are a public table, even where
    // their labels are those of a 收支总表.
    const coded = lines.some((t) => t.rows.filter((r) => r.code).length >= 3);
    const summaryNotes: CellNote[] = [];
    let blocks = coded ? [] : readSummaryBlocks(grid, summaryNotes);
    // A 自评表's fund block (年度资金总额 / 其中：当年财政拨款 … under 年初预算数 | 全年预算数 | 全年执行数 | 分值 |
    // 执行率 | 得分) is checked column by column as a line table, not as a one-column 收支总表.
    if (lines.length && blocks.length && isSelfEvaluationSheet(grid)) blocks = [];
    if (blocks.length) {
      model.summaries.push(...blocks);
      model.notes.push(...summaryNotes);
      continue;
    }
    if (lines.length) {
      model.lineTables.push(...lines);
      model.notes.push(...lineNotes);
      continue;
    }
    if (selfEval) continue;
    model.unrecognisedSheets.push(sheet.name);
  }
  const info = readDocumentInfo(grids, snapshot?.properties);
  if (info) model.documentInfo = info;
  return { model, grids };
}

const SELF_EVALUATION_HEADER = /^(年初预算数|全年预算数|全年执行数|调整后预算数|预算执行数|分值|得分|执行率|预算执行率|权重)$/;

/** A sheet with a 绩效自评表 fund header: a row naming at least three of its columns. */
function isSelfEvaluationSheet(grid: Grid): boolean {
  for (let r = grid.rowOffset; r < Math.min(grid.rowEnd, grid.rowOffset + 40); r++) {
    let hits = 0;
    for (let c = grid.colOffset; c < Math.min(grid.colEnd, grid.colOffset + 20); c++) if (SELF_EVALUATION_HEADER.test(normaliseLabel(grid.text(r, c)))) hits++;
    if (hits >= 3) return true;
  }
  return false;
}

/**
 * 「项目 | 预算数 | 决算数」 over 三公 items (因公出国（境）费, 公务接待费 …) or 功能分类 codes is a public
 * table, not a project list: 决算 above 预算 there is not an overspend.
 */
function isLineTableInDisguise(table: ProjectTable, grid: Grid): boolean {
  // A header naming 功能分类 / 经济分类 codes heads a public table (决算 by code).
  for (let r = table.headerRow; r <= Math.min(table.headerEndRow + 3, grid.rowEnd - 1); r++)
    for (let c = grid.colOffset; c < Math.min(grid.colEnd, grid.colOffset + 40); c++)
      if (/科目编码|功能分类|经济分类|类款项/.test(grid.text(r, c))) return true;
  // 三公 and code tables are a few dozen lines; a long project list is settled without reading its rows.
  if (table.rows.length > 200) return false;
  let sangong = 0;
  let coded = 0;
  for (const r of table.rows) {
    const k = matchVocabulary(LINE_KEYS, normaliseLabel(r.label));
    if (k && k !== 'total' && SANGONG_ITEMS.has(k)) sangong++;
    if (/^\d{3}(\d{2}){0,2}(?!\d)/.test(r.code ?? r.label)) coded++;
  }
  return sangong >= 2 || (coded >= 3 && coded * 2 >= table.rows.length);
}

const SANGONG_ITEMS = new Set(['abroad', 'reception', 'vehicle', 'vehiclePurchase', 'vehicleRun', 'sangongTotal']);

/** Rows that are, by exact label, lines of a 收支总表 or 决算 (收入合计, 基本支出 …), not projects. */
function isSummaryInDisguise(table: ProjectTable): boolean {
  const n = table.rows.length;
  let lines = 0;
  let others = 0;
  for (const r of table.rows) {
    const l = normaliseLabel(r.label);
    if (BUDGET_LINES.exact[l] || FINAL_LINES.exact[l]) lines++;
    // Settled once more than two rows in five are not summary lines (a project table).
    else if (++others * 5 > n * 2) return false;
  }
  return lines >= 3 && lines * 5 >= n * 3;
}
