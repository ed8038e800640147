/** Pane strings: Simplified Chinese by default, English when Office's display language is English. */
export type Locale = 'zh' | 'en';

export function localeFor(displayLanguage: string | undefined): Locale {
  return displayLanguage && /^en\b/i.test(displayLanguage) ? 'en' : 'zh';
}

const STRINGS = {
  appTitle: ['预算对账助手', 'Budget Recon'],
  validate: ['校验', 'Validate'],
  validating: ['正在校验…', 'Validating…'],
  phaseReading: ['正在读取工作表…', 'Reading the sheets…'],
  phaseChecking: ['正在核对勾稽关系…', 'Checking the identities…'],
  phaseHighlighting: ['正在标记单元格…', 'Marking the cells…'],
  clearMarks: ['清除标记', 'Clear marks'],
  cleared: ['已清除标记，恢复了 {n} 个单元格原来的格式。', 'Marks cleared; {n} cells have their own formatting back.'],
  tabFindings: ['问题', 'Findings'],
  tabReport: ['报告', 'Report'],
  tabSettings: ['设置', 'Settings'],
  errors: ['错误', 'Errors'],
  warnings: ['警告', 'Warnings'],
  infos: ['提示', 'Notices'],
  ignoredCount: ['已忽略', 'Ignored'],
  groupBy: ['分组', 'Group by'],
  bySheet: ['按工作表', 'By sheet'],
  byRule: ['按规则', 'By rule'],
  showIgnored: ['显示已忽略', 'Show ignored'],
  noFindings: ['没有发现问题：所有勾稽关系都对得上。', 'No findings: every identity reconciles.'],
  notValidated: ['点击“校验”检查当前工作簿。', 'Click Validate to check this workbook.'],
  keyboardHint: ['↑/↓ 选择，Enter 定位到单元格', '↑/↓ to move, Enter to go to the cell'],
  markedCells: ['已在工作表中标记 {n} 个单元格。', '{n} cells marked in the sheets.'],
  back: ['返回列表', 'Back to list'],
  goToCell: ['定位', 'Go to cell'],
  calculation: ['计算过程', 'Calculation'],
  operand: ['项目', 'Item'],
  cell: ['单元格', 'Cell'],
  amount: ['金额', 'Amount'],
  stated: ['表中数', 'Stated'],
  computed: ['计算数', 'Computed'],
  difference: ['差额', 'Difference'],
  tolerance: ['允许误差', 'Tolerance'],
  suggestedFix: ['建议修改', 'Suggested fix'],
  related: ['相关单元格', 'Related cells'],
  ignore: ['忽略此问题', 'Ignore this finding'],
  ignoreReason: ['忽略原因（必填，保存在工作簿中）', 'Reason (required, kept in the workbook)'],
  ignoreConfirm: ['确认忽略', 'Ignore'],
  unignore: ['取消忽略', 'Stop ignoring'],
  ignoredBecause: ['已忽略：{reason}', 'Ignored: {reason}'],
  cancel: ['取消', 'Cancel'],
  generate: ['生成报告', 'Generate report'],
  reportHint: ['根据最近一次校验的结果生成报告草稿。仍有错误的数字会标为“待核实”。', 'Drafts the report from the last validation. Figures still in error are marked 待核实.'],
  needValidateFirst: ['请先校验工作簿。', 'Validate the workbook first.'],
  writeToSheet: ['写入“自评报告”工作表', 'Write to the 自评报告 sheet'],
  replaceTitle: ['替换“自评报告”工作表？', 'Replace the 自评报告 sheet?'],
  replaceBody: ['工作簿中已有“自评报告”工作表，替换会丢失其中的修改。其他工作表不受影响。', 'The workbook already has a 自评报告 sheet; replacing it loses any edits made there. No other sheet is touched.'],
  replace: ['替换', 'Replace'],
  written: ['报告已写入“{sheet}”工作表（{n} 段）。', 'Report written to “{sheet}” ({n} paragraphs).'],
  downloadDocx: ['下载 Word (.docx)', 'Download Word (.docx)'],
  downloadUnavailable: ['桌面版 Excel 的任务窗格不能下载文件。请点“写入‘自评报告’工作表”，再把 A 列复制到 Word；或在网页版 Excel 中打开本工作簿下载 .docx。', 'Desktop Excel task panes cannot download files. Write the report to the 自评报告 sheet and copy column A into Word, or open this workbook in Excel on the web to download the .docx.'],
  downloaded: ['已生成 Word 文件。', 'Word file created.'],
  unverifiedList: ['待核实', 'To verify'],
  settingsTolerance: ['允许误差（留空则按显示位数自动判断尾差）', 'Tolerance (blank: allow rounding by displayed decimals)'],
  settingsIdle: ['资金闲置阈值（执行率低于此值提示）', 'Idle-funds threshold (execution rate below it)'],
  settingsAuto: ['编辑后自动重新校验', 'Re-validate after edits'],
  settingsSaved: ['设置已保存到工作簿。', 'Settings saved in the workbook.'],
  save: ['保存设置', 'Save settings'],
  invalidTolerance: ['允许误差应为非负数字，例如 0.01。', 'Tolerance must be a non-negative number such as 0.01.'],
  invalidIdle: ['阈值应在 1% 到 100% 之间。', 'The threshold must be between 1% and 100%.'],
  notChecked: ['未能核对的项目', 'Not checked'],
  unusable: ['无法识别', 'Not recognised'],
  error: ['出错了', 'Something went wrong'],
  autoRevalidated: ['工作表已修改，已自动重新校验。', 'The sheets changed; validated again.'],
  demoBanner: ['演示模式：正在使用内置示例工作簿（不在 Excel 中）。', 'Demo mode: using the bundled sample workbook (not inside Excel).'],
  summaryLine: ['共读取 {sheets} 个工作表、{projects} 个项目、{cells} 个单元格。', '{sheets} sheets, {projects} projects, {cells} cells read.'],
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(locale: Locale, key: StringKey, vars: Record<string, string | number> = {}): string {
  const s: string = STRINGS[key][locale === 'en' ? 1 : 0];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => (vars[k] !== undefined ? String(vars[k]) : `{${k}}`));
}
