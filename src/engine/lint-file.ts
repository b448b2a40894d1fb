/** Reads, decodes and lints one file: shared by the CLI and the Action. */
import { readReport } from './decode.ts';
import { placeFindings } from './document.ts';
import { lintText, type LintTextOptions } from './lint.ts';
import { fatalResult } from './results.ts';
import type { LintResult, Locale } from '../types.ts';

export async function lintFile(
  file: string,
  options: LintTextOptions & { locale: Locale },
  lint: (source: string, options: LintTextOptions) => LintResult = lintText,
): Promise<LintResult> {
  const read = await readReport(file);
  // A file that cannot be read or decoded is that file's fatal error, not the run's.
  if ('error' in read) return fatalResult(file, read.error, options.locale);
  let result: LintResult;
  try {
    result = lint(read.text, { ...options, filePath: file });
  } catch (err) {
    // Name the file: it is what a bug report needs.
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`${file}: ${detail}`, { cause: err });
  }
  if (read.input) result = placeFindings(result, read.input, options.locale);
  return read.encoding === 'utf-8' ? result : { ...result, encoding: read.encoding };
}
