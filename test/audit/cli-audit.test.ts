import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { main } from '../../src/node/cli/main';
import { memoryIO } from '../../src/node/cli/io';
import { snapshotToWorkbook } from '../../src/node/xlsx-writer';
import { seedWorkbook } from '../../src/samples/seed-workbook';

const FIX = path.join(__dirname, 'fixtures');

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'audit-cli-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const io = memoryIO(FIX);
  const code = await main(['audit', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('budget-recon audit', () => {
  it('lists the seed report\'s slips in text, exit 1', async () => {
    const r = await run(['seed-report.txt']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('前后数字不一致：基本支出434.35万元，第16段为基本支出416.47万元');
    expect(r.out).toContain('单位错误：「项目支出131.31元」应为131.31万元');
    expect(r.out).toContain('第19段（第34行）');
    expect(r.out).toMatch(/合计 Total: 错误 errors 6 · 警告 warnings 0/);
  });

  it('prints json with paragraph, offsets into the file and line', async () => {
    const r = await run(['seed-report.txt', '--format', 'json']);
    const j = JSON.parse(r.out);
    const text = await fs.readFile(path.join(FIX, 'seed-report.txt'), 'utf8');
    expect(j.summary.errors).toBe(6);
    for (const f of j.findings) expect(text.slice(f.docStart, f.docEnd)).toBe(f.text);
    const q = j.findings.find((f: { rule: string }) => f.rule === 'quoted-differently');
    expect(q).toMatchObject({ line: 34, paragraph: 19, text: '基本支出434.35万元' });
  });

  it('names the workbook cell with --workbook', async () => {
    const xlsx = path.join(dir, 'corrected.xlsx');
    await snapshotToWorkbook(seedWorkbook({ corrected: true })).xlsx.writeFile(xlsx);
    const r = await run(['seed-report.txt', '--workbook', xlsx]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('正文基本支出434.35万元，表中为416.47万元（收支情况!B9）');
    expect(r.out).toMatch(/与工作簿比对 \d+ 个数字/);
  });

  it('exits 0 on a clean draft and 2 on unusable input, with one line and no stack trace', async () => {
    const clean = path.join(dir, 'clean.md');
    await fs.writeFile(clean, '## 二、预算收支情况\n\n2023年支出30.00万元，其中基本支出10.00万元，项目支出20.00万元。\n');
    expect((await run([clean])).code).toBe(0);
    const missing = await run([path.join(dir, 'nope.docx')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^错误：找不到文件/);
    expect(missing.err).not.toMatch(/\n\s+at /);
    const badFormat = await run(['seed-report.txt', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    const notXlsx = await run(['seed-report.txt', '--workbook', 'seed-report.txt']);
    expect(notXlsx.code).toBe(2);
    expect(notXlsx.err).toContain('.xlsx');
  });
});
