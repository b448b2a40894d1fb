/**
 * The configuration file `.xxgk-lint.json`:
 *
 *   { "rules": { "<rule id>": "off" | "warn" | "error" | [severity, options] }, "ignores": ["drafts/**"],
 *     "agencies": { "<agency's current name>": ["<former name>", …] } }
 *
 * Every problem in a file is collected and reported at once (as Astro does) so that users fix
 * their config in one round instead of one error per run.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ignore from 'ignore';
import { parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { z } from 'zod';
import type { ResolvedConfig, RuleSetting } from './lint.ts';
import { t } from './messages.ts';
import { LOCAL_PLUGIN, checkPlugin, checkRules, errorText, formatPath, importDefault, isPackageSpecifier, resolvePackage } from './plugins.ts';
import type { Rule } from '../rule.ts';
import type { Locale, SeverityLevel } from '../types.ts';

export const CONFIG_FILE_NAME = '.xxgk-lint.json';
/** JavaScript configs (`export default { … }`): they may hold plugin objects, and they run code. */
export const JS_CONFIG_FILE_NAMES = ['xxgk-lint.config.js', 'xxgk-lint.config.mjs'] as const;
/** JSON configs: JSONC (comments and trailing commas allowed, as in VS Code's settings). */
export const JSON_CONFIG_FILE_NAMES = [CONFIG_FILE_NAME, '.xxgk-lint.jsonc'] as const;
/** A `package.json` counts as a config file when it has this key (whose value is the config). */
export const PACKAGE_JSON_KEY = 'xxgk-lint';
/**
 * Every name looked for in each folder, in this order of precedence. A package.json without the
 * `xxgk-lint` key is passed over (loadConfig goes on looking in the folders above).
 */
export const CONFIG_FILE_NAMES = [...JS_CONFIG_FILE_NAMES, ...JSON_CONFIG_FILE_NAMES, 'package.json'] as const;
/** The JSON Schema of the config file, shipped with the package (`"$schema"` in a config). */
export const CONFIG_SCHEMA_PATH = 'schema/config.json';

export interface ConfigProblem {
  /** Where in the config, e.g. `rules.table-sums[1].tolerance`; empty for the whole file. */
  path: string;
  message: string;
}

/** A user mistake in the configuration. Carries every problem found; never shown with a stack. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];
  readonly filePath: string | undefined;

  constructor(problems: readonly ConfigProblem[], filePath: string | undefined, locale: Locale = 'en') {
    super(formatConfigProblems(problems, filePath, locale));
    this.problems = problems;
    this.filePath = filePath;
  }
}

/** The text the CLI prints: a header naming the file, then one `! path  message` line per problem. */
export function formatConfigProblems(problems: readonly ConfigProblem[], filePath: string | undefined, locale: Locale): string {
  const header = t('configProblems', locale, { file: filePath ?? CONFIG_FILE_NAME });
  const lines = problems.map((p) => (p.path ? `  ! ${p.path}  ${p.message}` : `  ! ${p.message}`));
  return [header, ...lines].join('\n');
}

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
}

/** What folders may contain besides .md: text, saved portal pages, Word drafts. */
export const FOLDER_EXTENSIONS = ['.md', '.markdown', '.txt', '.html', '.htm', '.docx', '.pdf'] as const;

const FileSchema = z.strictObject({
  rules: z.record(z.string(), z.unknown()).optional(),
  ignores: z.array(z.string()).optional(),
  extensions: z.array(z.enum(FOLDER_EXTENSIONS)).min(1).optional(),
  // Checked entry by entry below, with messages of their own.
  plugins: z.array(z.unknown()).optional(),
  ruleFiles: z.array(z.string()).optional(),
  // Files (gitignore-style patterns, relative to the config) always, or never, linted as reports,
  // whatever their content looks like.
  reports: z.array(z.string()).optional(),
  notReports: z.array(z.string()).optional(),
  // Names of one agency, for cross-report rules: { "<current name>": ["<former name>", …] }.
  agencies: z.record(z.string().min(1), z.array(z.string().min(1))).optional(),
  // Lets editors validate the file against a JSON schema.
  $schema: z.string().optional(),
});
/** The keys a config may have, from its schema (the remark plugin tells its options from a config by them). */
export const CONFIG_KEYS: readonly string[] = Object.keys(FileSchema.shape);
const TOP_LEVEL_KEYS = CONFIG_KEYS;

/**
 * How each file is to be classified: `report` or `notReport` when the config's `reports` or
 * `notReports` patterns (gitignore syntax, relative to the config's folder) match it, else `auto`
 * (decided from the content). `notReports` wins when both match.
 */
export function classifier(loaded: Pick<LoadedConfig, 'reports' | 'notReports' | 'baseDir'>): (file: string) => 'auto' | 'report' | 'notReport' {
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
  const parsed = rule.meta.options.safeParse({});
  // A rule whose options have no complete defaults is a bug in the rule, not the user's config.
  if (!parsed.success) throw new Error(`rule ${rule.meta.id}: options schema has no defaults for {}`);
  return parsed.data;
}

/** What loadConfig imported (packages named in `plugins`, the `ruleFiles`) before resolving. */
interface Preloaded {
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

function resolveWith(raw: unknown, rules: readonly Rule[], options: ResolveOptions, preloaded: Preloaded | undefined): ResolvedConfigFile {
  const locale = options.locale ?? 'en';
  const allowCode = options.allowCode ?? true;
  const zodLocale = locale === 'zh-CN' ? z.locales.zhCN() : z.locales.en();
  const fail = (problems: ConfigProblem[]): never => {
    throw new ConfigError(problems, options.filePath, locale);
  };

  if (!isPlainObject(raw)) {
    return fail([{ path: '', message: t('configNotObject', locale) }]);
  }
  const parsed = FileSchema.safeParse(raw, { error: zodLocale.localeError });
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
  };
}

/** The rules of `plugins` and `ruleFiles`, under their prefixed ids, and the problems found. */
function collectPluginRules(
  raw: Record<string, unknown>,
  allowCode: boolean,
  preloaded: Preloaded | undefined,
  locale: Locale,
  errorMap: ZodErrorMap,
): { rules: Rule[]; prefixes: Set<string>; problems: ConfigProblem[] } {
  const rules: Rule[] = [];
  const problems: ConfigProblem[] = [];
  const names = new Map<string, string>();
  const plugins = Array.isArray(raw.plugins) ? (raw.plugins as unknown[]) : [];
  plugins.forEach((entry, i) => {
    const at = `plugins[${i}]`;
    let value: unknown = entry;
    if (typeof entry === 'string') {
      if (!allowCode) {
        problems.push({ path: at, message: t('configCodeRefusedPlugin', locale, { name: entry }) });
        return;
      }
      const loaded = preloaded?.packages.get(i);
      if (!loaded) {
        problems.push({ path: at, message: t('configPackageNeedsLoader', locale, { name: entry }) });
        return;
      }
      if ('problem' in loaded) {
        problems.push(loaded.problem);
        return;
      }
      value = loaded.value;
    } else if (!isPlainObject(entry)) {
      problems.push({ path: at, message: t('configBadPluginEntry', locale, { received: describe(entry) }) });
      return;
    }
    const checked = checkPlugin(value, at, locale, errorMap);
    if ('problems' in checked) {
      problems.push(...checked.problems);
      return;
    }
    const first = names.get(checked.plugin.name);
    if (first !== undefined) {
      problems.push({ path: `${at}.name`, message: t('pluginNameTwice', locale, { name: checked.plugin.name, first }) });
      return;
    }
    names.set(checked.plugin.name, at);
    rules.push(...checked.rules);
  });

  const files = Array.isArray(raw.ruleFiles) ? (raw.ruleFiles as unknown[]) : [];
  // Every rule of every file, with where it came from, checked together: ids are unique across files.
  const local: Array<{ value: unknown; at: string }> = [];
  files.forEach((entry, i) => {
    const at = `ruleFiles[${i}]`;
    if (typeof entry !== 'string') return; // the schema reports it
    if (!allowCode) {
      problems.push({ path: at, message: t('configCodeRefusedRuleFile', locale, { file: entry }) });
      return;
    }
    const loaded = preloaded?.ruleFiles.get(i);
    if (!loaded) {
      problems.push({ path: at, message: t('configRuleFileNeedsLoader', locale, { file: entry }) });
      return;
    }
    if ('problem' in loaded) {
      problems.push(loaded.problem);
      return;
    }
    if (Array.isArray(loaded.value)) loaded.value.forEach((value, j) => local.push({ value, at: `${at}[${j}]` }));
    else if (isPlainObject(loaded.value) && 'meta' in loaded.value) local.push({ value: loaded.value, at });
    else problems.push({ path: at, message: t('ruleFileNoRule', locale, { file: entry }) });
  });
  if (local.length > 0) {
    const checked = checkRules(
      local.map((l) => l.value),
      LOCAL_PLUGIN,
      (index) => local[index]?.at ?? 'ruleFiles',
      locale,
      errorMap,
    );
    if ('problems' in checked) problems.push(...checked.problems);
    else {
      rules.push(...checked.rules);
      names.set(LOCAL_PLUGIN, 'ruleFiles');
    }
  }
  return { rules, prefixes: new Set(names.keys()), problems };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type ZodErrorMap = z.core.$ZodErrorMap;

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
  const options = rule.meta.options.safeParse(entry.length === 2 ? entry[1] : {}, { error: errorMap });
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
  if (issue.code !== 'unrecognized_keys') return [{ path: formatPath(issue.path).replace(/^\./, ''), message: issue.message }];
  return issue.keys.map((key) => {
    const close = closeMatches(key, TOP_LEVEL_KEYS);
    const message =
      close.length > 0
        ? t('configUnknownKeySuggest', locale, { suggestion: close.join(', ') })
        : t('configUnknownKey', locale, { allowed: TOP_LEVEL_KEYS.join(', ') });
    return { path: key, message };
  });
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

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Known names within a small edit distance of `name`, or containing it; closest first, at most 3. */
export function closeMatches(name: string, known: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return known
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .filter(({ candidate, distance }) => distance <= limit || (name.length >= 4 && candidate.includes(name)))
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The nearest config file (any of CONFIG_FILE_NAMES) in `startDir` or a folder above it. */
export async function findConfigFile(startDir: string): Promise<string | undefined> {
  return (await findConfigFilesWithKey(startDir))[0];
}

/**
 * findConfigFiles, passing over a package.json without the `xxgk-lint` key: when that leaves a
 * folder with no config, the search goes on from the folder above.
 */
async function findConfigFilesWithKey(startDir: string): Promise<string[]> {
  let dir = path.resolve(startDir);
  for (;;) {
    const found = await findConfigFiles(dir);
    const kept: string[] = [];
    for (const file of found) if (path.basename(file) !== 'package.json' || (await hasPackageKey(file))) kept.push(file);
    if (kept.length > 0 || found.length === 0) return kept;
    const parent = path.dirname(path.dirname(found[0] ?? dir));
    if (parent === path.dirname(found[0] ?? dir)) return [];
    dir = parent;
  }
}

async function hasPackageKey(file: string): Promise<boolean> {
  try {
    const value: unknown = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
    return isPlainObject(value) && PACKAGE_JSON_KEY in value;
  } catch {
    // An unreadable or broken package.json is npm's problem, not a config of ours.
    return false;
  }
}

/**
 * Parses a JSON config as JSONC (comments, trailing commas). Throws ConfigError naming the line
 * and column of the first syntax error.
 */
export function parseJsonConfig(text: string, filePath: string | undefined, locale: Locale): unknown {
  const source = text.replace(/^\uFEFF/, '');
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(source, errors, { allowTrailingComma: true, allowEmptyContent: false, disallowComments: false });
  const first = errors[0];
  if (!first) return value;
  const before = source.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - (before.lastIndexOf('\n') + 1) + 1;
  const detail = printParseErrorCode(first.error);
  throw new ConfigError([{ path: `${line}:${column}`, message: t('configBadJson', locale, { detail }) }], filePath, locale);
}

/**
 * The config files of the nearest folder that has any, in order of precedence. The search stops at
 * the repository root (the folder holding `.git`, a folder or a worktree's file), as ESLint stops
 * at its project: a config above the checkout (another user's, a CI runner's) must not turn rules
 * off or run code.
 */
async function findConfigFiles(startDir: string): Promise<string[]> {
  let dir = path.resolve(startDir);
  for (;;) {
    const found: string[] = [];
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (await isFile(candidate)) found.push(candidate);
    }
    if (found.length > 0) return found;
    if (await exists(path.join(dir, '.git'))) return [];
    const parent = path.dirname(dir);
    if (parent === dir) return [];
    dir = parent;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Whether loading this config file runs code: any JavaScript or TypeScript module (by its
 * extension). The CLI's --no-code and the Action's untrusted events refuse these.
 */
export function configRunsCode(file: string): boolean {
  return /\.[cm]?[jt]sx?$/i.test(file);
}

export interface LoadConfigOptions {
  cwd: string;
  /** An explicit config file (`--config`); otherwise the nearest config file is used. */
  configPath?: string;
  rules: readonly Rule[];
  locale?: Locale;
  /**
   * Whether the config may run code (default true). False (`--no-code`, untrusted checkouts such as
   * pull_request_target) refuses JavaScript config files, plugins named by package and ruleFiles,
   * with a ConfigError, instead of falling back to anything.
   */
  allowCode?: boolean;
}

export interface LoadedConfig extends ResolvedConfigFile {
  /** The file read, or undefined when none was found and the defaults apply. */
  filePath: string | undefined;
  /** The folder `ignores` are relative to. */
  baseDir: string;
}

/** Finds, reads and resolves the configuration. Throws ConfigError for any user mistake. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const locale = options.locale ?? 'en';
  const allowCode = options.allowCode ?? true;
  const cwd = path.resolve(options.cwd);
  let filePath: string | undefined;
  if (options.configPath) {
    filePath = path.resolve(cwd, options.configPath);
  } else {
    const found = await findConfigFilesWithKey(cwd);
    if (found.length > 1) {
      const names = found.map((f) => path.basename(f)).join(', ');
      throw new ConfigError([{ path: '', message: t('configTwoFiles', locale, { names }) }], found[0], locale);
    }
    filePath = found[0];
  }
  if (!filePath) return { config: defaultConfig(options.rules), ignores: [], filePath: undefined, baseDir: cwd };
  const problem = (message: string): ConfigError => new ConfigError([{ path: '', message }], filePath, locale);

  let raw: unknown;
  if (configRunsCode(filePath)) {
    if (!allowCode) throw problem(t('configCodeRefused', locale));
    if (!(await isFile(filePath))) throw problem(t('configNotFound', locale));
    let namespace: Record<string, unknown>;
    try {
      namespace = (await import(pathToFileURL(filePath).href)) as Record<string, unknown>;
    } catch (err) {
      throw problem(t('configJsLoadFailed', locale, { detail: errorText(err) }));
    }
    if (!('default' in namespace)) throw problem(t('configJsNoDefault', locale));
    raw = namespace.default;
  } else {
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (err) {
      const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'UNKNOWN';
      throw problem(code === 'ENOENT' ? t('configNotFound', locale) : t('configUnreadable', locale, { code }));
    }
    raw = parseJsonConfig(text, filePath, locale);
    if (path.basename(filePath) === 'package.json') {
      if (!isPlainObject(raw) || !(PACKAGE_JSON_KEY in raw)) throw problem(t('configNoPackageKey', locale, { key: PACKAGE_JSON_KEY }));
      raw = raw[PACKAGE_JSON_KEY];
    }
  }
  const baseDir = path.dirname(filePath);
  const resolved = await resolveConfigFrom(raw, options.rules, { locale, filePath, allowCode, baseDir });
  return { ...resolved, filePath, baseDir };
}

export interface ResolveFromOptions extends ResolveOptions {
  /** The folder packages are resolved from and `ruleFiles` are relative to (the config file's). */
  baseDir: string;
}

/**
 * resolveConfig, after importing what the config names: packages in `plugins` (resolved from
 * `baseDir` as Node resolves ES modules) and `ruleFiles` (relative to `baseDir`). Nothing is
 * imported when code is not allowed; those entries are reported instead.
 */
export async function resolveConfigFrom(raw: unknown, rules: readonly Rule[], options: ResolveFromOptions): Promise<ResolvedConfigFile> {
  const locale = options.locale ?? 'en';
  const preloaded: Preloaded = { packages: new Map(), ruleFiles: new Map() };
  if ((options.allowCode ?? true) && isPlainObject(raw)) {
    const plugins = Array.isArray(raw.plugins) ? (raw.plugins as unknown[]) : [];
    for (const [i, entry] of plugins.entries()) {
      if (typeof entry === 'string') preloaded.packages.set(i, await importPackage(entry, `plugins[${i}]`, options.baseDir, locale));
    }
    const files = Array.isArray(raw.ruleFiles) ? (raw.ruleFiles as unknown[]) : [];
    for (const [i, entry] of files.entries()) {
      if (typeof entry === 'string') preloaded.ruleFiles.set(i, await importRuleFile(entry, `ruleFiles[${i}]`, options.baseDir, locale));
    }
  }
  return resolveWith(raw, rules, options, preloaded);
}

type Loaded = { value: unknown } | { problem: ConfigProblem };

/** A plugin named by package (resolved from baseDir) or by a path (`./…`, relative to baseDir). */
async function importPackage(name: string, at: string, baseDir: string, locale: Locale): Promise<Loaded> {
  if (name.startsWith('.') || path.isAbsolute(name)) {
    const target = path.resolve(baseDir, name);
    if (!(await isFile(target))) return { problem: { path: at, message: t('ruleFileNotFound', locale, { file: target }) } };
    try {
      return { value: await importDefault(target) };
    } catch (err) {
      return { problem: { path: at, message: t('pluginLoadFailed', locale, { name, detail: errorText(err) }) } };
    }
  }
  if (!isPackageSpecifier(name)) return { problem: { path: at, message: t('pluginNotPackageName', locale, { name }) } };
  const file = resolvePackage(name, baseDir);
  if (!file) return { problem: { path: at, message: t('pluginNotFound', locale, { name, from: baseDir }) } };
  try {
    return { value: await importDefault(file) };
  } catch (err) {
    return { problem: { path: at, message: t('pluginLoadFailed', locale, { name, detail: errorText(err) }) } };
  }
}

async function importRuleFile(file: string, at: string, baseDir: string, locale: Locale): Promise<Loaded> {
  const target = path.resolve(baseDir, file);
  if (!(await isFile(target))) return { problem: { path: at, message: t('ruleFileNotFound', locale, { file: target }) } };
  try {
    return { value: await importDefault(target) };
  } catch (err) {
    if (isEsmInCommonJs(target, err)) return { problem: { path: at, message: t('ruleFileRenameMjs', locale, { file }) } };
    return { problem: { path: at, message: t('ruleFileLoadFailed', locale, { file, detail: errorText(err) }) } };
  }
}

/**
 * An ES module in a `.js` file of a CommonJS package (no `"type": "module"` in its package.json):
 * Node reads it as CommonJS and fails on `import`/`export`. The fix is to name it `.mjs`.
 */
function isEsmInCommonJs(file: string, err: unknown): boolean {
  if (!file.endsWith('.js') || !(err instanceof SyntaxError)) return false;
  return /Cannot use import statement outside a module|Unexpected token 'export'/.test(err.message);
}

/**
 * The JSON Schema of a JSON config file (schema/config.json, generated by `npm run docs`): the
 * top-level keys, and for each rule its severity and options as its zod schema describes them,
 * so that editors complete and check `.xxgk-lint.json` given `"$schema"`.
 */
export function configJsonSchema(rules: readonly Rule[]): Record<string, unknown> {
  // Draft 7: the draft editors' JSON language services (VS Code's among them) support best.
  const severity = { $ref: '#/definitions/severity' };
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const options: Record<string, unknown> = z.toJSONSchema(rule.meta.options, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
    delete options.$schema;
    ruleProperties[rule.meta.id] = {
      description: `${rule.meta.description['zh-CN']}\n${rule.meta.description.en}`,
      anyOf: [severity, { type: 'array', items: [severity, options], additionalItems: false, minItems: 1 }],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'xxgk-lint configuration (.xxgk-lint.json, .xxgk-lint.jsonc, package.json "xxgk-lint")',
    type: 'object',
    additionalProperties: false,
    definitions: {
      severity: { description: 'off | warn | error (0 | 1 | 2)', enum: ['off', 'warn', 'error', 0, 1, 2] },
    },
    properties: {
      $schema: { type: 'string' },
      rules: {
        description: 'Rule severities and options: "<rule id>": "off" | "warn" | "error" | [severity, options]',
        type: 'object',
        properties: ruleProperties,
        // Plugin rules: `<plugin>/<rule id>`.
        patternProperties: { '^[^/]+/[^/]+$': { anyOf: [severity, { type: 'array', items: [severity, {}], additionalItems: false, minItems: 1 }] } },
        additionalProperties: false,
      },
      ignores: { description: 'Files not to lint (gitignore syntax, relative to the config file)', type: 'array', items: { type: 'string' } },
      plugins: { description: 'Plugin packages (or ./paths) whose rules to add', type: 'array', items: { type: 'string' } },
      ruleFiles: { description: 'Files (ES modules) that export rules made with defineRule', type: 'array', items: { type: 'string' } },
    },
  };
}
