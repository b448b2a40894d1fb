/**
 * Small conventions people trip over (issue 21 items 5 and 8): --help names every input format,
 * `-f summary` shows paths relative to the working directory and never counts a README or
 * CHANGELOG as a clean report; neither does the Action's job summary.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSummary } from '../src/adapters/action/summary.ts';
import { helpText, main } from '../src/adapters/cli/main.ts';
import { summarize } from '../src/engine/lint.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const CLEAN = readFileSync(path.join(process.cwd(), 'examples/clean-2024.md'), 'utf8');
const README = '# 年报检查\n\n本仓库存放各单位2024年政府信息公开工作年度报告。\n\n## 使用\n\n运行 `npx xxgk-lint reports/`。\n';
const CHANGELOG = '# Changelog\n\n## 0.1.0 - 2024-12-01\n\n- First release.\n';

async function run(cwd: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: {} });
  return { code, stdout, stderr };
}

describe('--help', () => {
  it.each(['zh-CN', 'en'] as const)('names the .docx, .html and .pdf inputs (%s)', (locale) => {
    const help = helpText(locale);
    for (const extension of ['.docx', '.html', '.pdf']) expect(help).toContain(extension);
  });
});

describe('-f summary', () => {
  it('has rows for reports only, names the files that are not reports, and shows paths relative to cwd', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'repo/README.md': README,
      'repo/CHANGELOG.md': CHANGELOG,
      'repo/reports/2024.md': CLEAN,
      'other/2024.md': CLEAN,
    });
    const cwd = path.join(dir, 'repo');
    const { stdout } = await run(cwd, ['-f', 'summary', '--locale', 'en', '.', path.join(dir, 'other/2024.md')]);
    const rows = stdout.split('\n').filter((line) => /^\| \d{4} /.test(line));
    expect(rows.map((row) => row.split('|')[2]?.trim())).toEqual(['../other/2024.md', 'reports/2024.md']);
    expect(stdout).not.toContain(dir);
    expect(stdout).toMatch(/Total: 1 agencies, 2 reports, 0 errors, 0 warnings/);
    expect(stdout).toMatch(/2 more files are not annual reports .*: (README\.md, CHANGELOG\.md|CHANGELOG\.md, README\.md)/);
  });
});

describe("the Action's job summary", () => {
  it('lists README and CHANGELOG as not linted, never as clean reports', () => {
    const results = [
      summarize('/w/reports/2024.md', []),
      { ...summarize('/w/README.md', []), notReport: true },
      { ...summarize('/w/CHANGELOG.md', []), notReport: true },
    ];
    const summary = buildSummary({
      locale: 'en',
      results,
      cwd: '/w',
      patterns: ['**/*.md'],
      pullRequest: undefined,
      notPullRequestEvent: undefined,
      fallback: undefined,
      skipped: [],
      otherChanged: 0,
      links: undefined,
      checkRun: undefined,
      sarif: false,
      rules: [],
      version: '0.0.0',
    });
    expect(summary).toContain('Linted the 1 file that files (`**/*.md`) matches.');
    const tableRows = summary.split('\n').filter((line) => line.startsWith('| `'));
    expect(tableRows.filter((row) => row.includes('reports/2024.md'))).toEqual(['| `reports/2024.md` | 0 | 0 | — |']);
    expect(tableRows.filter((row) => row.includes('README.md'))).toEqual(['| `README.md` | not an annual report (a README, guide, changelog…); not linted |']);
    expect(tableRows.filter((row) => row.includes('CHANGELOG.md'))).toHaveLength(1);
  });
});
