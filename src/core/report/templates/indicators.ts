/**
 * The common 部门整体支出 indicators of 财预〔2013〕53号 as data: an outline carries the list, so a province that
 * scores differently ships its own. Each is numerator ÷ denominator × 100%, read from the report's figures;
 * an indicator whose two figures the tables do not both give is left out.
 */
import { IndicatorDef } from '../outline';

export const NATIONAL_INDICATORS: IndicatorDef[] = [
  { name: '预算完成率', numerator: '本年支出合计', denominator: '预算数', numeratorLabel: '本年支出合计', denominatorLabel: '预算数' },
  { name: '预算调整率', numerator: '预算调整数', denominator: '预算数', numeratorLabel: '预算调整数', denominatorLabel: '预算数' },
  { name: '结转结余率', numerator: '年末结转和结余', denominator: '预算数', numeratorLabel: '年末结转和结余', denominatorLabel: '预算数' },
  { name: '公用经费控制率', numerator: '公用经费', denominator: '公用经费预算', numeratorLabel: '公用经费实际支出', denominatorLabel: '公用经费预算' },
  { name: '“三公经费”控制率', numerator: '三公决算', denominator: '三公预算', numeratorLabel: '“三公”经费决算数', denominatorLabel: '预算数' },
  { name: '政府采购执行率', numerator: '政府采购实际', denominator: '政府采购预算', numeratorLabel: '实际政府采购金额', denominatorLabel: '政府采购预算数' },
];
