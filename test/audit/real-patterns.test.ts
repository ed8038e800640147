/**
 * The reading patterns of issue #10, each on a passage from the real prose corpus (test/audit/real/corpus,
 * id in the test name), quoted verbatim with the line breaks joined as the draft reader joins them.
 */
import { auditText } from '../../src/core/audit';

const found = (paras: string[]) => auditText(paras).findings.map((f) => ({ severity: f.severity, rule: f.rule, paragraph: f.paragraph, text: f.text, ...(f.sheet ? { sheet: f.sheet } : {}) }));
const errors = (paras: string[]) => found(paras).filter((f) => f.severity === 'error');

describe('a 其中 list that goes on in the next paragraph', () => {
  it('基本支出 = 人员经费 + 公用经费 across paragraphs (sichuan-2023-dyrmt-jibenzhichu-sangong)', () => {
    const paras = [
      '2023年一般公共预算财政拨款基本支出911.7万元,其中:人员经费489.18万元,主要包括:基本工资、津贴补贴、奖金、伙食补助费。',
      '公用经费46.89万元,主要包括:办公费、印刷费、咨询费、手续费。',
    ];
    expect(errors(paras)).toEqual([expect.objectContaining({ rule: 'parts-sum', paragraph: 1, text: '911.7万元,其中:人员经费489.18万元' })]);
    // Read the second paragraph alone: no list, nothing to say.
    expect(errors(paras.slice(1))).toEqual([]);
  });

  it('a list of numbered paragraphs is read on only while the parts can still make the whole (guangxi-2024-wuzhou-danwei-yusuan-b)', () => {
    const paras = [
      '2. 项目支出 469500 元,占一般公共预算支出的 19.62%,同比增加 70100 元 ,增长 17.55%。其中:工资福利支出 12000 元,占项目支出预算 2.56%,同比增加 12000 元,去年项目支出未列该项。',
      '商品和服务支出 426000 元,占项目支出预算 90.73%,同比增加 36600 元,增长 9.4%。',
      '资本性支出 31500 元,占项目支出预算 6.71%,同比增加21500 元,增长 215%。',
    ];
    // 12000 + 426000 + 31500 = 469500: the list is complete and holds; no parts-sum notice either.
    expect(found(paras).filter((f) => f.rule === 'parts-sum')).toEqual([]);
  });
});

describe('a list whose sentences go on past the full stop', () => {
  it('the parts make the whole, so their changes must make its change (gansu-2021-tianshui-jingkaiqu-11yue)', () => {
    const para = '(二)财政支出完成情况。本月完成财政支出3021万元,较上年同月少支5255万元,下降63.5%。其中:一般公共预算支出完成2021万元,较上年同月少支1962万元,下降48.8%。政府性基金支出完成1000万元,较上年同月少支3329万元,下降76.9%。';
    const e = errors([para]);
    expect(e).toContainEqual(expect.objectContaining({ rule: 'parts-sum', text: '较上年同月少支5255万元' }));
    // 3021 = 2021 + 1000: the amounts themselves hold.
    expect(e.filter((f) => f.rule === 'parts-sum')).toHaveLength(1);
  });
});

describe('a share whose total is stated in another paragraph', () => {
  const paras = [
    '1. 基本支出预算 881300.39 元,占一般公共预算支出的96.74%,同比减少 166271.4 元,下降 15.87 %。其中:工资福利支出预算 716052.51 元,占基本支出预算81.25%,同比减少 148979.48 元,下降 17.22%。',
    '商品和服务支出预算 165247.88 元,占基本支出预算18.76%,同比减少 17291.92 元,下降 9.47%。',
  ];
  it('is checked against it when the document states it once (guangxi-2023-wuzhou-danwei-yusuan-a)', () => {
    expect(errors(paras)).toEqual([expect.objectContaining({ rule: 'share', paragraph: 2, text: '商品和服务支出预算 165247.88 元,占基本支出预算18.76%' })]);
  });
  it('is left alone when the document states that total with two values', () => {
    const twice = [...paras, '基本支出预算 900000 元。'];
    expect(errors(twice).filter((f) => f.rule === 'share')).toEqual([]);
  });
  it('「支出总预算」 is the 「收支总预算」 a budget states (guangxi-2025-wuzhou-danwei-yusuan-d)', () => {
    const d = [
      '(三)卫生健康支出类科目 43897.73 元,占支出总预算4.04 %,同比减少 6014.46 元,下降 12.05 %。',
      '(四)住房保障支出类科目 74784.48 元,占支出总预算6.90 %,同比增加 62.16 元,增长 0.083 %。',
      '2025 年财政拨款收支总预算 1085203.63 元。收入包括:一般公共预算拨款 1085203.63 元。',
    ];
    const f = found(d).filter((x) => x.rule === 'share');
    expect(f).toEqual([
      expect.objectContaining({ severity: 'warning', paragraph: 1 }), // 4.045 → 4.05, printed truncated
      expect.objectContaining({ severity: 'error', paragraph: 2 }), // 6.8913 → 6.89
    ]);
  });
});

describe('shares of one total must be proportional to their parts', () => {
  it('two shares of 一般公共预算支出 that imply two different totals (guangxi-2024-wuzhou-danwei-yusuan-b)', () => {
    const paras = [
      '1. 基本支出预算 2476260.58 元,占一般公共预算支出的84.06%,同比减少 4966.66 元,下降 0.2%。',
      '2. 项目支出 469500 元,占一般公共预算支出的 19.62%,同比增加 70100 元 ,增长 17.55%。',
    ];
    expect(errors(paras)).toEqual([expect.objectContaining({ rule: 'share', paragraph: 2 })]);
  });
  it('the same item of two subjects is not one total (shanxi-2022-quansheng-1-4yue)', () => {
    const paras = [
      '晋城市一般公共预算收入完成93.7亿元,同比增长83.2%。全市一般公共预算支出执行128.9亿元,同比增长34.9%。其中,民生支出104.6亿元,占一般公共预算支出的81.2%。',
      '朔州市一般公共预算收入累计完成63.63亿元,同比增长79.48%。全市一般公共预算支出执行67.28亿元,同比增长24.85%。其中,民生支出55.1亿元,占一般公共预算支出的81.9%。',
    ];
    expect(errors(paras)).toEqual([]);
  });
  it('the three 三公 items with bare shares: their total is their sum (sichuan-2023-dyrmt-jibenzhichu-sangong)', () => {
    const para = '2023年“三公”经费财政拨款支出决算中,因公出国(境)费支出决算0万元,占0%;公务用车购置及运行维护费支出决算1.4万元,占0.02%;公务接待费支出决算0.28万元,占0.95%。';
    expect(errors([para]).map((f) => f.text)).toEqual(['公务用车购置及运行维护费支出决算1.4万元,占0.02%', '公务接待费支出决算0.28万元,占0.95%']);
  });
  it('proportional shares of the 三公 sum that truncate are a warning (anhui-2021-duji-zhengfuban-sangong)', () => {
    const para = '杜集區政府辦2021年度一般公共預算財政撥款“三公”經費支出決算中,因公出國(境)費支出決算0萬元,占0%;公務接待費支出決算5.21萬元,占67.75%;公務用車購置及運行維護費支出決算2.48萬元,占32.24%。';
    expect(found([para])).toEqual([expect.objectContaining({ severity: 'warning', rule: 'share', text: '公務用車購置及運行維護費支出決算2.48萬元,占32.24%' })]);
  });
});

describe('a change against the budget', () => {
  it('「与2021年度预算相比」 gives the base: budget = actual ∓ change (anhui-2021-duji-jiguanshiwu-sangong)', () => {
    const para = '2.公务接待费支出2.14万元, 与2021年度预算相比,增加1.14万元,增长1.14%,增长的原因是成立新的临时机构。';
    expect(errors([para])).toEqual([expect.objectContaining({ rule: 'change-rate', text: '公务接待费支出2.14万元, 与2021年度预算相比,增加1.14万元,增长1.14%' })]);
  });
  it('a truncated rate on a budget is a warning (anhui-2021-luan-gongshanglian-sangong)', () => {
    const para = '2.公务接待费支出1.52万元, 与2021年度预算相比,减少0.28万元,下降15%,下降的原因是公务接待支出减少。';
    expect(found([para])).toEqual([expect.objectContaining({ severity: 'warning', rule: 'change-rate' })]);
  });
});

describe('a completion rate against the stated difference from the budget', () => {
  it('完成年初预算100% with 决算数大于预算数55.93万元 is a warning (gansu-2017-tianshui-youeryuan-juesuan, with its pinyin)', () => {
    const para = '2017年度,本單位一般公共預(yù)算財政撥款支出總計1741.75萬元,與上年相比減少53.7萬元,降低2.99%;完成年初預(yù)算100%,決算數(shù)大于預(yù)算數(shù)55.93萬元,主要原因:2017年度62名職工工資調(diào)標(biāo)個人部分增加。';
    expect(found([para])).toEqual([expect.objectContaining({ severity: 'warning', rule: 'completion-rate' })]);
    // 1741.75 ÷ (1741.75 − 41.75) = 102.46% → 102%: the same sentence with 102% says nothing.
    expect(found([para.replace('55.93', '41.75').replace('100%', '102%')])).toEqual([]);
  });
});

describe("the narrative against the draft's own tables", () => {
  // anhui-2021-duji-zhengfuban-sangong: the 三公 table as the stored page gives it, a cell a line.
  const table = ['一、2021年度一般公共預算財政撥款“三公”經費支出決算表', '單位:萬元', '項 目 |', '預 算 數 |', '決 算 數 |', '合 計 |', '49.9 |', '7.69 |', '因公出國(境)費 |', '20 |', '|', '公務接待費 |', '14.9 |', '5.21 |', '公務用車購置及運行維護費 |', '15 |', '2.48 |', '其中:公務用車運行維護費 |', '15 |', '2.48 |', '公務用車購置費 |'];
  it('a change stated against the budget must be the table\'s 决算数 − 预算数', () => {
    const e = errors([...table, '2.公務接待費支出5.21萬元, 與2021年度預算相比,減少0.1萬元,下降的原因是厲行節約。']);
    expect(e).toEqual([expect.objectContaining({ rule: 'workbook-mismatch', sheet: '正文表1', text: '公務接待費支出5.21萬元, 與2021年度預算相比,減少0.1萬元' })]);
    // 14.9 − 5.21 = 9.69: the same sentence with the table's difference says nothing.
    expect(errors([...table, '2.公務接待費支出5.21萬元, 與2021年度預算相比,減少9.69萬元,下降的原因是厲行節約。'])).toEqual([]);
  });
  it('「无增减」 against a budget the table gives otherwise', () => {
    const e = errors([...table, '具體情況如下:1.因公出國(境)費支出0萬元,與2021年度預算相比無增減。']);
    expect(e).toEqual([expect.objectContaining({ rule: 'workbook-mismatch', text: '因公出國(境)費支出0萬元,與2021年度預算相比無增減' })]);
  });
  it('an item\'s 预算 figure is compared with the 预算数 column, its 决算 figure with the 决算数 column', () => {
    expect(errors([...table, '公務接待費支出預算14.9萬元，支出決算5.21萬元。'])).toEqual([]);
  });
  it('an item\'s 决算 figure must be the table\'s', () => {
    expect(errors([...table, '公務接待費支出決算5.21萬元。'])).toEqual([]);
    expect(errors([...table, '公務接待費支出決算5.12萬元。'])).toEqual([expect.objectContaining({ rule: 'workbook-mismatch', sheet: '正文表1' })]);
  });
  it('a table with two budget columns (two years) gives no single budget: nothing is said', () => {
    const two = ['單位:萬元', '項 目 | 2021年預算數 | 2020年預算數 |', '公務接待費 | 14.9 | 12 |', '合 計 | 14.9 | 12 |'];
    expect(errors([...two, '公務接待費支出5.21萬元, 與2021年度預算相比,減少0.1萬元。'])).toEqual([]);
  });
});

describe("a summary table carried in the draft (unknown-2020-jiaoyuju-bumenshouzhi from the real-table corpus, as pipe rows)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const grid: (string | null)[][] = require('../real-tables/corpus/summaries/unknown-2020-jiaoyuju-bumenshouzhi.json').sheets[0].grid;
  const rows = grid.map((r) => `| ${r.map((c) => c ?? '').join(' | ')} |`);
  it('a total quoted as in the table draws nothing; quoted otherwise, an error naming the table cell', () => {
    expect(errors([...rows, '2020年本年收入合计16,745.59万元。'])).toEqual([]);
    const e = errors([...rows, '2020年本年收入合计16,754.59万元。']);
    expect(e).toEqual([expect.objectContaining({ rule: 'workbook-mismatch', sheet: '正文表1' })]);
  });
});

describe('the fund rows of a 自评表 flattened into text', () => {
  it('a 其中 row above its 年度资金总额 is an error in each amount column (anhui-2022-tangxi-weituoyewu-ziping)', () => {
    const para = '附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金 年度总体目标';
    expect(errors([para]).map((f) => f.text)).toEqual([
      '年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90',
      '年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974',
      '年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974',
    ]);
    // The same form filled in: nothing to say.
    expect(errors([para.replace('年度资金总额: 0 0 0 10 0 0', '年度资金总额: 90 89.974 89.974 10 100 10')])).toEqual([]);
  });
});

/** Statements that hold under the right reading and drew errors under the first one (issue #10's Why). */
describe('readings that keep correct figures correct', () => {
  it('a change clause that names its base: 「较2024年的2190万元减少221万元，下降10.1%」 (real corpus, 2025 三公 budget)', () => {
    const para = '2025年全市行政单位(含参照公务员法管理的事业单位)、事业单位和其他单位使用财政拨款安排“三公”经费预算总额为1969万元,较2024年的2190万元减少221万元,下降10.1%;';
    expect(found([para])).toEqual([]);
    // Read with 2190 as this year's figure the rate would be 221/2411 = 9.2%: an error on a right rate.
    expect(errors([para.replace('下降10.1%', '下降9.2%')])).toEqual([expect.objectContaining({ rule: 'change-rate' })]);
  });
  it('two clauses in one sentence: the budget belongs to the completion, the change to last year (yunnan-2024-dayao-yusuan-zhixing)', () => {
    const paras = [
      '(一)地方一般公共预算收入情况',
      '4月,一般公共预算收入累计完成24627万元,完成年初预算数60999万元的40.4%,比上年减收1070万元,下降4.2%。其中:税收收入8103万元,比上年增收1284万元,增长18.8%;非税收入16524万元,比上年减收2354万元,下降12.5%。',
      '二、政府性基金收支完成情况',
      '(一)政府性基金收入情况',
      '4月,政府性基金预算收入累计完成2236万元,完成年初预算数25200万元的8.9%,比上年增收367万元,增长19.6%。',
      '(二)政府性基金支出情况',
      '4月,政府性基金支出累计完成5308万元,完成年初预算数24710万元的21.5%,比上年减支27580万元,下降83.9%。',
    ];
    // Three 年初预算数 under three headings are three budgets, not one figure quoted three ways.
    expect(errors(paras)).toEqual([]);
  });
  it('了 after the change words, and the subject stated in the sentence before (chongqing-2020-yuzhong-sangong)', () => {
    const para = '根据提供的数据,2020年度全区“三公”经费总支出为1928.76万元。与上年相比,2020年度的“三公”经费支出减少了1093.92万元,下降了36.2%。';
    expect(found([para])).toEqual([]);
    expect(errors([para.replace('下降了36.2%', '下降了26.2%')])).toEqual([expect.objectContaining({ rule: 'change-rate' })]);
  });
});
