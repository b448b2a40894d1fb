// The working-directory input (issue 21 item 1): the bundle run from a subfolder of the
// repository, as the CLI run there — `files`, the config lookup, the suppressions file and
// sarif-file relative to it, paths in the log and the job summary relative to it — while the
// annotations and SARIF keep paths relative to the repository root, where GitHub resolves them.
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../../src/adapters/cli/main.ts';
import { CLEAN_REPORT, THREE_FINDINGS_REPORT } from '../helpers/action-fixtures.ts';
import { runOnPush } from '../helpers/action-harness.ts';
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.ts';

afterAll(removeTempDirs);

describe('working-directory', () => {
  it('lints from the folder as the CLI would, with repository-relative annotations and the suppressed count', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      'other/x.md': THREE_FINDINGS_REPORT,
      'site/.xxgk-lint.json': JSON.stringify({ ignores: ['drafts/'] }),
      'site/drafts/d.md': THREE_FINDINGS_REPORT,
      'site/reports/a.md': THREE_FINDINGS_REPORT,
      'site/reports/b.md': CLEAN_REPORT,
    });
    // The suppressions file the CLI writes in the folder it runs in.
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: path.join(dir, 'site'), env: {} };
    expect(await main(['--suppress-all', '--concurrency', 'off', 'reports'], io)).toBe(0);
    await writeFile(path.join(dir, 'site/reports/b.md'), THREE_FINDINGS_REPORT);

    const run = await runOnPush(dir, { locale: 'en', 'working-directory': 'site', 'sarif-file': 'out/results.sarif' });
    const annotated = (command: string) => new Set(run.commands.filter((c) => c.command === command && c.properties.file).map((c) => c.properties.file));
    // a.md's errors are recorded in site/xxgk-lint-suppressions.json; other/ and the ignored drafts/ are not linted.
    expect(annotated('error')).toEqual(new Set(['site/reports/b.md']));
    expect([...annotated('warning')].every((file) => file?.startsWith('site/reports/'))).toBe(true);
    expect(run.outputs['files-checked']).toBe('2');
    // The log and the summary show paths relative to the working directory; the summary's links point into it.
    expect(run.log.join('\n')).toContain('reports/b.md');
    expect(run.log.join('\n')).not.toContain('site/reports/b.md');
    expect(run.summary).toMatch(/\/blob\/[0-9a-f]+\/site\/reports\/b\.md/);
    expect(run.summary).toMatch(/\d+ suppressed \(inline comments or the bulk suppressions file\)/);
    // SARIF: written in the working directory, its paths relative to the repository root.
    const sarif = JSON.parse(await readFile(path.join(dir, 'site/out/results.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    const uris = new Set(sarif.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri));
    expect(uris.has('site/reports/b.md')).toBe(true);
    expect([...uris].every((uri) => uri?.startsWith('site/reports/'))).toBe(true);
  }, 90_000);

  it('fails the step in one line when it is not a folder in the repository', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'reports/a.md': CLEAN_REPORT });
    for (const value of ['nowhere', '../']) {
      const run = await runOnPush(dir, { locale: 'en', 'working-directory': value });
      expect(run.exitCode).toBe(1);
      expect(run.commands.filter((c) => c.command === 'error').map((c) => c.message)).toEqual([expect.stringContaining('working-directory')]);
    }
  }, 90_000);
});
