/**
 * A macro-enabled workbook holding what real budget workbooks hold besides figures: the seed
 * sample's sheets (so validation has findings to mark) with a note on a flagged cell, data
 * validation and conditional formats on the project sheet, defined names, an Excel table, a
 * chart on a sheet, a chart sheet, a pivot table with its cache, and a VBA project.
 * ExcelJS writes the parts it models; the rest are added to the package as Excel writes them.
 */
import ExcelJS from 'exceljs';
import { promises as fs } from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import { SAMPLE_FILES, samplesDir } from '../../src/node/make-samples';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = {
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  chartsheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml',
  pivotTable: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml',
  pivotCacheDefinition: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml',
  pivotCacheRecords: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml',
};

export const ASSETS = [
  ['房屋', 120.5],
  ['车辆', 36.8],
  ['设备', 52.25],
] as const;

/** The note a user left on 收支情况!B9, which validation flags: the copy must keep it. */
export const USER_NOTE = '原有批注：请财务股核对基本支出';

export async function richWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(samplesDir(), SAMPLE_FILES.seed));
  wb.getWorksheet('收支情况')!.getCell('B9').note = USER_NOTE;
  const projects = wb.getWorksheet('项目支出明细')!;
  projects.getCell('B5').dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
  projects.addConditionalFormatting({
    ref: 'H4:H30',
    rules: [{ type: 'cellIs', operator: 'lessThan', priority: 1, formulae: ['0'], style: { font: { color: { argb: 'FFFF0000' } } } }],
  });
  wb.definedNames.add("'收支情况'!$B$4", '预算收入合计');

  const assets = wb.addWorksheet('资产清单');
  assets.addTable({
    name: '资产表',
    ref: 'A1',
    headerRow: true,
    columns: [{ name: '类别' }, { name: '金额' }],
    rows: ASSETS.map(([k, v]) => [k, v]),
  });
  const pivot = wb.addWorksheet('透视');
  pivot.getCell('A3').value = '行标签';
  pivot.getCell('B3').value = '求和项:金额';
  ASSETS.forEach(([k, v], i) => {
    pivot.getCell(`A${4 + i}`).value = k;
    pivot.getCell(`B${4 + i}`).value = v;
  });
  pivot.getCell('A7').value = '总计';
  pivot.getCell('B7').value = ASSETS.reduce((s, [, v]) => s + v, 0);

  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const text = async (name: string) => (await zip.file(name)?.async('string')) ?? null;
  let types = (await text('[Content_Types].xml'))!;
  let workbook = (await text('xl/workbook.xml'))!;
  let workbookRels = (await text('xl/_rels/workbook.xml.rels'))!;
  const override = (part: string, type: string) => {
    types = types.replace('</Types>', `<Override PartName="/${part}" ContentType="${type}"/></Types>`);
  };
  const addRel = (rels: string | null, id: string, type: string, target: string) =>
    (rels ?? `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`).replace(
      '</Relationships>',
      `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/></Relationships>`,
    );

  // A chart beside the table on 资产清单 (sheet4): <drawing> goes before <tableParts>.
  zip.file('xl/charts/chart1.xml', chartXml());
  zip.file('xl/drawings/drawing1.xml', drawingXml('<xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>', '</xdr:twoCellAnchor>'));
  zip.file('xl/drawings/_rels/drawing1.xml.rels', addRel(null, 'rId1', 'chart', '../charts/chart1.xml'));
  zip.file('xl/worksheets/_rels/sheet4.xml.rels', addRel(await text('xl/worksheets/_rels/sheet4.xml.rels'), 'rIdChart', 'drawing', '../drawings/drawing1.xml'));
  const sheet4 = (await text('xl/worksheets/sheet4.xml'))!;
  zip.file('xl/worksheets/sheet4.xml', sheet4.replace(/<tableParts\b/, '<drawing r:id="rIdChart"/><tableParts'));
  override('xl/charts/chart1.xml', CT.chart);
  override('xl/drawings/drawing1.xml', CT.drawing);

  // A chart sheet of its own.
  zip.file('xl/charts/chart2.xml', chartXml());
  zip.file('xl/drawings/drawing2.xml', drawingXml('<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666667" cy="6300000"/>', '</xdr:absoluteAnchor>'));
  zip.file('xl/drawings/_rels/drawing2.xml.rels', addRel(null, 'rId1', 'chart', '../charts/chart2.xml'));
  zip.file('xl/chartsheets/sheet1.xml', `${DECL}<chartsheet xmlns="${MAIN}" xmlns:r="${R}"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`);
  zip.file('xl/chartsheets/_rels/sheet1.xml.rels', addRel(null, 'rId1', 'drawing', '../drawings/drawing2.xml'));
  override('xl/charts/chart2.xml', CT.chart);
  override('xl/drawings/drawing2.xml', CT.drawing);
  override('xl/chartsheets/sheet1.xml', CT.chartsheet);
  workbookRels = addRel(workbookRels, 'rIdChartSheet', 'chartsheet', 'chartsheets/sheet1.xml');
  workbook = workbook.replace('</sheets>', '<sheet name="资产图" sheetId="90" r:id="rIdChartSheet"/></sheets>');

  // A pivot table on 透视 (sheet5) over the 资产表, with its cache.
  zip.file('xl/pivotCache/pivotCacheDefinition1.xml', pivotCacheXml());
  zip.file('xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels', addRel(null, 'rId1', 'pivotCacheRecords', 'pivotCacheRecords1.xml'));
  zip.file(
    'xl/pivotCache/pivotCacheRecords1.xml',
    `${DECL}<pivotCacheRecords xmlns="${MAIN}" xmlns:r="${R}" count="${ASSETS.length}">${ASSETS.map(([, v], i) => `<r><x v="${i}"/><n v="${v}"/></r>`).join('')}</pivotCacheRecords>`,
  );
  zip.file('xl/pivotTables/pivotTable1.xml', pivotTableXml());
  zip.file('xl/pivotTables/_rels/pivotTable1.xml.rels', addRel(null, 'rId1', 'pivotCacheDefinition', '../pivotCache/pivotCacheDefinition1.xml'));
  zip.file('xl/worksheets/_rels/sheet5.xml.rels', addRel(await text('xl/worksheets/_rels/sheet5.xml.rels'), 'rIdPivot', 'pivotTable', '../pivotTables/pivotTable1.xml'));
  override('xl/pivotCache/pivotCacheDefinition1.xml', CT.pivotCacheDefinition);
  override('xl/pivotCache/pivotCacheRecords1.xml', CT.pivotCacheRecords);
  override('xl/pivotTables/pivotTable1.xml', CT.pivotTable);
  workbookRels = addRel(workbookRels, 'rIdPivotCache', 'pivotCacheDefinition', 'pivotCache/pivotCacheDefinition1.xml');
  workbook = workbook.replace(/(<calcPr\b[^>]*\/>)/, '$1<pivotCaches><pivotCache cacheId="1" r:id="rIdPivotCache"/></pivotCaches>');

  // The VBA project: its bytes are opaque to us and must come back unchanged.
  const vba = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(vba);
  for (let i = 8; i < vba.length; i++) vba[i] = (i * 31) & 0xff;
  zip.file('xl/vbaProject.bin', vba);
  workbookRels = workbookRels.replace('</Relationships>', '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>');
  types = types
    .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
    .replace('<Default Extension="xml"', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"');

  zip.file('[Content_Types].xml', types);
  zip.file('xl/workbook.xml', workbook);
  zip.file('xl/_rels/workbook.xml.rels', workbookRels);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function chartXml(): string {
  return (
    `${DECL}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}">` +
    '<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>资产金额</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>' +
    '<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    "<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:tx><c:strRef><c:f>'资产清单'!$B$1</c:f></c:strRef></c:tx>" +
    "<c:cat><c:strRef><c:f>'资产清单'!$A$2:$A$4</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>'资产清单'!$B$2:$B$4</c:f></c:numRef></c:val></c:ser>" +
    '<c:axId val="1001"/><c:axId val="1002"/></c:barChart>' +
    '<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="1002"/></c:catAx>' +
    '<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1001"/></c:valAx>' +
    '</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
  );
}

function drawingXml(open: string, close: string): string {
  return (
    `${DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${open}` +
    '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>${close}</xdr:wsDr>`
  );
}

function pivotCacheXml(): string {
  const values = ASSETS.map(([, v]) => v);
  return (
    `${DECL}<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" r:id="rId1" refreshedBy="财务股" refreshedDate="45291" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="${ASSETS.length}">` +
    '<cacheSource type="worksheet"><worksheetSource ref="A1:B4" sheet="资产清单"/></cacheSource><cacheFields count="2">' +
    `<cacheField name="类别" numFmtId="0"><sharedItems count="${ASSETS.length}">${ASSETS.map(([k]) => `<s v="${k}"/>`).join('')}</sharedItems></cacheField>` +
    `<cacheField name="金额" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" minValue="${Math.min(...values)}" maxValue="${Math.max(...values)}"/></cacheField>` +
    '</cacheFields></pivotCacheDefinition>'
  );
}

function pivotTableXml(): string {
  return (
    `${DECL}<pivotTableDefinition xmlns="${MAIN}" name="数据透视表1" cacheId="1" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="值" updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0" outline="1" outlineData="1" multipleFieldFilters="0">` +
    '<location ref="A3:B7" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>' +
    `<pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="${ASSETS.length + 1}">${ASSETS.map((_, i) => `<item x="${i}"/>`).join('')}<item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields>` +
    `<rowFields count="1"><field x="0"/></rowFields><rowItems count="${ASSETS.length + 1}">${ASSETS.map((_, i) => (i === 0 ? '<i><x/></i>' : `<i><x v="${i}"/></i>`)).join('')}<i t="grand"><x/></i></rowItems>` +
    '<colItems count="1"><i/></colItems><dataFields count="1"><dataField name="求和项:金额" fld="1" baseField="0" baseItem="0"/></dataFields>' +
    '<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>'
  );
}

/** Writes the rich workbook to `file` (an .xlsm). */
export async function writeRichWorkbook(file: string): Promise<void> {
  await fs.writeFile(file, await richWorkbook());
}
