import { auditText } from '../../src/core/audit';
import { readParagraph } from '../../src/core/audit/extract';
import { normalizeText } from '../../src/core/audit/normalize';

const rules = (paras: string[]) => auditText(paras).findings.map((f) => `${f.severity}:${f.rule}`);

describe('extraction', () => {
  it('keeps offsets: normalised text has the length of the text as read', () => {
    const raw = '２０２３年預算收入２，１２８．４８萬元，佔９５．６１％';
    const norm = normalizeText(raw);
    expect(norm.length).toBe(raw.length);
    expect(norm).toBe('2023年预算收入2,128.48万元，占95.61%');
  });

  it('reads amounts, labels, years and units the way reports write them', () => {
    const p = readParagraph('2023年预算收入2128.48万元，其中年初预算939.28万元，上年基本支出396.12万元，人均3500元，比上年增长5.1%。', 0);
    expect(p.figures.map((f) => [f.key, f.value.toString(), f.unit, f.year, f.change ?? ''])).toEqual([
      ['预算收入', '2128.48', '万元', '2023', ''],
      ['年初预算', '939.28', '万元', '2023', ''],
      ['上年基本支出', '396.12', '万元', 'prev', ''],
      ['人均', '3500', '元', '2023', ''],
      ['比上年增长', '5.1', '%', '2023', 'up'],
    ]);
  });

  it('keeps short brackets inside labels and marks thresholds', () => {
    const p = readParagraph('因公出国（境）费0万元，单位价值50万元以上通用设备2台。', 0);
    expect(p.figures[0].key).toBe('因公出国(境)费');
    expect(p.figures[1].bound).toBe(true);
  });
});

describe('the rounding rule of REFERENCE.md §3', () => {
  it('exact sums raise nothing', () => {
    expect(rules(['支出合计30.00万元，其中基本支出10.00万元，项目支出20.00万元。'])).toEqual([]);
  });
  it('a 0.01 residue within the allowance is a notice', () => {
    expect(rules(['支出合计30.01万元，其中基本支出10.00万元，项目支出20.00万元。'])).toEqual(['info:parts-sum']);
  });
  it('0.02 off is an error', () => {
    expect(rules(['支出合计30.02万元，其中基本支出10.00万元，项目支出20.00万元。'])).toEqual(['error:parts-sum']);
  });
  it('one decimal parts: 12.1 + 45.4 against 57.6 is consistent', () => {
    expect(rules(['收入57.6万元，其中财政拨款12.1万元，其他收入45.4万元。'])).toEqual(['info:parts-sum']);
  });
  it('a real 决算: 434.16 + 0.00 + 0.55 against 434.72 holds within rounding', () => {
    expect(rules(['本年支出合计434.72万元，其中基本支出434.16万元，项目支出0.00万元，经营支出0.55万元。'])).toEqual(['info:parts-sum']);
  });
});

describe('rates at the printed precision', () => {
  it('a truncated share is a warning (a slip where the convention is rounding), a wrong one an error', () => {
    // 1/3 = 33.333…% → 33.33; 2/3 = 66.666…% → 66.67 half-up, 66.66 truncated.
    expect(rules(['支出合计3,000.00万元，其中基本支出1,000.00万元，占33.33%；项目支出2,000.00万元，占66.67%。'])).toEqual([]);
    expect(rules(['支出合计3,000.00万元，其中基本支出1,000.00万元，占33.33%；项目支出2,000.00万元，占66.66%。'])).toEqual(['warning:share']);
    expect(rules(['支出合计3,000.00万元，其中基本支出1,000.00万元，占33.33%；项目支出2,000.00万元，占62.67%。'])).toEqual(['error:share', 'error:share']);
    // 2.00/3.00万元 may stand for anything in 66.39%–66.94%, so 66.66% is no error; but the printed figures
    // give 66.67 and 66.66 is their truncation: a warning (department accounts are kept to the 元).
    expect(rules(['支出合计3.00万元，其中基本支出1.00万元，占33.33%；项目支出2.00万元，占66.66%。'])).toEqual(['warning:share']);
    // 亿元 to one decimal are rounded too coarsely for the printed quotient to say how the share was made.
    expect(rules(['支出合计3.0亿元，其中基本支出1.0亿元，占33.3%；项目支出2.0亿元，占66.6%。'])).toEqual([]);
    // Rounded twice: 969/2180 = 44.4495% → 44.4, not 44.45 → 44.5 (shaanxi-2024-liuba-1-5yue).
    expect(rules(['全县完成政府性基金收入969万元，占年初预算2180万元的44.5%。'])).toEqual(['warning:share']);
    expect(rules(['全县完成政府性基金收入969万元，占年初预算2180万元的44.4%。'])).toEqual([]);
  });

  it('the execution rate uses the adjusted budget; one computed on 年初预算 is called out', () => {
    expect(rules(['年初预算100.00万元，年中追加20.00万元，实际支出110.00万元，结余结转10.00万元，预算执行率91.67%。'])).toEqual([]);
    expect(rules(['年初预算100.00万元，年中追加20.00万元，实际支出110.00万元，结余结转10.00万元，预算执行率110.00%。'])).toEqual(['warning:completion-rate']);
  });

  it('a change rate with both years stated, and a wrong direction', () => {
    expect(rules(['2023年基本支出416.47万元，上年基本支出396.12万元，增长5.14%。'])).toEqual([]);
    expect(rules(['2023年基本支出416.47万元，上年基本支出396.12万元，下降5.14%。'])).toEqual(['error:change-rate']);
  });
});

describe('counts and units', () => {
  it('「共N个，分别是…」 and 「…五项合计」 count their items', () => {
    expect(rules(['内设科室4个，分别是党建组、干部组、人才组、办公室。'])).toEqual([]);
    expect(rules(['内设科室4个，分别是党建组、干部组、办公室。'])).toEqual(['error:count-items']);
    expect(rules(['甲经费、乙经费、丙经费四项合计30.00万元。'])).toEqual(['error:count-items']);
  });

  it('元 among 万元 figures is a warning without evidence, per-head 元 figures are not', () => {
    const doc = ['年初预算70.00万元，年中追加30.00万元，实际支出95.00万元，结余结转5.00万元。', '人均补助标准3000元，全年发放补贴8.20元。'];
    const f = auditText(doc).findings;
    expect(f.map((x) => `${x.severity}:${x.rule}:${x.text}`)).toEqual(['warning:unit-slip:发放补贴8.20元']);
  });

  it('doubled and truncated units', () => {
    expect(rules(['项目支出12.85万万元，结余结转0.15万元，年初预算13.00万元。'])).toEqual(['error:unit-slip']);
    expect(rules(['项目支出12.85万，结余结转0.15万元，年初预算13.00万元。'])).toEqual(['warning:unit-slip']);
  });
});

describe('document offsets', () => {
  it('adds docStart/docEnd from the paragraph offsets', () => {
    const r = auditText(['标题', '没有请写明“无其他需要说明的情况”。'], { paragraphOffsets: [0, 4] });
    expect(r.findings[0]).toMatchObject({ paragraph: 2, start: 0, docStart: 4 });
  });

  it('reads the 各 construction: two totals, two changes and two rates paired in order (a real 决算说明)', () => {
    // dyrmt.com 2022年度单位决算: 支 2570.97 / (4143.91 + 2570.97) = 38.2877% → 38.29; the page prints 38.28 (truncated).
    const text = '2022年度收、支总计各是4125.49,4143.91万元。与2021年相比,收、支总计各减少1267.86,2570.97万元,各下降23.51%、38.28%。';
    expect(rules([text])).toEqual(['warning:change-rate']);
    expect(rules([text.replace('38.28%', '38.29%')])).toEqual([]);
    expect(rules([text.replace('23.51%', '25.51%')])).toEqual(['error:change-rate', 'warning:change-rate']);
  });

  it('a change whose base the clause names: 较2024年的A, 较2022年预算A (real 预算说明 and 三公 passages)', () => {
    // 绵竹 2025: 1969 against 2190 is a fall of 221, 10.09% → 10.1: right, though 221/2190+221 would not be.
    expect(rules(['“三公”经费预算总额为1969万元,较2024年的2190万元减少221万元,下降10.1%。'])).toEqual([]);
    // dyrmt 2023: 2 against 1.50 is 33.33%; 75% is 1.50 ÷ 2, no growth rate.
    expect(rules(['培训费2023年预算2万元,较2022年预算1.50万元增长75%。'])).toEqual(['error:change-rate']);
    expect(rules(['培训费2023年预算2万元,较2022年预算1.50万元增长33.33%。'])).toEqual([]);
  });

  it('a known breakdown goes on past a full stop: 人员经费 … 。公用经费 … (a real 决算说明, in one paragraph)', () => {
    const text = (staff: string) => `2023年一般公共预算财政拨款基本支出911.7万元,其中:人员经费${staff}万元,主要包括基本工资、津贴补贴等。公用经费46.89万元,主要包括办公费、印刷费等。`;
    // 489.18 + 46.89 = 536.07, not 911.7; 人员经费 + 公用经费 is 基本支出 by definition.
    expect(rules([text('489.18')])).toEqual(['error:parts-sum']);
    expect(rules([text('864.81')])).toEqual([]);
  });
});

