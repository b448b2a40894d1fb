/**
 * CLI conventions shared with ESLint and markdownlint-cli2 (issue 12 item 7): `!` arguments,
 * nested .gitignore files and .git/info/exclude, --ignore-pattern, --print-config, --color and
 * --no-color, and exit 2 with the stack under DEBUG for a rule that throws.
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/adapters/cli/main.ts';
import { builtinRules } from '../rules/index.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);
jest.setTimeout(30_000);

const REPORT = readFileSync(path.join(process.cwd(), 'examples/clean-2024.md'), 'utf8');
const DEFECTS = readFileSync(path.join(process.cwd(), 'examples/defects-2024.md'), 'utf8');

async function run(args: string[], cwd: string, options: { env?: Record<string, string>; tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

/** The files linted, relative to root, from the JSON output. */
async function linted(root: string, args: string[]): Promise<string[]> {
  const { stdout } = await run(['-f', 'json', ...args], root);
  return (JSON.parse(stdout) as Array<{ filePath: string }>).map((r) => path.relative(root, r.filePath).split(path.sep).join('/')).sort();
}

describe('which files are linted', () => {
  it('`!` arguments exclude, alone or after folders and globs', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'a.md': REPORT, 'drafts/b.md': REPORT, 'drafts/keep/c.md': REPORT, 'final/d.md': REPORT });
    expect(await linted(root, ['!drafts/**'])).toEqual(['a.md', 'final/d.md']);
    expect(await linted(root, ['.', '!drafts/keep/'])).toEqual(['a.md', 'drafts/b.md', 'final/d.md']);
    expect(await linted(root, ['**/*.md', '!final'])).toEqual(['a.md', 'drafts/b.md', 'drafts/keep/c.md']);
  });

  it('--ignore-pattern excludes (repeatable); a file named explicitly only with --no-ignore (issue 21)', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'a.md': REPORT, 'old/b.md': REPORT, 'tmp/c.md': REPORT });
    expect(await linted(root, ['--ignore-pattern', 'old/', '--ignore-pattern', 'tmp/*.md'])).toEqual(['a.md']);
    expect(await linted(root, ['--no-ignore', '--ignore-pattern', 'old/', 'old/b.md'])).toEqual(['old/b.md']);
  });

  it('honours .gitignore files in subfolders and .git/info/exclude, as git does', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      '.git/info/exclude': 'scratch.md\n',
      '.gitignore': 'build/\n',
      'a.md': REPORT,
      'scratch.md': REPORT,
      'build/x.md': REPORT,
      'reports/.gitignore': '*.draft.md\n',
      'reports/2024.md': REPORT,
      'reports/2024.draft.md': REPORT,
      'reports/deep/2023.draft.md': REPORT,
    });
    expect(await linted(root, [])).toEqual(['a.md', 'reports/2024.md']);
    // From a subfolder too: the repository's ignore files still apply.
    expect(await linted(path.join(root, 'reports'), []).then((l) => l.map((f) => path.basename(f)))).toEqual(['2024.md']);
  });
});

describe('--print-config', () => {
  it('prints the config file and every rule’s severity and options, and lints nothing', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      '.xxgk-lint.json': '{ "rules": { "citations": "off", "signature-date": ["error", { "departmentDeadline": "02-15" }] } }',
      'a.md': DEFECTS,
    });
    const { code, stdout } = await run(['--print-config', 'a.md'], root);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { configFile: string; rules: Record<string, unknown> };
    expect(printed.configFile).toBe(path.join(root, '.xxgk-lint.json'));
    expect(Object.keys(printed.rules).sort()).toEqual(builtinRules.map((r) => r.meta.id).sort());
    expect(printed.rules.citations).toBe('off');
    expect(printed.rules['signature-date']).toEqual(['error', { departmentDeadline: '02-15', governmentDeadline: '03-31' }]);
  });
});

describe('--color and --no-color', () => {
  const ESC = '\u001b[';
  it('override NO_COLOR, FORCE_COLOR and the terminal check; the later flag wins', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'a.md': DEFECTS });
    expect((await run(['a.md'], root, { tty: true })).stdout).toContain(ESC);
    expect((await run(['--no-color', 'a.md'], root, { tty: true })).stdout).not.toContain(ESC);
    expect((await run(['--color', 'a.md'], root, { tty: false, env: { NO_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await run(['--color', '--no-color', 'a.md'], root, { tty: true })).stdout).not.toContain(ESC);
  });
});

describe('a rule that throws', () => {
  // A rule file of the user's, inside the project (git-ignored tmp/) so that it can import zod.
  const RULE = [
    "import { z } from 'zod';",
    'export default {',
    "  meta: { id: 'broken', description: { 'zh-CN': '坏', en: 'Broken' }, rationale: { 'zh-CN': '测试', en: 'Test' },",
    "    defaultSeverity: 'error', options: z.object({}).strict(), messages: { m: { 'zh-CN': '坏', en: 'Bad' } }, examples: { valid: [], invalid: [] } },",
    "  check() { throw new TypeError('cannot read the moon'); },",
    '};',
  ].join('\n');

  it('exits with 2, still shows the other findings, and prints the stack only under DEBUG=xxgk-lint', async () => {
    mkdirSync(path.join(process.cwd(), 'tmp'), { recursive: true });
    const root = mkdtempSync(path.join(process.cwd(), 'tmp', 'throws-'));
    try {
      await writeTree(root, { 'a.md': DEFECTS, 'broken.mjs': RULE, '.xxgk-lint.json': '{ "ruleFiles": ["broken.mjs"] }' });
      const plain = await run(['--locale', 'en', '-f', 'json', 'a.md'], root);
      expect(plain.stderr).toBe('xxgk-lint: a rule threw an exception: local/broken (set DEBUG=xxgk-lint to see the stack)\n');
      expect(plain.code).toBe(2);
      const messages = (JSON.parse(plain.stdout) as Array<{ messages: Array<{ ruleId: string }> }>)[0]?.messages ?? [];
      expect(messages.filter((m) => m.ruleId !== 'local/broken').length).toBeGreaterThan(0);
      const debug = await run(['--locale', 'en', '-f', 'json', 'a.md'], root, { env: { DEBUG: 'xxgk-lint' } });
      expect(debug.code).toBe(2);
      expect(debug.stderr).toMatch(/(^|\n)TypeError: cannot read the moon\n\s+at /);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 30_000);
});
