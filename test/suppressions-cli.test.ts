import { afterAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../src/adapters/cli/main.ts';
import { DEFAULT_SUPPRESSIONS_FILE, type Suppressions } from '../src/engine/suppressions.ts';
import { sampleReport } from '../src/testing/sample.ts';
import type { LintResult } from '../src/types.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const good = sampleReport();
const wrongCell = sampleReport({ override: { table: 't3', row: 0, column: 0, value: 999 } });
const wrongYear = sampleReport({ replace: [['自2024年1月1日起至2024年12月31日止', '自2023年1月1日起至2023年12月31日止']] });

async function run(cwd: string, argv: string[]): Promise<{ code: number; results: LintResult[]; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['-f', 'json', '--concurrency', 'off', ...argv], {
    stdout: { write: (s: string | Uint8Array) => (stdout += String(s)) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: {},
  });
  return { code, results: stdout ? (JSON.parse(stdout) as LintResult[]) : [], stderr };
}

/** Errors per file (relative, with /) and rule, from json results. */
function errorsOf(results: readonly LintResult[], cwd: string): Suppressions {
  const out: Suppressions = {};
  for (const r of results) {
    for (const m of r.messages) {
      if (m.severity !== 2) continue;
      const key = path.relative(cwd, r.filePath).split(path.sep).join('/');
      const entry = (out[key] ??= {});
      entry[m.ruleId] = { count: (entry[m.ruleId]?.count ?? 0) + 1 };
    }
  }
  return out;
}

const readFileJson = async (file: string): Promise<Suppressions> => JSON.parse(await readFile(file, 'utf8')) as Suppressions;

describe('bulk suppressions through the CLI (real rules)', () => {
  it('records every error, then reports only new ones, reports unused records and prunes them', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'reports/a.md': wrongCell, 'reports/b.md': good });
    const before = await run(root, ['reports']);
    expect(before.code).toBe(1);
    const expected = errorsOf(before.results, root);
    expect(Object.keys(expected)).toEqual(['reports/a.md']);

    const recorded = await run(root, ['--suppress-all', 'reports']);
    expect(recorded.code).toBe(0);
    expect(errorsOf(recorded.results, root)).toEqual({});
    const file = path.join(root, DEFAULT_SUPPRESSIONS_FILE);
    expect(await readFileJson(file)).toEqual(expected);

    const again = await run(root, ['reports']);
    expect(again.code).toBe(0);
    expect(errorsOf(again.results, root)).toEqual({});
    expect(again.results.find((r) => r.filePath.endsWith('a.md'))?.errorCount).toBe(0);

    // A new finding in another file shows; the recorded ones still do not.
    await writeFile(path.join(root, 'reports/b.md'), wrongYear);
    const fresh = await run(root, ['reports']);
    expect(fresh.code).toBe(1);
    expect(Object.keys(errorsOf(fresh.results, root))).toEqual(['reports/b.md']);

    // a.md fixed: its records no longer occur, which ends the run with 2 unless passed or pruned.
    await writeFile(path.join(root, 'reports/a.md'), good);
    const stale = await run(root, ['reports']);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain('--prune-suppressions');
    expect((await run(root, ['--pass-on-unpruned-suppressions', 'reports'])).code).toBe(1);
    const pruned = await run(root, ['--prune-suppressions', 'reports']);
    expect(pruned.code).toBe(1);
    expect(await readFileJson(file)).toEqual({});

    // --suppress-rule records only that rule's errors, in a file elsewhere.
    const bErrors = errorsOf(fresh.results, root)['reports/b.md'] ?? {};
    const [rule, ...others] = Object.keys(bErrors).sort();
    const location = path.join(root, 'ci', 'suppressions.json');
    await writeTree(root, { 'ci/.keep': '' });
    const one = await run(root, ['--suppress-rule', rule as string, '--suppressions-location', 'ci/suppressions.json', 'reports']);
    expect(await readFileJson(location)).toEqual({ '../reports/b.md': { [rule as string]: bErrors[rule as string] } });
    expect(Object.keys(errorsOf(one.results, root)['reports/b.md'] ?? {}).sort()).toEqual(others);
    expect(one.code).toBe(others.length > 0 ? 1 : 0);
  });

  it('shows every error of a rule once a file has more of them than recorded', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'a.md': wrongCell });
    expect((await run(root, ['--suppress-all', 'a.md'])).code).toBe(0);
    const file = path.join(root, DEFAULT_SUPPRESSIONS_FILE);
    const recorded = await readFileJson(file);
    const [rule, { count }] = Object.entries(recorded['a.md'] ?? {})[0] as [string, { count: number }];
    // As if the file had gained one error of that rule since it was recorded.
    await writeFile(file, JSON.stringify({ 'a.md': { ...recorded['a.md'], [rule]: { count: count - 1 } } }));
    const after = await run(root, ['a.md']);
    expect(after.code).toBe(1);
    expect(errorsOf(after.results, root)).toEqual({ 'a.md': { [rule]: { count } } });
  });

  it('refuses a damaged suppressions file and conflicting options in one line', async () => {
    const root = await makeTempDir();
    await writeTree(root, { 'a.md': good, [DEFAULT_SUPPRESSIONS_FILE]: '{"a.md": {"x": {"count": "many"}}}' });
    const bad = await run(root, ['a.md']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(DEFAULT_SUPPRESSIONS_FILE);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const both = await run(root, ['--suppress-all', '--prune-suppressions', 'a.md']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--suppress-all');
  });
});

describe('suppressed findings in -f json (issue 21: ESLint’s suppressedMessages)', () => {
  it('lists what the suppressions file hid (kind "file") and what comments disabled (kind "directive", with the description)', async () => {
    const root = await makeTempDir();
    const disabled = `<!-- xxgk-lint-disable statistical-period -- 原件如此 -->\n\n${wrongYear}`;
    await writeTree(root, { 'a.md': wrongCell, 'b.md': disabled });
    await run(root, ['--suppress-all', 'a.md']);
    const { results } = await run(root, ['a.md', 'b.md']);
    type Suppressed = { ruleId: string; suppressions: Array<{ kind: string; justification: string }> };
    const suppressed = (file: string): Suppressed[] =>
      (results.find((r) => r.filePath === path.join(root, file)) as unknown as { suppressedMessages: Suppressed[] }).suppressedMessages;
    const a = suppressed('a.md');
    expect(a.length).toBeGreaterThan(0);
    for (const m of a) expect(m.suppressions).toEqual([{ kind: 'file', justification: '' }]);
    const b = suppressed('b.md');
    expect(b.map((m) => m.ruleId)).toContain('statistical-period');
    for (const m of b) expect(m.suppressions).toEqual([{ kind: 'directive', justification: '原件如此' }]);
  });
});
