import { seedWorkbook, SEED_CELLS } from '../../src/samples/seed-workbook';
import { validateWorkbook } from '../../src/core/validate';
import { paragraphText, Report } from '../../src/core/report/types';
import { renderText } from '../../src/core/report/render-text';
import { seedReport } from './helpers';
import { checkReportSources } from './sources';

function texts(r: Report): string[] {
  return r.paragraphs.map(paragraphText);
}

function findPara(r: Report, start: string): string {
  const p = texts(r).find((t) => t.startsWith(start));
  if (!p) throw new Error(`no paragraph starting 「${start}」 in:\n${texts(r).join('\n')}`);
  return p;
}

describe('report from the corrected seed sample', () => {
  const report = seedReport(true);
  const all = texts(report);

  test('follows the seed report section for section', () => {
    const headings = report.paragraphs.filter((p) => p.style === 'heading1' || p.style === 'heading2').map(paragraphText);
    expect(headings).toEqual([
      '一、预算单位基本情况',
      '二、预算收支出情况（按单位预算口径）',
      '三、资金使用及绩效情况（包含单位管理的公共专项）',
      '（一）整体支出绩效情况',
      '（二）项目支出绩效情况',
      '四、绩效管理存在的问题及下一步改进措施',
      '五、其他需要说明的情况',
    ]);
    expect(report.title).toBe('2023年度部门整体支出绩效自评报告');
    expect(all[1]).toBe('中共株洲市石峰区委员会组织部');
  });

  test('writes the seed report’s kind of sentences from the figures', () => {
    expect(all).toContain('2023年预算收入2128.48万元，其中年初预算939.28万元，调整追加1167.53万元，其他资金来源21.67万元。');
    expect(findPara(report, '2023年支出')).toBe(
      '2023年支出1878.70万元，其中基本支出416.47万元（含机关人员工资福利及社会保障等支出256.06万元，对个人和家庭的补助（老干部服务中心离退休费用等）114.84万元，日常公用经费45.57万元），项目支出1462.23万元。结余结转249.78万元。',
    );
    const overview = findPara(report, '中共株洲市石峰区委员会组织部（简称区委组织部）是区委工作机关，为正科级。加挂区委直属机关工作委员会、');
    expect(overview).toContain('区公务员局牌子。');
    expect(overview).toContain('本部门共有编制人数20人，截止到2023年底，单位实有人数20人。单位共有内设科室4个，分别是党建组、干部组、人才组、办公室。所属事业单位2个');
    expect(all).toContain('（一）负责研究和指导全区党组织建设以及党组织的设置、隶属关系和活动内容、工作方式等有关工作；统筹全区非公有制经济组织和社会组织党的建设工作；研究、指导全区党员队伍建设；会同有关部门对街道党委和村（社区）“两委”换届选举及单位党委（党组）民主生活会进行指导。');
  });

  test('project paragraphs: 年初预算 / 上年结转结余 / 年中执行调增 / 实际支出 / 结余结转 and 其中 breakdowns', () => {
    expect(all).toContain('（2）村级组织运转经费');
    expect(findPara(report, '村级组织运转经费主要用于')).toBe(
      '村级组织运转经费主要用于保障村干部待遇，推进村级党组织正常运转。年初预算299.40万元，上年结转结余40.91万元，实际支出293.14万元，执行率86.14%，结余结转47.17万元。其中村级服务群众专项经费27.00万元，村级办公经费45.00万元，村级党建工作经费36.00万元，2023年村干部工资社保经费、2023年离任村干部补贴185.14万元。保障了村干部待遇，推进村级党组织正常运转，夯实基层党组织建设基础。',
    );
    // 131.31 in 万元 (the seed wrote 元), and no 「上年结转结余0」 clutter for a project without carry-in.
    const oldCadres = findPara(report, '老干部专项经费主要用于');
    expect(oldCadres).toContain('年初预算70.00万元，年中执行调增61.31万元，实际支出131.31万元，执行率100.00%。其中老干部专项经费95.54万元，离休干部属地管理服务费13.44万元');
    expect(oldCadres).not.toContain('上年结转结余');
    expect(oldCadres).not.toContain('结余结转');
  });

  test('a purpose that only repeats the project name is left out', () => {
    expect(all[all.indexOf('（7）退休人员去世抚恤慰问金') + 1]).toBe('年中执行调增35.34万元，实际支出35.34万元，执行率100.00%。');
  });

  test('zero figures are phrased, not printed as 0.00', () => {
    expect(findPara(report, '驻村工作队员待遇保障主要用于')).toContain('年初预算20.00万元，尚未发生支出，结余结转20.00万元。');
    expect(findPara(report, '人才专项补助资金、人才发展专项经费主要用于')).toContain('年中执行调增795.00万元，实际支出794.60万元');
    expect(findPara(report, '人才专项补助资金、人才发展专项经费主要用于')).not.toMatch(/年初预算0/);
    for (const t of all) expect(t).not.toMatch(/(调增|调减|结转结余|结余结转)0\.00万元/);
  });

  test('the project totals use the 合计 row', () => {
    expect(findPara(report, '年初预算项目：')).toBe(
      '年初预算项目：业务性专项经费、村级组织运转经费、老干部专项经费、城市基层党建工作经费、驻村工作队员待遇保障，共5项，年初预算合计582.90万元。全年共实施项目9个，合计年初预算582.90万元，上年结转结余46.08万元，年中执行调增902.96万元，实际支出1462.23万元，执行率95.45%，结余结转69.71万元。项目实施及绩效情况如下：',
    );
  });

  test('section 四 lists low execution and adjustments with reasons from the sheet or a visible marker', () => {
    const issues = report.paragraphs.filter((p) => /^[一二三四五六七八九十]+是/.test(paragraphText(p)));
    expect(issues.map((p) => paragraphText(p).split('：')[0])).toEqual([
      '一是业务性专项经费',
      '二是村级组织运转经费',
      '三是老干部专项经费',
      '四是城市基层党建工作经费',
      '五是驻村工作队员待遇保障',
      '六是人才专项补助资金、人才发展专项经费',
      '七是退休人员去世抚恤慰问金',
      '八是村党组织书记、村民委员会主任参加基本养老保险财政补助',
      '九是区直部门代理记账服务项目',
    ]);
    const village = paragraphText(issues[4]);
    expect(village).toBe(
      '五是驻村工作队员待遇保障：全年预算20.00万元，尚未发生支出，结余结转20.00万元。存在问题：驻村工作队员待遇保障资金暂未支付到人。偏差原因：【请补充：驻村工作队员待遇保障的原因】。改进措施：【请补充：驻村工作队员待遇保障的改进措施】。',
    );
    // The marker is a placeholder run, never invented text.
    expect(issues[4].runs.filter((r) => r.kind === 'placeholder').map((r) => r.text)).toEqual([
      '【请补充：驻村工作队员待遇保障的原因】',
      '【请补充：驻村工作队员待遇保障的改进措施】',
    ]);
    expect(paragraphText(issues[2])).toBe('三是老干部专项经费：年中执行调增61.31万元。调整原因：【请补充：老干部专项经费的原因】。');
    expect(all).not.toContain('绩效管理不存在相关问题。');
    expect(all).toContain('无其他需要说明的情况。');
  });

  test('no 待核实 list and no marked figure when the engine finds no error', () => {
    expect(report.unverified).toEqual([]);
    expect(report.paragraphs.some((p) => p.style === 'note')).toBe(false);
    expect(report.paragraphs.some((p) => p.runs.some((r) => r.kind === 'figure' && r.unverified))).toBe(false);
  });

  test('every number in the text comes from the workbook', () => {
    expect(checkReportSources(report, seedWorkbook({ corrected: true }))).toEqual([]);
  });

  test('the text is pinned', () => {
    expect(renderText(report)).toMatchSnapshot();
  });
});

describe('report from the seed sample with its slips', () => {
  const report = seedReport(false);
  const all = texts(report);

  test('a 待核实 list heads the output', () => {
    expect(report.paragraphs[0].style).toBe('note');
    expect(all[0]).toMatch(/^待核实：以下 5 处数据经校验仍有错误/);
    expect(all).toContain(`· ${SEED_CELLS.basicExpenditure.sheet}!${SEED_CELLS.basicExpenditure.cell}：基本支出：基本支出应为 416.47 万元，表中为 434.35 万元，相差 17.88 万元`);
    expect(report.unverified.map((u) => `${u.sheet}!${u.cell}`)).toEqual(expect.arrayContaining(['收支情况!B9', '项目支出明细!F28']));
    const firstBody = report.paragraphs.findIndex((p) => p.style !== 'note');
    expect(report.paragraphs[firstBody].style).toBe('title');
  });

  test('the slipped figures are printed as stated and marked', () => {
    const expenditure = report.paragraphs.find((p) => paragraphText(p).startsWith('2023年支出'));
    const figures = (expenditure?.runs ?? []).filter((r) => r.kind === 'figure');
    const basic = figures.find((r) => r.text === '434.35');
    expect(basic).toMatchObject({ unverified: true, source: { sheet: '收支情况', cell: 'B9' } });
    // 256.06 is not in doubt; 249.78 is computed in the sheet from the flagged 支出合计.
    expect(figures.find((r) => r.text === '256.06')?.unverified).toBeUndefined();
    expect(figures.find((r) => r.text === '249.78')?.unverified).toBe(true);
    expect(renderText(report)).toContain('其中基本支出434.35万元〔待核实〕（含');
    expect(findPara(report, '年初预算项目：')).toContain('年中执行调增1114.27万元，实际支出1462.23万元');
    expect(all).toContain('本报告中有5处数据经校验仍存在勾稽错误，已标注“待核实”，请核实更正后再定稿。');
    expect(renderText(report)).toContain('本报告中有5处数据');
  });

  test('every number in the text comes from the workbook', () => {
    expect(checkReportSources(report, seedWorkbook({ corrected: false }))).toEqual([]);
  });

  test('the text is pinned', () => {
    expect(renderText(report)).toMatchSnapshot();
  });
});

describe('the 南县 outline', () => {
  const report = seedReport(true, { outline: '南县' });
  const all = texts(report);

  test('renders its own structure from the same data', () => {
    expect(report.outline).toBe('nanxian');
    expect(report.title).toBe('中共株洲市石峰区委员会组织部2023年度部门整体支出绩效自评报告');
    expect(report.paragraphs.filter((p) => p.style === 'heading1').map(paragraphText)).toEqual([
      '一、基本情况',
      '二、绩效自评情况',
      '三、存在的问题及原因分析',
      '四、下一步改进措施',
      '五、其他需要说明的情况',
    ]);
    expect(all).toContain('（一）部门概况');
    expect(findPara(report, '1．人员及机构情况。')).toContain('本部门编制人数20人，实有人数20人。内设科室4个：党建组、干部组、人才组、办公室。');
    expect(findPara(report, '2．部门决算情况。')).toBe(
      '2．部门决算情况。2023年收入合计2128.48万元（年初预算939.28万元，调整追加1167.53万元，其他资金来源21.67万元）；支出合计1878.70万元，其中基本支出416.47万元，项目支出1462.23万元；年末结转和结余249.78万元。',
    );
    expect(findPara(report, '2023年项目支出')).toBe('2023年项目支出全年预算1531.94万元，实际支出1462.23万元，预算执行率95.45%。');
    expect(findPara(report, '5．驻村工作队员待遇保障')).toBe('5．驻村工作队员待遇保障：全年预算20.00万元，尚未发生支出。');
  });

  test('every number in the text comes from the workbook', () => {
    expect(checkReportSources(report, seedWorkbook({ corrected: true }))).toEqual([]);
  });

  test('the text is pinned', () => {
    expect(renderText(report)).toMatchSnapshot();
  });
});

describe('section 四 and the engine’s findings', () => {
  test('a reason typed when ignoring an idle-funds finding becomes the 原因 (the sheet had none)', () => {
    const wb = seedWorkbook({ corrected: true });
    const idle = validateWorkbook(wb).findings.find((f) => f.rule === 'idle-funds' && f.label === '驻村工作队员待遇保障');
    expect(idle).toBeDefined();
    const reason = '驻村工作队员次年一月到岗，资金结转使用。';
    const report = seedReport(true, { settings: { ignored: { [idle?.id as string]: reason } } });
    const para = texts(report).find((t) => t.startsWith('五是驻村工作队员待遇保障'));
    expect(para).toContain('偏差原因：驻村工作队员次年一月到岗，资金结转使用。改进措施：【请补充：驻村工作队员待遇保障的改进措施】。');
    expect(checkReportSources(report, wb)).toEqual([]);
  });
});
