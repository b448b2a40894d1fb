/**
 * The command line, as a function: `main(argv, io)` returns the exit code, so tests run it
 * in-process. src/cli.ts is the executable that calls it.
 *
 * Exit codes (as ESLint's):
 *   0  no errors, and no more warnings than --max-warnings allows
 *   1  errors found, too many warnings, or an input problem: a file that is empty, binary,
 *      undecodable or unreadable (reported as that file's fatal error while the other files are
 *      still linted), or a path or glob that matched nothing while other files were linted
 *   2  the run itself failed: bad arguments, a bad config, no files at all, an internal error
 */
import { mkdir, open, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
// Only what every run needs is imported up front; the engine, the rules and the parser are loaded
// when a run needs them (`--version` and `--help` load none of it; a run in worker processes never
// loads the parser in the main process).
import type { Unmatched, Shard } from '../../engine/files.ts';
import { FORMAT_NAMES, formatResults, isFormatName, isStreamingFormat, needsModel, streamingFormatters } from '../formatters/index.ts';
import type { OutputChunk } from '../formatters/index.ts';
import type { FormatName } from '../formatters/index.ts';
import type { LintTextOptions } from '../../engine/lint.ts';
import { decodeBuffer, fileError, MAX_FILE_BYTES } from '../../engine/decode.ts';
import { addProblems, errorsOnly, fatalResult, totalCounts, type ProblemCounts } from '../../engine/results.ts';
import { t } from '../../engine/messages.ts';
import type { MessageId } from '../../engine/messages.ts';
import type { ResultCache } from '../../engine/cache.ts';
import type { Encoding, FileError } from '../../engine/decode.ts';
import type { FileOutcome as PhaseOne, FixMode, LintedSource } from '../../engine/lint-file.ts';
import type { Rule } from '../../rule.ts';
import type { Diagnostic, LintResult, Locale } from '../../types.ts';
import { VERSION } from '../../engine/version.ts';
import { Progress } from './progress.ts';

export interface CliIo {
  /** Bytes only for `--stdin --fix` of a UTF-16 text (written back in its own encoding). */
  stdout: { write(text: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Standard input, for --stdin (defaults to process.stdin). */
  stdin?: AsyncIterable<Uint8Array | string>;
  cwd: string;
  /** Defaults to process.env; read for NO_COLOR, FORCE_COLOR and DEBUG. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Replaceable parts, so tests can run the CLI with their own rules or engine. */
export interface CliDeps {
  rules?: readonly Rule[];
  lint?: (source: string, options: LintTextOptions) => LintResult;
  /** The worker entry (default: dist/worker.js next to the built CLI; none when run from source). */
  workerUrl?: URL;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_FAILURE = 2;

interface CliOptions {
  paths: string[];
  format: FormatName;
  locale: Locale;
  quiet: boolean;
  maxWarnings: number | undefined;
  config: string | undefined;
  outputFile: string | undefined;
  /** --no-code: refuse JavaScript configs, plugins and rule files. */
  noCode: boolean;
  reportUnusedDisable: boolean;
  /** 'off', 'auto' or a number of worker processes. */
  concurrency: 'off' | 'auto' | number;
  /** Per-file time budget in ms; 0 = none. */
  fileTimeoutMs: number;
  /** --file-timeout was given: the budget is wanted, so files are linted in worker processes. */
  fileTimeoutSet: boolean;
  cache: boolean;
  cacheLocation: string | undefined;
  shard: Shard | undefined;
  /** Name the files skipped as not reports. */
  verbose: boolean;
  /** --fix (write), --fix-dry-run (show only). */
  fix: FixMode | undefined;
  /** --stdin, or the path `-`. */
  stdin: boolean;
  stdinFilename: string | undefined;
  // Issue 12 item 7 (ESLint's names): --ignore-pattern, --print-config FILE, --color/--no-color.
  ignorePatterns: string[];
  printConfig: string | undefined;
  /** true/false from --color/--no-color; undefined: NO_COLOR, FORCE_COLOR, then whether a TTY. */
  color: boolean | undefined;
  help: boolean;
  version: boolean;
}

/** The default per-file time budget: far above any real report (well under a second each). */
export const DEFAULT_FILE_TIMEOUT_SECONDS = 10;
/**
 * `auto` lints in this process when fewer than AUTO_WORKERS_FROM files hold at most this many
 * bytes in all (and --file-timeout is not given): a report is 10–200 KB, and the slowest text
 * found within the size limits reads at some 60 KB a second, so these finish within the default
 * budget without a worker (which costs some half a second to start).
 */
const AUTO_IN_PROCESS_BYTES = 256 * 1024;

/** From this many files on, packed digests wait for the cross-report rules in a temporary file. */
const SPOOL_FROM = 200;

/** Files hashed at once for --cache. */
const HASH_BATCH = 32;

/** `--concurrency auto` uses a worker process per core from this many files on. */
const AUTO_WORKERS_FROM = 32;

/** A user mistake (arguments, output file): reported in one line, without a stack. */
class UsageError extends Error {
  constructor(
    readonly messageId: MessageId,
    readonly data: Record<string, string | number> = {},
    /** Point to --help: only useful when the arguments themselves are wrong. */
    readonly seeHelp = true,
  ) {
    super(messageId);
  }
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  locale: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'max-warnings': { type: 'string' },
  config: { type: 'string', short: 'c' },
  'output-file': { type: 'string', short: 'o' },
  'no-code': { type: 'boolean' },
  'report-unused-disable': { type: 'boolean' },
  concurrency: { type: 'string' },
  'file-timeout': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  shard: { type: 'string' },
  verbose: { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'ignore-pattern': { type: 'string', multiple: true },
  'print-config': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function main(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const env = io.env ?? process.env;
  // Known before parsing, so that even errors in the other arguments are in the chosen language.
  const locale = sniffLocale(argv);
  const fail = (text: string): number => {
    io.stderr.write(`xxgk-lint: ${text}\n`);
    return EXIT_FAILURE;
  };
  try {
    const options = parseOptions(argv);
    if (options.help) {
      io.stdout.write(helpText(options.locale));
      return EXIT_OK;
    }
    if (options.version) {
      io.stdout.write(`${VERSION}\n`);
      return EXIT_OK;
    }
    return await run(options, io, env, deps);
  } catch (err) {
    if (err instanceof UsageError) {
      return fail(t(err.messageId, locale, err.data) + (err.seeHelp ? `\n${t('seeHelp', locale)}` : ''));
    }
    // config.ts is loaded lazily: its ConfigError is known by name.
    if (err instanceof Error && err.name === 'ConfigError') return fail(err.message);
    // A bug, not a user mistake: one line, the stack only on request.
    if (debugEnabled(env) && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return fail(`internal error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function run(options: CliOptions, io: CliIo, env: Readonly<Record<string, string | undefined>>, deps: CliDeps): Promise<number> {
  const { locale } = options;
  // One after the other: jest's ESM loader fails on concurrent imports of shared modules.
  const { builtinRules } = await import('../../../rules/index.ts');
  const { loadConfig, classifier } = await import('../../engine/config.ts');
  const { expandPaths, shardFiles } = await import('../../engine/files.ts');
  const rules = deps.rules ?? builtinRules;
  const loaded = await loadConfig({ cwd: io.cwd, configPath: options.config, rules, locale, allowCode: !options.noCode });
  const pluginRules = loaded.config.pluginRules ?? [];
  const allRules = pluginRules.length > 0 ? [...rules, ...pluginRules] : rules;
  const lintOptions = {
    locale,
    config: loaded.config,
    ...(options.reportUnusedDisable ? { reportUnusedDisable: true } : {}),
    // The html format draws the tables from each report's model.
    ...(needsModel(options.format) ? { keepModel: true } : {}),
  };
  const classify = classifier(loaded);
  // Which config applies is not always obvious (the search stops at the repository root).
  if (debugEnabled(env)) io.stderr.write(`xxgk-lint: config: ${loaded.filePath ?? '(none: defaults)'}\n`);
  if (options.printConfig !== undefined) {
    io.stdout.write(`${JSON.stringify(printableConfig(loaded, allRules), null, 2)}\n`);
    return EXIT_OK;
  }

  if (options.stdin) {
    const { lintDecoded } = await import('../../engine/lint-file.ts');
    const { lintText } = await import('../../engine/lint.ts');
    const lint = deps.lint ?? lintText;
    const linted = await lintStdin(options, io, (read, filePath) =>
      lintDecoded(read, filePath, { ...lintOptions, classify: classify(filePath) }, lint, options.fix),
    );
    const results = [linted.result];
    // --stdin --fix prints the fixed text (the input unchanged when nothing was fixed), so the
    // findings left go to stderr unless --output-file names a file.
    if (options.fix === 'write') {
      io.stdout.write(linted.text);
      if (linted.notice) io.stderr.write(`xxgk-lint: ${linted.notice}\n`);
      const { errorsOnly } = await import('../../engine/results.ts');
      const shownStdin = options.quiet ? results.map(errorsOnly) : results;
      const report = await formatResults(options.format, shownStdin, { locale, cwd: io.cwd, rules: allRules, color: false });
      if (options.outputFile !== undefined) await writeOutput(report, options.outputFile, io);
      // A workbook (xlsx) is written only to a file (-o): standard output holds the fixed text.
      else if (typeof report === 'string' && report) io.stderr.write(report.endsWith('\n') ? report : `${report}\n`);
      return exitCode(totalCounts(results), options, io, 0);
    }
    return finish(results, options, io, env, allRules, 0);
  }

  const expanded = await expandPaths(options.paths, {
    cwd: io.cwd,
    ignores: loaded.ignores,
    ignoresBase: loaded.baseDir,
    ...(loaded.extensions ? { extensions: loaded.extensions } : {}),
    ignorePatterns: options.ignorePatterns,
  });
  const { unmatched } = expanded;
  for (const miss of unmatched) io.stderr.write(`xxgk-lint: ${unmatchedMessage(miss, locale)}\n`);
  if (expanded.files.length === 0) {
    io.stderr.write(`xxgk-lint: ${t('noFiles', locale)}\n`);
    return EXIT_FAILURE;
  }
  // A shard may well be empty (few files, many shards): that is not an error.
  const files = options.shard ? shardFiles(expanded.files, io.cwd, options.shard) : expanded.files;

  if (options.fix !== undefined) {
    // Fixing rewrites each file in turn: the per-file rules run, the cross-report rules do not.
    const { lintFileFixing } = await import('../../engine/lint-file.ts');
    const { lintText } = await import('../../engine/lint.ts');
    const lint = deps.lint ?? lintText;
    const results: LintResult[] = [];
    let writeFailures = 0;
    for (const file of files) {
      const linted = await lintFileFixing(file, { ...lintOptions, classify: classify(file) }, lint, options.fix);
      if (options.fix === 'write') {
        if (linted.unwritable)
          io.stderr.write(
            `xxgk-lint: ${t('fixEncodingNotWritable', locale, { file: relativeName(file, io.cwd), encoding: linted.unwritable.toUpperCase() })}\n`,
          );
        if (linted.bytes && !(await writeFixed(file, linted.bytes, io, locale))) writeFailures++;
      }
      results.push(linted.result);
    }
    return finish(results, options, io, env, allRules, unmatched.length + writeFailures);
  }

  // Phase one per file (read, model, per-file rules), in workers or here, from the cache when the
  // file is unchanged; then the cross-report rules over every report of the run (finishRun).
  let cache: ResultCache | undefined;
  const hashes: Array<string | undefined> = [];
  const outcomes: Array<PhaseOne | undefined> = new Array<PhaseOne | undefined>(files.length);
  const pending: Array<{ index: number; file: string }> = [];
  // A long run moves each report's packed digest to a temporary file as it comes (packed.ts).
  const spool = files.length >= SPOOL_FROM ? (await import('../../engine/packed.ts')).DigestSpool.open() : undefined;
  const spillDigest = (o: PhaseOne): PhaseOne =>
    spool && o.analysis?.digest ? { ...o, analysis: { ...o.analysis, digest: spool.spill(o.analysis.digest) } } : o;
  // The models the formats that draw or export the tables need go there too, read back (once,
  // as each result is finished and written) through a getter: thousands of reports are never all held.
  const spilled = (o: PhaseOne): PhaseOne => {
    const out = spillDigest(o);
    const model = out.analysis?.model;
    const at = spool && model ? spool.spillBytes(Buffer.from(JSON.stringify(model), 'utf8')) : undefined;
    if (!spool || !at || !out.analysis) return out;
    const analysis = { ...out.analysis };
    Object.defineProperty(analysis, 'model', { enumerable: true, get: () => JSON.parse(spool.read(at).toString('utf8')) as unknown });
    return { ...out, analysis };
  };
  if (options.cache) {
    const { ResultCache, cacheKey, contentHash, DEFAULT_CACHE_FILE } = await import('../../engine/cache.ts');
    const key = cacheKey({ config: loaded.config, rules: allRules, locale, reportUnusedDisable: options.reportUnusedDisable });
    const location = path.resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE_FILE);
    cache = await ResultCache.open(location, key, io.cwd);
    if (cache.corrupt) io.stderr.write(`${t('cacheCorrupt', locale, { file: cache.location })}\n`);
    // Several files read at once: a warm run is mostly waiting for the disk.
    const hashOf = async (file: string): Promise<string | undefined> => {
      try {
        return contentHash(await readFile(file));
      } catch {
        return undefined; // Unreadable: reading the file reports why.
      }
    };
    for (let start = 0; start < files.length; start += HASH_BATCH) {
      const batch = files.slice(start, start + HASH_BATCH);
      const batchHashes = await Promise.all(batch.map(hashOf));
      for (const [offset, file] of batch.entries()) {
        const index = start + offset;
        const hash = batchHashes[offset];
        hashes[index] = hash;
        const hit = hash === undefined ? undefined : cache.get(file, hash);
        if (hit) outcomes[index] = spilled(hit);
        else pending.push({ index, file });
      }
    }
  } else {
    for (const [index, file] of files.entries()) pending.push({ index, file });
  }

  const progress = Progress.when(files.length, options.format, options.outputFile, io, env);
  progress?.advance(files.length - pending.length);
  const record = (index: number, outcome: PhaseOne): void => {
    const hash = hashes[index];
    if (cache && hash !== undefined) cache.set(files[index] ?? '', hash, outcome);
    outcomes[index] = spilled(outcome);
    progress?.advance(1);
  };

  const threads = workerThreads(options, pending.length, deps, await totalSize(pending, AUTO_IN_PROCESS_BYTES));
  const workerUrl = threads > 0 ? (deps.workerUrl ?? (await import('../../engine/pool.ts')).findWorkerUrl()) : undefined;
  try {
    if (workerUrl) {
      const { lintInWorkers } = await import('../../engine/pool.ts');
      const setup = {
        cwd: io.cwd,
        configPath: loaded.filePath,
        allowCode: !options.noCode,
        locale,
        reportUnusedDisable: options.reportUnusedDisable,
        keepModel: needsModel(options.format),
      };
      await lintInWorkers(pending, { workerUrl, threads, timeoutMs: options.fileTimeoutMs, setup }, record);
    } else if (deps.lint) {
      // An injected engine (tests) lints each file whole: no cross-report phase to run.
      const { lintFile } = await import('../../engine/lint-file.ts');
      for (const { index, file } of pending) record(index, { result: await lintFile(file, { ...lintOptions, classify: classify(file) }, deps.lint) });
    } else {
      const { analyzeFile } = await import('../../engine/lint-file.ts');
      for (const { index, file } of pending) record(index, await analyzeFile(file, { ...lintOptions, classify: classify(file) }));
    }
  } finally {
    progress?.done();
  }
  if (cache) {
    try {
      await cache.save();
    } catch (err) {
      const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
      io.stderr.write(`${t('cacheWriteFailed', locale, { file: cache.location, detail })}\n`);
    }
  }
  // The cache holds every outcome: let it go before the results are made, one at a time.
  cache = undefined;
  const { finishEach } = await import('../../engine/lint-file.ts');
  try {
    return await finish(finishEach(outcomes, [], lintOptions), options, io, env, allRules, unmatched.length);
  } finally {
    spool?.close();
  }
}

/**
 * How many worker processes lint the `count` files to lint; 0 = this thread. Workers are needed
 * for the per-file time and memory budgets (a worker stuck in the parser, or one whose tree grows
 * to gigabytes, can only be stopped from outside), so `auto` uses one for a few files unless they
 * are small (AUTO_IN_PROCESS_BYTES), and one per core from AUTO_WORKERS_FROM files on.
 * Tests that replace the rules or the engine (CliDeps) lint in this thread.
 */
function workerThreads(options: CliOptions, count: number, deps: CliDeps, bytes: number): number {
  if (count === 0 || options.concurrency === 'off' || deps.rules || deps.lint) return 0;
  if (typeof options.concurrency === 'number') return options.concurrency;
  if (count >= AUTO_WORKERS_FROM) return Math.max(1, availableCores());
  // A pull request's few reports: starting a worker would cost more than linting them, and text
  // this short cannot run into the budgets (the size limits of budget.ts refuse what parses badly).
  return bytes <= AUTO_IN_PROCESS_BYTES && !options.fileTimeoutSet ? 0 : 1;
}

/** The size of the files in bytes, counted up to `limit` (a file that cannot be read counts 0). */
async function totalSize(files: ReadonlyArray<{ file: string }>, limit: number): Promise<number> {
  if (files.length >= AUTO_WORKERS_FROM) return Infinity;
  let total = 0;
  for (const { file } of files) {
    total += (await stat(file).catch(() => undefined))?.size ?? 0;
    if (total > limit) break;
  }
  return total;
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Prints the results and returns the exit code. `otherProblems` counts unmatched paths and failed
 * writes. Formats that can (stylish, json, github) are written file by file as `results` yields
 * them, so that a long run never holds every result nor the whole output.
 */
async function finish(
  results: Iterable<LintResult>,
  options: CliOptions,
  io: CliIo,
  env: Readonly<Record<string, string | undefined>>,
  allRules: readonly Rule[],
  otherProblems: number,
): Promise<number> {
  const color = options.outputFile === undefined && (options.color ?? useColor(io, env));
  const context = { locale: options.locale, cwd: io.cwd, rules: allRules, color, verbose: options.verbose };
  // As ESLint does, warnings count towards --max-warnings even when --quiet hides them.
  const counts: ProblemCounts = { errorCount: 0, warningCount: 0, fatalErrorCount: 0 };
  const crashed: Diagnostic[] = [];
  const seen = (result: LintResult): LintResult => {
    addProblems(counts, result);
    for (const m of result.messages) if (m.messageId === 'ruleError') crashed.push(m);
    return options.quiet ? errorsOnly(result) : result;
  };
  const stream = isStreamingFormat(options.format) ? streamingFormatters[options.format](context) : undefined;
  if (stream) {
    const sink = await openOutput(options.outputFile, io);
    try {
      for (const result of results) await sink.write(await stream.file(seen(result)));
      await sink.write(await stream.end());
      await sink.close();
    } catch (err) {
      await sink.abort();
      throw err;
    }
  } else {
    const shown = Array.from(results, seen);
    await writeOutput(await formatResults(options.format, shown, context), options.outputFile, io);
  }
  // A rule that threw is a bug (ours or a plugin's), not a finding: exit 2, as ESLint does.
  if (crashed.length > 0) {
    const { ruleErrorOf } = await import('../../engine/lint.ts');
    for (const m of crashed) {
      const error = ruleErrorOf(m);
      if (debugEnabled(env) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    }
    const names = [...new Set(crashed.map((m) => m.ruleId))].join(', ');
    io.stderr.write(`xxgk-lint: ${t('ruleCrashed', options.locale, { rules: names })}\n`);
    return EXIT_FAILURE;
  }
  return exitCode(counts, options, io, otherProblems);
}

function exitCode(counts: ProblemCounts, options: CliOptions, io: CliIo, otherProblems: number): number {
  const tooManyWarnings = options.maxWarnings !== undefined && counts.warningCount > options.maxWarnings;
  if (tooManyWarnings) io.stderr.write(`${t('tooManyWarnings', options.locale, { max: options.maxWarnings ?? 0 })}\n`);
  return counts.errorCount > 0 || tooManyWarnings || otherProblems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

const relativeName = (file: string, cwd: string): string => {
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
};

async function writeFixed(file: string, bytes: Uint8Array, io: CliIo, locale: Locale): Promise<boolean> {
  try {
    await writeFile(file, bytes);
    return true;
  } catch (err) {
    const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
    io.stderr.write(`xxgk-lint: ${t('fixWriteFailed', locale, { file: relativeName(file, io.cwd), detail })}\n`);
    return false;
  }
}

interface StdinLinted {
  result: LintResult;
  /** What `--stdin --fix` prints: the fixed text in the input's encoding, else the input as it came. */
  text: string | Uint8Array;
  /** Why fixes were not applied (an encoding --fix cannot write). */
  notice?: string;
}

/**
 * Lints standard input: its bytes are decoded as a file's are (BOM, UTF-16, GB18030). The result
 * is named by --stdin-filename (resolved against the working folder), else `<stdin>`.
 */
async function lintStdin(
  options: CliOptions,
  io: CliIo,
  lintRead: (read: { text: string; encoding: Encoding; bom?: true }, filePath: string) => LintedSource,
): Promise<StdinLinted> {
  const filePath = options.stdinFilename === undefined ? '<stdin>' : path.resolve(io.cwd, options.stdinFilename);
  let bytes: Uint8Array;
  try {
    bytes = await readAll(io.stdin ?? process.stdin, MAX_FILE_BYTES);
  } catch (err) {
    if (err instanceof FileTooLarge) return { result: fatalResult(filePath, tooLargeError(err.size), options.locale), text: '' };
    const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
    throw new UsageError('stdinUnreadable', { detail }, false);
  }
  const decoded = decodeBuffer(bytes);
  if ('error' in decoded) return { result: fatalResult(filePath, fileError(decoded.error), options.locale), text: bytes };
  const linted = lintRead(decoded, filePath);
  const notice = linted.unwritable
    ? t('fixEncodingNotWritable', options.locale, { file: options.stdinFilename ?? '<stdin>', encoding: linted.unwritable.toUpperCase() })
    : undefined;
  let text: string | Uint8Array = bytes;
  if (linted.bytes) text = decoded.encoding === 'utf-8' ? Buffer.from(linted.bytes).toString('utf8') : linted.bytes;
  return { result: linted.result, text, ...(notice ? { notice } : {}) };
}

class FileTooLarge extends Error {
  constructor(readonly size: number) {
    super('too large');
  }
}

function tooLargeError(size: number): FileError {
  const mb = (n: number): string => String(Math.round((n / (1024 * 1024)) * 10) / 10);
  return fileError('tooLarge', { size: mb(size), limit: mb(MAX_FILE_BYTES) });
}

async function readAll(stream: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += buf.length;
    if (size > maxBytes) throw new FileTooLarge(size);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** What --print-config shows: the config file used and every rule's severity and options. */
function printableConfig(
  loaded: { filePath: string | undefined; ignores: string[]; config: { rules: Record<string, { severity: number; options: unknown }> } },
  rules: readonly Rule[],
) {
  const names = ['off', 'warn', 'error'] as const;
  const entries = rules
    .map((rule) => rule.meta.id)
    .sort()
    .map((id) => {
      const setting = loaded.config.rules[id];
      const severity = names[setting?.severity ?? 0] ?? 'off';
      const options = setting?.options;
      const hasOptions = typeof options === 'object' && options !== null && Object.keys(options).length > 0;
      return [id, hasOptions ? [severity, options] : severity] as const;
    });
  return { configFile: loaded.filePath ?? null, ignores: loaded.ignores, rules: Object.fromEntries(entries) };
}

async function writeOutput(output: OutputChunk, outputFile: string | undefined, io: CliIo): Promise<void> {
  const sink = await openOutput(outputFile, io);
  try {
    await sink.write(output);
    await sink.close();
  } catch (err) {
    await sink.abort();
    throw err;
  }
}

/** Where the output goes, written piece by piece: standard output, or a file replaced at the end. */
interface OutputSink {
  write(chunk: OutputChunk): Promise<void>;
  /** Ends the output with a newline (when there is any) and, for a file, puts it in place. */
  close(): Promise<void>;
  /** Gives up: a file being written is removed, an earlier complete one stays as it was. */
  abort(): Promise<void>;
}

/** Pieces are gathered to this many characters before they are written. */
const OUTPUT_CHUNK = 1 << 16;

async function openOutput(outputFile: string | undefined, io: CliIo): Promise<OutputSink> {
  let pending: string[] = [];
  let size = 0;
  let last = '';
  let flush: (chunk: OutputChunk) => Promise<void>;
  let finish = async (): Promise<void> => undefined;
  let abort = async (): Promise<void> => undefined;
  if (outputFile === undefined) {
    const stdout = io.stdout as CliIo['stdout'] & { once?: (event: 'drain', listener: () => void) => unknown };
    flush = async (text) => {
      // A pipe that is full says so: wait for it to drain rather than buffer the whole output.
      if (stdout.write(text) === false && typeof stdout.once === 'function') await new Promise<void>((resolve) => stdout.once?.('drain', resolve));
    };
  } else {
    const target = path.resolve(io.cwd, outputFile);
    const failed = (err: unknown): UsageError => {
      const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
      return new UsageError('outputWriteFailed', { file: outputFile, detail }, false);
    };
    // Written next to the target, then renamed over it: a failed write (a full disk) leaves no
    // truncated file behind, and an earlier complete one stays as it was. A device or a pipe
    // (/dev/stdout, a FIFO) is written to, never replaced.
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
    let handle: FileHandle;
    let direct = false;
    try {
      await mkdir(path.dirname(target), { recursive: true });
      const existing = await stat(target).catch(() => undefined);
      direct = existing !== undefined && !existing.isFile() && !existing.isDirectory();
      handle = await open(direct ? target : temporary, 'w');
    } catch (err) {
      throw failed(err);
    }
    flush = async (text) => {
      try {
        await handle.writeFile(text);
      } catch (err) {
        throw failed(err);
      }
    };
    finish = async () => {
      try {
        await handle.close();
        if (!direct) await rename(temporary, target);
      } catch (err) {
        if (!direct) await rm(temporary, { force: true }).catch(() => undefined);
        throw failed(err);
      }
    };
    abort = async () => {
      await handle.close().catch(() => undefined);
      if (!direct) await rm(temporary, { force: true }).catch(() => undefined);
    };
  }
  const drain = async (): Promise<void> => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    await flush(text);
  };
  return {
    write: async (text) => {
      if (typeof text !== 'string') {
        // Bytes (xlsx) go out as they are, after the text gathered so far, and get no newline.
        if (text.length === 0) return;
        await drain();
        last = '\n';
        await flush(text);
        return;
      }
      if (text === '') return;
      pending.push(text);
      size += text.length;
      last = text;
      if (size >= OUTPUT_CHUNK) await drain();
    },
    close: async () => {
      if (last !== '' && !last.endsWith('\n')) pending.push('\n');
      await drain();
      await finish();
    },
    abort: async () => {
      pending = [];
      await abort();
    },
  };
}

function unmatchedMessage(miss: Unmatched, locale: Locale): string {
  const ids: Record<Unmatched['reason'], MessageId> = {
    emptyFolder: 'noMatchInFolder',
    allIgnored: 'allIgnored',
    noMatch: 'noMatch',
    unreadable: 'folderUnreadable',
  };
  const id = ids[miss.reason];
  return t(id, locale, { pattern: miss.pattern });
}

/** DEBUG=xxgk-lint (or a list containing it, or *), as the `debug` package reads it. */
function debugEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const names = (env.DEBUG ?? '').split(/[\s,]+/);
  return names.includes('xxgk-lint') || names.includes('*');
}

/** https://no-color.org; FORCE_COLOR for CI logs that render colours without being a TTY. */
function useColor(io: CliIo, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return io.stdout.isTTY === true;
}

function parseOptions(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (err) {
    throw argumentError(err);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) {
    throw new UsageError('badChoice', { option: '--format', value: format, allowed: FORMAT_NAMES.join(', ') });
  }
  const locale = values.locale === undefined ? 'zh-CN' : parseLocale(values.locale);
  if (locale === undefined) {
    throw new UsageError('badChoice', { option: '--locale', value: values.locale ?? '', allowed: 'zh-CN, zh, en' });
  }
  if (values.fix && values['fix-dry-run']) throw new UsageError('fixAndDryRun');
  // `xxgk-lint -` reads standard input, as `--stdin` does.
  const stdin = (values.stdin ?? false) || positionals.includes('-');
  const paths = positionals.filter((p) => p !== '-');
  if (stdin && paths.length > 0) throw new UsageError('stdinWithPaths', { paths: paths.join(' ') });
  if (!stdin && values['stdin-filename'] !== undefined) throw new UsageError('stdinFilenameWithoutStdin');
  return {
    paths,
    fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined,
    stdin,
    stdinFilename: values['stdin-filename'],
    verbose: values.verbose ?? false,
    format,
    locale,
    quiet: values.quiet ?? false,
    maxWarnings: values['max-warnings'] === undefined ? undefined : parseCount('--max-warnings', values['max-warnings']),
    config: values.config,
    outputFile: values['output-file'],
    noCode: values['no-code'] ?? false,
    reportUnusedDisable: values['report-unused-disable'] ?? false,
    concurrency: values.concurrency === undefined ? 'auto' : parseConcurrency(values.concurrency),
    fileTimeoutSet: values['file-timeout'] !== undefined,
    fileTimeoutMs: values['file-timeout'] === undefined ? DEFAULT_FILE_TIMEOUT_SECONDS * 1000 : parseSeconds('--file-timeout', values['file-timeout']) * 1000,
    cache: values.cache ?? false,
    cacheLocation: values['cache-location'],
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    ignorePatterns: values['ignore-pattern'] ?? [],
    printConfig: values['print-config'],
    // The later of the two wins, as with any repeated flag.
    color: lastFlag(argv, '--color', '--no-color'),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/** Translates node:util's argument errors into ours (its messages are English only). */
function argumentError(err: unknown): UsageError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  const message = err instanceof Error ? err.message : String(err);
  // node quotes the option as "'-f, --format <value>'"; the long name is what users type.
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError('unknownOption', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && message.includes('argument missing')) {
    return new UsageError('missingValue', { option });
  }
  return new UsageError('badOption', { detail: message });
}

function lastFlag(argv: readonly string[], on: string, off: string): boolean | undefined {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  const i = Math.max(args.lastIndexOf(on), args.lastIndexOf(off));
  return i < 0 ? undefined : args[i] === on;
}

function parseCount(option: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError('badNumber', { option, value });
  return Number(value);
}

function parseConcurrency(value: string): 'off' | 'auto' | number {
  const lower = value.trim().toLowerCase();
  if (lower === 'off' || lower === 'auto') return lower;
  if (/^\d+$/.test(lower) && Number(lower) >= 1) return Number(lower);
  throw new UsageError('badConcurrency', { value });
}

/** Seconds, fractions allowed; 0 turns the budget off. */
function parseSeconds(option: string, value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value.trim())) throw new UsageError('badNumber', { option, value });
  return Number(value);
}

function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count) throw new UsageError('badShard', { value });
  return { index, count };
}

function parseLocale(value: string): Locale | undefined {
  const lower = value.toLowerCase();
  if (lower === 'zh' || lower === 'zh-cn') return 'zh-CN';
  if (lower === 'en') return 'en';
  return undefined;
}

/** The --locale value, found without a full parse (which may be what fails). */
function sniffLocale(argv: readonly string[]): Locale {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg === '--locale') value = argv[i + 1];
    else if (arg.startsWith('--locale=')) value = arg.slice('--locale='.length);
  }
  return (value !== undefined && parseLocale(value)) || 'zh-CN';
}

export function helpText(locale: Locale): string {
  return locale === 'en' ? HELP_EN : HELP_ZH;
}

const HELP_ZH = `用法：xxgk-lint [选项] [文件、文件夹或通配符 ...]

检查以 Markdown 编写的政府信息公开工作年度报告。
不指定路径时，检查当前文件夹（含子文件夹）中的所有 .md 文件；
跳过 node_modules、.git 以及 .gitignore 和配置中 ignores 排除的文件。
明确指定的文件总会被检查（例如 .txt 文件）。

选项：
  -f, --format <格式>         输出格式：stylish（默认）、json、sarif、github、summary、html、
                              csv、xlsx、json-archive（summary：按机关和年份汇总各规则的错误和警告
                              数；html：可在浏览器中打开的网页，标出表格中有问题的单元格，多份报告
                              时附机关×年度概览；csv/xlsx：三张表的全部数据；json-archive：json
                              另附各报告的表格数据和逐年对比）
      --locale <语言>         消息语言：zh-CN（默认，也可写 zh）、en
  -q, --quiet                 只显示错误，不显示警告
      --max-warnings <数量>   警告数超过该数量时以退出码 1 结束
  -c, --config <文件>         使用指定的配置文件（默认从当前文件夹向上查找
                              xxgk-lint.config.js、xxgk-lint.config.mjs、.xxgk-lint.json、
                              .xxgk-lint.jsonc 或含“xxgk-lint”键的 package.json，到仓库根目录
                              （含 .git 的文件夹）为止；DEBUG=xxgk-lint 显示所用配置）
      --no-code               不执行任何代码：拒绝 JavaScript 配置文件、插件和规则文件
                              （用于检查不受信任的代码）
      --report-unused-disable 报告没有屏蔽任何问题的 xxgk-lint-disable 注释
      --fix                   自动修复确定无误的问题并写回文件（保留原编码和换行符；
                              GB18030 文件不改写）；只报告修复后仍存在的问题
      --fix-dry-run           计算修复但不写回文件；json 格式的 output 字段给出修复后的文本
      --stdin                 从标准输入读取报告（也可写作路径 -）；与 --fix 一起使用时，
                              把修复后的全文输出到标准输出，问题输出到标准错误
      --stdin-filename <文件> 标准输入的文件名（用于结果中的路径）
      --verbose               列出因看起来不是年度报告而未检查的文件
      --concurrency <值>      检查所用的工作进程数：auto（默认：文件多于 32 个时用满所有核心，
                              少量小文件在主进程中检查）、
                              off（在主进程中检查，不设单个文件的时限）或正整数
      --file-timeout <秒>     单个文件的检查时限（默认 10 秒，0 表示不限）；超时的文件报告为
                              该文件的错误，其余文件照常检查
      --cache                 只检查上次检查后有改动的文件（配置、规则或版本变化时全部重查）
      --cache-location <路径> 缓存文件或文件夹（默认 .xxgk-lint-cache）
      --shard <序号/总数>     只检查按路径稳定划分的一部分文件（如 2/4），供 CI 矩阵并行
      --ignore-pattern <模式> 不检查匹配的文件（.gitignore 语法，可重复；
                              也可在路径参数前加 ! 排除，如 '!drafts/**'）
      --print-config <文件>   显示检查该文件时使用的配置（JSON），不做检查
      --color, --no-color     强制使用或不使用颜色（默认：终端中使用，遵循 NO_COLOR）
  -o, --output-file <文件>    把结果写入文件，而不是输出到终端
  -v, --version               显示版本号
  -h, --help                  显示本帮助

退出码：
  0  没有错误，警告数未超过 --max-warnings
  1  发现错误或警告过多；或有文件为空、不是文本、编码无法识别、无法读取，
     或有路径找不到匹配的文件（其余文件照常检查）
  2  命令行参数错误、配置文件错误（包括 --no-code 拒绝的配置）、没有任何可检查的文件，
     规则运行出错（设置 DEBUG=xxgk-lint 显示调用栈）或内部错误
`;

const HELP_EN = `Usage: xxgk-lint [options] [files, folders or globs ...]

Lints government information-disclosure annual reports written in Markdown.
Without paths, lints every .md file in the current folder and its subfolders,
skipping node_modules, .git and files excluded by .gitignore or the config's ignores.
A file named explicitly is always linted (a .txt file, for example).

Options:
  -f, --format <format>       Output format: stylish (default), json, sarif, github,
                              summary (errors and warnings by rule, per agency and year), html
                              (a page to open in a browser, with the wrong table cells marked;
                              for many reports an agencies × years overview), csv, xlsx (every
                              cell of the three tables), json-archive (json with each report's
                              table data and year-against-year comparisons)
      --locale <locale>       Message language: zh-CN (default, or zh), en
  -q, --quiet                 Report errors only, not warnings
      --max-warnings <count>  Exit with code 1 when there are more warnings than this
  -c, --config <file>         Use this config file (default: the nearest
                              xxgk-lint.config.js, xxgk-lint.config.mjs, .xxgk-lint.json,
                              .xxgk-lint.jsonc or package.json with an "xxgk-lint" key in
                              the current folder or above, up to the repository root (the
                              folder with .git); DEBUG=xxgk-lint prints the one used)
      --no-code               Run no code: refuse JavaScript configs, plugins and rule
                              files (for untrusted checkouts)
      --report-unused-disable Report xxgk-lint-disable comments that suppress nothing
      --fix                   Fix the problems that have a certain fix, writing the files
                              back (same encoding and line endings; GB18030 files are not
                              rewritten); report only what is left
      --fix-dry-run           Compute the fixes without writing; the json format's
                              output field holds the fixed text
      --stdin                 Lint standard input (or give the path -); with --fix, print
                              the fixed text to stdout and the findings to stderr
      --stdin-filename <file> The name of the standard input (the path in the results)
      --verbose               Name the files skipped because they do not look like reports
      --concurrency <n>       Worker processes: auto (default: every core from 32 files on;
                              a few small files are linted in the main process),
                              off (lint in the main process, no per-file time limit) or a number
      --file-timeout <s>      Time limit per file in seconds (default 10, 0 = none); a file
                              that exceeds it is reported as that file's error, the rest go on
      --cache                 Lint only files changed since the last run (a change of config,
                              rules or version relints everything)
      --cache-location <path> The cache file or folder (default .xxgk-lint-cache)
      --shard <i/n>           Lint a stable i-th of n parts of the files (e.g. 2/4), for CI
                              matrices
      --ignore-pattern <pat>  Do not lint matching files (gitignore syntax, repeatable;
                              or exclude with a ! argument, e.g. '!drafts/**')
      --print-config <file>   Print the configuration used for this file (JSON); lint nothing
      --color, --no-color     Force colours on or off (default: on in a terminal; NO_COLOR)
  -o, --output-file <file>    Write the results to a file instead of the terminal
  -v, --version               Print the version
  -h, --help                  Print this help

Exit codes:
  0  no errors, and no more warnings than --max-warnings
  1  errors or too many warnings; or a file that is empty, not text, in an unknown
     encoding or unreadable, or a path that matched no files (other files are still linted)
  2  invalid arguments, an invalid config file (or one --no-code refuses), no files to
     lint, a rule that threw (DEBUG=xxgk-lint shows its stack), or an internal error
`;
