/** Reads, decodes and lints one file (and fixes it on request): shared by the CLI and the Action. */
import { readReport, type Encoding } from './decode.ts';
import { canWrite, encodeText } from './encode.ts';
import { fixesOf, fixUntilStable } from './fix.ts';
import { lintText, type LintTextOptions } from './lint.ts';
import { fatalResult } from './results.ts';
import type { LintResult, Locale } from '../types.ts';

type Lint = (source: string, options: LintTextOptions) => LintResult;

/** `write`: fix to write the file back (--fix); `dry-run`: fix only to show the output (--fix-dry-run). */
export type FixMode = 'write' | 'dry-run';

export interface LintedSource {
  result: LintResult;
  /** The fixed text, encoded as the input was: what --fix writes back (only when the text changed). */
  bytes?: Uint8Array;
  /** Fixes were available but --fix cannot write this encoding back (GB18030): nothing was fixed. */
  unwritable?: Encoding;
}

/** Lints (and with `fix`, fixes until stable) text that has been decoded from `encoding`. */
export function lintDecoded(
  read: { text: string; encoding: Encoding; bom?: true },
  filePath: string,
  options: LintTextOptions & { locale: Locale },
  lint: Lint = lintText,
  fix?: FixMode,
): LintedSource {
  const once = (text: string): LintResult => {
    try {
      return lint(text, { ...options, filePath });
    } catch (err) {
      // Name the file: it is what a bug report needs.
      const detail = err instanceof Error ? err.message : String(err);
      throw new Error(`${filePath}: ${detail}`, { cause: err });
    }
  };
  const tag = (result: LintResult): LintResult => (read.encoding === 'utf-8' ? result : { ...result, encoding: read.encoding });
  if (fix === undefined) return { result: tag(once(read.text)) };
  if (fix === 'write' && !canWrite(read.encoding)) {
    const result = tag(once(read.text));
    return fixesOf(result.messages).length > 0 ? { result, unwritable: read.encoding } : { result };
  }
  const run = fixUntilStable(read.text, once);
  if (!run.fixed) return { result: tag(run.result) };
  const result = tag({ ...run.result, output: run.output });
  const bytes = encodeText(run.output, read.encoding, read.bom === true);
  return bytes ? { result, bytes } : { result };
}

export async function lintFile(file: string, options: LintTextOptions & { locale: Locale }, lint: Lint = lintText): Promise<LintResult> {
  return (await lintFileFixing(file, options, lint)).result;
}

/** Reads, decodes and lints a file; with `fix`, fixes it (writing is the caller's). */
export async function lintFileFixing(
  file: string,
  options: LintTextOptions & { locale: Locale },
  lint: Lint = lintText,
  fix?: FixMode,
): Promise<LintedSource> {
  const read = await readReport(file);
  // A file that cannot be read or decoded is that file's fatal error, not the run's.
  if ('error' in read) return { result: fatalResult(file, read.error, options.locale) };
  return lintDecoded(read, file, options, lint, fix);
}
