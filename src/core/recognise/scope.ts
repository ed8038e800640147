/**
 * What a public table's figures are of, read from its title: the whole unit's money, the 财政拨款 part, the
 * 一般公共预算 part, 政府性基金, 国有资本经营, or 三公. The same line label under another scope is another
 * quantity (the 财政拨款 总表's 本年收入合计 is not the 总表's), so figures are compared only within a scope.
 */
export type TableScope = 'unit' | 'fiscal' | 'general' | 'govFund' | 'capital' | 'sangong';

const SCOPES: [TableScope, RegExp][] = [
  ['sangong', /三公/],
  ['capital', /国有资本经营/],
  ['govFund', /政府性基金/],
  ['general', /一般公共预算/],
  ['fiscal', /财政拨款/],
  ['unit', /收入支出决算总表|收支决算总表|收入决算表|支出决算表|部门收支总表|部门财务收支|部门收入总表|部门支出总表|收支总表|收支情况/],
];

/** The scope a title names; undefined when the title says none (a sheet of the unit's own). */
export function tableScope(title: string | undefined): TableScope | undefined {
  if (!title) return undefined;
  for (const [scope, re] of SCOPES) if (re.test(title)) return scope;
  return undefined;
}

/** Two tables state the same quantity under one label only within one scope (an untitled sheet: the unit's). */
export function sameScope(a: string | undefined, b: string | undefined): boolean {
  return (tableScope(a) ?? 'unit') === (tableScope(b) ?? 'unit');
}
