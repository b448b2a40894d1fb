/**
 * Event payloads and reports for the Action's tests.
 *
 * test/fixtures/action/*.json are webhook payloads assembled from the examples in GitHub's OpenAPI
 * description (pull-request, full-repository, simple-user) and valid against its webhook schemas
 * (test/action/openapi.test.ts checks that, for the fork variant too).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.join(process.cwd(), 'test/fixtures/action');

type Json = Record<string, unknown>;

export interface PullRequestPayload extends Json {
  number: number;
  pull_request: Json & { number: number; head: Json & { sha: string; repo: Json }; base: Json & { repo: Json } };
  repository: Json & { full_name: string };
}

export function pullRequestEvent(options: { fromFork?: boolean } = {}): PullRequestPayload {
  const payload = JSON.parse(readFileSync(path.join(FIXTURES, 'pull_request.synchronize.json'), 'utf8')) as PullRequestPayload;
  if (options.fromFork) {
    // The head branch lives in a contributor's fork.
    const head = payload.pull_request.head;
    const repo = head.repo as Json & { owner: Json };
    head.label = 'contributor:update-2024-report';
    head.ref = 'update-2024-report';
    head.user = { ...(head.user as Json), login: 'contributor', id: 5833751 };
    head.repo = {
      ...repo,
      id: 1296270,
      name: 'Hello-World',
      full_name: 'contributor/Hello-World',
      fork: true,
      owner: { ...repo.owner, login: 'contributor', id: 5833751 },
      html_url: 'https://github.com/contributor/Hello-World',
    };
  }
  return payload;
}

export function pushEvent(): Json & { after: string } {
  return JSON.parse(readFileSync(path.join(FIXTURES, 'push.json'), 'utf8')) as Json & { after: string };
}

export const CLEAN_REPORT = readFileSync(path.join(process.cwd(), 'examples/clean-2024.md'), 'utf8');

/**
 * The clean example with three defects: the statistical period of the year before (error, line 3),
 * no statement on information-processing fees (error, line 85), and a date after the deadline
 * (warning, line 93).
 */
export const THREE_FINDINGS_REPORT = CLEAN_REPORT.replace('统计期限自2024年1月1日起至2024年12月31日止', '统计期限自2023年1月1日起至2023年12月31日止')
  .replace('（一）信息处理费收取情况。依据《政府信息公开信息处理费管理办法》，2024年度本机关未收取信息处理费。', '（一）本年度无其他需要报告的事项。')
  .replace('2025年1月20日', '2025年2月20日');
