/**
 * One worker of the pool (pool.ts), a process or a thread, and told apart when it stops — out of
 * memory, a flag node refused, or any other exit. The protocol (`WorkerRequest`, `WorkerReply`) is
 * plain data; worker.ts is the other end.
 *
 * {@link WorkerProcess}: started with `fork` and V8 flags of its own, spoken to through the IPC
 * channel; out of memory is read from what V8 prints on its stderr. {@link WorkerThread}: a
 * `worker_threads` Worker with `resourceLimits` (its own heap limit and young generation; the
 * garbage collector's other flags are the process's), stopped with `terminate()`, which interrupts
 * a loop of JavaScript as killing a process does; out of memory is Node's
 * `ERR_WORKER_OUT_OF_MEMORY`. A thread starts in a fraction of a process's time (no second node),
 * which is what a run of a few files pays for its budgets.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Locale } from '../types.ts';
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

/**
 * What a worker measured of itself (with {@link POOL_STATS_ENV} set), so far: CPU, time with
 * nothing to do, time waiting for a file's bytes, and the serialised size of the outcomes sent.
 */
export interface WorkerStats {
  cpuMs: number;
  idleMs: number;
  waitMs: number;
  sentBytes: number;
}

export type WorkerRequest = { type: 'setup'; setup: WorkerSetup } | { type: 'lint'; id: number; task: FileTask };
export type WorkerReply =
  /** `startCpuMs` (with POOL_STATS_ENV): the CPU the worker took to start and load the config. */
  | { type: 'ready'; startCpuMs?: number }
  | { type: 'setupFailed'; message: string }
  | { type: 'done'; id: number; outcome: FileOutcome; stats?: WorkerStats }
  | { type: 'failed'; id: number; message: string };

/** Set in a worker's environment: a bundle that is also a worker entry (the Action's) serves as one. */
export const WORKER_ENV = 'XXGK_LINT_WORKER';

/** Set (to anything) to have the pool write what each worker did to stderr at the end of a run. */
export const POOL_STATS_ENV = 'XXGK_LINT_POOL_STATS';

/**
 * A worker's semi-space (half its young generation), in MB. Twice Node's default: one report's
 * mdast then mostly dies young instead of being copied into the old generation, which takes the
 * worker about a third less CPU (measured: 2,000 synthetic reports).
 */
const SEMI_SPACE_MB = 32;

/**
 * How much bytecode TurboFan inlines into one optimized function, in bytes: a quarter of V8's
 * default (920). Each worker process optimizes the same hot functions again, on V8's threads beside
 * its own, and that compiling took over a third of a worker's CPU; with this budget it takes a
 * quarter less, and the linting runs no slower (docs/bench.md, "Targets not met, and why").
 */
const INLINING_BUDGET = 230;

/**
 * The V8 flags of a worker process (see pool.ts); `tuned: false` keeps only the heap limit, for a
 * Node whose V8 no longer knows a garbage-collector or compiler flag.
 */
export function workerFlags(memoryMb: number, tuned = true): string[] {
  return [
    ...(tuned ? ['--single-threaded-gc', `--max-semi-space-size=${SEMI_SPACE_MB}`, `--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`] : []),
    `--max-old-space-size=${memoryMb}`,
  ];
}

/** What node prints when it refuses a command-line flag (exit code 9). */
const BAD_OPTION = /bad option/i;
/** What V8 prints when a heap limit is reached (the process then aborts). */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Fatal JavaScript out of memory|Allocation failed/i;
/** The end of a worker's stderr kept to tell why it died. */
const STDERR_KEPT = 4096;

/** Why a worker process stopped: `detail` names the exit; `outOfMemory` and `badOption` from its stderr. */
export interface WorkerExit {
  detail: string;
  outOfMemory: boolean;
  badOption: boolean;
  stderr: string;
}

export interface WorkerEvents {
  message(reply: WorkerReply): void;
  /** The process has exited (or never started) and its stderr has been read to the end. */
  exit(exit: WorkerExit): void;
}

/** What the pool holds of a worker, process or thread. */
export interface PoolWorker {
  send(message: WorkerRequest): void;
  /** Ends the worker; no event is given for it any more. */
  stop(): void;
}

/** One worker process; `stop()` ends it (an idle one exits when its channel closes, a busy one is killed). */
export class WorkerProcess implements PoolWorker {
  readonly #child: ChildProcess;
  #stderr = '';
  /** Why a message could not be sent (reported with the exit). */
  #sendError: string | undefined;
  #stopped = false;

  constructor(workerUrl: URL, execArgv: readonly string[], events: WorkerEvents) {
    this.#child = fork(fileURLToPath(workerUrl), [], {
      execArgv: [...execArgv],
      serialization: 'advanced',
      env: { ...process.env, [WORKER_ENV]: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const child = this.#child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-STDERR_KEPT);
    });
    child.on('message', (reply: WorkerReply) => {
      if (!this.#stopped) events.message(reply);
    });
    const exited = (detail: string): void => {
      if (this.#stopped) return;
      this.#stopped = true;
      const stderr = this.#stderr;
      events.exit({ detail, outOfMemory: OUT_OF_MEMORY.test(stderr), badOption: BAD_OPTION.test(stderr), stderr });
    };
    // A process that never started has nothing more to say; one that did is decided on 'close'.
    child.on('error', (err) => {
      if (child.pid === undefined) exited(err.message);
      else this.#sendError ??= err.message;
    });
    // 'close': the process has exited and its stderr has been read to the end (the OOM report).
    child.on('close', (code, signal) => {
      const exit = signal ? `signal ${signal}` : `exit code ${String(code)}`;
      exited(this.#sendError ? `${this.#sendError}, ${exit}` : exit);
    });
  }

  send(message: WorkerRequest): void {
    if (this.#stopped) return;
    // A failed send (EPIPE: the worker has exited, or is exiting — node refusing a flag exits at
    // once) decides nothing yet: 'close' does, once the process has exited and its stderr (which
    // says why) has been read to the end. A worker still running is stopped so that 'close' comes.
    this.#child.send(message, (error) => {
      if (!error || this.#stopped) return;
      this.#sendError ??= error.message;
      this.#kill();
    });
  }

  /** Ends the process; no event is given for it any more. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    // Closing the channel ends an idle worker (it exits on `disconnect`); a busy one is killed.
    if (this.#child.connected) this.#child.disconnect();
    this.#kill();
  }

  #kill(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }
}

/**
 * A worker thread's young generation in MB: three semi-spaces in V8's reckoning, so the same
 * semi-space as a worker process's `--max-semi-space-size`.
 */
const THREAD_YOUNG_MB = 3 * SEMI_SPACE_MB;

/**
 * One worker thread (same entry, same protocol as a process); `stop()` terminates it, busy or not.
 * It may be started before the pool has events for it ({@link WorkerThread.early}): it then loads
 * its modules while the main thread loads its own, holds nothing open, and waits for `attach`.
 */
export class WorkerThread implements PoolWorker {
  readonly #worker: Worker;
  readonly memoryMb: number;
  readonly url: string;
  #events: WorkerEvents | undefined;
  /** An exit that came before `attach`. */
  #exit: WorkerExit | undefined;
  #stopped = false;
  #outOfMemory = false;
  #error: string | undefined;
  #stderr = '';

  constructor(workerUrl: URL, memoryMb: number, events?: WorkerEvents) {
    this.memoryMb = memoryMb;
    this.url = workerUrl.href;
    this.#events = events;
    this.#worker = new Worker(workerUrl, {
      env: { ...process.env, [WORKER_ENV]: '1' },
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: THREAD_YOUNG_MB },
      // Kept from the user's terminal, as a process's: stdout dropped, the end of stderr kept.
      stdout: true,
      stderr: true,
    });
    const worker = this.#worker;
    // A flowing stdio stream keeps the process alive even when the thread is unref'd: a thread
    // started early has its output read only once a pool takes it.
    if (events) this.#readOutput();
    // The worker speaks only once it has its setup, which comes after `attach`.
    worker.on('message', (reply: WorkerReply) => {
      if (!this.#stopped) this.#events?.message(reply);
    });
    // An error the thread did not catch, or its heap limit reached: the exit follows.
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#outOfMemory = true;
      this.#error ??= err.message;
    });
    worker.on('exit', (code) => {
      if (this.#stopped) return;
      this.#stopped = true;
      const detail = this.#error ? `${this.#error}, exit code ${code}` : `exit code ${code}`;
      const exit = { detail, outOfMemory: this.#outOfMemory, badOption: false, stderr: this.#stderr };
      if (this.#events) this.#events.exit(exit);
      else this.#exit = exit;
    });
    // Last: adding a 'message' listener refs the thread again.
    if (!events) worker.unref();
  }

  /** The pool takes a thread started early: from now on it keeps the process alive and speaks to `events`. */
  attach(events: WorkerEvents): this {
    this.#events = events;
    this.#worker.ref();
    this.#readOutput();
    const exit = this.#exit;
    if (exit) queueMicrotask(() => events.exit(exit));
    return this;
  }

  send(message: WorkerRequest): void {
    if (!this.#stopped) this.#worker.postMessage(message);
  }

  #readOutput(): void {
    this.#worker.stdout.resume();
    this.#worker.stderr.setEncoding('utf8');
    this.#worker.stderr.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-STDERR_KEPT);
    });
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    void this.#worker.terminate();
  }
}
