import ExcelJS from 'exceljs';

/** A workbook written with ExcelJS directly, so the reader is not tested against its own writer. */
export async function writeOddWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目表');
  // The used range starts at C3: rows 1-2 and columns A-B are empty.
  ws.getCell('C3').value = '2023年度项目支出表';
  ws.mergeCells('C3:F3');
  ws.getCell('C4').value = '单位：万元';
  ws.getCell('C5').value = { richText: [{ text: '项目', font: { bold: true } }, { text: '名称' }] };
  ws.getCell('D5').value = '金额';
  ws.getCell('E5').value = '日期';
  ws.getCell('C6').value = '村级办公经费';
  ws.getCell('D6').value = 45;
  ws.getCell('D6').numFmt = '#,##0.00';
  ws.getCell('E6').value = new Date(Date.UTC(2023, 11, 31));
  ws.getCell('E6').numFmt = 'yyyy-mm-dd';
  ws.getCell('C7').value = '村级党建工作经费';
  ws.getCell('D7').value = '1,234.50';
  ws.getCell('F7').value = true;
  ws.getCell('C8').value = '合计';
  ws.getCell('D8').value = { formula: 'SUM(D6:D7)', result: 1279.5 };
  ws.getCell('D8').numFmt = '#,##0.00';
  ws.getCell('E8').value = { formula: 'D8/0', result: { error: '#DIV/0!' } };
  // Shared formula: master F9, children F10:F11 (Excel writes these for filled-down formulas).
  ws.getCell('D9').value = 1;
  ws.getCell('D10').value = 2;
  ws.getCell('D11').value = 3;
  ws.getCell('F9').value = { formula: 'D9*2', result: 2, shareType: 'shared', ref: 'F9:F11' } as ExcelJS.CellFormulaValue;
  ws.getCell('F10').value = { sharedFormula: 'F9', result: 4 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('F11').value = { sharedFormula: 'F9', result: 6 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('C12').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
  ws.getCell('D12').value = { text: '链接文字', hyperlink: 'https://example.invalid' };
  ws.getRow(7).hidden = true;
  const hidden = wb.addWorksheet('隐藏表', { state: 'hidden' });
  hidden.getCell('A1').value = '内部';
  const veryHidden = wb.addWorksheet('深度隐藏', { state: 'veryHidden' });
  veryHidden.getCell('A1').value = 1;
  wb.addWorksheet('空表');
  await wb.xlsx.writeFile(file);
}

