/**
 * The highlighted copy: cells with findings filled by severity with a note carrying the
 * messages, and a 校验结果 sheet listing every finding (with a link to its cell) and what
 * could not be checked. Only cell styles and notes of flagged cells change; values and
 * formulas are left exactly as they were.
 */
import ExcelJS from 'exceljs';
import { Finding, NotChecked, RULE_LABEL, Severity, SEVERITY_LABEL, SEVERITY_ORDER } from '../core/findings';

export const RESULT_SHEET = '校验结果';

export const SEVERITY_FILL: Record<Severity, string> = {
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  info: 'FFDDEBF7',
};

export interface HighlightInput {
  findings: Finding[];
  notChecked: NotChecked[];
}

export interface HighlightStats {
  cellsMarked: number;
  findings: number;
  missingCells: number;
}

export function applyHighlights(wb: ExcelJS.Workbook, input: HighlightInput): HighlightStats {
  const existing = wb.getWorksheet(RESULT_SHEET);
  if (existing) wb.removeWorksheet(existing.id);

  const byCell = new Map<string, Finding[]>();
  for (const f of input.findings) {
    const key = `${f.sheet}\u0000${f.cell}`;
    const list = byCell.get(key);
    if (list) list.push(f);
    else byCell.set(key, [f]);
  }
  let cellsMarked = 0;
  let missingCells = 0;
  for (const list of byCell.values()) {
    const ws = wb.getWorksheet(list[0].sheet);
    if (!ws || !/^[A-Z]{1,3}\d{1,7}$/.test(list[0].cell)) {
      missingCells++;
      continue;
    }
    markCell(ws.getCell(list[0].cell), list);
    cellsMarked++;
  }
  addResultSheet(wb, input);
  return { cellsMarked, findings: input.findings.length, missingCells };
}

function markCell(cell: ExcelJS.Cell, findings: Finding[]): void {
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILL[sorted[0].severity] } };
  // ExcelJS shares one style object among cells loaded with the same style id: copy it,
  // or every cell sharing the style would be filled too.
  cell.style = { ...cell.style, fill };
  const text = sorted
    .map((f) => {
      const head = `【${SEVERITY_LABEL[f.severity].zh}·${RULE_LABEL[f.rule]?.zh ?? f.rule}】${f.message}`;
      return f.fix ? `${head}\n建议：${f.fix.message}` : head;
    })
    .join('\n');
  const previous = noteText(cell.note);
  const body = previous ? `${previous}\n——校验结果——\n${text}` : text;
  cell.note = { texts: [{ text: body }], margins: { insetmode: 'auto' } } as ExcelJS.Comment;
}

function noteText(note: ExcelJS.Cell['note']): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '序号', key: 'no', width: 6 },
  { header: '级别', key: 'severity', width: 7 },
  { header: '规则', key: 'rule', width: 14 },
  { header: '工作表', key: 'sheet', width: 16 },
  { header: '单元格', key: 'cell', width: 10 },
  { header: '项目/行', key: 'label', width: 28 },
  { header: '应为', key: 'expected', width: 14 },
  { header: '表中', key: 'actual', width: 14 },
  { header: '差额', key: 'difference', width: 12 },
  { header: '单位', key: 'unit', width: 7 },
  { header: '说明', key: 'message', width: 60 },
  { header: '建议修正', key: 'fix', width: 40 },
];

function addResultSheet(wb: ExcelJS.Workbook, input: HighlightInput): void {
  const ws = wb.addWorksheet(RESULT_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  const findings = [...input.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  findings.forEach((f, i) => {
    const row = ws.addRow({
      no: i + 1,
      severity: SEVERITY_LABEL[f.severity].zh,
      rule: RULE_LABEL[f.rule]?.zh ?? f.rule,
      sheet: f.sheet,
      label: f.label ?? '',
      expected: amount(f.expected),
      actual: f.raw ?? amount(f.actual),
      difference: amount(f.difference),
      unit: f.unit === '%' ? '' : (f.unit ?? ''),
      message: f.message,
      fix: f.fix?.message ?? '',
    });
    // Always quoted: valid for every sheet name, and what Excel itself writes for CJK names.
    const target = `#'${f.sheet.replace(/'/g, "''")}'!${f.cell}`;
    const link = row.getCell('cell');
    // A HYPERLINK formula is the internal link every spreadsheet program follows.
    link.value = { formula: `HYPERLINK("${target.replace(/"/g, '""')}","${f.cell}")`, result: f.cell } as ExcelJS.CellFormulaValue;
    link.font = { color: { argb: 'FF0563C1' }, underline: true };
    row.getCell('severity').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILL[f.severity] } };
    const nf = f.unit === '%' ? '0.00%' : '#,##0.00';
    for (const key of ['expected', 'actual', 'difference']) row.getCell(key).numFmt = nf;
    row.getCell('message').alignment = { wrapText: true, vertical: 'top' };
    row.getCell('fix').alignment = { wrapText: true, vertical: 'top' };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, findings.length + 1), column: COLUMNS.length } };
  if (findings.length === 0) ws.addRow({ message: '未发现问题：所有已检查的勾稽关系均相符。' });

  ws.addRow([]);
  const title = ws.addRow([`未能检查的项目（${input.notChecked.length} 项）`]);
  title.font = { bold: true };
  if (input.notChecked.length > 0) {
    const h = ws.addRow(['', '规则', '工作表', '单元格', '检查内容', '原因']);
    h.font = { bold: true };
    for (const n of input.notChecked) {
      ws.addRow(['', RULE_LABEL[n.rule]?.zh ?? n.rule, n.sheet ?? '', n.cell ?? '', n.check, n.reason]);
    }
  } else {
    ws.addRow(['', '无：所有勾稽关系均已检查。']);
  }
}

function amount(v: string | undefined): number | string {
  if (v === undefined) return '';
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}
