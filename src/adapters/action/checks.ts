/**
 * Publishing every annotation through a check run, for runs with more findings than workflow
 * commands can show: POST /repos/{owner}/{repo}/check-runs with the first 50 annotations, then
 * PATCH /repos/{owner}/{repo}/check-runs/{check_run_id} with 50 more at a time (each update
 * appends to the run's annotations); the last request completes the run.
 *
 * A token without `checks: write` (pull requests from forks, Dependabot, a workflow's
 * `permissions:` block without it) gets 403 — or 404 for a private repository. That is not the
 * reviewer's problem: the caller falls back to workflow commands and the job summary, and the
 * step never fails because of it.
 */
import type { getOctokit } from '@actions/github';
import type { CheckAnnotation } from './annotations.ts';

export type Octokit = ReturnType<typeof getOctokit>;

/** The Checks API accepts at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
export const CHECK_RUN_NAME = 'xxgk-lint';
/** output.summary and output.text hold at most 65535 characters. */
export const MAX_OUTPUT_TEXT = 65535;

export interface CheckRunRequest {
  owner: string;
  repo: string;
  headSha: string;
  title: string;
  /** Markdown; truncated to the API's limit. */
  summary: string;
  annotations: readonly CheckAnnotation[];
  conclusion: 'success' | 'failure' | 'neutral';
}

export type CheckRunOutcome =
  | { published: true; id: number; url: string; requests: number }
  | {
      published: false;
      /** The HTTP status, when the API answered. */
      status: number | undefined;
      /** 403/404: the token may not create check runs (expected on forks). */
      forbidden: boolean;
      detail: string;
    };

export async function publishCheckRun(octokit: Octokit, request: CheckRunRequest): Promise<CheckRunOutcome> {
  const batches = chunk(request.annotations, ANNOTATIONS_PER_REQUEST);
  if (batches.length === 0) batches.push([]);
  const output = (annotations: readonly CheckAnnotation[]) => ({
    title: request.title,
    summary: truncate(request.summary, MAX_OUTPUT_TEXT),
    annotations: [...annotations],
  });
  const completed = () => ({ status: 'completed' as const, conclusion: request.conclusion, completed_at: timestamp() });
  const [first, ...rest] = batches;
  let id: number;
  let url: string;
  try {
    const created = await octokit.rest.checks.create({
      owner: request.owner,
      repo: request.repo,
      name: CHECK_RUN_NAME,
      head_sha: request.headSha,
      started_at: timestamp(),
      ...(rest.length === 0 ? completed() : { status: 'in_progress' as const }),
      output: output(first ?? []),
    });
    id = created.data.id;
    url = created.data.html_url ?? created.data.url;
  } catch (err) {
    return failure(err);
  }
  try {
    for (const [i, annotations] of rest.entries()) {
      const last = i === rest.length - 1;
      await octokit.rest.checks.update({
        owner: request.owner,
        repo: request.repo,
        check_run_id: id,
        ...(last ? completed() : {}),
        output: output(annotations),
      });
    }
  } catch (err) {
    // Some annotations are published; the caller still falls back so that none are lost. The run
    // is completed if possible, so that the pull request does not show it running for ever.
    try {
      await octokit.rest.checks.update({ owner: request.owner, repo: request.repo, check_run_id: id, ...completed() });
    } catch {
      // Nothing more to do: the fallback does not depend on it.
    }
    return failure(err);
  }
  return { published: true, id, url, requests: batches.length };
}

function failure(err: unknown): CheckRunOutcome {
  const status = httpStatus(err);
  return { published: false, status, forbidden: status === 403 || status === 404, detail: errorDetail(err) };
}

/** The status of an Octokit RequestError, if that is what `err` is. */
export function httpStatus(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number') return err.status;
  return undefined;
}

/** One line about a failed request: GitHub's own message when it sent one. */
export function errorDetail(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // RequestError's message is GitHub's JSON `message`, followed by " - <documentation_url>".
  return (message.split('\n')[0] ?? '').replace(/\s+-\s+https:\/\/docs\.github\.com\S*$/, '').trim() || 'unknown error';
}

/** ISO 8601 without milliseconds, as the API documents it: YYYY-MM-DDTHH:MM:SSZ. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
