import { generateReport } from '../../src/core/report/generate';
import { TemplateError, parseTemplate } from '../../src/core/report/template-language';
import { renderTemplate, checkTemplate } from '../../src/core/report/render-template';
import { ROOT_SCHEMA } from '../../src/core/report/context';
import { paragraphText, Report } from '../../src/core/report/types';
import { outlineTemplateRows } from '../../src/core/report/template-sheet';
import { DEFAULT_OUTLINE, NANXIAN_OUTLINE } from '../../src/core/report/templates';
import { outlineParagraphs } from '../../src/core/report/outline';
import { Scope } from '../../src/core/report/scope';
import { reportFor } from './helpers';
import { seedWith, templateSheet, workbookWith } from './fixtures';
import { checkReportSources } from './sources';

const texts = (r: Report) => r.paragraphs.map(paragraphText);

function templateError(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('expected a TemplateError');
}

describe('template language', () => {
  const origin = { key: 't' };
  const scope: Scope = {
    values: {
      名: { k: 'text', text: '甲', source: { sheet: 'S', cell: 'A1' } },
      空: undefined,
      零: { k: 'figure', run: { kind: 'figure', text: '0.00', value: '0', unit: '万元', source: { sheet: 'S', cell: 'B1' } } },
      多: { k: 'figure', run: { kind: 'figure', text: '12.50', value: '12.5', unit: '万元', source: { sheet: 'S', cell: 'C1' } } },
      列: {
        k: 'list',
        items: [{ values: { 名称: { k: 'text', text: '一号' } } }, { values: { 名称: { k: 'text', text: '二号' } } }, { values: { 名称: { k: 'text', text: '三号' } } }],
      },
    },
  };
  const schema = {
    名: { type: 'text' as const, describe: '名字' },
    空: { type: 'figure' as const, describe: '空值' },
    零: { type: 'figure' as const, describe: '零' },
    多: { type: 'figure' as const, describe: '多' },
    列: { type: { list: { 名称: { type: 'text' as const, describe: '名称' } } }, describe: '列' },
  };
  const render = (src: string) => {
    const nodes = parseTemplate(src, origin);
    checkTemplate(nodes, [schema], origin);
    return renderTemplate(nodes, [scope], [schema]).map((r) => r.text).join('');
  };

  test('fields print figures with their unit and texts as quoted', () => {
    expect(render('{名}有{多}')).toBe('甲有12.50万元');
  });

  test('repetition with a separator, ordinals, and a list printed whole', () => {
    expect(render('{#列|、}{名称}{/列}')).toBe('一号、二号、三号');
    expect(render('{#列|；}{序号中文}是{名称}（{序号}）{/列}')).toBe('一是一号（1）；二是二号（2）；三是三号（3）');
    expect(render('{列}')).toBe('一号、二号、三号');
  });

  test('conditions tell zero from missing', () => {
    expect(render('{#零}有{/零}{^零}无{/零}')).toBe('无');
    expect(render('{?零}已填{/零}{!零}未填{/零}')).toBe('已填');
    expect(render('{?空}已填{/空}{!空}未填{/空}')).toBe('未填');
    expect(render('{#多}有{多}{/多}')).toBe('有12.50万元');
  });

  test('join keeps only the non-empty parts', () => {
    expect(render('{+，}{#零}零{零}{/零}{|}{#多}多{多}{/多}{|}{?空}空{/空}{|}{名}{/+}。')).toBe('多12.50万元，甲。');
  });

  test('a missing value becomes a visible 【请补充】 marker, never invented text', () => {
    const nodes = parseTemplate('{空}', origin);
    const runs = renderTemplate(nodes, [scope], [schema]);
    expect(runs).toEqual([{ kind: 'placeholder', text: '【请补充：空值】' }]);
    const literal = renderTemplate(parseTemplate('见【请补充：说明】。', origin), [scope], [schema]);
    expect(literal.map((r) => r.kind)).toEqual(['text', 'placeholder', 'text']);
  });

  test('literal braces', () => {
    expect(render('{{名}}={名}')).toBe('{名}=甲');
  });

  test('syntax errors say what and where', () => {
    expect(templateError(() => parseTemplate('{#列}{名称}', origin)).messageZh).toBe('模板「t」：「{#列}」缺少结束标记「{/列}」');
    expect(templateError(() => parseTemplate('{#列}{/名}', origin)).messageEn).toContain('"{/名}" at character 5 does not close "{#列}"');
    expect(templateError(() => parseTemplate('a}b', origin)).messageZh).toContain('多余的「}」');
    expect(templateError(() => parseTemplate('{名', origin)).messageZh).toContain('没有对应的「}」');
    expect(templateError(() => parseTemplate('{|}', origin)).messageZh).toContain('只能用在');
  });

  test('names are data, never code: prototype names are unknown placeholders', () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      const nodes = parseTemplate(`{${name}}`, origin);
      expect(() => checkTemplate(nodes, [ROOT_SCHEMA], origin)).toThrow(TemplateError);
    }
  });
});

describe('the 模板 sheet', () => {
  test('overrides a sentence by key, with placeholders, repetition and zero handling', () => {
    const wb = seedWith([
      templateSheet([
        ['预算收入', '本年度收入总额为{收入合计}（{#收入构成|、}{名称}{金额}{/收入构成}）。', null, null],
        ['项目内容', '{项目名称}：{#年初预算}年初安排{年初预算}{/年初预算}{^年初预算}无年初预算{/年初预算}，{?子项目}含{#子项目|、}{名称}{/子项目}{/子项目}{!子项目}无子项目{/子项目}。', null, null],
      ]),
    ]);
    const r = reportFor(wb);
    const all = texts(r);
    expect(all).toContain('本年度收入总额为2128.48万元（年初预算939.28万元、调整追加1167.53万元、其他资金来源21.67万元）。');
    expect(all).toContain('村级组织运转经费：年初安排299.40万元，含村级服务群众专项经费、村级办公经费、村级党建工作经费、2023年村干部工资社保经费、2023年离任村干部补贴。');
    // 年初预算 typed as 0 and left blank both read as "no initial budget".
    expect(all).toContain('人才专项补助资金、人才发展专项经费：无年初预算，无子项目。');
    expect(all).toContain('区直部门代理记账服务项目：无年初预算，无子项目。');
    expect(checkReportSources(r, wb)).toEqual([]);
  });

  test('a fixed text replaces a 【请补充】 paragraph; 删除 drops one; a style can change', () => {
    const wb = seedWith([
      templateSheet([
        ['整体绩效', '全年围绕党建引领，各项工作目标全面完成。', null, null],
        ['单位', '（删除）', null, null],
        ['项目标题', null, '二级标题', null],
      ]),
    ]);
    const r = reportFor(wb);
    const all = texts(r);
    expect(all).toContain('全年围绕党建引领，各项工作目标全面完成。');
    expect(all).not.toContain('【请补充：整体支出绩效目标完成情况（工作思路、主要举措、产出和效益）】');
    expect(all[1]).not.toBe('中共株洲市石峰区委员会组织部');
    expect(r.paragraphs.find((p) => paragraphText(p) === '（1）业务性专项经费')?.style).toBe('heading2');
  });

  test('a 大纲 row picks the 南县 outline', () => {
    const r = reportFor(seedWith([templateSheet([['大纲', '南县', null, null]])]));
    expect(r.outline).toBe('nanxian');
    expect(texts(r)).toContain('一、基本情况');
  });

  test('an unknown placeholder is an error naming the template cell, in Chinese and English', () => {
    const wb = seedWith([templateSheet([['预算收入', '{年度}年收入{收入合计}', null, null], ['预算支出', '{年度}年支出{支出总额}。', null, null]])]);
    const e = templateError(() => reportFor(wb));
    expect(e.origin).toEqual({ key: '预算支出', sheet: '模板', cell: 'B3' });
    expect(e.messageZh).toMatch(/^模板工作表「模板」单元格 B3（预算支出）：无法识别的占位符「\{支出总额\}」。此处可用的占位符：\{单位名称\}、/);
    expect(e.messageEn).toMatch(/^template sheet "模板" cell B3 \(预算支出\): unknown placeholder "\{支出总额\}"/);
  });

  test('a project-level placeholder outside a project is unknown too', () => {
    const e = templateError(() => reportFor(seedWith([templateSheet([['预算收入', '{项目名称}', null, null]])])));
    expect(e.messageZh).toContain('「{项目名称}」');
  });

  test('an unknown key, style or outline names its cell', () => {
    expect(templateError(() => reportFor(seedWith([templateSheet([['收入段落', 'x', null, null]])]))).messageZh).toMatch(/单元格 A2.*没有键为「收入段落」的段落/);
    expect(templateError(() => reportFor(seedWith([templateSheet([['预算收入', 'x', '粗体', null]])]))).messageZh).toMatch(/单元格 C2.*无法识别的样式「粗体」/);
    expect(templateError(() => reportFor(seedWith([templateSheet([['大纲', '北县', null, null]])]))).messageZh).toMatch(/单元格 B2.*没有名为「北县」的报告大纲/);
  });

  test('a template error leaves nothing half-done: generation throws before any paragraph', () => {
    expect(() => reportFor(seedWith([templateSheet([['标题', '{年度', null, null]])]))).toThrow(TemplateError);
  });

  test('the starter sheet lists every key of an outline', () => {
    for (const outline of [DEFAULT_OUTLINE, NANXIAN_OUTLINE]) {
      const rows = outlineTemplateRows(outline);
      expect(rows[0]).toEqual(['键', '模板', '样式', '说明']);
      expect(rows.slice(2).map((r) => r[0])).toEqual(outlineParagraphs(outline.entries).map((p) => p.key));
      // Keys are unique, so each row overrides exactly one paragraph.
      expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    }
  });
});

describe('section 四 and 其他 from the data', () => {
  test('「绩效管理不存在相关问题」 only when no project is low, overspent or adjusted', () => {
    const clean = workbookWith([
      { name: '办公运转经费', initial: 50, spend: 49.8, purpose: '保障机关日常运转' },
      { name: '信息化建设', carryIn: 3, initial: 20, spend: 23 },
    ]);
    const r = reportFor(clean);
    expect(texts(r)).toContain('绩效管理不存在相关问题。');
    expect(texts(r)).toContain('无其他需要说明的情况。');
    expect(checkReportSources(r, clean)).toEqual([]);

    const low = workbookWith([
      { name: '办公运转经费', initial: 50, spend: 49.8 },
      { name: '农村公路养护', initial: 100, spend: 60.5, reasons: '雨季施工推迟，部分路段未完工', measures: '加快施工进度，按月调度资金。' },
    ]);
    const r2 = reportFor(low);
    expect(texts(r2)).not.toContain('绩效管理不存在相关问题。');
    expect(texts(r2)).toContain(
      '一是农村公路养护：全年预算100.00万元，实际支出60.50万元，执行率60.50%，低于90.00%，结余结转39.50万元。偏差原因：雨季施工推迟，部分路段未完工。改进措施：加快施工进度，按月调度资金。',
    );
    expect(checkReportSources(r2, low)).toEqual([]);
  });

  test('overspending is reported with the amount over budget', () => {
    const wb = workbookWith([{ name: '应急物资采购', initial: 10, spend: 12.35 }]);
    const r = reportFor(wb);
    expect(texts(r)).toContain('年初预算10.00万元，实际支出12.35万元，执行率123.50%，超支2.35万元。');
    expect(texts(r).find((t) => t.startsWith('一是'))).toBe('一是应急物资采购：实际支出12.35万元，超出全年预算10.00万元共2.35万元。偏差原因：【请补充：应急物资采购的原因】。改进措施：【请补充：应急物资采购的改进措施】。');
  });

  test('the idle threshold is a setting', () => {
    const wb = workbookWith([{ name: '办公运转经费', initial: 50, spend: 44 }]);
    expect(texts(reportFor(wb))).toContain(
      '一是办公运转经费：全年预算50.00万元，实际支出44.00万元，执行率88.00%，低于90.00%，结余结转6.00万元。偏差原因：【请补充：办公运转经费的原因】。改进措施：【请补充：办公运转经费的改进措施】。',
    );
    const relaxed = reportFor(wb, { settings: { idleThreshold: 0.8 } });
    expect(texts(relaxed)).toContain('绩效管理不存在相关问题。');
  });

  test('units and counts come from 单位基本情况 even typed as text (「12人」, 「2024年」)', () => {
    const wb = workbookWith([{ name: '办公运转经费', initial: 50, spend: 50 }]);
    const r = reportFor(wb);
    expect(r.title).toBe('2024年度部门整体支出绩效自评报告');
    expect(texts(r).find((t) => t.includes('编制人数'))).toContain('本部门共有编制人数12人，截止到2024年底，单位实有人数11人。单位共有内设科室2个，分别是办公室、业务股。');
    expect(checkReportSources(r, wb)).toEqual([]);
  });

  test('without a summary sheet the income paragraph asks for it instead of inventing', () => {
    const r = reportFor(workbookWith([{ name: '办公运转经费', initial: 50, spend: 50 }]));
    expect(texts(r)).toContain('【请补充：预算收入情况（工作簿中未找到收支总表的收入合计）】');
  });
});

describe('the source check itself', () => {
  test('catches a figure that does not match its cell and a number typed into a template', () => {
    const wb = workbookWith([{ name: '办公运转经费', initial: 50, spend: 50 }]);
    const r = reportFor(wb);
    const para = r.paragraphs.find((p) => p.runs.some((x) => x.kind === 'figure' && x.text === '50.00'));
    const fig = para?.runs.find((x) => x.kind === 'figure' && x.text === '50.00');
    if (!fig || fig.kind !== 'figure') throw new Error('no figure');
    fig.text = '51.00';
    fig.value = '51';
    expect(checkReportSources(r, wb).join('\n')).toMatch(/51\.00 ≠ 项目支出明细!/);
    const typed = reportFor(wb, {});
    typed.paragraphs.push({ style: 'body', runs: [{ kind: 'text', text: '全年完成12项任务。' }] });
    expect(checkReportSources(typed, wb).join('\n')).toContain('unsourced number(s) 12');
  });
});

test('generateReport works on a model with nothing but a project table', () => {
  const wb = workbookWith([{ name: '办公运转经费', initial: 50, spend: 50 }]);
  const r = reportFor(wb);
  expect(generateReport).toBeDefined();
  expect(r.paragraphs.length).toBeGreaterThan(10);
});

test('Chinese enumerators', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chineseNumeral } = require('../../src/core/report/figures') as typeof import('../../src/core/report/figures');
  expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 115, 300, 1005, 1010].map(chineseNumeral)).toEqual([
    '一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十', '一百一十五', '三百', '一千零五', '一千零一十',
  ]);
});

test('a name ending in a digit is kept apart from the figure after it', () => {
  const r = reportFor(workbookWith([{ name: '乡村振兴项目2', initial: 40, spend: 36 }]));
  const overall = texts(r).find((t) => t.startsWith('项目支出具体明细项目为：') || t.includes('项目支出具体明细项目为：'));
  expect(overall).toContain('乡村振兴项目2金额36.00万元');
});
