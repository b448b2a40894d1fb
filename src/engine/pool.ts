/**
 * Lints files on worker threads (node:worker_threads), with a time budget per file.
 *
 * Each worker loads the config itself (plugins and rule files are code, which cannot be sent to
 * a thread) and then lints one file per message. Outcomes come back as plain, structured-clonable
 * objects ({@link FileOutcome}); the caller puts them back in file order.
 *
 * A file that takes longer than the budget has its worker terminated (a parse that went
 * superlinear cannot be interrupted any other way) and replaced; the file gets one fatal
 * message, and the run goes on. A worker that dies (out of memory, say) is replaced the same way.
 *
 * The worker's entry is `worker.js` next to the built CLI (scripts/build.mjs builds it);
 * {@link findWorkerUrl} returns undefined when running from the TypeScript sources, and the
 * caller then lints in its own thread.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { t } from './messages.ts';
import type { LintResult, Locale } from '../types.ts';
import type { FileOutcome } from './lint-file.ts';

/** What a worker needs to lint like the main thread: everything plain data. */
export interface WorkerSetup {
  cwd: string;
  configPath: string | undefined;
  allowCode: boolean;
  locale: Locale;
  reportUnusedDisable: boolean;
  /** Return each report's model with its outcome (the html format draws the tables from it). */
  keepModel?: boolean;
}

/** One file's phase-one outcome (lint-file.ts), as it crosses the thread boundary: plain data only. */
export type { FileOutcome };

export type WorkerRequest = { id: number; file: string };
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
  setup: WorkerSetup;
}

/**
 * A worker's old-generation heap limit. Real reports (at most a few hundred KB) need well under
 * 100 MB; a multi-megabyte file whose mdast outgrows this gets a fatal message instead of taking
 * gigabytes (remark's tree is some 200 times the size of its source).
 */
export const DEFAULT_WORKER_MEMORY_MB = 512;

/**
 * The young generation of a worker's heap, as large as the main thread's default: with resource
 * limits set and this not, V8 gives workers a small one, and remark's many short-lived objects then
 * cost about twice the CPU in scavenges.
 */
const YOUNG_GENERATION_MB = 64;

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

export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Lints `files` (by index) on `threads` workers; `onOutcome` is called as each finishes, in any
 * order. Resolves when every file has an outcome; rejects on an engine failure or when no worker
 * can start (a config that fails to load in the worker).
 */
export function lintInWorkers(
  files: ReadonlyArray<{ index: number; file: string }>,
  options: PoolOptions,
  onOutcome: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  const { locale } = options.setup;
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let remaining = files.length;
    let failed = false;
    const slots = new Set<Slot>();

    interface Slot {
      worker: Worker;
      task: { index: number; file: string; timer: NodeJS.Timeout | undefined } | undefined;
      retired: boolean;
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
      void slot.worker.terminate();
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
      slot.worker.postMessage({ id: entry.index, file: entry.file } satisfies WorkerRequest);
    };

    const start = (): void => {
      // The memory budget: a file whose tree outgrows it stops its worker, not the run.
      const worker = new Worker(options.workerUrl, {
        workerData: options.setup,
        resourceLimits: { maxOldGenerationSizeMb: options.memoryMb ?? DEFAULT_WORKER_MEMORY_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      const slot: Slot = { worker, task: undefined, retired: false };
      slots.add(slot);
      worker.on('message', (reply: WorkerReply) => {
        if (slot.retired) return;
        if (reply.type === 'ready') dispatch(slot);
        else if (reply.type === 'setupFailed') finish(new Error(reply.message));
        else if (reply.type === 'failed') finish(new WorkerTaskError(reply.message));
        else {
          complete(slot, reply.outcome);
          dispatch(slot);
        }
      });
      const crashed = (detail: string): void => {
        if (slot.retired) return;
        if (!slot.task) {
          finish(new Error(`worker failed to start: ${detail}`));
          return;
        }
        replace(slot, { messageId: 'fileWorkerCrashed', data: { detail } });
      };
      worker.on('error', (err) => {
        const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
        if (code === 'ERR_WORKER_OUT_OF_MEMORY' && slot.task && !slot.retired) {
          replace(slot, { messageId: 'fileOutOfMemory', data: { limit: options.memoryMb ?? DEFAULT_WORKER_MEMORY_MB } });
        } else crashed(err instanceof Error ? err.message : String(err));
      });
      worker.on('exit', (code) => crashed(`exit code ${code}`));
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
