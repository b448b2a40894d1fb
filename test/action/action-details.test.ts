// Action details (issue 12 item 8): a `files` input that matches nothing fails as the CLI does, and
// the summary's wording fits the event (a push has no "Files changed" tab).
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildSummary } from '../../src/adapters/action/summary.ts';
import type { SummaryInput } from '../../src/adapters/action/summary.ts';
import { CLEAN_REPORT } from '../helpers/action-fixtures.ts';
import { runOnPush } from '../helpers/action-harness.ts';
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.ts';

afterAll(removeTempDirs);

describe('a files input that matches nothing', () => {
  it('fails the step naming the patterns, instead of “no problems in 0 files”', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'reports/2024/a.md': CLEAN_REPORT });
    const run = await runOnPush(dir, { files: 'report/**/*.md', locale: 'en' });
    expect(run.exitCode).toBe(1);
    const errors = run.commands.filter((c) => c.command === 'error').map((c) => c.message);
    expect(errors).toEqual(['files (report/**/*.md) matched no files']);
    expect(run.summary).not.toContain('No problems found');
  }, 20_000);
});

describe('the summary on a push and on a pull request', () => {
  const base: SummaryInput = {
    locale: 'en',
    results: [],
    cwd: '/w',
    patterns: ['**/*.md'],
    pullRequest: undefined,
    notPullRequestEvent: undefined,
    fallback: undefined,
    skipped: [],
    otherChanged: 0,
    links: undefined,
    checkRun: { url: 'https://github.com/o/r/runs/4', count: 60 },
    sarif: false,
    rules: [],
    version: '0.0.0',
  };

  it('points to the pull request’s Files changed tab only on a pull request', () => {
    expect(buildSummary({ ...base, onPullRequest: true })).toContain('Files changed');
    const push = buildSummary({ ...base, onPullRequest: false });
    expect(push).not.toContain('Files changed');
    expect(push).toContain('All 60 annotations are in the [check run](https://github.com/o/r/runs/4), on their lines in this commit’s checks.');
    const refused = buildSummary({ ...base, onPullRequest: false, checkRun: { failed: 'HTTP 403' } });
    expect(refused).not.toContain('pull request');
    expect(refused).toContain('the workflow run shows only the first 10 error and 10 warning annotations');
  });
});
