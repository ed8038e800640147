/**
 * Reads a 绩效自评表 by content: the fund block under 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 (or
 * 调整后预算数 | 预算执行数 | 预算执行率 | 权重), the indicator block under 一级指标 | 二级指标 | 三级指标 | 指标值 |
 * 完成值 | 分值 | 得分 | 偏差原因, and the 总分 row with its grade. Merged cells of 一级/二级指标 carry down.
 */
import Decimal from 'decimal.js';
import { Grid } from '../grid';
import { normaliseLabel } from '../labels';
import { Amount, CellNote, SelfEvalFundRow, SelfEvalIndicator, SelfEvalTable } from '../model';
import { Unit } from '../numbers';
import { SCORING_PROFILES } from '../selfeval-profiles';
import { foldTraditional } from '../traditional';
import { readAmount, refOf } from './cells';

/** A reason column's header, never a sentence in a data cell that mentions 原因. */
const REASON_HEADER = /^((偏差|未完成)?原因(分析)?(及改进措施)?|偏差原因分析及改进措施|存在问题和改进措施|原因说明)$/;

type FundCol = 'initial' | 'budget' | 'actual' | 'weight' | 'rate' | 'score' | 'reason';
const FUND_HEADERS: [FundCol, RegExp][] = [
  ['initial', /^年初预算(数)?$/],
  ['budget', /^(全年预算(数)?|调整后预算(数)?|预算数|全年[(（]调整[)）]预算数)$/],
  ['actual', /^(全年执行数|预算执行数|执行数|实际执行数)$/],
  ['weight', /^(分值|权重|执行率权重)$/],
  ['rate', /^(预算)?执行率$/],
  ['score', /^(执行率)?得分$/],
  ['reason', REASON_HEADER],
];

type IndicatorCol = 'level1' | 'level2' | 'name' | 'nature' | 'target' | 'actual' | 'weight' | 'score' | 'reason';
const INDICATOR_HEADERS: [IndicatorCol, RegExp][] = [
  ['level1', /^一级指标$/],
  ['level2', /^二级指标$/],
  ['name', /^(三级指标|指标名称)$/],
  ['nature', /^指标性质$/],
  ['target', /^(年度|预期|年初目标|调整)?指标值$|^年初目标值$/],
  ['actual', /^(实际|全年)?完成(指标)?值$/],
  ['weight', /^(分值|权重|指标权重)$/],
  ['score', /^(指标)?得分$/],
  ['reason', REASON_HEADER],
];

const GRADE = /^(优|良|中|差|优秀|良好|合格|不合格|较好|一般|较差)$/;
const TOTAL_ROW = /^(总分|合计|综合得分|总计|总得分)$/;

function cell(grid: Grid, r: number, c: number): string {
  return foldTraditional(normaliseLabel(grid.text(r, c))).replace(/[\s\u3000]/g, '');
}

/** A header without its note: 「年初预算数（A）」, 「分值（10分）」, 「得分（20分*执行率）」. */
function headerText(grid: Grid, r: number, c: number): string {
  return cell(grid, r, c).replace(/[（(][^（()）]*[)）]$/, '');
}

/**
 * Columns named in a header row, or in it and the row below (headers that span two rows); `last` is the
 * lower row a name came from, where the data starts below.
 */
function headerColumns<K extends string>(grid: Grid, r: number, headers: [K, RegExp][]): Map<K, number> & { last?: number } {
  const cols: Map<K, number> & { last?: number } = new Map<K, number>();
  cols.last = r;
  for (const row of [r, r + 1]) {
    if (row >= grid.rowEnd) continue;
    const here = new Map<K, number>();
    for (let c = grid.colOffset; c < grid.colEnd; c++) {
      const t = headerText(grid, row, c);
      for (const [key, re] of headers) if (!here.has(key) && re.test(t)) here.set(key, c);
    }
    // A name in the lower row is the more specific (「年度指标值」 over 「指标性质 | 指标值 | 度量单位」).
    for (const [key, c] of here) {
      cols.set(key, c);
      cols.last = row;
    }
  }
  return cols;
}

/**
 * Cheap first look (a project list of 20,000 rows must not pay for the full read): a 自评表 names 得分 or 分值
 * (权重) and 执行数 or 指标 in its first rows.
 */
function mayBeSelfEval(grid: Grid): boolean {
  let score = false;
  let other = false;
  for (let r = grid.rowOffset; r < Math.min(grid.rowEnd, grid.rowOffset + 60); r++) {
    for (let c = grid.colOffset; c < Math.min(grid.colEnd, grid.colOffset + 30); c++) {
      const v = grid.value(r, c);
      if (typeof v !== 'string' || v.length > 40) continue;
      if (!score && /得分|分值|权重/.test(v)) score = true;
      if (!other && /执行数|執行數|指标|指標/.test(v)) other = true;
      // The transfer-payment forms score nothing: 全年执行数 with its 预算执行率 is enough.
      if ((score && other) || /全年执行数|預算執行率|预算执行率/.test(v)) return true;
    }
  }
  return false;
}

export function readSelfEval(grid: Grid): SelfEvalTable | null {
  if (!mayBeSelfEval(grid)) return null;
  const top = Math.min(grid.rowEnd, grid.rowOffset + 200);
  let fundHeader = -1;
  let fundCols = new Map<FundCol, number>();
  let indHeader = -1;
  let indCols = new Map<IndicatorCol, number>();
  for (let r = grid.rowOffset; r < top; r++) {
    if (fundHeader < 0) {
      const cols = headerColumns(grid, r, FUND_HEADERS);
      // A form with 年初预算数 and no 全年预算数 (部门整体 tables) rates against what it has.
      if (!cols.has('budget') && cols.has('initial')) {
        cols.set('budget', cols.get('initial')!);
        cols.delete('initial');
      }
      if (cols.has('budget') && cols.has('actual') && (cols.has('rate') || cols.has('score'))) {
        fundHeader = cols.last ?? r;
        fundCols = cols;
        r = fundHeader;
        continue;
      }
    }
    if (indHeader < 0) {
      const cols = headerColumns(grid, r, INDICATOR_HEADERS);
      if (cols.has('name') && cols.has('score') && (cols.has('level1') || cols.has('level2') || cols.has('weight'))) {
        indHeader = cols.last ?? r;
        indCols = cols;
      }
    }
  }
  if (fundHeader < 0 && indHeader < 0) return null;
  const notes: CellNote[] = [];
  const amount = (r: number, c: number | undefined): Amount | undefined => (c === undefined ? undefined : readAmount(grid, r, c, notes));
  const texts: string[] = [];
  for (let r = grid.rowOffset; r < top; r++) for (let c = grid.colOffset; c < grid.colEnd; c++) texts.push(cell(grid, r, c));
  const all = texts.join('|');
  const profile = SCORING_PROFILES.find((p) => p.detect.some((re) => re.test(all)))?.name ?? 'national';

  const table: SelfEvalTable = { sheet: grid.name, profile, fund: [], indicators: [] };
  // Title and subject (项目名称 / 单位名称).
  for (let r = grid.rowOffset; r < Math.min(grid.rowEnd, grid.rowOffset + 6); r++) {
    for (let c = grid.colOffset; c < grid.colEnd; c++) {
      const t = cell(grid, r, c);
      if (!table.title && /自评表/.test(t)) table.title = t;
      if (!table.subject && /^(项目名称|单位名称|预算单位名称|.{0,3}预算单位名称)$/.test(t)) {
        for (let k = c + 1; k < grid.colEnd; k++) {
          const v = grid.text(r, k).trim();
          if (v) {
            table.subject = v.replace(/^[\dA-Z]{10,}-/, '');
            table.subjectRef = refOf(grid, r, k);
            break;
          }
        }
      }
    }
  }

  if (fundHeader >= 0) {
    // 「项目资金（万元）」, 「资金投入情况(万元)」, 「项目资金（元）」: the block's unit.
    for (let r = Math.max(grid.rowOffset, fundHeader - 1); r <= fundHeader && !table.unit; r++)
      for (let c = grid.colOffset; c < grid.colEnd && !table.unit; c++) {
        const m = /[（(](万元|元|亿元)[)）]/.exec(foldTraditional(grid.text(r, c)));
        if (m) table.unit = m[1] as Unit;
      }
    const first = Math.min(...[...fundCols.entries()].filter(([k]) => k !== 'reason').map(([, c]) => c));
    const end = indHeader > fundHeader ? indHeader : top;
    for (let r = fundHeader + 1; r < end; r++) {
      const rowText = Array.from({ length: grid.colEnd - grid.colOffset }, (_, k) => cell(grid, r, grid.colOffset + k)).join('|');
      if (/年度总体目标|总体目标|预期目标|绩效指标|一级指标|项目基本情况/.test(rowText)) break;
      // The label: the rightmost text left of the first figure column (the block's own label sits further left).
      let label = '';
      let labelCol = -1;
      for (let c = first - 1; c >= grid.colOffset; c--) {
        const t = cell(grid, r, c);
        if (t && !/^(项目资金|年度预算|预算执行情况)/.test(t)) {
          label = t;
          labelCol = c;
          break;
        }
      }
      const row: SelfEvalFundRow = {
        label,
        labelRef: refOf(grid, r, labelCol >= 0 ? labelCol : first),
        total: /年度资金总额|资金总额|^总额|^合计|^总计/.test(label),
        initial: amount(r, fundCols.get('initial')),
        budget: amount(r, fundCols.get('budget')),
        actual: amount(r, fundCols.get('actual')),
        weight: amount(r, fundCols.get('weight')) ?? (row0Weight(grid, fundHeader, fundCols) ?? undefined),
        rate: amount(r, fundCols.get('rate')),
        score: amount(r, fundCols.get('score')),
        reason: fundCols.has('reason') ? grid.text(r, fundCols.get('reason')!).trim() : undefined,
      };
      if (!label && !row.budget && !row.actual && !row.score) continue;
      table.fund.push(row);
    }
  }

  if (indHeader >= 0) {
    let level1 = '';
    let level2 = '';
    for (let r = indHeader + 1; r < grid.rowEnd; r++) {
      const first = cell(grid, r, indCols.get('level1') ?? indCols.get('level2') ?? grid.colOffset);
      const lead = [grid.colOffset, grid.colOffset + 1, grid.colOffset + 2].map((c) => cell(grid, r, c)).find((t) => TOTAL_ROW.test(t));
      if (lead) {
        // 「总分 | 100 | 92.5 | 优」: the score under 得分, the 分值 under 分值, a grade anywhere on the row.
        table.total = amount(r, indCols.get('score'));
        table.totalWeight = amount(r, indCols.get('weight'));
        for (let c = grid.colOffset; c < grid.colEnd; c++) {
          const t = cell(grid, r, c);
          const g = GRADE.exec(t) ?? /(?:等级|评价结果|自评结果)[:：]?(优|良|中|差)/.exec(t);
          if (g) table.grade = { text: g[1], ref: refOf(grid, r, c) };
        }
        continue;
      }
      if (indCols.has('level1') && first) level1 = first;
      const l2 = indCols.has('level2') ? cell(grid, r, indCols.get('level2')!) : '';
      if (l2) level2 = l2;
      const nameCol = indCols.get('name')!;
      const name = grid.text(r, nameCol).trim();
      if (!name || /^[….。]+$/.test(name)) continue;
      const weight = amount(r, indCols.get('weight'));
      const score = amount(r, indCols.get('score'));
      if (!weight && !score) continue;
      const ind: SelfEvalIndicator = {
        level1,
        level2,
        name,
        nameRef: refOf(grid, r, nameCol),
        target: indCols.has('target') ? grid.text(r, indCols.get('target')!).trim() : '',
        targetRef: indCols.has('target') ? refOf(grid, r, indCols.get('target')!) : undefined,
        actual: indCols.has('actual') ? grid.text(r, indCols.get('actual')!).trim() : '',
        actualRef: indCols.has('actual') ? refOf(grid, r, indCols.get('actual')!) : undefined,
        nature: indCols.has('nature') ? grid.text(r, indCols.get('nature')!).trim() || undefined : undefined,
        weight,
        score,
        reason: indCols.has('reason') ? grid.text(r, indCols.get('reason')!).trim() : '',
        reasonRef: indCols.has('reason') ? refOf(grid, r, indCols.get('reason')!) : undefined,
      };
      table.indicators.push(ind);
    }
  }
  // Where a short execution rate is explained: the total fund row's own 原因 cell, or the 执行准确性 row of a
  // 资金管理情况 block under 存在问题和改进措施 (the transfer-payment forms).
  const totalRow = table.fund.find((r) => r.total);
  if (totalRow && fundCols.has('reason')) {
    const c = fundCols.get('reason')!;
    const r = totalRow.labelRef.row;
    table.rateReason = { text: grid.text(r, c).trim(), ref: refOf(grid, r, c) };
  } else if (fundHeader >= 0) {
    let col = -1;
    for (let r = fundHeader + 1; r < top; r++) {
      for (let c = grid.colOffset; c < grid.colEnd && col < 0; c++) if (/^(存在问题和改进措施|偏差原因|原因分析)/.test(cell(grid, r, c))) col = c;
      if (col < 0) continue;
      const labelled = Array.from({ length: Math.max(0, col - grid.colOffset) }, (_, k) => cell(grid, r, grid.colOffset + k)).some((t) => /^执行准确性|^预算执行/.test(t));
      if (labelled) {
        table.rateReason = { text: grid.text(r, col).trim(), ref: refOf(grid, r, col) };
        break;
      }
    }
  }
  if (!table.fund.length && !table.indicators.length) return null;
  return table;
}

/** 「得分（20分*执行率）」, 「分值（10分）」: the rate's points stated in its header when no 分值 column holds them. */
function row0Weight(grid: Grid, header: number, cols: Map<FundCol, number>): Amount | undefined {
  if (cols.has('weight')) return undefined;
  const c = cols.get('score');
  if (c === undefined) return undefined;
  const m = /(\d+)分/.exec(cell(grid, header, c));
  if (!m) return undefined;
  const ref = refOf(grid, header, c);
  return { value: new Decimal(m[1]), decimals: 0, ref, fromText: true };
}
