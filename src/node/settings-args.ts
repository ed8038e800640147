/** Parsing of the validation settings shared by validate, highlight and the other commands. */
import Decimal from 'decimal.js';
import { Settings } from '../core/findings';
import type { OptionSpecs } from './cli/args';
import { UserError } from './errors';

/** The command-line options settingsFromOptions reads; commands that validate spread them into their own. */
export const SETTINGS_OPTIONS: OptionSpecs = {
  tolerance: { type: 'string' },
  'idle-threshold': { type: 'string' },
};

/** `--tolerance X`: an absolute allowance in each table's unit, e.g. 0.01. */
export function parseTolerance(raw: string): string {
  const text = raw.trim();
  let d: Decimal;
  try {
    d = new Decimal(text);
  } catch {
    d = new Decimal(NaN);
  }
  if (!/^\d+(\.\d+)?$/.test(text) || !d.isFinite() || d.isNegative()) {
    throw new UserError(
      'bad-tolerance',
      `容差“${raw}”无效：应为不小于 0 的数字，例如 --tolerance 0.01`,
      `invalid tolerance "${raw}": give a number of at least 0, e.g. --tolerance 0.01`,
    );
  }
  return d.toString();
}

/** `--idle-threshold P`: 90, 90% and 0.9 all mean an execution rate of 90%. */
export function parseIdleThreshold(raw: string): number {
  const text = raw.trim().replace(/％$/, '%');
  const percent = text.endsWith('%');
  const body = percent ? text.slice(0, -1).trim() : text;
  const bad = () =>
    new UserError(
      'bad-idle-threshold',
      `闲置资金阈值“${raw}”无效：应为 0–100% 之间的执行率，例如 90、90% 或 0.9`,
      `invalid idle threshold "${raw}": give an execution rate between 0 and 100%, e.g. 90, 90% or 0.9`,
    );
  if (!/^\d+(\.\d+)?$/.test(body)) throw bad();
  let d = new Decimal(body);
  // Without a % sign, numbers above 1 are percentages (90) and numbers up to 1 are fractions (0.9).
  if (percent || d.greaterThan(1)) d = d.div(100);
  if (d.greaterThan(1)) throw bad();
  return d.toNumber();
}

export function settingsFromOptions(options: Record<string, string | boolean | undefined>): Settings {
  const settings: Settings = {};
  if (typeof options.tolerance === 'string') settings.tolerance = parseTolerance(options.tolerance);
  if (typeof options['idle-threshold'] === 'string') settings.idleThreshold = parseIdleThreshold(options['idle-threshold']);
  return settings;
}
