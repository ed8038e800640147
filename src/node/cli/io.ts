/** Where a command writes. The real CLI binds these to process streams; tests capture them. */
export interface CliIO {
  /** Writes one line (a newline is appended) to standard output. */
  out(text: string): void;
  /** Writes one line (a newline is appended) to standard error. */
  err(text: string): void;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

export function processIO(): CliIO {
  return {
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
    cwd: process.cwd(),
  };
}

/** An in-memory CliIO for tests and for commands that call other commands. */
export function memoryIO(cwd = process.cwd()): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, cwd, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

/** Signature every command module exports. */
export type CommandRun = (argv: string[], io: CliIO) => Promise<number>;
