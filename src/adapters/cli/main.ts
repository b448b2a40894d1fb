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
import path from 'node:path';
// Only what every run needs is imported up front; the engine, the rules and the parser are loaded
// when a run needs them (`--version` and `--help` load none of it; a run in worker processes never
// loads the parser in the main process).
import type { Unmatched } from '../../engine/files.ts';
import { formatResults, isStreamingFormat, loadStreaming, needsModel } from '../formatters/load.ts';
import { fileError, MAX_FILE_BYTES } from '../../engine/decode.ts';
import { addProblems, errorsOnly, fatalResult, totalCounts, type ProblemCounts } from '../../engine/results.ts';
import { tc as t, type CliMessageId as MessageId } from './messages.ts';
import type { FileError } from '../../engine/decode.ts';
import type { Rule } from '../../rule.ts';
import type { Diagnostic, LintResult, Locale } from '../../types.ts';
import { VERSION } from '../../engine/version.ts';
import { Progress } from './progress.ts';
import { helpText } from './help.ts';
import { configLookup, customReport, ignoredResult, loadCustomFormatter, withFirst } from './eslint10.ts';
import { printableConfig } from './print-config.ts';
import { parseOptions, sniffLocale, UsageError, type CliOptions } from './options.ts';
import { openOutput, writeOutput } from './output.ts';
import { suppressionsRun } from './suppress.ts';
import { mayLintInThread, startEarly } from './early-thread.ts';
import type { RunOptions } from '../../engine/run.ts';

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
  /** The worker entry (default: dist/worker.js next to the built CLI; none when run from source). */
  workerUrl?: URL;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_FAILURE = 2;

export { helpText } from './help.ts';

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
    if (options.customFormatter) options.customFormatter.format = await loadCustomFormatter(options.customFormatter.path, io.cwd, !options.noCode);
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
  // The worker thread of a small run loads the engine while this thread loads the rest.
  if (mayLintInThread(options, deps)) await startEarly(options, io.cwd, deps);
  // One after the other: jest's ESM loader fails on concurrent imports of shared modules.
  const { builtinRules } = await import('../../../rules/index.ts');
  const { loadConfig, searchSettings } = await import('../../engine/config.ts');
  const { expandPaths } = await import('../../engine/files.ts');
  const { lintFiles } = await import('../../engine/run.ts');
  const rules = deps.rules ?? builtinRules;
  const loaded = await loadConfig({ cwd: io.cwd, configPath: options.config, rules, locale, allowCode: !options.noCode, ...configLookup(options) });
  const pluginRules = loaded.config.pluginRules ?? [];
  const allRules = pluginRules.length > 0 ? [...rules, ...pluginRules] : rules;
  // Which config applies is not always obvious (the search stops at the repository root).
  if (debugEnabled(env)) io.stderr.write(`xxgk-lint: config: ${loaded.filePath ?? '(none: defaults)'}\n`);
  if (options.printConfig !== undefined) {
    // The settings of that file (its folder's config files and the overrides that match it).
    const own = loaded.cascade && options.printConfig ? await loaded.cascade.forFile(path.resolve(io.cwd, options.printConfig)) : loaded;
    io.stdout.write(`${JSON.stringify(printableConfig(own, [...rules, ...(own.config.pluginRules ?? [])]), null, 2)}\n`);
    return EXIT_OK;
  }
  let writeFailures = 0;
  const runOptions: RunOptions = {
    locale,
    loaded,
    cwd: io.cwd,
    allowCode: !options.noCode,
    ...(deps.rules ? { rules: deps.rules } : {}),
    ...(deps.workerUrl ? { workerUrl: deps.workerUrl } : {}),
    reportUnusedDisable: options.reportUnusedDisable || loaded.reportUnusedDisable === true,
    // The html format draws the tables from each report's model.
    keepModel: needsModel(options.format),
    concurrency: options.concurrency,
    fileTimeoutMs: options.fileTimeoutMs,
    ...(options.fix ? { fix: options.fix } : {}),
    ...(options.cache ? { cache: options.cacheLocation ?? '' } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
    onNote: (text) => io.stderr.write(`${text}\n`),
  };

  if (options.stdin) return lintStdin(options, io, env, allRules, runOptions);

  const expanded = await expandPaths(options.paths, {
    cwd: io.cwd,
    ...searchSettings(loaded),
    ignorePatterns: options.ignorePatterns,
    noIgnore: options.noIgnore,
  });
  const { unmatched, files } = expanded;
  for (const miss of unmatched) io.stderr.write(`xxgk-lint: ${unmatchedMessage(miss, locale)}\n`);
  // Issue 21 item 1: named files that the ignores exclude are skipped with a warning, as ESLint does.
  const ignoredResults = expanded.ignored.map((file) => ignoredResult(file, locale));
  for (const file of expanded.ignored) io.stderr.write(`xxgk-lint: ${relativeName(file, io.cwd)}: ${t('fileIgnored', locale)}\n`);
  if (files.length === 0 && ignoredResults.length > 0) return finish(ignoredResults, options, io, env, allRules, () => unmatched.length);
  if (files.length === 0) {
    io.stderr.write(`xxgk-lint: ${t('noFiles', locale)}\n`);
    return EXIT_FAILURE;
  }
  if (options.fix === 'write') {
    runOptions.onFixed = async (file, fixed) => {
      if (fixed.unwritable) {
        const data = { file: relativeName(file, io.cwd), encoding: fixed.unwritable.toUpperCase() };
        io.stderr.write(`xxgk-lint: ${t('fixEncodingNotWritable', locale, data)}\n`);
      }
      if (fixed.bytes && !(await writeFixed(file, fixed.bytes, io, locale, fixed.readHash))) writeFailures++;
    };
  }
  const progress = options.fix ? undefined : Progress.when(files.length, options.format, options.outputFile, io, env);
  if (progress) runOptions.onProgress = (count) => progress.advance(count);
  // Bulk suppressions (issue 21 item 3): recorded, applied and pruned as the results come.
  const suppressions = await suppressionsRun(options, io);
  const results = suppressions.wrap(lintFiles(files, runOptions));
  try {
    // The progress line ends when the first result is given: the output follows.
    const code = await finish(
      afterFirst(withFirst(ignoredResults, results), () => progress?.done()),
      options,
      io,
      env,
      allRules,
      () => unmatched.length + writeFailures + suppressions.failures(),
    );
    return code === EXIT_FAILURE ? code : suppressions.exitCode(code);
  } finally {
    progress?.done();
  }
}

/** The results as they come, with `first()` called once before the first one (or at the end). */
async function* afterFirst<T>(items: AsyncIterable<T>, first: () => void): AsyncGenerator<T, void, undefined> {
  let called = false;
  for await (const item of items) {
    if (!called) {
      called = true;
      first();
    }
    yield item;
  }
  if (!called) first();
}

/**
 * Prints the results and returns the exit code. `otherProblems` counts unmatched paths and failed
 * writes. Formats that can (stylish, json, github) are written file by file as `results` yields
 * them, so that a long run never holds every result nor the whole output.
 */
async function finish(
  results: AsyncIterable<LintResult> | Iterable<LintResult>,
  options: CliOptions,
  io: CliIo,
  env: Readonly<Record<string, string | undefined>>,
  allRules: readonly Rule[],
  /** Counted once the results are out (failed writes happen as they come). */
  otherProblems: () => number,
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
  const custom = options.customFormatter;
  const stream = isStreamingFormat(options.format) && !custom ? (await loadStreaming(options.format))(context) : undefined;
  if (stream) {
    const sink = await openOutput(options.outputFile, io);
    try {
      for await (const result of results) await sink.write(await stream.file(seen(result)));
      await sink.write(await stream.end());
      await sink.close();
    } catch (err) {
      await sink.abort();
      throw err;
    }
  } else {
    const shown: LintResult[] = [];
    for await (const result of results) shown.push(seen(result));
    const report = custom?.format ? await customReport(custom.path, custom.format, shown, context) : await formatResults(options.format, shown, context);
    await writeOutput(report, options.outputFile, io);
  }
  // A rule that threw is a bug (ours or a plugin's), not a finding: exit 2, as ESLint does.
  if (crashed.length > 0) {
    const { ruleErrorOf } = await import('../../engine/report.ts');
    for (const m of crashed) {
      const error = ruleErrorOf(m);
      if (debugEnabled(env) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    }
    const names = [...new Set(crashed.map((m) => m.ruleId))].join(', ');
    io.stderr.write(`xxgk-lint: ${t('ruleCrashed', options.locale, { rules: names })}\n`);
    return EXIT_FAILURE;
  }
  return exitCode(counts, options, io, otherProblems());
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

async function writeFixed(file: string, bytes: Uint8Array, io: CliIo, locale: Locale, readHash?: string): Promise<boolean> {
  try {
    await (await import('../../engine/write.ts')).writeFileIfUnchanged(file, bytes, readHash, locale);
    return true;
  } catch (err) {
    const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
    io.stderr.write(`xxgk-lint: ${t('fixWriteFailed', locale, { file: relativeName(file, io.cwd), detail })}\n`);
    return false;
  }
}

/**
 * Lints standard input: its bytes are decoded as a file's are (BOM, UTF-16, GB18030), in a worker
 * under the same budgets as a file. The result is named by --stdin-filename (resolved against the
 * working folder), else `<stdin>`. With --fix, the fixed text (the input unchanged when nothing was
 * fixed) goes to standard output and the findings left to standard error, unless --output-file.
 */
async function lintStdin(
  options: CliOptions,
  io: CliIo,
  env: Readonly<Record<string, string | undefined>>,
  allRules: readonly Rule[],
  runOptions: RunOptions,
): Promise<number> {
  const filePath = options.stdinFilename === undefined ? '<stdin>' : path.resolve(io.cwd, options.stdinFilename);
  const { locale } = options;
  let bytes: Uint8Array;
  try {
    bytes = await readAll(io.stdin ?? process.stdin, MAX_FILE_BYTES);
  } catch (err) {
    if (!(err instanceof FileTooLarge)) {
      const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
      throw new UsageError('stdinUnreadable', { detail }, false);
    }
    const result = fatalResult(filePath, tooLargeError(err.size), locale);
    if (options.fix === 'write') return printFixedStdin([result], '', options, io, allRules);
    return finish([result], options, io, env, allRules, () => 0);
  }
  // One text: no cache, no shard.
  const single: RunOptions = { ...runOptions };
  delete single.cache;
  delete single.shard;
  let fixedBytes: Uint8Array | undefined;
  let notice: string | undefined;
  single.onFixed = (_file, fixed) => {
    if (fixed.unwritable) notice = t('fixEncodingNotWritable', locale, { file: options.stdinFilename ?? '<stdin>', encoding: fixed.unwritable.toUpperCase() });
    fixedBytes = fixed.bytes;
  };
  const { lintFilesToArray } = await import('../../engine/run.ts');
  const results = await lintFilesToArray([{ filePath, bytes }], single);
  if (options.fix !== 'write') return finish(results, options, io, env, allRules, () => 0);
  // The input as it came when nothing was fixed; fixed UTF-8 as text, another encoding (UTF-16) as bytes.
  const text = fixedBytes === undefined ? bytes : results[0]?.encoding === undefined ? Buffer.from(fixedBytes).toString('utf8') : fixedBytes;
  if (notice) io.stderr.write(`xxgk-lint: ${notice}\n`);
  return printFixedStdin(results, text, options, io, allRules);
}

/** `--stdin --fix`: the text to standard output, the findings left to standard error (or --output-file). */
async function printFixedStdin(results: LintResult[], text: string | Uint8Array, options: CliOptions, io: CliIo, allRules: readonly Rule[]): Promise<number> {
  io.stdout.write(text);
  const shown = options.quiet ? results.map(errorsOnly) : results;
  const report = await formatResults(options.format, shown, { locale: options.locale, cwd: io.cwd, rules: allRules, color: false });
  if (options.outputFile !== undefined) await writeOutput(report, options.outputFile, io);
  // A workbook (xlsx) is written only to a file (-o): standard output holds the fixed text.
  else if (typeof report === 'string' && report) io.stderr.write(report.endsWith('\n') ? report : `${report}\n`);
  return exitCode(totalCounts(results), options, io, 0);
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
