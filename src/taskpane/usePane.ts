/**
 * The pane's state and actions over a Host: validate (with progress), marks, settings,
 * ignore-with-reason, re-validation after edits, the report. React only holds what this returns.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Finding } from '../core/findings';
import { Report } from '../core/report/types';
import { ValidationResult } from '../core/validate';
import { Host, HostError, PaneSettings, ValidateProgress } from './host';
import { Locale, t } from './i18n';
import { buildReport } from './report-bridge';

export interface Notice {
  intent: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

export const REVALIDATE_DEBOUNCE_MS = 1500;

export function messageOf(e: unknown, locale: Locale): string {
  if (e instanceof HostError) return locale === 'en' ? e.en : e.zh;
  const raw = (e as { messageEn?: string; message?: string }) ?? {};
  if (locale === 'en' && raw.messageEn) return raw.messageEn;
  const msg = e instanceof Error ? e.message : String(e);
  return `${t(locale, 'error')}：${msg}`;
}

export function usePane(host: Host, locale: Locale) {
  const [settings, setSettings] = useState<PaneSettings>({});
  const [result, setResult] = useState<ValidationResult | null>(null);
  const [progress, setProgress] = useState<ValidateProgress | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const busy = useRef(false);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  useEffect(() => {
    host.readSettings().then(setSettings, (e) => setNotice({ intent: 'error', text: messageOf(e, locale) }));
    // What a ribbon command could not show in a dialog, shown here once.
    host.takeCommandNotice?.().then(
      (n) => n && setNotice({ intent: 'info', text: `${n.title}：${n.lines.join(' ')}` }),
      () => undefined,
    );
  }, [host, locale]);

  const validate = useCallback(
    async (auto = false, override?: PaneSettings) => {
      if (busy.current) return;
      busy.current = true;
      try {
        const s = override ?? settingsRef.current;
        const r = await host.validate(s, setProgress);
        setResult(r);
        setReport(null);
        if (r.unusable) {
          setNotice({ intent: 'warning', text: locale === 'en' ? r.unusable.messageEn : r.unusable.message });
        } else {
          setProgress({ phase: 'highlighting', fraction: 0.85 });
          const h = await host.highlight(r.findings, s.ignored ?? {});
          if (h.unsupported) setNotice({ intent: 'warning', text: locale === 'en' ? h.unsupported.messageEn : h.unsupported.message });
          else if (h.skipped) setNotice({ intent: 'warning', text: locale === 'en' ? h.skipped.messageEn : h.skipped.message });
          else setNotice({ intent: auto ? 'info' : 'success', text: auto ? t(locale, 'autoRevalidated') : t(locale, 'markedCells', { n: h.marked }) });
        }
      } catch (e) {
        setNotice({ intent: 'error', text: messageOf(e, locale) });
      } finally {
        setProgress(null);
        busy.current = false;
      }
    },
    [host, locale],
  );

  // Re-validate a moment after the user stops editing, unless switched off.
  const autoOn = settings.autoRevalidate !== false;
  const hasResult = result !== null;
  useEffect(() => {
    if (!autoOn || !hasResult) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let off: (() => void) | undefined;
    let disposed = false;
    host
      .onUserEdit(() => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void validate(true), REVALIDATE_DEBOUNCE_MS);
      })
      .then(
        (unsubscribe) => (disposed ? unsubscribe() : (off = unsubscribe)),
        () => undefined,
      );
    return () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      off?.();
    };
  }, [host, autoOn, hasResult, validate]);

  const saveSettings = useCallback(
    async (next: PaneSettings, quiet = false) => {
      try {
        await host.writeSettings(next);
        setSettings(next);
        if (!quiet) setNotice({ intent: 'success', text: t(locale, 'settingsSaved') });
        return true;
      } catch (e) {
        setNotice({ intent: 'error', text: messageOf(e, locale) });
        return false;
      }
    },
    [host, locale],
  );

  const setIgnored = useCallback(
    async (finding: Finding, reason: string | null) => {
      const ignored = { ...(settingsRef.current.ignored ?? {}) };
      if (reason === null) delete ignored[finding.id];
      else ignored[finding.id] = reason;
      const next = { ...settingsRef.current, ignored };
      if (await saveSettings(next, true)) {
        if (result) {
          try {
            await host.highlight(result.findings, ignored);
          } catch (e) {
            setNotice({ intent: 'error', text: messageOf(e, locale) });
          }
        }
      }
    },
    [host, locale, result, saveSettings],
  );

  const clear = useCallback(async () => {
    try {
      const { restored, skipped } = await host.clear();
      if (skipped) setNotice({ intent: 'warning', text: locale === 'en' ? skipped.messageEn : skipped.message });
      else setNotice({ intent: 'success', text: t(locale, 'cleared', { n: restored }) });
    } catch (e) {
      setNotice({ intent: 'error', text: messageOf(e, locale) });
    }
  }, [host, locale]);

  const navigate = useCallback(
    async (sheet: string, cell: string, related: { sheet: string; cell: string }[] = []) => {
      try {
        await host.navigate({ sheet, cell, related });
      } catch (e) {
        setNotice({ intent: 'error', text: messageOf(e, locale) });
      }
    },
    [host, locale],
  );

  const generate = useCallback(() => {
    if (!result) {
      setNotice({ intent: 'warning', text: t(locale, 'needValidateFirst') });
      return null;
    }
    try {
      const r = buildReport(result, settingsRef.current);
      setReport(r);
      return r;
    } catch (e) {
      setNotice({ intent: 'error', text: messageOf(e, locale) });
      return null;
    }
  }, [result, locale]);

  return { settings, result, progress, notice, setNotice, report, validate, saveSettings, setIgnored, clear, navigate, generate };
}
