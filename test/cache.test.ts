// The cache (src/engine/cache.ts) through the CLI in this process, with the real engine and the
// marker rules: it never harms a device or a pipe, keys on everything that changes a result, and
// treats a cache of another shape as corrupt.
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { RECENT_MS } from '../src/engine/file-hash.ts';
import path from 'node:path';
import { main } from '../src/adapters/cli/main.ts';
import { readCache, writeCache } from './helpers/cache-file.ts';
import { markerRules } from './helpers/marker-rules.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const REPORTS = { reports: ['*.md'] };

/** Runs the CLI with --cache; `linted` are the texts the rules read (their first line). */
async function run(cwd: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string; linted: string[] }> {
  let stdout = '';
  let stderr = '';
  const linted: string[] = [];
  const rules = markerRules({ checked: (source) => linted.push(source.split('\n')[0] ?? '') });
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: {} };
  const code = await main(['--cache', '--locale', 'en', ...args], io, { rules });
  return { code, stdout, stderr, linted: linted.sort() };
}

describe('a cache location that is not a regular file', () => {
  it('is neither read nor replaced: /dev/null stays a device, a FIFO does not block the run', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { '.xxgk-lint.json': JSON.stringify(REPORTS), 'a.md': '# a\nERROR\n' });
    const devNull = await run(dir, ['--cache-location', '/dev/null']);
    expect(devNull.code).toBe(1);
    expect(devNull.stderr).toBe(
      'xxgk-lint: the cache location /dev/null is not a regular file or folder (/dev/null or a pipe, say); the cache is neither read nor written\n',
    );
    expect((await stat('/dev/null')).isCharacterDevice()).toBe(true);
    expect(devNull.linted).toEqual(['# a']);

    const fifo = path.join(dir, 'cache.fifo');
    execFileSync('mkfifo', [fifo]);
    const piped = await run(dir, ['--cache-location', fifo]);
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain('is not a regular file');
    expect((await stat(fifo)).isFIFO()).toBe(true);
  });
});

describe('the key', () => {
  it('changes with reports, notReports and agencies, with the html format, and with a rule file’s helper module', async () => {
    const dir = await makeTempDir();
    await symlink(path.join(process.cwd(), 'node_modules'), path.join(dir, 'node_modules'));
    const rule = [
      "import { z } from 'zod';",
      "import { word } from './helper.mjs';",
      'export default {',
      "  meta: { id: 'word', description: { 'zh-CN': '词', en: 'Word' }, rationale: { 'zh-CN': '测试', en: 'Test' },",
      "    defaultSeverity: 'warn', options: z.object({}).strict(), messages: { m: { 'zh-CN': '词', en: 'Word' } }, examples: { valid: [], invalid: [] } },",
      "  check(context) { if (context.source.includes(word)) context.report({ messageId: 'm', at: { start: { line: 1, column: 1 } } }); },",
      '};',
    ].join('\n');
    const config = (extra: object): string => JSON.stringify({ ...REPORTS, ruleFiles: ['word.mjs'], ...extra });
    await writeTree(dir, {
      '.xxgk-lint.json': config({}),
      'word.mjs': rule,
      'helper.mjs': "export const word = 'apple';\n",
      'a.md': '# a\napple\n',
      'b.md': '# b\npear\n',
    });
    const words = (stdout: string): string[] => stdout.split('\n').filter((l) => l.includes('local/word'));
    const first = await run(dir);
    expect(first.linted).toEqual(['# a', '# b']);
    expect(words(first.stdout)).toHaveLength(1);
    expect((await run(dir)).linted).toEqual([]);

    // A helper module of the rule file changed: everything is linted again. (This process keeps
    // the module it imported first; a new run, a new process, imports the new one.)
    await writeFile(path.join(dir, 'helper.mjs'), "export const word = 'pear';\n");
    expect((await run(dir)).linted).toEqual(['# a', '# b']);
    expect((await run(dir)).linted).toEqual([]);

    for (const extra of [{ notReports: ['b.md'] }, { agencies: { 甲局: ['乙局'] } }]) {
      await writeFile(path.join(dir, '.xxgk-lint.json'), config(extra));
      expect((await run(dir)).linted.length).toBeGreaterThan(0);
      expect((await run(dir)).linted).toEqual([]);
    }
    // The html format keeps each report's model: not what a json run cached.
    expect((await run(dir, ['-f', 'html', '-o', 'out.html'])).linted.length).toBeGreaterThan(0);
    expect((await run(dir, ['-f', 'html', '-o', 'out.html'])).linted).toEqual([]);
  });
});

describe('a cache of another shape', () => {
  it('is corrupt: noted, the files are linted again, and the run gives its results (no internal error)', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { '.xxgk-lint.json': JSON.stringify(REPORTS), 'a.md': '# a\nERROR\n' });
    const cold = await run(dir, ['-f', 'json']);
    const cacheFile = path.join(dir, '.xxgk-lint-cache');
    const cache = readCache(cacheFile);
    for (const wrong of [[1, 2], [{ ruleId: 'table-sums', line: 'one' }], 'x']) {
      const record = cache.records[0];
      if (record) {
        const outcome = JSON.parse(record.outcome) as { analysis: { messages: unknown } };
        outcome.analysis.messages = wrong;
        record.outcome = JSON.stringify(outcome);
      }
      await writeCache(cacheFile, cache);
      const again = await run(dir, ['-f', 'json']);
      expect(again.stderr).toContain('is unreadable or corrupt');
      expect(again.linted).toEqual(['# a']);
      expect(again.stdout).toBe(cold.stdout);
      expect(again.code).toBe(1);
    }
  });
});

describe('a file’s stat signature', () => {
  it('spares a warm run reading unchanged files, and never hides an edit that keeps the size and the modification time', async () => {
    const dir = await makeTempDir();
    const hourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    await writeTree(dir, { '.xxgk-lint.json': JSON.stringify(REPORTS), 'a.md': '# a\nERROR\n', 'b.md': '# b\nWARN\n' });
    for (const name of ['a.md', 'b.md']) await utimes(path.join(dir, name), hourAgo, hourAgo);
    // The runs are made as if some seconds after the files were written (ctime cannot be set back).
    const now = Date.now.bind(Date);
    const later = jest.spyOn(Date, 'now').mockImplementation(() => now() + RECENT_MS + 1000);
    try {
      const cold = await run(dir, ['-f', 'json']);
      expect(cold.linted).toEqual(['# a', '# b']);
      const signatures = readCache(path.join(dir, '.xxgk-lint-cache')).records.map((r) => r.signature);
      expect(signatures).toHaveLength(2);
      expect(signatures.every((s) => typeof s === 'string' && s !== '')).toBe(true);
      const warm = await run(dir, ['-f', 'json']);
      expect(warm.linted).toEqual([]);
      expect(warm.stdout).toBe(cold.stdout);

      // a.md: other bytes of the same length, its modification time set back to what it was.
      await sleep(20);
      await writeFile(path.join(dir, 'a.md'), '# a\nWARNX\n');
      await utimes(path.join(dir, 'a.md'), hourAgo, hourAgo);
      const edited = await run(dir, ['-f', 'json']);
      expect(edited.linted).toEqual(['# a']);
      expect(edited.stdout).not.toBe(cold.stdout);
      // What a run without the cache gives for the edited file.
      let stdout = '';
      const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, cwd: dir, env: {} };
      expect(await main(['--locale', 'en', '-f', 'json'], io, { rules: markerRules() })).toBe(edited.code);
      expect(edited.stdout).toBe(stdout);
      expect((await run(dir, ['-f', 'json'])).linted).toEqual([]);
    } finally {
      later.mockRestore();
    }
  });
});
