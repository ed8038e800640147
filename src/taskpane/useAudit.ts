/**
 * The 审核草稿 view's state: reads the paragraphs (the 自评报告 sheet or the selection), takes the
 * workbook model from the last validation or a fresh read, and runs the audit. Reading never
 * writes and never marks cells.
 */
import { useCallback, useRef, useState } from 'react';
import { Host, ParagraphSource } from './host';
import { Locale, t } from './i18n';
import { PaneAudit, runPaneAudit, usableModel } from './audit-view';
import { messageOf, Notice, usePane } from './usePane';

export type AuditPhase = 'reading' | 'model' | 'checking';

export function useAudit(host: Host, locale: Locale, pane: ReturnType<typeof usePane>) {
  const [audit, setAudit] = useState<PaneAudit | null>(null);
  const [phase, setPhase] = useState<AuditPhase | null>(null);
  const [message, setMessage] = useState<Notice | null>(null);
  const busy = useRef(false);
  const paneRef = useRef(pane);
  paneRef.current = pane;

  const run = useCallback(
    async (source: ParagraphSource) => {
      if (busy.current) return;
      busy.current = true;
      setMessage(null);
      try {
        setPhase('reading');
        const read = await host.readParagraphs(source);
        if (read.status === 'no-sheet') {
          setAudit(null);
          setMessage({ intent: 'warning', text: t(locale, 'auditNoSheet', { sheet: read.sheet }) });
          return;
        }
        if (read.status === 'multi-area') {
          setAudit(null);
          setMessage({ intent: 'warning', text: t(locale, 'auditMultiArea') });
          return;
        }
        if (read.status === 'empty') {
          setAudit(null);
          const key = source === 'selection' ? 'auditEmptySelection' : 'auditEmptySheet';
          setMessage({ intent: 'warning', text: t(locale, key, { sheet: read.sheet, range: read.range }) });
          return;
        }
        // The last validation's model if there is one; otherwise read the workbook now (no marks).
        let model = paneRef.current.result?.model;
        let modelError: string | null = null;
        if (!model) {
          setPhase('model');
          try {
            model = (await host.validate(paneRef.current.settings)).model;
          } catch (e) {
            // The text's own arithmetic is still worth checking; say that the workbook was not compared.
            modelError = messageOf(e, locale);
          }
        }
        setPhase('checking');
        await new Promise((r) => setTimeout(r, 0));
        const next = runPaneAudit(source, read, model);
        setAudit(next);
        if (modelError !== null) setMessage({ intent: 'warning', text: t(locale, 'auditModelFailed', { reason: modelError }) });
        else if (!usableModel(model)) setMessage({ intent: 'info', text: t(locale, 'auditNoModel') });
      } catch (e) {
        setMessage({ intent: 'error', text: messageOf(e, locale) });
      } finally {
        setPhase(null);
        busy.current = false;
      }
    },
    [host, locale],
  );

  return { audit, phase, message, run };
}
