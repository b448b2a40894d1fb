// What the built CLI's main thread loads: the reader (micromark, mdast, our parse) only when a file
// is linted in that thread. A run whose files are linted in a worker thread (one small file) or all
// come from the cache (a warm `--cache` run) must not load it there (issue #22, items 5 and 6).
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sampleReport } from '../src/testing/sample.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const cli = path.join(process.cwd(), 'dist/cli.js');

// What a loaded module's text tells: whether it holds the reader. `hardBreakEscape` is the name of
// a micromark construct, in micromark's code and in our parse.ts, and in no other module. And
// whether it holds the SARIF formatter (its schema's address), which only `-f sarif` needs.
const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) {
  const loaded = await next(url, context);
  if (url.startsWith('file:')) {
    const text = loaded.source == null ? '' : typeof loaded.source === 'string' ? loaded.source : Buffer.from(loaded.source).toString('utf8');
    port.postMessage({ url, reader: text.includes('hardBreakEscape'), sarif: text.includes('sarif-2.1.0.json') });
  }
  return loaded;
}
`;
// Preloaded with --import, which worker threads run too: only the main thread watches its loads,
// and writes what it saw at exit. In-thread hooks (module.registerHooks, Node 22.15 and later)
// where Node has them; else a hooks module, which Node 20 runs on a thread of its own for the
// thread that registered it, telling the main thread through a port.
const preload = (hooksUrl: string, out: string): string => `
import module from 'node:module';
import { isMainThread, MessageChannel } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
if (isMainThread) {
  const loads = [];
  if (typeof module.registerHooks === 'function') {
    module.registerHooks({
      load(url, context, next) {
        const loaded = next(url, context);
        if (url.startsWith('file:')) {
          const text = loaded.source == null ? '' : typeof loaded.source === 'string' ? loaded.source : Buffer.from(loaded.source).toString('utf8');
          loads.push({ url, reader: text.includes('hardBreakEscape'), sarif: text.includes('sarif-2.1.0.json') });
        }
        return loaded;
      },
    });
  } else {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m) => loads.push(m));
    port1.unref();
    module.register(${JSON.stringify(hooksUrl)}, { data: { port: port2 }, transferList: [port2] });
  }
  process.on('exit', () => writeFileSync(${JSON.stringify(out)}, JSON.stringify(loads)));
}
`;

interface Loaded {
  url: string;
  reader: boolean;
  sarif: boolean;
}

interface Run {
  status: number | null;
  stdout: string;
  /** The modules the main thread loaded, in order. */
  loads: Loaded[];
}

async function runCli(cwd: string, args: string[]): Promise<Run> {
  const tools = await makeTempDir();
  const out = path.join(tools, 'loads.json');
  await writeTree(tools, { 'hooks.mjs': hooks, 'preload.mjs': preload(pathToFileURL(path.join(tools, 'hooks.mjs')).href, out) });
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(tools, 'preload.mjs')).href, cli, ...args], { cwd, encoding: 'utf8' });
  const loads = JSON.parse(await readFile(out, 'utf8')) as Loaded[];
  return { status: run.status, stdout: run.stdout, loads };
}

const readerModules = (run: Run): string[] => run.loads.filter((m) => m.reader).map((m) => path.basename(m.url));
const sarifModules = (run: Run): string[] => run.loads.filter((m) => m.sarif).map((m) => path.basename(m.url));

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null }>;
}

describe('the main thread of the built CLI', () => {
  it('loads the reader when it lints a file itself (--concurrency off), and the formatter it writes with: the hook sees them', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': sampleReport() });
    const run = await runCli(dir, ['a.md', '-f', 'sarif', '--concurrency', 'off']);
    expect(run.status).toBe(0);
    expect(readerModules(run).length).toBeGreaterThan(0);
    expect(sarifModules(run).length).toBeGreaterThan(0);
  });

  it('does not load the reader when one file is linted in a worker thread', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': sampleReport({ part6: '暂无。' }) });
    const run = await runCli(dir, ['a.md', '-f', 'json']);
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout) as JsonResult[];
    expect(result?.messages.map((m) => m.ruleId)).toContain('fee-statement');
    // The engine ran in the thread: its entry was loaded there, not here (were the hooks to see
    // the thread's loads too, this says so instead of letting the test pass on the wrong thread).
    expect(run.loads.some((m) => m.url.endsWith('/worker.js'))).toBe(false);
    expect(run.loads.some((m) => m.url.endsWith('/cli.js'))).toBe(true);
    expect(readerModules(run)).toEqual([]);
  });

  it('does not load the reader on a warm --cache run, and gives the cold run’s output', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'r/2023.md': sampleReport({ year: 2023 }), 'r/2024.md': sampleReport({ part6: '暂无。' }) });
    const args = ['r', '-f', 'json', '--cache', '--cache-location', 'cache', '--concurrency', 'off'];
    const cold = await runCli(dir, args);
    expect(readerModules(cold).length).toBeGreaterThan(0);
    const warm = await runCli(dir, args);
    expect(warm.status).toBe(cold.status);
    expect(warm.stdout).toBe(cold.stdout);
    expect((JSON.parse(warm.stdout) as JsonResult[]).map((r) => path.basename(r.filePath))).toEqual(['2023.md', '2024.md']);
    expect(readerModules(warm)).toEqual([]);
    // Nor a formatter it does not write with.
    expect(sarifModules(warm)).toEqual([]);
  });
});
