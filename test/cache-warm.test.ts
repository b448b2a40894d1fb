// A warm `--cache` run gives byte for byte the output of a cold run, whatever changed in between
// (nothing, one report, a report added, removed or renamed, the config, a cross-report rule turned
// off), and with nothing changed it decodes no digest (the cross-report findings come from the
// cache with what they read). The real engine and built-in rules, through the CLI in this process.
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../src/adapters/cli/main.ts';
import { ResultCache } from '../src/engine/cache.ts';
import { loadConfig } from '../src/engine/config.ts';
import { lintFilesToArray } from '../src/engine/run.ts';
import { builtinRules } from '../rules/index.ts';
import type { FileOutcome } from '../src/engine/lint-file.ts';
import { decodedDigests } from '../src/engine/packed.ts';
import { consistentData, sampleReport } from '../src/testing/sample.ts';
import { PROPERTY_SCALE } from './helpers/property.ts';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

afterAll(removeTempDirs);

/** One report: an agency, a year, the carried-over row it states and the one it carries forward. */
interface Spec {
  agency: number;
  year: number;
  carried: number;
  carryOver: number;
  /** Part 六 written anew (else the same prose as the agency's other years: similar-to-last-year). */
  fresh?: boolean;
}

function text(spec: Spec): string {
  return sampleReport({
    year: spec.year,
    title: `示例市第${spec.agency + 1}局${spec.year}年政府信息公开工作年度报告`,
    data: consistentData({ 't3.open': [5 + spec.carried, 0, 0, 0, 0, 0] }, [spec.carried, 0, 0, 0, 0, 0], [spec.carryOver, 0, 0, 0, 0, 0]),
    ...(spec.fresh ? { part6: `本年度第${spec.agency + 1}局另行说明：${'新的工作安排与改进措施。'.repeat(3)}` } : {}),
  });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  decoded: number;
}

/** The CLI over `reports/` with JSON output; with `cache`, through that cache file. */
async function lint(dir: string, cache?: string, extra: string[] = []): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const before = decodedDigests();
  const args = [...(cache ? ['--cache', '--cache-location', cache] : []), ...extra, '-f', 'json', 'reports'];
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, env: {} });
  return { code, stdout, stderr, decoded: decodedDigests() - before };
}

/** Warm (through the cache) and cold (no cache): the same output, exit code and notes. */
async function expectSame(dir: string): Promise<Run> {
  const warm = await lint(dir, 'cache');
  const cold = await lint(dir);
  expect(warm.stdout).toBe(cold.stdout);
  expect(warm.code).toBe(cold.code);
  // The same notes: none from the cache (an edit that removes every report leaves the cold run's “no files”).
  expect(warm.stderr).toBe(cold.stderr);
  return warm;
}

const crossIds = (stdout: string): string[] =>
  (JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string }> }>)
    .flatMap((r) => r.messages.map((m) => m.ruleId))
    .filter((id) => ['carry-over', 'stock-continuity', 'similar-to-last-year'].includes(id));

async function writeReports(dir: string, files: Record<string, Spec>): Promise<void> {
  for (const [name, spec] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text(spec));
  }
}

describe('a warm run', () => {
  it('gives the cold output after each change, and decodes no digest when nothing changed', async () => {
    const dir = await makeTempDir();
    await writeReports(dir, {
      'reports/a/2022.md': { agency: 0, year: 2022, carried: 1, carryOver: 2 },
      'reports/a/2023.md': { agency: 0, year: 2023, carried: 2, carryOver: 3 },
      'reports/a/2024.md': { agency: 0, year: 2024, carried: 4, carryOver: 0, fresh: true },
      'reports/b/2023.md': { agency: 1, year: 2023, carried: 0, carryOver: 1, fresh: true },
      'reports/b/2024.md': { agency: 1, year: 2024, carried: 1, carryOver: 0 },
    });
    const first = await expectSame(dir);
    expect(crossIds(first.stdout).length).toBeGreaterThan(0);
    const cacheFile = path.join(dir, 'cache');
    const written = (await stat(cacheFile)).mtimeMs;

    // Nothing changed: no digest decoded, the cache file left as it was.
    const warm = await expectSame(dir);
    expect(warm.decoded).toBe(0);
    expect((await stat(cacheFile)).mtimeMs).toBe(written);

    // One report changed: its findings and its peers' cross-report findings change.
    const before = crossIds(warm.stdout);
    await writeReports(dir, { 'reports/a/2023.md': { agency: 0, year: 2023, carried: 2, carryOver: 4 } });
    const changed = await expectSame(dir);
    expect(crossIds(changed.stdout)).not.toEqual(before);
    expect(changed.decoded).toBeGreaterThan(0);
    expect((await expectSame(dir)).decoded).toBe(0);

    // A report added (b's year before), removed, renamed (the findings name the other file).
    await writeReports(dir, { 'reports/b/2022.md': { agency: 1, year: 2022, carried: 0, carryOver: 5 } });
    await expectSame(dir);
    await rm(path.join(dir, 'reports/a/2022.md'));
    await expectSame(dir);
    await rename(path.join(dir, 'reports/a/2023.md'), path.join(dir, 'reports/a/2023-renamed.md'));
    await expectSame(dir);
    expect((await expectSame(dir)).decoded).toBe(0);

    // The config changed, a cross-report rule turned off and on again.
    await writeFile(path.join(dir, '.xxgk-lint.json'), JSON.stringify({ rules: { 'table-sums': 'warn' } }));
    await expectSame(dir);
    await writeFile(path.join(dir, '.xxgk-lint.json'), JSON.stringify({ rules: { 'carry-over': 'off' } }));
    const off = await expectSame(dir);
    expect(crossIds(off.stdout)).not.toContain('carry-over');
    await writeFile(
      path.join(dir, '.xxgk-lint.json'),
      JSON.stringify({ rules: { 'carry-over': 'off', 'stock-continuity': 'off', 'similar-to-last-year': 'off' } }),
    );
    expect(crossIds((await expectSame(dir)).stdout)).toEqual([]);
    await rm(path.join(dir, '.xxgk-lint.json'));
    await expectSame(dir);
    expect((await expectSame(dir)).decoded).toBe(0);
    // Written atomically: no temporary file is left behind.
    expect((await readdir(dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  }, 120_000);

  it('gives the cold output over random sequences of edits (property)', async () => {
    const spec = fc.record({
      agency: fc.nat({ max: 2 }),
      year: fc.integer({ min: 2021, max: 2024 }),
      carried: fc.nat({ max: 3 }),
      carryOver: fc.nat({ max: 3 }),
      fresh: fc.boolean(),
    });
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), slot: fc.nat({ max: 5 }), spec }),
      fc.record({ kind: fc.constant('remove' as const), slot: fc.nat({ max: 5 }) }),
      fc.record({ kind: fc.constant('rename' as const), slot: fc.nat({ max: 5 }), to: fc.nat({ max: 5 }) }),
      fc.record({ kind: fc.constant('rule' as const), off: fc.subarray(['carry-over', 'stock-continuity', 'similar-to-last-year']) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 2, maxLength: 4 }), fc.array(edit, { minLength: 1, maxLength: 4 }), async (start, edits) => {
        const dir = await makeTempDir();
        const file = (slot: number): string => path.join(dir, 'reports', `r${slot}.md`);
        await mkdir(path.join(dir, 'reports'));
        for (const [i, s] of start.entries()) await writeFile(file(i), text(s));
        await expectSame(dir);
        for (const e of edits) {
          if (e.kind === 'write') await writeFile(file(e.slot), text(e.spec));
          if (e.kind === 'remove') await rm(file(e.slot), { force: true });
          if (e.kind === 'rename') await rename(file(e.slot), file(e.to)).catch(() => undefined);
          if (e.kind === 'rule')
            await writeFile(path.join(dir, '.xxgk-lint.json'), JSON.stringify({ rules: Object.fromEntries(e.off.map((id) => [id, 'off'])) }));
          await expectSame(dir);
        }
        expect((await expectSame(dir)).decoded).toBe(0);
      }),
      { numRuns: Math.max(2, Math.round(8 * PROPERTY_SCALE)) },
    );
  }, 300_000);
});

describe('a warm shard', () => {
  it('gives the cold output of its shard, the other shards’ reports read for the cross-report rules', async () => {
    const dir = await makeTempDir();
    const files: Record<string, Spec> = {};
    for (let agency = 0; agency < 3; agency++)
      for (const year of [2022, 2023, 2024])
        files[`reports/${agency}/${year}.md`] = { agency, year, carried: (agency + year) % 3, carryOver: (agency * year) % 4 };
    await writeReports(dir, files);
    for (const shard of ['1/2', '2/2']) {
      const cold = await lint(dir, undefined, ['--shard', shard]);
      const first = await lint(dir, `cache-${shard[0]}`, ['--shard', shard]);
      const warm = await lint(dir, `cache-${shard[0]}`, ['--shard', shard]);
      expect(first.stdout).toBe(cold.stdout);
      expect(warm.stdout).toBe(cold.stdout);
      expect(warm.decoded).toBe(0);
    }
    await writeReports(dir, { 'reports/1/2023.md': { agency: 1, year: 2023, carried: 3, carryOver: 3 } });
    for (const shard of ['1/2', '2/2'])
      expect((await lint(dir, `cache-${shard[0]}`, ['--shard', shard])).stdout).toBe((await lint(dir, undefined, ['--shard', shard])).stdout);
  }, 120_000);
});

describe('the size cap', () => {
  const outcome = (name: string, size: number): FileOutcome => ({
    result: {
      filePath: name,
      messages: [],
      suppressedMessages: [],
      errorCount: 0,
      warningCount: 0,
      fatalErrorCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      source: 'x'.repeat(size),
    } as never,
  });

  it('keeps this run’s entries first, then the older ones, while they fit', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'cache');
    const open = (maxBytes: number): Promise<ResultCache> => ResultCache.open(file, 'key', dir, { maxBytes });
    const first = await open(10_000);
    for (const name of ['a', 'b', 'c']) first.set(path.join(dir, name), `hash-${name}`, outcome(name, 3000));
    await first.save();
    first.close();
    // Three records of some 3.2 KB under 10 KB: all kept.
    const second = await open(7_000);
    expect(['a', 'b', 'c'].map((n) => second.get(path.join(dir, n), `hash-${n}`) !== undefined)).toEqual([true, true, true]);
    // Under 7 KB: d (this run's) first, then a (read this run), and no room for b and c.
    const again = await open(7_000);
    second.close();
    again.get(path.join(dir, 'a'), 'hash-a');
    again.set(path.join(dir, 'd'), 'hash-d', outcome('d', 3000));
    await again.save();
    again.close();
    const third = await open(100_000);
    const kept = ['a', 'b', 'c', 'd'].filter((n) => third.get(path.join(dir, n), `hash-${n}`) !== undefined);
    third.close();
    expect(kept).toEqual(['a', 'd']);
  });

  it('drops an entry that alone exceeds the cap, and keeps the others', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'cache');
    const cache = await ResultCache.open(file, 'key', dir, { maxBytes: 5_000 });
    cache.set(path.join(dir, 'big'), 'h', outcome('big', 8000));
    cache.set(path.join(dir, 'small'), 'h', outcome('small', 100));
    await cache.save();
    cache.close();
    const reopened = await ResultCache.open(file, 'key', dir);
    expect(reopened.get(path.join(dir, 'big'), 'h')).toBeUndefined();
    expect(reopened.get(path.join(dir, 'small'), 'h')?.result?.filePath).toBe(path.join(dir, 'small'));
    reopened.close();
  });
});

describe('a cache of an earlier format', () => {
  it('is rewritten without a note when whole (formats 4 and 5), and noted as corrupt when cut short', async () => {
    const dir = await makeTempDir();
    await writeReports(dir, { 'reports/a/2024.md': { agency: 0, year: 2024, carried: 0, carryOver: 0 } });
    const cold = await lint(dir);
    await writeFile(path.join(dir, 'cache'), JSON.stringify({ format: 4, key: 'k', entries: {} }));
    const older = await lint(dir, 'cache');
    expect(older.stderr).toBe('');
    expect(older.stdout).toBe(cold.stdout);
    // Format 5: an index and records, entries without a signature.
    const index = JSON.stringify({ format: 5, key: 'k', entries: [] });
    const at = 'xxgk-lint cache\n'.length;
    const footer = `\n${String(at).padStart(15, '0')} ${String(index.length).padStart(15, '0')}`;
    await writeFile(path.join(dir, 'cache'), `xxgk-lint cache\n${index}${footer}`);
    const five = await lint(dir, 'cache');
    expect(five.stderr).toBe('');
    expect(five.stdout).toBe(cold.stdout);
    await writeFile(path.join(dir, 'cache'), '{"format":4,"key":');
    const cut = await lint(dir, 'cache');
    expect(cut.stderr).toContain('cache');
    expect(cut.stdout).toBe(cold.stdout);
    expect((await lint(dir, 'cache')).stderr).toBe('');
  });
});

describe('a run that finds every file in the cache', () => {
  it('starts no worker process: phase one is not run at all', async () => {
    const dir = await makeTempDir();
    await writeReports(dir, {
      'reports/a/2023.md': { agency: 0, year: 2023, carried: 0, carryOver: 2 },
      'reports/a/2024.md': { agency: 0, year: 2024, carried: 3, carryOver: 0 },
    });
    const files = ['reports/a/2023.md', 'reports/a/2024.md'].map((f) => path.join(dir, f));
    const loaded = await loadConfig({ cwd: dir, rules: builtinRules });
    const base = { loaded, cwd: dir, cache: path.join(dir, 'cache'), locale: 'en' as const };
    const cold = await lintFilesToArray(files, { ...base, concurrency: 'off' });
    // A worker entry that does not exist: starting a worker would end the run with an error.
    const noWorker = { ...base, concurrency: 2, workerUrl: new URL('file:///nonexistent/xxgk-lint-worker.js') };
    await expect(lintFilesToArray(files, { ...noWorker, cache: path.join(dir, 'other-cache') })).rejects.toThrow();
    const warm = await lintFilesToArray(files, noWorker);
    expect(JSON.stringify(warm)).toBe(JSON.stringify(cold));
    expect(warm.flatMap((r) => r.messages.map((m) => m.ruleId))).toContain('carry-over');
  });
});

describe('a warm run over a PDF', () => {
  it('takes the PDF from the cache, with no note, and gives the cold output', async () => {
    const dir = await makeTempDir();
    await mkdir(path.join(dir, 'reports'), { recursive: true });
    await copyFile(path.join(process.cwd(), 'test/fixtures/pdf/bordered.pdf'), path.join(dir, 'reports/bordered.pdf'));
    const args = ['reports/bordered.pdf'];
    const cold = await lint(dir, undefined, args);
    const first = await lint(dir, 'cache', args);
    const written = (await stat(path.join(dir, 'cache'))).mtimeMs;
    const warm = await lint(dir, 'cache', args);
    for (const run of [first, warm]) {
      expect(run.stdout).toBe(cold.stdout);
      expect(run.stderr).toBe(cold.stderr);
    }
    // Nothing linted again: the cache file is left as it was.
    expect((await stat(path.join(dir, 'cache'))).mtimeMs).toBe(written);
  });
});
