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
  changeEvents: boolean;
  undoGroup: boolean;
}

export interface Blocker {
  zh: string;
  en: string;
}

export function excelFeatures(isSet: IsSetSupported): ExcelFeatures {
  return {
    read: isSet('ExcelApi', '1.7'),
    mergedAreas: isSet('ExcelApi', '1.13'),
    hiddenRows: isSet('ExcelApi', '1.3'),
    highlight: isSet('ExcelApi', '1.9'),
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
  if (isSet && !isSet('ExcelApi', '1.7')) {
    return {
      zh: '预算对账助手需要 Excel API 1.7 或更高（Office 2019 及以上、Microsoft 365 或网页版 Excel）。当前 Excel 版本过旧，无法读取工作表。',
      en: 'Budget Recon needs Excel API 1.7 or later (Office 2019 or later, Microsoft 365, or Excel on the web). This Excel is too old to read the sheets.',
    };
  }
  return null;
}
