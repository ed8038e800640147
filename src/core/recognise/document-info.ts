/**
 * 年度 and 单位名称 from the published tables themselves, for workbooks with no 单位基本情况 sheet: a title
 * (「天津市西青区行政审批局2016年“三公”经费预算」, 「2026年部门收入预算总表」) and an 编制部门 / 单位名称 row
 * (「编制部门：上海市普陀区城市管理行政执法局」). Each keeps the cell it came from and how it was read.
 */
import { address } from '../address';
import { Grid } from '../grid';
import { DocumentInfo } from '../model';
import { WorkbookSnapshot } from '../snapshot';
import { foldTraditional, withoutPinyin } from '../traditional';

/** Rows at the top of a sheet where titles and 编制单位 lines stand. */
const TOP_ROWS = 6;
const NAME_FIELD = /^(编制部门|编制单位|单位名称|部门名称|填报单位|部门[(（]单位[)）]|预算单位|部门|单位)\s*[:：]\s*(\S.{1,40})$/;
const NAME_LABEL = /^(编制部门|编制单位|单位名称|部门名称|填报单位|预算单位|实施单位)\s*[:：]?$/;
/** An organisation's name ends like one. */
const ORG = /(局|委|办|院|校|所|站|中心|街道|镇|乡|会|馆|社|委员会|政府|部|厅|队|处|室|联|园|办事处|公司|集团|医院|学校|幼儿园)$/;
/** A fiscal year in a title, never a date (「填报日期：2023年4月15日」, 「2016年1月起」). */
const TITLE_YEAR = /(20\d{2}|19\d{2})\s*年\s*(度)?(?!\s*\d{1,2}\s*月)/;

/** 「219001-池州市贵池区棠溪镇人民政府」, 「汨罗市中医院[单户表]」: the name without a code or a form note. */
function cleanName(s: string): string {
  return s.replace(/^\d+\s*[-－—]\s*/, '').replace(/\s*[[［【][^\]］】]*[\]］】]$/, '').replace(/[)）]$/, '').trim();
}

function plain(s: string): string {
  return foldTraditional(withoutPinyin(s)).replace(/\s+/g, '').trim();
}

export function readDocumentInfo(grids: Grid[], properties?: WorkbookSnapshot['properties']): DocumentInfo | undefined {
  const years = new Map<string, { count: number; sheet: string; cell: string }>();
  let unitName: DocumentInfo['unitName'];
  let finals = 0;
  let budgets = 0;
  let titleName: DocumentInfo['unitName'];
  for (const grid of grids) {
    for (let r = grid.rowOffset; r < Math.min(grid.rowEnd, grid.rowOffset + TOP_ROWS); r++) {
      for (let c = grid.colOffset; c < grid.colEnd; c++) {
        const raw = grid.text(r, c);
        if (!raw) continue;
        const t = plain(raw);
        if (/日期|填报时间|打印/.test(t)) continue;
        const field = NAME_FIELD.exec(t);
        if (field && !unitName && !/万元|元$/.test(field[2])) unitName = { value: cleanName(field[2]), sheet: grid.name, cell: address(r, c), how: '编制单位行' };
        if (NAME_LABEL.test(t) && !unitName) {
          for (let k = c + 1; k < grid.colEnd; k++) {
            const v = plain(grid.text(r, k));
            if (!v) continue;
            if (ORG.test(cleanName(v)) && v.length <= 40) unitName = { value: cleanName(v), sheet: grid.name, cell: address(r, k), how: '编制单位行' };
            break;
          }
        }
        if (/表$|决算$|预算$/.test(t) && t.length <= 60) {
          if (/决算/.test(t)) finals++;
          else if (/预算/.test(t)) budgets++;
        }
        const y = TITLE_YEAR.exec(t);
        // A title, or a year standing alone under one (「（2022年度）」, as 绩效自评表 print it).
        if (y && (/表|决算|预算|报告|情况|自评|三公/.test(t) || /^[（(]?\d{4}年度?[)）]?$/.test(t))) {
          const e = years.get(y[1]) ?? { count: 0, sheet: grid.name, cell: address(r, c) };
          e.count++;
          years.set(y[1], e);
          // 「天津市西青区行政审批局2016年“三公”经费预算」: the organisation before the year.
          const before = t.slice(0, y.index).replace(/^[一二三四五六七八九十]+、/, '');
          if (!titleName && before.length >= 3 && ORG.test(before)) titleName = { value: before, sheet: grid.name, cell: address(r, c), how: '表题' };
        }
      }
    }
  }
  let year: DocumentInfo['year'];
  let best = 0;
  for (const [value, e] of years) {
    if (e.count > best) {
      best = e.count;
      year = { value, sheet: e.sheet, cell: e.cell, how: '表题' };
    }
  }
  // The file's own properties, last: 标题 「××2024年度部门决算」, 单位 (Company). Their cell is none.
  const propText = plain(`${properties?.title ?? ''} ${properties?.subject ?? ''}`);
  let propName: DocumentInfo['unitName'];
  const y = properties ? TITLE_YEAR.exec(propText) : null;
  if (y) {
    year ??= { value: y[1], sheet: '', cell: '', how: '文件属性' };
    const before = propText.slice(0, y.index);
    if (before.length >= 3 && ORG.test(before)) propName = { value: before, sheet: '', cell: '', how: '文件属性' };
  }
  const company = plain(properties?.company ?? '');
  if (!propName && company && ORG.test(cleanName(company))) propName = { value: cleanName(company), sheet: '', cell: '', how: '文件属性' };
  const name = unitName ?? titleName ?? propName;
  const kind = finals > budgets ? '决算' : budgets > finals ? '预算' : undefined;
  return year || name || kind ? { ...(year ? { year } : {}), ...(name ? { unitName: name } : {}), ...(kind ? { kind } : {}) } : undefined;
}
