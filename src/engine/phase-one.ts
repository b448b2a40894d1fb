/**
 * Phase one of a run (see run.ts): each file read, modelled and checked by the per-file rules,
 * in worker processes (pool.ts) or in this process. Which one, and how many workers, is decided
 * here ({@link threadsFor}). In this process the next file's bytes are read while a file is linted,
 * as the workers do.
 */
import os from 'node:os';
import type { LoadedConfig } from './config.ts';
import { readBytes, type BytesRead } from './decode.ts';
import type { FileOutcome, Task } from './outcome.ts';
import type { LintTextOptions } from './lint.ts';
import { dropEarlyThread, findWorkerUrl, lintInWorkers, THREADS_BELOW } from './pool.ts';
import type { Rule } from '../rule.ts';
import type { Locale } from '../types.ts';

/** The default per-file time budget: far above any real report (well under a second each). */
export const DEFAULT_FILE_TIMEOUT_MS = 10_000;

/**
 * `concurrency: 'auto'` starts a second worker (and so on, one per core) for every this many
 * files: a worker process costs about what linting 10–15 reports does to start (node, the
 * bundle, the config), so fewer files per worker make the run slower, not faster.
 */
export const FILES_PER_WORKER = 16;

export type { Task } from './outcome.ts';

/** What phase one needs of the run's options (RunOptions). */
export interface PhaseOneOptions {
  locale?: Locale;
  loaded?: LoadedConfig;
  cwd?: string;
  allowCode?: boolean;
  rules?: readonly Rule[];
  reportUnusedDisable?: boolean;
  keepModel?: boolean;
  concurrency?: 'off' | 'auto' | number;
  fileTimeoutMs?: number;
  workerUrl?: URL;
}

/** Phase one for each task, in worker processes or in this one (see threadsFor); `record` gets each outcome, in any order. */
export async function runTasks(
  tasks: readonly Task[],
  options: PhaseOneOptions,
  settingsOf: (file: string) => { base: LintTextOptions & { locale: Locale }; classify: (file: string) => 'auto' | 'report' | 'notReport' },
  record: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  if (tasks.length === 0) return;
  const workerUrl = options.workerUrl ?? findWorkerUrl();
  const threads = threadsFor(tasks.length, options, workerUrl);
  if (threads > 0 && workerUrl && options.loaded) {
    const timeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
    const setup = {
      cwd: options.cwd ?? process.cwd(),
      // With a cascade (config per folder) the workers look the config files up as this process does, unless --config named one.
      configPath: options.loaded.cascade ? options.loaded.configPath : options.loaded.filePath,
      ...options.loaded.lookup,
      allowCode: options.allowCode ?? true,
      locale: options.locale ?? 'zh-CN',
      reportUnusedDisable: options.reportUnusedDisable ?? false,
      keepModel: options.keepModel ?? false,
    };
    const kind = tasks.length < THREADS_BELOW ? 'thread' : 'process';
    await lintInWorkers(tasks, { workerUrl, threads, timeoutMs, kind, setup }, record);
    return;
  }
  dropEarlyThread();
  // The reader (lint.ts, micromark, the readers) is loaded only when a file is linted in this
  // thread: the main thread of a run whose files go to workers, or all come from the cache, never loads it.
  const { lintTask } = await import('./lint-file.ts');
  await lintHere(
    tasks,
    (task, ahead) => {
      const own = settingsOf(task.file);
      return lintTask(task, { ...own.base, classify: own.classify(task.file) }, ahead);
    },
    record,
  );
}

/** Lints the tasks one after the other in this process, reading each file's bytes while the one before is linted. */
export async function lintHere(
  tasks: readonly Task[],
  lint: (task: Task, ahead: Promise<BytesRead> | undefined) => Promise<FileOutcome>,
  record: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  const readAhead = (task: Task | undefined): Promise<BytesRead> | undefined => (task && !task.bytes ? readBytes(task.file) : undefined);
  let ahead = readAhead(tasks[0]);
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i] as Task;
    const current = ahead;
    ahead = readAhead(tasks[i + 1]);
    record(task.index, await lint(task, current));
  }
}

/**
 * How many workers lint `count` files (threads below THREADS_BELOW files, else processes); 0 = this process. Workers hold the per-file time
 * and heap budgets (a parse gone superlinear or a tree of gigabytes can only be stopped from
 * outside), so every file — a few small ones, `fix`, standard input — goes to one when a worker
 * entry exists, and a further one for every FILES_PER_WORKER files up to one per core. Without a
 * worker entry (run from the TypeScript sources), with `concurrency: 'off'`, with rules or a
 * config object the workers cannot load, the files are linted here, without the budgets.
 */
export function threadsFor(count: number, options: PhaseOneOptions, workerUrl: URL | undefined, cores: number = availableCores()): number {
  if (count === 0 || !workerUrl || !options.loaded || options.rules || options.concurrency === 'off') return 0;
  if (typeof options.concurrency === 'number') return options.concurrency;
  return Math.max(1, Math.min(cores, Math.floor(count / FILES_PER_WORKER)));
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}
