/**
 * `npm run samples`: writes the bundled sample workbooks from src/samples/seed-workbook.ts,
 * the seed report's figures with its slips, and the corrected twin.
 */
import { promises as fs } from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import { seedWorkbook } from '../samples/seed-workbook';
import { tempPathFor } from './output-file';
import { snapshotToWorkbook } from './xlsx-writer';

/** Zip entries carry the time they were written; pin it so regenerating gives identical bytes. */
const FIXED_DATE = new Date(Date.UTC(2024, 0, 15));

async function deterministicXlsx(corrected: boolean): Promise<Buffer> {
  const raw = await snapshotToWorkbook(seedWorkbook({ corrected })).xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(raw as ArrayBuffer);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    out.file(name, await entry.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

export const SAMPLE_FILES = {
  seed: '2023-石峰区委组织部-预算对账.xlsx',
  corrected: '2023-石峰区委组织部-预算对账-已更正.xlsx',
} as const;

/** The repository's samples/ folder, from either src/node (ts-jest) or build/node (compiled). */
export function samplesDir(): string {
  return path.resolve(__dirname, '..', '..', 'samples');
}

export async function makeSamples(dir = samplesDir()): Promise<string[]> {
  const written: string[] = [];
  for (const [key, name] of Object.entries(SAMPLE_FILES)) {
    const target = path.join(dir, name);
    const tmp = tempPathFor(target);
    await fs.writeFile(tmp, await deterministicXlsx(key === 'corrected'));
    await fs.rename(tmp, target);
    written.push(target);
  }
  return written;
}

if (require.main === module) {
  makeSamples().then(
    (files) => files.forEach((f) => process.stdout.write(`已生成 written: ${f}\n`)),
    (e) => {
      process.stderr.write(`错误：无法生成样例工作簿（Error: could not write the samples）：${e instanceof Error ? e.message : e}\n`);
      process.exitCode = 2;
    },
  );
}
