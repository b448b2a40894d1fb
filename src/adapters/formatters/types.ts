import type { Rule } from '../../rule.ts';
import type { LintResult, Locale } from '../../types.ts';

export interface FormatterContext {
  locale: Locale;
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** The rules that were available (for SARIF's rule table). */
  rules: readonly Rule[];
  /** ANSI colours (stylish only). The CLI decides from TTY and NO_COLOR; formatters stay pure. */
  color?: boolean;
  /** Name every file skipped as not a report (stylish; `--verbose`). */
  verbose?: boolean;
}

export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string;

/**
 * A formatter that writes its output file by file: the CLI streams a long run's results through
 * it instead of holding them all (stylish, json, github). Output is the same as its whole form's.
 */
export interface FormatterStream {
  /** The text for the next file's result (may be empty). */
  file(result: LintResult): string;
  /** The text after the last file. */
  end(): string;
}

export type StreamingFormatter = (context: FormatterContext) => FormatterStream;

/** A piece of output: text, or bytes for a binary format (xlsx). */
export type OutputChunk = string | Uint8Array;

/**
 * A formatter whose output may be bytes and may take time (xlsx: the workbook is zipped as it is
 * written). The CLI writes what each call returns as it comes.
 */
export interface OutputStream {
  file(result: LintResult): OutputChunk | Promise<OutputChunk>;
  end(): OutputChunk | Promise<OutputChunk>;
}

export type OutputFormatter = (context: FormatterContext) => OutputStream;

/** The whole-output form of a streaming formatter. */
export function whole(stream: StreamingFormatter): Formatter {
  return (results, context) => {
    const s = stream(context);
    const parts = results.map((r) => s.file(r));
    parts.push(s.end());
    return parts.join('');
  };
}

/** A stream's whole output for `results`: text, or bytes when any part is bytes (xlsx). */
export async function drain(stream: OutputStream, results: readonly LintResult[]): Promise<OutputChunk> {
  const parts: OutputChunk[] = [];
  for (const r of results) parts.push(await stream.file(r));
  parts.push(await stream.end());
  if (parts.every((p) => typeof p === 'string')) return parts.join('');
  const bytes = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p));
  const out = new Uint8Array(bytes.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of bytes) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
