/** The shipped outlines, by the name --outline and the 模板 sheet's 大纲 row use. */
import { Outline } from '../outline';
import { DEFAULT_OUTLINE } from './default';
import { NANXIAN_OUTLINE } from './nanxian';

export const OUTLINES: Record<string, Outline> = {
  default: DEFAULT_OUTLINE,
  nanxian: NANXIAN_OUTLINE,
};

/** Names users may type for an outline (the 模板 sheet is Chinese). */
const ALIASES: Record<string, string> = {
  默认: 'default',
  石峰: 'default',
  南县: 'nanxian',
};

const own = <T>(o: Record<string, T>, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

export function findOutline(name: string): Outline | undefined {
  const key = name.trim();
  const alias = own(ALIASES, key);
  return own(OUTLINES, key) ?? (alias ? own(OUTLINES, alias) : undefined) ?? own(OUTLINES, key.toLowerCase());
}

export { DEFAULT_OUTLINE, NANXIAN_OUTLINE };
