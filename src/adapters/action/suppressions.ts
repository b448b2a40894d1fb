/**
 * Bulk suppressions in the Action (issue 21 item 3): the repository's suppressions file (the
 * `suppressions-location` input, default the CLI's xxgk-lint-suppressions.json), when it exists,
 * hides the errors it records as the CLI does. The Action never writes it; records that no longer
 * occur are named in the log as warnings (run `xxgk-lint --prune-suppressions`), not failures.
 */
import path from 'node:path';
import * as core from '@actions/core';
import { applySuppressions, readSuppressions, SuppressionsFileError } from '../../engine/suppressions.ts';
import type { LintResult, Locale } from '../../types.ts';
import { InputError } from './inputs.ts';
import { tr } from './messages.ts';

export async function applyRepositorySuppressions(results: LintResult[], location: string, workspace: string, locale: Locale): Promise<LintResult[]> {
  const file = path.resolve(workspace, location);
  let data;
  try {
    data = await readSuppressions(file);
  } catch (err) {
    const detail =
      err instanceof SuppressionsFileError
        ? err.message
        : typeof err === 'object' && err !== null && 'code' in err
          ? `${location}: ${String(err.code)}`
          : String(err);
    throw new InputError(tr('suppressionsBad', locale, { detail }));
  }
  if (Object.keys(data).length === 0) return results;
  const baseDir = path.dirname(file);
  let hidden = 0;
  const out = results.map((result) => {
    const applied = applySuppressions(data, result, baseDir);
    hidden += result.messages.length - applied.result.messages.length;
    for (const u of applied.unused) core.warning(tr('suppressionsUnused', locale, { file: u.file, rule: u.ruleId, count: u.count, found: u.found }));
    return applied.result;
  });
  if (hidden > 0) core.info(tr('suppressionsApplied', locale, { count: hidden, file: location }));
  return out;
}
