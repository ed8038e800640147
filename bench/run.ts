/**
 * `npm run bench [-- --json] [-- --projects N] [-- --no-pane]`: speed and memory of the engine
 * and the CLI, against the bare ExcelJS load and against HyperFormula evaluating the check
 * formulas a user would write; and the task pane with 20,000 findings in chromium (bench/pane.ts;
 * skipped with a message where /usr/bin/chromium is missing). Prints figures; it asserts nothing
 * (targets are compared in the text output).
 */
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import { validateWorkbook } from '../src/core/validate';
import { snapshotToWorkbook, writeWorkbookAtomic } from '../src/node/xlsx-writer';
import { benchWorkbook, BenchWorkbook } from './workbook';
import { extraFigures } from './extras';
import { makeLongDraft } from '../src/core/audit/bench-draft';
import { paneFigures } from './pane';
import { webFigures } from './web';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'bench', 'output');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time, and median CPU time (user + system: steadier on a machine others load). */
function timeSync(runs: number, fn: () => void): { ms: number; cpuMs: number } {
  fn(); // warm-up: JIT and caches, as in a pane that validates more than once
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpu) };
}

async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Wall time of a child process, and its peak RSS (reported by the child on exit). */
function timeProcess(runs: number, args: string[]): { ms: number; rssMb: number } {
  const times: number[] = [];
  let rss = 0;
  const wrapper = `process.on('exit',()=>{require('fs').writeSync(2,'\\nBENCH_RSS '+process.resourceUsage().maxRSS+'\\n')});process.argv=[process.argv[0],...${JSON.stringify(args)}];require(${JSON.stringify(args[0])});`;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['-e', wrapper], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(performance.now() - t);
    const m = /BENCH_RSS (\d+)/.exec(r.stderr ?? '');
    if (m) rss = Math.max(rss, Number(m[1]) / 1024);
    if (r.status !== 0 && r.status !== 1) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  }
  return { ms: median(times), rssMb: Math.round(rss) };
}

/** The checks a careful user would type: one balance formula per project row, a SUM per total. */
function hyperformulaTime(wb: BenchWorkbook): number {
  const values = wb.snapshot.sheets[0].values;
  const formulas = wb.snapshot.sheets[0].formulas!;
  const data: (string | number | boolean | null)[][] = values.map((row, r) =>
    row.map((v, c) => formulas[r]?.[c] ?? (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null)),
  );
  for (const x of wb.projectRows) {
    const row = data[x - 1];
    while (row.length < 9) row.push(null);
    row.push(`=F${x}-(C${x}+D${x}+E${x})`, `=H${x}-(F${x}-G${x})`);
  }
  for (const p of wb.parents) data[p.row - 1][11] = `=G${p.row}-SUM(G${p.subs[0]}:G${p.subs[1]})`;
  const t = performance.now();
  // HyperFormula refuses sheets over 40,000 rows unless told; the 20,000-project sheet has 40,005.
  const hf = HyperFormula.buildFromSheets({ checks: data }, { licenseKey: 'gpl-v3', maxRows: Math.max(40000, data.length + 1) });
  // Read every check back, as a checker must.
  let nonZero = 0;
  const sheet = hf.getSheetId('checks')!;
  for (const x of wb.projectRows) {
    const v = hf.getCellValue({ sheet, row: x - 1, col: 10 });
    if (typeof v === 'number' && Math.abs(v) > 0.005) nonZero++;
  }
  const ms = performance.now() - t;
  hf.destroy();
  if (nonZero === 0) throw new Error('HyperFormula found none of the planted slips: the check formulas are wrong');
  return ms;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const pi = argv.indexOf('--projects');
  const projects = pi >= 0 ? Number(argv[pi + 1]) : 20000;
  const log = (s: string) => {
    if (!json) process.stderr.write(s + '\n');
  };

  const wb = benchWorkbook(projects);
  const wb2 = benchWorkbook(projects * 2);
  log(`workbook: ${projects} projects, ${wb.rows} rows, ${wb.cells} cells`);

  let findings = 0;
  const core = timeSync(5, () => {
    findings = validateWorkbook(wb.snapshot).findings.length;
  });
  const doubled = timeSync(3, () => validateWorkbook(wb2.snapshot));
  const coreMs = core.ms;
  const coreMsDoubled = doubled.ms;
  log(`core: ${coreMs.toFixed(0)} ms, CPU ${core.cpuMs.toFixed(0)} ms (${findings} findings); doubled: ${coreMsDoubled.toFixed(0)} ms, CPU ${doubled.cpuMs.toFixed(0)} ms`);

  await fs.mkdir(OUT, { recursive: true });
  const file = path.join(OUT, `bench-${projects}.xlsx`);
  await writeWorkbookAtomic(snapshotToWorkbook(wb.snapshot), file);
  const exceljsLoadMs = await timeAsync(3, () => new ExcelJS.Workbook().xlsx.readFile(file));
  log(`ExcelJS load (in process): ${exceljsLoadMs.toFixed(0)} ms`);
  const bare = timeProcess(3, [path.join(ROOT, 'bench', 'exceljs-load.js'), file]);
  log(`ExcelJS load (fresh node process): ${bare.ms.toFixed(0)} ms, peak ${bare.rssMb} MB`);
  const cli = timeProcess(3, [path.join(ROOT, 'bin', 'budget-recon.js'), 'validate', file, '--format', 'json']);
  log(`CLI validate end to end: ${cli.ms.toFixed(0)} ms, peak ${cli.rssMb} MB`);
  // The highlighted copy, written by editing the package (every finding marked, with its note).
  const marked = path.join(OUT, `bench-${projects}-marked.xlsx`);
  const highlight = timeProcess(3, [path.join(ROOT, 'bin', 'budget-recon.js'), 'highlight', file, '-o', marked]);
  log(`CLI highlight end to end: ${highlight.ms.toFixed(0)} ms, peak ${highlight.rssMb} MB`);
  const hyperformulaMs = hyperformulaTime(wb);
  log(`HyperFormula build + evaluate checks: ${hyperformulaMs.toFixed(0)} ms`);
  const extras = await extraFigures(log, projects);
  // The audit end to end, as a user runs it: a 100-page .txt draft and a 33-page PDF of real passages.
  const draftFile = path.join(OUT, 'draft-100-pages.txt');
  await fs.writeFile(draftFile, makeLongDraft(100).join('\n'), 'utf8');
  const auditTxt = timeProcess(3, [path.join(ROOT, 'bin', 'budget-recon.js'), 'audit', draftFile, '--format', 'json']);
  log(`CLI audit of a 100-page .txt draft: ${auditTxt.ms.toFixed(0)} ms, peak ${auditTxt.rssMb} MB`);
  const pdf = path.join(ROOT, 'test', 'audit', 'fixtures', 'pdf', 'bench-pages.pdf');
  const auditPdf = timeProcess(3, [path.join(ROOT, 'bin', 'budget-recon.js'), 'audit', pdf, '--format', 'json']);
  log(`CLI audit of a 33-page PDF: ${auditPdf.ms.toFixed(0)} ms, peak ${auditPdf.rssMb} MB`);
  // The task pane, in chromium, with 20,000 findings (whatever --projects says: the figures are named for it).
  const pane = argv.includes('--no-pane') ? null : await paneFigures(log);
  // The offline page, from file://, on the same workbook file the CLI validated.
  const web = argv.includes('--no-pane') ? null : await webFigures(log, file);

  const result = {
    rows: wb.rows,
    cells: wb.cells,
    projects,
    findings,
    coreMs: Math.round(coreMs),
    coreMsDoubled: Math.round(coreMsDoubled),
    coreScaling: Number((coreMsDoubled / coreMs).toFixed(2)),
    coreCpuMs: Math.round(core.cpuMs),
    coreCpuMsDoubled: Math.round(doubled.cpuMs),
    coreCpuScaling: Number((doubled.cpuMs / core.cpuMs).toFixed(2)),
    cliMs: Math.round(cli.ms),
    cliHighlightMs: Math.round(highlight.ms),
    cliHighlightPeakMb: highlight.rssMb,
    exceljsLoadMs: Math.round(exceljsLoadMs),
    exceljsProcessMs: Math.round(bare.ms),
    cliVsExceljsProcess: Number((cli.ms / bare.ms).toFixed(2)),
    hyperformulaMs: Math.round(hyperformulaMs),
    hyperformulaVsCore: Number((hyperformulaMs / coreMs).toFixed(1)),
    peakRssMb: cli.rssMb,
    benchPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...extras,
    cliAuditMs100Pages: Math.round(auditTxt.ms),
    cliAuditPeakMb100Pages: auditTxt.rssMb,
    cliAuditMsPdf33Pages: Math.round(auditPdf.ms),
    cliAuditPeakMbPdf33Pages: auditPdf.rssMb,
    ...pane,
    ...(web ? { ...web, webVsCli: Number((web.webOpenValidateMs20k / cli.ms).toFixed(2)) } : {}),
  };
  if (json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const verdict = (ok: boolean) => (ok ? '达标 met' : '未达标 NOT met');
  process.stdout.write(
    [
      JSON.stringify(result, null, 2),
      '',
      `core ≤ 250 ms: ${result.coreMs} ms (CPU ${result.coreCpuMs} ms) — ${verdict(result.coreMs <= 250)}`,
      `core linear (doubled ≤ 2.2×): ${result.coreScaling}× (CPU ${result.coreCpuScaling}×) — ${verdict(result.coreScaling <= 2.2)}`,
      `CLI ≤ 1.3× bare ExcelJS load (fresh process): ${result.cliVsExceljsProcess}× — ${verdict(result.cliVsExceljsProcess <= 1.3)}`,
      `≥ 10× faster than HyperFormula: ${result.hyperformulaVsCore}× — ${verdict(result.hyperformulaVsCore >= 10)}`,
      ...(pane
        ? [
            `pane, 20,000 findings, list shown ≤ 1 s: ${pane.paneShowMs20k} ms — ${verdict(pane.paneShowMs20k <= 1000)}`,
            `pane ↓ ≤ 50 ms: ${pane.paneKeyMs20k} ms — ${verdict(pane.paneKeyMs20k <= 50)}`,
            `pane scroll frame ≤ 16 ms on average: ${pane.paneFrameMs20k} ms — ${verdict(pane.paneFrameMs20k <= 16)}`,
            `pane severity filter toggle: ${pane.paneFilterMs20k} ms`,
          ]
        : []),
      ...(web
        ? [
            `offline page, open + validate ≤ 3× CLI validate: ${web.webOpenValidateMs20k} ms (${(web.webOpenValidateMs20k / cli.ms).toFixed(2)}×), peak JS heap: page ${web.webPeakHeapMb20k} MB, worker ${web.webWorkerPeakHeapMb20k} MB — ${verdict(web.webOpenValidateMs20k <= 3 * cli.ms)}`,
            `offline page, longest main-thread task meanwhile (checking runs in the worker): ${web.webLongestTaskMs20k} ms`,
          ]
        : []),
      '',
    ].join('\n'),
  );
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
