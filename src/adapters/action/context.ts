/**
 * What the Action needs from the run's environment: the event, the repository, the commit the
 * links and the check run point at, and for pull requests their number and head.
 */
import path from 'node:path';
import * as z from 'zod';

export const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target'];

/**
 * Events that run with the base repository's token and secrets while the checkout may be someone
 * else's: a fork's head (pull_request_target, workflow_run after a fork's pull_request run), or
 * whatever a comment or review asks a workflow to check out. Code from the checkout (JS configs,
 * plugins, rule files) is not run under them unless allow-code says so.
 */
export const UNTRUSTED_EVENTS: readonly string[] = [
  'pull_request_target',
  'workflow_run',
  'issue_comment',
  'pull_request_review',
  'pull_request_review_comment',
  'discussion_comment',
];

export function isUntrustedEvent(eventName: string): boolean {
  return UNTRUSTED_EVENTS.includes(eventName);
}

export interface PullRequestInfo {
  number: number;
  /** The head commit: what the pull request page shows (GITHUB_SHA is a merge commit). */
  headSha: string;
  /** The head is in another repository (a fork): its token is read-only under pull_request. */
  fromFork: boolean;
}

export interface RunContext {
  eventName: string;
  repo: { owner: string; repo: string } | undefined;
  /** The commit the summary's links and the check run point at. */
  sha: string | undefined;
  serverUrl: string;
  /** The repository's checkout; paths are relative to it. */
  workspace: string;
  pullRequest: PullRequestInfo | undefined;
}

/** Only what is used; the rest of the payload is whatever GitHub sends. */
const PullRequestPayload = z.looseObject({
  number: z.number().int().positive(),
  pull_request: z.looseObject({
    number: z.number().int().positive().optional(),
    head: z.looseObject({
      sha: z.string().min(1),
      repo: z.looseObject({ full_name: z.string() }).nullable().optional(),
    }),
    base: z.looseObject({ repo: z.looseObject({ full_name: z.string() }).nullable().optional() }).optional(),
  }),
});

export function readContext(eventName: string, payload: unknown, env: Readonly<Record<string, string | undefined>>, cwd: string): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  let pullRequest: PullRequestInfo | undefined;
  if (PULL_REQUEST_EVENTS.includes(eventName)) {
    const parsed = PullRequestPayload.safeParse(payload);
    if (parsed.success) {
      const pr = parsed.data.pull_request;
      const head = pr.head.repo?.full_name;
      const base = pr.base?.repo?.full_name ?? env.GITHUB_REPOSITORY;
      pullRequest = {
        number: parsed.data.number,
        headSha: pr.head.sha,
        // A deleted fork has no head repository: treat it as a fork.
        fromFork: head === undefined || head !== base,
      };
    }
  }
  return {
    eventName,
    repo: owner && repo ? { owner, repo } : undefined,
    sha: pullRequest?.headSha ?? (env.GITHUB_SHA || undefined),
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    workspace: path.resolve(env.GITHUB_WORKSPACE || cwd),
    pullRequest,
  };
}
