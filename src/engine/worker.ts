/**
 * The worker's entry (built as dist/worker.js, started by pool.ts as a process with `fork` or as a
 * `worker_threads` thread): receives its setup, loads the config as the main process did, says it
 * is ready, then reads and checks the files it is sent (phase one, or a fix: `lintTask`) and
 * replies with a plain {@link FileOutcome} each; the main process finishes the run (cross-report
 * rules). A process exits when its parent closes the channel (or goes away); a thread is
 * terminated by the pool.
 *
 * The pool keeps two files in flight per worker (pool.ts): the files are linted strictly in the
 * order they came (the pool's time budget runs for the oldest), and the next file's bytes are
 * read while the current one is linted, so that the worker never waits for the disk nor for the
 * main process between two files.
 */
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { builtinRules } from '../../rules/index.ts';
import { classifier, loadConfig, type LoadedConfig } from './config.ts';
import { readBytes, type BytesRead } from './decode.ts';
import { lintTask, type FileOutcome, type FileTask } from './lint-file.ts';
import type { LintTextOptions } from './lint.ts';
import { serialize } from 'node:v8';
import { POOL_STATS_ENV, type WorkerReply, type WorkerRequest, type WorkerSetup, type WorkerStats } from './worker-process.ts';

const port = parentPort;
const send = port ? (message: WorkerReply): void => port.postMessage(message) : process.send?.bind(process);
if (!send) throw new Error('worker.js runs as a worker process or thread only (started by the CLI)');
const reply = (message: WorkerReply): void => {
  send(message);
};
if (!port) process.on('disconnect', () => process.exit(0));

type Lint = (task: FileTask, ahead: Promise<BytesRead> | undefined) => Promise<FileOutcome>;
/** Set once the config is loaded; the files that came before wait for it. */
let setReady: (lint: Lint | undefined) => void = () => {};
const ready = new Promise<Lint | undefined>((resolve) => {
  setReady = resolve;
});

async function setUp(setup: WorkerSetup): Promise<void> {
  try {
    const loaded = await loadConfig({
      cwd: setup.cwd,
      configPath: setup.configPath,
      rules: builtinRules,
      locale: setup.locale,
      allowCode: setup.allowCode,
      ...(setup.ruleOverrides ? { ruleOverrides: setup.ruleOverrides } : {}),
      ...(setup.noConfigLookup ? { noConfigLookup: true } : {}),
    });
    // Each file with its own settings (config per folder, overrides), as the main process resolves them.
    const made = new Map<LoadedConfig, Lint>();
    const lintWith = (own: LoadedConfig): Lint => {
      const options: LintTextOptions & { locale: typeof setup.locale } = {
        locale: setup.locale,
        config: own.config,
        ...(setup.reportUnusedDisable || own.reportUnusedDisable ? { reportUnusedDisable: true } : {}),
        ...(setup.keepModel ? { keepModel: true } : {}),
      };
      const classify = classifier(own);
      // Phase one only: the main process runs the cross-report rules over every report's digest.
      return (task, ahead) => lintTask(task, { ...options, classify: classify(task.file) }, ahead);
    };
    setReady(async (task, ahead) => {
      const own = loaded.cascade ? await loaded.cascade.forFile(path.resolve(setup.cwd, task.file)) : loaded;
      let lintOwn = made.get(own);
      if (!lintOwn) {
        lintOwn = lintWith(own);
        made.set(own, lintOwn);
      }
      return lintOwn(task, ahead);
    });
    reply({ type: 'ready', ...(stats ? { startCpuMs: workerStats(stats).cpuMs } : {}) });
  } catch (err) {
    setReady(undefined);
    reply({ type: 'setupFailed', message: err instanceof Error ? err.message : String(err) });
  }
}

/** The files received and not yet answered, oldest first, each with its bytes being read. */
const queue: Array<{ id: number; task: FileTask; ahead: Promise<BytesRead> | undefined }> = [];
let running = false;
/** With POOL_STATS_ENV set: time spent with nothing to do once the first file came, and waiting for bytes. */
const stats = process.env[POOL_STATS_ENV] ? { idleMs: 0, waitMs: 0, sentBytes: 0, since: undefined as number | undefined } : undefined;

async function drain(): Promise<void> {
  running = true;
  if (stats?.since !== undefined) stats.idleMs += performance.now() - stats.since;
  const lint = await ready;
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { id, task, ahead } = next;
    try {
      if (!lint) throw new Error('worker received a file before its setup');
      if (stats && ahead) {
        const t0 = performance.now();
        await ahead;
        stats.waitMs += performance.now() - t0;
      }
      const outcome = await lint(task, ahead);
      if (stats) stats.sentBytes += serialize(outcome).length;
      reply({ type: 'done', id, outcome, ...(stats ? { stats: workerStats(stats) } : {}) });
    } catch (err) {
      reply({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
    }
  }
  running = false;
  if (stats) stats.since = performance.now();
}

/** In a thread, `cpuMs` is the whole process's (Node 20 has no CPU clock per thread). */
function workerStats(s: Omit<WorkerStats, 'cpuMs'>): WorkerStats {
  const cpu = process.cpuUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, idleMs: s.idleMs, waitMs: s.waitMs, sentBytes: s.sentBytes };
}

const receive = (request: WorkerRequest): void => {
  if (request.type === 'setup') {
    void setUp(request.setup);
    return;
  }
  // The bytes are read now, while the file before (if any) is linted.
  queue.push({ id: request.id, task: request.task, ahead: request.task.bytes ? undefined : readBytes(request.task.file) });
  if (!running) void drain();
};
if (port) port.on('message', receive);
else process.on('message', receive);
