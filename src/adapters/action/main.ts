/**
 * The GitHub Action: a thin adapter around the engine. It reads its inputs, picks the files (on
 * pull requests, those the pull request adds or changes), lints them with lintText, and
 * translates the LintResult[] into what GitHub shows:
 *
 * - annotations on the files' lines: as workflow commands when there are at most 10 errors and
 *   10 warnings (GitHub shows no more from workflow commands and drops the rest silently);
 *   otherwise all of them through a check run, in batches of 50 — and, when the token may not
 *   create one (forks), workflow commands again, with a warning saying what is lost;
 * - the job summary (GITHUB_STEP_SUMMARY): files, findings with links, what was not linted;
 * - the outputs error-count, warning-count, files-checked, sarif-file, and a SARIF file on request.
 *
 * No rule logic lives here. Nothing read from the repository is executed under
 * pull_request_target unless allow-code: true says so.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { ConfigError, configRunsCode } from '../../engine/config.ts';
// The formats the Action prints, imported one by one: the registry (formatters/index.ts) also
// holds xlsx, whose workbook library the Action bundle does not need.
import { stylish } from '../formatters/stylish.ts';
import { lintFilesToArray } from '../../engine/run.ts';
import { ruleSet } from '../../engine/lint.ts';
import { totalCounts } from '../../engine/results.ts';
import type { LintResult, Locale } from '../../types.ts';
import { VERSION } from '../../engine/version.ts';
import { countLevels, findingsOf } from './annotations.ts';
import { isUntrustedEvent, PULL_REQUEST_EVENTS, readContext } from './context.ts';
import type { RunContext } from './context.ts';
import { InputError, getInputs } from './inputs.ts';
import type { Inputs } from './inputs.ts';
import { tr } from './messages.ts';
import { plural } from '../../i18n.ts';
import { annotate, printUntrusted, summaryLinks, writeSarif, writeSummary } from './publish.ts';
import { postSuggestions } from './review.ts';
import { loadConfigFor, selectFiles, workingDirectory } from './select.ts';
import { applyRepositorySuppressions } from './suppressions.ts';
import { buildSummary } from './summary.ts';

export async function run(): Promise<void> {
  let locale: Locale = 'zh-CN';
  try {
    const inputs = getInputs();
    locale = inputs.locale;
    await lintRepository(inputs, readContext(github.context.eventName ?? '', github.context.payload, process.env, process.cwd()));
  } catch (err) {
    if (err instanceof InputError) return core.setFailed(err.message);
    if (err instanceof ConfigError) return core.setFailed(err.message);
    if (err instanceof Error && err.stack) core.debug(err.stack);
    core.setFailed(tr('internalError', locale, { detail: err instanceof Error ? err.message : String(err) }));
  }
}

async function lintRepository(inputs: Inputs, context: RunContext): Promise<void> {
  const { locale } = inputs;
  // The working-directory input: where the Action runs as the CLI would (files, config, the paths
  // shown). Annotations and SARIF keep paths relative to the workspace, where GitHub resolves them.
  const cwd = await workingDirectory(context.workspace, inputs, locale);
  const octokit = inputs.githubToken ? github.getOctokit(inputs.githubToken) : undefined;

  // Security: under pull_request_target (and the other untrusted events, context.ts) the checkout may hold a stranger's files, run with a
  // token that can write. Their code (JS configs, custom rules) is not run unless asked for.
  const untrusted = isUntrustedEvent(context.eventName);
  const allowCode = !untrusted || inputs.allowCode;
  if (untrusted) core.info(tr(allowCode ? 'codeAllowed' : 'codeNotRun', locale, { event: context.eventName }));
  if (!allowCode && inputs.config !== undefined && configRunsCode(inputs.config)) {
    throw new InputError(tr('codeRefused', locale, { file: inputs.config, event: context.eventName }));
  }
  const loaded = await loadConfigFor(cwd, inputs, allowCode);

  // The built-in rules and those the config's plugins bring (lintText runs both from the config).
  const rules = ruleSet(loaded.config);
  const selection = await selectFiles(inputs, context, loaded, octokit, cwd);
  // On a one-file pull request, cross-report rules still need last year's report of the same
  // agency: the engine looks for it among every file `files` matches (read, never reported).
  // The models come along for the summary's tables around wrong cells.
  // The engine's pipeline, as the CLI's: each file in a worker process under the per-file time and
  // heap budgets (the bundle is its own worker entry, see index.ts), then the cross-report rules.
  const workerUrl = actionWorkerUrl();
  // Bulk suppressions: the errors the repository's suppressions file records are not reported.
  const linted: LintResult[] = await lintFilesToArray(selection.files, {
    locale,
    loaded,
    cwd,
    allowCode,
    keepModel: true,
    ...(workerUrl ? { workerUrl } : {}),
    ...(selection.pullRequest === undefined ? {} : { contextCandidates: selection.candidates }),
  });
  const results = await applyRepositorySuppressions(linted, inputs.suppressionsLocation, cwd, locale);

  const findings = findingsOf(results, context.workspace);
  const { errors } = countLevels(findings);
  const failed = inputs.failOn === 'error' ? errors > 0 : inputs.failOn === 'warning' ? findings.length > 0 : false;

  // The full report in the log, folded; the report's own text (paths, quoted cells) is shown
  // with workflow commands switched off, so that it cannot issue any.
  core.startGroup(`xxgk-lint: ${tr('checkedFiles', locale, { count: results.length, fileWord: plural(results.length, 'file', 'files') })}`);
  printUntrusted(stylish(results, { locale, cwd, rules, color: false }).trim() || '✔');
  core.endGroup();

  const checkRun = await annotate(results, findings, { inputs, context, selection, octokit, failed, rules, cwd });
  await postSuggestions(results, { inputs, context, selection, octokit });

  const sarifPath = inputs.sarifFile === undefined ? '' : await writeSarif(inputs.sarifFile, cwd, results, { locale, cwd: context.workspace, rules });

  await writeSummary(
    buildSummary({
      locale,
      results,
      cwd,
      patterns: inputs.files,
      pullRequest: selection.pullRequest,
      notPullRequestEvent: inputs.onlyChanged && !PULL_REQUEST_EVENTS.includes(context.eventName) ? context.eventName || '—' : undefined,
      fallback: selection.fallback,
      onPullRequest: PULL_REQUEST_EVENTS.includes(context.eventName),
      skipped: selection.skipped,
      otherChanged: selection.otherChanged,
      links: summaryLinks(context, cwd),
      checkRun,
      sarif: sarifPath !== '',
      rules,
      version: VERSION,
    }),
    locale,
  );

  const totals = totalCounts(results);
  core.setOutput('error-count', totals.errorCount);
  core.setOutput('warning-count', totals.warningCount);
  core.setOutput('files-checked', results.length);
  core.setOutput('sarif-file', sarifPath);

  if (failed) {
    const data = {
      errors: totals.errorCount,
      warnings: totals.warningCount,
      errorWord: plural(totals.errorCount, 'error', 'errors'),
      warningWord: plural(totals.warningCount, 'warning', 'warnings'),
      failOn: inputs.failOn,
    };
    core.setFailed(tr(inputs.failOn === 'warning' ? 'failedOnWarnings' : 'failedOnErrors', locale, data));
  }
}

/** The bundle itself (dist/action.js) as the workers' entry; none when run from the TypeScript sources (tests). */
function actionWorkerUrl(): URL | undefined {
  return import.meta.url.endsWith('.js') ? new URL(import.meta.url) : undefined;
}
