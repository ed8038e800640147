import { Grid } from '../grid';
import { BudgetModel } from '../model';
import { OWNED_SHEET_NAMES, WorkbookSnapshot } from '../snapshot';
import { readProjectTables } from './project-table';
import { readSummaryBlocks } from './summary';
import { isTemplateSheet, readTemplateSheet, readUnitInfo } from './unit-info';

export { findProjectHeader } from './project-table';

/** Recognises every sheet by its content (never by name or position) into the budget model. */
export function readModel(snapshot: WorkbookSnapshot): { model: BudgetModel; grids: Grid[] } {
  const model: BudgetModel = {
    projectTables: [],
    summaries: [],
    templates: [],
    notes: [],
    unrecognisedSheets: [],
    skippedSheets: [],
    cellsRead: 0,
  };
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
    const tables = readProjectTables(grid, model.notes);
    if (tables.length) {
      model.projectTables.push(...tables);
      continue;
    }
    const info = !model.unitInfo ? readUnitInfo(grid) : null;
    if (info) {
      model.unitInfo = info;
      continue;
    }
    const blocks = readSummaryBlocks(grid, model.notes);
    if (blocks.length) {
      model.summaries.push(...blocks);
      continue;
    }
    model.unrecognisedSheets.push(sheet.name);
  }
  return { model, grids };
}
