/**
 * Lints files in worker processes (node:child_process `fork`), with a time and a memory budget per
 * file.
 *
 * Processes, not threads: a process gets V8 flags of its own. remark allocates a great many
 * short-lived objects, and V8's parallel garbage collector then runs helper threads next to each
 * thread that lints; on a machine with as many busy workers as cores those helpers only contend for
 * them (two worker threads on two cores used ~1.3 cores' worth of CPU more than one thread for the
 * same work, and were no faster). Each worker process collects on its own thread
 * (`--single-threaded-gc`) with a young generation large enough for one report's tree
 * (`--max-semi-space-size`), and its heap is capped (`--max-old-space-size`).
 *
 * Each worker loads the config itself (plugins and rule files are code, which cannot be sent to
 * another process) and then lints one file per message. Outcomes come back as plain,
 * structured-clonable objects ({@link FileOutcome}, IPC with `serialization: 'advanced'`); the
 * caller puts them back in file order.
 *
 * A file that takes longer than the budget has its worker killed (a parse that went superlinear
 * cannot be interrupted any other way) and replaced; the file gets one fatal message, and the run
 * goes on. A worker that dies (out of memory, say) is replaced the same way.
 *
 * The worker's entry is `worker.js` next to the built CLI (scripts/build.mjs builds it);
 * {@link findWorkerUrl} returns undefined when running from the TypeScript sources, and the
 * caller then lints in its own thread.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { t } from './messages.ts';
import type { LintResult, Locale } from '../types.ts';
import type { FileOutcome, FileTask } from './lint-file.ts';

/** What a worker needs to lint like the main thread: everything plain data. */
export interface WorkerSetup {
  cwd: string;
  configPath: string | undefined;
  /** `--rule` settings and `--no-config-lookup`, applied as the main process applied them. */
  ruleOverrides?: Readonly<Record<string, unknown>>;
  noConfigLookup?: boolean;
  allowCode: boolean;
  locale: Locale;
  reportUnusedDisable: boolean;
  /** Return each report's model with its outcome (the html format draws the tables from it). */
  keepModel?: boolean;
}

/** One file's phase-one outcome (lint-file.ts), as it crosses the process boundary: plain data only. */
export type { FileOutcome };

export type WorkerRequest = { type: 'setup'; setup: WorkerSetup } | { type: 'lint'; id: number; task: FileTask };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'setupFailed'; message: string }
  | { type: 'done'; id: number; outcome: FileOutcome }
  | { type: 'failed'; id: number; message: string };

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
 * A worker's semi-space (half its young generation), in MB. Twice Node's default: one report's
 * mdast then mostly dies young instead of being copied into the old generation, which takes the
 * worker about a third less CPU (measured: 2,000 synthetic reports).
 */
const SEMI_SPACE_MB = 32;

/**
 * The V8 flags of a worker process (see the comment at the top); `tuned: false` keeps only the
 * heap limit, for a Node whose V8 no longer knows a garbage-collector flag.
 */
export function workerFlags(memoryMb: number, tuned = true): string[] {
  return [...(tuned ? ['--single-threaded-gc', `--max-semi-space-size=${SEMI_SPACE_MB}`] : []), `--max-old-space-size=${memoryMb}`];
}

/**
 * The longest per-file budget: Node's timers hold at most 2^31 − 1 ms (a longer one fires at once,
 * which would mark every file as timed out). Whole seconds, so that it can be said in seconds.
 */
export const MAX_TIMEOUT_MS = 2_147_483_000;

/** Set in a worker's environment: a bundle that is also a worker entry (the Action's) serves as one. */
export const WORKER_ENV = 'XXGK_LINT_WORKER';

/** What node prints when it refuses a command-line flag (exit code 9). */
const BAD_OPTION = /bad option/i;

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

/** What V8 prints when a heap limit is reached (the process then aborts). */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Fatal JavaScript out of memory|Allocation failed/i;
/** The end of a worker's stderr kept to tell why it died. */
const STDERR_KEPT = 4096;

/**
 * Lints `files` (by index) in `threads` worker processes; `onOutcome` is called as each finishes,
 * in any order. Resolves when every file has an outcome; rejects on an engine failure or when no
 * worker can start (a config that fails to load in the worker).
 */
export function lintInWorkers(
  files: ReadonlyArray<FileTask & { index: number }>,
  options: PoolOptions,
  onOutcome: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  const { locale } = options.setup;
  const memoryMb = options.memoryMb ?? DEFAULT_WORKER_MEMORY_MB;
  if (!(options.timeoutMs >= 0 && options.timeoutMs <= MAX_TIMEOUT_MS)) {
    return Promise.reject(new RangeError(`per-file budget out of range: ${options.timeoutMs} ms (0 to ${MAX_TIMEOUT_MS})`));
  }
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let remaining = files.length;
    let failed = false;
    let tuned = options.tuned ?? true;
    const slots = new Set<Slot>();

    interface Slot {
      child: ChildProcess;
      task: { index: number; file: string; timer: NodeJS.Timeout | undefined } | undefined;
      retired: boolean;
      stderr: string;
      /** Started with the garbage-collector flags. */
      tuned: boolean;
      /** Why a message could not be sent to it (reported with its exit). */
      sendError?: string;
    }

    const finish = (error?: Error): void => {
      if (failed) return;
      if (error) failed = true;
      if (error || remaining === 0) {
        for (const slot of slots) retire(slot);
        if (error) reject(error);
        else resolve();
      }
    };

    const retire = (slot: Slot): void => {
      if (slot.retired) return;
      slot.retired = true;
      if (slot.task?.timer) clearTimeout(slot.task.timer);
      slots.delete(slot);
      // Closing the channel ends an idle worker (it exits on `disconnect`); a busy one is killed.
      if (slot.child.connected) slot.child.disconnect();
      if (slot.child.exitCode === null && slot.child.signalCode === null) slot.child.kill('SIGKILL');
    };

    const complete = (slot: Slot, outcome: FileOutcome): void => {
      const task = slot.task;
      if (!task) return;
      if (task.timer) clearTimeout(task.timer);
      slot.task = undefined;
      remaining--;
      onOutcome(task.index, outcome);
      if (remaining === 0) finish();
    };

    /** The file's worker is gone: the file gets a fatal message, a new worker takes over. */
    const replace = (
      slot: Slot,
      fatal: { messageId: 'fileTimeout' | 'fileWorkerCrashed' | 'fileOutOfMemory'; data: Record<string, string | number> },
    ): void => {
      const task = slot.task;
      retire(slot);
      if (task) {
        slot.task = task;
        complete(slot, { result: fatalOutcome(task.file, fatal.messageId, t(fatal.messageId, locale, fatal.data)) });
      }
      if (!failed && next < files.length) start();
    };

    const dispatch = (slot: Slot): void => {
      if (failed || slot.retired) return;
      const entry = files[next];
      if (entry === undefined) {
        retire(slot);
        return;
      }
      next++;
      const timer =
        options.timeoutMs > 0
          ? setTimeout(() => replace(slot, { messageId: 'fileTimeout', data: { seconds: formatSeconds(options.timeoutMs) } }), options.timeoutMs)
          : undefined;
      slot.task = { index: entry.index, file: entry.file, timer };
      const { index, ...task } = entry;
      send(slot, { type: 'lint', id: index, task });
    };

    const send = (slot: Slot, message: WorkerRequest): void => {
      // A failed send (EPIPE: the worker has exited, or is exiting — node refusing a flag exits at
      // once) decides nothing yet: the 'close' handler does, once the process has exited and its
      // stderr (which says why) has been read to the end. A worker still running is stopped so
      // that 'close' comes.
      slot.child.send(message, (error) => {
        if (!error || slot.retired) return;
        slot.sendError ??= error.message;
        if (slot.child.exitCode === null && slot.child.signalCode === null) slot.child.kill('SIGKILL');
      });
    };

    /** A worker stopped or failed: out of memory, killed, or a bug; the file it had is reported. */
    const crashed = (slot: Slot, detail: string): void => {
      if (slot.retired) return;
      if (!slot.task) {
        // A newer or older Node that refuses a garbage-collector flag: the same workers without them.
        if (slot.tuned && BAD_OPTION.test(slot.stderr)) {
          tuned = false;
          retire(slot);
          start();
          return;
        }
        finish(new Error(`worker failed to start: ${detail}${slot.stderr ? `\n${slot.stderr.trim()}` : ''}`));
        return;
      }
      if (OUT_OF_MEMORY.test(slot.stderr)) replace(slot, { messageId: 'fileOutOfMemory', data: { limit: memoryMb } });
      else replace(slot, { messageId: 'fileWorkerCrashed', data: { detail } });
    };

    const start = (): void => {
      const child = fork(fileURLToPath(options.workerUrl), [], {
        execArgv: tuned ? [...(options.execArgv ?? workerFlags(memoryMb))] : workerFlags(memoryMb, false),
        serialization: 'advanced',
        env: { ...process.env, [WORKER_ENV]: '1' },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      const slot: Slot = { child, task: undefined, retired: false, stderr: '', tuned };
      slots.add(slot);
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        slot.stderr = (slot.stderr + chunk).slice(-STDERR_KEPT);
      });
      child.on('message', (reply: WorkerReply) => {
        if (slot.retired) return;
        if (reply.type === 'ready') dispatch(slot);
        else if (reply.type === 'setupFailed') finish(new Error(reply.message));
        else if (reply.type === 'failed') finish(new WorkerTaskError(reply.message));
        else {
          complete(slot, reply.outcome);
          dispatch(slot);
        }
      });
      // A process that never started has nothing more to say; one that did is decided on 'close'.
      child.on('error', (err) => {
        if (child.pid === undefined) crashed(slot, err.message);
        else slot.sendError ??= err.message;
      });
      // 'close': the process has exited and its stderr has been read to the end (the OOM report).
      child.on('close', (code, signal) => {
        const exit = signal ? `signal ${signal}` : `exit code ${String(code)}`;
        crashed(slot, slot.sendError ? `${slot.sendError}, ${exit}` : exit);
      });
      send(slot, { type: 'setup', setup: options.setup });
    };

    if (files.length === 0) {
      resolve();
      return;
    }
    const threads = Math.max(1, Math.min(options.threads, files.length));
    for (let i = 0; i < threads; i++) start();
  });
}

function fatalOutcome(filePath: string, messageId: string, message: string): LintResult {
  return { filePath, messages: [], errorCount: 1, warningCount: 0, fatal: { messageId, message } };
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}
