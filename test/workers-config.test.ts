/**
 * Settings inside workers (issue 21 items 1 and 5): the built CLI (dist/cli.js, which the tests'
 * global setup builds from the sources) with `--concurrency 2` lints in two workers (threads for
 * these few files, pool.ts THREADS_BELOW), each loading the config itself. `--rule`,
 * `--no-config-lookup` and the config of each file's folder must take effect there as in the main
 * process. The config is a JavaScript module that notes the process and thread that import it,
 * which shows the files were linted in workers.
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);
jest.setTimeout(120_000);

const CLI = path.join(process.cwd(), 'dist/cli.js');
const DEFECTS = readFileSync(path.join(process.cwd(), 'examples/defects-2024.md'), 'utf8');
const FILES = ['a/1.md', 'a/2.md', 'c/1.md', 'c/2.md'];

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number }>;
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, '--concurrency', '2', '-f', 'json', ...args], { cwd, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The highest severity of `ruleId` per file (0: not reported). */
function severities(stdout: string, root: string, ruleId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of JSON.parse(stdout) as JsonResult[]) {
    const own = r.messages.filter((m) => m.ruleId === ruleId).map((m) => m.severity);
    out[path.relative(root, r.filePath).split(path.sep).join('/')] = own.length > 0 ? Math.max(...own) : 0;
  }
  return out;
}

async function project(): Promise<string> {
  const root = await makeTempDir();
  const pids = JSON.stringify(path.join(root, 'pids.txt'));
  await writeTree(root, {
    '.git/HEAD': '',
    // Notes each process and thread that loads it: the main thread and every worker.
    'xxgk-lint.config.mjs': `import { appendFileSync } from 'node:fs';\nimport { threadId } from 'node:worker_threads';\nappendFileSync(${pids}, process.pid + ':' + threadId + '\\n');\nexport default { rules: { 'table-sums': 'warn' } };\n`,
    'a/.xxgk-lint.json': JSON.stringify({ rules: { 'table-sums': 'error' } }),
    ...Object.fromEntries(FILES.map((f) => [f, DEFECTS])),
  });
  return root;
}

const loaders = (root: string): number => new Set(readFileSync(path.join(root, 'pids.txt'), 'utf8').split('\n').filter(Boolean)).size;

describe('with --concurrency 2 (files linted in workers)', () => {
  it('each file gets the config of its folder', async () => {
    const root = await project();
    const out = await cli(['.'], root);
    expect(out.stderr).toBe('');
    // The main process and at least one worker loaded the config.
    expect(loaders(root)).toBeGreaterThanOrEqual(2);
    expect(severities(out.stdout, root, 'table-sums')).toEqual({ 'a/1.md': 2, 'a/2.md': 2, 'c/1.md': 1, 'c/2.md': 1 });
  });

  it('--rule takes effect in the workers, over every folder’s config', async () => {
    const root = await project();
    const off = await cli(['--rule', 'table-sums: off', '.'], root);
    expect(loaders(root)).toBeGreaterThanOrEqual(2);
    expect(severities(off.stdout, root, 'table-sums')).toEqual({ 'a/1.md': 0, 'a/2.md': 0, 'c/1.md': 0, 'c/2.md': 0 });
  });

  it('--no-config-lookup takes effect in the workers: no config file is read', async () => {
    const root = await project();
    const defaults = await cli(['--no-config-lookup', '.'], root);
    // No process imported the JavaScript config; every file has the rule's default severity.
    expect(() => readFileSync(path.join(root, 'pids.txt'))).toThrow();
    expect(severities(defaults.stdout, root, 'table-sums')).toEqual({ 'a/1.md': 2, 'a/2.md': 2, 'c/1.md': 2, 'c/2.md': 2 });
  });
});
