import { validateWorkbook } from '../../../src/core/validate';
import { buildSheet } from '../../../src/samples/sheet-builder';
import { findingAt, ofRule } from '../../fixtures/findings';
import { AMOUNT, FS } from '../../fixtures/project-sheet';
import { budgetSummary, finalSummary } from '../../fixtures/summary-sheets';

describe('summary-identity on a budget-style 收支总表 (identities 6–9)', () => {
  test('a correct summary gives nothing', () => {
    const r = validateWorkbook({ sheets: [budgetSummary()] });
    expect(ofRule(r, 'summary-identity')).toEqual([]);
    expect(r.notChecked.filter((n) => n.rule === 'summary-identity')).toEqual([]);
  });

  test('基本支出 above its parts breaks 基本支出 and 支出合计; the fix blames 基本支出 and clears both', () => {
    const r = validateWorkbook({ sheets: [budgetSummary({ basic: 1230.6 })] });
    const basic = findingAt(r, 'summary-identity', '收支总表', 'B10');
    expect(basic).toMatchObject({ severity: 'error', expected: '1210.6', actual: '1230.6', difference: '20', unit: '万元', label: '基本支出' });
    expect(basic.message).toBe('基本支出：基本支出应为 1210.60 万元，表中为 1230.60 万元，相差 20.00 万元');
    expect(basic.related.map((x) => [x.cell, x.label])).toEqual([
      ['B11', '工资福利支出'],
      ['B12', '对个人和家庭的补助'],
      ['B13', '商品和服务支出'],
    ]);
    const total = findingAt(r, 'summary-identity', '收支总表', 'B9');
    expect(total).toMatchObject({ severity: 'error', expected: '3030.9', actual: '3010.9', label: '支出合计' });
    for (const f of [basic, total]) expect(f.fix).toMatchObject({ cell: 'B10', value: '1210.6', clears: 2 });
    expect(basic.fix?.message).toBe('将 B10 改为 1210.60 可消除 2 项差异');
  });

  test('收入合计 against 年初预算 + 调整追加 + 其他资金', () => {
    const r = validateWorkbook({ sheets: [budgetSummary({ income: 3205.4, carryOut: 194.5 })] });
    const f = findingAt(r, 'summary-identity', '收支总表', 'B5');
    expect(f).toMatchObject({ severity: 'error', expected: '3250.4', actual: '3205.4', difference: '-45', label: '收入合计' });
    expect(f.message).toContain('收入合计：收入合计应为 3250.40 万元，表中为 3205.40 万元，相差 45.00 万元');
    expect(f.related.map((x) => x.cell)).toEqual(['B6', 'B7', 'B8']);
    // 结余结转 follows the stated 收入合计, so only one finding.
    expect(ofRule(r, 'summary-identity').map((x) => x.cell)).toEqual(['B5']);
  });

  test('结余结转 = 收入合计 − 支出合计', () => {
    const r = validateWorkbook({ sheets: [budgetSummary({ carryOut: 293.5 })] });
    const f = findingAt(r, 'summary-identity', '收支总表', 'B15');
    expect(f).toMatchObject({ severity: 'error', expected: '239.5', actual: '293.5', label: '结余结转' });
    expect(f.equation?.parts.map((p) => [p.cell, p.weight])).toEqual([
      ['B5', 1],
      ['B9', -1],
    ]);
  });

  test('a one-cent 尾差 on 收入合计 is a notice', () => {
    const r = validateWorkbook({ sheets: [budgetSummary({ income: 3250.41, carryOut: 239.51 })] });
    const f = findingAt(r, 'summary-identity', '收支总表', 'B5');
    expect(f.severity).toBe('info');
    expect(f.tolerance).toBe('0.02');
    expect(r.summary.errors).toBe(0);
  });

  test('figures stored as text and a blank line: blank is left out, not read as 0', () => {
    // 其他资金 left blank ("—"): 收入合计 = 年初预算 + 调整追加 alone must hold.
    const r = validateWorkbook({ sheets: [budgetSummary({ income: '3,180.15', other: '—', carryOut: '169.25' })] });
    expect(ofRule(r, 'summary-identity')).toEqual([]);
    const bad = validateWorkbook({ sheets: [budgetSummary({ income: '3,250.40', other: '—' })] });
    expect(findingAt(bad, 'summary-identity', '收支总表', 'B5').expected).toBe('3180.15');
  });

  test('基本支出 as 人员经费 + 公用经费 (by function)', () => {
    const rows = [
      ['部门收支总表', null],
      ['金额单位：万元', null],
      ['项目', '预算数'],
      ['收入合计', 520],
      [`${FS}年初预算`, 500],
      [`${FS}调整追加`, 20],
      ['支出合计', 500],
      [`${FS}基本支出`, 320],
      [`${FS}${FS}人员经费`, 250],
      [`${FS}${FS}公用经费`, 60],
      [`${FS}项目支出`, 180],
      ['结余结转', 20],
    ];
    const r = validateWorkbook({ sheets: [buildSheet({ name: '部门收支', rows, numberFormat: AMOUNT })] });
    const f = findingAt(r, 'summary-identity', '部门收支', 'B8');
    expect(f).toMatchObject({ severity: 'error', expected: '310', actual: '320', label: '基本支出' });
    expect(f.equation?.formula).toBe('基本支出 = 人员经费 + 公用经费');
  });

  test('a missing 结余结转 line is reported as not checked', () => {
    const sheet = budgetSummary();
    sheet.values[14] = [null, null];
    const r = validateWorkbook({ sheets: [sheet] });
    expect(r.notChecked).toContainEqual(expect.objectContaining({ rule: 'summary-identity', sheet: '收支总表', check: '结余结转 = 收入合计 − 支出合计' }));
  });
});

describe('summary-identity on a 决算 财决01表 with income and expenditure side by side (identity 10)', () => {
  test('both blocks are read from one sheet and a correct table gives nothing', () => {
    const r = validateWorkbook({ sheets: [finalSummary()] });
    const blocks = r.model.summaries;
    expect(blocks.map((b) => [b.style, b.side, b.labelCol, b.amountCol])).toEqual([
      ['final', 'income', 0, 2],
      ['final', 'expenditure', 3, 5],
    ]);
    expect(ofRule(r, 'summary-identity')).toEqual([]);
  });

  test('本年收入合计 against the income lines; the fix clears it and 收入总计', () => {
    const r = validateWorkbook({ sheets: [finalSummary({ income: { 本年收入合计: 1794 } })] });
    const f = findingAt(r, 'summary-identity', '财决01表', 'C15');
    expect(f).toMatchObject({ severity: 'error', expected: '1784', actual: '1794', label: '本年收入合计' });
    // Blank income lines (三、四、六、七) are left out, not summed as zeros.
    expect(f.related.map((x) => x.cell)).toEqual(['C7', 'C8', 'C11', 'C14']);
    const grand = findingAt(r, 'summary-identity', '财决01表', 'C18');
    expect(grand).toMatchObject({ severity: 'error', expected: '1914.35', actual: '1904.35' });
    expect(f.fix).toMatchObject({ cell: 'C15', value: '1784', clears: 2 });
  });

  test('收入总计 = 支出总计: a transposed 支出总计 is flagged on its cell', () => {
    const r = validateWorkbook({ sheets: [finalSummary({ expenditure: { 支出总计: 1904.53 } })] });
    const list = ofRule(r, 'summary-identity').filter((x) => x.cell === 'F18');
    expect(list).toHaveLength(2);
    expect(list.map((x) => x.expected).sort()).toEqual(['1904.35', '1904.35']);
    expect(list.every((x) => x.severity === 'error' && x.message.startsWith('支出总计：'))).toBe(true);
    expect(list.some((x) => x.related.some((rel) => rel.cell === 'C18'))).toBe(true);
  });

  test('本年支出合计 against functional expenditure lines (一般公共服务支出 …)', () => {
    const ok = validateWorkbook({ sheets: [finalSummary({ functional: true })] });
    expect(ok.model.summaries[1].lines.map((l) => l.amountRef.cell).slice(0, 5)).toEqual(['F7', 'F8', 'F9', 'F10', 'F11']);
    expect(ofRule(ok, 'summary-identity')).toEqual([]);
    const r = validateWorkbook({ sheets: [finalSummary({ functional: true, expenditure: { '四、农林水支出': 221.9 } })] });
    const f = findingAt(r, 'summary-identity', '财决01表', 'F12');
    expect(f).toMatchObject({ severity: 'error', expected: '1810', actual: '1800', label: '本年支出合计' });
    expect(f.related.map((x) => x.label)).toEqual(['一般公共服务支出', '社会保障和就业支出', '卫生健康支出', '农林水支出', '住房保障支出']);
  });
});

describe('one cell breaking two identities', () => {
  test('both findings have their own id and the fix names both', () => {
    const r = validateWorkbook({ sheets: [finalSummary({ expenditure: { 支出总计: 1904.53 } })] });
    const list = ofRule(r, 'summary-identity').filter((x) => x.cell === 'F18');
    const ids = list.map((x) => x.id);
    expect(new Set(ids).size).toBe(2);
    for (const f of list) {
      expect(f.fix).toMatchObject({ cell: 'F18', value: '1904.35', clears: 2 });
      expect([...(f.fix?.findingIds ?? [])].sort()).toEqual([...ids].sort());
    }
  });
});
