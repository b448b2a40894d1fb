// The GitHub Action end to end, without GitHub: its bundle, built from the current sources by the
// tests' global setup, runs as a child process with the runner's environment, against a fake REST
// API on 127.0.0.1 that checks every request (and its own responses) against GitHub's OpenAPI
// description. CI checks separately that the committed dist/action.js is current.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLEAN_REPORT, THREE_FINDINGS_REPORT, pullRequestEvent, pushEvent } from '../helpers/action-fixtures.ts';
import { ACTION_ENTRY, TOKEN, runAction } from '../helpers/action-harness.ts';
import type { ActionRun, WorkflowCommand } from '../helpers/action-harness.ts';
import { startFakeGitHub } from '../helpers/fake-github.ts';
import type { FakeChangedFile, FakeGitHub, FakeGitHubOptions } from '../helpers/fake-github.ts';
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.ts';
import { consistentPair } from '../../rules/lib/examples.ts';
import { sampleReport } from '../../src/testing/sample.ts';

const TIMEOUT = 20_000;
const OWNER = 'octocat';
const REPO = 'Hello-World';
const PR = pullRequestEvent();
const HEAD_SHA = PR.pull_request.head.sha;
const REPORT = 'reports/2024/临江区人民政府办公室.md';

let servers: FakeGitHub[] = [];

beforeAll(() => {
  if (!existsSync(ACTION_ENTRY)) throw new Error(`${ACTION_ENTRY} is missing: the global setup (test/helpers/global-setup.mjs) builds it`);
});
afterEach(async () => {
  // A request that GitHub's API description does not allow fails the test that made it.
  for (const server of servers) expect(server.problems).toEqual([]);
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
afterAll(removeTempDirs);

async function fakeGitHub(options: Partial<FakeGitHubOptions> = {}): Promise<FakeGitHub> {
  const server = await startFakeGitHub({ owner: OWNER, repo: REPO, expectedToken: TOKEN, ...options });
  servers.push(server);
  return server;
}

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await makeTempDir();
  await writeTree(dir, files);
  return dir;
}

const annotations = (run: ActionRun): WorkflowCommand[] => run.commands.filter((c) => (c.command === 'error' || c.command === 'warning') && c.properties.file);
const plainCommands = (run: ActionRun, command: string): string[] =>
  run.commands.filter((c) => c.command === command && !c.properties.file).map((c) => c.message);
const calls = (server: FakeGitHub): string[] => server.requests.map((r) => `${r.method} ${r.path}${r.query.page ? ` page=${r.query.page}` : ''} → ${r.status}`);

/** 20 reports with 2 errors and 1 warning each (60 findings), and 110 images: 130 changed files, two pages. */
function sixtyFindings(): { files: Record<string, string>; changed: FakeChangedFile[] } {
  const files: Record<string, string> = {};
  const changed: FakeChangedFile[] = [];
  for (let i = 1; i <= 20; i++) {
    const name = `reports/2024/单位${String(i).padStart(2, '0')}.md`;
    files[name] = THREE_FINDINGS_REPORT;
    changed.push({ filename: name, status: i % 2 === 0 ? 'modified' : 'added' });
  }
  for (let i = 1; i <= 110; i++) changed.push({ filename: `images/附图${i}.png`, status: 'added' });
  return { files, changed };
}

describe('a pull request without findings', () => {
  it(
    'lints only the changed reports, prints no annotations, and passes',
    async () => {
      const server = await fakeGitHub({
        pulls: {
          1347: {
            headSha: HEAD_SHA,
            files: [
              { filename: REPORT, status: 'modified' },
              { filename: 'docs/填报说明.md', status: 'added' },
              { filename: 'reports/drafts/草稿.md', status: 'added' },
              { filename: 'reports/2022/旧报告.md', status: 'removed' },
              { filename: 'images/logo.png', status: 'added' },
            ],
          },
        },
      });
      const dir = await workspace({
        [REPORT]: CLEAN_REPORT,
        // Defective, but not changed by the pull request: not linted.
        'reports/2023/未修改.md': THREE_FINDINGS_REPORT,
        'reports/drafts/草稿.md': THREE_FINDINGS_REPORT,
        'docs/填报说明.md': '# 填报说明\n',
        '.xxgk-lint.json': JSON.stringify({ ignores: ['reports/drafts/'] }),
      });
      const run = await runAction({ workspace: dir, eventName: 'pull_request', payload: PR, apiUrl: server.url, inputs: { files: 'reports/**/*.md' } });

      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(annotations(run)).toEqual([]);
      expect(run.commands.filter((c) => c.command === 'error' || c.command === 'warning')).toEqual([]);
      expect(run.outputs).toEqual({ 'error-count': '0', 'warning-count': '0', 'files-checked': '1', 'sarif-file': '' });
      expect(calls(server)).toEqual([`GET /repos/${OWNER}/${REPO}/pulls/1347/files → 200`]);
      expect(server.requests[0]?.query).toEqual({ per_page: '100' });

      expect(run.summary).toContain('## xxgk-lint 年度报告检查结果');
      expect(run.summary).toContain('✅ 没有发现问题。检查了拉取请求 #1347 新增或修改的 1 个报告文件。');
      expect(run.summary).toContain(
        `| [\`${REPORT}\`](https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/reports/2024/%E4%B8%B4%E6%B1%9F%E5%8C%BA%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C%E5%8A%9E%E5%85%AC%E5%AE%A4.md) | 0 | 0 | — |`,
      );
      expect(run.summary).not.toContain('未修改.md');
      const skipped = run.summary.slice(run.summary.indexOf('### 未检查的文件'));
      expect(skipped).toContain('| `docs/填报说明.md` | 不在 files 的匹配范围内，或被 .gitignore 排除 |');
      expect(skipped).toContain('| `reports/drafts/草稿.md` | 被配置文件的 ignores 排除 |');
      expect(skipped).toContain('| `reports/2022/旧报告.md` | 拉取请求删除了此文件 |');
      expect(skipped).toContain('拉取请求还修改了 1 个其他文件（不是 Markdown 报告），不检查。');
    },
    TIMEOUT,
  );
});

describe('a pull request that changes one report of an agency', () => {
  it(
    'compares it with last year’s report in the checkout, without linting that one',
    async () => {
      const pair = consistentPair(2024);
      const server = await fakeGitHub({ pulls: { 1347: { headSha: HEAD_SHA, files: [{ filename: 'reports/甲.md', status: 'modified' }] } } });
      const dir = await workspace({
        'reports/甲.md': sampleReport(pair.current),
        // Last year's report: carried 3 forward where this year says 2, and no fee statement of its own.
        'reports/乙.md': sampleReport({ ...pair.previous, t3: { ...pair.previous.t3, carryOver: [3, 0, 0, 0, 0, 0] }, part6: '无。' }),
      });
      const run = await runAction({
        workspace: dir,
        eventName: 'pull_request',
        payload: PR,
        apiUrl: server.url,
        inputs: { files: 'reports/**/*.md', locale: 'en' },
      });
      expect(run.stderr).toBe('');
      const found = annotations(run).map((c) => [c.properties.file, c.properties.title, c.message]);
      expect(found).toEqual([
        ['reports/甲.md', 'carry-over', expect.stringContaining('(乙.md:')],
        ['reports/甲.md', 'carry-over', expect.stringContaining('(乙.md:')],
      ]);
      expect(run.outputs['files-checked']).toBe('1');
      // Two full sample reports through the bundle: slower than the other cases on a loaded machine.
    },
    3 * TIMEOUT,
  );
});

describe('a pull request with 3 findings', () => {
  let server: FakeGitHub;
  let run: ActionRun;
  beforeAll(async () => {
    server = await startFakeGitHub({
      owner: OWNER,
      repo: REPO,
      expectedToken: TOKEN,
      pulls: { 1347: { headSha: HEAD_SHA, files: [{ filename: REPORT, status: 'modified' }] } },
    });
    const dir = await workspace({ [REPORT]: THREE_FINDINGS_REPORT });
    run = await runAction({ workspace: dir, eventName: 'pull_request', payload: PR, apiUrl: server.url });
  }, TIMEOUT);
  afterAll(() => server.close());

  it('annotates each finding on its file and line with workflow commands', () => {
    expect(server.problems).toEqual([]);
    expect(run.stderr).toBe('');
    expect(annotations(run)).toEqual([
      {
        command: 'error',
        properties: { file: REPORT, line: '3', col: '221', endLine: '3', endColumn: '244', title: 'statistical-period' },
        message: '统计期限“2023年1月1日起至2023年12月31日止”不是报告年度，应为2024年1月1日至2024年12月31日',
      },
      {
        command: 'error',
        properties: { file: REPORT, line: '85', col: '4', endLine: '85', endColumn: '15', title: 'fee-statement' },
        message: '第六部分未说明信息处理费收取情况，如“2024年度本单位未收取信息处理费。”',
      },
      {
        command: 'warning',
        // The agency and the date below it: a span over three lines.
        properties: { file: REPORT, line: '93', col: '1', endLine: '95', endColumn: '11', title: 'signature-date' },
        message: '成文日期2025年2月20日晚于公布期限2025年1月31日（条例第四十九条）',
      },
    ]);
    // The raw lines, as GitHub's runner receives them (the file name is not percent-encoded).
    expect(run.stdout).toContain(
      `::warning file=${REPORT},line=93,col=1,endLine=95,endColumn=11,title=signature-date::成文日期2025年2月20日晚于公布期限2025年1月31日（条例第四十九条）\n`,
    );
  });

  it('fails the step on the errors (fail-on: error), with one line saying so', () => {
    expect(run.exitCode).toBe(1);
    expect(plainCommands(run, 'error')).toEqual(['xxgk-lint 发现 2 个错误（fail-on: error）']);
    expect(run.outputs).toEqual({ 'error-count': '2', 'warning-count': '1', 'files-checked': '1', 'sarif-file': '' });
  });

  it('lists the changed files and makes no check run (10 errors and 10 warnings fit in workflow commands)', () => {
    expect(calls(server)).toEqual([`GET /repos/${OWNER}/${REPO}/pulls/1347/files → 200`]);
  });

  it('shows the full report in the log with workflow commands switched off', () => {
    expect(run.log).toContain('  3:221  错误  统计期限“2023年1月1日起至2023年12月31日止”不是报告年度，应为2024年1月1日至2024年12月31日  statistical-period');
    expect(run.stdout).toMatch(/^::stop-commands::xxgk-lint-[0-9a-f-]{36}$/m);
  });

  it('writes a job summary in Chinese with a table per file, findings with line links, and the rules hit', () => {
    expect(run.summary).toMatchSnapshot();
    const base = `https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/reports/2024/%E4%B8%B4%E6%B1%9F%E5%8C%BA%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C%E5%8A%9E%E5%85%AC%E5%AE%A4.md`;
    expect(run.summary).toContain(
      `| [85:4](${base}?plain=1#L85) | 错误 | \`fee-statement\` | 第六部分未说明信息处理费收取情况，如“2024年度本单位未收取信息处理费。” |`,
    );
  });
});

describe('a pull request with 60 findings', () => {
  it(
    'publishes every annotation through a check run, in batches of 50, and says so in the log',
    async () => {
      const { files, changed } = sixtyFindings();
      const server = await fakeGitHub({ pulls: { 1347: { headSha: HEAD_SHA, files: changed } } });
      const dir = await workspace(files);
      const run = await runAction({ workspace: dir, eventName: 'pull_request', payload: PR, apiUrl: server.url });

      expect(run.stderr).toBe('');
      expect(calls(server)).toEqual([
        `GET /repos/${OWNER}/${REPO}/pulls/1347/files → 200`,
        `GET /repos/${OWNER}/${REPO}/pulls/1347/files page=2 → 200`,
        `POST /repos/${OWNER}/${REPO}/check-runs → 201`,
        `PATCH /repos/${OWNER}/${REPO}/check-runs/4 → 200`,
      ]);
      type CheckRunBody = { output: { annotations: unknown[] } };
      const create = server.requests[2]?.body as CheckRunBody;
      const update = server.requests[3]?.body as CheckRunBody;
      expect(create).toMatchObject({ name: 'xxgk-lint', head_sha: HEAD_SHA, status: 'in_progress', output: { title: '40 个错误，20 个警告' } });
      expect(create).not.toHaveProperty('conclusion');
      expect(create.output.annotations).toHaveLength(50);
      expect(update).toMatchObject({ status: 'completed', conclusion: 'failure' });
      expect(update.output.annotations).toHaveLength(10);

      const checkRun = server.checkRuns.get(4);
      expect(checkRun?.annotations).toHaveLength(60);
      expect(checkRun?.annotations.filter((a) => a.annotation_level === 'failure')).toHaveLength(40);
      expect(checkRun?.annotations[0]).toEqual({
        path: 'reports/2024/单位01.md',
        start_line: 3,
        end_line: 3,
        start_column: 221,
        end_column: 244,
        annotation_level: 'failure',
        title: 'statistical-period',
        message: '统计期限“2023年1月1日起至2023年12月31日止”不是报告年度，应为2024年1月1日至2024年12月31日',
      });
      // Over several lines: the Checks API takes no columns then.
      expect(checkRun?.annotations[2]).toEqual({
        path: 'reports/2024/单位01.md',
        start_line: 93,
        end_line: 95,
        annotation_level: 'warning',
        title: 'signature-date',
        message: '成文日期2025年2月20日晚于公布期限2025年1月31日（条例第四十九条）',
      });

      // None is annotated twice: no workflow-command annotations besides the check run's.
      expect(annotations(run)).toEqual([]);
      expect(run.log).toContain(
        '共 40 个错误、20 个警告：GitHub 每个步骤只显示工作流命令产生的前 10 个错误和前 10 个警告注释，因此通过检查运行（Checks API）发布全部注释',
      );
      expect(run.log).toContain(`全部 60 条注释已发布到检查运行“xxgk-lint”（分 2 批）：https://github.com/${OWNER}/${REPO}/runs/4`);
      expect(run.exitCode).toBe(1);
      expect(run.outputs).toEqual({ 'error-count': '40', 'warning-count': '20', 'files-checked': '20', 'sarif-file': '' });
      expect(run.summary).toContain(`全部 60 条注释已发布到[检查运行](https://github.com/${OWNER}/${REPO}/runs/4)`);
      expect(run.summary).toContain('拉取请求还修改了 110 个其他文件（不是 Markdown 报告），不检查。');
    },
    TIMEOUT,
  );
});

describe('a check run that fails midway', () => {
  it(
    'completes the run, falls back to workflow commands, and says so',
    async () => {
      const { files, changed } = sixtyFindings();
      const server = await fakeGitHub({ failAnnotationUpdates: true, pulls: { 1347: { headSha: HEAD_SHA, files: changed } } });
      const run = await runAction({ workspace: await workspace(files), eventName: 'pull_request', payload: PR, apiUrl: server.url });
      expect(calls(server).slice(2)).toEqual([
        `POST /repos/${OWNER}/${REPO}/check-runs → 201`,
        `PATCH /repos/${OWNER}/${REPO}/check-runs/4 → 500`,
        `PATCH /repos/${OWNER}/${REPO}/check-runs/4 → 200`,
      ]);
      expect(server.checkRuns.get(4)).toMatchObject({ status: 'completed', conclusion: 'failure' });
      expect(plainCommands(run, 'warning')).toEqual([
        '发布检查运行失败（HTTP 500: Server Error）。改为输出工作流命令注释：GitHub 只显示其中前 10 个错误和前 10 个警告，全部问题见作业摘要',
      ]);
      expect(annotations(run)).toHaveLength(60);
      expect(run.exitCode).toBe(1);
    },
    TIMEOUT,
  );
});

describe('a pull request from a fork, with a read-only token', () => {
  it(
    'falls back to workflow commands and the summary when the check run is refused (403), without failing for it',
    async () => {
      const { files, changed } = sixtyFindings();
      const fork = pullRequestEvent({ fromFork: true });
      const server = await fakeGitHub({ token: 'read-only', pulls: { 1347: { headSha: HEAD_SHA, files: changed } } });
      const dir = await workspace(files);
      const run = await runAction({ workspace: dir, eventName: 'pull_request', payload: fork, apiUrl: server.url, inputs: { 'fail-on': 'never' } });

      expect(run.stderr).toBe('');
      expect(calls(server)).toEqual([
        `GET /repos/${OWNER}/${REPO}/pulls/1347/files → 200`,
        `GET /repos/${OWNER}/${REPO}/pulls/1347/files page=2 → 200`,
        `POST /repos/${OWNER}/${REPO}/check-runs → 403`,
      ]);
      expect(plainCommands(run, 'warning')).toEqual([
        '无法创建检查运行（HTTP 403：Resource not accessible by integration）。拉取请求来自复刻仓库时令牌是只读的，或者工作流缺少 permissions: checks: write。改为输出工作流命令注释：GitHub 只显示其中前 10 个错误和前 10 个警告，全部问题见作业摘要',
      ]);
      const printed = annotations(run);
      expect(printed).toHaveLength(60);
      expect(printed.filter((c) => c.command === 'error')).toHaveLength(40);
      expect(plainCommands(run, 'error')).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toEqual({ 'error-count': '40', 'warning-count': '20', 'files-checked': '20', 'sarif-file': '' });
      expect(run.summary).toContain(
        '⚠️ 未能发布检查运行（HTTP 403: Resource not accessible by integration）：拉取请求页面只显示前 10 个错误和前 10 个警告注释，全部问题见上文。',
      );
      // Every finding is in the summary.
      expect(run.summary.match(/^\| \[\d+:\d+\]\(/gm)).toHaveLength(60);
    },
    TIMEOUT,
  );

  it(
    'still fails on the errors with the default fail-on',
    async () => {
      const server = await fakeGitHub({ token: 'read-only', pulls: { 1347: { headSha: HEAD_SHA, files: [{ filename: REPORT, status: 'added' }] } } });
      const dir = await workspace({ [REPORT]: THREE_FINDINGS_REPORT });
      const run = await runAction({ workspace: dir, eventName: 'pull_request', payload: pullRequestEvent({ fromFork: true }), apiUrl: server.url });
      expect(annotations(run)).toHaveLength(3);
      expect(plainCommands(run, 'error')).toEqual(['xxgk-lint 发现 2 个错误（fail-on: error）']);
      expect(run.exitCode).toBe(1);
    },
    TIMEOUT,
  );
});

describe('a pull request whose files cannot be listed', () => {
  it(
    'lints every file that files matches instead, with a warning, and does not fail for it',
    async () => {
      // No pull request 1347 on the fake: 404, as for a private repository without pull-requests: read.
      const server = await fakeGitHub({ pulls: {} });
      const dir = await workspace({ [REPORT]: CLEAN_REPORT, 'reports/2023/b.md': CLEAN_REPORT });
      const run = await runAction({ workspace: dir, eventName: 'pull_request', payload: PR, apiUrl: server.url });
      expect(calls(server)).toEqual([`GET /repos/${OWNER}/${REPO}/pulls/1347/files → 404`]);
      const warning = '无法获取拉取请求 #1347 修改的文件（HTTP 404: Not Found），改为检查 files 匹配的全部文件';
      expect(plainCommands(run, 'warning')).toEqual([warning]);
      expect(run.exitCode).toBe(0);
      expect(run.outputs['files-checked']).toBe('2');
      expect(run.summary).toContain(`> ${warning}`);
      expect(run.summary).toContain('检查了 files（`**/*.md`）匹配的 2 个文件。');
    },
    TIMEOUT,
  );
});

describe('a push', () => {
  it(
    'lints every file that files matches, calls no API, links to GITHUB_SHA, and writes SARIF',
    async () => {
      const server = await fakeGitHub();
      const event = pushEvent();
      const dir = await workspace({
        'reports/2024/a.md': THREE_FINDINGS_REPORT,
        'reports/2024/b.md': CLEAN_REPORT,
        'README.md': '# 年报仓库\n',
        '.xxgk-lint.json': JSON.stringify({ ignores: ['README.md'] }),
      });
      const run = await runAction({
        workspace: dir,
        eventName: 'push',
        payload: event,
        sha: event.after,
        apiUrl: server.url,
        inputs: { 'sarif-file': 'out/xxgk-lint.sarif', locale: 'en' },
      });

      expect(run.stderr).toBe('');
      expect(server.requests).toEqual([]);
      expect(annotations(run).map((c) => `${c.command} ${c.properties.file}:${c.properties.line} ${c.properties.title}`)).toEqual([
        'error reports/2024/a.md:3 statistical-period',
        'error reports/2024/a.md:85 fee-statement',
        'warning reports/2024/a.md:93 signature-date',
      ]);
      expect(annotations(run)[1]?.message).toBe('Part 六 does not state the information-processing fees collected, e.g. “2024年度本单位未收取信息处理费。”');
      expect(plainCommands(run, 'error')).toEqual(['xxgk-lint found 2 errors (fail-on: error)']);
      expect(run.exitCode).toBe(1);

      const sarifPath = path.join(dir, 'out/xxgk-lint.sarif');
      expect(run.outputs).toEqual({ 'error-count': '2', 'warning-count': '1', 'files-checked': '2', 'sarif-file': sarifPath });
      const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as {
        runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      };
      expect(sarif.runs[0]?.results.map((r) => `${r.ruleId} ${r.locations[0]?.physicalLocation.artifactLocation.uri}`)).toEqual([
        'statistical-period reports/2024/a.md',
        'fee-statement reports/2024/a.md',
        'signature-date reports/2024/a.md',
      ]);

      expect(run.summary).toContain('## xxgk-lint: annual report check');
      expect(run.summary).toContain('❌ 3 problems (2 errors, 1 warning). Linted the 2 files that files (`**/*.md`) matches.');
      expect(run.summary).toContain('> The push event is not a pull request: only-changed does not apply.');
      expect(run.summary).toContain(
        `| [3:221](https://github.com/${OWNER}/${REPO}/blob/${event.after}/reports/2024/a.md?plain=1#L3) | error | \`statistical-period\` |`,
      );
      expect(run.summary).toContain('| `README.md` | excluded by the ignores of the config file |');
    },
    TIMEOUT,
  );
});

describe('bad inputs', () => {
  it.each([
    [{ 'fail-on': 'sometimes' }, '输入参数 fail-on 的值“sometimes”无效，可选值：error, warning, never'],
    [{ 'only-changed': 'yes' }, '输入参数 only-changed 的值“yes”无效，应为 true 或 false'],
    [{ locale: 'fr' }, '输入参数 locale 的值“fr”无效，可选值：zh-CN, zh, en'],
    [{ locale: 'en', 'fail-on': 'Errors' }, 'Invalid value "Errors" for input fail-on; allowed values: error, warning, never'],
    [
      { 'allow-code': 'maybe', 'fail-on': 'all' },
      'xxgk-lint 的输入参数有误：输入参数 fail-on 的值“all”无效，可选值：error, warning, never; 输入参数 allow-code 的值“maybe”无效，应为 true 或 false',
    ],
  ])(
    '%j fails the step with one clear line, before any work',
    async (inputs, message) => {
      const server = await fakeGitHub({ pulls: { 1347: { headSha: HEAD_SHA, files: [{ filename: REPORT, status: 'modified' }] } } });
      const dir = await workspace({ [REPORT]: THREE_FINDINGS_REPORT });
      const run = await runAction({ workspace: dir, eventName: 'pull_request', payload: PR, apiUrl: server.url, inputs });
      expect(run.exitCode).toBe(1);
      expect(run.commands).toEqual([{ command: 'error', properties: {}, message }]);
      expect(run.stdout).toBe(`::error::${message}\n`);
      expect(server.requests).toEqual([]);
      expect(run.summary).toBe('');
      expect(run.outputs).toEqual({});
    },
    TIMEOUT,
  );
});

describe('pull_request_target', () => {
  it(
    'refuses a config file that is code, without running it',
    async () => {
      const server = await fakeGitHub({ pulls: { 1347: { headSha: HEAD_SHA, files: [{ filename: REPORT, status: 'modified' }] } } });
      const dir = await workspace({
        [REPORT]: CLEAN_REPORT,
        'xxgk-lint.config.js': "import { writeFileSync } from 'node:fs';\nwriteFileSync('pwned', 'ran');\nexport default {};\n",
      });
      const run = await runAction({
        workspace: dir,
        eventName: 'pull_request_target',
        payload: PR,
        apiUrl: server.url,
        inputs: { config: 'xxgk-lint.config.js' },
      });
      expect(run.exitCode).toBe(1);
      expect(plainCommands(run, 'error')).toEqual([
        'pull_request_target 事件中不执行仓库里的代码：配置文件 xxgk-lint.config.js 是脚本。请改用 .xxgk-lint.json，或在确认安全后设置 allow-code: true',
      ]);
      expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
      expect(server.requests).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'lints the changed reports and says that no repository code is run',
    async () => {
      const server = await fakeGitHub({ pulls: { 1347: { headSha: HEAD_SHA, files: [{ filename: REPORT, status: 'modified' }] } } });
      const dir = await workspace({ [REPORT]: CLEAN_REPORT });
      const run = await runAction({ workspace: dir, eventName: 'pull_request_target', payload: PR, apiUrl: server.url });
      expect(run.exitCode).toBe(0);
      expect(run.log).toContain('pull_request_target 事件：检出的文件可能来自外部贡献者，不执行仓库中的代码（JS 配置、自定义规则）');
      expect(run.outputs['files-checked']).toBe('1');
      // Two full sample reports through the bundle: slower than the other cases on a loaded machine.
    },
    3 * TIMEOUT,
  );

  it.each(['workflow_run', 'issue_comment'])(
    'treats %s as untrusted too: a script config is not run',
    async (eventName) => {
      const dir = await workspace({
        [REPORT]: CLEAN_REPORT,
        'xxgk-lint.config.js': "import { writeFileSync } from 'node:fs';\nwriteFileSync('pwned', 'ran');\nexport default {};\n",
      });
      const run = await runAction({ workspace: dir, eventName, payload: {}, inputs: { config: 'xxgk-lint.config.js' } });
      expect(run.exitCode).toBe(1);
      expect(plainCommands(run, 'error')).toEqual([
        `${eventName} 事件中不执行仓库里的代码：配置文件 xxgk-lint.config.js 是脚本。请改用 .xxgk-lint.json，或在确认安全后设置 allow-code: true`,
      ]);
      expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    },
    TIMEOUT,
  );
});
