/**
 * `npm run profile` (scripts/profile.mjs) on a small corpus: every process and thread of a command
 * is profiled — the main process, both worker processes of `--concurrency 2` (which the pool ends
 * with SIGKILL, put off while profiling) and the worker thread of a one-file run (terminated, asked
 * first to write its profile) — and the samples are named by their sources through the source maps.
 * Minutes of CPU on a loaded machine, so it runs only with XXGK_E2E=1 (`.ci/run` sets it). No timing
 * is asserted.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

const root = path.resolve(import.meta.dirname, '..');
const enabled = process.env.XXGK_E2E === '1';

afterAll(removeTempDirs);

interface Thread {
  role: string;
  runMs: number;
  samplesUs?: Record<string, number>;
}
interface Command {
  plain: Thread[];
  profiled: Thread[];
  cpuByCategory: Record<string, number>;
}

(enabled ? describe : describe.skip)('npm run profile', () => {
  it('profiles every process and thread of each command and names where its CPU goes', async () => {
    const out = path.join(await makeTempDir(), 'profile.md');
    const run = spawnSync(
      process.execPath,
      ['scripts/profile.mjs', '--files', '20', '--runs', '1', '--batch', '1', '--only', 'off-vs-floor,workers-speedup,one-file', '--out', out],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.stderr).not.toMatch(/^profile:/m);
    expect(run.status).toBe(0);
    const { commands } = JSON.parse(readFileSync(out.replace(/\.md$/, '.json'), 'utf8')) as { commands: Record<string, Command> };
    const roles = (c: Command, profiled: boolean) => (profiled ? c.profiled : c.plain).map((t) => t.role).sort();
    for (const profiled of [false, true]) {
      expect(roles(commands.off!, profiled)).toEqual(['main process']);
      expect(roles(commands.floor!, profiled)).toEqual(['main process']);
      expect(roles(commands.two!, profiled)).toEqual(['main process', 'worker process', 'worker process']);
      expect(roles(commands.one!, profiled)).toEqual(['main process', 'worker thread']);
    }
    // Every profiled thread wrote its samples; the workers linted (parsing, reading, rules).
    for (const c of Object.values(commands)) for (const t of c.profiled) expect(t.samplesUs).toBeDefined();
    const workers = commands.two!.profiled.filter((t) => t.role === 'worker process');
    for (const w of workers) {
      expect(w.samplesUs!['micromark: tokenizer (micromark, commonmark constructs)']).toBeGreaterThan(0);
      expect(w.samplesUs!['rules (rules/, src/rule.ts)']).toBeGreaterThan(0);
    }
    // Our code is named through the source maps; the floor runs none of it.
    const off = commands.off!.cpuByCategory;
    const total = Object.values(off).reduce((a, b) => a + b, 0);
    expect(off['the model from the tree (src/reading, src/model)']).toBeGreaterThan(0);
    expect(off['unmapped'] ?? 0).toBeLessThan(0.05 * total);
    expect(commands.floor!.cpuByCategory['rules (rules/, src/rule.ts)'] ?? 0).toBe(0);
    const report = readFileSync(out, 'utf8');
    for (const heading of ['## off-vs-floor', '## workers-speedup', '## one-file']) expect(report).toContain(heading);
  }, 600_000);
});
