/**
 * The one pipeline every front end runs, on a host that reads and keeps files where it runs:
 * Node's (run.ts: files from disk, worker processes under the per-file budgets, the cache, a
 * spool for big runs; the CLI, the Action, the library) or the web page's (web.ts: the bytes
 * it is given, linted in the page). Phase one reads each file and runs the per-file rules;
 * phase two runs the cross-report rules over every report of the run and gives the results in
 * file order, one at a time. With `fix` it fixes each file instead (per-file rules only) and
 * hands the fixed bytes to `onFixed`; writing them is the caller's.
 *
 * Nothing here imports a `node:` module, not even for its types: the web page's build fails if
 * one reaches it.
 */
import type { Encoding } from './decode-bytes.ts';
import type { LintTextOptions } from './lint.ts';
import { finishEach, setFindings, type FileOutcome, type FixMode, type Task, type Unpack } from './outcome.ts';
import { ReportIndex } from './set.ts';
import type { SetRuleStore } from './set-cache.ts';
import { defaultSetting, rulesToRun, ruleSet, type ResolvedConfig } from './settings.ts';
import type { ReportDigest, Rule } from '../rule.ts';
import type { LintResult, Locale } from '../types.ts';

/** A file to lint: its path, or bytes already read (standard input, a file dropped on the web page) under the name to report. */
export type RunInput = string | { filePath: string; bytes: Uint8Array };

/** The options the pipeline reads itself; a host adds its own (run.ts's RunOptions). */
export interface PipelineOptions {
  locale?: Locale;
  /** The config as loadConfig returned it (Node); the pipeline reads its `config`. */
  loaded?: { config: ResolvedConfig };
  /** A config object without a file (the library, the web page). */
  config?: ResolvedConfig;
  /** Rules instead of the built-in ones (tests). */
  rules?: readonly Rule[];
  reportUnusedDisable?: boolean;
  /** Keep each report's model in its result (the html format and the Action's summary draw the tables). */
  keepModel?: boolean;
  /** Fix each file (per-file rules only); the fixed bytes go to `onFixed`. */
  fix?: FixMode;
  /** Files read only as context for the cross-report rules: modelled, never reported on. */
  context?: readonly string[];
  /** Files among which to look for the year-before reports of the linted ones (read as context). */
  contextCandidates?: readonly string[];
  /** Called with the number of files that got their first-phase outcome since the last call. */
  onProgress?: (count: number) => void;
  /** `fix`: called, in file order, before each fixed file's result is given. */
  onFixed?: (filePath: string, fixed: { bytes?: Uint8Array; unwritable?: Encoding; readHash?: string }) => Promise<void> | void;
}

type Base = LintTextOptions & { locale: Locale };

/** One file's settings: the lint options from its config, and which files the config says are reports. */
export interface HostSettings {
  base: Base;
  classify: (file: string) => 'auto' | 'report' | 'notReport';
}

/** Each file's settings in a run, and every distinct one (the run's own first). */
export interface SettingsOf<S extends HostSettings> {
  of: (file: string) => S;
  distinct: S[];
}

/** What a run keeps between its phases beyond memory (Node: a spool for big runs, the cache). */
export interface RunStore<O> {
  /** What the run keeps of an outcome until phase two (a big run's digests and models go to a file). */
  keep(outcome: FileOutcome): FileOutcome;
  /** Puts the cached outcomes in place (`hit`); returns the tasks left to run. */
  lookUp(tasks: readonly Task[], hit: (index: number, outcome: FileOutcome) => void): Promise<Task[]>;
  /** An outcome of this run, for the cache. */
  record(index: number, outcome: FileOutcome): void;
  /** The cross-report findings cached per report. */
  crossStore?: SetRuleStore;
  /** Whether a digest read back from the cache was found damaged since the last call. */
  damaged(): boolean;
  /** The options to make the run again with, without reading the (damaged) cache; closes it. */
  rebuild(): O;
  save(): Promise<void>;
  close(): void;
}

/** Where the pipeline runs: how files are read and linted, and how what phase one found is kept. */
export interface RunHost<O extends PipelineOptions, S extends HostSettings> {
  /** Each file's settings: the config of its folder (Node) or the run's (the web page). */
  settings(files: readonly string[], options: O, base: Base): Promise<SettingsOf<S>>;
  /** With a shard: the files this run reports on (the others are read as context). */
  ownFiles?(names: readonly string[], options: O): ReadonlySet<string> | undefined;
  /** Phase one for each task; `record` gets each outcome, in any order. */
  runTasks(tasks: readonly Task[], options: O, settingsOf: (file: string) => S, record: (index: number, outcome: FileOutcome) => void): Promise<void>;
  /** A digest that phase one kept, read back. */
  unpack: Unpack;
  /** Called after each report of the cross-report phase, given how many reports it has (Node: a big run's heap kept in check). */
  afterEachReport?(reports: number): (() => void) | undefined;
  /** A run's store (Node); none: everything stays in memory. */
  open?(taskCount: number, settings: SettingsOf<S>, options: O, base: Base): Promise<RunStore<O> | undefined>;
}

/**
 * Lints the files on `host` and yields their results in the order of `files`. Throws for what
 * ends the run (a worker that cannot load the config, an engine bug); a file's own problem is
 * that file's result.
 */
export async function* runPipeline<O extends PipelineOptions, S extends HostSettings>(
  host: RunHost<O, S>,
  files: readonly RunInput[],
  options: O,
): AsyncGenerator<LintResult, void, undefined> {
  const locale = options.locale ?? 'zh-CN';
  const config = options.loaded?.config ?? options.config;
  const base: Base = {
    locale,
    ...(config ? { config } : {}),
    // The given rules replace the built-in ones; the config's plugin rules run with them.
    ...(options.rules ? { rules: ruleSet(config, options.rules) } : {}),
    ...(options.reportUnusedDisable ? { reportUnusedDisable: true } : {}),
    ...(options.keepModel ? { keepModel: true } : {}),
  };
  const names = files.map((f) => (typeof f === 'string' ? f : f.filePath));
  // Each file's settings (config per folder, overrides), resolved once per set of config files.
  const settings = await host.settings([...names, ...(options.context ?? []), ...(options.contextCandidates ?? [])], options, base);
  const own = host.ownFiles?.(names, options);
  const isOwn = (i: number): boolean => !own || own.has(names[i] as string);
  // Another shard's report is read for its digest only, and only when a cross-report rule reads it.
  const crossOn = settings.distinct.some((s) => crossReportRulesOn(rulesToRun(s.base), s.base.config));
  const cross = crossOn && options.fix === undefined && (own === undefined || own.size > 0);
  const tasks = phaseOneTasks(files, names, isOwn, cross, options);

  const outcomes: Array<FileOutcome | undefined> = new Array<FileOutcome | undefined>(files.length + (options.context?.length ?? 0));
  const store = await host.open?.(tasks.length, settings, options, base);
  try {
    const keep = store ? (o: FileOutcome) => store.keep(o) : (o: FileOutcome) => o;
    const pending = store
      ? await store.lookUp(tasks, (index, outcome) => {
          outcomes[index] = keep(outcome);
        })
      : tasks;
    options.onProgress?.(tasks.length - pending.length);
    const contextOnly = new Set(tasks.flatMap((task) => (task.digestOnly ? [task.index] : [])));
    const record = (index: number, outcome: FileOutcome): void => {
      // An outcome read for its digest only has no per-file findings: not one to keep.
      if (!contextOnly.has(index)) store?.record(index, outcome);
      outcomes[index] = keep(outcome);
      options.onProgress?.(1);
    };
    await host.runTasks(pending, options, settings.of, record);

    if (options.fix !== undefined) {
      yield* fixedResults(outcomes, names, options);
      return;
    }
    // Every report that is not reported on (another shard's, context) is context for the others.
    const context: ReportDigest[] = [];
    for (let i = 0; i < outcomes.length; i++) {
      if (i < files.length && isOwn(i)) continue;
      const digest = outcomes[i]?.analysis?.digest;
      if (digest) context.push(host.unpack(digest));
      outcomes[i] = undefined;
    }
    outcomes.length = files.length;
    if (cross && options.contextCandidates && options.contextCandidates.length > 0) {
      context.push(...(await previousYearReports(host, outcomes, names, options, settings.of)));
    }
    // Each report's cross-report findings with the settings of its own file (config per folder).
    const optionsAt = (i: number) => settings.of(names[i] as string).base;
    store?.damaged();
    const found = setFindings(host.unpack, outcomes, context, base, store?.crossStore, optionsAt, host.afterEachReport?.(outcomes.length));
    if (store?.damaged()) {
      // A cached digest failed its check (a damaged cache file): noted, and the run made again
      // without reading the cache (rare: a cache file changed by something else than this tool).
      yield* runPipeline(host, files, store.rebuild());
      return;
    }
    await store?.save();
    yield* finishEach(host.unpack, outcomes, context, base, found, optionsAt);
  } finally {
    store?.close();
  }
}

/** The files of phase one: this run's (or shard's) own, then others' read as context only. */
function phaseOneTasks(files: readonly RunInput[], names: readonly string[], isOwn: (i: number) => boolean, cross: boolean, options: PipelineOptions): Task[] {
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

/** `fix`: each file's result in file order, its fixed bytes handed to onFixed first. */
async function* fixedResults(
  outcomes: Array<FileOutcome | undefined>,
  names: readonly string[],
  options: PipelineOptions,
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

/** Whether a cross-report rule (`checkSet`) is on. */
function crossReportRulesOn(rules: readonly Rule[], config: ResolvedConfig | undefined): boolean {
  return rules.some((rule) => typeof rule.checkSet === 'function' && (config?.rules[rule.meta.id] ?? defaultSetting(rule)).severity !== 0);
}

/**
 * The digests of the candidates that are the year-before report of a linted one (same agency,
 * year − 1). A candidate is modelled only when its opening text mentions one of the years wanted;
 * it is read under the same budgets as the linted files.
 */
async function previousYearReports<O extends PipelineOptions, S extends HostSettings>(
  host: RunHost<O, S>,
  outcomes: ReadonlyArray<FileOutcome | undefined>,
  names: readonly string[],
  options: O,
  settingsOf: (file: string) => S,
): Promise<ReportDigest[]> {
  const targets = outcomes.flatMap((o) => (o?.analysis?.digest ? [host.unpack(o.analysis.digest)] : []));
  const wanted = targets.filter((d) => d.agency !== null && d.year !== null);
  if (wanted.length === 0) return [];
  const years = [...new Set(wanted.map((d) => String((d.year as number) - 1)))];
  const linted = new Set([...names, ...(options.context ?? [])]);
  const tasks: Task[] = (options.contextCandidates ?? []).filter((f) => !linted.has(f)).map((file, index) => ({ index, file, digestOnly: true, years }));
  const found: ReportDigest[] = [];
  const index = new ReportIndex(wanted);
  await host.runTasks(tasks, options, settingsOf, (_i, outcome) => {
    const packed = outcome.analysis?.digest;
    const digest = packed ? host.unpack(packed) : null;
    if (digest && index.hasPreviousYearOf(digest)) found.push(digest);
  });
  // In the candidates' order, whatever order the workers finished in.
  const order = new Map(tasks.map((task) => [task.file, task.index]));
  return found.sort((a, b) => (order.get(a.filePath) ?? 0) - (order.get(b.filePath) ?? 0));
}
