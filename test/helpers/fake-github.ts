/**
 * A fake GitHub REST API on 127.0.0.1 for the Action's tests. Every request is checked against
 * GitHub's OpenAPI description (test/helpers/openapi.ts) — a request the real API would not
 * accept is recorded as a problem, and the tests require none — and so is every response the fake
 * sends, which are built from the description's own examples.
 *
 * It serves the three operations the Action uses: pulls/list-files (paginated like GitHub, with a
 * Link header), checks/create and checks/update. Anything else is a problem too.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRequest, checkResponse, exampleValue, githubOpenApi } from './openapi.ts';
import type { MatchedOperation, OpenApi } from './openapi.ts';

export interface FakeChangedFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  previous_filename?: string;
  /** The unified diff of the file (left out when not given, as GitHub does for binary files). */
  patch?: string;
}

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  /** The files of each pull request, by number. */
  pulls?: Record<number, { headSha: string; files: FakeChangedFile[] }>;
  /** `read-only`: the token may read but not write, as on pull requests from forks (403 on writes). */
  token?: 'read-write' | 'read-only';
  /** The token the Action must send. */
  expectedToken?: string;
  /** Answer 500 to updates of check runs that add annotations (a server error midway). */
  failAnnotationUpdates?: boolean;
  /** Review comments already on the pull requests (bodies), by number. */
  reviewComments?: Record<number, string[]>;
}

/** A review comment the fake holds: what was posted (or given), as GitHub keeps it. */
export interface ReviewCommentState {
  id: number;
  pullNumber: number;
  body: string;
  path: string;
  line: number | null;
  startLine: number | null;
  commitId: string;
}

export interface RecordedRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: Record<string, string>;
  /** The operation's id in the description, e.g. checks/create. */
  operationId: string | undefined;
  body: unknown;
  status: number;
}

export interface CheckRunState {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string };
  annotations: Record<string, unknown>[];
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  /** Requests or responses that do not match the description; must stay empty. */
  problems: string[];
  checkRuns: Map<number, CheckRunState>;
  reviewComments: ReviewCommentState[];
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const spec = githubOpenApi();
  const requests: RecordedRequest[] = [];
  const problems: string[] = [];
  const checkRuns = new Map<number, CheckRunState>();
  let nextCheckRunId = 4;
  let nextCommentId = 10;
  const reviewComments: ReviewCommentState[] = Object.entries(options.reviewComments ?? {}).flatMap(([n, bodies]) =>
    bodies.map((body) => ({
      id: nextCommentId++,
      pullNumber: Number(n),
      body,
      path: 'x.md',
      line: 1,
      startLine: null,
      commitId: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
    })),
  );
  let baseUrl = '';

  const handle = (match: MatchedOperation, query: Record<string, string>, body: unknown): Reply => {
    const params = match.pathParams;
    if (params.owner !== options.owner || params.repo !== options.repo) return notFound();
    switch (match.operation.operationId) {
      case 'pulls/list-files':
        return listFiles(spec, options, baseUrl, match, query);
      case 'pulls/list-review-comments': {
        const n = Number(params.pull_number);
        if (!options.pulls?.[n]) return notFound();
        // One page is enough for the tests (at most 100 per page).
        const items = reviewComments.filter((c) => c.pullNumber === n).map((c) => reviewCommentBody(spec, options, c));
        return { status: 200, body: items };
      }
      case 'pulls/create-review-comment': {
        if (options.token === 'read-only') return forbidden('https://docs.github.com/rest/pulls/comments#create-a-review-comment-for-a-pull-request');
        const n = Number(params.pull_number);
        const pull = options.pulls?.[n];
        if (!pull) return notFound();
        const request = body as { body: string; commit_id: string; path: string; line?: number; start_line?: number; side?: string };
        // GitHub refuses a comment outside the file's diff.
        const file = pull.files.find((f) => f.filename === request.path);
        if (!file || request.line === undefined)
          return { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', status: '422' } };
        const comment: ReviewCommentState = {
          id: nextCommentId++,
          pullNumber: n,
          body: request.body,
          path: request.path,
          line: request.line,
          startLine: request.start_line ?? null,
          commitId: request.commit_id,
        };
        reviewComments.push(comment);
        return { status: 201, body: reviewCommentBody(spec, options, comment) };
      }
      case 'checks/create': {
        if (options.token === 'read-only') return forbidden('https://docs.github.com/rest/checks/runs#create-a-check-run');
        const request = body as {
          name: string;
          head_sha: string;
          status?: string;
          conclusion?: string;
          output?: CheckRunState['output'] & { annotations?: Record<string, unknown>[] };
        };
        const run: CheckRunState = {
          id: nextCheckRunId++,
          name: request.name,
          head_sha: request.head_sha,
          status: request.conclusion ? 'completed' : (request.status ?? 'queued'),
          conclusion: request.conclusion ?? null,
          output: { title: request.output?.title, summary: request.output?.summary },
          annotations: [...(request.output?.annotations ?? [])],
        };
        checkRuns.set(run.id, run);
        return { status: 201, body: checkRunBody(spec, options, run) };
      }
      case 'checks/update': {
        if (options.token === 'read-only') return forbidden('https://docs.github.com/rest/checks/runs#update-a-check-run');
        const run = checkRuns.get(Number(params.check_run_id));
        if (!run) return notFound();
        const request = body as { status?: string; conclusion?: string; output?: CheckRunState['output'] & { annotations?: Record<string, unknown>[] } };
        if (options.failAnnotationUpdates && request.output?.annotations?.length) {
          return { status: 500, body: { message: 'Server Error', documentation_url: 'https://docs.github.com/rest', status: '500' } };
        }
        if (request.conclusion) {
          run.status = 'completed';
          run.conclusion = request.conclusion;
        } else if (request.status) run.status = request.status;
        if (request.output) {
          run.output = { title: request.output.title ?? run.output.title, summary: request.output.summary };
          // Each update appends to the annotations already there.
          run.annotations.push(...(request.output.annotations ?? []));
        }
        return { status: 200, body: checkRunBody(spec, options, run) };
      }
      default:
        problems.push(`unexpected call: ${match.method} ${match.template} (${match.operation.operationId})`);
        return { status: 501, body: { message: 'Not implemented by the fake', documentation_url: 'https://docs.github.com/rest' } };
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const checked = checkRequest(spec, { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: text });
      problems.push(...checked.problems);
      let reply: Reply;
      const auth = req.headers.authorization ?? '';
      if (options.expectedToken !== undefined && auth !== `token ${options.expectedToken}`) {
        problems.push(`${req.method} ${req.url}: expected "Authorization: token ${options.expectedToken}", got "${auth}"`);
        reply = { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } };
      } else if (!checked.match || checked.problems.length > 0) {
        reply = { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest', status: '422' } };
      } else {
        reply = handle(checked.match, checked.query, checked.body);
        problems.push(...checkResponse(spec, checked.match, reply.status, reply.body));
      }
      requests.push({
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
        query: checked.query,
        operationId: checked.match?.operation.operationId,
        body: checked.body,
        status: reply.status,
      });
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    requests,
    problems,
    checkRuns,
    reviewComments,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function notFound(): Reply {
  return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } };
}

/** What GitHub answers a GITHUB_TOKEN without the permission (a fork's pull request). */
function forbidden(documentationUrl: string): Reply {
  return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: documentationUrl, status: '403' } };
}

/** GET /repos/{owner}/{repo}/pulls/{pull_number}/files: per_page (default 30, at most 100), page, Link. */
function listFiles(spec: OpenApi, options: FakeGitHubOptions, baseUrl: string, match: MatchedOperation, query: Record<string, string>): Reply {
  const pull = options.pulls?.[Number(match.pathParams.pull_number)];
  if (!pull) return notFound();
  const perPage = Math.min(100, Number(query.per_page ?? 30));
  const page = Math.max(1, Number(query.page ?? 1));
  const last = Math.max(1, Math.ceil(pull.files.length / perPage));
  const [template] = exampleValue<Record<string, unknown>[]>(spec, 'diff-entry-items');
  const items = pull.files.slice((page - 1) * perPage, page * perPage).map((file, i) => {
    const encoded = file.filename.split('/').map(encodeURIComponent).join('/');
    const entry: Record<string, unknown> = {
      ...template,
      sha: file.status === 'removed' ? '0000000000000000000000000000000000000000' : fakeSha(file.filename),
      filename: file.filename,
      status: file.status,
      additions: file.status === 'removed' ? 0 : 10 + i,
      deletions: file.status === 'added' ? 0 : 2,
      blob_url: `https://github.com/${options.owner}/${options.repo}/blob/${pull.headSha}/${encoded}`,
      raw_url: `https://github.com/${options.owner}/${options.repo}/raw/${pull.headSha}/${encoded}`,
      contents_url: `https://api.github.com/repos/${options.owner}/${options.repo}/contents/${encoded}?ref=${pull.headSha}`,
    };
    entry.changes = (entry.additions as number) + (entry.deletions as number);
    // The example's patch is of another file; GitHub omits it for binary files anyway.
    delete entry.patch;
    if (file.patch !== undefined) entry.patch = file.patch;
    if (file.previous_filename) entry.previous_filename = file.previous_filename;
    return entry;
  });
  // GitHub's Link header (it may use /repositories/{id}/… URLs; the /repos/ form is equivalent).
  const link = (n: number) =>
    `<${baseUrl}${match.template
      .replace('{owner}', options.owner)
      .replace('{repo}', options.repo)
      .replace('{pull_number}', match.pathParams.pull_number ?? '')}?per_page=${perPage}&page=${n}>`;
  const rels: string[] = [];
  if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`, `${link(1)}; rel="first"`);
  if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
  return { status: 200, body: items, headers: rels.length > 0 ? { link: rels.join(', ') } : {} };
}

/** A check run shaped like the description's example, with this run's fields. */
function checkRunBody(spec: OpenApi, options: FakeGitHubOptions, run: CheckRunState): Record<string, unknown> {
  const example = exampleValue<Record<string, unknown> & { output: Record<string, unknown> }>(
    spec,
    run.status === 'completed' ? 'check-run-example-of-completed-conclusion' : 'check-run-example-of-in-progress-conclusion',
  );
  const api = `https://api.github.com/repos/${options.owner}/${options.repo}/check-runs/${run.id}`;
  return {
    ...example,
    id: run.id,
    node_id: Buffer.from(`CheckRun${run.id}`).toString('base64'),
    name: run.name,
    head_sha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    completed_at: run.status === 'completed' ? '2025-01-20T09:31:00Z' : null,
    url: api,
    html_url: `https://github.com/${options.owner}/${options.repo}/runs/${run.id}`,
    output: {
      ...example.output,
      title: run.output.title ?? null,
      summary: run.output.summary ?? null,
      text: null,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/annotations`,
    },
  };
}

/** A review comment shaped like the description's example, with this comment's fields. */
function reviewCommentBody(spec: OpenApi, options: FakeGitHubOptions, c: ReviewCommentState): Record<string, unknown> {
  const example = exampleValue<Record<string, unknown>>(spec, 'pull-request-review-comment');
  const api = `https://api.github.com/repos/${options.owner}/${options.repo}/pulls/comments/${c.id}`;
  return {
    ...example,
    id: c.id,
    node_id: Buffer.from(`PullRequestReviewComment${c.id}`).toString('base64'),
    url: api,
    html_url: `https://github.com/${options.owner}/${options.repo}/pull/${c.pullNumber}#discussion_r${c.id}`,
    pull_request_url: `https://api.github.com/repos/${options.owner}/${options.repo}/pulls/${c.pullNumber}`,
    body: c.body,
    path: c.path,
    commit_id: c.commitId,
    line: c.line,
    start_line: c.startLine,
    side: 'RIGHT',
    start_side: c.startLine === null ? null : 'RIGHT',
  };
}

/** A stable 40-hex "blob sha" for a file name. */
function fakeSha(name: string): string {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(5);
}
