/**
 * The pane's settings live in workbook.settings, saved inside the file so that tolerance,
 * idle threshold and ignored findings travel with it. They are bound to the manifest <Id>,
 * which is why the Id must never change.
 */
import { PaneSettings } from '../taskpane/host';

export const SETTINGS_KEY = 'budgetRecon.settings';

/** Keeps only well-formed fields: a file edited elsewhere must not break the pane. */
export function sanitizeSettings(raw: unknown): PaneSettings {
  let v: unknown = raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return {};
    }
  }
  if (!v || typeof v !== 'object') return {};
  const o = v as Record<string, unknown>;
  const out: PaneSettings = {};
  if (typeof o.tolerance === 'string' && /^\d+(\.\d+)?$/.test(o.tolerance.trim())) out.tolerance = o.tolerance.trim();
  if (typeof o.idleThreshold === 'number' && o.idleThreshold > 0 && o.idleThreshold <= 1) out.idleThreshold = o.idleThreshold;
  if (typeof o.autoRevalidate === 'boolean') out.autoRevalidate = o.autoRevalidate;
  if (o.ignored && typeof o.ignored === 'object') {
    const ignored: Record<string, string> = {};
    for (const [id, reason] of Object.entries(o.ignored as Record<string, unknown>)) if (typeof reason === 'string') ignored[id] = reason;
    out.ignored = ignored;
  }
  return out;
}

export async function readSettings(context: Excel.RequestContext): Promise<PaneSettings> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load('value');
  await context.sync();
  return item.isNullObject ? {} : sanitizeSettings(item.value);
}

export async function writeSettings(context: Excel.RequestContext, settings: PaneSettings): Promise<void> {
  context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(sanitizeSettings(settings)));
  await context.sync();
}
