/** ESLint 10's command-line conventions that need more than an option (issue 21 item 5). */
import type { LintResult, Locale } from '../../types.ts';
import { tc as t } from './messages.ts';
import type { CliOptions } from './options.ts';
import type { LoadConfigOptions } from '../../engine/config.ts';

/** ESLint's result for a named file that is ignored: one warning, no rule. */
export function ignoredResult(filePath: string, locale: Locale): LintResult {
  const message = t('fileIgnored', locale);
  return {
    filePath,
    messages: [{ ruleId: '', messageId: 'fileIgnored', severity: 1, message, data: {}, line: 1, column: 1, endLine: 1, endColumn: 1 }],
    errorCount: 0,
    warningCount: 1,
  };
}

/** `first`, then what `rest` yields. */
export async function* withFirst<T>(first: readonly T[], rest: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  yield* first;
  yield* rest;
}

/** --rule and --no-config-lookup, for loadConfig. */
export function configLookup(options: CliOptions): Pick<LoadConfigOptions, 'ruleOverrides' | 'noConfigLookup'> {
  return { ...(options.rules ? { ruleOverrides: options.rules } : {}), noConfigLookup: options.noConfigLookup };
}
