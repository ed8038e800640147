/**
 * Errors the user can act on: bad input, a missing file, an unusable workbook.
 * The CLI prints them as one line on stderr and exits with `exitCode` (2 by default);
 * anything else is a bug and is reported without a stack trace as well.
 */
export class UserError extends Error {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly exitCode: number;

  constructor(code: string, zh: string, en: string, exitCode = 2) {
    super(`${zh} (${en})`);
    this.name = 'UserError';
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.exitCode = exitCode;
  }

  /** The single line shown to the user. */
  line(): string {
    return formatErrorLine(this.zh, this.en);
  }
}

export function formatErrorLine(zh: string, en: string): string {
  return `错误：${oneLine(zh)}（Error: ${oneLine(en)}）`;
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** The first line of an error's message, cut short: enough to say why, in a one-line message. */
export function errorReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0].slice(0, 160);
}
