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
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
// Only what every run needs is imported up front; the engine, the rules and the parser are loaded
// when a run needs them (`--version` and `--help` load none of it; a run in worker processes never
// loads the parser in the main process).
import type { Unmatched, Shard } from '../../engine/files.ts';
import { FORMAT_NAMES, formatResults, isFormatName, isStreamingFormat, needsModel, streamingFormatters } from '../formatters/index.ts';
import type { OutputChunk } from '../formatters/index.ts';
import type { FormatName } from '../formatters/index.ts';
import { fileError, MAX_FILE_BYTES } from '../../engine/decode.ts';
import { addProblems, errorsOnly, fatalResult, totalCounts, type ProblemCounts } from '../../engine/results.ts';
import { tc as t, type CliMessageId as MessageId } from './messages.ts';
import { parseLocale, pick } from '../../i18n.ts';
import type { FileError } from '../../engine/decode.ts';
import type { FixMode } from '../../engine/lint-file.ts';
import type { Rule } from '../../rule.ts';
import type { Diagnostic, LintResult, Locale } from '../../types.ts';
import { VERSION } from '../../engine/version.ts';
import { MAX_TIMEOUT_MS } from '../../engine/pool.ts';
import { Progress } from './progress.ts';
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
  const { loadConfig } = await import('../../engine/config.ts');
  const { expandPaths } = await import('../../engine/files.ts');
  const { lintFiles } = await import('../../engine/run.ts');
  const rules = deps.rules ?? builtinRules;
  const loaded = await loadConfig({ cwd: io.cwd, configPath: options.config, rules, locale, allowCode: !options.noCode });
  const pluginRules = loaded.config.pluginRules ?? [];
  const allRules = pluginRules.length > 0 ? [...rules, ...pluginRules] : rules;
  // Which config applies is not always obvious (the search stops at the repository root).
  if (debugEnabled(env)) io.stderr.write(`xxgk-lint: config: ${loaded.filePath ?? '(none: defaults)'}\n`);
  if (options.printConfig !== undefined) {
    io.stdout.write(`${JSON.stringify(printableConfig(loaded, allRules), null, 2)}\n`);
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
    reportUnusedDisable: options.reportUnusedDisable,
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
    ignores: loaded.ignores,
    ignoresBase: loaded.baseDir,
    ...(loaded.extensions ? { extensions: loaded.extensions } : {}),
    ignorePatterns: options.ignorePatterns,
  });
  const { unmatched, files } = expanded;
  for (const miss of unmatched) io.stderr.write(`xxgk-lint: ${unmatchedMessage(miss, locale)}\n`);
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
  const results = lintFiles(files, runOptions);
  try {
    // The progress line ends when the first result is given: the output follows.
    return await finish(
      afterFirst(results, () => progress?.done()),
      options,
      io,
      env,
      allRules,
      () => unmatched.length + writeFailures,
    );
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
  const stream = isStreamingFormat(options.format) ? streamingFormatters[options.format](context) : undefined;
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
    fileTimeoutMs: values['file-timeout'] === undefined ? DEFAULT_FILE_TIMEOUT_SECONDS * 1000 : parseTimeout(values['file-timeout']),
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

/**
 * --file-timeout in ms. Node's timers hold at most 2^31 − 1 ms (about 24.8 days; a longer one
 * fires at once): a longer budget is refused with the limit, not left to mark every file timed out.
 */
function parseTimeout(value: string): number {
  const seconds = parseSeconds('--file-timeout', value);
  if (seconds * 1000 > MAX_TIMEOUT_MS) throw new UsageError('timeoutTooLong', { option: '--file-timeout', value, max: MAX_TIMEOUT_MS / 1000 });
  return Math.round(seconds * 1000);
}

function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count) throw new UsageError('badShard', { value });
  return { index, count };
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
  return pick(locale, { 'zh-CN': HELP_ZH, en: HELP_EN });
}

const HELP_ZH = `用法：xxgk-lint [选项] [文件、文件夹或通配符 ...]

检查以 Markdown 编写的政府信息公开工作年度报告。
不指定路径时，检查当前文件夹（含子文件夹）中的所有 .md 文件；
跳过 node_modules、.git 以及 .gitignore 和配置中 ignores 排除的文件。
明确指定的文件总会被检查（例如 .txt 文件）。Word（.docx）、网页（.html）和 PDF（.pdf）
格式的报告按其文字检查：明确指定或用通配符（如 'reports/**/*.docx'）；问题位置写作
“第 3 段”“表 2 第 5 行第 3 格”，--fix 不改写这些文件。

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
                              否则用一个）、
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
A file named explicitly is always linted (a .txt file, for example). Word (.docx),
web page (.html) and PDF (.pdf) reports are linted by their text: name them or use a glob
(e.g. 'reports/**/*.docx'); findings are placed in words (paragraph 3; table 2,
row 5, cell 3), and --fix never rewrites such a file.

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
      --concurrency <n>       Worker processes: auto (default: every core from 32 files on,
                              one below),
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
