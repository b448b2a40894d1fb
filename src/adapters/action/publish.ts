/**
 * The Action's last job: what GitHub shows. Annotations (workflow commands, or a check run when
 * there are more than GitHub shows from commands), the SARIF file, the job summary, and report
 * text printed with workflow commands switched off.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { github as githubFormat } from '../formatters/github.ts';
import { sarif } from '../formatters/sarif.ts';
import type { FormatterContext } from '../formatters/index.ts';
import { relativePath } from '../../engine/paths.ts';
import { VERSION } from '../../engine/version.ts';
import type { Rule } from '../../rule.ts';
import type { LintResult, Locale } from '../../types.ts';
import { countLevels, exceedsCommandLimit, toCheckAnnotation } from './annotations.ts';
import type { Finding } from './annotations.ts';
import { CHECK_RUN_NAME, publishCheckRun } from './checks.ts';
import type { Octokit } from './checks.ts';
import { PULL_REQUEST_EVENTS } from './context.ts';
import type { RunContext } from './context.ts';
import type { Inputs } from './inputs.ts';
import { tr } from './messages.ts';
import { plural } from '../../i18n.ts';
import type { FileSelection } from './select.ts';
import { buildSummary } from './summary.ts';
import type { SummaryLinks } from './summary.ts';

export interface AnnotateContext {
  inputs: Inputs;
  context: RunContext;
  selection: FileSelection;
  octokit: Octokit | undefined;
  failed: boolean;
  rules: readonly Rule[];
  /** The working directory: the paths people read (the check run's summary) are relative to it. */
  cwd: string;
}

/**
 * Annotations: workflow commands when GitHub shows them all (at most 10 errors and 10 warnings),
 * otherwise a check run with all of them; workflow commands again when that is not possible.
 * Returns what the job summary says about it: the check run, or why there is none.
 */
export async function annotate(
  results: readonly LintResult[],
  findings: readonly Finding[],
  { inputs, context, selection, octokit, failed, rules, cwd }: AnnotateContext,
): Promise<{ url: string; count: number } | { failed: string } | undefined> {
  const { locale } = inputs;
  const counts = countLevels(findings);
  let note: { url: string; count: number } | { failed: string } | undefined;
  if (exceedsCommandLimit(counts)) {
    core.info(tr('tooManyForCommands', locale, { ...counts, ...levelWords(counts) }));
    if (octokit && context.repo && context.sha) {
      const outcome = await publishCheckRun(octokit, {
        ...context.repo,
        headSha: context.sha,
        title: tr('checkRunTitle', locale, { ...counts, ...levelWords(counts) }),
        summary: checkRunSummary(inputs, context, selection, results, rules, cwd),
        annotations: findings.map(toCheckAnnotation),
        conclusion: failed ? 'failure' : findings.length > 0 ? 'neutral' : 'success',
      });
      if (outcome.published) {
        core.info(
          tr('checkRunPublished', locale, {
            count: findings.length,
            name: CHECK_RUN_NAME,
            batches: outcome.requests,
            batchWord: plural(outcome.requests, 'batch', 'batches'),
            url: outcome.url,
          }),
        );
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
    process.stdout.write(`${githubFormat(results, { locale, cwd: context.workspace, rules })}\n`);
    core.info(tr('annotationsAsCommands', locale, { count: findings.length, findingWord: plural(findings.length, 'finding', 'findings') }));
  }
  return note;
}

/** The check run's own summary: the job summary's overview, without the findings (they are annotations). */
function checkRunSummary(
  inputs: Inputs,
  context: RunContext,
  selection: FileSelection,
  results: readonly LintResult[],
  rules: readonly Rule[],
  cwd: string,
): string {
  return buildSummary({
    locale: inputs.locale,
    results,
    cwd,
    patterns: inputs.files,
    pullRequest: selection.pullRequest,
    notPullRequestEvent: undefined,
    fallback: selection.fallback,
    onPullRequest: PULL_REQUEST_EVENTS.includes(context.eventName),
    skipped: [],
    otherChanged: 0,
    links: summaryLinks(context, cwd),
    checkRun: undefined,
    sarif: false,
    rules,
    version: VERSION,
    overviewOnly: true,
  });
}

/** Links to the files in the job summary: paths shown relative to `cwd`, the working directory. */
export function summaryLinks(context: RunContext, cwd: string): SummaryLinks | undefined {
  if (!context.repo || !context.sha) return undefined;
  const dir = path.relative(context.workspace, cwd).split(path.sep).join('/');
  return { serverUrl: context.serverUrl, ...context.repo, sha: context.sha, ...(dir ? { dir } : {}) };
}

/**
 * Writes the SARIF file (`file` relative to `dir`, the working directory; its paths relative to
 * the repository root, `context.cwd`, where code scanning resolves them). Returns its absolute
 * path, or '' when it could not be written (the step then fails).
 */
export async function writeSarif(file: string, dir: string, results: readonly LintResult[], context: FormatterContext): Promise<string> {
  const { locale, cwd } = context;
  const target = path.resolve(dir, file);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, `${sarif(results, context)}\n`);
  } catch (err) {
    const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
    // The summary and outputs are still written.
    core.setFailed(tr('sarifFailed', locale, { file, detail }));
    return '';
  }
  core.info(tr('sarifWritten', locale, { file: relativePath(target, cwd) }));
  return target;
}

export async function writeSummary(markdown: string, locale: Locale): Promise<void> {
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
export function printUntrusted(text: string): void {
  const token = `xxgk-lint-${randomUUID()}`;
  process.stdout.write(`::stop-commands::${token}\n${text}\n::${token}::\n`);
}

/** The English words for error and warning counts (a check run's title, the log line). */
function levelWords(counts: { errors: number; warnings: number }): { errorWord: string; warningWord: string } {
  return { errorWord: plural(counts.errors, 'error', 'errors'), warningWord: plural(counts.warnings, 'warning', 'warnings') };
}
