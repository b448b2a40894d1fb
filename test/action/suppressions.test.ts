// Bulk suppressions in the Action (issue 21 item 3): the file the CLI writes, honoured by the bundle.
import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../../src/adapters/cli/main.ts';
import { CLEAN_REPORT, THREE_FINDINGS_REPORT } from '../helpers/action-fixtures.ts';
import { runOnPush } from '../helpers/action-harness.ts';
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.ts';

afterAll(removeTempDirs);

describe('a suppressions file in the repository', () => {
  it('hides the errors it records, shows new ones and warns about records that no longer occur', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'reports/a.md': THREE_FINDINGS_REPORT, 'reports/b.md': CLEAN_REPORT, 'ci/.keep': '' });
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: {} };
    expect(await main(['--suppress-all', '--suppressions-location', 'ci/sup.json', '--concurrency', 'off', 'reports'], io)).toBe(0);
    // a.md fixed since, b.md broken the same way a.md was.
    await writeFile(path.join(dir, 'reports/a.md'), CLEAN_REPORT);
    await writeFile(path.join(dir, 'reports/b.md'), THREE_FINDINGS_REPORT);

    const run = await runOnPush(dir, { locale: 'en', 'suppressions-location': 'ci/sup.json' });
    const errors = run.commands.filter((c) => c.command === 'error' && c.properties.file);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((c) => c.properties.file))).toEqual(new Set(['reports/b.md']));
    expect(run.outputs['error-count']).toBe(String(errors.length));
    const unused = run.commands.filter((c) => c.command === 'warning' && !c.properties.file).map((c) => c.message);
    expect(unused.length).toBeGreaterThan(0);
    expect(unused.every((m) => m.startsWith('../reports/a.md: ') && m.includes('--prune-suppressions'))).toBe(true);
  }, 60_000);

  it('fails the step in one line for a damaged suppressions file', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'reports/a.md': CLEAN_REPORT, 'xxgk-lint-suppressions.json': '{ not json' });
    const run = await runOnPush(dir, { locale: 'en' });
    expect(run.exitCode).toBe(1);
    const errors = run.commands.filter((c) => c.command === 'error').map((c) => c.message);
    expect(errors).toEqual([expect.stringContaining('The suppressions file is invalid: ')]);
  }, 60_000);
});
