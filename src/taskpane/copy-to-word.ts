/**
 * 复制到 Word: the report on the clipboard as formatted paragraphs (text/html, the GB/T 9704
 * styles inline, from the same renderer as the preview) and as plain text (one paragraph a
 * line). The Clipboard API where the host allows it (desktop task panes do; Excel on the web
 * may not); else the copy event of a rendered, selected container, the way a user's Ctrl+C
 * works; else the caller says so plainly and offers the 自评报告 sheet.
 */
import { renderClipboardHtml, renderHtmlFragment } from '../core/report/render-html';
import { renderPlainLines } from '../core/report/render-text';
import { Report } from '../core/report/types';

export type CopyOutcome = 'clipboard-api' | 'copy-command' | 'failed';

export interface CopyEnv {
  document: Document;
  clipboard?: { write?: (items: ClipboardItem[]) => Promise<void> };
  ClipboardItem?: typeof ClipboardItem;
}

export function browserCopyEnv(): CopyEnv {
  return {
    document,
    clipboard: typeof navigator !== 'undefined' ? navigator.clipboard : undefined,
    ClipboardItem: typeof ClipboardItem !== 'undefined' ? ClipboardItem : undefined,
  };
}

export async function copyReportToWord(report: Report, env: CopyEnv = browserCopyEnv()): Promise<CopyOutcome> {
  const html = renderClipboardHtml(report);
  const text = renderPlainLines(report);
  if (env.clipboard?.write && env.ClipboardItem) {
    try {
      await env.clipboard.write([
        new env.ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ]);
      return 'clipboard-api';
    } catch {
      // Blocked by the host or by permissions: the copy command may still be allowed.
    }
  }
  return copyBySelection(env.document, report, html, text) ? 'copy-command' : 'failed';
}

/** Renders the report off screen, selects it and runs the copy command, setting both types in the copy event. */
function copyBySelection(doc: Document, report: Report, html: string, text: string): boolean {
  const box = doc.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText = 'position:fixed;left:-10000px;top:0;width:600px;opacity:0;pointer-events:none';
  // The renderer escapes every text from the workbook: this markup holds no user HTML.
  box.innerHTML = renderHtmlFragment(report);
  doc.body.appendChild(box);
  const selection = doc.getSelection();
  const saved = selection && selection.rangeCount ? selection.getRangeAt(0) : null;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/html', html);
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
  };
  doc.addEventListener('copy', onCopy);
  let ok = false;
  try {
    const range = doc.createRange();
    range.selectNodeContents(box);
    selection?.removeAllRanges();
    selection?.addRange(range);
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  } finally {
    doc.removeEventListener('copy', onCopy);
    selection?.removeAllRanges();
    if (saved) selection?.addRange(saved);
    box.remove();
  }
  return ok;
}
