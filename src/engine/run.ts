/**
 * `lintFiles(files, options)`: the pipeline (pipeline.ts) on Node, as the CLI, the Action and the
 * library run it. This host reads each file from disk, takes it from the cache when it is
 * unchanged, lints it in worker processes under the per-file time and heap budgets (or here, see
 * `threadsFor`), keeps a big run's digests in a spool file, and looks each file's config up from
 * its folder.
 */
import type { LoadedConfig } from './config.ts';
import { DigestSpool } from './digest-spool.ts';
import { shardFiles, type Shard } from './files.ts';
import { heapKeeper } from './heap.ts';
import { takeDamaged, unpackDigest } from './packed.ts';
import { runTasks } from './phase-one.ts';
import { runPipeline, type PipelineOptions, type RunHost, type RunInput, type RunStore } from './pipeline.ts';
import { openCache, rebuilding, type RunCache } from './run-cache.ts';
import { settingsOfFiles, type FileSettings, type RunSettings } from './run-settings.ts';
import type { FileOutcome } from './outcome.ts';
import type { LintTextOptions } from './lint.ts';
import type { LintResult, Locale } from '../types.ts';

export type { RunInput } from './pipeline.ts';

export interface RunOptions extends PipelineOptions {
  /** The config as loadConfig returned it: the workers load the same file. */
  loaded?: LoadedConfig;
  /** The working folder: the cache's paths and the shards are relative to it (default: process.cwd()). */
  cwd?: string;
  /** Whether the workers may run the config's code (JS configs, plugins, rule files); default true. */
  allowCode?: boolean;
  /** Worker processes: 'off' (this process, no budgets), 'auto' (default) or a number. */
  concurrency?: 'off' | 'auto' | number;
  /** The per-file time budget in ms (default DEFAULT_FILE_TIMEOUT_MS, phase-one.ts; 0 = none). */
  fileTimeoutMs?: number;
  /** The cache file or folder (`--cache-location`); undefined: no cache. Not used with `fix`. */
  cache?: string;
  /** Report only this shard's files; the cross-report rules still read every file's digest. */
  shard?: Shard;
  /** The worker entry (default: findWorkerUrl(), none when run from the TypeScript sources). */
  workerUrl?: URL;
  /** A note for the user that is not a finding (a corrupt cache, say), localised. */
  onNote?: (text: string) => void;
}

/** From this many files on, packed digests wait for the cross-report rules in a temporary file. */
const SPOOL_FROM = 200;

/** From this many reports on, the cross-report phase keeps the heap in check (heap.ts). */
const BIG_RUN = 500;

const nodeHost: RunHost<RunOptions, FileSettings> = {
  settings: (files, options, base) => settingsOfFiles(files, options, base),
  ownFiles: (names, options) => (options.shard ? new Set(shardFiles(names, options.cwd ?? process.cwd(), options.shard)) : undefined),
  runTasks,
  unpack: unpackDigest,
  // A big run keeps its heap near what it holds (heap.ts); a small one is over before it matters.
  afterEachReport: (reports) => (reports >= BIG_RUN ? heapKeeper() : undefined),
  open: openStore,
};

/**
 * Lints the files and yields their results in the order of `files`. Throws for what ends the run
 * (a worker that cannot load the config, an engine bug); a file's own problem is that file's result.
 */
export function lintFiles(files: readonly RunInput[], options: RunOptions = {}): AsyncGenerator<LintResult, void, undefined> {
  return runPipeline(nodeHost, files, options);
}

/** Collects the results of lintFiles into an array (Array.fromAsync is Node 22). */
export async function lintFilesToArray(files: readonly RunInput[], options: RunOptions = {}): Promise<LintResult[]> {
  const out: LintResult[] = [];
  for await (const result of lintFiles(files, options)) out.push(result);
  return out;
}

/** The run's spool (a big run) and cache (`cache`, not with `fix`), when it has either. */
async function openStore(
  taskCount: number,
  settings: RunSettings,
  options: RunOptions,
  base: LintTextOptions & { locale: Locale },
): Promise<RunStore<RunOptions> | undefined> {
  const spool = taskCount >= SPOOL_FROM ? DigestSpool.open() : undefined;
  let cache: RunCache | undefined;
  try {
    const cached = options.cache !== undefined && options.fix === undefined;
    cache = cached ? await openCache(options, base, options.cwd ?? process.cwd(), rebuilding.has(options), settings) : undefined;
  } catch (err) {
    spool?.close();
    throw err;
  }
  if (!spool && !cache) return undefined;
  const keep = spiller(spool);
  return {
    keep,
    lookUp: (tasks, hit) => (cache ? cache.lookUp(tasks, hit) : Promise.resolve([...tasks])),
    record: (index, outcome) => cache?.keep(index, outcome),
    ...(cache ? { crossStore: cache.crossStore } : {}),
    damaged: () => takeDamaged().length > 0 && cache !== undefined,
    rebuild: () => {
      cache?.damaged();
      cache?.close();
      cache = undefined;
      const again = { ...options };
      rebuilding.add(again);
      return again;
    },
    save: async () => cache?.save(),
    close: () => {
      cache?.close();
      cache = undefined;
      spool?.close();
    },
  };
}

/**
 * What the run keeps of an outcome until phase two: with a spool, the packed digest and the model
 * (keepModel: the formats that draw or export the tables) wait in its file, the model read back
 * through a getter as each result is finished: a run never holds every model.
 */
function spiller(spool: DigestSpool | undefined): (o: FileOutcome) => FileOutcome {
  if (!spool) return (o) => o;
  return (o) => {
    const out = o.analysis?.digest ? { ...o, analysis: { ...o.analysis, digest: spool.spill(o.analysis.digest) } } : o;
    const model = out.analysis?.model;
    const at = model ? spool.spillBytes(Buffer.from(JSON.stringify(model), 'utf8')) : undefined;
    if (!at || !out.analysis) return out;
    const analysis = { ...out.analysis };
    Object.defineProperty(analysis, 'model', { enumerable: true, get: () => JSON.parse(spool.read(at).toString('utf8')) as unknown });
    return { ...out, analysis };
  };
}
