/**
 * The pane's settings live in workbook.settings, saved inside the file so that tolerance,
 * idle threshold and ignored findings travel with it. They are bound to the manifest <Id>,
 * which is why the Id must never change.
 */
import { HostError, PaneSettings } from '../taskpane/host';

export const SETTINGS_KEY = 'budgetRecon.settings';

/**
 * The most the pane's settings may take, serialized. Microsoft documents 2 MB for an add-in's
 * settings in a document; add-ins report writes failing from about 1 MB with a bare
 * InvalidArgument (office-js#3957). The marks record is not kept here (see highlight.ts).
 */
export const SETTINGS_BUDGET_BYTES = 1_000_000;

function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

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

/** Saves the settings in the workbook; refuses, saying why, settings Excel would refuse as too large. */
export async function writeSettings(context: Excel.RequestContext, settings: PaneSettings): Promise<void> {
  const value = JSON.stringify(sanitizeSettings(settings));
  if (utf8Bytes(value) > SETTINGS_BUDGET_BYTES) {
    throw new HostError(
      `设置太大，没有保存：已忽略的问题及其说明共约 ${(utf8Bytes(value) / 1e6).toFixed(1)} MB，超过 Excel 能在工作簿中保存的大小（约 1 MB）。请取消忽略一部分问题或缩短说明后再试。`,
      `Settings not saved: the ignored findings and their reasons take about ${(utf8Bytes(value) / 1e6).toFixed(1)} MB, more than Excel keeps in a workbook (about 1 MB). Stop ignoring some findings or shorten the reasons, then try again.`,
    );
  }
  context.workbook.settings.add(SETTINGS_KEY, value);
  await context.sync();
}
