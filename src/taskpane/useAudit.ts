/**
 * The 审核草稿 view's state: reads the paragraphs (the 自评报告 sheet, the selection, or a draft
 * file where the host can open one), takes the workbook model from the last validation or a
 * fresh read, and runs the audit. Reading never writes and never marks cells.
 */
import { useCallback, useRef, useState } from 'react';
import { BudgetModel } from '../core/model';
import { Host, HostError, ParagraphSource } from './host';
import { Locale, t } from './i18n';
import { PaneAudit, runFileAudit, runPaneAudit, usableModel } from './audit-view';
import { messageOf, Notice, usePane } from './usePane';

export type AuditPhase = 'reading' | 'model' | 'checking';

export function useAudit(host: Host, locale: Locale, pane: ReturnType<typeof usePane>) {
  const [audit, setAudit] = useState<PaneAudit | null>(null);
  const [phase, setPhase] = useState<AuditPhase | null>(null);
  const [message, setMessage] = useState<Notice | null>(null);
  const busy = useRef(false);
  const paneRef = useRef(pane);
  paneRef.current = pane;

  /** Reads, then audits against the workbook's model; `read` returns the audit to show, or null after saying why not. */
  const audited = useCallback(
    async (read: () => Promise<((model: BudgetModel | undefined) => PaneAudit) | null>, bilingual = false) => {
      if (busy.current) return;
      busy.current = true;
      setMessage(null);
      try {
        setPhase('reading');
        const audit = await read();
        if (!audit) {
          setAudit(null);
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
        const next = audit(model);
        setAudit(next);
        if (modelError !== null) setMessage({ intent: 'warning', text: t(locale, 'auditModelFailed', { reason: modelError }) });
        else if (!usableModel(model)) setMessage({ intent: 'info', text: t(locale, 'auditNoModel') });
      } catch (e) {
        setAudit(null);
        // A file the user chose that cannot be read is bad input: say why in Chinese and English.
        const text = bilingual && e instanceof HostError ? `${e.zh}（${e.en}）` : messageOf(e, locale);
        setMessage({ intent: 'error', text });
      } finally {
        setPhase(null);
        busy.current = false;
      }
    },
    [host, locale],
  );

  /** The paragraphs in the workbook: the 自评报告 sheet or the selection. */
  const run = useCallback(
    (source: ParagraphSource) =>
      audited(async () => {
        const read = await host.readParagraphs(source);
        if (read.status === 'no-sheet') {
          setMessage({ intent: 'warning', text: t(locale, 'auditNoSheet', { sheet: read.sheet }) });
          return null;
        }
        if (read.status === 'multi-area') {
          setMessage({ intent: 'warning', text: t(locale, 'auditMultiArea') });
          return null;
        }
        if (read.status === 'empty') {
          const key = source === 'selection' ? 'auditEmptySelection' : 'auditEmptySheet';
          setMessage({ intent: 'warning', text: t(locale, key, { sheet: read.sheet, range: read.range }) });
          return null;
        }
        return (model) => runPaneAudit(source, read, model);
      }),
    [audited, host, locale],
  );

  /** A draft file the user chose (.docx, .pdf, .txt), where the host can read one. */
  const runFile = useCallback(
    (file: File) =>
      audited(async () => {
        if (!host.readDraftFile) return null;
        const draft = await host.readDraftFile(file.name, new Uint8Array(await file.arrayBuffer()));
        return (model) => runFileAudit(file.name, draft, model);
      }, true),
    [audited, host],
  );

  /** Draft text pasted into the pane (where the host reads draft files): read as a .txt is, one line a paragraph. */
  const runText = useCallback(
    (text: string) => {
      if (text.trim() === '') {
        setAudit(null);
        setMessage({ intent: 'warning', text: t(locale, 'auditPasteEmpty') });
        return Promise.resolve();
      }
      return audited(async () => {
        if (!host.readDraftFile) return null;
        const name = t(locale, 'auditPasted');
        const draft = await host.readDraftFile(`${name}.txt`, new TextEncoder().encode(text));
        return (model) => runFileAudit(name, draft, model);
      }, true);
    },
    [audited, host, locale],
  );

  return { audit, phase, message, run, runFile, runText };
}
