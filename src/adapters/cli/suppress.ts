/** The CLI's side of bulk suppressions (issue 21 item 3): the engine's functions over the streamed results. */
import path from 'node:path';
import type { Suppressions, UnusedSuppression } from '../../engine/suppressions.ts';
import type { LintResult } from '../../types.ts';
import { tc as t } from './messages.ts';
import { UsageError, type CliOptions } from './options.ts';

export interface SuppressionsRun {
  /** The results with the suppressions applied (and recorded or pruned); the file is written at the end. */
  wrap(results: AsyncIterable<LintResult>): AsyncGenerator<LintResult, void, undefined>;
  /** 1 when the file could not be written. */
  failures(): number;
  /** The run's exit code given the code without suppressions: 2 for records that no longer occur. */
  exitCode(code: number): number;
}

interface Io {
  stderr: { write(text: string): unknown };
  cwd: string;
}

const relativeName = (file: string, cwd: string): string => {
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
};

/**
 * The suppressions file (--suppressions-location, default xxgk-lint-suppressions.json in the working
 * folder) applied to each result as it comes; with --suppress-all / --suppress-rule each result's
 * errors are recorded first, with --prune-suppressions the records are lowered to what occurs. The
 * file is written once the last result is out. Records used less than counted end the run with
 * exit code 2 unless they are pruned or --pass-on-unpruned-suppressions.
 */
export async function suppressionsRun(options: CliOptions, io: Io): Promise<SuppressionsRun> {
  const sup = await import('../../engine/suppressions.ts');
  const { locale } = options;
  const file = path.resolve(io.cwd, options.suppressionsLocation ?? sup.DEFAULT_SUPPRESSIONS_FILE);
  const baseDir = path.dirname(file);
  let data: Suppressions;
  try {
    data = await sup.readSuppressions(file);
  } catch (err) {
    const detail =
      err instanceof sup.SuppressionsFileError
        ? err.message
        : typeof err === 'object' && err !== null && 'code' in err
          ? `${file}: ${String(err.code)}`
          : String(err);
    throw new UsageError('suppressionsBad', { detail }, false);
  }
  const rules = options.suppress === undefined || options.suppress === 'all' ? 'all' : new Set(options.suppress);
  const unused: UnusedSuppression[] = [];
  let failures = 0;
  async function* wrap(results: AsyncIterable<LintResult>): AsyncGenerator<LintResult, void, undefined> {
    for await (const result of results) {
      if (options.suppress !== undefined) data = sup.recordResult(data, result, baseDir, rules);
      else if (options.pruneSuppressions) data = sup.pruneResult(data, result, baseDir);
      const applied = sup.applySuppressions(data, result, baseDir);
      unused.push(...applied.unused);
      yield applied.result;
    }
    if (options.suppress === undefined && !options.pruneSuppressions) return;
    if (options.pruneSuppressions) {
      const { existsSync } = await import('node:fs');
      data = sup.pruneMissing(data, (key) => existsSync(path.resolve(baseDir, key)));
    }
    try {
      await sup.writeSuppressions(file, data);
    } catch (err) {
      failures++;
      const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
      io.stderr.write(`xxgk-lint: ${t('suppressionsWriteFailed', locale, { file: relativeName(file, io.cwd), detail })}\n`);
    }
  }
  return {
    wrap,
    failures: () => failures,
    exitCode(code: number): number {
      if (unused.length === 0 || options.passOnUnprunedSuppressions) return code;
      const first = unused[0] as (typeof unused)[number];
      const example = `${first.file} ${first.ruleId} (${first.found}/${first.count})`;
      io.stderr.write(`xxgk-lint: ${t('suppressionsUnused', locale, { count: unused.length, example })}\n`);
      return 2;
    },
  };
}
