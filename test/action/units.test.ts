// The Action's parts in-process: inputs, action.yml, annotations, the summary's Markdown.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseActionManifest, parseYaml, readActionManifest } from '../../scripts/action-yml.ts';
import { exceedsCommandLimit, findingsOf, toCheckAnnotation } from '../../src/adapters/action/annotations.ts';
import { readContext } from '../../src/adapters/action/context.ts';
import { selectChanged } from '../../src/adapters/action/files.ts';
import { INPUT_DEFAULTS, INPUT_NAMES, InputError, parseInputs } from '../../src/adapters/action/inputs.ts';
import { actionMessages } from '../../src/adapters/action/messages.ts';
import { buildSummary, code, escapeText, fileUrl } from '../../src/adapters/action/summary.ts';
import type { SummaryInput } from '../../src/adapters/action/summary.ts';
import { summarize } from '../../src/engine/lint.ts';
import type { Diagnostic } from '../../src/types.ts';
import { pullRequestEvent } from '../helpers/action-fixtures.ts';

const root = process.cwd();

describe('action.yml', () => {
  const manifest = readActionManifest(root);

  it('runs the bundled entry on node24', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
  });

  it('declares exactly the inputs the Action reads, with the same defaults', () => {
    expect(Object.keys(manifest.inputs)).toEqual(INPUT_NAMES);
    for (const name of INPUT_NAMES) expect({ name, default: manifest.inputs[name]?.default }).toEqual({ name, default: INPUT_DEFAULTS[name] });
  });

  it('declares the outputs the Action sets', () => {
    const source = readFileSync(`${root}/src/adapters/action/main.ts`, 'utf8');
    const set = [...source.matchAll(/core\.setOutput\('([^']+)'/g)].map((m) => m[1]);
    expect(Object.keys(manifest.outputs).sort()).toEqual([...set].sort());
  });

  it('describes every input and output in Chinese, then English', () => {
    for (const [name, { description }] of [...Object.entries(manifest.inputs), ...Object.entries(manifest.outputs)]) {
      const lines = description.split('\n');
      expect({ name, lines: lines.length, chinese: /[\u4e00-\u9fff]/.test(lines[0] ?? '') }).toEqual({ name, lines: 2, chinese: true });
    }
  });
});

describe('the YAML reader', () => {
  it('reads mappings, quoted and plain scalars, block scalars and comments', () => {
    const yaml = [
      'a: plain value # comment',
      "b: 'it''s'",
      'c: "x\\ty"',
      'd:',
      '  e: |-',
      '    line 1',
      '',
      '    line 2',
      '  f: >',
      '    folded',
      '    text',
      'g: ${{ github.token }}',
      '',
    ].join('\n');
    expect(parseYaml(yaml)).toEqual({ a: 'plain value', b: "it's", c: 'x\ty', d: { e: 'line 1\n\nline 2', f: 'folded text\n' }, g: '${{ github.token }}' });
  });

  it.each([
    ['a sequence', 'a:\n  - x\n', 'line 2'],
    ['a flow mapping', 'a: {b: 1}\n', 'line 1'],
    ['an anchor', 'a: &x 1\n', 'line 1'],
    ['a duplicate key', 'a: 1\na: 2\n', 'duplicate key a'],
    ['bad indentation', 'a: 1\n   b: 2\n', 'unexpected indentation'],
  ])('rejects %s instead of misreading it', (_what, yaml, message) => {
    expect(() => parseYaml(yaml)).toThrow(message);
  });

  it('checks the shape of action.yml', () => {
    expect(() =>
      parseActionManifest('name: x\ndescription: y\ninputs:\n  a:\n    default: b\noutputs:\n  o:\n    description: d\nruns:\n  using: node24\n  main: x.js\n'),
    ).toThrow('inputs.a.description');
  });
});

describe('inputs', () => {
  const raw = (overrides: Record<string, string> = {}) => ({ ...INPUT_DEFAULTS, 'github-token': 'ghs_x', ...overrides });

  it("parses action.yml's defaults", () => {
    expect(parseInputs(raw())).toEqual({
      files: ['**/*.md'],
      config: undefined,
      onlyChanged: true,
      failOn: 'error',
      locale: 'zh-CN',
      githubToken: 'ghs_x',
      sarifFile: undefined,
      allowCode: false,
      suggestions: 20,
      suppressionsLocation: 'xxgk-lint-suppressions.json',
    });
  });

  it('applies the same defaults to missing inputs (a run by hand)', () => {
    expect(parseInputs({})).toMatchObject({
      files: ['**/*.md'],
      onlyChanged: true,
      failOn: 'error',
      locale: 'zh-CN',
      githubToken: '',
      allowCode: false,
      suppressionsLocation: 'xxgk-lint-suppressions.json',
    });
  });

  it('reads files one per line, and accepts YAML booleans and any case of the choices', () => {
    expect(
      parseInputs(raw({ files: 'reports/**/*.md\n\n  年报/2024.md  \n', 'only-changed': 'False', 'fail-on': 'WARNING', locale: 'EN', 'allow-code': 'TRUE' })),
    ).toMatchObject({
      files: ['reports/**/*.md', '年报/2024.md'],
      onlyChanged: false,
      failOn: 'warning',
      locale: 'en',
      allowCode: true,
    });
  });

  it('rejects a path with a line break', () => {
    expect(() => parseInputs(raw({ 'sarif-file': 'a\0b' }))).toThrow(InputError);
  });
});

describe('annotations', () => {
  const diagnostic = (line: number, endLine: number, severity: 1 | 2 = 2): Diagnostic => ({
    ruleId: 'table-sums',
    messageId: 'R1',
    severity,
    message: 'm',
    data: {},
    line,
    column: 5,
    endLine,
    endColumn: 9,
  });

  it('become Checks API annotations with columns only on a single line', () => {
    const [one, span] = findingsOf([summarize('/w/r.md', [diagnostic(3, 3), diagnostic(4, 6, 1)])], '/w');
    expect(toCheckAnnotation(one!)).toEqual({
      path: 'r.md',
      start_line: 3,
      end_line: 3,
      start_column: 5,
      end_column: 9,
      annotation_level: 'failure',
      message: 'm',
      title: 'table-sums',
    });
    expect(toCheckAnnotation(span!)).toEqual({ path: 'r.md', start_line: 4, end_line: 6, annotation_level: 'warning', message: 'm', title: 'table-sums' });
  });

  it('of a file that could not be read are one error at 1:1 titled xxgk-lint', () => {
    const [finding] = findingsOf(
      [{ filePath: '/w/x.md', messages: [], errorCount: 1, warningCount: 0, fatal: { messageId: 'fileBinary', message: '文件不是文本文件' } }],
      '/w',
    );
    expect(toCheckAnnotation(finding!)).toMatchObject({ path: 'x.md', start_line: 1, start_column: 1, annotation_level: 'failure', title: 'xxgk-lint' });
  });

  it('need a check run beyond 10 errors or 10 warnings', () => {
    expect(exceedsCommandLimit({ errors: 10, warnings: 10 })).toBe(false);
    expect(exceedsCommandLimit({ errors: 11, warnings: 0 })).toBe(true);
    expect(exceedsCommandLimit({ errors: 0, warnings: 11 })).toBe(true);
  });

  it('truncate a message over the 64 KB the API takes', () => {
    const [finding] = findingsOf([summarize('/w/r.md', [{ ...diagnostic(1, 1), message: '表'.repeat(30_000) }])], '/w');
    const message = toCheckAnnotation(finding!).message;
    expect(Buffer.byteLength(message)).toBeLessThanOrEqual(64 * 1024);
    expect(message.endsWith('…')).toBe(true);
  });
});

describe('the run context', () => {
  it('takes the head commit of a pull request and tells a fork', () => {
    const env = { GITHUB_REPOSITORY: 'octocat/Hello-World', GITHUB_SHA: 'merge', GITHUB_WORKSPACE: '/w' };
    expect(readContext('pull_request', pullRequestEvent(), env, '/')).toMatchObject({
      sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      pullRequest: { number: 1347, fromFork: false },
      workspace: '/w',
    });
    expect(readContext('pull_request', pullRequestEvent({ fromFork: true }), env, '/').pullRequest?.fromFork).toBe(true);
    expect(readContext('push', {}, env, '/')).toMatchObject({ sha: 'merge', pullRequest: undefined, serverUrl: 'https://github.com' });
  });
});

describe('changed files', () => {
  it('keeps added, modified and renamed candidates, and says why the others are left out', () => {
    const candidates = { files: ['/w/a.md', '/w/b.md', '/w/c.txt'], unmatched: [], ignoredByConfig: new Set(['/w/drafts/d.md']) };
    const selection = selectChanged(
      candidates,
      [
        { filename: 'a.md', status: 'modified' },
        { filename: 'b.md', status: 'renamed' },
        { filename: 'c.txt', status: 'added' },
        { filename: 'drafts/d.md', status: 'added' },
        { filename: 'gone.md', status: 'removed' },
        { filename: 'docs/x.md', status: 'added' },
        { filename: 'logo.png', status: 'added' },
        { filename: 'old.png', status: 'removed' },
      ],
      '/w',
    );
    expect(selection).toEqual({
      files: ['/w/a.md', '/w/b.md', '/w/c.txt'],
      skipped: [
        { path: 'drafts/d.md', reason: 'ignored' },
        { path: 'gone.md', reason: 'removed' },
        { path: 'docs/x.md', reason: 'notMatched' },
      ],
      otherChanged: 2,
    });
  });
});

describe('the summary', () => {
  const base: SummaryInput = {
    locale: 'en',
    results: [],
    cwd: '/w',
    patterns: ['**/*.md'],
    pullRequest: 7,
    notPullRequestEvent: undefined,
    fallback: undefined,
    skipped: [],
    otherChanged: 0,
    links: undefined,
    checkRun: undefined,
    sarif: false,
    rules: [],
    version: '0.0.0',
  };

  it('says when a pull request changes no report', () => {
    expect(buildSummary(base)).toContain(
      '✅ No problems found. Pull request #7 adds or changes no report file that files (`**/*.md`) matches: nothing to lint.',
    );
  });

  it('escapes report text that Markdown or HTML would interpret', () => {
    expect(escapeText('a|b <script> *x* [l](u) `c`\nnext')).toBe('a\\|b &lt;script&gt; \\*x\\* \\[l\\](u) \\`c\\` next');
    expect(code('a`b|c')).toBe('``a`b\\|c``');
    const result = summarize('/w/r|1.md', [
      { ruleId: 'x', messageId: 'y', severity: 2, message: '<img src=x onerror=alert(1)>', data: {}, line: 1, column: 1, endLine: 1, endColumn: 2 },
    ]);
    const summary = buildSummary({ ...base, results: [result] });
    expect(summary).not.toContain('<img');
    expect(summary).toContain('#### `r\\|1.md`');
  });

  it('escapes every control character in file names and quoted text (no injected lines, headings or elements)', () => {
    const name = '/w/a\r# pwned\r<img src=https://evil.example/x>\r\u202e\u0000b.md';
    const message = 'text\r## heading\r\u001b[31m<img src=x>\u2028x';
    const result = summarize(name, [{ ruleId: 'x', messageId: 'y', severity: 2, message, data: {}, line: 1, column: 1, endLine: 1, endColumn: 2 }]);
    const summary = buildSummary({
      ...base,
      results: [result, { ...summarize('/w/q\r.md', []), fatal: { messageId: 'f', message: 'bad\rfile' }, errorCount: 1 }],
    });
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(summary).not.toMatch(/[\r\u0000\u001b\u2028\u202e]/);
    expect(summary).not.toMatch(/^#+ (pwned|heading)/m);
    // Inside code spans (file names) markup is text; elsewhere it is escaped.
    expect(summary.replace(/`[^`\n]*`/g, '')).not.toContain('<img');
    expect(summary).toContain('`a␍# pwned␍<img src=https:/evil.example/x>␍{U+202E}␀b.md`');
    // Every table row is one line of the table.
    for (const line of summary.split('\n').filter((l) => l.startsWith('|'))) expect(line.endsWith('|')).toBe(true);
  });

  it('stays below 1 MiB, with long quoted text cut', () => {
    const long = '长'.repeat(300_000);
    const results = Array.from({ length: 3 }, (_, i) =>
      summarize(
        `/w/${i}-${'n'.repeat(2000)}.md`,
        Array.from({ length: 400 }, (__, k) => ({
          ruleId: 'x',
          messageId: 'y',
          severity: 2 as const,
          message: `“${long}”`,
          data: {},
          line: k + 1,
          column: 1,
          endLine: k + 1,
          endColumn: 2,
        })),
      ),
    );
    const summary = buildSummary({ ...base, results });
    expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024);
    expect(summary).not.toContain('长'.repeat(1001));
    const annotations = findingsOf(results, '/w');
    expect(Math.max(...annotations.map((a) => a.message.length))).toBeLessThanOrEqual(4000);
    expect(Math.max(...annotations.map((a) => toCheckAnnotation(a).message.length))).toBeLessThanOrEqual(4000);
  });

  it('links lines of Markdown files to their source view', () => {
    const links = { serverUrl: 'https://github.com', owner: 'o', repo: 'r', sha: 'abc' };
    expect(fileUrl(links, '年报/2024 v2.md', 3)).toBe('https://github.com/o/r/blob/abc/%E5%B9%B4%E6%8A%A5/2024%20v2.md?plain=1#L3');
    expect(fileUrl(links, 'a.md', 3, 5)).toBe('https://github.com/o/r/blob/abc/a.md?plain=1#L3-L5');
    expect(fileUrl(links, '/outside/a.md', 3)).toBeUndefined();
  });

  it('caps the findings it lists and says where the rest are', () => {
    const messages: Diagnostic[] = Array.from({ length: 600 }, (_, i) => ({
      ruleId: 'x',
      messageId: 'y',
      severity: 1,
      message: 'm',
      data: {},
      line: i + 1,
      column: 1,
      endLine: i + 1,
      endColumn: 2,
    }));
    const summary = buildSummary({ ...base, results: [summarize('/w/a.md', messages)], checkRun: { url: 'https://github.com/o/r/runs/4', count: 600 } });
    expect(summary.match(/^\| \d+:1 \|/gm)).toHaveLength(500);
    expect(summary).toContain('The summary has limited room: 100 more findings are not listed; see the check run.');
  });
});

describe('messages', () => {
  it('use the same placeholders in both locales', () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .filter((p) => !/Word$/.test(p ?? ''))
        .sort();
    for (const [id, text] of Object.entries(actionMessages)) expect({ id, zh: placeholders(text['zh-CN']) }).toEqual({ id, zh: placeholders(text.en) });
  });
});
