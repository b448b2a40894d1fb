/**
 * A parsed config object checked against the rules and merged over their defaults.
 *
 * Each schema here parses once or twice a run, so every parse is `jitless`: zod 4 otherwise
 * compiles a parser for each object schema (`new Function`) on its first parse, which costs more
 * than the parse itself (some 20 rules' options and the config file's shape, in every thread).
 */
import path from 'node:path';
import ignore from 'ignore';
import type * as z from 'zod';
import { en, zhCN } from 'zod/locales';
import type { ResolvedConfig, RuleSetting } from '../lint.ts';
import { t } from '../messages.ts';
import { LOCAL_PLUGIN, checkPlugin, checkRules, formatPath } from '../plugins.ts';
import type { Rule } from '../../rule.ts';
import type { Locale, SeverityLevel } from '../../types.ts';
import { ConfigError, closeMatches, describe, type ConfigProblem } from './errors.ts';
import { CONFIG_KEYS, FileSchema, OVERRIDE_KEYS } from './schema.ts';

export interface ResolveOptions {
  locale?: Locale;
  /** Named in error messages. */
  filePath?: string;
  /**
   * Whether the config may run code: plugins named by package, `ruleFiles` (and, in loadConfig,
   * JavaScript config files). Default true; `--no-code` and untrusted checkouts set false.
   */
  allowCode?: boolean;
}

export interface ResolvedConfigFile {
  config: ResolvedConfig;
  /** Patterns (gitignore syntax) of files not to lint, relative to the config file's folder. */
  ignores: string[];
  /** Patterns of files that are reports whatever they look like, and of files that never are. */
  reports?: string[];
  notReports?: string[];
  /** File extensions picked up in folders (default: .md only); named files are always linted. */
  extensions?: string[];
  /** `linterOptions.reportUnusedDisableDirectives`: true or "warn". */
  reportUnusedDisable?: boolean;
}

/**
 * How each file is to be classified: `report` or `notReport` when the config's `reports` or
 * `notReports` patterns (gitignore syntax, relative to the config's folder) match it, else `auto`
 * (decided from the content). `notReports` wins when both match.
 */
export function classifier(
  loaded: Pick<ResolvedConfigFile, 'reports' | 'notReports'> & { baseDir: string },
): (file: string) => 'auto' | 'report' | 'notReport' {
  const yes = ignore().add(loaded.reports ?? []);
  const no = ignore().add(loaded.notReports ?? []);
  return (file) => {
    const relative = path.relative(loaded.baseDir, path.resolve(loaded.baseDir, file)).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('../') || path.isAbsolute(relative)) return 'auto';
    if (no.ignores(relative)) return 'notReport';
    return yes.ignores(relative) ? 'report' : 'auto';
  };
}

/** Every rule at its default severity with its default options. */
export function defaultConfig(rules: readonly Rule[]): ResolvedConfig {
  const settings: Record<string, RuleSetting> = {};
  for (const rule of rules) {
    settings[rule.meta.id] = { severity: severityLevel(rule.meta.defaultSeverity), options: defaultOptions(rule) };
  }
  return { rules: settings };
}

function defaultOptions(rule: Rule): unknown {
  const parsed = rule.meta.options.safeParse({}, { jitless: true });
  // A rule whose options have no complete defaults is a bug in the rule, not the user's config.
  if (!parsed.success) throw new Error(`rule ${rule.meta.id}: options schema has no defaults for {}`);
  return parsed.data;
}

/** What loadConfig imported (packages named in `plugins`, the `ruleFiles`) before resolving. */
export interface Preloaded {
  /** By index in `plugins`: the package's default export, or why it could not be loaded. */
  packages: Map<number, { value: unknown } | { problem: ConfigProblem }>;
  /** By index in `ruleFiles`: the file's default export, or why it could not be loaded. */
  ruleFiles: Map<number, { value: unknown } | { problem: ConfigProblem }>;
}

/**
 * Validates a parsed config object against the given rules and merges it over the defaults.
 * Throws ConfigError listing every problem. Used by the CLI and by other adapters.
 *
 * `plugins` may hold plugin objects (as a JavaScript config or a remark config passes them);
 * plugins named by package and `ruleFiles` are imported by loadConfig / resolveConfigFrom, which
 * are asynchronous.
 */
export function resolveConfig(raw: unknown, rules: readonly Rule[], options: ResolveOptions = {}): ResolvedConfigFile {
  return resolveWith(raw, rules, options, undefined);
}

export function resolveWith(raw: unknown, rules: readonly Rule[], options: ResolveOptions, preloaded: Preloaded | undefined): ResolvedConfigFile {
  const locale = options.locale ?? 'en';
  const allowCode = options.allowCode ?? true;
  const zodLocale = locale === 'zh-CN' ? zhCN() : en();
  const fail = (problems: ConfigProblem[]): never => {
    throw new ConfigError(problems, options.filePath, locale);
  };

  if (!isPlainObject(raw)) {
    return fail([{ path: '', message: t('configNotObject', locale) }]);
  }
  const parsed = FileSchema.safeParse(raw, { error: zodLocale.localeError, jitless: true });
  const problems: ConfigProblem[] = parsed.success ? [] : parsed.error.issues.flatMap((issue) => topLevelProblems(issue, locale));

  // Plugins and rule files first: their rules may be configured under `rules`.
  const extra = collectPluginRules(raw, allowCode, preloaded, locale, zodLocale.localeError);
  problems.push(...extra.problems);
  const allRules = [...rules, ...extra.rules];

  // Rule entries are checked even when something else is wrong, so that one run lists everything.
  const entries = 'rules' in raw && isPlainObject(raw.rules) ? Object.entries(raw.rules) : [];
  const settings: Record<string, RuleSetting> = { ...defaultConfig(allRules).rules };
  const byId = new Map(allRules.map((rule) => [rule.meta.id, rule]));
  for (const [id, entry] of entries) {
    const rule = byId.get(id);
    if (!rule) {
      problems.push({ path: `rules.${id}`, message: unknownRuleMessage(id, [...byId.keys()], extra.prefixes, locale) });
      continue;
    }
    const result = parseRuleEntry(entry, rule, `rules.${id}`, locale, zodLocale.localeError);
    if ('problems' in result) problems.push(...result.problems);
    else settings[id] = result.setting;
  }
  if (problems.length > 0 || !parsed.success) return fail(problems);
  const config: ResolvedConfig = extra.rules.length > 0 ? { rules: settings, pluginRules: extra.rules } : { rules: settings };
  if (parsed.data.agencies && Object.keys(parsed.data.agencies).length > 0) config.agencies = parsed.data.agencies;
  const extensions = parsed.data.extensions;
  return {
    config,
    ignores: parsed.data.ignores ?? [],
    reports: parsed.data.reports ?? [],
    notReports: parsed.data.notReports ?? [],
    ...(extensions ? { extensions: [...new Set(extensions)] } : {}),
    ...(isOn(parsed.data.linterOptions?.reportUnusedDisableDirectives) ? { reportUnusedDisable: true } : {}),
  };
}

const isOn = (value: boolean | 'off' | 'warn' | undefined): boolean => value === true || value === 'warn';

interface Collected {
  rules: Rule[];
  problems: ConfigProblem[];
  /** Plugin name → where it was first given (`plugins[i]`, or `ruleFiles` for the local plugin). */
  names: Map<string, string>;
}

/** The rules of `plugins` and `ruleFiles`, under their prefixed ids, and the problems found. */
function collectPluginRules(
  raw: Record<string, unknown>,
  allowCode: boolean,
  preloaded: Preloaded | undefined,
  locale: Locale,
  errorMap: ZodErrorMap,
): { rules: Rule[]; prefixes: Set<string>; problems: ConfigProblem[] } {
  const out: Collected = { rules: [], problems: [], names: new Map() };
  const plugins = Array.isArray(raw.plugins) ? (raw.plugins as unknown[]) : [];
  plugins.forEach((entry, i) => collectPlugin(entry, i, out, allowCode, preloaded, locale, errorMap));
  const files = Array.isArray(raw.ruleFiles) ? (raw.ruleFiles as unknown[]) : [];
  collectRuleFiles(files, out, allowCode, preloaded, locale, errorMap);
  return { rules: out.rules, prefixes: new Set(out.names.keys()), problems: out.problems };
}

/** One entry of `plugins`: a plugin object, or a package or path that loadConfig imported. */
function collectPlugin(
  entry: unknown,
  i: number,
  out: Collected,
  allowCode: boolean,
  preloaded: Preloaded | undefined,
  locale: Locale,
  errorMap: ZodErrorMap,
): void {
  const at = `plugins[${i}]`;
  let value: unknown = entry;
  if (typeof entry === 'string') {
    if (!allowCode) {
      out.problems.push({ path: at, message: t('configCodeRefusedPlugin', locale, { name: entry }) });
      return;
    }
    const loaded = preloaded?.packages.get(i);
    if (!loaded) {
      out.problems.push({ path: at, message: t('configPackageNeedsLoader', locale, { name: entry }) });
      return;
    }
    if ('problem' in loaded) {
      out.problems.push(loaded.problem);
      return;
    }
    value = loaded.value;
  } else if (!isPlainObject(entry)) {
    out.problems.push({ path: at, message: t('configBadPluginEntry', locale, { received: describe(entry) }) });
    return;
  }
  const checked = checkPlugin(value, at, locale, errorMap);
  if ('problems' in checked) {
    out.problems.push(...checked.problems);
    return;
  }
  const first = out.names.get(checked.plugin.name);
  if (first !== undefined) {
    out.problems.push({ path: `${at}.name`, message: t('pluginNameTwice', locale, { name: checked.plugin.name, first }) });
    return;
  }
  out.names.set(checked.plugin.name, at);
  out.rules.push(...checked.rules);
}

/** The rules of every file of `ruleFiles`, checked together: ids are unique across files. */
function collectRuleFiles(
  files: readonly unknown[],
  out: Collected,
  allowCode: boolean,
  preloaded: Preloaded | undefined,
  locale: Locale,
  errorMap: ZodErrorMap,
): void {
  // Every rule of every file, with where it came from.
  const local: Array<{ value: unknown; at: string }> = [];
  files.forEach((entry, i) => {
    const at = `ruleFiles[${i}]`;
    if (typeof entry !== 'string') return; // the schema reports it
    if (!allowCode) {
      out.problems.push({ path: at, message: t('configCodeRefusedRuleFile', locale, { file: entry }) });
      return;
    }
    const loaded = preloaded?.ruleFiles.get(i);
    if (!loaded) {
      out.problems.push({ path: at, message: t('configRuleFileNeedsLoader', locale, { file: entry }) });
      return;
    }
    if ('problem' in loaded) {
      out.problems.push(loaded.problem);
      return;
    }
    if (Array.isArray(loaded.value)) loaded.value.forEach((value, j) => local.push({ value, at: `${at}[${j}]` }));
    else if (isPlainObject(loaded.value) && 'meta' in loaded.value) local.push({ value: loaded.value, at });
    else out.problems.push({ path: at, message: t('ruleFileNoRule', locale, { file: entry }) });
  });
  if (local.length === 0) return;
  const checked = checkRules(
    local.map((l) => l.value),
    LOCAL_PLUGIN,
    (index) => local[index]?.at ?? 'ruleFiles',
    locale,
    errorMap,
  );
  if ('problems' in checked) out.problems.push(...checked.problems);
  else {
    out.rules.push(...checked.rules);
    out.names.set(LOCAL_PLUGIN, 'ruleFiles');
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ZodErrorMap = z.core.$ZodErrorMap;

function parseRuleEntry(
  entry: unknown,
  rule: Rule,
  at: string,
  locale: Locale,
  errorMap: ZodErrorMap,
): { setting: RuleSetting } | { problems: ConfigProblem[] } {
  const bad = (): { problems: ConfigProblem[] } => ({
    problems: [{ path: at, message: t('configBadSeverity', locale, { received: describe(entry) }) }],
  });
  if (!Array.isArray(entry)) {
    const severity = parseSeverity(entry);
    return severity === undefined ? bad() : { setting: { severity, options: defaultOptions(rule) } };
  }
  if (entry.length < 1 || entry.length > 2) {
    return { problems: [{ path: at, message: t('configBadTuple', locale, { count: entry.length }) }] };
  }
  const severity = parseSeverity(entry[0]);
  if (severity === undefined) {
    return { problems: [{ path: `${at}[0]`, message: t('configBadSeverity', locale, { received: describe(entry[0]) }) }] };
  }
  // Options are validated even when the rule is off, so that mistakes surface before they matter.
  const options = rule.meta.options.safeParse(entry.length === 2 ? entry[1] : {}, { error: errorMap, jitless: true });
  if (!options.success) {
    return {
      problems: options.error.issues.map((issue) => ({ path: `${at}[1]${formatPath(issue.path)}`, message: issue.message })),
    };
  }
  return { setting: { severity, options: options.data } };
}

function parseSeverity(value: unknown): SeverityLevel | 0 | undefined {
  if (value === 'off' || value === 0) return 0;
  if (value === 'warn' || value === 1) return 1;
  if (value === 'error' || value === 2) return 2;
  return undefined;
}

function severityLevel(name: 'warn' | 'error'): SeverityLevel {
  return name === 'error' ? 2 : 1;
}

function topLevelProblems(issue: z.core.$ZodIssue, locale: Locale): ConfigProblem[] {
  const at = formatPath(issue.path).replace(/^\./, '');
  if (issue.code !== 'unrecognized_keys') return [{ path: at, message: issue.message }];
  // Unknown keys at the top or in an `overrides` entry (the only nested objects with their own keys but linterOptions).
  const known =
    issue.path[0] === 'overrides' && issue.path.length === 2 ? OVERRIDE_KEYS : issue.path.length === 0 ? CONFIG_KEYS : ['reportUnusedDisableDirectives'];
  return issue.keys.map((key) => {
    const close = closeMatches(key, known);
    const message =
      close.length > 0 ? t('configUnknownKeySuggest', locale, { suggestion: close.join(', ') }) : t('configUnknownKey', locale, { allowed: known.join(', ') });
    return { path: at ? `${at}.${key}` : key, message };
  });
}

/**
 * Checks a config file's shape alone (keys and their types, not the rules' entries, which may name
 * a plugin of a config above): throws ConfigError naming this file and every problem in it.
 */
export function checkShape(raw: unknown, filePath: string | undefined, locale: Locale): asserts raw is Record<string, unknown> {
  if (!isPlainObject(raw)) throw new ConfigError([{ path: '', message: t('configNotObject', locale) }], filePath, locale);
  const zodLocale = locale === 'zh-CN' ? zhCN() : en();
  const parsed = FileSchema.safeParse(raw, { error: zodLocale.localeError, jitless: true });
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.flatMap((issue) => topLevelProblems(issue, locale)),
      filePath,
      locale,
    );
}

function unknownRuleMessage(id: string, known: readonly string[], prefixes: ReadonlySet<string>, locale: Locale): string {
  const slash = id.indexOf('/');
  if (slash > 0) {
    const prefix = id.slice(0, slash);
    if (!prefixes.has(prefix)) {
      return prefix === LOCAL_PLUGIN ? t('configUnknownLocalRule', locale) : t('configUnknownPlugin', locale, { plugin: prefix });
    }
  }
  const close = closeMatches(id, known);
  if (close.length > 0) return t('configUnknownRuleSuggest', locale, { suggestion: close.join(', ') });
  return t('configUnknownRule', locale, { known: [...known].sort().join(', ') || '—' });
}
