/**
 * What this Excel can do, from its API sets, and the plain message for hosts that cannot run
 * the add-in at all. Pure: the caller passes Office's isSetSupported and the user agent.
 */

export type IsSetSupported = (name: string, version: string) => boolean;

export interface ExcelFeatures {
  /** Reading by row blocks (getRangeByIndexes). */
  read: boolean;
  mergedAreas: boolean;
  hiddenRows: boolean;
  /** RangeAreas and fill patterns, needed to mark and restore exactly. */
  highlight: boolean;
  /** RangeAreas.select (ExcelApi 1.18): select a finding's cell with its related cells. */
  selectAreas: boolean;
  changeEvents: boolean;
  undoGroup: boolean;
}

export interface Blocker {
  zh: string;
  en: string;
}

/**
 * The add-in cannot read a workbook below this (getRangeByIndexes, workbook.properties). The
 * manifest's <Requirements> ask for less on purpose, so that older Excel opens the pane and says so.
 */
export const MIN_EXCEL_API = '1.7';

export function excelFeatures(isSet: IsSetSupported): ExcelFeatures {
  return {
    read: isSet('ExcelApi', MIN_EXCEL_API),
    mergedAreas: isSet('ExcelApi', '1.13'),
    hiddenRows: isSet('ExcelApi', '1.3'),
    highlight: isSet('ExcelApi', '1.9'),
    // Office 2021 (1.14) and Office 2024 (1.17) perpetual never get it; Mac from 16.93.
    selectAreas: isSet('ExcelApi', '1.18'),
    changeEvents: isSet('ExcelApi', '1.9'),
    undoGroup: isSet('ExcelApi', '1.20'),
  };
}

/** IE11 (Trident) and the old Edge (EdgeHTML) host add-ins in some volume-licensed Office. */
export function isLegacyBrowser(userAgent: string): boolean {
  return /Trident\/|MSIE |Edge\/\d/.test(userAgent);
}

/** Why the add-in cannot run here, or null when it can. */
export function blocker(isSet: IsSetSupported | null, userAgent: string): Blocker | null {
  if (isLegacyBrowser(userAgent)) {
    return {
      zh: '此版本的 Office 用 Internet Explorer 或旧版 Edge 显示加载项，预算对账助手无法在其中运行。请使用 Microsoft 365、Office 2021 及以上版本，或网页版 Excel。',
      en: 'This Office shows add-ins in Internet Explorer or legacy Edge, where Budget Recon cannot run. Use Microsoft 365, Office 2021 or later, or Excel on the web.',
    };
  }
  if (isSet && !isSet('ExcelApi', MIN_EXCEL_API)) {
    return {
      zh: '预算对账助手需要 Excel API 1.7 或更高（Office 2019 及以上、Microsoft 365 或网页版 Excel）。当前 Excel 版本过旧，无法读取工作表。',
      en: 'Budget Recon needs Excel API 1.7 or later (Office 2019 or later, Microsoft 365, or Excel on the web). This Excel is too old to read the sheets.',
    };
  }
  return null;
}
