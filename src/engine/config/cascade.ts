/**
 * Config per folder (issue 21), as ESLint's cascading eslintrc did it: a file's settings are the
 * config files from its folder up to the repository root (the folder holding `.git`, or the
 * filesystem root; a config with `root: true` stops the search), merged farthest first so that
 * the nearer file wins, then the `overrides` entries of those files that match it, in order.
 *
 * Merging: `rules` by rule id (a severity alone keeps the options a farther file gave the rule,
 * as ESLint merges them); `agencies` and `linterOptions` by key; `plugins`, `ruleFiles`,
 * `ignores`, `reports` and `notReports` are added up (patterns stay relative to the file that
 * wrote them: they are rebased onto the farthest file's folder, as ESLint rebased ignorePatterns);
 * `extensions` is the nearest file's. `--rule` settings are laid over the result; `--config`
 * names the one file every linted file uses (its `overrides` still apply), with no search.
 *
 * Settings are resolved once per set of config files and matching overrides and shared: the
 * engine groups files by them (the cache key, the cross-report rules) by identity.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { t } from '../messages.ts';
import type { Rule } from '../../rule.ts';
import type { Locale } from '../../types.ts';
import { ConfigError, type ConfigProblem } from './errors.ts';
import { findConfigFilesWithKey, type FoundIn } from './find.ts';
import { readConfigFile, resolveConfigFrom, withRuleOverrides, type LoadConfigOptions, type LoadedConfig } from './load.ts';
import { checkShape, defaultConfig, isPlainObject } from './resolve.ts';

export interface CascadeOptions {
  rules: readonly Rule[];
  locale: Locale;
  allowCode: boolean;
  /** `--config`: this file for every folder, no search. */
  configPath?: string;
  /**
   * The working folder: a file none of whose folders up to the root has a config file (a file
   * named from outside the project, `xxgk-lint ../other/report.md`) gets its settings, as the
   * run's config applied to every file before configs were looked up per folder.
   */
  fallbackDir?: string;
  ruleOverrides?: Readonly<Record<string, unknown>>;
}

interface Override {
  files: Ignore;
  excluded: Ignore | undefined;
  settings: Record<string, unknown>;
}

interface Layer {
  filePath: string;
  baseDir: string;
  raw: Record<string, unknown>;
  codeFiles: string[];
  overrides: Override[];
}

/** The overrides that match a file: `[layer index, entry index]`. */
type Matched = ReadonlyArray<readonly [number, number]>;

/** Where a rule's setting came from, for the error messages of a merged config. */
interface Origin {
  filePath: string;
  at: string;
}

export class ConfigCascade {
  private readonly layers = new Map<string, Promise<Layer>>();
  private readonly chains = new Map<string, Promise<Layer[]>>();
  /** The config files found from each folder looked at (find.ts). */
  private readonly foundIn: FoundIn = new Map();
  private readonly settings = new Map<string, Promise<LoadedConfig>>();
  private readonly checked = new Map<string, Promise<unknown>>();

  constructor(private readonly options: CascadeOptions) {}

  /** The settings of a folder (no `overrides`: they match files): the working folder's, say. */
  forFolder(dir: string): Promise<LoadedConfig> {
    return this.settle(path.resolve(dir), undefined);
  }

  /** The settings of one file. The same object for every file with the same settings. */
  forFile(file: string): Promise<LoadedConfig> {
    const absolute = path.resolve(file);
    return this.settle(path.dirname(absolute), absolute);
  }

  /** Whether the `ignores` of the file's own config files exclude it. */
  async ignores(file: string): Promise<boolean> {
    const settings = await this.forFile(file);
    if (settings.ignores.length === 0) return false;
    const relative = relativeTo(settings.baseDir, path.resolve(file));
    return relative !== undefined && ignore().add(settings.ignores).ignores(relative);
  }

  private async settle(dir: string, file: string | undefined): Promise<LoadedConfig> {
    let chain = await this.chain(dir);
    const fallback = this.options.fallbackDir;
    if (chain.length === 0 && fallback !== undefined && fallback !== dir) chain = await this.chain(fallback);
    const matched = file ? matchedOverrides(chain, file) : [];
    const key = [...chain.map((layer) => layer.filePath), ...matched.map(([i, j]) => `${i}:${j}`)].join('\0');
    let found = this.settings.get(key);
    if (!found) {
      found = this.resolve(chain, matched, dir);
      this.settings.set(key, found);
    }
    return found;
  }

  private chain(dir: string): Promise<Layer[]> {
    const explicit = this.options.configPath;
    if (explicit) return this.layer(explicit).then((layer) => [layer]);
    let found = this.chains.get(dir);
    if (!found) {
      found = this.lookUp(dir);
      this.chains.set(dir, found);
    }
    return found;
  }

  /** The config files that apply in `dir`, farthest first. */
  private async lookUp(dir: string): Promise<Layer[]> {
    const found = await findConfigFilesWithKey(dir, this.foundIn);
    if (found.length > 1) {
      const names = found.map((f) => path.basename(f)).join(', ');
      throw new ConfigError([{ path: '', message: t('configTwoFiles', this.options.locale, { names }) }], found[0], this.options.locale);
    }
    const file = found[0];
    if (!file) return [];
    const layer = await this.layer(file);
    const parent = path.dirname(layer.baseDir);
    if (layer.raw.root === true || parent === layer.baseDir || (await exists(path.join(layer.baseDir, '.git')))) return [layer];
    return [...(await this.chain(parent)), layer];
  }

  private layer(file: string): Promise<Layer> {
    let found = this.layers.get(file);
    if (!found) {
      found = readLayer(file, this.options);
      this.layers.set(file, found);
    }
    return found;
  }

  private async resolve(chain: readonly Layer[], matched: Matched, dir: string): Promise<LoadedConfig> {
    const { rules, locale, allowCode, ruleOverrides } = this.options;
    const nearest = chain.at(-1);
    if (!nearest) {
      if (!ruleOverrides) return { config: defaultConfig(rules), ignores: [], filePath: undefined, baseDir: dir };
      const resolved = await resolveConfigFrom(withRuleOverrides({}, ruleOverrides), rules, { locale, allowCode, baseDir: dir });
      return { ...resolved, filePath: undefined, baseDir: dir };
    }
    // Every override of these files is checked once, whether or not a file of the run matches it.
    if (chain.some((layer) => layer.overrides.length > 0)) {
      const key = chain.map((layer) => layer.filePath).join('\0');
      let check = this.checked.get(key);
      if (!check) {
        check = this.merge(chain, 'all');
        this.checked.set(key, check);
      }
      await check;
    }
    return this.merge(chain, matched);
  }

  private async merge(chain: readonly Layer[], matched: Matched | 'all'): Promise<LoadedConfig> {
    const { rules, locale, allowCode, ruleOverrides } = this.options;
    const farthest = chain[0] as Layer;
    const nearest = chain.at(-1) as Layer;
    const origins = new Map<string, Origin>();
    let merged: Record<string, unknown> = {};
    chain.forEach((layer, i) => {
      merged = mergeRaw(merged, ownSettings(layer, farthest.baseDir, layer !== nearest), origins, { filePath: layer.filePath, at: 'rules' });
      layer.overrides.forEach((entry, j) => {
        if (matched !== 'all' && !matched.some(([a, b]) => a === i && b === j)) return;
        merged = mergeRaw(merged, entry.settings, origins, { filePath: layer.filePath, at: `overrides[${j}].rules` });
      });
    });
    if (ruleOverrides) merged = withRuleOverrides(merged, ruleOverrides) as Record<string, unknown>;
    const codeFiles = chain.flatMap((layer) => layer.codeFiles);
    try {
      const resolved = await resolveConfigFrom(merged, rules, { locale, filePath: nearest.filePath, allowCode, baseDir: nearest.baseDir, codeFiles });
      return {
        ...resolved,
        filePath: nearest.filePath,
        baseDir: farthest.baseDir,
        ...(chain.length > 1 ? { configFiles: chain.map((layer) => layer.filePath) } : {}),
        ...(codeFiles.length > 0 ? { codeFiles: [...new Set(codeFiles)] } : {}),
      };
    } catch (err) {
      throw attribute(err, origins, locale);
    }
  }
}

/**
 * Finds, reads and resolves the configuration of the working folder. Throws ConfigError for any
 * user mistake. Unless `--no-config-lookup` (without `--config`), the result carries the
 * `cascade` that gives each file its own settings (its folder's config files, the `overrides`
 * that match it).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const locale = options.locale ?? 'en';
  const allowCode = options.allowCode ?? true;
  const cwd = path.resolve(options.cwd);
  const lookup = options.ruleOverrides || options.noConfigLookup ? { lookup: lookupOf(options) } : {};
  if (options.configPath || !options.noConfigLookup) {
    const cascade = new ConfigCascade({
      rules: options.rules,
      locale,
      allowCode,
      ...(options.configPath ? { configPath: path.resolve(cwd, options.configPath) } : {}),
      ...(options.ruleOverrides ? { ruleOverrides: options.ruleOverrides } : {}),
      fallbackDir: cwd,
    });
    const explicit = options.configPath ? { configPath: path.resolve(cwd, options.configPath) } : {};
    return { ...(await cascade.forFolder(cwd)), ...explicit, ...lookup, cascade };
  }
  if (options.ruleOverrides) {
    const resolved = await resolveConfigFrom(withRuleOverrides({}, options.ruleOverrides), options.rules, { locale, allowCode, baseDir: cwd });
    return { ...resolved, filePath: undefined, baseDir: cwd, ...lookup };
  }
  return { config: defaultConfig(options.rules), ignores: [], filePath: undefined, baseDir: cwd, ...lookup };
}

/**
 * What a search for files (expandPaths) takes from the config: the working folder's `ignores`
 * and `extensions`, and each file's own config files' `ignores` (config per folder).
 */
export function searchSettings(loaded: LoadedConfig): {
  ignores: readonly string[];
  ignoresBase: string;
  extensions?: readonly string[];
  ignoredByConfig?: (file: string) => Promise<boolean>;
} {
  const cascade = loaded.cascade;
  return {
    ignores: loaded.ignores,
    ignoresBase: loaded.baseDir,
    ...(loaded.extensions ? { extensions: loaded.extensions } : {}),
    ...(cascade ? { ignoredByConfig: (file: string) => cascade.ignores(file) } : {}),
  };
}

function lookupOf(options: LoadConfigOptions): Pick<LoadConfigOptions, 'ruleOverrides' | 'noConfigLookup'> {
  return { ...(options.ruleOverrides ? { ruleOverrides: options.ruleOverrides } : {}), ...(options.noConfigLookup ? { noConfigLookup: true } : {}) };
}

async function readLayer(filePath: string, options: CascadeOptions): Promise<Layer> {
  const { raw, codeFiles } = await readConfigFile(filePath, options.allowCode, options.locale);
  checkShape(raw, filePath, options.locale);
  const overrides = Array.isArray(raw.overrides) ? (raw.overrides as Array<Record<string, unknown>>) : [];
  return {
    filePath,
    baseDir: path.dirname(filePath),
    raw,
    codeFiles,
    overrides: overrides.map(({ files, excludedFiles, ...settings }) => ({
      files: ignore().add(patterns(files)),
      excluded: excludedFiles === undefined ? undefined : ignore().add(patterns(excludedFiles)),
      settings,
    })),
  };
}

const patterns = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : [String(value)]);

function matchedOverrides(chain: readonly Layer[], file: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  chain.forEach((layer, i) => {
    if (layer.overrides.length === 0) return;
    const relative = relativeTo(layer.baseDir, file);
    if (relative === undefined) return;
    layer.overrides.forEach((entry, j) => {
      if (entry.files.ignores(relative) && !entry.excluded?.ignores(relative)) out.push([i, j]);
    });
  });
  return out;
}

/** `file` relative to `dir` with forward slashes, or undefined when it is not inside it. */
function relativeTo(dir: string, file: string): string | undefined {
  const relative = path.relative(dir, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/**
 * A layer's own settings, ready to merge: patterns rebased onto `base` (the farthest config's
 * folder); with `absolute` (a farther file than the nearest, whose folder the merged config
 * resolves from), rule files and plugins named by path made absolute (relative to their file).
 */
function ownSettings(layer: Layer, base: string, absolute: boolean): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...layer.raw };
  for (const key of ['root', 'overrides', '$schema']) delete rest[key];
  const out: Record<string, unknown> = { ...rest };
  const prefix = path.relative(base, layer.baseDir).split(path.sep).join('/');
  for (const key of ['ignores', 'reports', 'notReports'] as const) {
    if (Array.isArray(rest[key])) out[key] = rebase(rest[key] as string[], prefix);
  }
  if (!absolute) return out;
  if (Array.isArray(rest.ruleFiles)) out.ruleFiles = (rest.ruleFiles as string[]).map((file) => path.resolve(layer.baseDir, file));
  if (Array.isArray(rest.plugins)) {
    out.plugins = (rest.plugins as unknown[]).map((entry) => (typeof entry === 'string' && entry.startsWith('.') ? path.resolve(layer.baseDir, entry) : entry));
  }
  return out;
}

/**
 * Gitignore patterns of a subfolder (`prefix`) as patterns of the folder above: an anchored
 * pattern (one with a slash before its end) gets the prefix, an unanchored one matches at any
 * depth below the prefix (as ESLint rebased ignorePatterns).
 */
export function rebase(list: readonly string[], prefix: string): string[] {
  if (prefix === '') return [...list];
  return list.map((pattern) => {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const anchored = body.replace(/\/$/, '').includes('/');
    return `${negated ? '!' : ''}/${prefix}/${anchored ? body.replace(/^\//, '') : `**/${body}`}`;
  });
}

const ADDED_UP = new Set(['plugins', 'ruleFiles', 'ignores', 'reports', 'notReports']);
const BY_KEY = new Set(['agencies', 'linterOptions']);

function mergeRaw(into: Record<string, unknown>, add: Record<string, unknown>, origins: Map<string, Origin>, origin: Origin): Record<string, unknown> {
  let out: Record<string, unknown> = { ...into };
  for (const [key, value] of Object.entries(add)) {
    if (value === undefined) continue;
    if (key === 'rules' && isPlainObject(value)) {
      out = withRuleOverrides(out, value) as Record<string, unknown>;
      for (const id of Object.keys(value)) origins.set(id, { filePath: origin.filePath, at: `${origin.at}.${id}` });
    } else if (BY_KEY.has(key) && isPlainObject(value)) {
      out[key] = { ...(isPlainObject(out[key]) ? out[key] : {}), ...value };
    } else if (ADDED_UP.has(key) && Array.isArray(value)) {
      out[key] = [...new Set([...(Array.isArray(out[key]) ? (out[key] as unknown[]) : []), ...(value as unknown[])])];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * A merged config's ConfigError, its rule problems named where they were written: the file (and
 * `overrides[i]`) that set the rule. Problems of other files than the first are prefixed with it.
 */
function attribute(err: unknown, origins: ReadonlyMap<string, Origin>, locale: Locale): unknown {
  if (!(err instanceof ConfigError) || origins.size === 0) return err;
  const placed = err.problems.map((problem): { file: string | undefined; problem: ConfigProblem } => {
    const match = /^rules\.([^.[]+)(.*)$/s.exec(problem.path);
    const origin = match ? origins.get(match[1] as string) : undefined;
    return origin ? { file: origin.filePath, problem: { ...problem, path: `${origin.at}${match?.[2] ?? ''}` } } : { file: err.filePath, problem };
  });
  const first = placed[0]?.file;
  const problems = placed.map(({ file, problem }) => (file === first || !file ? problem : { ...problem, path: `${file}: ${problem.path}` }));
  return new ConfigError(problems, first, locale);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
