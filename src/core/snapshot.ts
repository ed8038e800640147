/**
 * The plain workbook snapshot every host hands to the core.
 * Hosts (Office.js, ExcelJS) translate their own object models into this shape;
 * the core never sees anything else.
 */

/** A cell's value as Excel reports it. Error values are strings such as "#REF!". */
export type CellValue = string | number | boolean | null;

export interface SheetSnapshot {
  name: string;
  /** 0-based row of values[0] in the sheet (the used range may not start at row 1). */
  rowOffset?: number;
  /** 0-based column of values[r][0] in the sheet. */
  colOffset?: number;
  /** Row-major grid of values. Rows may be ragged; missing cells are blank. */
  values: CellValue[][];
  /** Same shape as values: "=SUM(B3:B9)" for formula cells, null or "" for constants. */
  formulas?: (string | null)[][];
  /** Same shape as values: Excel number format codes ("0.00", "#,##0.00", "0.00%", "General"). */
  numberFormats?: (string | null)[][];
  /**
   * Sparse, same coordinates as values: for a number cell whose value a double cannot hold (the file wrote
   * more significant digits than the 17 a double keeps, e.g. 123456789012345678901234567890.12), the digits
   * as written. The core reads the figure from them; values keeps the double. Absent for nearly every sheet.
   */
  exactNumbers?: (string | null | undefined)[][];
  /** Merged areas as A1 ranges in sheet coordinates, e.g. "A1:F1". */
  merges?: string[];
  /** 0-based sheet rows that are hidden. */
  hiddenRows?: number[];
  /** Whether the sheet itself is hidden or very hidden. */
  hidden?: boolean;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** The file's document properties (docProps), where the reader has them: a last resort for 年度 and 单位名称. */
  properties?: { title?: string; subject?: string; company?: string };
  /** Sheets the workbook lists whose content could not be read (a part missing from the package). */
  unreadableSheets?: { name: string; reason: string; reasonEn: string }[];
}

/** Excel's error literals; a cell value equal to one of these is an error, not text. */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
]);

/** The very hidden sheet where the Excel add-in records the fills its marks replaced. */
export const MARKS_SHEET_NAME = '校验标记记录';

/** Sheets the add-in writes itself; they are never read as user data. */
export const OWNED_SHEET_NAMES: ReadonlySet<string> = new Set(['校验结果', '自评报告', MARKS_SHEET_NAME]);
