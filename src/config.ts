/**
 * The configuration file `.xxgk-lint.json`:
 *
 *   { "rules": { "<rule id>": "off" | "warn" | "error" | [severity, options] }, "ignores": ["drafts/**"] }
 *
 * Every problem in a file is collected and reported at once (as Astro does) so that users fix
 * their config in one round instead of one error per run.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ResolvedConfig, RuleSetting } from './lint.ts';
import { t } from './messages.ts';
import type { Rule } from './rule.ts';
import type { Locale, SeverityLevel } from './types.ts';

export const CONFIG_FILE_NAME = '.xxgk-lint.json';

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
export function formatConfigProblems(
  problems: readonly ConfigProblem[],
  filePath: string | undefined,
  locale: Locale,
): string {
  const header = t('configProblems', locale, { file: filePath ?? CONFIG_FILE_NAME });
  const lines = problems.map((p) => (p.path ? `  ! ${p.path}  ${p.message}` : `  ! ${p.message}`));
  return [header, ...lines].join('\n');
}

export interface ResolveOptions {
  locale?: Locale;
  /** Named in error messages. */
  filePath?: string;
}

export interface ResolvedConfigFile {
  config: ResolvedConfig;
  /** Patterns (gitignore syntax) of files not to lint, relative to the config file's folder. */
  ignores: string[];
}

const FileSchema = z.strictObject({
  // Lets editors validate the file against a JSON schema.
  $schema: z.string().optional(),
  rules: z.record(z.string(), z.unknown()).optional(),
  ignores: z.array(z.string()).optional(),
});
const TOP_LEVEL_KEYS = ['rules', 'ignores', '$schema'];

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

/**
 * Validates a parsed config object against the given rules and merges it over the defaults.
 * Throws ConfigError listing every problem. Used by the CLI and by other adapters.
 */
export function resolveConfig(raw: unknown, rules: readonly Rule[], options: ResolveOptions = {}): ResolvedConfigFile {
  const locale = options.locale ?? 'en';
  const zodLocale = locale === 'zh-CN' ? z.locales.zhCN() : z.locales.en();
  const fail = (problems: ConfigProblem[]): never => {
    throw new ConfigError(problems, options.filePath, locale);
  };

  if (!isPlainObject(raw)) {
    return fail([{ path: '', message: t('configNotObject', locale) }]);
  }
  const parsed = FileSchema.safeParse(raw, { error: zodLocale.localeError });
  const problems: ConfigProblem[] = parsed.success ? [] : parsed.error.issues.flatMap((issue) => topLevelProblems(issue, locale));

  // Rule entries are checked even when something else is wrong, so that one run lists everything.
  const entries = 'rules' in raw && isPlainObject(raw.rules) ? Object.entries(raw.rules) : [];
  const settings: Record<string, RuleSetting> = { ...defaultConfig(rules).rules };
  const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));
  for (const [id, entry] of entries) {
    const rule = byId.get(id);
    if (!rule) {
      problems.push({ path: `rules.${id}`, message: unknownRuleMessage(id, [...byId.keys()], locale) });
      continue;
    }
    const result = parseRuleEntry(entry, rule, `rules.${id}`, locale, zodLocale.localeError);
    if ('problems' in result) problems.push(...result.problems);
    else settings[id] = result.setting;
  }
  if (problems.length > 0 || !parsed.success) return fail(problems);
  return { config: { rules: settings }, ignores: parsed.data.ignores ?? [] };
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

function unknownRuleMessage(id: string, known: readonly string[], locale: Locale): string {
  const close = closeMatches(id, known);
  if (close.length > 0) return t('configUnknownRuleSuggest', locale, { suggestion: close.join(', ') });
  return t('configUnknownRule', locale, { known: [...known].sort().join(', ') || '—' });
}

/** `a.b[1].c` from zod's path segments. */
function formatPath(segments: readonly PropertyKey[]): string {
  return segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('');
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

/** The nearest `.xxgk-lint.json` in `startDir` or a folder above it. */
export async function findConfigFile(startDir: string): Promise<string | undefined> {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (await isFile(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export interface LoadConfigOptions {
  cwd: string;
  /** An explicit config file (`--config`); otherwise the nearest `.xxgk-lint.json` is used. */
  configPath?: string;
  rules: readonly Rule[];
  locale?: Locale;
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
  const cwd = path.resolve(options.cwd);
  const filePath = options.configPath ? path.resolve(cwd, options.configPath) : await findConfigFile(cwd);
  if (!filePath) return { config: defaultConfig(options.rules), ignores: [], filePath: undefined, baseDir: cwd };

  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'UNKNOWN';
    const message = code === 'ENOENT' ? t('configNotFound', locale) : t('configUnreadable', locale, { code });
    throw new ConfigError([{ path: '', message }], filePath, locale);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ConfigError([{ path: '', message: t('configBadJson', locale, { detail }) }], filePath, locale);
  }
  const resolved = resolveConfig(raw, options.rules, { locale, filePath });
  return { ...resolved, filePath, baseDir: path.dirname(filePath) };
}
