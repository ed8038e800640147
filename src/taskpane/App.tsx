import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  FluentProvider,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Switch,
  Textarea,
  Theme,
  ToggleButton,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { Finding, Operand, RULE_LABEL, SEVERITY_LABEL, Severity } from '../core/findings';
import { renderHtmlFragment } from '../core/report/render-html';
import { Report } from '../core/report/types';
import { copyReportToWord } from './copy-to-word';
import { Host } from './host';
import { Locale, t } from './i18n';
import { counts, findingRows, formatAmount, groupFindings, GroupBy, toggleSeverity } from './findings-view';
import { ListRow, VirtualListbox } from './VirtualListbox';
import { PaneTabs, panelId, tabId } from './PaneTabs';
import { reportDocxBlob, reportFileName, saveBlob } from './report-bridge';
import { usePane } from './usePane';
import { useAudit } from './useAudit';
import { AuditItem, auditCounts, auditRuleLabel, itemPlace, quote, visibleItems } from './audit-view';

/** Chinese system fonts first, so CJK text never falls back to a Latin font's odd glyph choice. */
export const CJK_FONT_STACK =
  '"Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", sans-serif';

export const paneTheme: Theme = { ...webLightTheme, fontFamilyBase: CJK_FONT_STACK };

const SEVERITY_COLOR: Record<Severity, 'danger' | 'warning' | 'brand'> = { error: 'danger', warning: 'warning', info: 'brand' };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '12px', minHeight: '100vh', boxSizing: 'border-box', fontFamily: CJK_FONT_STACK },
  panel: { display: 'flex', flexDirection: 'column', gap: '8px' },
  toolbar: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  counts: { display: 'flex', gap: '6px', flexWrap: 'wrap' },
  row: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  // An option's content; the list box draws the option's border, hover and active state.
  item: { display: 'flex', gap: '8px', padding: '6px 8px', alignItems: 'flex-start' },
  // Ignored findings stay readable (no opacity: it would fail the contrast check).
  itemIgnored: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  visuallyHidden: { position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 },
  detailTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '8px 0 4px', ':focus': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' } },
  subheading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: '10px 0 4px' },
  itemText: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, fontSize: tokens.fontSizeBase300 },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200, '& td, & th': { borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, padding: '3px 4px', textAlign: 'left' } },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  preview: { ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' }, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '8px 12px', maxHeight: '55vh', overflowY: 'auto', backgroundColor: tokens.colorNeutralBackground1, lineHeight: 1.7 },
  title: { textAlign: 'center', fontSize: '18px', fontWeight: 700, margin: '6px 0' },
  subtitle: { textAlign: 'center', margin: '4px 0' },
  heading1: { fontWeight: 700, margin: '8px 0 2px' },
  heading2: { fontWeight: 600, margin: '6px 0 2px' },
  heading3: { margin: '4px 0', textIndent: '2em' },
  body: { margin: '4px 0', textIndent: '2em' },
  note: { margin: '4px 0', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // A row of the report's short table (cells a tab apart).
  reportTableRow: { margin: '2px 0', whiteSpace: 'pre-wrap', tabSize: 10, fontSize: tokens.fontSizeBase200 },
  unverified: { backgroundColor: '#FFEB9C', borderBottom: '1px dashed #9C5700' },
  placeholder: { color: tokens.colorPaletteRedForeground1 },
  figure: { borderBottom: `1px dotted ${tokens.colorBrandStroke1}` },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  badge: { flexShrink: 0, whiteSpace: 'nowrap', marginTop: '2px' },
  nowrap: { whiteSpace: 'nowrap' },
  draftParagraph: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: '6px 10px', lineHeight: 1.7, '& p': { margin: '4px 0 0' }, '& mark': { backgroundColor: '#fde7e9', padding: '0 1px' } },
  quoted: { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusSmall, padding: '0 3px', wordBreak: 'break-all' },
  ruleTag: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 },
  factTable: { borderCollapse: 'collapse', width: '100%', marginTop: '8px', fontSize: tokens.fontSizeBase200, '& td': { borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, padding: '3px 4px' }, '& td:first-child': { width: '45%' } },
});

export function App({ host, locale, initialTab = 'findings', demo = false }: { host: Host; locale: Locale; initialTab?: string; demo?: boolean }) {
  const s = useStyles();
  const pane = usePane(host, locale);
  const audit = useAudit(host, locale, pane);
  const [tab, setTab] = useState(initialTab);
  const L = (k: Parameters<typeof t>[1], v?: Record<string, string | number>) => t(locale, k, v);
  const progressLabel = pane.progress
    ? pane.progress.phase === 'reading'
      ? L('phaseReading')
      : pane.progress.phase === 'highlighting'
        ? L('phaseHighlighting')
        : L('phaseChecking')
    : '';

  return (
    <FluentProvider theme={paneTheme} lang={locale === 'en' ? 'en-US' : 'zh-CN'}>
      <main className={s.root}>
        <h1 className={s.visuallyHidden}>{L('appTitle')}</h1>
        {demo && (
          <MessageBar intent="info">
            <MessageBarBody>{L('demoBanner')}</MessageBarBody>
          </MessageBar>
        )}
        <div className={s.toolbar}>
          <Button appearance="primary" onClick={() => void pane.validate()} disabled={!!pane.progress} data-testid="validate">
            {pane.progress ? L('validating') : L('validate')}
          </Button>
          <Button onClick={() => void pane.clear()} disabled={!!pane.progress} data-testid="clear">
            {L('clearMarks')}
          </Button>
        </div>
        {pane.progress && <ProgressBar value={pane.progress.fraction} thickness="large" aria-label={progressLabel} />}
        {pane.progress && <span className={s.hint}>{progressLabel}</span>}
        {pane.notice && (
          <MessageBar intent={pane.notice.intent} data-testid="notice">
            <MessageBarBody>{pane.notice.text}</MessageBarBody>
          </MessageBar>
        )}
        <PaneTabs
          idPrefix="pane"
          label={L('appTitle')}
          selected={tab}
          onSelect={setTab}
          tabs={[
            { value: 'findings', label: L('tabFindings'), testId: 'tab-findings' },
            { value: 'report', label: L('tabReport'), testId: 'tab-report' },
            { value: 'audit', label: L('tabAudit'), testId: 'tab-audit' },
            { value: 'settings', label: L('tabSettings'), testId: 'tab-settings' },
          ]}
        />
        <div role="tabpanel" id={panelId('pane')} aria-labelledby={tabId('pane', tab)} className={s.panel}>
          {tab === 'findings' && <FindingsTab pane={pane} locale={locale} />}
          {tab === 'report' && <ReportTab pane={pane} host={host} locale={locale} autoStart={initialTab === 'report'} />}
          {tab === 'audit' && <AuditTab pane={pane} host={host} audit={audit} locale={locale} />}
          {tab === 'settings' && <SettingsTab pane={pane} host={host} locale={locale} />}
        </div>
      </main>
    </FluentProvider>
  );
}

type Pane = ReturnType<typeof usePane>;

const EMPTY_IGNORED: Record<string, string> = {};
const EMPTY_FINDINGS: Finding[] = [];
/** Row heights assumed before measuring (a finding is two or three lines at task-pane width). */
const FINDING_ESTIMATE = { header: 28, option: 78 };
const AUDIT_ESTIMATE = { header: 28, option: 110 };

function FindingOption({ f, ignoredReason, groupBy, locale }: { f: Finding; ignoredReason?: string; groupBy: GroupBy; locale: Locale }) {
  const s = useStyles();
  const lang = locale === 'en' ? 'en' : 'zh';
  return (
    <div className={`${s.item} ${ignoredReason !== undefined ? s.itemIgnored : ''}`}>
      <Badge className={s.badge} color={SEVERITY_COLOR[f.severity]} appearance="filled" size="small">{SEVERITY_LABEL[f.severity][lang]}</Badge>
      <div className={s.itemText}>
        <span>{locale === 'en' ? f.messageEn : f.message}</span>
        <span className={s.where}>
          {f.sheet}!{f.cell}
          {groupBy === 'sheet' ? ` · ${RULE_LABEL[f.rule]?.[lang] ?? f.rule}` : ''}
          {ignoredReason !== undefined ? ` · ${t(locale, 'ignoredBecause', { reason: ignoredReason })}` : ''}
        </span>
      </div>
    </div>
  );
}

function FindingsTab({ pane, locale }: { pane: Pane; locale: Locale }) {
  const s = useStyles();
  const L = (k: Parameters<typeof t>[1], v?: Record<string, string | number>) => t(locale, k, v);
  const [groupBy, setGroupBy] = useState<GroupBy>('sheet');
  const [severities, setSeverities] = useState<Set<Severity>>(new Set(['error', 'warning', 'info']));
  const [showIgnored, setShowIgnored] = useState(true);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const ignored = pane.settings.ignored ?? EMPTY_IGNORED;
  const findings = pane.result?.findings ?? EMPTY_FINDINGS;
  // Plain arrays, worked out again only when the findings or the view change (never on a key).
  const groups = useMemo(() => groupFindings(findings, { groupBy, severities, showIgnored, ignored }, locale), [findings, groupBy, severities, showIgnored, ignored, locale]);
  const rows = useMemo(() => findingRows(groups), [groups]);
  const shownIds = useMemo(() => new Set(groups.flatMap((g) => g.findings.map((f) => f.id))), [groups]);
  const byId = useMemo(() => new Map(findings.map((f) => [f.id, f])), [findings]);
  const c = useMemo(() => counts(findings, ignored), [findings, ignored]);
  const navigate = pane.navigate;
  const go = useCallback((f: Finding) => void navigate(f.sheet, f.cell, f.related.map((r) => ({ sheet: r.sheet, cell: r.cell }))), [navigate]);
  const openDetail = useCallback((f: Finding) => {
    setActiveId(f.id);
    setDetailId(f.id);
  }, []);
  const renderOption = useCallback(
    (f: Finding) => <FindingOption f={f} ignoredReason={ignored[f.id]} groupBy={groupBy} locale={locale} />,
    [ignored, groupBy, locale],
  );

  if (!pane.result) return <p className={s.hint}>{L('notValidated')}</p>;
  const detail = detailId ? byId.get(detailId) : undefined;
  if (detail) {
    return (
      <FindingDetail
        finding={detail}
        pane={pane}
        locale={locale}
        onBack={() => {
          setDetailId(null);
          // Back where the user was: the list has focus, on the same finding.
          setTimeout(() => listRef.current?.focus(), 0);
        }}
      />
    );
  }

  const toggle = (sev: Severity) => setSeverities(toggleSeverity(severities, sev));
  const active = activeId !== null && shownIds.has(activeId) ? byId.get(activeId) : undefined;
  const summary = pane.result.summary;

  return (
    <>
      <div className={s.counts} data-testid="counts">
        {(['error', 'warning', 'info'] as Severity[]).map((sev) => (
          <ToggleButton key={sev} size="small" checked={severities.has(sev)} onClick={() => toggle(sev)} data-testid={`count-${sev}`}
            icon={<Badge color={SEVERITY_COLOR[sev]} size="small" />}>
            {L(sev === 'error' ? 'errors' : sev === 'warning' ? 'warnings' : 'infos')} {c[sev]}
          </ToggleButton>
        ))}
        {c.ignored > 0 && <Checkbox checked={showIgnored} onChange={(_, d) => setShowIgnored(!!d.checked)} label={`${L('showIgnored')} (${c.ignored})`} />}
      </div>
      <div className={s.row}>
        <RadioGroup layout="horizontal" value={groupBy} onChange={(_, d) => setGroupBy(d.value as GroupBy)} aria-label={L('groupBy')}>
          <Radio value="sheet" label={L('bySheet')} />
          <Radio value="rule" label={L('byRule')} />
        </RadioGroup>
      </div>
      <span className={s.hint}>{L('summaryLine', { sheets: summary.sheets, projects: summary.projects, cells: summary.cellsRead })}</span>
      {findings.length === 0 ? (
        <MessageBar intent="success"><MessageBarBody>{L('noFindings')}</MessageBarBody></MessageBar>
      ) : (
        <>
          <span className={s.hint}>{L('keyboardHint')}</span>
          <div className={s.row}>
            <Button size="small" disabled={!active} onClick={() => active && openDetail(active)} data-testid="details">
              {L('calculation')}
            </Button>
            {active && <span className={s.hint} data-testid="active-cell">{active.sheet}!{active.cell}</span>}
          </div>
          <VirtualListbox<Finding>
            rows={rows}
            activeKey={activeId}
            onActiveChange={setActiveId}
            onActivate={go}
            onSpace={openDetail}
            onDoubleClick={openDetail}
            renderOption={renderOption}
            optionId={findingDomId}
            optionData={findingData}
            label={L('tabFindings')}
            testId="findings"
            optionTestId="finding"
            estimate={FINDING_ESTIMATE}
            listRef={listRef}
          />
        </>
      )}
      {pane.result.notChecked.length > 0 && (
        <details>
          <summary className={s.hint}>{L('notChecked')}（{pane.result.notChecked.length}）</summary>
          <ul className={s.hint}>
            {pane.result.notChecked.map((n, i) => (
              <li key={i}>{n.sheet ? `${n.sheet}${n.cell ? '!' + n.cell : ''}：` : ''}{n.check} — {locale === 'en' ? n.reasonEn : n.reason}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

const findingDomId = (id: string) => `finding-${cssId(id)}`;
const findingData = (f: Finding) => ({ 'data-finding-id': f.id });

function cssId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, (ch) => `_${ch.codePointAt(0)!.toString(16)}`);
}

function OperandRow({ o, unit, pane, sign }: { o: Operand; unit?: string; pane: Pane; sign?: string }) {
  const s = useStyles();
  return (
    <tr>
      <td>{sign}{o.label}</td>
      <td className={s.nowrap}>
        <Link as="button" onClick={() => void pane.navigate(o.sheet, o.cell)} data-testid="operand-cell">
          {o.sheet}!{o.cell}
        </Link>
      </td>
      <td className={s.num}>{formatAmount(o.value, unit)}</td>
    </tr>
  );
}

function FindingDetail({ finding: f, pane, locale, onBack }: { finding: Finding; pane: Pane; locale: Locale; onBack: () => void }) {
  const s = useStyles();
  const L = (k: Parameters<typeof t>[1], v?: Record<string, string | number>) => t(locale, k, v);
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const ignoredReason = pane.settings.ignored?.[f.id];
  const unit = f.unit && f.unit !== '%' ? `（${f.unit}）` : '';
  // Focus follows the view: opened from the list (Space, a click), the detail's title takes it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      data-testid="detail"
      aria-labelledby="finding-detail-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement)) {
          e.preventDefault();
          onBack();
        }
      }}
    >
      <div className={s.row}>
        <Button size="small" onClick={onBack} data-testid="back">{L('back')}</Button>
        <Button size="small" appearance="primary" onClick={() => void pane.navigate(f.sheet, f.cell, f.related)}>{L('goToCell')}</Button>
      </div>
      <h2 id="finding-detail-title" ref={heading} tabIndex={-1} className={s.detailTitle} data-testid="detail-title">
        {f.sheet}!{f.cell}{f.label ? ` ${f.label}` : ''}
      </h2>
      <p>
        <Badge color={SEVERITY_COLOR[f.severity]} appearance="filled" size="small">{SEVERITY_LABEL[f.severity][locale === 'en' ? 'en' : 'zh']}</Badge>{' '}
        {locale === 'en' ? f.messageEn : f.message}
      </p>
      <p className={s.where}>{f.sheet}!{f.cell} · {RULE_LABEL[f.rule]?.[locale === 'en' ? 'en' : 'zh']}{f.label ? ` · ${f.label}` : ''}</p>
      {f.equation && (
        <>
          <h3 className={s.subheading}>{L('calculation')}{unit}：{f.equation.formula}</h3>
          <table className={s.table}>
            <thead>
              <tr><th>{L('operand')}</th><th>{L('cell')}</th><th className={s.num}>{L('amount')}</th></tr>
            </thead>
            <tbody>
              <OperandRow o={f.equation.target} unit={f.unit} pane={pane} sign="= " />
              {f.equation.parts.map((p, i) => (
                <OperandRow key={i} o={p} unit={f.unit} pane={pane} sign={p.weight < 0 ? '− ' : '+ '} />
              ))}
            </tbody>
          </table>
        </>
      )}
      <table className={s.factTable}>
        <tbody>
          <tr><td>{L('stated')}</td><td className={s.num}>{f.raw ?? formatAmount(f.actual, f.unit)}</td></tr>
          <tr><td>{L('computed')}</td><td className={s.num}>{formatAmount(f.expected, f.unit)}</td></tr>
          <tr><td>{L('difference')}</td><td className={s.num}>{formatAmount(f.difference, f.unit)}</td></tr>
          <tr><td>{L('tolerance')}</td><td className={s.num}>{f.tolerance !== undefined ? `±${formatAmount(f.tolerance, f.unit)}` : '—'}</td></tr>
        </tbody>
      </table>
      {f.fix && (
        <MessageBar intent="info">
          <MessageBarBody>
            {L('suggestedFix')}：{locale === 'en' ? f.fix.messageEn : f.fix.message}
{' '}
            <Link as="button" inline onClick={() => void pane.navigate(f.fix!.sheet, f.fix!.cell)}>{f.fix.sheet}!{f.fix.cell}</Link>
          </MessageBarBody>
        </MessageBar>
      )}
      {f.related.length > 0 && !f.equation && (
        <>
          <h3 className={s.subheading}>{L('related')}</h3>
          <ul>
            {f.related.map((r, i) => (
              <li key={i}>
                <Link as="button" onClick={() => void pane.navigate(r.sheet, r.cell)}>{r.sheet}!{r.cell}</Link> {r.label ?? ''} {r.value !== undefined ? formatAmount(r.value) : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <div style={{ marginTop: 12 }}>
        {ignoredReason !== undefined ? (
          <div className={s.row}>
            <span>{L('ignoredBecause', { reason: ignoredReason })}</span>
            <Button size="small" onClick={() => void pane.setIgnored(f, null)} data-testid="unignore">{L('unignore')}</Button>
          </div>
        ) : asking ? (
          <>
            <Field label={L('ignoreReason')} required>
              <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={200} data-testid="ignore-reason" />
            </Field>
            <div className={s.row} style={{ marginTop: 6 }}>
              <Button size="small" appearance="primary" disabled={!reason.trim()} onClick={() => { void pane.setIgnored(f, reason.trim()); setAsking(false); }} data-testid="ignore-confirm">
                {L('ignoreConfirm')}
              </Button>
              <Button size="small" onClick={() => setAsking(false)}>{L('cancel')}</Button>
            </div>
          </>
        ) : (
          <Button size="small" onClick={() => setAsking(true)} data-testid="ignore">{L('ignore')}</Button>
        )}
      </div>
    </section>
  );
}

export function ReportPreview({ report, pane, label }: { report: Report; pane: Pane; label: string }) {
  const s = useStyles();
  // The same HTML 复制到 Word puts on the clipboard (one renderer), with each figure's cell to go to on a click.
  const html = useMemo(() => renderHtmlFragment(report, { pane: true }), [report]);
  const go = (e: React.MouseEvent) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (el?.dataset.sheet && el.dataset.cell) void pane.navigate(el.dataset.sheet, el.dataset.cell);
  };
  return (
    // Focusable, so the preview scrolls from the keyboard too. Word's 16 pt is shown at pane size.
    <article className={s.preview} lang="zh-CN" tabIndex={0} aria-label={label} data-testid="report-preview" onClick={go}>
      <div style={{ zoom: 0.62 }} dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}

function ReportTab({ pane, host, locale, autoStart }: { pane: Pane; host: Host; locale: Locale; autoStart: boolean }) {
  const s = useStyles();
  // Opened from the ribbon's 生成报告: validate and draft at once instead of waiting for clicks.
  const started = useRef(false);
  const { result, report, progress, validate, generate } = pane;
  useEffect(() => {
    if (!autoStart || progress) return;
    if (!result && !started.current) {
      started.current = true;
      void validate();
    } else if (result && !report && started.current) {
      started.current = false;
      generate();
    }
  }, [autoStart, result, report, progress, validate, generate]);
  const L = (k: Parameters<typeof t>[1], v?: Record<string, string | number>) => t(locale, k, v);
  const [confirm, setConfirm] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const canDownload = host.capabilities().download;
  const write = async (replace: boolean) => {
    if (!pane.report) return;
    try {
      const out = await host.writeReport(pane.report, { replace });
      if (out.status === 'exists') setConfirm(true);
      else setStatus(L('written', { sheet: out.sheet, n: out.paragraphs }));
    } catch (e) {
      pane.setNotice({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };
  const [copyFailed, setCopyFailed] = useState(false);
  const copy = async () => {
    if (!pane.report) return;
    const outcome = await copyReportToWord(pane.report);
    setCopyFailed(outcome === 'failed');
    setStatus(outcome === 'failed' ? null : L('copiedToWord'));
  };
  const download = async () => {
    if (!pane.report) return;
    try {
      saveBlob(await reportDocxBlob(pane.report), reportFileName(pane.report));
      setStatus(L('downloaded'));
    } catch (e) {
      pane.setNotice({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <>
      <span className={s.hint}>{L('reportHint')}</span>
      <div className={s.row}>
        <Button appearance="primary" onClick={() => { setStatus(null); pane.generate(); }} disabled={!pane.result} data-testid="generate">
          {L('generate')}
        </Button>
        {pane.report && <Button onClick={() => void copy()} data-testid="copy-word">{L('copyToWord')}</Button>}
        {pane.report && <Button onClick={() => void write(false)} data-testid="write-report">{L('writeToSheet')}</Button>}
        {pane.report && canDownload && <Button onClick={() => void download()} data-testid="download">{L('downloadDocx')}</Button>}
      </div>
      {!pane.result && <span className={s.hint}>{L('needValidateFirst')}</span>}
      {pane.report && !canDownload && (
        <MessageBar intent="info"><MessageBarBody>{L('downloadUnavailable')}</MessageBarBody></MessageBar>
      )}
      {copyFailed && <MessageBar intent="warning" data-testid="copy-failed"><MessageBarBody>{L('copyFailed')}</MessageBarBody></MessageBar>}
      {status && <MessageBar intent="success" data-testid="report-status"><MessageBarBody>{status}</MessageBarBody></MessageBar>}
      {pane.report && <ReportPreview report={pane.report} pane={pane} label={L('reportPreview')} />}
      {/* Mounted only while asked: a Dialog, even closed, has tabster put focus bumpers on the page. */}
      {confirm && <Dialog open={confirm} onOpenChange={(_, d) => setConfirm(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{L('replaceTitle')}</DialogTitle>
            <DialogContent>{L('replaceBody')}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => { setConfirm(false); void write(true); }} data-testid="confirm-replace">{L('replace')}</Button>
              <Button onClick={() => setConfirm(false)}>{L('cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>}
    </>
  );
}

function AuditOption({ item, locale }: { item: AuditItem; locale: Locale }) {
  const s = useStyles();
  const f = item.finding;
  const lang = locale === 'en' ? 'en' : 'zh';
  return (
    <div className={s.item}>
      <Badge className={s.badge} color={SEVERITY_COLOR[f.severity]} appearance="filled" size="small">{SEVERITY_LABEL[f.severity][lang]}</Badge>
      <div className={s.itemText}>
        <span className={s.ruleTag}>{auditRuleLabel(f, locale)}</span>
        <span lang="zh-CN">
          「<span className={s.quoted} title={f.text} data-testid="audit-quote">{quote(f.text)}</span>」
        </span>
        <span>{locale === 'en' ? f.messageEn : f.message}</span>
        <span className={s.where}>
          {itemPlace(item, locale)} · {t(locale, 'paragraphNo', { n: f.paragraph })}
          {item.workbookCell && ` · ${t(locale, 'workbookCell')} ${item.workbookCell.sheet}!${item.workbookCell.cell}`}
        </span>
      </div>
    </div>
  );
}

/** A draft file's paragraph with the finding's words marked: the file has no cell to go to. */
function DraftParagraph({ item, text, locale }: { item: AuditItem; text: string; locale: Locale }) {
  const s = useStyles();
  const { start, end } = item.finding;
  return (
    <section className={s.draftParagraph} aria-label={t(locale, 'auditParagraph')} data-testid="audit-paragraph">
      <span className={s.where}>{itemPlace(item, locale)} · {t(locale, 'paragraphNo', { n: item.finding.paragraph })}</span>
      <p lang="zh-CN">
        {text.slice(0, start)}
        <mark>{text.slice(start, end)}</mark>
        {text.slice(end)}
      </p>
    </section>
  );
}

const auditDomId = (id: string) => `audit-${cssId(id)}`;
const auditData = (item: AuditItem) => ({ 'data-audit-id': item.id, 'data-rule': item.finding.rule });

function AuditTab({ pane, host, audit, locale }: { pane: Pane; host: Host; audit: ReturnType<typeof useAudit>; locale: Locale }) {
  const s = useStyles();
  const L = (k: Parameters<typeof t>[1], v?: Record<string, string | number>) => t(locale, k, v);
  const [severities, setSeverities] = useState<Set<Severity>>(new Set(['error', 'warning', 'info']));
  const [activeId, setActiveId] = useState<string | null>(null);
  const current = audit.audit;
  const items = useMemo(() => (current ? visibleItems(current.items, severities) : []), [current, severities]);
  const rows = useMemo<ListRow<AuditItem>[]>(() => items.map((item) => ({ key: item.id, kind: 'option', group: '', groupLabel: '', item })), [items]);
  const c = current ? auditCounts(current.items) : null;
  const busy = audit.phase !== null;
  const phaseText = audit.phase === 'reading' ? L('auditReading') : audit.phase === 'model' ? L('auditModel') : audit.phase === 'checking' ? L('auditChecking') : '';
  const navigate = pane.navigate;
  // A draft file's finding is shown in its paragraph below the list; a cell's is selected in the workbook.
  const files = host.readDraftFile !== undefined;
  const go = useCallback((item: AuditItem) => {
    setActiveId(item.id);
    if (item.target) void navigate(item.target.sheet, item.target.cell);
  }, [navigate]);
  const fileInput = useRef<HTMLInputElement>(null);
  const [pasted, setPasted] = useState('');
  const renderOption = useCallback((item: AuditItem) => <AuditOption item={item} locale={locale} />, [locale]);
  const toggle = (sev: Severity) => setSeverities(toggleSeverity(severities, sev));
  const where = current ? (current.source === 'selection' ? `${current.sheet}!${current.range}` : `“${current.sheet}”`) : '';
  const active = activeId !== null ? items.find((i) => i.id === activeId) : undefined;
  const activeText = active && current?.texts ? current.texts[active.finding.paragraph - 1] : undefined;

  return (
    <>
      <span className={s.hint}>{L(files ? 'auditHintFile' : 'auditHint')}</span>
      {files ? (
        <>
          <div className={s.row}>
            <Button appearance="primary" onClick={() => fileInput.current?.click()} disabled={busy} data-testid="audit-open-file">
              {L('auditOpenFile')}
            </Button>
            <input ref={fileInput} type="file" hidden accept=".docx,.pdf,.txt,.md,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" data-testid="audit-file-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) {
                  setActiveId(null);
                  void audit.runFile(file);
                }
              }} />
          </div>
          <Field label={L('auditPasteLabel')}>
            <Textarea value={pasted} onChange={(_, d) => setPasted(d.value)} resize="vertical" rows={3} data-testid="audit-paste" />
          </Field>
          <div className={s.row}>
            <Button onClick={() => { setActiveId(null); void audit.runText(pasted); }} disabled={busy} data-testid="audit-paste-run">
              {L('auditPasteRun')}
            </Button>
          </div>
        </>
      ) : (
        <div className={s.row}>
          <Button appearance="primary" onClick={() => { setActiveId(null); void audit.run('report-sheet'); }} disabled={busy} data-testid="audit-sheet">
            {L('auditSheet')}
          </Button>
          <Button onClick={() => { setActiveId(null); void audit.run('selection'); }} disabled={busy} data-testid="audit-selection">
            {L('auditSelection')}
          </Button>
        </div>
      )}
      {busy && <ProgressBar thickness="large" aria-label={phaseText} />}
      {busy && <span className={s.hint}>{phaseText}</span>}
      {audit.message && (
        <MessageBar intent={audit.message.intent} data-testid="audit-message">
          <MessageBarBody>{audit.message.text}</MessageBarBody>
        </MessageBar>
      )}
      {!current && !busy && !audit.message && <p className={s.hint}>{L(files ? 'auditNotRunFile' : 'auditNotRun')}</p>}
      {current && c && (
        <>
          <div className={s.counts} data-testid="audit-counts">
            {(['error', 'warning', 'info'] as Severity[]).map((sev) => (
              <ToggleButton key={sev} size="small" checked={severities.has(sev)} onClick={() => toggle(sev)} data-testid={`audit-count-${sev}`}
                icon={<Badge color={SEVERITY_COLOR[sev]} size="small" />}>
                {L(sev === 'error' ? 'errors' : sev === 'warning' ? 'warnings' : 'infos')} {c[sev]}
              </ToggleButton>
            ))}
          </div>
          <span className={s.hint} data-testid="audit-summary">
            {L('auditSummary', { where, paragraphs: current.paragraphs, figures: current.result.summary.figures, checks: current.result.summary.checks, compared: current.result.summary.comparedWithWorkbook })}
          </span>
          {current.notes?.map((n) => <span key={n} className={s.hint} data-testid="audit-note">{n}</span>)}
          {current.items.length === 0 ? (
            <MessageBar intent="success"><MessageBarBody>{L('auditClean')}</MessageBarBody></MessageBar>
          ) : (
            <>
              <span className={s.hint}>{L(current.source === 'file' ? 'auditHintKeysFile' : 'auditHintKeys')}</span>
              {active?.workbookCell && (
                <div className={s.row}>
                  <Button size="small" onClick={() => void pane.navigate(active.workbookCell!.sheet, active.workbookCell!.cell)} data-testid="audit-workbook-cell">
                    {L('workbookCell')} {active.workbookCell.sheet}!{active.workbookCell.cell}
                  </Button>
                </div>
              )}
              <VirtualListbox<AuditItem>
                rows={rows}
                activeKey={activeId}
                onActiveChange={setActiveId}
                onActivate={go}
                renderOption={renderOption}
                optionId={auditDomId}
                optionData={auditData}
                label={L('tabAudit')}
                testId="audit-findings"
                optionTestId="audit-finding"
                estimate={AUDIT_ESTIMATE}
              />
              {active && activeText !== undefined && <DraftParagraph item={active} text={activeText} locale={locale} />}
            </>
          )}
        </>
      )}
    </>
  );
}

function SettingsTab({ pane, host, locale }: { pane: Pane; host: Host; locale: Locale }) {
  const L = (k: Parameters<typeof t>[1], v?: Record<string, string | number>) => t(locale, k, v);
  const [tolerance, setTolerance] = useState(pane.settings.tolerance ?? '');
  const [idle, setIdle] = useState(String(Math.round((pane.settings.idleThreshold ?? 0.9) * 100)));
  const [auto, setAuto] = useState(pane.settings.autoRevalidate !== false);
  const tolOk = tolerance.trim() === '' || /^\d+(\.\d+)?$/.test(tolerance.trim());
  const idleN = Number(idle);
  const idleOk = Number.isFinite(idleN) && idleN >= 1 && idleN <= 100;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!tolOk || !idleOk) return;
        const next = { ...pane.settings, autoRevalidate: auto, idleThreshold: idleN / 100 };
        if (tolerance.trim()) next.tolerance = tolerance.trim();
        else delete next.tolerance;
        // New tolerances change the findings: check again at once when there is a result.
        void pane.saveSettings(next).then((ok) => {
          if (ok && pane.result) void pane.validate(false, next);
        });
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
    >
      <Field label={L('settingsTolerance')} validationMessage={tolOk ? undefined : L('invalidTolerance')}>
        <Input value={tolerance} onChange={(_, d) => setTolerance(d.value)} placeholder="0.01" inputMode="decimal" data-testid="tolerance" />
      </Field>
      <Field label={L('settingsIdle')} validationMessage={idleOk ? undefined : L('invalidIdle')}>
        <Input value={idle} onChange={(_, d) => setIdle(d.value)} contentAfter="%" inputMode="decimal" />
      </Field>
      <Switch checked={auto} onChange={(_, d) => setAuto(d.checked)} label={L('settingsAuto')} disabled={!host.capabilities().changeEvents} />
      <div>
        <Button type="submit" appearance="primary" disabled={!tolOk || !idleOk} data-testid="save-settings">{L('save')}</Button>
      </div>
    </form>
  );
}
