/**
 * The data a template sees: named values in nested scopes (the unit, then a project, then
 * a sub-item), and the schema that says which names exist, so a template can be checked
 * before anything is rendered.
 */
import { FigureRun } from './figures';
import { Source } from './types';

export type Value =
  | { k: 'figure'; run: FigureRun }
  | { k: 'text'; text: string; source?: Source }
  | { k: 'list'; items: Scope[] }
  | { k: 'flag'; on: boolean }
  /** An item's position in a repetition: 1, 2… or 一, 二… */
  | { k: 'ordinal'; text: string };

export interface Scope {
  /** What this scope is about, for 【请补充：…】 markers ("驻村工作队员待遇保障"). */
  label?: string;
  values: Record<string, Value | undefined>;
}

export type FieldType = 'figure' | 'text' | 'flag' | 'ordinal' | { list: Schema };

export interface FieldSpec {
  type: FieldType;
  /** Words for the 【请补充：…】 marker when the value is missing. */
  describe: string;
}

export type Schema = Record<string, FieldSpec>;

/** Fields every repeated item has: its position. */
export const ORDINAL_FIELDS: Schema = {
  序号: { type: 'ordinal', describe: '序号（1、2、3…）' },
  序号中文: { type: 'ordinal', describe: '中文序号（一、二、三…）' },
};

const itemSchemas = new WeakMap<Schema, Schema>();

/** The schema of one item of a list: its fields plus 序号 / 序号中文 (built once per list schema). */
export function itemSchema(list: Schema): Schema {
  let s = itemSchemas.get(list);
  if (!s) {
    s = { ...list, ...ORDINAL_FIELDS };
    itemSchemas.set(list, s);
  }
  return s;
}

/** Looks a name up through the scope chain, innermost first. */
export function lookup(scopes: Scope[], name: string): Value | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    // Own properties only: a name like "constructor" must never reach Object.prototype.
    if (Object.prototype.hasOwnProperty.call(scopes[i].values, name)) return scopes[i].values[name];
  }
  return undefined;
}

export function lookupSpec(schemas: Schema[], name: string): FieldSpec | undefined {
  for (let i = schemas.length - 1; i >= 0; i--) {
    if (Object.prototype.hasOwnProperty.call(schemas[i], name)) return schemas[i][name];
  }
  return undefined;
}

/** The names a template may use at this depth, for error messages. */
export function availableNames(schemas: Schema[]): string[] {
  const names = new Set<string>();
  for (const s of schemas) for (const n of Object.keys(s)) names.add(n);
  return [...names];
}
