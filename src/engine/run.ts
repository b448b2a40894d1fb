/**
 * The one pipeline every front end runs (the CLI, the Action, the library): `lintFiles(files,
 * options)` reads each file, takes it from the cache when it is unchanged, lints it in worker
 * processes under the per-file time and heap budgets (or here, see `threadsFor`), runs the
 * cross-report rules over every report of the run and gives the results in file order, one at a
 * time. With `fix` it fixes each file instead (per-file rules only, as before) and hands the fixed
 * bytes to `onFixed`; writing them is the caller's.
 */
import type { LoadedConfig } from './config.ts';
import type { Encoding } from './decode.ts';
import { shardFiles, type Shard } from './files.ts';
import type { FileOutcome, FixMode } from './lint-file.ts';
import type { LintTextOptions } from './lint.ts';
import { finishEach, setFindings } from './phase-two.ts';
import { defaultSetting, rulesToRun, ruleSet, type ResolvedConfig } from './settings.ts';
import { DigestSpool } from './digest-spool.ts';
import { takeDamaged, unpackDigest } from './packed.ts';
import type { runTasks as RunTasks, Task } from './phase-one.ts';
import { ReportIndex } from './set.ts';
import { openCache, rebuilding, type RunCache } from './run-cache.ts';
import { settingsKeys, settingsOfFiles, type FileSettings } from './run-settings.ts';
import type { ReportDigest, Rule } from '../rule.ts';
import type { LintResult, Locale } from '../types.ts';

/** A file to lint: its path, or bytes already read (standard input) under the name to report. */
export type RunInput = string | { filePath: string; bytes: Uint8Array };

export interface RunOptions {
  locale?: Locale;
  /** The config as loadConfig returned it: the workers load the same file. */
  loaded?: LoadedConfig;
  /** A config object without a file (the library): the files are linted in this process. */
  config?: ResolvedConfig;
  /** The working folder: the cache's paths and the shards are relative to it (default: process.cwd()). */
  cwd?: string;
  /** Whether the workers may run the config's code (JS configs, plugins, rule files); default true. */
  allowCode?: boolean;
  /** Rules instead of the built-in ones (tests): linted in this process, as workers load the built-in rules. */
  rules?: readonly Rule[];
  reportUnusedDisable?: boolean;
  /** Keep each report's model in its result (the html format and the Action's summary draw the tables). */
  keepModel?: boolean;
  /** Fix each file (per-file rules only); the fixed bytes go to `onFixed`. */
  fix?: FixMode;
  /** Worker processes: 'off' (this process, no budgets), 'auto' (default) or a number. */
  concurrency?: 'off' | 'auto' | number;
  /** The per-file time budget in ms (default DEFAULT_FILE_TIMEOUT_MS, phase-one.ts; 0 = none). */
  fileTimeoutMs?: number;
  /** The cache file or folder (`--cache-location`); undefined: no cache. Not used with `fix`. */
  cache?: string;
  /** Report only this shard's files; the cross-report rules still read every file's digest. */
  shard?: Shard;
  /** Files read only as context for the cross-report rules: modelled, never reported on. */
  context?: readonly string[];
  /** Files among which to look for the year-before reports of the linted ones (read as context). */
  contextCandidates?: readonly string[];
  /** The worker entry (default: findWorkerUrl(), none when run from the TypeScript sources). */
  workerUrl?: URL;
  /** Called with the number of files that got their first-phase outcome since the last call. */
  onProgress?: (count: number) => void;
  /** A note for the user that is not a finding (a corrupt cache, say), localised. */
  onNote?: (text: string) => void;
  /** `fix`: called, in file order, before each fixed file's result is given. */
  onFixed?: (filePath: string, fixed: { bytes?: Uint8Array; unwritable?: Encoding; readHash?: string }) => Promise<void> | void;
}

/** From this many files on, packed digests wait for the cross-report rules in a temporary file. */
const SPOOL_FROM = 200;

/**
 * Lints the files and yields their results in the order of `files`. Throws for what ends the run
 * (a worker that cannot load the config, an engine bug); a file's own problem is that file's result.
 */
export async function* lintFiles(files: readonly RunInput[], options: RunOptions = {}): AsyncGenerator<LintResult, void, undefined> {
  const locale = options.locale ?? 'zh-CN';
  const config = options.loaded?.config ?? options.config;
  const base: LintTextOptions & { locale: Locale } = {
    locale,
    ...(config ? { config } : {}),
    // The given rules replace the built-in ones; the config's plugin rules run with them.
    ...(options.rules ? { rules: ruleSet(config, options.rules) } : {}),
    ...(options.reportUnusedDisable ? { reportUnusedDisable: true } : {}),
    ...(options.keepModel ? { keepModel: true } : {}),
  };
  const cwd = options.cwd ?? process.cwd();
  const names = files.map((f) => (typeof f === 'string' ? f : f.filePath));
  // Each file's settings (config per folder, overrides), resolved once per set of config files.
  const settings = await settingsOfFiles([...names, ...(options.context ?? []), ...(options.contextCandidates ?? [])], options, base);
  const own = options.shard ? new Set(shardFiles(names, cwd, options.shard)) : undefined;
  const isOwn = (i: number): boolean => !own || own.has(names[i] as string);
  // Another shard's report is read for its digest only, and only when a cross-report rule reads it.
  const crossOn = settings.distinct.some((s) => crossReportRulesOn(rulesToRun(s.base), s.base.config));
  const cross = crossOn && options.fix === undefined && (own === undefined || own.size > 0);
  const tasks = phaseOneTasks(files, names, isOwn, cross, options);
  const contextStart = files.length;

  const outcomes: Array<FileOutcome | undefined> = new Array<FileOutcome | undefined>(contextStart + (options.context?.length ?? 0));
  const spool = tasks.length >= SPOOL_FROM ? DigestSpool.open() : undefined;
  let cache: RunCache | undefined;
  try {
    const spilled = spiller(spool);
    const keyOf = options.cache !== undefined && options.fix === undefined ? await settingsKeys(settings, options) : undefined;
    cache = keyOf ? await openCache(options, base, cwd, rebuilding.has(options), keyOf) : undefined;
    const pending = cache
      ? await cache.lookUp(tasks, (index, outcome) => {
          outcomes[index] = spilled(outcome);
        })
      : tasks;
    options.onProgress?.(tasks.length - pending.length);
    const contextOnly = new Set(tasks.flatMap((task) => (task.digestOnly ? [task.index] : [])));
    const record = (index: number, outcome: FileOutcome): void => {
      // An outcome read for its digest only has no per-file findings: not one to keep.
      if (!contextOnly.has(index)) cache?.keep(index, outcome);
      outcomes[index] = spilled(outcome);
      options.onProgress?.(1);
    };
    // Phase one (and the reader it loads) only for files the cache did not have.
    if (pending.length > 0) await runTasks(pending, options, settings.of, record);

    if (options.fix !== undefined) {
      yield* fixedResults(outcomes, names, options);
      return;
    }
    // Every report that is not reported on (another shard's, context) is context for the others.
    const context: ReportDigest[] = [];
    for (let i = 0; i < outcomes.length; i++) {
      if (i < files.length && isOwn(i)) continue;
      const digest = outcomes[i]?.analysis?.digest;
      if (digest) context.push(unpackDigest(digest));
      outcomes[i] = undefined;
    }
    outcomes.length = files.length;
    if (cross && options.contextCandidates && options.contextCandidates.length > 0) {
      context.push(...(await previousYearReports(outcomes, names, options, settings.of)));
    }
    // Each report's cross-report findings with the settings of its own file (config per folder).
    const optionsAt = (i: number) => settings.of(names[i] as string).base;
    takeDamaged();
    const found = setFindings(outcomes, context, base, cache?.crossStore, optionsAt);
    if (cache && takeDamaged().length > 0) {
      // A cached digest failed its check (a damaged cache file): noted, and the run made again
      // without reading the cache (rare: a cache file changed by something else than this tool).
      cache.damaged();
      cache.close();
      cache = undefined;
      const again = { ...options };
      rebuilding.add(again);
      yield* lintFiles(files, again);
      return;
    }
    await cache?.save();
    yield* finishEach(outcomes, context, base, found, optionsAt);
  } finally {
    cache?.close();
    spool?.close();
  }
}

/** Phase one's runTasks, loaded when a file needs linting: a run that takes every file from the cache loads no reader. */
async function runTasks(...args: Parameters<typeof RunTasks>): Promise<void> {
  const { runTasks: run } = await import('./phase-one.ts');
  return run(...args);
}

/** The files of phase one: this run's (or shard's) own, then others' read as context only. */
function phaseOneTasks(files: readonly RunInput[], names: readonly string[], isOwn: (i: number) => boolean, cross: boolean, options: RunOptions): Task[] {
  const tasks: Task[] = [];
  files.forEach((input, index) => {
    const mine = isOwn(index);
    if (!mine && !cross) return;
    const task: Task = { index, file: names[index] as string, ...(typeof input === 'string' ? {} : { bytes: input.bytes }) };
    if (options.fix && mine) task.fix = options.fix;
    if (!mine) task.digestOnly = true;
    tasks.push(task);
  });
  if (cross) for (const [i, file] of (options.context ?? []).entries()) tasks.push({ index: files.length + i, file, digestOnly: true });
  return tasks;
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

/** `fix`: each file's result in file order, its fixed bytes handed to onFixed first. */
async function* fixedResults(
  outcomes: Array<FileOutcome | undefined>,
  names: readonly string[],
  options: RunOptions,
): AsyncGenerator<LintResult, void, undefined> {
  for (let i = 0; i < names.length; i++) {
    const outcome = outcomes[i];
    outcomes[i] = undefined;
    if (!outcome?.result) continue;
    if (outcome.fixed || outcome.unwritable)
      await options.onFixed?.(names[i] as string, {
        ...(outcome.fixed ? { bytes: outcome.fixed } : {}),
        ...(outcome.readHash ? { readHash: outcome.readHash } : {}),
        ...(outcome.unwritable ? { unwritable: outcome.unwritable } : {}),
      });
    yield outcome.result;
  }
}

/** Collects the results of lintFiles into an array (Array.fromAsync is Node 22). */
export async function lintFilesToArray(files: readonly RunInput[], options: RunOptions = {}): Promise<LintResult[]> {
  const out: LintResult[] = [];
  for await (const result of lintFiles(files, options)) out.push(result);
  return out;
}

/** Whether a cross-report rule (`checkSet`) is on. */
function crossReportRulesOn(rules: readonly Rule[], config: ResolvedConfig | undefined): boolean {
  return rules.some((rule) => typeof rule.checkSet === 'function' && (config?.rules[rule.meta.id] ?? defaultSetting(rule)).severity !== 0);
}

/**
 * The digests of the candidates that are the year-before report of a linted one (same agency,
 * year − 1). A candidate is modelled only when its opening text mentions one of the years wanted;
 * it is read under the same budgets as the linted files.
 */
async function previousYearReports(
  outcomes: ReadonlyArray<FileOutcome | undefined>,
  names: readonly string[],
  options: RunOptions,
  settingsOf: (file: string) => FileSettings,
): Promise<ReportDigest[]> {
  const targets = outcomes.flatMap((o) => (o?.analysis?.digest ? [unpackDigest(o.analysis.digest)] : []));
  const wanted = targets.filter((d) => d.agency !== null && d.year !== null);
  if (wanted.length === 0) return [];
  const years = [...new Set(wanted.map((d) => String((d.year as number) - 1)))];
  const linted = new Set([...names, ...(options.context ?? [])]);
  const tasks: Task[] = (options.contextCandidates ?? []).filter((f) => !linted.has(f)).map((file, index) => ({ index, file, digestOnly: true, years }));
  const found: ReportDigest[] = [];
  const index = new ReportIndex(wanted);
  await runTasks(tasks, options, settingsOf, (_i, outcome) => {
    const packed = outcome.analysis?.digest;
    const digest = packed ? unpackDigest(packed) : null;
    if (digest && index.hasPreviousYearOf(digest)) found.push(digest);
  });
  // In the candidates' order, whatever order the workers finished in.
  const order = new Map(tasks.map((task) => [task.file, task.index]));
  return found.sort((a, b) => (order.get(a.filePath) ?? 0) - (order.get(b.filePath) ?? 0));
}
