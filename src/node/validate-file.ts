/** Reads an .xlsx and runs the core on it: the shared first step of validate, highlight and demo. */
import { Settings } from '../core/findings';
import { WorkbookSnapshot } from '../core/snapshot';
import { validateWorkbook, ValidationResult } from '../core/validate';
import { UserError } from './errors';
import { readXlsx, readXlsxPackage } from './xlsx-reader';

export interface FileValidation {
  file: string;
  snapshot: WorkbookSnapshot;
  /** The package's bytes: copies are written by editing them (src/ooxml). */
  data: Buffer;
  result: ValidationResult;
}

/** Throws a UserError (exit 2) when the file is unusable, including when the core finds no table. */
export async function validateFile(filePath: string, settings: Settings = {}, displayName = filePath): Promise<FileValidation> {
  const file = displayName;
  const { snapshot, data } = await readXlsxPackage(filePath, { displayName });
  const result = checkUsable(validateWorkbook(snapshot, settings), file);
  return { file: filePath, snapshot, data, result };
}

/** Validation only, no copy to write: the same reading and result, without keeping the bytes. */
export async function validateFileReadOnly(
  filePath: string,
  settings: Settings = {},
  displayName = filePath,
): Promise<Omit<FileValidation, 'data'>> {
  const snapshot = await readXlsx(filePath, { displayName });
  return { file: filePath, snapshot, result: checkUsable(validateWorkbook(snapshot, settings), displayName) };
}

function checkUsable(result: ValidationResult, file: string): ValidationResult {
  if (result.unusable) {
    throw new UserError(`unusable-${result.unusable.code}`, `${file}：${result.unusable.message}`, `${file}: ${result.unusable.messageEn}`);
  }
  return result;
}

/** Exit code by the CLI's contract: 1 when any error-level finding remains, else 0. */
export function exitCodeFor(result: ValidationResult, settings: Settings = {}): number {
  return result.findings.some((f) => f.severity === 'error' && !settings.ignored?.[f.id]) ? 1 : 0;
}
