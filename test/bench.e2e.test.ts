/**
 * The bench (`npm run bench`, issue 22 item 1) in its quick mode: it generates its archive corpus,
 * runs every target's pair once against the built CLI (the global setup builds dist/) and checks
 * its own outputs (file counts, exit codes, the same findings in every mode). Minutes of CPU on a
 * loaded machine, so it runs only with XXGK_E2E=1 (`.ci/run` sets it). No timing is asserted.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

const root = path.resolve(import.meta.dirname, '..');
const enabled = process.env.XXGK_E2E === '1';

afterAll(removeTempDirs);

(enabled ? describe : describe.skip)('npm run bench -- --quick', () => {
  it('measures every target of the issue, validates its outputs and writes its report', async () => {
    const out = path.join(await makeTempDir(), 'bench.md');
    const run = spawnSync(process.execPath, ['scripts/bench.mjs', '--quick', '--out', out], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/check\(s\) failed/);
    expect(run.status).toBe(0);
    const report = readFileSync(out, 'utf8');
    for (const target of [
      '`--concurrency off`, CPU against remark-parse + remark-gfm',
      'default run, wall against the single-threaded floor',
      'speed-up of 2 workers over `off`',
      'warm `--cache` re-run, wall against cold',
      'one small file against `node -e 0`',
      'against markdownlint-cli2 (default rules)',
    ])
      expect(report).toContain(target);
    expect(report).toMatch(/JSON findings of all \d+ CLI runs over the corpus are byte-identical/);
    const raw = JSON.parse(readFileSync(out.replace(/\.md$/, '.json'), 'utf8')) as { problems: string[]; results: Array<{ ratio?: { cpu: number[] } }> };
    expect(raw.problems).toEqual([]);
    for (const r of raw.results) for (const x of r.ratio?.cpu ?? []) expect(x).toBeGreaterThan(0);
  }, 600_000);
});
