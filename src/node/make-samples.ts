/**
 * `npm run samples`: writes the bundled sample workbooks from src/samples/seed-workbook.ts,
 * the seed report's figures with its slips, and the corrected twin.
 */
import * as path from 'path';
import { seedWorkbook } from '../samples/seed-workbook';
import { snapshotToWorkbook, writeWorkbookAtomic } from './xlsx-writer';

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
    await writeWorkbookAtomic(snapshotToWorkbook(seedWorkbook({ corrected: key === 'corrected' })), target);
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
