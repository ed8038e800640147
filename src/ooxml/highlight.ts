/**
 * The highlighted copy, written by editing the user's own package: each cell with findings
 * gets a copy of its cell format filled by severity and a note carrying the messages, and a
 * 校验结果 sheet lists every finding (with a link to its cell) and what could not be checked.
 * Values, formulas, charts, pivot tables, tables, validation, conditional formats, names and
 * macros are never parsed, so nothing is lost: every part the marks do not touch keeps its bytes.
 * Runs in Node (the CLI) and in the browser.
 */
import { Finding, NotChecked, RULE_LABEL, Severity, SEVERITY_LABEL, SEVERITY_ORDER } from '../core/findings';
import { addNotes, Note } from './notes';
import { putOwnedSheet } from './owned-sheet';
import { OoxmlPackage } from './package';
import { CellPosition, OutCell, parsePosition, restyleCells, worksheetXml } from './sheet-xml';
import { CellStyle, StylesEditor } from './styles';

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
  /** Findings whose sheet or cell the package does not have (they are still listed on 校验结果). */
  missingCells: number;
}

export async function highlightPackage(data: Uint8Array | ArrayBuffer, input: HighlightInput): Promise<{ data: Uint8Array; stats: HighlightStats }> {
  const pkg = await OoxmlPackage.load(data);
  const styles = await StylesEditor.open(pkg);
  const sheets = await pkg.sheets();

  const bySheet = new Map<string, Map<string, Finding[]>>();
  let missingCells = 0;
  for (const f of input.findings) {
    const entry = sheets.find((s) => s.name === f.sheet);
    if (!entry?.path || f.sheet === RESULT_SHEET || !parsePosition(f.cell)) {
      missingCells++;
      continue;
    }
    const cells = bySheet.get(entry.path) ?? new Map<string, Finding[]>();
    const list = cells.get(f.cell);
    if (list) list.push(f);
    else cells.set(f.cell, [f]);
    bySheet.set(entry.path, cells);
  }

  let cellsMarked = 0;
  for (const [path, cells] of bySheet) {
    let xml = (await pkg.text(path))!;
    const targets: CellPosition[] = [];
    const fillOf = new Map<string, string>();
    const notes: Note[] = [];
    for (const [cell, list] of cells) {
      const sorted = [...list].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      const pos = parsePosition(cell)!;
      targets.push(pos);
      fillOf.set(`${pos.row}:${pos.col}`, SEVERITY_FILL[sorted[0].severity]);
      notes.push({ ...pos, text: noteText(sorted) });
    }
    xml = restyleCells(xml, targets, (pos, current) => styles.withFill(current, fillOf.get(`${pos.row}:${pos.col}`)!));
    xml = await addNotes(pkg, path, xml, notes.sort((a, b) => a.row - b.row || a.col - b.col));
    pkg.setText(path, xml);
    cellsMarked += cells.size;
  }

  await putOwnedSheet(pkg, RESULT_SHEET, resultSheetXml(input, styles), { filterRange: `$A$1:$L$${Math.max(1, input.findings.length + 1)}` });
  styles.save();
  return { data: await pkg.generate(), stats: { cellsMarked, findings: input.findings.length, missingCells } };
}

function noteText(sorted: Finding[]): string {
  return sorted
    .map((f) => {
      const head = `【${SEVERITY_LABEL[f.severity].zh}·${RULE_LABEL[f.rule]?.zh ?? f.rule}】${f.message}`;
      return f.fix ? `${head}\n建议：${f.fix.message}` : head;
    })
    .join('\n');
}

const COLUMNS: { header: string; width: number }[] = [
  { header: '序号', width: 6 },
  { header: '级别', width: 7 },
  { header: '规则', width: 14 },
  { header: '工作表', width: 16 },
  { header: '单元格', width: 10 },
  { header: '项目/行', width: 28 },
  { header: '应为', width: 14 },
  { header: '表中', width: 14 },
  { header: '差额', width: 12 },
  { header: '单位', width: 7 },
  { header: '说明', width: 60 },
  { header: '建议修正', width: 40 },
];

function resultSheetXml(input: HighlightInput, styles: StylesEditor): string {
  const s = (style: CellStyle) => styles.xf(style);
  const header = s({ font: { bold: true }, fill: 'FFD9D9D9', bottomBorder: true, alignment: { horizontal: 'center', vertical: 'center' } });
  const link = s({ font: { color: 'FF0563C1', underline: true } });
  const wrap = s({ alignment: { wrapText: true, vertical: 'top' } });
  const bold = s({ font: { bold: true } });
  const amountStyle = { money: s({ numFmt: '#,##0.00' }), rate: s({ numFmt: '0.00%' }) };

  const rows: (OutCell | null)[][] = [COLUMNS.map((c) => ({ text: c.header, style: header }))];
  const findings = [...input.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  findings.forEach((f, i) => {
    const nf = f.unit === '%' ? amountStyle.rate : amountStyle.money;
    const amount = (v: string | undefined): OutCell => (v === undefined ? { text: '' } : { number: v, style: nf });
    // Always quoted: valid for every sheet name, and what Excel itself writes for CJK names.
    const target = `#'${f.sheet.replace(/'/g, "''")}'!${f.cell}`;
    rows.push([
      { number: String(i + 1) },
      { text: SEVERITY_LABEL[f.severity].zh, style: s({ fill: SEVERITY_FILL[f.severity] }) },
      { text: RULE_LABEL[f.rule]?.zh ?? f.rule },
      { text: f.sheet },
      // A HYPERLINK formula is the internal link every spreadsheet program follows.
      { formula: `HYPERLINK("${target.replace(/"/g, '""')}","${f.cell}")`, cached: f.cell, style: link },
      { text: f.label ?? '' },
      amount(f.expected),
      f.raw !== undefined ? { text: f.raw } : amount(f.actual),
      amount(f.difference),
      { text: f.unit === '%' ? '' : (f.unit ?? '') },
      { text: f.message, style: wrap },
      { text: f.fix?.message ?? '', style: wrap },
    ]);
  });
  if (findings.length === 0) rows.push([null, null, null, null, null, null, null, null, null, null, { text: '未发现问题：所有已检查的勾稽关系均相符。' }]);
  rows.push([]);
  rows.push([{ text: `未能检查的项目（${input.notChecked.length} 项）`, style: bold }]);
  if (input.notChecked.length > 0) {
    rows.push([null, ...['规则', '工作表', '单元格', '检查内容', '原因'].map((t) => ({ text: t, style: bold }))]);
    for (const n of input.notChecked) {
      rows.push([null, { text: RULE_LABEL[n.rule]?.zh ?? n.rule }, { text: n.sheet ?? '' }, { text: n.cell ?? '' }, { text: n.check }, { text: n.reason }]);
    }
  } else {
    rows.push([null, { text: '无：所有勾稽关系均已检查。' }]);
  }
  return worksheetXml({
    rows,
    widths: COLUMNS.map((c) => c.width),
    frozenRows: 1,
    autoFilter: `A1:L${Math.max(1, findings.length + 1)}`,
  });
}
