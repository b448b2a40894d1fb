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
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRules } from '../../../rules/index.ts';
import { ConfigError, loadConfig } from '../../engine/config.ts';
import { expandPaths } from '../../engine/files.ts';
import type { Unmatched } from '../../engine/files.ts';
import { FORMAT_NAMES, formatters, isFormatName } from '../formatters/index.ts';
import type { FormatName } from '../formatters/index.ts';
import { lintFile } from '../../engine/lint-file.ts';
import { lintText, ruleErrorOf, ruleSet } from '../../engine/lint.ts';
import type { LintTextOptions } from '../../engine/lint.ts';
import { t } from '../../engine/messages.ts';
import type { MessageId } from '../../engine/messages.ts';
import { errorsOnly, totalCounts } from '../../engine/results.ts';
import type { Rule } from '../../rule.ts';
import type { LintResult, Locale } from '../../types.ts';
import { VERSION } from '../../engine/version.ts';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  cwd: string;
  /** Defaults to process.env; read for NO_COLOR, FORCE_COLOR and DEBUG. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Replaceable parts, so tests can run the CLI with their own rules or engine. */
export interface CliDeps {
  rules?: readonly Rule[];
  lint?: (source: string, options: LintTextOptions) => LintResult;
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
  // Issue 12 item 7 (ESLint's names): --ignore-pattern, --print-config FILE, --color/--no-color.
  ignorePatterns: string[];
  printConfig: string | undefined;
  /** true/false from --color/--no-color; undefined: NO_COLOR, FORCE_COLOR, then whether a TTY. */
  color: boolean | undefined;
  help: boolean;
  version: boolean;
}

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
    if (err instanceof ConfigError) return fail(err.message);
    // A bug, not a user mistake: one line, the stack only on request.
    if (debugEnabled(env) && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return fail(`internal error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function run(
  options: CliOptions,
  io: CliIo,
  env: Readonly<Record<string, string | undefined>>,
  deps: CliDeps,
): Promise<number> {
  const { locale } = options;
  const rules = deps.rules ?? builtinRules;
  const lint = deps.lint ?? lintText;
  const loaded = await loadConfig({ cwd: io.cwd, configPath: options.config, rules, locale, allowCode: !options.noCode });
  const allRules = ruleSet(loaded.config, rules);
  if (options.printConfig !== undefined) {
    io.stdout.write(`${JSON.stringify(printableConfig(loaded, allRules), null, 2)}\n`);
    return EXIT_OK;
  }

  const { files, unmatched } = await expandPaths(options.paths, {
    cwd: io.cwd,
    ignores: loaded.ignores,
    ignoresBase: loaded.baseDir,
    ignorePatterns: options.ignorePatterns,
  });
  for (const miss of unmatched) io.stderr.write(`xxgk-lint: ${unmatchedMessage(miss, locale)}\n`);
  if (files.length === 0) {
    io.stderr.write(`xxgk-lint: ${t('noFiles', locale)}\n`);
    return EXIT_FAILURE;
  }

  const results: LintResult[] = [];
  const lintOptions = { locale, config: loaded.config, ...(options.reportUnusedDisable ? { reportUnusedDisable: true } : {}) };
  for (const file of files) results.push(await lintFile(file, lintOptions, lint));

  // As ESLint does, warnings count towards --max-warnings even when --quiet hides them.
  const counts = totalCounts(results);
  const shown = options.quiet ? results.map(errorsOnly) : results;
  const color = options.outputFile === undefined && (options.color ?? useColor(io, env));
  const output = formatters[options.format](shown, { locale, cwd: io.cwd, rules: allRules, color });
  await writeOutput(output, options.outputFile, io);

  const tooManyWarnings = options.maxWarnings !== undefined && counts.warningCount > options.maxWarnings;
  if (tooManyWarnings) io.stderr.write(`${t('tooManyWarnings', locale, { max: options.maxWarnings ?? 0 })}\n`);
  // A rule that threw is a bug (ours or a plugin's), not a finding: exit 2, as ESLint does.
  const crashed = results.flatMap((r) => r.messages.filter((m) => m.messageId === 'ruleError'));
  if (crashed.length > 0) {
    for (const m of crashed) {
      const error = ruleErrorOf(m);
      if (debugEnabled(env) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    }
    const names = [...new Set(crashed.map((m) => m.ruleId))].join(', ');
    io.stderr.write(`xxgk-lint: ${t('ruleCrashed', locale, { rules: names })}\n`);
    return EXIT_FAILURE;
  }
  return counts.errorCount > 0 || tooManyWarnings || unmatched.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** What --print-config shows: the config file used and every rule's severity and options. */
function printableConfig(loaded: { filePath: string | undefined; ignores: string[]; config: { rules: Record<string, { severity: number; options: unknown }> } }, rules: readonly Rule[]) {
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

async function writeOutput(output: string, outputFile: string | undefined, io: CliIo): Promise<void> {
  const text = output === '' || output.endsWith('\n') ? output : `${output}\n`;
  if (outputFile === undefined) {
    if (text) io.stdout.write(text);
    return;
  }
  const target = path.resolve(io.cwd, outputFile);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  } catch (err) {
    const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
    throw new UsageError('outputWriteFailed', { file: outputFile, detail }, false);
  }
}

function unmatchedMessage(miss: Unmatched, locale: Locale): string {
  const id: MessageId = miss.reason === 'emptyFolder' ? 'noMatchInFolder' : miss.reason === 'allIgnored' ? 'allIgnored' : 'noMatch';
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
  return {
    paths: positionals,
    format,
    locale,
    quiet: values.quiet ?? false,
    maxWarnings: values['max-warnings'] === undefined ? undefined : parseCount('--max-warnings', values['max-warnings']),
    config: values.config,
    outputFile: values['output-file'],
    noCode: values['no-code'] ?? false,
    reportUnusedDisable: values['report-unused-disable'] ?? false,
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
  -f, --format <格式>         输出格式：stylish（默认）、json、sarif、github
      --locale <语言>         消息语言：zh-CN（默认，也可写 zh）、en
  -q, --quiet                 只显示错误，不显示警告
      --max-warnings <数量>   警告数超过该数量时以退出码 1 结束
  -c, --config <文件>         使用指定的配置文件（默认从当前文件夹向上查找
                              xxgk-lint.config.js、xxgk-lint.config.mjs、.xxgk-lint.json、
                              .xxgk-lint.jsonc 或含“xxgk-lint”键的 package.json）
      --no-code               不执行任何代码：拒绝 JavaScript 配置文件、插件和规则文件
                              （用于检查不受信任的代码）
      --report-unused-disable 报告没有屏蔽任何问题的 xxgk-lint-disable 注释
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
  -f, --format <format>       Output format: stylish (default), json, sarif, github
      --locale <locale>       Message language: zh-CN (default, or zh), en
  -q, --quiet                 Report errors only, not warnings
      --max-warnings <count>  Exit with code 1 when there are more warnings than this
  -c, --config <file>         Use this config file (default: the nearest
                              xxgk-lint.config.js, xxgk-lint.config.mjs, .xxgk-lint.json,
                              .xxgk-lint.jsonc or package.json with an "xxgk-lint" key
                              in the current folder or above)
      --no-code               Run no code: refuse JavaScript configs, plugins and rule
                              files (for untrusted checkouts)
      --report-unused-disable Report xxgk-lint-disable comments that suppress nothing
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
