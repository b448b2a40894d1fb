/** Reads (JSON without prototype setters, or a JavaScript module) and resolves a config file. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { t } from '../messages.ts';
import { errorText, importDefault, isPackageSpecifier, resolvePackage } from '../plugins.ts';
import type { Rule } from '../../rule.ts';
import type { Locale } from '../../types.ts';
import { ConfigError, type ConfigProblem } from './errors.ts';
import type { ConfigCascade } from './cascade.ts';
import { configRunsCode, isFile } from './find.ts';
import { isPlainObject, resolveWith, type Preloaded, type ResolvedConfigFile, type ResolveOptions } from './resolve.ts';
import { PACKAGE_JSON_KEY } from './schema.ts';

/**
 * Parses a JSON config as JSONC (comments, trailing commas). Throws ConfigError naming the line
 * and column of the first syntax error. Keys are own properties whatever their name: a
 * `"__proto__"` key is a key (which the schema then refuses), never the object's prototype, so
 * that `{"__proto__": {"rules": …}}` cannot slip settings past the checks.
 */
export function parseJsonConfig(text: string, filePath: string | undefined, locale: Locale): unknown {
  const source = text.replace(/^\uFEFF/, '');
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { allowTrailingComma: true, allowEmptyContent: false, disallowComments: false });
  const first = errors[0];
  if (!first) return tree ? valueOf(tree) : undefined;
  const before = source.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - (before.lastIndexOf('\n') + 1) + 1;
  const detail = printParseErrorCode(first.error);
  throw new ConfigError([{ path: `${line}:${column}`, message: t('configBadJson', locale, { detail }) }], filePath, locale);
}

/** The value of a JSON node, objects built with own properties only (no `__proto__` setter). */
function valueOf(node: JsonNode): unknown {
  if (node.type === 'array') return (node.children ?? []).map(valueOf);
  if (node.type !== 'object') return node.value as unknown;
  const out: Record<string, unknown> = {};
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    Object.defineProperty(out, String(key.value), { value: valueOf(value), enumerable: true, writable: true, configurable: true });
  }
  return out;
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
  // Issue 21 item 5 (ESLint 10's --rule and --no-config-lookup).
  /** Rule settings laid over the config's (`--rule`): a severity alone keeps the config's options. */
  ruleOverrides?: Readonly<Record<string, unknown>>;
  /** `--no-config-lookup`: no config file is searched for (`configPath` still applies). */
  noConfigLookup?: boolean;
}

export interface LoadedConfig extends ResolvedConfigFile {
  /** The file read, or undefined when none was found and the defaults apply. */
  filePath: string | undefined;
  /**
   * The modules the config loaded (a JavaScript config, plugins named by package or path, rule
   * files): the cache keys on their module graphs, so that a rule changed in a helper module is
   * linted again.
   */
  codeFiles?: string[];
  /** The folder `ignores`, `reports` and `notReports` are relative to (the farthest config file's). */
  baseDir: string;
  /** `--rule` and `--no-config-lookup` as given: worker processes load the config with them too. */
  lookup?: Pick<LoadConfigOptions, 'ruleOverrides' | 'noConfigLookup'>;
  /** `--config` as given (resolved): the one config file of every folder. */
  configPath?: string;
  /** The config files merged, farthest first (the nearest is `filePath`). */
  configFiles?: string[];
  /**
   * Each file's own settings (issue 21: config per folder and `overrides`); absent with
   * `--no-config-lookup` and no `--config`, when every file gets these settings.
   */
  cascade?: ConfigCascade;
}

/**
 * Reads one config file: JSONC (a package.json's `xxgk-lint` key) or a JavaScript module's default
 * export. Throws ConfigError naming the file.
 */
export async function readConfigFile(filePath: string, allowCode: boolean, locale: Locale): Promise<{ raw: unknown; codeFiles: string[] }> {
  const problem = (message: string): ConfigError => new ConfigError([{ path: '', message }], filePath, locale);
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
    return { raw: namespace.default, codeFiles: [filePath] };
  }
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'UNKNOWN';
    throw problem(code === 'ENOENT' ? t('configNotFound', locale) : t('configUnreadable', locale, { code }));
  }
  let raw = parseJsonConfig(text, filePath, locale);
  if (path.basename(filePath) === 'package.json') {
    if (!isPlainObject(raw) || !(PACKAGE_JSON_KEY in raw)) throw problem(t('configNoPackageKey', locale, { key: PACKAGE_JSON_KEY }));
    raw = raw[PACKAGE_JSON_KEY];
  }
  return { raw, codeFiles: [] };
}

/**
 * The raw config with `--rule` settings laid over its `rules`, as ESLint merges them: a severity
 * alone (`"warn"`) keeps the options the config gives the rule. A raw config that is not an
 * object is left for the checks to refuse.
 */
export function withRuleOverrides(raw: unknown, overrides: Readonly<Record<string, unknown>>): unknown {
  if (!isPlainObject(raw)) return raw;
  const rules: Record<string, unknown> = isPlainObject(raw.rules) ? { ...raw.rules } : {};
  for (const [id, setting] of Object.entries(overrides)) {
    const current = rules[id];
    rules[id] = !Array.isArray(setting) && Array.isArray(current) && current.length > 1 ? [setting, ...(current.slice(1) as unknown[])] : setting;
  }
  return { ...raw, rules };
}

export interface ResolveFromOptions extends ResolveOptions {
  /** The folder packages are resolved from and `ruleFiles` are relative to (the config file's). */
  baseDir: string;
  /** Gets the path of each module imported (see LoadedConfig.codeFiles). */
  codeFiles?: string[];
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
      if (typeof entry === 'string') preloaded.packages.set(i, await importPackage(entry, `plugins[${i}]`, options.baseDir, locale, options.codeFiles));
    }
    const files = Array.isArray(raw.ruleFiles) ? (raw.ruleFiles as unknown[]) : [];
    for (const [i, entry] of files.entries()) {
      if (typeof entry === 'string') preloaded.ruleFiles.set(i, await importRuleFile(entry, `ruleFiles[${i}]`, options.baseDir, locale, options.codeFiles));
    }
  }
  return resolveWith(raw, rules, options, preloaded);
}

type Loaded = { value: unknown } | { problem: ConfigProblem };

/** A plugin named by package (resolved from baseDir) or by a path (`./…`, relative to baseDir). */
async function importPackage(name: string, at: string, baseDir: string, locale: Locale, codeFiles?: string[]): Promise<Loaded> {
  if (name.startsWith('.') || path.isAbsolute(name)) {
    const target = path.resolve(baseDir, name);
    if (!(await isFile(target))) return { problem: { path: at, message: t('ruleFileNotFound', locale, { file: target }) } };
    codeFiles?.push(target);
    try {
      return { value: await importDefault(target) };
    } catch (err) {
      return { problem: { path: at, message: t('pluginLoadFailed', locale, { name, detail: errorText(err) }) } };
    }
  }
  if (!isPackageSpecifier(name)) return { problem: { path: at, message: t('pluginNotPackageName', locale, { name }) } };
  const file = resolvePackage(name, baseDir);
  if (!file) return { problem: { path: at, message: t('pluginNotFound', locale, { name, from: baseDir }) } };
  codeFiles?.push(file);
  try {
    return { value: await importDefault(file) };
  } catch (err) {
    return { problem: { path: at, message: t('pluginLoadFailed', locale, { name, detail: errorText(err) }) } };
  }
}

async function importRuleFile(file: string, at: string, baseDir: string, locale: Locale, codeFiles?: string[]): Promise<Loaded> {
  const target = path.resolve(baseDir, file);
  if (!(await isFile(target))) return { problem: { path: at, message: t('ruleFileNotFound', locale, { file: target }) } };
  codeFiles?.push(target);
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
