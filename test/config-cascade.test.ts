/**
 * Config per folder and `overrides` (issue 21 item 1), as ESLint's cascading eslintrc: each file
 * gets the config files from its folder up to the repository root, the nearer winning, and the
 * `overrides` that match it; the run lints each file with its own settings (cross-report rules
 * included), caches per settings, and the search skips what a folder's config ignores.
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../src/adapters/cli/main.ts';
import { ConfigError, loadConfig } from '../src/engine/config.ts';
import { rebase } from '../src/engine/config/cascade.ts';
import { builtinRules } from '../rules/index.ts';
import { consistentPair } from '../rules/lib/examples.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);
jest.setTimeout(60_000);

const DEFECTS = readFileSync(path.join(process.cwd(), 'examples/defects-2024.md'), 'utf8');

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number }>;
}

async function run(args: string[], cwd: string, stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: {},
    stdin: Readable.from(stdin === undefined ? [] : [Buffer.from(stdin, 'utf8')]),
  });
  return { code, stdout, stderr };
}

/** Severity of `ruleId` per file (relative path), 0 when it reports nothing. */
function severities(stdout: string, root: string, ruleId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of JSON.parse(stdout) as JsonResult[]) {
    const own = r.messages.filter((m) => m.ruleId === ruleId).map((m) => m.severity);
    out[path.relative(root, r.filePath).split(path.sep).join('/')] = own.length > 0 ? Math.max(...own) : 0;
  }
  return out;
}

const json = (value: unknown): string => JSON.stringify(value);

describe('a file whose folders have no config file', () => {
  it('gets the working folder’s config (a report named from outside the project)', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      'project/.git/HEAD': 'ref: refs/heads/main\n',
      'project/.xxgk-lint.json': json({ rules: { 'fee-statement': 'off', 'table-sums': 'warn' } }),
      'elsewhere/r.md': DEFECTS,
    });
    const result = await run(['-f', 'json', '../elsewhere/r.md'], path.join(root, 'project'));
    expect(severities(result.stdout, root, 'table-sums')).toEqual({ 'elsewhere/r.md': 1 });
    expect(severities(result.stdout, root, 'fee-statement')).toEqual({ 'elsewhere/r.md': 0 });
  });
});

describe('the config files of a file’s folder', () => {
  it('are merged from the repository root down, the nearer winning; a severity alone keeps the farther options', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.xxgk-lint.json': json({ rules: { 'table-sums': ['warn', { relations: ['R2'] }], 'fee-statement': 'off' } }),
      'a/.xxgk-lint.json': json({ rules: { 'table-sums': 'error' } }),
      'a/b/d.md': DEFECTS,
    });
    const loaded = await loadConfig({ cwd: root, rules: builtinRules });
    expect(loaded.config.rules['table-sums']).toEqual({ severity: 1, options: { relations: ['R2'] } });
    const own = await loaded.cascade?.forFile(path.join(root, 'a/b/d.md'));
    expect(own?.config.rules['table-sums']).toEqual({ severity: 2, options: { relations: ['R2'] } });
    expect(own?.config.rules['fee-statement']?.severity).toBe(0);
    expect(own?.configFiles).toEqual([path.join(root, '.xxgk-lint.json'), path.join(root, 'a/.xxgk-lint.json')]);
    // Files of one folder share one settings object (the engine groups and caches by it).
    expect(await loaded.cascade?.forFile(path.join(root, 'a/b/other.md'))).toBe(own);
  });

  it('stop at the repository root (a folder with .git) and at root: true', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      '.xxgk-lint.json': json({ rules: { 'table-sums': 'off' } }),
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/.xxgk-lint.json': json({ rules: { 'fee-statement': 'off' } }),
      'repo/sub/.xxgk-lint.json': json({ root: true, rules: { 'table-structure': 'off' } }),
    });
    const loaded = await loadConfig({ cwd: path.join(root, 'repo'), rules: builtinRules });
    // The config above the checkout is not read.
    expect(loaded.config.rules['table-sums']?.severity).toBe(2);
    expect(loaded.config.rules['fee-statement']?.severity).toBe(0);
    const sub = await loaded.cascade?.forFile(path.join(root, 'repo/sub/x.md'));
    expect(sub?.config.rules['fee-statement']?.severity).not.toBe(0);
    expect(sub?.config.rules['table-structure']?.severity).toBe(0);
  });

  it('name the file and the key of a mistake, even in an override no file matches', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      '.git/HEAD': '',
      '.xxgk-lint.json': json({ rules: { 'table-sums': 'warn' } }),
      'a/.xxgk-lint.json': json({ overrides: [{ files: ['nothing/*.md'], rules: { 'table-sum': 'off' } }] }),
    });
    const error = await loadConfig({ cwd: path.join(root, 'a'), rules: builtinRules, locale: 'en' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).filePath).toBe(path.join(root, 'a/.xxgk-lint.json'));
    expect((error as ConfigError).problems.map((p) => p.path)).toEqual(['overrides[0].rules.table-sum']);
    expect((error as ConfigError).message).toContain('table-sums');
    // A key an override may not have.
    await writeTree(root, { 'a/.xxgk-lint.json': json({ overrides: [{ files: '*.md', ignores: ['x'] }] }) });
    const shape = await loadConfig({ cwd: path.join(root, 'a'), rules: builtinRules, locale: 'en' }).catch((e: unknown) => e);
    expect((shape as ConfigError).problems.map((p) => p.path)).toEqual(['overrides[0].ignores']);
  });
});

describe('overrides', () => {
  it('apply to the files their patterns match (relative to the config file), minus excludedFiles, later entries winning', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      '.git/HEAD': '',
      'reports/.xxgk-lint.json': json({
        rules: { 'table-sums': 'error' },
        overrides: [
          { files: ['old/**'], excludedFiles: 'old/keep.md', rules: { 'table-sums': 'off' } },
          { files: '2019-*.md', rules: { 'table-sums': 'warn' } },
        ],
      }),
    });
    const loaded = await loadConfig({ cwd: root, rules: builtinRules });
    const severity = async (file: string) => (await loaded.cascade?.forFile(path.join(root, file)))?.config.rules['table-sums']?.severity;
    expect(await severity('reports/new.md')).toBe(2);
    expect(await severity('reports/old/a.md')).toBe(0);
    expect(await severity('reports/old/keep.md')).toBe(2);
    // A pattern without a slash matches at any depth; the later entry wins.
    expect(await severity('reports/old/2019-x.md')).toBe(1);
    // Outside the config's folder, its patterns match nothing.
    expect(await severity('old/a.md')).toBe(2);
  });
});

describe('a run over folders with configs of their own', () => {
  it('lints each file with its own settings and skips what a folder’s config ignores', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      '.git/HEAD': '',
      '.xxgk-lint.json': json({ rules: { 'table-sums': 'warn' }, overrides: [{ files: 'top.md', rules: { 'table-sums': 'off' } }] }),
      'a/.xxgk-lint.json': json({ rules: { 'table-sums': 'error' }, ignores: ['drafts/'] }),
      'a/b/d.md': DEFECTS,
      'a/drafts/x.md': DEFECTS,
      'c/d.md': DEFECTS,
      'top.md': DEFECTS,
    });
    const out = await run(['-f', 'json', '.'], root);
    expect(severities(out.stdout, root, 'table-sums')).toEqual({ 'a/b/d.md': 2, 'c/d.md': 1, 'top.md': 0 });
    // A farther config's unanchored pattern is rebased, not widened: it matches below its own folder only.
    expect(rebase(['drafts/', '/x.md', '!keep.md', 'a/b.md'], 'a')).toEqual(['/a/**/drafts/', '/a/x.md', '!/a/**/keep.md', '/a/a/b.md']);
    // Named, an ignored file is skipped with ESLint's warning.
    const named = await run(['--locale', 'en', '-f', 'json', 'a/drafts/x.md'], root);
    expect(named.stderr).toContain('a/drafts/x.md: File ignored');
    const noIgnore = await run(['-f', 'json', '--no-ignore', 'a/drafts/x.md'], root);
    expect(severities(noIgnore.stdout, root, 'table-sums')).toEqual({ 'a/drafts/x.md': 2 });
    // Standard input named by --stdin-filename gets the settings of that name's folder.
    const stdin = await run(['-f', 'json', '--stdin', '--stdin-filename', 'c/in.md'], root, DEFECTS);
    expect(severities(stdin.stdout, root, 'table-sums')).toEqual({ 'c/in.md': 1 });
  });

  it('--print-config FILE prints the settings of that file: its folder’s config files and the overrides that match it', async () => {
    const root = await makeTempDir();
    await writeTree(root, {
      '.git/HEAD': '',
      '.xxgk-lint.json': json({ rules: { 'table-sums': 'warn' } }),
      'a/.xxgk-lint.json': json({ overrides: [{ files: 'old-*.md', rules: { 'fee-statement': 'off' } }] }),
    });
    const printed = async (file: string) =>
      JSON.parse((await run(['--print-config', file], root)).stdout) as { configFile: string; rules: Record<string, unknown> };
    const top = await printed('x.md');
    expect(top.configFile).toBe(path.join(root, '.xxgk-lint.json'));
    expect(top.rules['fee-statement']).toEqual(['error', { fromYear: 2021 }]);
    const old = await printed('a/old-2019.md');
    expect(old.configFile).toBe(path.join(root, 'a/.xxgk-lint.json'));
    const severity = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
    expect(severity(old.rules['table-sums'])).toBe('warn');
    expect(severity(old.rules['fee-statement'])).toBe('off');
  });

  it('keeps one cache entry per file and settings: changing a folder’s config changes its files’ results', async () => {
    const root = await makeTempDir();
    await writeTree(root, { '.git/HEAD': '', 'a/.xxgk-lint.json': json({ rules: { 'table-sums': 'error' } }), 'a/d.md': DEFECTS, 'c/d.md': DEFECTS });
    const first = await run(['-f', 'json', '--cache', '.'], root);
    expect(severities(first.stdout, root, 'table-sums')).toEqual({ 'a/d.md': 2, 'c/d.md': 2 });
    await writeTree(root, { 'a/.xxgk-lint.json': json({ rules: { 'table-sums': 'warn' } }) });
    const second = await run(['-f', 'json', '--cache', '.'], root);
    expect(severities(second.stdout, root, 'table-sums')).toEqual({ 'a/d.md': 1, 'c/d.md': 2 });
  });

  it('reuses no cross-report finding cached under another config of its folder', async () => {
    const root = await makeTempDir();
    const pair = consistentPair(2024, [3, 0, 0, 0, 0, 0]);
    await writeTree(root, {
      '.git/HEAD': '',
      'a/.xxgk-lint.json': json({ rules: { 'carry-over': 'error' } }),
      'a/2024.md': sampleReport(pair.current),
      'a/2023.md': sampleReport(pair.previous),
    });
    const first = await run(['-f', 'json', '--cache', '.'], root);
    expect(severities(first.stdout, root, 'carry-over')['a/2024.md']).toBe(2);
    await writeTree(root, { 'a/.xxgk-lint.json': json({ rules: { 'carry-over': 'warn' } }) });
    const second = await run(['-f', 'json', '--cache', '.'], root);
    expect(severities(second.stdout, root, 'carry-over')['a/2024.md']).toBe(1);
  });

  it('runs a cross-report rule with the settings of the file it reports on; every report of the run is its context', async () => {
    const root = await makeTempDir();
    const pair = consistentPair(2024, [3, 0, 0, 0, 0, 0]);
    const current = sampleReport(pair.current);
    await writeTree(root, {
      '.git/HEAD': '',
      'on/2024.md': current,
      'on/2023.md': sampleReport(pair.previous),
      'off/.xxgk-lint.json': json({ rules: { 'carry-over': 'off' } }),
      'off/2024.md': current,
    });
    const out = await run(['-f', 'json', '.'], root);
    const found = severities(out.stdout, root, 'carry-over');
    expect(found['on/2024.md']).toBeGreaterThan(0);
    // off/2024.md has the same last-year report in the run, but its own config turns the rule off.
    expect(found['off/2024.md']).toBe(0);
  });
});
