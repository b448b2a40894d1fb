/**
 * A progress bar on stderr for long runs: `[████░░░░] 1234/5000 files`. Shown only on a terminal
 * (stderr a TTY), never when CI is set, never for fewer than MIN_FILES files, and never when JSON
 * or SARIF goes to stdout (a tool is reading it; stderr may well be the same pipe). Redrawn at
 * most every 100 ms and erased at the end, so nothing of it stays in the output.
 */
import type { FormatName } from '../formatters/names.ts';

export const PROGRESS_MIN_FILES = 100;
const WIDTH = 30;
const INTERVAL_MS = 100;

interface ProgressIo {
  stdout: { isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export class Progress {
  private done_ = 0;
  private last = 0;

  private constructor(
    private readonly total: number,
    private readonly stderr: { write(text: string): unknown },
  ) {}

  /** A progress bar when the run should have one, else undefined. */
  static when(
    total: number,
    format: FormatName,
    outputFile: string | undefined,
    io: ProgressIo,
    env: Readonly<Record<string, string | undefined>>,
  ): Progress | undefined {
    if (total < PROGRESS_MIN_FILES || io.stderr.isTTY !== true) return undefined;
    if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0') return undefined;
    if (outputFile === undefined && (format === 'json' || format === 'sarif')) return undefined;
    return new Progress(total, io.stderr);
  }

  advance(count: number): void {
    this.done_ += count;
    const now = Date.now();
    if (now - this.last < INTERVAL_MS && this.done_ < this.total) return;
    this.last = now;
    const filled = Math.round((WIDTH * this.done_) / this.total);
    this.stderr.write(`\r[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${this.done_}/${this.total}`);
  }

  /** Erases the bar. */
  done(): void {
    this.stderr.write('\r\x1b[2K');
  }
}
