import { validateWorkbook } from '../../../src/core/validate';
import { buildSheet } from '../../../src/samples/sheet-builder';
import { withOffset } from '../../fixtures/project-sheet';
import { budgetSummary } from '../../fixtures/summary-sheets';

/** A health bureau's 单位基本情况 with a merged title, labels in column B and values merged B:D → C:E. */
function infoSheet(name: string) {
  return buildSheet({
    name,
    merges: ['B1:E1', 'C3:E3', 'C4:E4', 'C5:E5', 'C6:E6', 'C7:E7', 'C8:E8', 'C9:E9', 'C10:E10'],
    rows: [
      [null, '单位基本情况表', null, null, null],
      [],
      [null, '部门名称', '某县卫生健康局', null, null],
      [null, '预算年度', 2024, null, null],
      [null, '核定编制', 45, null, null],
      [null, '在职人数', '43人', null, null],
      [null, '内设机构', '办公室、医政医管股、疾病预防控制股、财务股', null, null],
      [null, '单位性质', '行政单位', null, null],
      [null, '部门职能', '贯彻执行国家卫生健康工作方针政策', null, null],
      [null, null, '负责全县医疗机构和医疗服务行业管理', null, null],
    ],
    numberFormat: '0',
  });
}

describe('unit information (单位基本情况) by content', () => {
  test('labels are read by their synonyms wherever the sheet is and whatever it is called', () => {
    const r = validateWorkbook({ sheets: [budgetSummary(), withOffset(infoSheet('Sheet7'), 3, 1)] });
    const info = r.model.unitInfo;
    expect(info?.sheet).toBe('Sheet7');
    const byKey = (k: string) => info?.entries.filter((e) => e.key === k).map((e) => e.value);
    expect(byKey('单位名称')).toEqual(['某县卫生健康局']);
    expect(byKey('年度')).toEqual(['2024']);
    expect(byKey('编制人数')).toEqual(['45']);
    expect(byKey('实有人数')).toEqual(['43人']);
    expect(byKey('机构性质')).toEqual(['行政单位']);
    // The second 部门职能 row has a blank label: it continues the entry above.
    expect(byKey('主要职能')).toEqual(['贯彻执行国家卫生健康工作方针政策', '负责全县医疗机构和医疗服务行业管理']);
    // Values sit in the merged area right of the label, at the sheet's real addresses.
    expect(info?.entries[0].ref.cell).toBe('D6');
    // It is not mistaken for a summary or a project table.
    expect(r.model.summaries.map((s) => s.sheet)).toEqual(['收支总表']);
  });

  test('a sheet with only one or two such labels is not unit information', () => {
    const sheet = buildSheet({ name: 'X', rows: [['单位名称', '某局'], ['说明', '无']] });
    expect(validateWorkbook({ sheets: [budgetSummary(), sheet] }).model.unitInfo).toBeUndefined();
  });
});
