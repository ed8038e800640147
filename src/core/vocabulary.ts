/**
 * Headers and line labels met in real sheets, by meaning. Extends
 * ../shared/domain/synonyms.json with what the engine needs to tell lines apart.
 * Matching prefers an exact variant, then the longest variant contained in the text,
 * so 全年预算数 never reads as 预算数 and 年末结转和结余 never as 结余.
 */
import { LineKey, ProjectColumn, SummaryLineKey } from './model';

export interface Vocabulary<K extends string> {
  /** Variants matched when the whole normalised text equals them. */
  exact: Record<string, K>;
  /** Variants matched when contained in the text; longest first. */
  contains: [string, K][];
}

function vocabulary<K extends string>(entries: [K, string[], string[]?][]): Vocabulary<K> {
  const exact: Record<string, K> = {};
  const contains: [string, K][] = [];
  for (const [key, containable, exactOnly = []] of entries) {
    for (const v of [...containable, ...exactOnly]) if (!(v in exact)) exact[v] = key;
    for (const v of containable) contains.push([v, key]);
  }
  contains.sort((a, b) => b[0].length - a[0].length);
  return { exact, contains };
}

export function matchVocabulary<K extends string>(vocab: Vocabulary<K>, text: string): K | null {
  if (!text) return null;
  const hit = vocab.exact[text];
  if (hit) return hit;
  for (const [v, key] of vocab.contains) if (text.includes(v)) return key;
  return null;
}

export const PROJECT_COLUMNS: Vocabulary<ProjectColumn> = vocabulary<ProjectColumn>([
  ['name', ['项目名称', '子项目名称', '资金名称', '专项名称', '项目(单位)名称'], ['项目', '名称', '项目内容']],
  ['code', ['项目编码', '项目代码', '项目编号'], ['序号', '编码', '编号', '代码']],
  ['parent', ['上级项目', '所属项目', '父项目', '上级项目名称', '所属一级项目']],
  ['carryIn', ['上年结转结余', '上年结转和结余', '年初结转和结余', '上年结转资金', '上年结转', '年初结转结余', '以前年度结转']],
  ['initialBudget', ['年初预算', '年初预算数', '年初预算安排', '年初批复预算', '年初批复数'], ['预算数']],
  ['fiscalCurrent', ['当年财政拨款', '本年财政拨款', '当年财政资金', '财政拨款收入'], ['财政资金']],
  ['transferFromUpper', ['上级转移支付', '上级补助收入', '上级专项资金', '中央资金', '省级资金']],
  ['otherFunds', ['其他资金', '单位资金', '财政专户管理资金', '社会投入资金'], ['其他收入', '事业收入', '经营收入']],
  ['adjustment', ['年中调整', '调整追加', '年中追加', '追加预算', '调整数', '预算调整'], ['追加']],
  ['increase', ['调增', '预算调增数', '年中调增', '年中执行调增', '年中增加', '追加数']],
  ['decrease', ['调减', '预算调减数', '年中调减', '年中减少', '收回', '调减数']],
  ['adjustedBudget', ['全年预算数', '调整后预算数', '调整预算数', '全年(调整)预算数', '全年预算', '预算总额', '调整后预算', '全年预算合计']],
  ['actualSpend', ['实际支出', '全年执行数', '预算执行数', '执行数', '决算数', '支出数', '实际使用', '本年支出', '完成预算资金', '实际完成']],
  ['carryOut', ['结余结转', '结转结余', '年末结转和结余', '年末结转结余', '结转下年', '结余资金', '年末结余'], ['结余']],
  ['executionRate', ['执行率', '预算执行率', '预算完成率', '资金使用率', '支出进度']],
  ['purpose', ['主要用途', '资金用途', '用途', '主要内容', '项目概况']],
  ['performance', ['绩效情况', '绩效完成情况', '实施及绩效情况', '项目绩效', '绩效目标完成情况', '实施情况']],
  ['problems', ['存在问题', '存在的问题', '主要问题'], ['问题']],
  ['reasons', ['偏差原因', '原因分析', '未完成原因分析', '未完成原因', '偏差原因分析'], ['原因']],
  ['measures', ['改进措施', '下一步改进措施', '整改措施', '偏差原因分析及改进措施', '改进建议']],
]);

/** Budget-style summary lines (收支总表). */
export const BUDGET_LINES: Vocabulary<SummaryLineKey> = vocabulary<SummaryLineKey>([
  // 总收入 / 总支出: budget summaries of some counties (REFERENCE §1; issue #9's list of variants).
  ['incomeTotal', ['收入合计', '预算收入合计', '本年收入合计', '收入总计', '预算收入总计'], ['总收入']],
  ['initialBudget', ['年初预算', '年初预算数', '年初预算安排', '年初批复预算']],
  ['adjustment', ['调整追加', '年中追加', '追加预算', '年中调整', '预算调整']],
  ['otherFunds', ['其他资金', '其他资金来源', '其他收入', '单位资金']],
  ['carryIn', ['上年结转', '上年结转结余', '上年结转和结余', '年初结转和结余']],
  ['fiscalCurrent', ['当年财政拨款', '本年财政拨款']],
  ['expenditureTotal', ['支出合计', '预算支出合计', '本年支出合计', '支出总计', '预算支出总计'], ['总支出']],
  ['basicExpenditure', ['基本支出', '基本经费']],
  ['personnel', ['人员经费']],
  ['publicFunds', ['公用经费', '日常公用经费']],
  ['wages', ['工资福利支出', '工资福利']],
  ['goodsServices', ['商品和服务支出']],
  ['individualSubsidies', ['对个人和家庭的补助']],
  ['capital', ['资本性支出']],
  ['projectExpenditure', ['项目支出', '专项支出', '项目经费']],
  ['upperRemit', ['上缴上级支出']],
  ['operatingExpenditure', ['经营支出']],
  ['subsidyToAffiliated', ['对附属单位补助支出']],
  ['carryOut', ['结余结转', '结转结余', '年末结转和结余', '年末结转结余', '结转下年']],
]);

/** Final-accounts (决算, 财决01表) lines. */
export const FINAL_LINES: Vocabulary<SummaryLineKey> = vocabulary<SummaryLineKey>([
  ['generalBudgetAppropriation', ['一般公共预算财政拨款收入', '一般公共预算财政拨款']],
  ['govFundAppropriation', ['政府性基金预算财政拨款收入', '政府性基金预算财政拨款']],
  ['stateCapitalAppropriation', ['国有资本经营预算财政拨款收入', '国有资本经营预算财政拨款']],
  ['upperSubsidy', ['上级补助收入']],
  ['businessIncome', ['事业收入']],
  ['operatingIncome', ['经营收入']],
  ['affiliatedIncome', ['附属单位上缴收入']],
  ['otherIncome', ['其他收入']],
  // 本年收入 / 本年支出 alone: the 医疗卫生机构收支决算总表 (国卫财01-1表, the 汨罗 table in the corpus).
  ['yearIncomeTotal', ['本年收入合计'], ['本年收入']],
  // 用事业基金弥补收支差额: the older name of the line (2015–2016 决算, e.g. the 汨罗 hospital table in the corpus).
  ['useNonFiscalBalance', ['使用非财政拨款结余', '使用专用结余', '用事业基金弥补收支差额']],
  // 年初/年末财政拨款结转和结余: the lines of the 财政拨款收入支出决算总表 (national template; 上海普陀 2025).
  ['openingBalance', ['年初结转和结余', '上年结转和结余', '年初结转结余', '年初财政拨款结转和结余']],
  ['incomeGrandTotal', ['收入总计', '收、支总计']],
  ['basicExpenditure', ['基本支出']],
  ['projectExpenditure', ['项目支出']],
  ['upperRemit', ['上缴上级支出']],
  ['operatingExpenditure', ['经营支出']],
  ['subsidyToAffiliated', ['对附属单位补助支出']],
  ['yearExpenditureTotal', ['本年支出合计'], ['本年支出']],
  ['balanceDistribution', ['结余分配']],
  ['closingBalance', ['年末结转和结余', '年末结转结余', '年末财政拨款结转和结余']],
  ['expenditureGrandTotal', ['支出总计']],
]);

/** Lines and column headers of the national public tables (三公, 收入/支出决算表, 基本支出). */
export const LINE_KEYS: Vocabulary<LineKey> = vocabulary<LineKey>([
  ['total', [], ['合计', '总计', '小计', '合计数', '总合计']],
  ['sangongTotal', ['"三公"经费', '“三公”经费', '三公经费', '"三公"经费合计', '“三公”经费合计', '三公经费合计']],
  ['abroad', ['因公出国(境)费', '因公出国(境)费用', '因公出国(境)经费', '因公出国费', '出国(境)费']],
  ['vehicle', ['公务用车购置及运行费', '公务用车购置及运行维护费', '公务用车购置和运行费', '公务用车费', '公务用车购置及运行', '公车购置及运行维护费', '公车购置及运行费', '公务用车购置及运维费']],
  ['vehiclePurchase', ['公务用车购置费', '公务用车购置', '车辆购置费', '公车购置费', '公车购置', '车辆购置']],
  ['vehicleRun', ['公务用车运行费', '公务用车运行维护费', '公务用车运行维护', '公务用车运行', '车辆运行维护费', '公车运行维护费', '公车运行费', '车辆运行', '公务用车运维费']],
  ['reception', ['公务接待费', '公务接待']],
  ['yearIncomeTotal', ['本年收入合计', '收入合计']],
  ['fiscalIncome', ['财政拨款收入', '财政拨款']],
  ['upperSubsidy', ['上级补助收入']],
  ['businessIncome', ['事业收入']],
  ['operatingIncome', ['经营收入']],
  ['affiliatedIncome', ['附属单位上缴收入']],
  ['otherIncome', ['其他收入']],
  ['yearExpenditureTotal', ['本年支出合计', '支出合计']],
  ['basic', ['基本支出']],
  ['project', ['项目支出']],
  ['upperRemit', ['上缴上级支出']],
  ['operatingExpenditure', ['经营支出']],
  ['subsidyToAffiliated', ['对附属单位补助支出']],
  ['personnel', ['人员经费']],
  ['publicFunds', ['公用经费']],
  ['fundGeneral', ['一般公共预算拨款', '一般公共预算财政拨款', '公共财政预算拨款', '公共预算财政拨款', '公共财政拨款'], ['一般公共预算']],
  ['fundGov', ['政府性基金预算拨款', '政府性基金预算财政拨款', '政府性基金拨款'], ['政府性基金预算', '政府性基金']],
  ['fundCapital', ['国有资本经营预算拨款', '国有资本经营预算财政拨款'], ['国有资本经营预算']],
]);

export const TOTAL_LABELS: Record<string, '合计' | '总计' | '小计'> = {
  合计: '合计',
  总计: '总计',
  小计: '小计',
  总合计: '合计',
  项目合计: '合计',
  项目支出合计: '合计',
  合计数: '合计',
};

export const UNIT_INFO_LABELS: [string, import('./model').UnitInfoKey][] = [
  ['单位名称', '单位名称'],
  ['部门名称', '单位名称'],
  ['预算单位', '单位名称'],
  ['单位简称', '单位简称'],
  ['简称', '单位简称'],
  ['加挂牌子', '加挂牌子'],
  ['挂牌', '加挂牌子'],
  ['加挂', '加挂牌子'],
  ['年度', '年度'],
  ['预算年度', '年度'],
  ['编制人数', '编制人数'],
  ['编制数', '编制人数'],
  ['核定编制', '编制人数'],
  ['实有人数', '实有人数'],
  ['在职人数', '实有人数'],
  ['内设科室', '内设科室'],
  ['内设机构', '内设科室'],
  ['所属事业单位', '所属事业单位'],
  ['下属单位', '所属事业单位'],
  ['机构性质', '机构性质'],
  ['单位性质', '机构性质'],
  ['主要职能', '主要职能'],
  ['部门职能', '主要职能'],
  ['职能职责', '主要职能'],
  ['单位简介', '单位简介'],
];
