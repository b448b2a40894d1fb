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
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { builtinRules } from '../../../rules/index.ts';
import { ConfigError, configRunsCode, loadConfig } from '../../engine/config.ts';
import type { LoadConfigOptions, LoadedConfig } from '../../engine/config.ts';
// The three formats the Action prints, imported one by one: the registry (formatters/index.ts)
// also holds xlsx, whose workbook library the Action bundle does not need.
import { github as githubFormat } from '../formatters/github.ts';
import { sarif } from '../formatters/sarif.ts';
import { stylish } from '../formatters/stylish.ts';
import type { FormatterContext } from '../formatters/index.ts';
import { readReport } from '../../engine/decode.ts';
import { lintFilesToArray } from '../../engine/run.ts';
import { ruleSet } from '../../engine/lint.ts';
import { relativePath } from '../../engine/paths.ts';
import type { Rule } from '../../rule.ts';
import { totalCounts } from '../../engine/results.ts';
import type { LintResult, Locale } from '../../types.ts';
import { VERSION } from '../../engine/version.ts';
import { countLevels, exceedsCommandLimit, findingsOf, toCheckAnnotation } from './annotations.ts';
import type { Finding } from './annotations.ts';
import { CHECK_RUN_NAME, errorDetail, httpStatus, publishCheckRun } from './checks.ts';
import type { Octokit } from './checks.ts';
import { isUntrustedEvent, PULL_REQUEST_EVENTS, readContext } from './context.ts';
import type { RunContext } from './context.ts';
import { MAX_LISTED_FILES, expandCandidates, listChangedFiles, selectAll, selectChanged } from './files.ts';
import type { ChangedFile, Selection } from './files.ts';
import { InputError, getInputs } from './inputs.ts';
import type { Inputs } from './inputs.ts';
import { tr } from './messages.ts';
import { applyRepositorySuppressions } from './suppressions.ts';
import { buildSummary } from './summary.ts';
import { buildSuggestions, MAX_COMMENT_BODY, postedKeys, suggestionsRefused } from './suggestions.ts';
import type { DroppedSuggestion, SuggestionFile } from './suggestions.ts';

const formatters = { stylish, github: githubFormat, sarif };

/** Config files that are programs: never loaded when repository code may not run. */

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
  const cwd = context.workspace;
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
  const selection = await selectFiles(inputs, context, loaded, octokit);
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

  const findings = findingsOf(results, cwd);
  const { errors } = countLevels(findings);
  const failed = inputs.failOn === 'error' ? errors > 0 : inputs.failOn === 'warning' ? findings.length > 0 : false;

  // The full report in the log, folded; the report's own text (paths, quoted cells) is shown
  // with workflow commands switched off, so that it cannot issue any.
  core.startGroup(`xxgk-lint: ${tr('checkedFiles', locale, { count: results.length })}`);
  printUntrusted(formatters.stylish(results, { locale, cwd, rules, color: false }).trim() || '✔');
  core.endGroup();

  const checkRun = await annotate(results, findings, { inputs, context, selection, octokit, failed, rules });
  await postSuggestions(results, { inputs, context, selection, octokit });

  const sarifPath = inputs.sarifFile === undefined ? '' : await writeSarif(inputs.sarifFile, results, { locale, cwd, rules });

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
      links: context.repo && context.sha ? { serverUrl: context.serverUrl, ...context.repo, sha: context.sha } : undefined,
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
    const data = { errors: totals.errorCount, warnings: totals.warningCount, failOn: inputs.failOn };
    core.setFailed(tr(inputs.failOn === 'warning' ? 'failedOnWarnings' : 'failedOnErrors', locale, data));
  }
}

interface AnnotateContext {
  inputs: Inputs;
  context: RunContext;
  selection: FileSelection;
  octokit: Octokit | undefined;
  failed: boolean;
  rules: readonly Rule[];
}

/**
 * Annotations: workflow commands when GitHub shows them all (at most 10 errors and 10 warnings),
 * otherwise a check run with all of them; workflow commands again when that is not possible.
 * Returns what the job summary says about it: the check run, or why there is none.
 */
async function annotate(
  results: readonly LintResult[],
  findings: readonly Finding[],
  { inputs, context, selection, octokit, failed, rules }: AnnotateContext,
): Promise<{ url: string; count: number } | { failed: string } | undefined> {
  const { locale } = inputs;
  const counts = countLevels(findings);
  let note: { url: string; count: number } | { failed: string } | undefined;
  if (exceedsCommandLimit(counts)) {
    core.info(tr('tooManyForCommands', locale, { ...counts }));
    if (octokit && context.repo && context.sha) {
      const outcome = await publishCheckRun(octokit, {
        ...context.repo,
        headSha: context.sha,
        title: tr('checkRunTitle', locale, { ...counts }),
        summary: checkRunSummary(inputs, context, selection, results, rules),
        annotations: findings.map(toCheckAnnotation),
        conclusion: failed ? 'failure' : findings.length > 0 ? 'neutral' : 'success',
      });
      if (outcome.published) {
        core.info(tr('checkRunPublished', locale, { count: findings.length, name: CHECK_RUN_NAME, batches: outcome.requests, url: outcome.url }));
        // Everything is on the pull request: printing workflow commands too would annotate twice.
        return { url: outcome.url, count: findings.length };
      }
      const detail = outcome.status === undefined ? outcome.detail : `HTTP ${outcome.status}: ${outcome.detail}`;
      if (outcome.forbidden) core.warning(tr('checkRunForbidden', locale, { status: outcome.status ?? '', detail: outcome.detail }));
      else core.warning(tr('checkRunFailed', locale, { detail }));
      note = { failed: detail };
    } else {
      core.warning(tr('checkRunNoToken', locale));
      note = { failed: tr('checkRunNoToken', locale) };
    }
  }
  if (findings.length > 0) {
    process.stdout.write(`${formatters.github(results, { locale, cwd: context.workspace, rules })}\n`);
    core.info(tr('annotationsAsCommands', locale, { count: findings.length }));
  }
  return note;
}

/**
 * Fixes and suggestions as review comments with ```suggestion blocks, at most `suggestions` per
 * run, none twice (existing comments are found by their hidden marker). Only on pull_request
 * events from the same repository: a fork's token cannot write, and under pull_request_target the
 * pull request is untrusted. Failures are warnings: the findings are reported anyway.
 */
async function postSuggestions(
  results: readonly LintResult[],
  { inputs, context, selection, octokit }: Pick<AnnotateContext, 'inputs' | 'context' | 'selection' | 'octokit'>,
): Promise<void> {
  const { locale } = inputs;
  const pr = context.pullRequest;
  if (inputs.suggestions === 0 || !pr || !selection.changed || !octokit || !context.repo) return;
  if (!results.some((r) => r.messages.some((m) => m.fix || m.suggestions?.length))) return;
  const refused = suggestionsRefused(context.eventName, pr);
  if (refused) return core.info(tr('suggestionsNotHere', locale, { reason: tr(refused, locale) }));
  const patches = new Map(selection.changed.map((f) => [path.resolve(context.workspace, f.filename), f]));
  const files: SuggestionFile[] = [];
  for (const result of results) {
    const changed = patches.get(path.resolve(result.filePath));
    if (!changed || !result.messages.some((m) => m.fix || m.suggestions?.length)) continue;
    const read = await readReport(result.filePath);
    // GitHub applies suggestions to the text as UTF-8: other encodings get none, and neither do
    // .html/.docx/.pdf files (their edits are of the Markdown they were read as, not of the file).
    if ('error' in read || read.encoding !== 'utf-8' || read.input) continue;
    files.push({ path: changed.filename, text: read.text, result, patch: changed.patch });
  }
  const dropped: DroppedSuggestion[] = [];
  const wanted = buildSuggestions(files, dropped);
  for (const d of dropped) core.warning(tr('suggestionTooLong', locale, { path: d.path, line: d.line, length: d.length, max: MAX_COMMENT_BODY }));
  if (wanted.length === 0) return;
  const { owner, repo } = context.repo;
  try {
    const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner, repo, pull_number: pr.number, per_page: 100 });
    const posted = postedKeys(existing.map((c) => c.body ?? ''));
    const fresh = wanted.filter((s) => !posted.has(s.key));
    const now = fresh.slice(0, inputs.suggestions);
    let count = 0;
    for (const s of now) {
      try {
        await octokit.rest.pulls.createReviewComment({
          owner,
          repo,
          pull_number: pr.number,
          commit_id: pr.headSha,
          path: s.path,
          body: s.body,
          line: s.line,
          side: 'RIGHT',
          ...(s.startLine !== undefined ? { start_line: s.startLine, start_side: 'RIGHT' as const } : {}),
        });
        count++;
      } catch (err) {
        // One comment GitHub refuses (422: a line it does not take) costs that comment only.
        const status = httpStatus(err);
        if (status !== 422) throw err;
        core.warning(tr('suggestionsFailed', locale, { detail: `${s.path}:${s.line}: HTTP ${status}: ${errorDetail(err)}` }));
      }
    }
    core.info(tr('suggestionsPosted', locale, { count, existing: wanted.length - fresh.length, left: fresh.length - now.length, max: inputs.suggestions }));
  } catch (err) {
    const status = httpStatus(err);
    core.warning(tr('suggestionsFailed', locale, { detail: status === undefined ? errorDetail(err) : `HTTP ${status}: ${errorDetail(err)}` }));
  }
}

/** The bundle itself (dist/action.js) as the workers' entry; none when run from the TypeScript sources (tests). */
function actionWorkerUrl(): URL | undefined {
  return import.meta.url.endsWith('.js') ? new URL(import.meta.url) : undefined;
}

async function loadConfigFor(cwd: string, inputs: Inputs, allowCode: boolean): Promise<LoadedConfig> {
  // allowCode is for loaders that can run code (JS configs, plugins); a JSON-only loader ignores it.
  const options: LoadConfigOptions & { allowCode?: boolean } = { cwd, rules: builtinRules, locale: inputs.locale, allowCode };
  if (inputs.config !== undefined) options.configPath = inputs.config;
  return loadConfig(options);
}

interface FileSelection extends Selection {
  /** Every file the `files` input matches (absolute): where last year's reports are looked for. */
  candidates: readonly string[];
  /** The pull request whose changed files were selected, when only-changed applied. */
  pullRequest: number | undefined;
  /** The pull request's files with their patches, when they were listed. */
  changed?: readonly ChangedFile[];
  /** Why only-changed could not apply on a pull request. */
  fallback: string | undefined;
}

async function selectFiles(inputs: Inputs, context: RunContext, loaded: LoadedConfig, octokit: Octokit | undefined): Promise<FileSelection> {
  const { locale } = inputs;
  const cwd = context.workspace;
  const candidates = await expandCandidates(inputs.files, cwd, {
    ignores: loaded.ignores,
    baseDir: loaded.baseDir,
    ...(loaded.extensions ? { extensions: loaded.extensions } : {}),
  });
  // As the CLI: `files` that match nothing in the workspace is a mistake (a wrong path or glob),
  // not a clean run. (A pull request that changes none of the matched files is fine.)
  if (candidates.files.length === 0) throw new InputError(tr('noFilesAtAll', locale, { patterns: inputs.files.join(', ') }));
  const pr = context.pullRequest;
  if (!inputs.onlyChanged || !pr) {
    return { ...selectAll(candidates, cwd), candidates: candidates.files, pullRequest: undefined, fallback: undefined };
  }
  let fallback: string;
  if (!octokit || !context.repo) {
    fallback = tr('listFilesNoToken', locale);
  } else {
    try {
      const changed = await listChangedFiles(octokit, context.repo.owner, context.repo.repo, pr.number);
      if (changed.length < MAX_LISTED_FILES)
        return { ...selectChanged(candidates, changed, cwd), candidates: candidates.files, pullRequest: pr.number, fallback: undefined, changed };
      fallback = tr('listFilesTooMany', locale, { count: changed.length });
    } catch (err) {
      const status = httpStatus(err);
      fallback = tr('listFilesFailed', locale, { number: pr.number, detail: status === undefined ? errorDetail(err) : `HTTP ${status}: ${errorDetail(err)}` });
    }
  }
  core.warning(fallback);
  return { ...selectAll(candidates, cwd), candidates: candidates.files, pullRequest: undefined, fallback };
}

/** The check run's own summary: the job summary's overview, without the findings (they are annotations). */
function checkRunSummary(inputs: Inputs, context: RunContext, selection: FileSelection, results: readonly LintResult[], rules: readonly Rule[]): string {
  return buildSummary({
    locale: inputs.locale,
    results,
    cwd: context.workspace,
    patterns: inputs.files,
    pullRequest: selection.pullRequest,
    notPullRequestEvent: undefined,
    fallback: selection.fallback,
    onPullRequest: PULL_REQUEST_EVENTS.includes(context.eventName),
    skipped: [],
    otherChanged: 0,
    links: context.repo && context.sha ? { serverUrl: context.serverUrl, ...context.repo, sha: context.sha } : undefined,
    checkRun: undefined,
    sarif: false,
    rules,
    version: VERSION,
    overviewOnly: true,
  });
}

/** Writes the SARIF file; returns its absolute path, or '' when it could not be written (the step then fails). */
async function writeSarif(file: string, results: readonly LintResult[], context: FormatterContext): Promise<string> {
  const { locale, cwd } = context;
  const target = path.resolve(cwd, file);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, `${formatters.sarif(results, context)}\n`);
  } catch (err) {
    const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
    // The summary and outputs are still written.
    core.setFailed(tr('sarifFailed', locale, { file, detail }));
    return '';
  }
  core.info(tr('sarifWritten', locale, { file: relativePath(target, cwd) }));
  return target;
}

async function writeSummary(markdown: string, locale: Locale): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info(tr('summaryNotWritten', locale));
    return;
  }
  try {
    await core.summary.addRaw(markdown).write();
  } catch (err) {
    // The annotations and outputs matter more than the summary: do not fail the step for it.
    core.warning(tr('summaryFailed', locale, { detail: err instanceof Error ? err.message : String(err) }));
  }
}

/**
 * Prints text that comes from the repository (paths, quoted report text) with workflow commands
 * switched off around it: `::stop-commands::TOKEN` … `::TOKEN::`.
 */
function printUntrusted(text: string): void {
  const token = `xxgk-lint-${randomUUID()}`;
  process.stdout.write(`::stop-commands::${token}\n${text}\n::${token}::\n`);
}
