/**
 * A small run's worker thread, started as the command line begins (issue #22, one file fast): a
 * run of a few files lints them in a worker thread (src/engine/pool.ts, THREADS_BELOW), which
 * holds the per-file budgets; started before the config and the file list are known, it loads the
 * engine on the other core while this thread loads the CLI, the rules and the config. A run that
 * does not use it ends it (phase-one.ts) or leaves it: it keeps nothing open.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { CliOptions } from './options.ts';
import type { Rule } from '../../rule.ts';

/**
 * Whether the run may lint its files in a worker thread and need it at once. Not with `--cache` (a
 * warm run may lint nothing), `--concurrency off`, `--print-config` or rules of the caller's
 * (linted in this process).
 */
export function mayLintInThread(options: CliOptions, deps: { rules?: readonly Rule[] }): boolean {
  return !(options.concurrency === 'off' || options.cache || options.printConfig !== undefined || deps.rules);
}

/** Starts the thread when the run is standard input or a few paths that are files (no folder, no glob). */
export async function startEarly(options: CliOptions, cwd: string, deps: { workerUrl?: URL }): Promise<void> {
  const { findWorkerUrl, startThreadEarly, THREADS_BELOW } = await import('../../engine/pool.ts');
  const workerUrl = deps.workerUrl ?? findWorkerUrl();
  if (workerUrl && fewFiles(options, cwd, THREADS_BELOW)) startThreadEarly(workerUrl);
}

function fewFiles(options: CliOptions, cwd: string, limit: number): boolean {
  if (options.stdin) return true;
  if (options.paths.length === 0 || options.paths.length >= limit) return false;
  return options.paths.every((p) => {
    try {
      return statSync(path.resolve(cwd, p)).isFile();
    } catch {
      return false;
    }
  });
}
