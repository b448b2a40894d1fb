// Fixes and suggestions as review comments with ```suggestion blocks: the pure parts (which lines a
// diff shows, the lines an edit rewrites, the comment bodies and their markers), and the Action end
// to end against the fake GitHub (which checks every request against GitHub's OpenAPI description).
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { buildSuggestions, diffHunks, editedLines, postedKeys, suggestionsRefused } from '../../src/adapters/action/suggestions.ts';
import { lintText } from '../../src/engine/lint.ts';
import { parseInputs } from '../../src/adapters/action/inputs.ts';
import { THREE_FINDINGS_REPORT, pullRequestEvent } from '../helpers/action-fixtures.ts';
import { ACTION_ENTRY, TOKEN, runAction } from '../helpers/action-harness.ts';
import { startFakeGitHub } from '../helpers/fake-github.ts';
import type { FakeGitHub, FakeGitHubOptions } from '../helpers/fake-github.ts';
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.ts';

describe('diffHunks', () => {
  it('lists the head version’s lines (context and added) of each hunk', () => {
    const patch = ['@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c', '@@ -10,2 +10,3 @@', ' x', '+y', '\\ No newline at end of file', ' z'].join('\n');
    expect(diffHunks(patch).map((h) => [...h])).toEqual([
      [1, 2, 3],
      [10, 11, 12],
    ]);
    expect(diffHunks(undefined)).toEqual([]);
  });
});

describe('editedLines', () => {
  it('gives the whole lines an edit touches, rewritten', () => {
    const text = 'one\ntwo 2023\nthree\n';
    expect(editedLines(text, { range: [8, 12], text: '2024' })).toEqual({ startLine: 2, endLine: 2, replacement: 'two 2024' });
    // An insertion with line breaks: one line becomes three.
    expect(editedLines(text, { range: [3, 3], text: '\n\nnew' })).toEqual({ startLine: 1, endLine: 1, replacement: 'one\n\nnew' });
    // Over two lines; an edit ending right after a line break ends on the line before.
    expect(editedLines(text, { range: [2, 6], text: 'X' })).toEqual({ startLine: 1, endLine: 2, replacement: 'onXo 2023' });
    expect(editedLines(text, { range: [4, 12], text: '' })).toEqual({ startLine: 2, endLine: 2, replacement: '' });
    expect(editedLines('a\r\nb 1\r\n', { range: [5, 6], text: '2' })).toEqual({ startLine: 2, endLine: 2, replacement: 'b 2' });
  });
});

describe('where suggestions may be posted', () => {
  it('only on pull_request events from the same repository', () => {
    expect(suggestionsRefused('pull_request', { fromFork: false })).toBeUndefined();
    expect(suggestionsRefused('pull_request', { fromFork: true })).toBe('suggestionsFork');
    expect(suggestionsRefused('pull_request_target', { fromFork: false })).toBe('suggestionsTarget');
    expect(suggestionsRefused('pull_request_target', { fromFork: true })).toBe('suggestionsTarget');
  });

  it('the suggestions input is a count (default 20, 0 for none)', () => {
    expect(parseInputs({}).suggestions).toBe(20);
    expect(parseInputs({ suggestions: '0' }).suggestions).toBe(0);
    expect(() => parseInputs({ suggestions: 'many', locale: 'en' })).toThrow('Invalid value "many" for input suggestions');
  });
});

describe('buildSuggestions', () => {
  const added = (text: string) =>
    `@@ -0,0 +1,${text.split('\n').length} @@\n${text
      .split('\n')
      .map((l) => `+${l}`)
      .join('\n')}`;

  it('one comment per fix or suggestion inside the diff, with a suggestion block and a stable marker', () => {
    const result = lintText(THREE_FINDINGS_REPORT, { filePath: 'r.md' });
    const [fix, suggestion, ...rest] = buildSuggestions([{ path: 'r.md', text: THREE_FINDINGS_REPORT, result, patch: added(THREE_FINDINGS_REPORT) }]);
    expect(rest).toEqual([]);
    expect(fix?.line).toBe(3);
    expect(fix?.body).toContain('```suggestion\n');
    expect(fix?.body).toContain('统计期限自2024年1月1日起至2024年12月31日止');
    expect(fix?.body).toMatch(/<!-- xxgk-lint-suggestion [0-9a-f]{16} -->$/);
    expect(suggestion?.body).toContain('💡');
    expect(suggestion?.body).toContain('2024年度本单位未收取信息处理费。');
    // Same input, same keys: a re-run finds its own comments.
    const again = buildSuggestions([{ path: 'r.md', text: THREE_FINDINGS_REPORT, result, patch: added(THREE_FINDINGS_REPORT) }]);
    expect(again.map((s) => s.key)).toEqual([fix?.key, suggestion?.key]);
    expect(postedKeys([fix?.body ?? '', 'an unrelated comment'])).toEqual(new Set([fix?.key]));
  });

  it('nothing outside the diff', () => {
    const result = lintText(THREE_FINDINGS_REPORT, { filePath: 'r.md' });
    const onlyLine90 = '@@ -90,1 +90,1 @@\n-x\n+y';
    expect(buildSuggestions([{ path: 'r.md', text: THREE_FINDINGS_REPORT, result, patch: onlyLine90 }])).toEqual([]);
    expect(buildSuggestions([{ path: 'r.md', text: THREE_FINDINGS_REPORT, result, patch: undefined }])).toEqual([]);
  });

  it('one comment for findings that offer the same edit', () => {
    const m = {
      ruleId: 'r',
      messageId: 'm',
      severity: 2 as const,
      message: 'm',
      data: {},
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
      fix: { range: [0, 1] as const, text: 'A' },
    };
    const result = { filePath: 'x.md', messages: [m, { ...m, message: 'other relation' }], errorCount: 2, warningCount: 0 };
    expect(buildSuggestions([{ path: 'x.md', text: 'a\n', result, patch: '@@ -1 +1 @@\n+a' }])).toHaveLength(1);
  });

  it('a block longer than any fence in the replacement', () => {
    const text = 'a ```` b\n';
    const result = {
      filePath: 'x.md',
      messages: [
        {
          ruleId: 'r',
          messageId: 'm',
          severity: 2 as const,
          message: 'm',
          data: {},
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 2,
          fix: { range: [0, 1] as const, text: 'A' },
        },
      ],
      errorCount: 1,
      warningCount: 0,
    };
    const [s] = buildSuggestions([{ path: 'x.md', text, result, patch: '@@ -1 +1 @@\n+a ```` b' }]);
    expect(s?.body).toContain('`````suggestion\nA ```` b\n`````');
  });
});

const OWNER = 'octocat';
const REPO = 'Hello-World';
const REPORT = 'reports/2024/a.md';
const TIMEOUT = 30_000;
let servers: FakeGitHub[] = [];

beforeAll(() => {
  if (!existsSync(ACTION_ENTRY)) throw new Error(`${ACTION_ENTRY} is missing: the global setup builds it`);
});
afterEach(async () => {
  for (const server of servers) expect(server.problems).toEqual([]);
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
afterAll(removeTempDirs);

async function setup(options: Partial<FakeGitHubOptions> = {}, fromFork = false) {
  const payload = pullRequestEvent({ fromFork });
  const lines = THREE_FINDINGS_REPORT.split('\n');
  const patch = `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
  const server = await startFakeGitHub({
    owner: OWNER,
    repo: REPO,
    expectedToken: TOKEN,
    pulls: { 1347: { headSha: payload.pull_request.head.sha as string, files: [{ filename: REPORT, status: 'added', patch }] } },
    ...options,
  });
  servers.push(server);
  const dir = await makeTempDir();
  await writeTree(dir, { [REPORT]: THREE_FINDINGS_REPORT });
  return { server, dir, payload };
}

describe('the Action posts suggestions on the pull request', () => {
  it(
    'posts each once: a re-run finds them by their marker and posts nothing new',
    async () => {
      const { server, dir, payload } = await setup();
      const first = await runAction({ workspace: dir, eventName: 'pull_request', payload, apiUrl: server.url });
      expect(server.reviewComments).toHaveLength(2);
      const [fix, suggestion] = server.reviewComments;
      expect(fix).toMatchObject({ path: REPORT, line: 3, startLine: null, commitId: payload.pull_request.head.sha });
      expect(fix?.body).toContain('```suggestion\n');
      expect(suggestion?.body).toContain('2024年度本单位未收取信息处理费。');
      expect(first.stdout).toContain('在拉取请求上发布了 2 条修改建议（已有 0 条');
      const second = await runAction({ workspace: dir, eventName: 'pull_request', payload, apiUrl: server.url });
      expect(server.reviewComments).toHaveLength(2);
      expect(second.exitCode).toBe(first.exitCode);
      expect(server.requests.filter((r) => r.operationId === 'pulls/create-review-comment')).toHaveLength(2);
    },
    TIMEOUT,
  );

  it(
    'posts no more than the suggestions input allows',
    async () => {
      const one = await setup();
      await runAction({ workspace: one.dir, eventName: 'pull_request', payload: one.payload, apiUrl: one.server.url, inputs: { suggestions: '1' } });
      expect(one.server.reviewComments).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    'a token that may not write comments gives a warning, not a failure of its own',
    async () => {
      const { server, dir, payload } = await setup({ token: 'read-only' });
      const run = await runAction({ workspace: dir, eventName: 'pull_request', payload, apiUrl: server.url, inputs: { locale: 'en' } });
      expect(run.commands.some((c) => c.command === 'warning' && c.message.includes('Could not post a suggested change (HTTP 403'))).toBe(true);
    },
    TIMEOUT,
  );
});
