/**
 * Pane bootstrap: waits for Office, picks the host (Excel, or the bundled sample when opened
 * outside Office), and shows a plain message where the add-in cannot run.
 */
import React from 'react';
import { createRoot } from 'react-dom/client';
import { blocker, excelFeatures, isLegacyBrowser } from '../excel/capabilities';
import { createOfficeHost, officeRunner } from '../excel/office-host';
import { seedWorkbook } from '../samples/seed-workbook';
import { WorkbookSnapshot } from '../core/snapshot';
import { App } from './App';
import { FakeHost, pastedText } from './fake-host';
import { SEED_DRAFT_TEXT } from '../samples/seed-draft';
import { Host } from './host';
import { localeFor } from './i18n';

declare global {
  interface Window {
    /** Set by the end-to-end test and by demo mode: the host the pane runs on. */
    __budgetReconHost?: Host;
    /** Set by the browser tests and the bench before the pane loads: the workbook demo mode runs on in place of the bundled sample. */
    __budgetReconDemoWorkbook?: WorkbookSnapshot;
  }
}

/** Where the demo's pasted draft lives (not a sheet the engine reads: the fake keeps it apart). */
const DRAFT_SHEET = '草稿';

function showPlain(zh: string, en: string): void {
  const el = document.getElementById('root')!;
  el.textContent = '';
  for (const text of [zh, en]) {
    const p = document.createElement('p');
    p.textContent = text;
    el.appendChild(p);
  }
}

function start(host: Host, demo: boolean): void {
  const params = new URLSearchParams(window.location.search);
  const locale = localeFor(host.capabilities().displayLanguage);
  document.documentElement.lang = locale === 'en' ? 'en-US' : 'zh-CN';
  createRoot(document.getElementById('root')!).render(
    <App host={host} locale={locale} initialTab={params.get('view') === 'report' || params.get('view') === 'audit' ? params.get('view')! : 'findings'} demo={demo} />,
  );
}

function boot(info: { host: Office.HostType | null } | null): void {
  if (isLegacyBrowser(navigator.userAgent)) {
    const b = blocker(null, navigator.userAgent)!;
    showPlain(b.zh, b.en);
    return;
  }
  if (window.__budgetReconHost) {
    start(window.__budgetReconHost, window.__budgetReconHost.kind === 'fake');
    return;
  }
  if (!info || info.host !== Office.HostType.Excel) {
    // Opened in a plain browser: run on the bundled sample so the pane can be tried out.
    // The seed report's own draft sits pasted into a 草稿 sheet and selected, for 审核所选段落.
    const host = new FakeHost(window.__budgetReconDemoWorkbook ?? seedWorkbook(), { displayLanguage: navigator.language }, { selection: pastedText(DRAFT_SHEET, SEED_DRAFT_TEXT) });
    window.__budgetReconHost = host;
    start(host, true);
    return;
  }
  const isSet = (name: string, version: string) => Office.context.requirements.isSetSupported(name, version);
  const b = blocker(isSet, navigator.userAgent);
  if (b) {
    showPlain(b.zh, b.en);
    return;
  }
  const features = excelFeatures(isSet);
  // Desktop task panes block blob downloads; Excel on the web allows them.
  const download = Office.context.platform === Office.PlatformType.OfficeOnline;
  const host = createOfficeHost({ run: officeRunner(features.undoGroup), features, displayLanguage: Office.context.displayLanguage, download });
  start(host, false);
}

if (typeof Office !== 'undefined' && Office.onReady) {
  Office.onReady((info) => boot(info)).catch(() => boot(null));
} else {
  boot(null);
}
