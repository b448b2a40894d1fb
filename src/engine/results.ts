/** Helpers on LintResult shared by the CLI and the formatters. */
import type { FileError } from './file-error.ts';
import { t } from './messages.ts';
import type { LintResult, Locale } from '../types.ts';

/** The result for a file that could not be read or decoded: one fatal error, no rule findings. */
export function fatalResult(filePath: string, error: FileError, locale: Locale): LintResult {
  return {
    filePath,
    messages: [],
    errorCount: 1,
    warningCount: 0,
    fatal: { messageId: error.messageId, message: t(error.messageId, locale, error.data) },
  };
}

export interface ProblemCounts {
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
}

/**
 * Counts from the messages themselves, so that a fatal problem counts as one error whether or not
 * whoever built the result included it in errorCount.
 */
export function countProblems(result: LintResult): ProblemCounts {
  const fatalErrorCount = result.fatal ? 1 : 0;
  let errorCount = fatalErrorCount;
  let warningCount = 0;
  for (const message of result.messages) {
    if (message.severity === 2) errorCount++;
    else warningCount++;
  }
  return { errorCount, warningCount, fatalErrorCount };
}

/** Adds a result's problems to running totals (a run that streams its results counts as it goes). */
export function addProblems(total: ProblemCounts, result: LintResult): ProblemCounts {
  const counts = countProblems(result);
  total.errorCount += counts.errorCount;
  total.warningCount += counts.warningCount;
  total.fatalErrorCount += counts.fatalErrorCount;
  return total;
}

export function totalCounts(results: readonly LintResult[]): ProblemCounts {
  const total: ProblemCounts = { errorCount: 0, warningCount: 0, fatalErrorCount: 0 };
  for (const result of results) addProblems(total, result);
  return total;
}

/** `--quiet`: only errors are shown (as ESLint does, counting for --max-warnings happens before). */
export function errorsOnly(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0 };
}
