/**
 * Fixes and suggestions posted on the pull request as review comments (GitHub's suggestion
 * blocks), at most the `suggestions` input per run, never one twice.
 */
import path from 'node:path';
import * as core from '@actions/core';
import { readReport } from '../../engine/decode.ts';
import type { LintResult } from '../../types.ts';
import { errorDetail, httpStatus } from './checks.ts';
import type { AnnotateContext } from './publish.ts';
import { tr } from './messages.ts';
import { buildSuggestions, MAX_COMMENT_BODY, postedKeys, suggestionsRefused } from './suggestions.ts';
import type { DroppedSuggestion, SuggestionFile } from './suggestions.ts';

/**
 * Fixes and suggestions as review comments with ```suggestion blocks, at most `suggestions` per
 * run, none twice (existing comments are found by their hidden marker). Only on pull_request
 * events from the same repository: a fork's token cannot write, and under pull_request_target the
 * pull request is untrusted. Failures are warnings: the findings are reported anyway.
 */
export async function postSuggestions(
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
