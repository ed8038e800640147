/**
 * The 自评报告 sheet (one paragraph per row in column A, styled by level; the figures' source
 * cells in column B) and the starter 模板 sheet, added to the user's own package the same way
 * as the highlighted copy: nothing else in the workbook changes.
 */
import { ROOT_SCHEMA } from '../core/report/context';
import { Outline } from '../core/report/outline';
import { reportSheetRows } from '../core/report/sheet-rows';
import { outlineTemplateRows, placeholderReference } from '../core/report/template-sheet';
import { Report } from '../core/report/types';
import { putOwnedSheet } from './owned-sheet';
import { OoxmlPackage } from './package';
import { OutCell, worksheetXml } from './sheet-xml';
import { StylesEditor } from './styles';

export interface ReportCopyOptions {
  /** Also add a starter 模板 sheet for this outline, unless the workbook has one. */
  templateOutline?: Outline;
}

export interface ReportCopyResult {
  data: Uint8Array;
  rows: number;
  /** False when a template sheet was asked for but the workbook already has one (it is never replaced). */
  templateAdded: boolean;
}

export async function reportCopy(data: Uint8Array | ArrayBuffer, report: Report, options: ReportCopyOptions = {}): Promise<ReportCopyResult> {
  const pkg = await OoxmlPackage.load(data);
  const styles = await StylesEditor.open(pkg);
  const layout = reportSheetRows(report);
  const sourceStyle = styles.xf({ numFmt: '@', font: { name: '宋体', size: 9, color: 'FF595959' }, alignment: { wrapText: true, vertical: 'top' } });
  const headerStyle = styles.xf({ font: { name: '黑体', size: 11, bold: true }, alignment: { vertical: 'center' } });
  const rows: (OutCell | null)[][] = [layout.header.map((text) => ({ text, style: headerStyle }))];
  const heights = new Map<number, number>([[0, 20]]);
  layout.rows.forEach((r, i) => {
    // Text format, so a paragraph that starts with "=" or a digit is never read as a formula or number.
    const style = styles.xf({
      numFmt: '@',
      font: { name: r.font.name, size: r.font.size, bold: r.font.bold, color: r.font.color ? 'FF' + r.font.color : undefined },
      alignment: { wrapText: true, vertical: 'top', horizontal: r.align },
      fill: r.unverified ? 'FFFFF2CC' : undefined,
    });
    rows.push([{ text: r.text, style }, { text: r.sources, style: sourceStyle }]);
    heights.set(i + 1, r.height);
  });
  await putOwnedSheet(pkg, layout.name, worksheetXml({ rows, widths: [layout.columns.text, layout.columns.sources], rowHeights: heights, frozenRows: 1 }));

  let templateAdded = false;
  if (options.templateOutline) {
    const sheets = await pkg.sheets();
    // The user's own 模板 sheet is never touched.
    if (!sheets.some((s) => /^(报告)?模板$/.test(s.name.trim()))) {
      await putOwnedSheet(pkg, '模板', templateSheetXml(options.templateOutline, styles));
      templateAdded = true;
    }
  }
  styles.save();
  return { data: await pkg.generate(), rows: layout.rows.length, templateAdded };
}

function templateSheetXml(outline: Outline, styles: StylesEditor): string {
  const cellStyle = styles.xf({ numFmt: '@', alignment: { wrapText: true, vertical: 'top' } });
  const headStyle = styles.xf({ numFmt: '@', font: { bold: true }, alignment: { wrapText: true, vertical: 'top' } });
  const left = outlineTemplateRows(outline);
  const right = placeholderReference(ROOT_SCHEMA);
  const rows: (OutCell | null)[][] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const style = i === 0 ? headStyle : cellStyle;
    const row: (OutCell | null)[] = [];
    for (let c = 0; c < 8; c++) {
      const v = c < 5 ? left[i]?.[c] : right[i]?.[c - 5];
      row.push({ text: v ?? '', style });
    }
    rows.push(row);
  }
  return worksheetXml({ rows, widths: [16, 80, 10, 30, 3, 22, 12, 40], frozenRows: 1, frozenCols: 1 });
}
