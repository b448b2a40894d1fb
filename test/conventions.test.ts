/**
 * Small conventions people trip over (issue 21 items 5 and 8): --help names every input format,
 * `-f summary` shows paths relative to the working directory and never counts a README or
 * CHANGELOG as a clean report; neither does the Action's job summary.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { parse as parseYaml } from 'yaml';
import { builtinRules } from '../rules/index.ts';
import { wrongFindingUrl } from '../src/rule.ts';
import { buildSummary } from '../src/adapters/action/summary.ts';
import { helpText, main } from '../src/adapters/cli/main.ts';
import { lintText, summarize } from '../src/engine/lint.ts';
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

describe('what is a report (item 8)', () => {
  const DEFECTS = readFileSync(path.join(process.cwd(), 'examples/defects-2024.md'), 'utf8');
  const withoutTitle = DEFECTS.split('\n').slice(1).join('\n');
  // Damage as converters and copy-paste do it: the title lost, the tables flattened to text, the headings' numerals gone, the end cut off.
  const damaged: Record<string, string> = {
    'no title': withoutTitle,
    'tables flattened': withoutTitle.replace(/\|/g, ' ').replace(/^[ \-:]+$/gm, ''),
    'no numerals either': withoutTitle
      .replace(/\|/g, ' ')
      .replace(/^[ \-:]+$/gm, '')
      .replace(/^([#\s]*)[一二三四五六]、/gm, '$1'),
    'cut off': withoutTitle.slice(0, Math.floor(withoutTitle.length * 0.4)),
  };
  const notReports: Record<string, string> = {
    'README naming a report in prose': '# 年报仓库\n\n这里存放本局2024年政府信息公开工作年度报告。\n\n一、总体情况\n\n按模板填写。\n',
    'README titled like a report': '# 2024年政府信息公开工作年度报告\n\n本仓库用于起草年度报告。运行 `npx xxgk-lint` 检查。\n\n## 目录\n\n一、总体情况\n',
    'writing guide with every part and the period':
      '# 政府信息公开工作年度报告撰写指南（2024年）\n\n## 一、总体情况\n\n概述本年度工作。\n\n## 二、主动公开政府信息情况\n\n填写表格。\n\n## 三、收到和处理政府信息公开申请情况\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n## 五、存在的主要问题及改进情况\n\n## 六、其他需要报告的事项\n\n统计期限为2024年1月1日至2024年12月31日。\n',
    'changelog with versions and dates': `# Changelog\n\n${Array.from({ length: 30 }, (_, i) => `## 0.${i}.1 - 2024-0${(i % 9) + 1}-1${i % 10}\n\n- Fixed #${100 + i}.\n`).join('\n')}`,
  };

  it.each(Object.entries(damaged))('a damaged report (%s) is still a report, with findings', (_name, text) => {
    const result = lintText(text);
    expect(result.notReport).toBeUndefined();
    expect(result.errorCount).toBeGreaterThan(0);
  });

  it.each(Object.entries(notReports))('a %s is not a report', (_name, text) => {
    const result = lintText(text);
    expect(result).toMatchObject({ notReport: true, messages: [] });
  });

  it('the CLI: a damaged report named on the command line fails the run; a README beside it is skipped', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'damaged.md': damaged['tables flattened'] ?? '', 'README.md': notReports['README titled like a report'] ?? '' });
    const named = await run(dir, ['-f', 'json', 'damaged.md', 'README.md']);
    expect(named.code).toBe(1);
    const results = JSON.parse(named.stdout) as Array<{ filePath: string; notReport?: boolean; errorCount: number }>;
    const byName = new Map(results.map((r) => [path.basename(r.filePath), r]));
    expect(byName.get('damaged.md')?.errorCount).toBeGreaterThan(0);
    expect(byName.get('README.md')).toMatchObject({ notReport: true, errorCount: 0 });
    expect((await run(dir, ['README.md'])).code).toBe(0);
  });
});

describe('an honest install (item 4)', () => {
  const root = process.cwd();
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string }; devDependencies: Record<string, string> };
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[] }>;
  };
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

  it('every locked package runs on the lowest Node version of each line engines names (no EBADENGINE)', () => {
    const lowest = pkg.engines.node.split('||').map((range) => semver.minVersion(range.trim())?.version ?? '');
    expect(lowest).toEqual(['20.19.0', '22.13.0', '24.0.0']);
    // content-type 3 (under @actions/github's @octokit/request) asks for Node 22: package.json's
    // npm overrides keep version 2.1 there (the same parse() the request code calls), so no exception.
    const refused = Object.entries(lock.packages).flatMap(([name, entry]) => {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      return range ? lowest.filter((version) => !semver.satisfies(version, range)).map((version) => `${name} needs node ${range}, not ${version}`) : [];
    });
    expect(refused).toEqual([]);
    // The README names the same versions.
    expect(readme).toContain('Node.js 20.19 or later (on Node 22, 22.13 or later');
  });

  it('the README installs from the repository without a tag that does not exist', () => {
    const urls = readme.match(/git\+https:\/\/github\.com\/xxgk-lint\/xxgk-lint\.git[^\s`]*/g) ?? [];
    expect(urls.length).toBeGreaterThan(2);
    const tags = execFileSync('git', ['tag', '--list'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const url of urls) {
      const ref = url.split('#')[1];
      if (ref === undefined || ref === '<commit>') continue;
      expect(tags).toContain(ref);
    }
  });

  it('has no 394 MB API description among the dev dependencies: the tests read a committed part of it', () => {
    expect(Object.keys(pkg.devDependencies)).not.toContain('@octokit/openapi');
    const fixture = path.join(root, 'test/fixtures/github-openapi.json');
    expect(statSync(fixture).size).toBeLessThan(1_000_000);
  });
});

describe('reporting a wrong finding (item 7)', () => {
  const form = parseYaml(readFileSync(path.join(process.cwd(), '.github/ISSUE_TEMPLATE/wrong-finding.yml'), 'utf8')) as {
    body: Array<{ type: string; id?: string; validations?: { required?: boolean } }>;
  };
  const fields = form.body.filter((field) => field.id).map((field) => field.id);

  it('the issue form asks for the snippet and the expected result', () => {
    expect(fields).toEqual(expect.arrayContaining(['rule', 'snippet', 'expected']));
    for (const id of ['snippet', 'expected']) expect(form.body.find((field) => field.id === id)?.validations?.required).toBe(true);
  });

  it('the link prefills the form’s own fields with the rule, the message and the text', () => {
    const url = new URL(wrongFindingUrl({ ruleId: 'table-sums', message: '64:20 总计为11，应为10', snippet: '64 | （七）总计 | 11 |' }));
    expect(url.pathname).toBe('/xxgk-lint/xxgk-lint/issues/new');
    expect(url.searchParams.get('template')).toBe('wrong-finding.yml');
    expect(url.searchParams.get('rule')).toBe('table-sums');
    expect(url.searchParams.get('snippet')).toBe('64 | （七）总计 | 11 |');
    for (const key of url.searchParams.keys()) if (key !== 'template' && key !== 'title') expect(fields).toContain(key);
    // A long snippet is cut: the link stays short enough for browsers and GitHub.
    expect(wrongFindingUrl({ ruleId: 'x', snippet: '表'.repeat(20_000) }).length).toBeLessThan(8000);
  });

  it('every rule page links to it, prefilled with the rule id', () => {
    for (const rule of builtinRules) {
      const page = readFileSync(path.join(process.cwd(), `docs/rules/${rule.meta.id}.md`), 'utf8');
      expect(page).toContain(wrongFindingUrl({ ruleId: rule.meta.id }));
    }
  });
});

describe('docs/cli.md (item 7)', () => {
  const doc = readFileSync(path.join(process.cwd(), 'docs/cli.md'), 'utf8');

  it('says nothing twice: no sentence of prose appears two times', () => {
    const prose = doc.replace(/```[\s\S]*?```/g, '').replace(/^\|.*$/gm, '');
    const sentences = prose
      .split(/(?<=[.:;])\s+/)
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter((s) => s.length >= 40);
    const seen = new Set<string>();
    const twice = sentences.filter((s) => (seen.has(s) ? true : (seen.add(s), false)));
    expect(twice).toEqual([]);
  });

  it('documents every option --help lists', () => {
    const options = [...helpText('en').matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1] ?? '');
    expect(options.length).toBeGreaterThan(15);
    for (const option of options) expect({ option, documented: new RegExp(`(?<![\\w-])${option}(?![\\w-])`).test(doc) }).toEqual({ option, documented: true });
  });
});

describe('the documents people look for (item 7)', () => {
  const read = (file: string) => readFileSync(path.join(process.cwd(), file), 'utf8');

  it('CHANGELOG.md keeps a changelog: Unreleased first, versions with dates, sections, link references', () => {
    const changelog = read('CHANGELOG.md');
    const versions = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((m) => [m[1], m[2]]);
    expect(versions[0]).toEqual(['Unreleased', undefined]);
    expect(versions.slice(1).every(([version, date]) => semver.valid(version) && date)).toBe(true);
    for (const [version] of versions) expect(changelog).toMatch(new RegExp(`^\\[${version}\\]: https://`, 'm'));
    for (const section of changelog.split(/^## /m).slice(1)) expect(section).toMatch(/^### (Added|Changed|Deprecated|Removed|Fixed|Security)$/m);
  });

  it('CONTRIBUTING.md says how to add a rule, run the tests, and what the layers are; SECURITY.md how to report privately', () => {
    const contributing = read('CONTRIBUTING.md');
    for (const heading of ['## Adding a rule', '## The layers', '## Setting up']) expect(contributing).toContain(heading);
    for (const command of ['npm test', 'npm run docs', 'rules/index.ts']) expect(contributing).toContain(command);
    expect(read('SECURITY.md')).toMatch(/privately/);
  });
});
