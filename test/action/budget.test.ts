// The Action runs the engine's pipeline (src/engine/run.ts) as the CLI does: each file in a worker
// process under the per-file budgets, so one hostile file cannot stall the job.
import { afterAll, describe, expect, it } from '@jest/globals';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { CLEAN_REPORT, THREE_FINDINGS_REPORT } from '../helpers/action-fixtures.ts';
import { runOnPush } from '../helpers/action-harness.ts';
import { makeTempDir, removeTempDirs, writeTree } from '../helpers/tmp.ts';

afterAll(removeTempDirs);

// A rule file of the repository's own that never returns on a report containing LOOP: only the
// time budget can stop it (it imports zod through a link to our node_modules).
const LOOPING_RULE = [
  "import { z } from 'zod';",
  'export default {',
  "  meta: { id: 'loops', description: { 'zh-CN': '循环', en: 'Loops' }, rationale: { 'zh-CN': '测试', en: 'Test' },",
  "    defaultSeverity: 'error', options: z.object({}).strict(), messages: { m: { 'zh-CN': '循环', en: 'Loops' } }, examples: { valid: [], invalid: [] } },",
  "  check(context) { if (context.source.includes('LOOP')) for (;;) {} },",
  '};',
].join('\n');

describe('a file that never finishes', () => {
  it('is stopped by the per-file time budget with one fatal annotation; the other files are reported', async () => {
    const dir = await makeTempDir();
    await symlink(path.join(process.cwd(), 'node_modules'), path.join(dir, 'node_modules'));
    await writeTree(dir, {
      '.xxgk-lint.json': '{ "ruleFiles": ["loops.mjs"] }',
      'loops.mjs': LOOPING_RULE,
      'reports/a.md': `${CLEAN_REPORT}\nLOOP\n`,
      'reports/b.md': THREE_FINDINGS_REPORT,
    });
    const run = await runOnPush(dir, { locale: 'en' });
    const errors = run.commands.filter((c) => c.command === 'error' && c.properties.file);
    expect(errors.filter((c) => c.properties.file === 'reports/a.md').map((c) => c.message)).toEqual([expect.stringContaining('timed out')]);
    expect(errors.filter((c) => c.properties.file === 'reports/b.md')).toHaveLength(2);
    expect(run.outputs['files-checked']).toBe('2');
    expect(run.exitCode).toBe(1);
  }, 90_000);
});
