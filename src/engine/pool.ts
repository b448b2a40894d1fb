/**
 * Lints files in worker processes (worker-process.ts: `fork`, entry worker.ts), with a time and a
 * memory budget per file; or, for a run of a few files, in worker threads (`kind: 'thread'`, the
 * same entry and protocol), which hold the same budgets (heap limit per thread, `terminate()`) and
 * start in a fraction of a process's time.
 *
 * Processes, not threads, for a run of many files: a process gets V8 flags of its own. remark allocates a great many
 * short-lived objects, and V8's parallel garbage collector then runs helper threads next to each
 * thread that lints; on a machine with as many busy workers as cores those helpers only contend for
 * them (two worker threads on two cores used ~1.3 cores' worth of CPU more than one thread for the
 * same work, and were no faster). Each worker process collects on its own thread
 * (`--single-threaded-gc`) with a young generation large enough for one report's tree
 * (`--max-semi-space-size`), and its heap is capped (`--max-old-space-size`).
 *
 * Each worker loads the config itself (plugins and rule files are code, which cannot be sent to
 * another process). Files go to it as paths (standard input as its bytes), outcomes come back as
 * plain, structured-clonable objects ({@link FileOutcome}: findings and the packed digest, never
 * the model unless asked for); the caller puts them back in file order.
 *
 * {@link IN_FLIGHT} files are in flight per worker: the worker reads the next file while it lints
 * one and never waits for the main process between two (with one in flight, each file cost a
 * round trip through the main process, which is busy too). The files are sent with the setup, so
 * that they are read while the worker loads. A worker lints its files in the order sent; the time
 * budget runs for the oldest only, from when the worker is ready or the file before is done.
 *
 * A file that takes longer than the budget has its worker killed (a parse that went superlinear
 * cannot be interrupted any other way) and replaced; the file gets one fatal message, the file
 * queued behind it goes to the next worker, and the run goes on. A worker that dies (out of
 * memory, say) is replaced the same way.
 *
 * The worker's entry is `worker.js` next to the built CLI (scripts/build.mjs builds it);
 * {@link findWorkerUrl} returns undefined when running from the TypeScript sources, and the
 * caller then lints in its own thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { t } from './messages.ts';
import type { LintResult } from '../types.ts';
import type { FileOutcome, FileTask } from './lint-file.ts';
import {
  POOL_STATS_ENV,
  workerFlags,
  WorkerProcess,
  WorkerThread,
  type PoolWorker,
  type WorkerExit,
  type WorkerReply,
  type WorkerSetup,
  type WorkerStats,
} from './worker-process.ts';

export { WORKER_ENV } from './worker-process.ts';
export type { WorkerSetup } from './worker-process.ts';
/** One file's phase-one outcome (lint-file.ts), as it crosses the process boundary: plain data only. */
export type { FileOutcome };

export interface PoolOptions {
  workerUrl: URL;
  threads: number;
  /** Per-file budget in milliseconds; 0 = none. */
  timeoutMs: number;
  /** Each worker's heap limit in MB (default {@link DEFAULT_WORKER_MEMORY_MB}). */
  memoryMb?: number;
  /** Start workers with the garbage-collector flags (default true; see workerFlags). */
  tuned?: boolean;
  /** The tuned workers' flags instead of workerFlags() (tests: a flag node refuses, to check the fallback). */
  execArgv?: readonly string[];
  /** Files in flight per worker (default {@link IN_FLIGHT}). */
  inFlight?: number;
  /**
   * Worker processes (default) or worker threads: a thread starts far faster (no second node) but
   * shares the process's garbage-collector settings; its heap limit and young generation are its own.
   */
  kind?: 'process' | 'thread';
  setup: WorkerSetup;
}

/**
 * A worker's old-generation heap limit. Real reports (at most a few hundred KB) need well under
 * 100 MB; a multi-megabyte file whose mdast outgrows this gets a fatal message instead of taking
 * gigabytes (remark's tree is some 200 times the size of its source). With the young generation
 * and the code, a worker process then stays under 600 MB (a synthetic 5 MB report: refused at
 * about 580 MB; with 512 MB of heap it was read at 640 MB).
 */
export const DEFAULT_WORKER_MEMORY_MB = 448;

/**
 * Below this many files (phase-one.ts) the budgets are held by worker threads instead of
 * processes: a thread starts without a second node (a process cost one small file's run about as
 * much again as the lint itself), and for a few files the processes' garbage-collector flags do
 * not pay. The number is phase-one.ts's FILES_PER_WORKER: below it, one worker.
 */
export const THREADS_BELOW = 16;

/** Files in flight per worker: one linted, the next one read meanwhile. */
export const IN_FLIGHT = 2;

/**
 * The longest per-file budget: Node's timers hold at most 2^31 − 1 ms (a longer one fires at once,
 * which would mark every file as timed out). Whole seconds, so that it can be said in seconds.
 */
export const MAX_TIMEOUT_MS = 2_147_483_000;

/** Thrown when a file made the engine itself fail: the run's internal error, as without workers. */
export class WorkerTaskError extends Error {
  override readonly name = 'WorkerTaskError';
}

/** The built worker entry next to this module or one folder up (esbuild puts shared code in chunks/). */
export function findWorkerUrl(from: string = import.meta.url): URL | undefined {
  if (!from.endsWith('.js')) return undefined;
  for (const candidate of ['./worker.js', '../worker.js']) {
    const url = new URL(candidate, from);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** A worker thread started before its run ({@link startThreadEarly}), until a pool takes it. */
let early: WorkerThread | undefined;

/**
 * Starts the worker thread of a small run before the run knows its files (the CLI, as it begins):
 * the thread loads the engine while this thread loads the CLI, the config and the file list. The
 * next pool of threads with the same entry and heap limit takes it; until then it keeps nothing
 * open (a run that lints in this process, or no file, simply leaves it). {@link dropEarlyThread}
 * ends it.
 */
export function startThreadEarly(workerUrl: URL, memoryMb: number = DEFAULT_WORKER_MEMORY_MB): void {
  early?.stop();
  early = new WorkerThread(workerUrl, memoryMb);
}

/** Ends a thread started early that no pool took. */
export function dropEarlyThread(): void {
  early?.stop();
  early = undefined;
}

function takeEarlyThread(workerUrl: URL, memoryMb: number): WorkerThread | undefined {
  const thread = early;
  early = undefined;
  if (thread && thread.url === workerUrl.href && thread.memoryMb === memoryMb) return thread;
  thread?.stop();
  return undefined;
}

type Entry = FileTask & { index: number };
type Fatal = { messageId: 'fileTimeout' | 'fileWorkerCrashed' | 'fileOutOfMemory'; data: Record<string, string | number> };

/**
 * Lints `files` (by index) in `threads` worker processes; `onOutcome` is called as each finishes,
 * in any order. Resolves when every file has an outcome; rejects on an engine failure or when no
 * worker can start (a config that fails to load in the worker).
 */
export function lintInWorkers(files: readonly Entry[], options: PoolOptions, onOutcome: (index: number, outcome: FileOutcome) => void): Promise<void> {
  if (!(options.timeoutMs >= 0 && options.timeoutMs <= MAX_TIMEOUT_MS)) {
    return Promise.reject(new RangeError(`per-file budget out of range: ${options.timeoutMs} ms (0 to ${MAX_TIMEOUT_MS})`));
  }
  if (files.length === 0) return Promise.resolve();
  return new Pool(files, options, onOutcome).run();
}

/** One worker process and the files it has been sent, oldest first (the one it is linting). */
interface Slot {
  worker: PoolWorker;
  inFlight: Entry[];
  /** Its config is loaded: the budget of the oldest file runs. */
  ready: boolean;
  /** Started with the garbage-collector flags. */
  tuned: boolean;
  timer: NodeJS.Timeout | undefined;
  stats: SlotStats;
}

interface SlotStats {
  started: number;
  lastReply: number;
  files: number;
  startCpuMs?: number | undefined;
  worker?: WorkerStats;
}

class Pool {
  readonly #files: readonly Entry[];
  readonly #options: PoolOptions;
  readonly #onOutcome: (index: number, outcome: FileOutcome) => void;
  readonly #memoryMb: number;
  readonly #inFlight: number;
  readonly #slots = new Set<Slot>();
  /** Files taken back from a worker that stopped: sent again before the others. */
  readonly #again: Entry[] = [];
  #next = 0;
  #remaining: number;
  #tuned: boolean;
  #done = false;
  #resolve: () => void = () => {};
  #reject: (error: Error) => void = () => {};
  readonly #stats = process.env[POOL_STATS_ENV] ? { started: performance.now(), cpu: process.cpuUsage(), slots: [] as SlotStats[] } : undefined;

  constructor(files: readonly Entry[], options: PoolOptions, onOutcome: (index: number, outcome: FileOutcome) => void) {
    this.#files = files;
    this.#options = options;
    this.#onOutcome = onOutcome;
    this.#memoryMb = options.memoryMb ?? DEFAULT_WORKER_MEMORY_MB;
    this.#inFlight = Math.max(1, options.inFlight ?? IN_FLIGHT);
    this.#remaining = files.length;
    this.#tuned = options.tuned ?? true;
  }

  run(): Promise<void> {
    if (this.#options.kind !== 'thread') dropEarlyThread();
    return new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
      const threads = Math.max(1, Math.min(this.#options.threads, this.#files.length));
      const slots = Array.from({ length: threads }, () => this.#start(false));
      // One file each first, then the second: a few files spread over every worker.
      for (let round = 1; round <= this.#inFlight; round++) for (const slot of slots) this.#fill(slot, round);
    });
  }

  #take(): Entry | undefined {
    return this.#again.shift() ?? this.#files[this.#next++];
  }

  #start(fill = true): Slot {
    const thread = this.#options.kind === 'thread';
    const tuned = this.#tuned && !thread;
    const flags = tuned ? (this.#options.execArgv ?? workerFlags(this.#memoryMb)) : workerFlags(this.#memoryMb, false);
    const events = {
      message: (reply: WorkerReply) => this.#message(slot, reply),
      exit: (exit: WorkerExit) => this.#exited(slot, exit),
    };
    const slot: Slot = {
      inFlight: [],
      ready: false,
      tuned,
      timer: undefined,
      stats: { started: performance.now(), lastReply: 0, files: 0 },
      worker: thread
        ? (takeEarlyThread(this.#options.workerUrl, this.#memoryMb)?.attach(events) ?? new WorkerThread(this.#options.workerUrl, this.#memoryMb, events))
        : new WorkerProcess(this.#options.workerUrl, flags, events),
    };
    this.#slots.add(slot);
    this.#stats?.slots.push(slot.stats);
    slot.worker.send({ type: 'setup', setup: this.#options.setup });
    if (fill) this.#fill(slot, this.#inFlight);
    return slot;
  }

  /** Sends the slot files until it has `upTo` in flight; a ready worker left with none is ended. */
  #fill(slot: Slot, upTo: number): void {
    while (!this.#done && slot.inFlight.length < upTo) {
      const entry = this.#take();
      if (!entry) break;
      slot.inFlight.push(entry);
      const { index, ...task } = entry;
      slot.worker.send({ type: 'lint', id: index, task });
    }
    if (slot.ready && slot.inFlight.length === 0) this.#retire(slot);
    else this.#arm(slot);
  }

  /** The budget of the oldest file in flight, from when the worker can start on it. */
  #arm(slot: Slot): void {
    const { timeoutMs } = this.#options;
    if (!slot.ready || slot.timer || slot.inFlight.length === 0 || timeoutMs === 0) return;
    const seconds = formatSeconds(timeoutMs);
    slot.timer = setTimeout(() => this.#replace(slot, { messageId: 'fileTimeout', data: { seconds } }), timeoutMs);
  }

  #message(slot: Slot, reply: WorkerReply): void {
    if (this.#done) return;
    if (reply.type === 'ready') {
      slot.ready = true;
      slot.stats.startCpuMs = reply.startCpuMs;
      this.#fill(slot, this.#inFlight);
    } else if (reply.type === 'setupFailed') this.#finish(new Error(reply.message));
    else if (reply.type === 'failed') this.#finish(new WorkerTaskError(reply.message));
    else {
      const at = slot.inFlight.findIndex((entry) => entry.index === reply.id);
      const [entry] = at < 0 ? [] : slot.inFlight.splice(at, 1);
      if (!entry) return;
      clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.stats.files++;
      slot.stats.lastReply = performance.now();
      if (reply.stats) slot.stats.worker = reply.stats;
      this.#complete(entry, reply.outcome);
      this.#fill(slot, this.#inFlight);
    }
  }

  #complete(entry: Entry, outcome: FileOutcome): void {
    this.#remaining--;
    this.#onOutcome(entry.index, outcome);
    if (this.#remaining === 0) this.#finish();
  }

  /** A worker stopped: out of memory, killed, a flag node refused, or a bug. */
  #exited(slot: Slot, exit: WorkerExit): void {
    if (this.#done || !this.#slots.has(slot)) return;
    if (!slot.ready) {
      // A newer or older Node that refuses a garbage-collector flag: the same workers without them.
      if (slot.tuned && exit.badOption) {
        this.#tuned = false;
        this.#drop(slot);
        this.#start();
        return;
      }
      this.#finish(new Error(`worker failed to start: ${exit.detail}${exit.stderr ? `\n${exit.stderr.trim()}` : ''}`));
      return;
    }
    if (exit.outOfMemory) this.#replace(slot, { messageId: 'fileOutOfMemory', data: { limit: this.#memoryMb } });
    else this.#replace(slot, { messageId: 'fileWorkerCrashed', data: { detail: exit.detail } });
  }

  /** The worker of the oldest file in flight is gone: that file gets a fatal message, the others go to a new worker. */
  #replace(slot: Slot, fatal: Fatal): void {
    const head = slot.inFlight.shift();
    this.#drop(slot);
    if (head) this.#complete(head, { result: fatalOutcome(head.file, fatal.messageId, t(fatal.messageId, this.#options.setup.locale, fatal.data)) });
    if (!this.#done && (this.#again.length > 0 || this.#next < this.#files.length)) this.#start();
  }

  /** Ends the slot's worker; the files it still had are sent again (before the others). */
  #drop(slot: Slot): void {
    this.#retire(slot);
    this.#again.unshift(...slot.inFlight.splice(0));
  }

  #retire(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    this.#slots.delete(slot);
    slot.worker.stop();
  }

  #finish(error?: Error): void {
    if (this.#done) return;
    this.#done = true;
    for (const slot of this.#slots) this.#retire(slot);
    if (this.#stats) writeStats(this.#stats);
    if (error) this.#reject(error);
    else this.#resolve();
  }
}

/** With POOL_STATS_ENV: one line per worker and one for the main process, to stderr (measuring the pool on a busy machine, where wall time says little). */
function writeStats(stats: { started: number; cpu: NodeJS.CpuUsage; slots: SlotStats[] }): void {
  const wallMs = performance.now() - stats.started;
  const cpu = process.cpuUsage(stats.cpu);
  const round = (n: number): number => Math.round(n);
  for (const [i, s] of stats.slots.entries()) {
    const w = s.worker;
    const lifeMs = (s.lastReply || performance.now()) - s.started;
    process.stderr.write(
      `xxgk-lint pool: worker ${i + 1}: ${JSON.stringify({
        files: s.files,
        lifeMs: round(lifeMs),
        ...(s.startCpuMs === undefined ? {} : { startCpuMs: round(s.startCpuMs) }),
        ...(w
          ? {
              cpuMs: round(w.cpuMs),
              idleMs: round(w.idleMs),
              waitMs: round(w.waitMs),
              idleFraction: +(w.idleMs / lifeMs).toFixed(3),
              bytesPerFile: round(w.sentBytes / Math.max(1, s.files)),
            }
          : {}),
      })}\n`,
    );
  }
  // Run with --expose-gc, the heap is what the main process holds after phase one.
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const mb = (n: number): number => Math.round(n / 2 ** 20);
  const main = { wallMs: round(wallMs), cpuMs: round((cpu.user + cpu.system) / 1000), rssMB: mb(memory.rss), heapUsedMB: mb(memory.heapUsed) };
  process.stderr.write(`xxgk-lint pool: main: ${JSON.stringify(main)}\n`);
}

function fatalOutcome(filePath: string, messageId: string, message: string): LintResult {
  return { filePath, messages: [], errorCount: 1, warningCount: 0, fatal: { messageId, message } };
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}
