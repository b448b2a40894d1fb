// The test oracle itself: the OpenAPI checks reject what GitHub would reject, so that the fake
// server of test/action/action.test.ts cannot drift from the real API; and the event payloads the
// harness uses are valid webhook payloads by GitHub's own schemas.
import { afterAll, describe, expect, it } from '@jest/globals';
import { pullRequestEvent, pushEvent } from '../helpers/action-fixtures.ts';
import { startFakeGitHub } from '../helpers/fake-github.ts';
import { checkRequest, exampleValue, githubOpenApi, matchOperation, validate } from '../helpers/openapi.ts';

const spec = githubOpenApi();
const json = { 'content-type': 'application/json; charset=utf-8' };
const annotation = {
  path: 'reports/2024.md',
  start_line: 3,
  end_line: 3,
  start_column: 99,
  end_column: 122,
  annotation_level: 'failure',
  message: '统计期限…',
  title: 'statistical-period',
};
const create = {
  name: 'xxgk-lint',
  head_sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  status: 'in_progress',
  output: { title: '1 个错误', summary: '…', annotations: [annotation] },
};

function problems(method: string, url: string, body?: unknown): string[] {
  return checkRequest(spec, { method, url, headers: json, body: body === undefined ? '' : JSON.stringify(body) }).problems;
}

describe("GitHub's OpenAPI description", () => {
  it('is (a part of) the published description of api.github.com', () => {
    expect(spec.openapi).toMatch(/^3\.0\./);
    for (const template of [
      '/repos/{owner}/{repo}/pulls/{pull_number}/files',
      '/repos/{owner}/{repo}/check-runs',
      '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    ]) {
      expect(spec.paths[template]).toBeDefined();
    }
  });

  it('finds the operation of a request, preferring literal segments', () => {
    const found = matchOperation(spec, 'PATCH', '/repos/octocat/Hello-World/check-runs/4');
    expect(found).toMatchObject({
      template: '/repos/{owner}/{repo}/check-runs/{check_run_id}',
      pathParams: { owner: 'octocat', repo: 'Hello-World', check_run_id: '4' },
    });
    expect(matchOperation(spec, 'GET', '/repos/octocat/Hello-World/pulls/7/files')).toMatchObject({ operation: { operationId: 'pulls/list-files' } });
  });
});

describe('request checks', () => {
  it('accept what the Action sends', () => {
    expect(problems('GET', '/repos/octocat/Hello-World/pulls/1347/files?per_page=100&page=2')).toEqual([]);
    expect(problems('POST', '/repos/octocat/Hello-World/check-runs', create)).toEqual([]);
    expect(
      problems('PATCH', '/repos/octocat/Hello-World/check-runs/4', {
        status: 'completed',
        conclusion: 'failure',
        completed_at: '2025-01-20T09:31:00Z',
        output: create.output,
      }),
    ).toEqual([]);
    expect(problems('PATCH', '/repos/octocat/Hello-World/check-runs/4', { output: create.output })).toEqual([]);
  });

  it.each([
    ['an unknown path', 'GET', '/repos/octocat/Hello-World/pull/1347/files', undefined, 'no such path'],
    ['a wrong method', 'PUT', '/repos/octocat/Hello-World/check-runs', create, 'method not allowed'],
    ['a path parameter of the wrong type', 'GET', '/repos/octocat/Hello-World/pulls/abc/files', undefined, 'path parameter pull_number: expected integer'],
    ['an unknown query parameter', 'GET', '/repos/octocat/Hello-World/pulls/1347/files?perPage=100', undefined, 'unknown query parameter perPage'],
    ['a query parameter of the wrong type', 'GET', '/repos/octocat/Hello-World/pulls/1347/files?page=two', undefined, 'query parameter page: expected integer'],
    ['a body on a GET', 'GET', '/repos/octocat/Hello-World/pulls/1347/files', { page: 2 }, 'takes no request body'],
    ['no body where one is required', 'POST', '/repos/octocat/Hello-World/check-runs', undefined, 'the request body is required'],
    ['a missing required property', 'POST', '/repos/octocat/Hello-World/check-runs', { name: 'xxgk-lint' }, 'required property head_sha is missing'],
    [
      'a misspelt property',
      'POST',
      '/repos/octocat/Hello-World/check-runs',
      { ...create, output: { ...create.output, annotation: [] } },
      'body.output.annotation: property not in the schema',
    ],
    [
      'a wrong enum value',
      'POST',
      '/repos/octocat/Hello-World/check-runs',
      { ...create, output: { ...create.output, annotations: [{ ...annotation, annotation_level: 'error' }] } },
      '"error" is not one of "notice", "warning", "failure"',
    ],
    [
      'an annotation without path',
      'POST',
      '/repos/octocat/Hello-World/check-runs',
      { ...create, output: { ...create.output, annotations: [{ ...annotation, path: undefined }] } },
      'required property path is missing',
    ],
    [
      '51 annotations in one request',
      'POST',
      '/repos/octocat/Hello-World/check-runs',
      { ...create, output: { ...create.output, annotations: Array(51).fill(annotation) } },
      'more than 50 items',
    ],
    [
      'a line number as a string',
      'POST',
      '/repos/octocat/Hello-World/check-runs',
      { ...create, output: { ...create.output, annotations: [{ ...annotation, start_line: '3' }] } },
      'start_line: expected integer, got string',
    ],
    ['completed without a conclusion', 'PATCH', '/repos/octocat/Hello-World/check-runs/4', { status: 'completed' }, 'matches none of anyOf'],
    [
      'a date that is not ISO 8601',
      'PATCH',
      '/repos/octocat/Hello-World/check-runs/4',
      { conclusion: 'success', completed_at: '2025/01/20' },
      'not an ISO 8601 date-time',
    ],
    [
      'a summary over 65535 characters',
      'PATCH',
      '/repos/octocat/Hello-World/check-runs/4',
      { output: { title: 't', summary: 'x'.repeat(65536) } },
      'longer than 65535 characters',
    ],
  ])('reject %s', (_what, method, url, body, expected) => {
    expect(problems(method, url, body).join('\n')).toContain(expected);
  });
});

describe('the fake GitHub', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('records a request that does not match the description as a problem, and answers 422', async () => {
    const server = await startFakeGitHub({ owner: 'octocat', repo: 'Hello-World' });
    servers.push(server);
    const response = await fetch(`${server.url}/repos/octocat/Hello-World/check-runs`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'xxgk-lint' }),
    });
    expect(response.status).toBe(422);
    expect(server.problems).toEqual(['POST /repos/{owner}/{repo}/check-runs: body: required property head_sha is missing']);
  });

  it('paginates the files of a pull request like GitHub, with a Link header', async () => {
    const files = Array.from({ length: 45 }, (_, i) => ({ filename: `r/${i}.md`, status: 'added' as const }));
    const server = await startFakeGitHub({ owner: 'octocat', repo: 'Hello-World', pulls: { 7: { headSha: 'a'.repeat(40), files } } });
    servers.push(server);
    const first = await fetch(`${server.url}/repos/octocat/Hello-World/pulls/7/files`);
    expect(((await first.json()) as unknown[]).length).toBe(30);
    expect(first.headers.get('link')).toBe(
      `<${server.url}/repos/octocat/Hello-World/pulls/7/files?per_page=30&page=2>; rel="next", <${server.url}/repos/octocat/Hello-World/pulls/7/files?per_page=30&page=2>; rel="last"`,
    );
    const second = await fetch(`${server.url}/repos/octocat/Hello-World/pulls/7/files?per_page=30&page=2`);
    expect(((await second.json()) as { filename: string }[]).map((f) => f.filename)).toEqual(files.slice(30).map((f) => f.filename));
    expect(server.problems).toEqual([]);
  });
});

describe('the response examples the fake builds on', () => {
  it.each([
    ['diff-entry-items', { type: 'array', items: { $ref: '#/components/schemas/diff-entry' } }],
    ['check-run-example-of-in-progress-conclusion', { $ref: '#/components/schemas/check-run' }],
    ['check-run-example-of-completed-conclusion', { $ref: '#/components/schemas/check-run' }],
  ])('%s is valid by its own schema', (name, schema) => {
    expect(validate(spec, schema, exampleValue(spec, name), name)).toEqual([]);
  });
});

describe('the event payloads', () => {
  it('pull_request (synchronize) is a valid webhook payload', () => {
    expect(validate(spec, { $ref: '#/components/schemas/webhook-pull-request-synchronize' }, pullRequestEvent(), 'payload')).toEqual([]);
  });

  it('pull_request from a fork is a valid webhook payload, with its head in another repository', () => {
    const payload = pullRequestEvent({ fromFork: true });
    expect(validate(spec, { $ref: '#/components/schemas/webhook-pull-request-synchronize' }, payload, 'payload')).toEqual([]);
    expect(payload.pull_request.head.repo.full_name).not.toBe(payload.repository.full_name);
  });

  it('push is a valid webhook payload', () => {
    expect(validate(spec, { $ref: '#/components/schemas/webhook-push' }, pushEvent(), 'payload')).toEqual([]);
  });

  it('an invalid payload is caught (the check is not vacuous)', () => {
    const payload = pullRequestEvent();
    delete (payload.pull_request.head as Record<string, unknown>).sha;
    expect(validate(spec, { $ref: '#/components/schemas/webhook-pull-request-synchronize' }, payload, 'payload')).toEqual([
      'payload.pull_request.head: required property sha is missing',
    ]);
  });
});

describe('the validator', () => {
  it('reports a keyword it does not implement instead of ignoring it', () => {
    expect(validate(spec, { type: 'string', contentEncoding: 'base64' }, 'x', 'v')).toEqual(['v: the validator does not know the keyword "contentEncoding"']);
  });

  it('handles nullable, oneOf and allOf', () => {
    expect(validate(spec, { type: 'string', nullable: true }, null, 'v')).toEqual([]);
    expect(validate(spec, { type: 'string' }, null, 'v')).toEqual(['v: expected string, got null']);
    expect(validate(spec, { oneOf: [{ type: 'string' }, { type: 'integer' }] }, 1, 'v')).toEqual([]);
    expect(validate(spec, { oneOf: [{ type: 'number' }, { type: 'integer' }] }, 1, 'v')).toEqual(['v: matches 2 of oneOf, not exactly 1']);
    expect(
      validate(
        spec,
        {
          allOf: [
            { type: 'object', required: ['a'] },
            { type: 'object', required: ['b'] },
          ],
        },
        { a: 1 },
        'v',
      ),
    ).toEqual(['v: required property b is missing']);
  });
});
