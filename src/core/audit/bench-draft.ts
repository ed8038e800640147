/**
 * A long draft for the speed bench: the seed report's kind of prose repeated with varied
 * figures, about 1,000 characters a page. makeLongDraft(100) is a 100-page draft.
 */
export function makeLongDraft(pages: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < pages; i++) {
    const initial = 100 + ((i * 37) % 400);
    const carry = ((i * 13) % 50) + 0.25;
    const inc = ((i * 7) % 60) + 0.5;
    const budget = initial + carry + inc;
    const spend = Math.round(budget * 0.9 * 100) / 100;
    const rest = Math.round((budget - spend) * 100) / 100;
    const a = Math.round(spend * 0.6 * 100) / 100;
    const b = Math.round((spend - a) * 100) / 100;
    out.push(`（${(i % 9) + 1}）第${i + 1}号专项经费项目`);
    out.push(
      `年初预算${initial.toFixed(2)}万元，上年结转结余${carry.toFixed(2)}万元，年中执行调增${inc.toFixed(2)}万元，实际支出${spend.toFixed(2)}万元，结余结转${rest.toFixed(2)}万元，完成全年预算的${((spend / budget) * 100).toFixed(2)}%。其中设备购置费${a.toFixed(2)}万元，劳务费${b.toFixed(2)}万元。`,
    );
    out.push(
      '主要用于保障基层党组织正常运转、党员教育培训和人才引进工作，项目实施后各项产出指标均按计划完成，服务对象满意度较高，进一步夯实了基层组织建设基础，提升了组织工作的规范化水平，为全区经济社会发展提供了坚强的组织保证。'.repeat(4),
    );
    out.push(
      `本年度共开展培训${(i % 20) + 5}期，培训干部${(i % 300) + 100}人次，比上年增加${(i % 30) + 1}人次。项目管理方面，严格执行财务制度，资金拨付及时，未发现截留挪用情况。`,
    );
    out.push(
      '项目管理方面，严格执行《预算法》及其实施条例，按照“谁使用、谁负责”的原则落实资金监管责任，建立项目台账，按月调度执行进度，对执行缓慢的项目开展专项督导；同时加强与财政、审计部门的沟通衔接，及时整改审计发现的问题，确保资金使用合规、高效。项目实施过程中，坚持以群众需求为导向，通过问卷调查、座谈走访等方式收集意见建议，服务对象满意度达到95%以上。',
    );
    out.push('绩效目标设定较为合理，各项指标完成情况良好，下一步将继续加强预算绩效管理，提高资金使用效益。');
    out.push(
      `全年支出${(spend * 3).toFixed(2)}万元，其中基本支出${(spend * 2).toFixed(2)}万元，项目支出${spend.toFixed(2)}万元。存在的问题：一是部分项目绩效目标设置不够细化，量化指标偏少；二是个别项目年中追加预算较多，预算编制的精准性有待提高。下一步改进措施：一是加强绩效目标审核，提高指标的可衡量性；二是强化预算执行监控，对执行率低于序时进度的项目及时督促，确保资金安全高效使用。`,
    );
  }
  return out;
}
