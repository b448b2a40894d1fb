/** ESLint 10's command-line conventions that need more than an option (issue 21 item 5). */
import type { LintResult, Locale } from '../../types.ts';
import { tc as t } from './messages.ts';
import { UsageError, type CliOptions, type CustomFormat } from './options.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule } from '../../rule.ts';
import type { LoadConfigOptions } from '../../engine/config.ts';
import { fileWarning } from '../../engine/messages.ts';

/** ESLint's result for a named file that is ignored: one warning, no rule. */
export function ignoredResult(filePath: string, locale: Locale): LintResult {
  const message = t('fileIgnored', locale);
  return {
    filePath,
    messages: [fileWarning('fileIgnored', message)],
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

/**
 * Imports `-f ./formatter.js` as ESLint does: the path resolved against the working folder, the
 * module's default export the function. Any failure is one clear line (exit 2), before linting.
 */
export async function loadCustomFormatter(file: string, cwd: string, allowCode: boolean): Promise<CustomFormat> {
  if (!allowCode) throw new UsageError('formatterCodeRefused', { file }, false);
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(path.resolve(cwd, file)).href)) as Record<string, unknown>;
  } catch (err) {
    throw new UsageError('formatterLoadFailed', { file, detail: err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err) }, false);
  }
  const format = namespace.default;
  if (typeof format !== 'function') throw new UsageError('formatterNoFunction', { file }, false);
  return format as CustomFormat;
}

/** The custom formatter's output: ESLint's results and context (`cwd`, `rulesMeta`). */
export async function customReport(
  file: string,
  format: CustomFormat,
  results: readonly LintResult[],
  context: { cwd: string; rules: readonly Rule[]; locale: Locale },
): Promise<string> {
  const rulesMeta = Object.fromEntries(context.rules.map((r) => [r.meta.id, { type: 'problem', docs: { description: r.meta.description[context.locale] } }]));
  // Loaded here: the CLI's main module holds no formatter's code (formatters/load.ts).
  const { toEslintResult } = await import('../formatters/json.ts');
  try {
    return String(await format(results.map(toEslintResult), { cwd: context.cwd, rulesMeta }));
  } catch (err) {
    throw new UsageError('formatterFailed', { file, detail: err instanceof Error ? err.message : String(err) }, false);
  }
}
