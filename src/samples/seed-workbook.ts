/**
 * The bundled sample: the seed report's figures (2023 中共株洲市石峰区委组织部) laid out the
 * way finance staff keep them, with the report's own slips kept in. `corrected: true` gives
 * the twin with those slips fixed. Pure data: the core tests, the report tests and the
 * .xlsx writer (src/node/make-samples.ts) all use it.
 */
import { WorkbookSnapshot } from '../core/snapshot';
import { buildSheet, CellSpec } from './sheet-builder';

const FS = '\u3000'; // full-width space, the indentation real sheets use

const AMOUNT = '#,##0.00';
const RATE = '0.00%';

export interface SeedOptions {
  corrected?: boolean;
}

const FUNCTIONS = [
  '负责研究和指导全区党组织建设以及党组织的设置、隶属关系和活动内容、工作方式等有关工作；统筹全区非公有制经济组织和社会组织党的建设工作；研究、指导全区党员队伍建设；会同有关部门对街道党委和村（社区）“两委”换届选举及单位党委（党组）民主生活会进行指导。',
  '负责区管领导班子及其成员的年度考核，提出区管领导班子调整、配备的意见和建议；负责区委管理和区委授权组织部管理的干部的考察、任免、调配和交流以及有关手续的办理；承办转业军官接收的有关工作；负责全区干部人事档案管理、干部统计和干部信息工作。',
  '负责指导和实施干部监督工作，督促检查全区干部工作，提出建议并对反映领导班子和领导干部的重要问题进行调查和督办，督查有关干部监督制度落实情况。',
  '负责制定全区干部教育培训规划，贯彻落实上级干部调训等工作，指导区委党校开展工作。',
  '负责指导区老干服务中心工作，督促老干部政治、生活待遇的落实，指导老干部开展相关活动、发挥作用，依法保护老干部的合法权益。',
  '主管全区人才工作，落实上级人才政策，制定和实施区级人才政策，并检查贯彻执行情况。',
  '统一管理区委机构编制委员会办公室。',
  '承办上级和区委交办的其他工作。',
];

function unitInfoSheet() {
  const rows: CellSpec[][] = [
    ['单位基本情况', null],
    ['项目', '内容'],
    ['单位名称', '中共株洲市石峰区委员会组织部'],
    ['单位简称', '区委组织部'],
    ['年度', 2023],
    ['机构性质', '区委工作机关，为正科级'],
    ['加挂牌子', '区委直属机关工作委员会、区委老干部局、区委非公有制经济组织和社会组织工作委员会、区公务员局'],
    ['编制人数', 20],
    ['实有人数', 20],
    ['内设科室', '党建组、干部组、人才组、办公室'],
    ['所属事业单位', '区党员教育中心（副科级公益一类事业单位）；区老干部服务中心（副科级公益一类事业单位）'],
    ...FUNCTIONS.map((f): CellSpec[] => ['主要职能', f]),
  ];
  return buildSheet({ name: '单位基本情况', rows, merges: ['A1:B1'], numberFormat: '0' });
}

function summarySheet(corrected: boolean) {
  const basic = corrected ? 416.47 : 434.35;
  const rows: CellSpec[][] = [
    ['2023年度预算收支情况表', null],
    ['单位：万元', null],
    ['项目', '金额'],
    ['收入合计', { v: 2128.48, f: 'SUM(B5:B7)' }],
    [`${FS}${FS}年初预算`, 939.28],
    [`${FS}${FS}调整追加`, 1167.53],
    [`${FS}${FS}其他资金来源`, 21.67],
    ['支出合计', 1878.7],
    [`${FS}${FS}基本支出`, basic],
    [`${FS}${FS}${FS}${FS}其中：机关人员工资福利及社会保障等支出`, 256.06],
    [`${FS}${FS}${FS}${FS}${FS}${FS}${FS}对个人和家庭的补助（老干部服务中心离退休费用等）`, 114.84],
    [`${FS}${FS}${FS}${FS}${FS}${FS}${FS}日常公用经费`, 45.57],
    [`${FS}${FS}项目支出`, 1462.23],
    ['结余结转', { v: 249.78, f: 'B4-B8' }],
  ];
  return buildSheet({ name: '收支情况', rows, merges: ['A1:B1'], numberFormat: AMOUNT });
}

interface ProjectSpec {
  name: string;
  carryIn?: number;
  initial?: number;
  increase?: number;
  spend: number | string;
  purpose: string;
  performance?: string;
  problems?: string;
  measures?: string;
  subs?: [string, number][];
}

const PROJECTS: ProjectSpec[] = [
  {
    name: '业务性专项经费',
    carryIn: 5.17,
    initial: 13.5,
    spend: 16.53,
    purpose: '党建、干部队伍建设、公务员招考招录及日常管理、干部人事档案工作、机关工委工作经费、人才工作、内部建设等日常工作开展',
    performance: '教育引导党员干部把思想和行动统一到落实“三高四新”战略、实现“制造强区、生态新城”目标上来，对建设新石峰起到了积极推动作用',
  },
  {
    name: '村级组织运转经费',
    carryIn: 40.91,
    initial: 299.4,
    spend: 293.14,
    purpose: '保障村干部待遇，推进村级党组织正常运转',
    performance: '保障了村干部待遇，推进村级党组织正常运转，夯实基层党组织建设基础',
    subs: [
      ['村级服务群众专项经费', 27],
      ['村级办公经费', 45],
      ['村级党建工作经费', 36],
      ['2023年村干部工资社保经费、2023年离任村干部补贴', 185.14],
    ],
  },
  {
    name: '老干部专项经费',
    initial: 70,
    increase: 61.31,
    spend: 131.31,
    purpose: '指导协调全区离退休干部党支部党建工作、确保老干部“两项待遇”（政治待遇和生活待遇）的落实、老年大学、关工委等“五老”组织的建设',
    performance: '让老干部共享我区经济发展成果，把区委和政府对老同志的关心与关爱落到实处，引导老干部发挥余热，弘扬正能量',
    subs: [
      ['老干部专项经费', 95.54],
      ['离休干部属地管理服务费', 13.44],
      ['春节慰问费', 8.86],
      ['关心下一代专项帮扶资金', 8.89],
      ['老干部主题活动经费', 4.58],
    ],
  },
  {
    name: '城市基层党建工作经费',
    initial: 180,
    increase: 9.4,
    spend: 189.4,
    purpose: '创新城市党建，引领基层治理模式',
    performance: '紧扣“动力党建 活力家园”主题，坚持以“火车头”精神党建品牌领航定向，全力优化党组织领导下多方共治的基层治理体系',
    subs: [
      ['城市基层党建工作经费', 125.22],
      ['基层党建示范点工作经费', 10],
      ['两新工委党建工作经费', 2],
      ['小区党群服务站建设经费', 48],
      ['其他相关支出', 4.18],
    ],
  },
  {
    name: '驻村工作队员待遇保障',
    initial: 20,
    spend: 0,
    purpose: '区委组织部安排驻村工作队员待遇保障',
    problems: '驻村工作队员待遇保障资金暂未支付到人',
  },
  {
    name: '人才专项补助资金、人才发展专项经费',
    initial: 0,
    increase: 795,
    spend: 794.6,
    purpose: '激发人才活力，营造引才爱才良好环境',
    performance: '贯彻省委、市委人才工作要求，大力推进人才强省战略，推进省芙蓉人才计划、市人才30条措施落地见效，营造良好的人才工作氛围',
  },
  {
    name: '退休人员去世抚恤慰问金',
    initial: 0,
    increase: 35.34,
    spend: 35.34,
    purpose: '退休人员去世抚恤慰问金',
  },
  {
    name: '村党组织书记、村民委员会主任参加基本养老保险财政补助',
    increase: 1.43,
    // Typed as text in the source sheet, as exports often are.
    spend: '1.43',
    purpose: '村党组织书记、村民委员会主任参加基本养老保险补助，让村党组织书记、村民委员会主任能正常缴纳社保',
  },
  {
    name: '区直部门代理记账服务项目',
    increase: 0.48,
    spend: 0.48,
    purpose: '区直部门委托代理记账服务，确保会计核算的专业性、准确性和及时性',
  },
];

/** Rounds a float sum to cents for cached formula results. */
function cents(n: number): number {
  return Math.round(n * 100) / 100;
}

function projectSheet(corrected: boolean) {
  const header1: CellSpec[] = ['序号', '项目名称', '资金来源', null, null, null, '全年预算数', '实际支出', '结余结转', '执行率', '主要用途', '绩效情况', '存在问题', '改进措施'];
  const header2: CellSpec[] = [null, null, '上年结转结余', '年初预算数', '上级转移支付', '年中调增', null, null, null, null, null, null, null, null];
  const rows: CellSpec[][] = [
    ['2023年度项目支出绩效情况表', ...Array(13).fill(null)],
    ['编制单位：中共株洲市石峰区委员会组织部', null, null, null, null, null, null, null, null, null, null, null, '单位：万元', null],
    header1,
    header2,
  ];
  const parentRows: number[] = [];
  PROJECTS.forEach((p, i) => {
    const r = rows.length; // 0-based row index
    const x = r + 1; // Excel row number
    parentRows.push(x);
    const budget = cents((p.carryIn ?? 0) + (p.initial ?? 0) + (p.increase ?? 0));
    const spendNum = typeof p.spend === 'number' ? p.spend : Number(p.spend);
    rows.push([
      i + 1,
      p.name,
      p.carryIn ?? null,
      p.initial ?? null,
      null,
      p.increase ?? null,
      { v: budget, f: `SUM(C${x}:F${x})` },
      p.spend,
      { v: cents(budget - spendNum), f: `G${x}-H${x}` },
      { v: budget === 0 ? '—' : spendNum / budget, f: `IF(G${x}=0,"—",H${x}/G${x})`, nf: RATE },
      p.purpose,
      p.performance ?? null,
      p.problems ?? null,
      p.measures ?? null,
    ]);
    (p.subs ?? []).forEach(([name, amount], j) => {
      const label = j === 0 ? `其中：${name}` : `${FS}${FS}${FS}${name}`;
      rows.push([null, label, null, null, null, null, null, amount, null, null, null, null, null, null]);
    });
  });
  const t = rows.length + 1; // Excel row of the total
  const sumOf = (col: string) => parentRows.map((x) => `${col}${x}`).join('+');
  const sumValue = (pick: (p: ProjectSpec) => number | undefined) => cents(PROJECTS.reduce((s, p) => s + (pick(p) ?? 0), 0));
  const trueIncrease = sumValue((p) => p.increase);
  const trueCarryIn = sumValue((p) => p.carryIn);
  const initial = sumValue((p) => p.initial);
  const spend = sumValue((p) => (typeof p.spend === 'number' ? p.spend : Number(p.spend)));
  // The seed report's own slips: 年中执行调增 1114.27 and 结余结转 234.94 typed over the formulas,
  // and 上年结转结余 left out of the total.
  const increase = corrected ? trueIncrease : 1114.27;
  const carryIn = corrected ? trueCarryIn : null;
  const budget = cents((carryIn ?? 0) + initial + increase);
  const carryOut = corrected ? cents(budget - spend) : 234.94;
  rows.push([
    null,
    '合计',
    corrected ? { v: carryIn, f: sumOf('C') } : '—',
    { v: initial, f: sumOf('D') },
    0,
    corrected ? { v: increase, f: sumOf('F') } : increase,
    { v: budget, f: `SUM(C${t}:F${t})` },
    { v: spend, f: sumOf('H') },
    corrected ? { v: carryOut, f: `G${t}-H${t}` } : carryOut,
    { v: spend / budget, f: `H${t}/G${t}`, nf: RATE },
    null,
    null,
    null,
    null,
  ]);
  rows.push(['注：执行率＝实际支出÷全年预算数。', ...Array(13).fill(null)]);
  rows.push(['填表人：张敏　　审核人：刘洋　　填报日期：2024年1月15日', ...Array(13).fill(null)]);
  return buildSheet({
    name: '项目支出明细',
    rows,
    merges: ['A1:N1', 'A2:F2', 'M2:N2', 'A3:A4', 'B3:B4', 'C3:F3', 'G3:G4', 'H3:H4', 'I3:I4', 'J3:J4', 'K3:K4', 'L3:L4', 'M3:M4', 'N3:N4', `A${t + 1}:N${t + 1}`, `A${t + 2}:N${t + 2}`],
    numberFormat: AMOUNT,
    columnFormats: { 0: '0' },
  });
}

export function seedWorkbook(options: SeedOptions = {}): WorkbookSnapshot {
  const corrected = options.corrected ?? false;
  return { sheets: [unitInfoSheet(), summarySheet(corrected), projectSheet(corrected)] };
}

/** Where the seed's slips sit, for tests and the demo's expectations. */
export const SEED_CELLS = {
  basicExpenditure: { sheet: '收支情况', cell: 'B9' },
  expenditureTotal: { sheet: '收支情况', cell: 'B8' },
  projectSheet: '项目支出明细',
};
