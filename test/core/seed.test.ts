import { seedWorkbook } from '../../src/samples/seed-workbook';
import { validateWorkbook } from '../../src/core/validate';
import { Finding } from '../../src/core/findings';

const at = (findings: Finding[], sheet: string, cell: string, rule?: string) =>
  findings.filter((f) => f.sheet === sheet && f.cell === cell && (!rule || f.rule === rule));

describe('the seed report as a workbook, slips kept in', () => {
  const result = validateWorkbook(seedWorkbook());
  const { findings } = result;

  test('基本支出 434.35 against its parts 416.47, with the fix that clears both differences', () => {
    const [basic] = at(findings, '收支情况', 'B9', 'summary-identity');
    expect(basic.severity).toBe('error');
    expect(basic.expected).toBe('416.47');
    expect(basic.actual).toBe('434.35');
    expect(basic.difference).toBe('17.88');
    expect(basic.related.map((r) => r.cell)).toEqual(['B10', 'B11', 'B12']);
    expect(basic.message).toContain('基本支出');
    expect(basic.fix).toMatchObject({ sheet: '收支情况', cell: 'B9', value: '416.47', clears: 2 });
    expect(basic.fix?.message).toBe('将 B9 改为 416.47 可消除 2 项差异');
  });

  test('支出合计 disagrees too, and the engine blames B9 rather than B8', () => {
    const [total] = at(findings, '收支情况', 'B8', 'summary-identity');
    expect(total.severity).toBe('error');
    expect(total.expected).toBe('1896.58');
    expect(total.fix).toMatchObject({ cell: 'B9', value: '416.47', clears: 2 });
  });

  test('the project table totals of 年中调增, 全年预算数 and 结余结转 disagree with their projects', () => {
    const increase = at(findings, '项目支出明细', 'F28', 'subtotal')[0];
    expect(increase).toMatchObject({ severity: 'error', expected: '902.96', actual: '1114.27' });
    expect(increase.related).toHaveLength(6);
    const budget = at(findings, '项目支出明细', 'G28', 'subtotal')[0];
    expect(budget).toMatchObject({ severity: 'error', expected: '1531.94', actual: '1697.17' });
    const carryOut = at(findings, '项目支出明细', 'I28', 'subtotal')[0];
    expect(carryOut).toMatchObject({ severity: 'error', expected: '69.71', actual: '234.94' });
    expect(carryOut.message).toBe('合计行：结余结转应为 69.71 万元，表中为 234.94 万元，相差 165.23 万元');
  });

  test('the unspent 驻村工作队员待遇保障 project is flagged as idle funds', () => {
    const [idle] = at(findings, '项目支出明细', 'H23', 'idle-funds');
    expect(idle.severity).toBe('warning');
    expect(idle.message).toContain('驻村工作队员待遇保障');
    expect(idle.message).toContain('全部未支出');
  });

  test('the 合计 row leaves 上年结转结余 blank: said, not silently passed', () => {
    expect(result.notChecked.some((n) => n.sheet === '项目支出明细' && n.cell === 'C28' && n.reason.includes('46.08'))).toBe(true);
  });

  test('a figure stored as text is used and reported', () => {
    expect(at(findings, '项目支出明细', 'H26', 'text-number')).toHaveLength(1);
  });

  test('the projects balance: no project-balance error on any project row', () => {
    expect(findings.filter((f) => f.rule === 'project-balance' && f.severity === 'error')).toEqual([]);
  });

  test('counts add up', () => {
    expect(result.summary.errors).toBe(findings.filter((f) => f.severity === 'error').length);
    expect(result.summary.errors).toBe(5);
    expect(result.summary.projects).toBe(9);
  });
});

describe('the corrected twin', () => {
  const result = validateWorkbook(seedWorkbook({ corrected: true }));
  test('gives no error', () => {
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.summary.errors).toBe(0);
  });
  test('still warns about genuinely idle funds', () => {
    expect(result.findings.filter((f) => f.rule === 'idle-funds').map((f) => f.cell)).toEqual(['H5', 'H6', 'H23']);
  });
});

describe('settings', () => {
  test('a lower idle threshold silences 88%-executed projects but not the unspent one', () => {
    const r = validateWorkbook(seedWorkbook({ corrected: true }), { idleThreshold: 0.8 });
    expect(r.findings.filter((f) => f.rule === 'idle-funds').map((f) => f.cell)).toEqual(['H23']);
  });
  test('ignored findings are kept, marked, and not counted', () => {
    const first = validateWorkbook(seedWorkbook());
    const id = first.findings.find((f) => f.cell === 'B9' && f.rule === 'summary-identity')!.id;
    const r = validateWorkbook(seedWorkbook(), { ignored: { [id]: '已与财务科核实' } });
    expect(r.findings.find((f) => f.id === id)?.ignored).toEqual({ reason: '已与财务科核实' });
    expect(r.summary.errors).toBe(first.summary.errors - 1);
    expect(r.summary.ignored).toBe(1);
  });
  test('a large user tolerance turns the totals into notices', () => {
    const r = validateWorkbook(seedWorkbook(), { tolerance: '500' });
    expect(r.summary.errors).toBe(0);
    expect(r.findings.find((f) => f.cell === 'F28' && f.rule === 'subtotal')?.severity).toBe('info');
  });
});
