/** The command line's options: their table, parsing and checking (each mistake one clear line). */
import { parseArgs } from 'node:util';
import type { Shard } from '../../engine/files.ts';
import type { FixMode } from '../../engine/lint-file.ts';
import { MAX_TIMEOUT_MS } from '../../engine/pool.ts';
import { parseLocale } from '../../i18n.ts';
import type { Locale } from '../../types.ts';
import { FORMAT_NAMES, isFormatName, type FormatName } from '../formatters/names.ts';
import type { CliMessageId as MessageId } from './messages.ts';

export interface CliOptions {
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
  // Issue 21 item 3 (ESLint's bulk suppressions): record, apply and prune a suppressions file.
  suppress: 'all' | string[] | undefined;
  suppressionsLocation: string | undefined;
  pruneSuppressions: boolean;
  passOnUnprunedSuppressions: boolean;
  // Issue 21 item 5 (ESLint 10's names): --no-ignore.
  /** --no-ignore: `ignores` and --ignore-pattern exclude nothing, named files or in folders. */
  noIgnore: boolean;
  /** --rule (repeatable, later wins): rule settings over the config's, as ESLint parses them. */
  rules: Record<string, unknown> | undefined;
  /** --no-config-lookup: use no config file unless --config names one. */
  noConfigLookup: boolean;
  /** `-f ./formatter.js`: the module's path as given, and its function once main has loaded it. */
  customFormatter?: { path: string; format?: CustomFormat };
}

/** A custom formatter's default export, as ESLint calls it: ESLint-shaped results and a context. */
export type CustomFormat = (results: unknown[], context: Record<string, unknown>) => string | Promise<string>;

/** A `--format` value naming a module rather than a built-in format (ESLint: a path or a .js file). */
function isFormatterPath(value: string): boolean {
  return /[\\/]/.test(value) || /\.[cm]?js$/.test(value);
}

/** The default per-file time budget: far above any real report (well under a second each). */
export const DEFAULT_FILE_TIMEOUT_SECONDS = 10;
/** A user mistake (arguments, output file): reported in one line, without a stack. */
export class UsageError extends Error {
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
  // Bulk suppressions (issue 21 item 3).
  'suppress-all': { type: 'boolean' },
  'suppress-rule': { type: 'string', multiple: true },
  'suppressions-location': { type: 'string' },
  'prune-suppressions': { type: 'boolean' },
  'pass-on-unpruned-suppressions': { type: 'boolean' },
  // Issue 21 item 5 (ESLint 10's names).
  'no-ignore': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  'no-config-lookup': { type: 'boolean' },
  'report-unused-disable-directives': { type: 'boolean' },
} as const;

export function parseOptions(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv), options: OPTIONS, strict: true, allowPositionals: true });
  } catch (err) {
    throw argumentError(err);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'stylish';
  // Issue 21 item 5: `-f ./formatter.js`, a module of the user's (loaded by main before linting).
  const customFormatter = !isFormatName(format) && isFormatterPath(format) ? format : undefined;
  if (!isFormatName(format) && customFormatter === undefined) {
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
    format: isFormatName(format) ? format : 'json',
    ...(customFormatter !== undefined ? { customFormatter: { path: customFormatter } } : {}),
    locale,
    quiet: values.quiet ?? false,
    maxWarnings: values['max-warnings'] === undefined ? undefined : parseMaxWarnings(values['max-warnings']),
    config: values.config,
    outputFile: values['output-file'],
    noCode: values['no-code'] ?? false,
    // ESLint's spelling, and the older --report-unused-disable.
    reportUnusedDisable: (values['report-unused-disable-directives'] ?? false) || (values['report-unused-disable'] ?? false),
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
    // Issue 21 item 5 (ESLint 10's names).
    noIgnore: values['no-ignore'] ?? false,
    rules: values.rule === undefined ? undefined : Object.assign({}, ...values.rule.map(parseRuleOption)),
    noConfigLookup: values['no-config-lookup'] ?? false,
    ...suppressionOptions(values, stdin),
  };
}

/** Bulk suppressions: --suppress-all, --suppress-rule ID…, --prune-suppressions (one of them), not with --stdin. */
function suppressionOptions(
  values: {
    'suppress-all'?: boolean;
    'suppress-rule'?: string[];
    'suppressions-location'?: string;
    'prune-suppressions'?: boolean;
    'pass-on-unpruned-suppressions'?: boolean;
  },
  stdin: boolean,
): Pick<CliOptions, 'suppress' | 'suppressionsLocation' | 'pruneSuppressions' | 'passOnUnprunedSuppressions'> {
  const rules = values['suppress-rule'] ?? [];
  const all = values['suppress-all'] ?? false;
  const prune = values['prune-suppressions'] ?? false;
  const chosen = [all && '--suppress-all', rules.length > 0 && '--suppress-rule', prune && '--prune-suppressions'].filter(
    (x): x is string => typeof x === 'string',
  );
  if (chosen.length > 1) throw new UsageError('suppressConflict', { options: chosen.join(', ') });
  if (stdin && chosen.length > 0) throw new UsageError('suppressWithStdin', { option: chosen[0] ?? '' });
  return {
    suppress: all ? 'all' : rules.length > 0 ? rules : undefined,
    suppressionsLocation: values['suppressions-location'],
    pruneSuppressions: prune,
    passOnUnprunedSuppressions: values['pass-on-unpruned-suppressions'] ?? false,
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

// Issue 21 item 5 (ESLint 10): `--max-warnings -1`.
/** node:util refuses `--max-warnings -1` as ambiguous; ESLint takes it: it becomes `--max-warnings=-1`. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (arg === '--max-warnings' && next !== undefined && /^-\d+$/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  return args;
}

/**
 * One `--rule` value, in ESLint's syntax: JSON (`{"table-sums": "warn"}`) or its brace-less,
 * unquoted form (`table-sums: off`, `signature-date: [error, {"departmentDeadline": "02-15"}]`).
 * The settings themselves are checked with the config's.
 */
function parseRuleOption(value: string): Record<string, unknown> {
  const bad = (): UsageError => new UsageError('badRuleOption', { value });
  const trimmed = value.trim();
  const json = tryJson(trimmed.startsWith('{') ? trimmed : `{${trimmed}}`);
  if (json !== undefined) {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad();
    return json as Record<string, unknown>;
  }
  const settings: Record<string, unknown> = {};
  const body = trimmed.replace(/^\{([\s\S]*)\}$/, '$1');
  // Entries `id: setting`, separated by commas outside brackets.
  for (const entry of splitTopLevel(body)) {
    const match = /^\s*([^\s:]+)\s*:\s*([\s\S]+?)\s*$/.exec(entry);
    if (!match) throw bad();
    const id = match[1] ?? '';
    const setting = match[2] ?? '';
    const parsed = tryJson(setting.replace(/(^|[[,]\s*)(off|warn|error)(?=\s*(?:[,\]]|$))/g, '$1"$2"'));
    if (parsed === undefined) throw bad();
    settings[id] = parsed;
  }
  if (Object.keys(settings).length === 0) throw bad();
  return settings;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim() !== '');
}

/** A count, or a negative integer (ESLint's default -1): no limit. */
function parseMaxWarnings(value: string): number | undefined {
  if (/^\s*-\d+\s*$/.test(value)) return undefined;
  return parseCount('--max-warnings', value);
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
export function sniffLocale(argv: readonly string[]): Locale {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg === '--locale') value = argv[i + 1];
    else if (arg.startsWith('--locale=')) value = arg.slice('--locale='.length);
  }
  return (value !== undefined && parseLocale(value)) || 'zh-CN';
}
