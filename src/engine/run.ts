/**
 * The one pipeline every front end runs (the CLI, the Action, the library): `lintFiles(files,
 * options)` reads each file, takes it from the cache when it is unchanged, lints it in worker
 * processes under the per-file time and heap budgets (or here, see `threadsFor`), runs the
 * cross-report rules over every report of the run and gives the results in file order, one at a
 * time. With `fix` it fixes each file instead (per-file rules only, as before) and hands the fixed
 * bytes to `onFixed`; writing them is the caller's.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheKey, codeDigest, contentHash, DEFAULT_CACHE_FILE, ResultCache } from './cache.ts';
import { classifier, type LoadedConfig } from './config.ts';
import type { Encoding } from './decode.ts';
import { shardFiles, type Shard } from './files.ts';
import { finishEach, type FileOutcome, type FixMode } from './lint-file.ts';
import { defaultSetting, rulesToRun, ruleSet, type LintTextOptions, type ResolvedConfig } from './lint.ts';
import { t } from './messages.ts';
import { DigestSpool, unpackDigest } from './packed.ts';
import { runTasks, type Task } from './phase-one.ts';
import { ReportIndex } from './set.ts';
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
/** Files hashed at once for the cache. */
const HASH_BATCH = 32;

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
  try {
    const spilled = spiller(spool);
    const cache = options.cache !== undefined && options.fix === undefined ? await openCache(options, base, cwd, settings) : undefined;
    const pending = cache
      ? await cache.lookUp(tasks, (index, outcome) => {
          outcomes[index] = spilled(outcome);
        })
      : tasks;
    options.onProgress?.(tasks.length - pending.length);
    const contextOnly = new Set(tasks.flatMap((task) => (task.digestOnly ? [task.index] : [])));
    const record = (index: number, outcome: FileOutcome): void => {
      // An outcome read for its digest only has no per-file findings: not one to keep.
      if (!contextOnly.has(index)) cache?.store(index, outcome);
      outcomes[index] = spilled(outcome);
      options.onProgress?.(1);
    };
    await runTasks(pending, options, settings.of, record);
    await cache?.save();

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
    yield* finishEach(outcomes, context, base, (i) => settings.of(names[i] as string).base);
  } finally {
    spool?.close();
  }
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

interface RunCache {
  /** Puts the cached outcomes in place; returns the tasks left to run. */
  lookUp(tasks: readonly Task[], hit: (index: number, outcome: FileOutcome) => void): Promise<Task[]>;
  store(index: number, outcome: FileOutcome): void;
  save(): Promise<void>;
}

async function openCache(options: RunOptions, base: LintTextOptions & { locale: Locale }, cwd: string, settings: RunSettings): Promise<RunCache> {
  const note = (text: string): void => options.onNote?.(text);
  const loaded = options.loaded;
  const key = cacheKey({
    config: base.config ?? { rules: {} },
    rules: rulesToRun(base),
    locale: base.locale,
    reportUnusedDisable: options.reportUnusedDisable ?? false,
    keepModel: options.keepModel ?? false,
    classification: { reports: loaded?.reports ?? [], notReports: loaded?.notReports ?? [], baseDir: loaded?.baseDir ?? '' },
    code: await codeDigest(loaded?.codeFiles ?? []),
  });
  const cache = await ResultCache.open(path.resolve(cwd, options.cache || DEFAULT_CACHE_FILE), key, cwd);
  // With settings per folder, each file's entry is keyed by its own settings too.
  const keyOf = new Map<FileSettings, string>();
  if (settings.distinct.length > 1 || settings.distinct[0]?.loaded !== loaded) {
    for (const own of settings.distinct) keyOf.set(own, `:${await settingsKey(own, options)}`);
  }
  if (cache.notRegular) note(t('cacheNotRegular', base.locale, { file: cache.location }));
  if (cache.corrupt) note(t('cacheCorrupt', base.locale, { file: cache.location }));
  const hashes = new Map<number, { file: string; hash: string }>();
  return {
    async lookUp(tasks, hit) {
      const left: Task[] = [];
      // Several files read at once: a warm run is mostly waiting for the disk.
      for (let start = 0; start < tasks.length; start += HASH_BATCH) {
        const batch = tasks.slice(start, start + HASH_BATCH);
        const found = await Promise.all(
          batch.map(async (task) =>
            task.bytes
              ? undefined
              : readFile(task.file).then(
                  (bytes) => contentHash(bytes) + (keyOf.get(settings.of(task.file)) ?? ''),
                  () => undefined,
                ),
          ),
        );
        batch.forEach((task, i) => {
          const hash = found[i];
          if (hash !== undefined) hashes.set(task.index, { file: task.file, hash });
          const outcome = hash === undefined ? undefined : cache.get(task.file, hash);
          if (outcome) hit(task.index, outcome);
          else left.push(task);
        });
      }
      return left;
    },
    store(index, outcome) {
      const entry = hashes.get(index);
      if (entry) cache.set(entry.file, entry.hash, outcome);
    },
    async save() {
      try {
        await cache.save();
      } catch (err) {
        const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
        note(t('cacheWriteFailed', base.locale, { file: cache.location, detail }));
      }
    },
  };
}

/** One file's settings: its config (config per folder, overrides), the lint options and classifier made from it. */
interface FileSettings {
  loaded: LoadedConfig | undefined;
  base: LintTextOptions & { locale: Locale };
  classify: (file: string) => 'auto' | 'report' | 'notReport';
}

interface RunSettings {
  of: (file: string) => FileSettings;
  /** Every distinct settings of the run (the run's own first). */
  distinct: FileSettings[];
}

/**
 * The settings of each file: with a config cascade (loadConfig without --no-config-lookup), its
 * own folder's; otherwise the run's. Files with the same settings share one object.
 */
async function settingsOfFiles(files: readonly string[], options: RunOptions, base: LintTextOptions & { locale: Locale }): Promise<RunSettings> {
  const run: FileSettings = { loaded: options.loaded, base, classify: options.loaded ? classifier(options.loaded) : () => 'auto' };
  const cascade = options.loaded?.cascade;
  if (!cascade) return { of: () => run, distinct: [run] };
  const byConfig = new Map<LoadedConfig, FileSettings>();
  const byFile = new Map<string, FileSettings>();
  for (const file of files) {
    // Relative names (standard input's --stdin-filename) are relative to the run's folder.
    const loaded = await cascade.forFile(path.resolve(options.cwd ?? process.cwd(), file));
    let own = byConfig.get(loaded);
    if (!own) {
      const reportUnused = options.reportUnusedDisable || loaded.reportUnusedDisable;
      const fileBase = {
        ...base,
        config: loaded.config,
        ...(options.rules ? { rules: ruleSet(loaded.config, options.rules) } : {}),
        ...(reportUnused ? { reportUnusedDisable: true } : {}),
      };
      own = { loaded, base: fileBase, classify: classifier(loaded) };
      byConfig.set(loaded, own);
    }
    byFile.set(file, own);
  }
  return { of: (file) => byFile.get(file) ?? run, distinct: byConfig.size > 0 ? [...byConfig.values()] : [run] };
}

/** The cache key of one file's settings (see cacheKey). */
async function settingsKey(own: FileSettings, options: RunOptions): Promise<string> {
  return cacheKey({
    config: own.base.config ?? { rules: {} },
    rules: rulesToRun(own.base),
    locale: own.base.locale,
    reportUnusedDisable: own.base.reportUnusedDisable === true,
    keepModel: options.keepModel ?? false,
    classification: { reports: own.loaded?.reports ?? [], notReports: own.loaded?.notReports ?? [], baseDir: own.loaded?.baseDir ?? '' },
    code: await codeDigest(own.loaded?.codeFiles ?? []),
  });
}
