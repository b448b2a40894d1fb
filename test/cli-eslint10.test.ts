/**
 * ESLint 10's command-line conventions (issue 21 item 5), driven through `main()` on the real
 * engine: ignored named files, --no-ignore, --max-warnings -1, --rule, --no-config-lookup, custom
 * formatters and --report-unused-disable-directives.
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/adapters/cli/main.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);
jest.setTimeout(30_000);

const REPORT = readFileSync(path.join(process.cwd(), 'examples/clean-2024.md'), 'utf8');
const DEFECTS = readFileSync(path.join(process.cwd(), 'examples/defects-2024.md'), 'utf8');

interface JsonResult {
  filePath: string;
  warningCount: number;
  errorCount: number;
  messages: Array<{ ruleId: string | null; severity: number; message: string }>;
}

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

const rel = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

describe('a named file that the ignores exclude', () => {
  it('is skipped with ESLint’s warning (stderr and a result without a rule), in both languages', async () => {
    const root = await makeTempDir();
    await writeTree(root, { '.xxgk-lint.json': '{ "ignores": ["drafts/"] }', 'a.md': REPORT, 'drafts/d.md': DEFECTS, 'old/o.md': DEFECTS });
    const en = await run(['--locale', 'en', '-f', 'json', '--ignore-pattern', 'old/', 'a.md', 'drafts/d.md', 'old/o.md'], root);
    const results = JSON.parse(en.stdout) as JsonResult[];
    const ignored = results.filter((r) => r.filePath !== path.join(root, 'a.md'));
    expect(ignored.map((r) => rel(root, r.filePath)).sort()).toEqual(['drafts/d.md', 'old/o.md']);
    for (const r of ignored) {
      expect(r).toMatchObject({ errorCount: 0, warningCount: 1 });
      expect(r.messages).toEqual([
        expect.objectContaining({
          ruleId: null,
          severity: 1,
          message: 'File ignored because of a matching ignore pattern. Use "--no-ignore" to disable file ignore settings',
        }),
      ]);
    }
    expect(en.stderr).toContain('drafts/d.md: File ignored because of a matching ignore pattern');
    expect(en.stderr).toContain('old/o.md: File ignored because of a matching ignore pattern');
    // Warnings only: exit 0, unless --max-warnings says otherwise (as ESLint).
    expect(en.code).toBe(0);
    expect((await run(['--max-warnings', '0', 'drafts/d.md'], root)).code).toBe(1);

    const sarif = JSON.parse((await run(['-f', 'sarif', 'drafts/d.md'], root)).stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; level: string }> }>;
    };
    expect(sarif.runs[0]?.results).toEqual([expect.objectContaining({ ruleId: 'file/fileIgnored', level: 'warning' })]);

    const zh = await run(['drafts/d.md'], root);
    expect(zh.stderr).toContain('--no-ignore');
    expect(zh.stderr).toMatch(/drafts\/d\.md：?.*未检查/);
    expect(zh.stdout).toContain('未检查');
  });

  it('--no-ignore lints it, and disables the ignores in folders too', async () => {
    const root = await makeTempDir();
    await writeTree(root, { '.xxgk-lint.json': '{ "ignores": ["drafts/"] }', 'a.md': REPORT, 'drafts/d.md': DEFECTS });
    const named = JSON.parse((await run(['-f', 'json', '--no-ignore', 'drafts/d.md'], root)).stdout) as JsonResult[];
    expect(named).toHaveLength(1);
    expect(named[0]?.messages.every((m) => m.ruleId !== null)).toBe(true);
    expect(named[0]?.errorCount).toBeGreaterThan(0);
    const folder = JSON.parse((await run(['-f', 'json', '--no-ignore', '.'], root)).stdout) as JsonResult[];
    expect(folder.map((r) => rel(root, r.filePath)).sort()).toEqual(['a.md', 'drafts/d.md']);
    const without = JSON.parse((await run(['-f', 'json', '.'], root)).stdout) as JsonResult[];
    expect(without.map((r) => rel(root, r.filePath))).toEqual(['a.md']);
  });
});

describe('--max-warnings -1', () => {
  it('is accepted, as ESLint’s default: no limit', async () => {
    const root = await makeTempDir();
    await writeTree(root, { '.xxgk-lint.json': '{ "ignores": ["d.md"] }', 'd.md': DEFECTS });
    // One warning (the ignored named file): over 0, never over -1.
    expect((await run(['--max-warnings', '0', 'd.md'], root)).code).toBe(1);
    for (const args of [['--max-warnings', '-1'], ['--max-warnings=-1']]) {
      const { code, stderr } = await run([...args, 'd.md'], root);
      expect(stderr).not.toMatch(/too many|过多|ambiguous|无效|非负/);
      expect(code).toBe(0);
    }
    const bad = await run(['--locale', 'en', '--max-warnings', 'x', 'd.md'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-warnings');
  });
});

describe('--rule and --no-config-lookup', () => {
  const ruleIds = (stdout: string): Map<string, number> => {
    const map = new Map<string, number>();
    for (const m of (JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages)) if (m.ruleId) map.set(m.ruleId, m.severity);
    return map;
  };

  it('override the config’s rules in ESLint’s syntax (repeatable, later wins); a bad value is one clear line', async () => {
    const root = await makeTempDir();
    await writeTree(root, { '.xxgk-lint.json': '{ "rules": { "table-sums": "error" } }', 'd.md': DEFECTS });
    const base = ruleIds((await run(['-f', 'json', 'd.md'], root)).stdout);
    expect(base.get('table-sums')).toBe(2);
    const off = ruleIds((await run(['-f', 'json', '--rule', 'table-sums: off', 'd.md'], root)).stdout);
    expect(off.has('table-sums')).toBe(false);
    expect(off.size).toBe(base.size - 1);
    const warn = ruleIds((await run(['-f', 'json', '--rule', 'table-sums: off', '--rule', '{"table-sums": "warn"}', 'd.md'], root)).stdout);
    expect(warn.get('table-sums')).toBe(1);
    const unknown = await run(['--locale', 'en', '--rule', 'no-such-rule: off', 'd.md'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no-such-rule');
    const garbled = await run(['--locale', 'en', '--rule', 'table-sums', 'd.md'], root);
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).toContain('Cannot parse the --rule value "table-sums"');
  });

  it('--no-config-lookup ignores the config files (--rule still applies)', async () => {
    const root = await makeTempDir();
    await writeTree(root, { '.xxgk-lint.json': '{ "rules": { "table-sums": "off" }, "ignores": ["d.md"] }', 'd.md': DEFECTS });
    const withConfig = ruleIds((await run(['-f', 'json', '--no-ignore', 'd.md'], root)).stdout);
    expect(withConfig.has('table-sums')).toBe(false);
    const without = ruleIds((await run(['-f', 'json', '--no-config-lookup', 'd.md'], root)).stdout);
    expect(without.has('table-sums')).toBe(true);
    const both = ruleIds((await run(['-f', 'json', '--no-config-lookup', '--rule', 'table-sums: warn', 'd.md'], root)).stdout);
    expect(both.get('table-sums')).toBe(1);
  });
});

describe('a custom formatter (-f ./formatter.mjs)', () => {
  const FORMATTER = [
    'export default function (results, context) {',
    "  const lines = results.map((r) => `${r.filePath.slice(context.cwd.length + 1)} ${r.errorCount}/${r.warningCount} ${r.messages.map((m) => m.ruleId).join(',')}`);",
    "  return `${lines.join('\\n')}\\nrules known: ${Object.keys(context.rulesMeta).includes('table-sums')}\\n`;",
    '}',
  ].join('\n');

  it('is loaded from the working folder and given ESLint’s results and context', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'fmt/formatter.mjs': FORMATTER, 'd.md': DEFECTS });
    const { code, stdout } = await run(['-f', './fmt/formatter.mjs', 'd.md'], root);
    const json = JSON.parse((await run(['-f', 'json', 'd.md'], root)).stdout) as JsonResult[];
    const first = json[0];
    expect(code).toBe(1);
    expect(stdout).toBe(`d.md ${first?.errorCount}/${first?.warningCount} ${first?.messages.map((m) => m.ruleId).join(',')}\nrules known: true\n`);
  });

  it('fails with one clear line when it cannot be loaded, is not a function, or with --no-code', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'bad.mjs': 'export default 42;\n', 'broken.mjs': 'export default (\n', 'ok.mjs': FORMATTER, 'd.md': DEFECTS });
    const cases: Array<[string[], string]> = [
      [['-f', './missing.mjs'], 'Cannot load the custom formatter "./missing.mjs"'],
      [['-f', './broken.mjs'], 'Cannot load the custom formatter "./broken.mjs"'],
      [['-f', './bad.mjs'], 'must export a function'],
      [['--no-code', '-f', './ok.mjs'], 'not loaded with --no-code'],
    ];
    for (const [args, text] of cases) {
      const { code, stdout, stderr } = await run(['--locale', 'en', ...args, 'd.md'], root);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(text);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('--report-unused-disable-directives', () => {
  it('is ESLint’s spelling of --report-unused-disable', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'a.md': `<!-- xxgk-lint-disable-line fee-statement -->\n${REPORT}` });
    const ids = async (flag: string[]) => {
      const { stdout } = await run(['-f', 'json', ...flag, 'a.md'], root);
      return (JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => m.ruleId));
    };
    expect(await ids([])).toEqual([]);
    expect(await ids(['--report-unused-disable-directives'])).toEqual(['unused-disable']);
    expect(await ids(['--report-unused-disable'])).toEqual(['unused-disable']);
  });

  it('and the config key linterOptions.reportUnusedDisableDirectives (true or "warn"; "off" and false leave it off)', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'a.md': `<!-- xxgk-lint-disable-line fee-statement -->\n${REPORT}` });
    for (const [value, expected] of [
      ['true', ['unused-disable']],
      ['"warn"', ['unused-disable']],
      ['"off"', []],
      ['false', []],
    ] as const) {
      await writeTree(root, { '.xxgk-lint.json': `{ "linterOptions": { "reportUnusedDisableDirectives": ${value} } }` });
      const { stdout } = await run(['-f', 'json', 'a.md'], root);
      expect((JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => m.ruleId))).toEqual(expected);
    }
    await writeTree(root, { '.xxgk-lint.json': '{ "linterOptions": { "reportUnusedDisableDirectives": "loud" } }' });
    const bad = await run(['--locale', 'en', 'a.md'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('reportUnusedDisableDirectives');
  });
});
