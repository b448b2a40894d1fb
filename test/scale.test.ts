// Scale: worker processes and the per-file time budget (through the built CLI, dist/cli.js, which
// the global setup builds), the cache, shards and the progress bar (in-process).
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/adapters/cli/main.ts';
import type { CliDeps } from '../src/adapters/cli/main.ts';
import { sampleReport } from '../src/testing/sample.ts';
import type { LintResult } from '../src/types.ts';
import { readCache, writeCache } from './helpers/cache-file.ts';
import { markerRules } from './helpers/marker-rules.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'dist/cli.js');

function runBuilt(cwd: string, args: string[], env: Record<string, string> = {}, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { ...process.env, CI: '1', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

/** Reports with findings of several rules, in several table forms. */
async function corpus(count: number): Promise<string> {
  const dir = await makeTempDir();
  const files: Record<string, string> = {};
  const forms = ['gfm', 'tsv', 'html', 'layout', 'cellPerLine', 'gfmMerged', 'htmlMerged'] as const;
  for (let i = 0; i < count; i++) {
    const form = forms[i % forms.length];
    files[`r${String(i).padStart(2, '0')}.md`] = sampleReport({
      form,
      year: 2021 + (i % 4),
      ...(i % 3 === 1 ? { override: { table: 't3' as const, row: 2, column: 0, value: 50 + i } } : {}),
      ...(i % 4 === 2 ? { signature: null } : {}),
    });
  }
  await writeTree(dir, files);
  return dir;
}

describe('worker processes (built CLI)', () => {
  it('gives the same output, in the same order, on 1, 2 or 3 workers as in one thread', async () => {
    const dir = await corpus(9);
    const off = await runBuilt(dir, ['-f', 'json', '--concurrency', 'off']);
    const results = JSON.parse(off.stdout) as LintResult[];
    expect(results).toHaveLength(9);
    expect(results.some((r) => r.messages.length > 0)).toBe(true);
    for (const n of ['1', '3']) {
      const run = await runBuilt(dir, ['-f', 'json', '--concurrency', n]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(off.code);
      expect(run.stdout).toBe(off.stdout);
    }
  }, 60_000);

  it('stops a file that exceeds --file-timeout with one fatal message naming it; the others are reported in order', async () => {
    const dir = await corpus(3);
    // A wide GFM table within every size limit (budget.ts) that still takes some ten seconds to
    // read: only the time budget stops it. (Pathological emphasis runs are refused up front now.)
    const row = (cell: string) => `| ${Array(100).fill(cell).join(' | ')} |`;
    await writeFile(path.join(dir, 'r01-slow.md'), [row('h'), `|${Array(100).fill('---').join('|')}|`, ...Array(1000).fill(row('0')), ''].join('\n'));
    const run = await runBuilt(dir, ['-f', 'json', '--file-timeout', '3', '--locale', 'en', '--concurrency', '2']);
    // ESLint's JSON shape: a fatal problem is a message with `fatal: true`.
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; errorCount: number; messages: Array<{ fatal?: boolean; message: string }> }>;
    expect(results.map((r) => path.basename(r.filePath))).toEqual(['r00.md', 'r01-slow.md', 'r01.md', 'r02.md']);
    const slow = results[1];
    expect(slow?.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringContaining('timed out: not finished after 3 s') })]);
    expect(slow?.errorCount).toBe(1);
    for (const other of [results[0], results[2], results[3]]) expect(other?.messages.some((m) => m.fatal)).toBe(false);
    expect(run.code).toBe(1);

    const zh = await runBuilt(dir, ['--file-timeout', '2', 'r01-slow.md']);
    expect(zh.stdout).toContain('r01-slow.md');
    expect(zh.stdout).toContain('检查超时');
  }, 60_000);
});

describe('every path under the same budgets (built CLI)', () => {
  // A rule file that never returns on a text containing LOOP: only the time budget can stop it.
  const LOOPING_RULE = [
    "import { z } from 'zod';",
    'export default {',
    "  meta: { id: 'loops', description: { 'zh-CN': '循环', en: 'Loops' }, rationale: { 'zh-CN': '测试', en: 'Test' },",
    "    defaultSeverity: 'error', options: z.object({}).strict(), messages: { m: { 'zh-CN': '循环', en: 'Loops' } }, examples: { valid: [], invalid: [] } },",
    "  check(context) { if (context.source.includes('LOOP')) for (;;) {} },",
    '};',
  ].join('\n');

  it('--fix, --fix-dry-run, --stdin and a single small file are stopped by --file-timeout like any file', async () => {
    const dir = await makeTempDir();
    await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    const looping = `${sampleReport({ year: 2024 })}\nLOOP\n`;
    await writeTree(dir, { '.xxgk-lint.json': '{ "ruleFiles": ["loops.mjs"] }', 'loops.mjs': LOOPING_RULE, 'a.md': looping });
    const timedOut = (stdout: string): void => {
      const [result] = JSON.parse(stdout) as Array<{ messages: Array<{ fatal?: boolean; message: string }> }>;
      expect(result?.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringContaining('timed out') })]);
    };
    for (const args of [['a.md'], ['--fix', 'a.md'], ['--fix-dry-run', 'a.md']]) {
      const run = await runBuilt(dir, ['-f', 'json', '--locale', 'en', '--file-timeout', '1', ...args]);
      expect(run.code).toBe(1);
      timedOut(run.stdout);
    }
    expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe(looping);
    const stdin = await runBuilt(dir, ['-f', 'json', '--locale', 'en', '--file-timeout', '1', '--stdin'], {}, looping);
    expect(stdin.code).toBe(1);
    timedOut(stdin.stdout);
  }, 60_000);

  it('a few files (linted in a worker thread): the looping one is stopped, the others keep their findings', async () => {
    const dir = await makeTempDir();
    await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    const clean = sampleReport({ year: 2024 });
    const wrong = (year: number): string => sampleReport({ year, override: { table: 't3', row: 2, column: 0, value: 77 } });
    await writeTree(dir, {
      '.xxgk-lint.json': '{ "ruleFiles": ["loops.mjs"] }',
      'loops.mjs': LOOPING_RULE,
      'a.md': wrong(2023),
      'b.md': `${clean}\nLOOP\n`,
      'c.md': wrong(2022),
    });
    const without = await runBuilt(dir, ['-f', 'json', '--locale', 'en', 'a.md', 'c.md']);
    const expected = JSON.parse(without.stdout) as Array<{ messages: unknown[] }>;
    expect(expected[0]?.messages.length).toBeGreaterThan(0);
    const run = await runBuilt(dir, ['-f', 'json', '--locale', 'en', '--file-timeout', '1', 'a.md', 'b.md', 'c.md']);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ fatal?: boolean; message: string }> }>;
    expect(results.map((r) => path.basename(r.filePath))).toEqual(['a.md', 'b.md', 'c.md']);
    expect(results[1]?.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringContaining('timed out') })]);
    expect(results[0]?.messages).toEqual(expected[0]?.messages);
    expect(results[2]?.messages).toEqual(expected[1]?.messages);
  }, 60_000);
});

describe('the worker thread the CLI starts early (a few files)', () => {
  it('does not keep the process alive when the run lints nothing: a bad config, an ignored file', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': sampleReport({ year: 2024 }), '.xxgk-lint.json': '{ "rules": ' });
    const bad = await runBuilt(dir, ['a.md']);
    expect(bad.code).toBe(2);
    await writeTree(dir, { '.xxgk-lint.json': '{ "ignores": ["a.md"] }' });
    const ignored = await runBuilt(dir, ['-f', 'json', 'a.md']);
    expect(ignored.code).toBe(0);
    expect(JSON.parse(ignored.stdout)).toEqual([expect.objectContaining({ warningCount: 1 })]);
  }, 60_000);
});

describe.each(['process', 'thread'] as const)('the memory budget (%s workers)', (kind) => {
  it('stops a file whose tree outgrows the heap limit with one fatal message; the worker is replaced and the others are linted', async () => {
    const { lintInWorkers } = await import('../src/engine/pool.ts');
    const dir = await makeTempDir();
    const report = sampleReport({ year: 2024 });
    // Some 3 MB of paragraphs: remark's tree of it needs far more than a 64 MB heap.
    await writeTree(dir, { 'a.md': report, 'big.md': report + '\n' + '本机关依法公开政府信息。\n\n'.repeat(200_000), 'c.md': report });
    const files = ['a.md', 'big.md', 'c.md'].map((f, index) => ({ index, file: path.join(dir, f) }));
    const outcomes = new Map<number, unknown>();
    await lintInWorkers(
      files,
      {
        workerUrl: new URL('../dist/worker.js', import.meta.url),
        threads: 1,
        timeoutMs: 0,
        memoryMb: 64,
        kind,
        setup: { cwd: dir, configPath: undefined, allowCode: false, locale: 'en', reportUnusedDisable: false },
      },
      (index, outcome) => outcomes.set(index, outcome),
    );
    expect([...outcomes.keys()].sort()).toEqual([0, 1, 2]);
    expect(outcomes.get(1)).toEqual({
      result: expect.objectContaining({ fatal: { messageId: 'fileOutOfMemory', message: expect.stringContaining('more memory than the limit (64 MB)') } }),
    });
    for (const i of [0, 2]) expect(outcomes.get(i)).toEqual({ analysis: expect.objectContaining({ digest: expect.objectContaining({ year: 2024 }) }) });
  }, 60_000);
});

describe('worker processes: flags node refuses', () => {
  it('start again without the garbage-collector flags when node refuses one, and lint every file', async () => {
    const { lintInWorkers } = await import('../src/engine/pool.ts');
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': sampleReport({ year: 2024 }), 'b.md': sampleReport({ year: 2023 }) });
    const outcomes = new Map<number, unknown>();
    await lintInWorkers(
      ['a.md', 'b.md'].map((f, index) => ({ index, file: path.join(dir, f) })),
      {
        workerUrl: new URL('../dist/worker.js', import.meta.url),
        threads: 2,
        timeoutMs: 0,
        execArgv: ['--no-such-garbage-collector-flag'],
        setup: { cwd: dir, configPath: undefined, allowCode: false, locale: 'en', reportUnusedDisable: false },
      },
      (index, outcome) => outcomes.set(index, outcome),
    );
    expect([...outcomes.keys()].sort()).toEqual([0, 1]);
    for (const o of outcomes.values())
      expect(o).toEqual({ analysis: expect.objectContaining({ digest: expect.objectContaining({ agency: expect.any(String) }) }) });
  }, 60_000);
});

// ---- In-process: the real engine with the marker rules; every .md file is a report ----------------

/** The config of the in-process runs: these short texts are reports whatever they look like. */
const REPORTS = { reports: ['*.md'] };

interface InProcess {
  code: number;
  stdout: string;
  stderr: string;
  /** Files the engine was given, by name. */
  linted: string[];
}

async function run(cwd: string, argv: string[], options: { env?: Record<string, string>; stderrTTY?: boolean } = {}): Promise<InProcess> {
  let stdout = '';
  let stderr = '';
  const linted: string[] = [];
  // The real engine with the marker rules: a text the rules read is a file linted (its first line,
  // `# a` or `# 12`, names it: a.md, f12.md).
  const deps: CliDeps = {
    rules: markerRules({
      checked: (source) => {
        const name = /^# (\S+)/.exec(source)?.[1] ?? '?';
        linted.push(/^\d+$/.test(name) ? `f${name}.md` : `${name}.md`);
      },
    }),
  };
  const code = await main(
    argv,
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s), isTTY: options.stderrTTY ?? false },
      cwd,
      env: options.env ?? {},
    },
    deps,
  );
  return { code, stdout, stderr, linted: linted.sort() };
}

describe('--cache', () => {
  it('lints only changed files; config, locale and options changes invalidate everything', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { '.xxgk-lint.json': JSON.stringify(REPORTS), 'a.md': '# a\nERROR\n', 'b.md': '# b\n', 'c.md': '# c\n' });
    const first = await run(dir, ['--cache', '-f', 'json']);
    expect(first.linted).toEqual(['a.md', 'b.md', 'c.md']);
    const second = await run(dir, ['--cache', '-f', 'json']);
    expect(second.linted).toEqual([]);
    // Cached results are the results: same output, same exit code.
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(1);

    await writeFile(path.join(dir, 'b.md'), '# b\nERROR\n');
    expect((await run(dir, ['--cache'])).linted).toEqual(['b.md']);
    expect((await run(dir, ['--cache', '--locale', 'en'])).linted).toEqual(['a.md', 'b.md', 'c.md']);
    expect((await run(dir, ['--cache', '--locale', 'en'])).linted).toEqual([]);
    await writeFile(path.join(dir, '.xxgk-lint.json'), JSON.stringify({ ...REPORTS, rules: { 'table-sums': 'warn' } }));
    expect((await run(dir, ['--cache', '--locale', 'en'])).linted).toEqual(['a.md', 'b.md', 'c.md']);
    expect((await run(dir, ['--cache', '--locale', 'en', '--report-unused-disable'])).linted).toEqual(['a.md', 'b.md', 'c.md']);
    // Without --cache the cache is neither read nor needed.
    expect((await run(dir, [])).linted).toEqual(['a.md', 'b.md', 'c.md']);
    // Written atomically: no temporary file is left behind.
    expect((await readdir(dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('ignores a corrupt cache with a note, and rewrites it; --cache-location picks the file or folder', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { '.xxgk-lint.json': JSON.stringify(REPORTS), 'a.md': '# a\n', 'cache/keep.txt': '' });
    await writeFile(path.join(dir, 'my-cache.json'), '{"format":1,"key":');
    const corrupt = await run(dir, ['--cache', '--cache-location', 'my-cache.json', '--locale', 'en']);
    expect(corrupt.stderr).toContain('my-cache.json is unreadable or corrupt');
    expect(corrupt.linted).toEqual(['a.md']);
    const again = await run(dir, ['--cache', '--cache-location', 'my-cache.json', '--locale', 'en']);
    expect(again.stderr).toBe('');
    expect(again.linted).toEqual([]);
    expect(readCache(path.join(dir, 'my-cache.json')).records.map((r) => r.name)).toEqual(['a.md']);

    await run(dir, ['--cache', '--cache-location', 'cache/']);
    expect(await readdir(path.join(dir, 'cache'))).toContain('.xxgk-lint-cache');
  });
});

describe('--cache with the real engine (in this process)', () => {
  const quiet = { write: () => true };
  const lint = (cwd: string, args: string[] = []): Promise<number> =>
    main(['--cache', '-f', 'json', '-o', 'out.json', ...args, 'reports'], { stdout: quiet, stderr: quiet, cwd, env: {} });

  it('keeps digests for cross-report rules, leaves an unchanged cache unwritten, and treats a damaged digest as a corrupt cache', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'reports/2023.md': sampleReport({ year: 2023 }),
      'reports/2024.md': sampleReport({ year: 2024, override: { table: 't3', row: 2, column: 0, value: 77 } }),
    });
    expect(await lint(dir)).toBe(1);
    const cold = await readFile(path.join(dir, 'out.json'), 'utf8');
    const cacheFile = path.join(dir, '.xxgk-lint-cache');
    const written = await stat(cacheFile);
    const cache = readCache(cacheFile);
    expect(cache.records).toHaveLength(2);
    for (const record of cache.records) {
      expect(record.digest.length).toBeGreaterThan(0);
      expect(record.cross).not.toBe('');
    }

    // Warm: the same output (cross-report findings included), and the cache file is not rewritten.
    expect(await lint(dir)).toBe(1);
    expect(await readFile(path.join(dir, 'out.json'), 'utf8')).toBe(cold);
    expect((await stat(cacheFile)).mtimeMs).toBe(written.mtimeMs);

    // A digest's bytes damaged, and no cross-report findings kept (so that the rules read the
    // digests): the cache is unusable (noted), and the run is as cold.
    for (const record of cache.records) {
      record.cross = '';
      record.digest = Buffer.from(record.digest.map((b) => b ^ 0x55));
    }
    await writeCache(cacheFile, cache);
    let stderr = '';
    expect(
      await main(['--cache', '-f', 'json', '-o', 'out.json', 'reports'], {
        stdout: quiet,
        stderr: { write: (s: string) => (stderr += s) },
        cwd: dir,
        env: {},
      }),
    ).toBe(1);
    expect(stderr).toContain('已损坏');
    expect(stderr.match(/已损坏/g)).toHaveLength(1);
    // The same output, the cross-report findings among them; the cache is whole again.
    expect(await readFile(path.join(dir, 'out.json'), 'utf8')).toBe(cold);
    const ruleIds = (JSON.parse(cold) as Array<{ messages: Array<{ ruleId: string }> }>).flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(ruleIds.some((id) => id === 'carry-over' || id === 'stock-continuity')).toBe(true);
    stderr = '';
    await main(['--cache', '-f', 'json', '-o', 'out.json', 'reports'], { stdout: quiet, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, env: {} });
    expect(stderr).toBe('');
    expect(await readFile(path.join(dir, 'out.json'), 'utf8')).toBe(cold);
  });
});

describe('option values', () => {
  it('rejects a bad --concurrency, --shard or --file-timeout with exit 2', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': '# a\n' });
    for (const args of [
      ['--concurrency', 'many'],
      ['--concurrency', '0'],
      ['--shard', '3/2'],
      ['--shard', '0/2'],
      ['--shard', 'x'],
      ['--file-timeout', '-1'],
      // Past what Node's timers hold (2^31 − 1 ms): refused, not left to time every file out.
      ['--file-timeout', '2147484'],
    ]) {
      const result = await run(dir, ['--locale', 'en', ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^xxgk-lint: (Option|Invalid)/);
      expect(result.linted).toEqual([]);
    }
  });
});

describe('--shard', () => {
  it('splits the files into disjoint shards whose union is the full run', async () => {
    const dir = await makeTempDir();
    const tree: Record<string, string> = { '.xxgk-lint.json': JSON.stringify(REPORTS) };
    for (let i = 0; i < 40; i++) tree[`d${i % 3}/f${i}.md`] = `# ${i}\n`;
    await writeTree(dir, tree);
    const full = (await run(dir, [])).linted;
    expect(full).toHaveLength(40);
    const shards = await Promise.all([1, 2, 3].map(async (i) => (await run(dir, ['--shard', `${i}/3`])).linted));
    for (const shard of shards) expect(shard.length).toBeGreaterThan(0);
    expect(shards.flat().sort()).toEqual(full);
    expect(new Set(shards.flat()).size).toBe(40);
    // Stable: the same shard twice is the same files.
    expect((await run(dir, ['--shard', '2/3'])).linted).toEqual(shards[1]);
  });
});

describe('progress bar', () => {
  it('shows on a terminal for many files, never with CI set, for JSON to stdout or for few files', async () => {
    const dir = await makeTempDir();
    const tree: Record<string, string> = {};
    for (let i = 0; i < 120; i++) tree[`f${i}.md`] = `# ${i}\n`;
    await writeTree(dir, tree);
    const shown = await run(dir, [], { stderrTTY: true });
    expect(shown.stderr).toContain('120/120');
    expect(shown.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(shown.stdout).not.toContain('120/120');
    expect((await run(dir, [], { stderrTTY: true, env: { CI: 'true' } })).stderr).toBe('');
    expect((await run(dir, ['-f', 'json'], { stderrTTY: true })).stderr).toBe('');
    expect((await run(dir, [], { stderrTTY: false })).stderr).toBe('');
    expect((await run(dir, ['f1.md', 'f2.md'], { stderrTTY: true })).stderr).toBe('');
  });
});
