/**
 * The offline page (dist/budget-recon.html): open a workbook by the file picker or by dropping
 * it on the page, then the task pane's own view (App) over a BrowserHost; the highlighted copy
 * and the report are downloads. One file, all inline, no network request.
 */
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../taskpane/App';
import { localeFor } from '../taskpane/i18n';
import { saveBlob } from '../taskpane/report-bridge';
import { HostError, NavigateTarget } from '../taskpane/host';
import { BrowserHost, SaveFile } from './browser-host';
import { SheetPreview } from './SheetPreview';
import { createEngine, Engine } from './engine';

declare global {
  interface Window {
    /** The page's host once a workbook is open (for tests). */
    __budgetReconWebHost?: BrowserHost;
  }
}

const save: SaveFile = (data, name, type) => saveBlob(new Blob([data as BlobPart], { type }), name);

interface Message {
  kind: 'error' | 'info';
  zh: string;
  en: string;
}

function messageOf(e: unknown): Message {
  if (e instanceof HostError) return { kind: 'error', zh: e.zh, en: e.en };
  const why = e instanceof Error ? e.message : String(e);
  return { kind: 'error', zh: `出错了：${why}`, en: `Something went wrong: ${why}` };
}

function Page() {
  const lang = navigator.language;
  const locale = localeFor(lang);
  const [host, setHost] = useState<BrowserHost | null>(null);
  const [opening, setOpening] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [canDownload, setCanDownload] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [target, setTarget] = useState<NavigateTarget | null>(null);
  const generation = useRef(0);
  // One engine for the page's life: a Web Worker where the browser allows one.
  const engine = useRef<Engine | null>(null);

  const open = useCallback(
    async (file: File | undefined) => {
      if (!file) return;
      const gen = ++generation.current;
      setOpening(true);
      setMessage(null);
      try {
        engine.current ??= createEngine();
        const opened = await engine.current.open(new Uint8Array(await file.arrayBuffer()), file.name);
        if (gen !== generation.current) return;
        const next = new BrowserHost(opened, save, { displayLanguage: lang, engine: engine.current });
        next.onResult = () => setCanDownload(next.hasResult());
        next.onNavigate = (t) => setTarget(t);
        setTarget(null);
        window.__budgetReconWebHost = next;
        setCanDownload(false);
        setHost(next);
      } catch (e) {
        if (gen === generation.current) setMessage(messageOf(e));
      } finally {
        if (gen === generation.current) setOpening(false);
      }
    },
    [lang],
  );

  // The whole page takes a dropped file; the browser must not open it in place of the page.
  useEffect(() => {
    const over = (e: DragEvent) => {
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!e.relatedTarget) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      void open(e.dataTransfer?.files?.[0]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [open]);

  const downloadHighlighted = async () => {
    if (!host) return;
    try {
      const { name, cellsMarked } = await host.downloadHighlighted();
      setMessage({ kind: 'info', zh: `已下载 ${name}（标注了 ${cellsMarked} 个单元格，另有“校验结果”工作表）。`, en: `Downloaded ${name} (${cellsMarked} cells marked, with a 校验结果 sheet).` });
    } catch (e) {
      setMessage(messageOf(e));
    }
  };

  return (
    <div className={`page${dragging ? ' dragging' : ''}`}>
      <header>
        <div className="bar">
          <h1>预算对账助手 <span className="en">Budget Recon</span></h1>
          <label className="button primary">
            {host ? '打开其他工作簿 / Open another workbook' : '打开工作簿 / Open a workbook (.xlsx)'}
            <input type="file" accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="file-input" onChange={(e) => {
              void open(e.target.files?.[0]);
              e.target.value = '';
            }} />
          </label>
          <button type="button" className="button" disabled={!host || !canDownload} onClick={() => void downloadHighlighted()} data-testid="download-highlighted">
            下载标注副本 / Download highlighted copy
          </button>
          {host && <span className="file" data-testid="file-name">{host.workbook.name}</span>}
        </div>
        {/* Reading and the page's messages belong to the banner: the pane below is the page's main. */}
        {opening && <p className="status">正在读取… / Reading…</p>}
        {message && (
          <div className={`message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="page-message">
            <p>{message.zh}</p>
            <p lang="en">{message.en}</p>
          </div>
        )}
      </header>
      {host ? (
        <div className={`workspace${target ? ' previewing' : ''}`}>
          <div className="pane">
            <App key={host.workbook.name + generation.current} host={host} locale={locale} />
          </div>
          {target && <SheetPreview snapshot={host.workbook.snapshot} target={target} onClose={() => setTarget(null)} />}
        </div>
      ) : (
        <main className="drop" data-testid="drop-zone">
          <p>把 .xlsx 工作簿拖到这里，或点击“打开工作簿”。文件只在本机浏览器中读取，不会上传。</p>
          <p lang="en">Drop an .xlsx workbook here, or click Open a workbook. The file is read in this browser only; nothing is uploaded.</p>
        </main>
      )}
    </div>
  );
}

document.documentElement.lang = localeFor(navigator.language) === 'en' ? 'en-US' : 'zh-CN';
createRoot(document.getElementById('root')!).render(<Page />);
