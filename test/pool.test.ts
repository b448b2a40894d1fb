// The pool's scheduling (src/engine/pool.ts) against fake workers, processes and threads, that speak
// the worker protocol (worker-process.ts) and report what they saw: how many files were in flight,
// in which order they came, which worker linted each. No linting, no build: the fakes are a few
// lines of JS.
import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dropEarlyThread, lintInWorkers, startThreadEarly, type FileOutcome, type PoolOptions } from '../src/engine/pool.ts';
import { lintHere, threadsFor, FILES_PER_WORKER } from '../src/engine/phase-one.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

/**
 * A fake worker: lints its files strictly one after the other in the order they came, each after a
 * short pause; `hang*` never returns, `crash*` exits. Each outcome says what the worker saw.
 */
const FAKE_WORKER = `
import { parentPort, threadId } from 'node:worker_threads';
const send = (m) => (parentPort ? parentPort.postMessage(m) : process.send(m));
const id = parentPort ? threadId : process.pid;
let ready = false, busy = false, beforeReady = 0;
const queue = [];
if (!parentPort) process.on('disconnect', () => process.exit(0));
(parentPort ?? process).on('message', (m) => {
  if (m.type === 'setup') {
    setTimeout(() => { ready = true; send({ type: 'ready' }); pump(); }, 20);
    return;
  }
  if (!ready) beforeReady++;
  queue.push({ m, unanswered: queue.length + (busy ? 1 : 0) });
  pump();
});
function pump() {
  if (!ready || busy || queue.length === 0) return;
  busy = true;
  const { m, unanswered } = queue.shift();
  const name = m.task.file.split('/').pop();
  if (name.startsWith('hang')) for (;;) {}
  if (name.startsWith('crash')) process.exit(3);
  setTimeout(() => {
    const result = { filePath: m.task.file, messages: [], errorCount: 0, warningCount: 0 };
    send({ type: 'done', id: m.id, outcome: { result, seen: { pid: id, unanswered, beforeReady } } });
    busy = false;
    pump();
  }, 10);
}
`;

interface Seen {
  pid: number;
  unanswered: number;
  beforeReady: number;
}

async function fakeWorker(): Promise<URL> {
  const dir = await makeTempDir();
  const file = path.join(dir, 'fake-worker.mjs');
  await writeFile(file, FAKE_WORKER);
  return pathToFileURL(file);
}

async function runPoolOf(names: string[], options: Partial<PoolOptions> = {}): Promise<Array<{ index: number; outcome: FileOutcome }>> {
  const got: Array<{ index: number; outcome: FileOutcome }> = [];
  await lintInWorkers(
    names.map((name, index) => ({ index, file: `/nowhere/${name}` })),
    {
      workerUrl: await fakeWorker(),
      threads: 2,
      timeoutMs: 0,
      setup: { cwd: '/', configPath: undefined, allowCode: false, locale: 'en', reportUnusedDisable: false },
      ...options,
    },
    (index, outcome) => got.push({ index, outcome }),
  );
  return got;
}

const seen = (outcome: FileOutcome): Seen | undefined => (outcome as FileOutcome & { seen?: Seen }).seen;
const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `f${i}.md`);

describe.each(['process', 'thread'] as const)('the pool (%s workers)', (kind) => {
  const runPool = (files: string[], options: Partial<PoolOptions> = {}): ReturnType<typeof runPoolOf> => runPoolOf(files, { kind, ...options });

  it('keeps two files in flight per worker, sent with the setup, and every file gets exactly one outcome', async () => {
    const got = await runPool(names(40));
    expect(got.map((g) => g.index).sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    const all = got.map((g) => seen(g.outcome) as Seen);
    // Never more than two unanswered (the file linted and the next), and the second one is there.
    expect(Math.max(...all.map((s) => s.unanswered))).toBe(1);
    expect(all.some((s) => s.unanswered === 1)).toBe(true);
    // Both workers got files before their config was loaded (they read them meanwhile).
    expect(new Set(all.filter((s) => s.beforeReady > 0).map((s) => s.pid)).size).toBe(2);
    // Each worker answers its files in the order it was given them (the budget runs for the oldest).
    for (const pid of new Set(all.map((s) => s.pid))) {
      const mine = got.filter((g) => seen(g.outcome)?.pid === pid).map((g) => g.index);
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
    }
  }, 60_000);

  it('with one in flight, a worker never has a second file waiting', async () => {
    const got = await runPool(names(12), { inFlight: 1 });
    expect(got).toHaveLength(12);
    expect(got.every((g) => seen(g.outcome)?.unanswered === 0)).toBe(true);
  }, 60_000);

  it('a file that never finishes gets one timeout; the file queued behind it goes to another worker', async () => {
    const files = ['a.md', 'hang.md', 'b.md', 'c.md', 'd.md', 'e.md'];
    const got = await runPool(files, { threads: 1, timeoutMs: 2000 });
    expect(got.map((g) => g.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const hung = got.find((g) => g.index === 1)?.outcome;
    expect(hung?.result?.fatal).toEqual({ messageId: 'fileTimeout', message: expect.stringContaining('2 s') });
    for (const g of got.filter((x) => x.index !== 1)) expect(g.outcome.result?.fatal).toBeUndefined();
    // b.md was in flight behind hang.md: the replacement worker linted it.
    const pids = got.filter((g) => g.index !== 1).map((g) => seen(g.outcome)?.pid);
    expect(seen(got.find((g) => g.index === 2)?.outcome as FileOutcome)?.pid).not.toBe(pids[0]);
  }, 60_000);

  it('a worker that dies takes only its oldest file with it', async () => {
    const got = await runPool(['a.md', 'crash.md', 'b.md', 'c.md', 'crash2.md', 'd.md'], { threads: 2 });
    expect(got.map((g) => g.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const g of got) {
      const crashed = /crash/.test(g.outcome.result?.filePath ?? '');
      expect(g.outcome.result?.fatal?.messageId).toBe(crashed ? 'fileWorkerCrashed' : undefined);
      if (crashed) expect(g.outcome.result?.fatal?.message).toContain('exit code 3');
    }
  }, 60_000);
});

describe('a worker thread started early', () => {
  it('is taken by the next pool of threads with its entry, which lints every file with it', async () => {
    const workerUrl = await fakeWorker();
    startThreadEarly(workerUrl);
    const got = await runPoolOf(names(3), { kind: 'thread', threads: 1, workerUrl });
    expect(got.map((g) => g.index).sort()).toEqual([0, 1, 2]);
    const ids = new Set(got.map((g) => seen(g.outcome)?.pid));
    expect(ids.size).toBe(1);
    // A thread started for this run would have a later thread id than one started before it.
    startThreadEarly(workerUrl);
    dropEarlyThread();
    const later = await runPoolOf(names(1), { kind: 'thread', threads: 1, workerUrl });
    expect(seen(later[0]?.outcome as FileOutcome)?.pid).toBeGreaterThan([...ids][0] as number);
  }, 60_000);
});

describe('how many workers', () => {
  const loaded = { config: { rules: {} } } as unknown as NonNullable<Parameters<typeof threadsFor>[1]['loaded']>;
  const url = new URL('file:///worker.js');
  it('one worker for a small run (the budgets), a further one per FILES_PER_WORKER files, at most one per core', () => {
    expect(threadsFor(1, { loaded }, url, 2)).toBe(1);
    expect(threadsFor(2 * FILES_PER_WORKER - 1, { loaded }, url, 2)).toBe(1);
    expect(threadsFor(2 * FILES_PER_WORKER, { loaded }, url, 2)).toBe(2);
    expect(threadsFor(10_000, { loaded }, url, 2)).toBe(2);
    expect(threadsFor(10_000, { loaded }, url, 8)).toBe(8);
    expect(threadsFor(10_000, { loaded, concurrency: 3 }, url, 2)).toBe(3);
    expect(threadsFor(10_000, { loaded, concurrency: 'off' }, url, 2)).toBe(0);
    expect(threadsFor(10_000, { loaded }, undefined, 2)).toBe(0);
    expect(threadsFor(10_000, {}, url, 2)).toBe(0);
  });
});

describe('in this process', () => {
  it('lints in order, each file with its bytes read while the one before was linted', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': 'A', 'b.md': 'BB', 'c.md': 'CCC' });
    const tasks = ['a.md', 'b.md', 'c.md', 'missing.md'].map((f, index) => ({ index, file: path.join(dir, f) }));
    const order: number[] = [];
    const reads: string[] = [];
    await lintHere(
      tasks,
      async (task, ahead) => {
        const read = await ahead;
        reads.push(read && 'bytes' in read ? Buffer.from(read.bytes).toString() : (read?.error.kind ?? 'none'));
        return {};
      },
      (index) => order.push(index),
    );
    expect(order).toEqual([0, 1, 2, 3]);
    expect(reads).toEqual(['A', 'BB', 'CCC', 'notFound']);
  });
});
