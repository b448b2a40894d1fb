/**
 * Plugins: packages (or objects) that add rules, written with the same API as the built-in rules.
 *
 *   export default definePlugin({ name: 'fujian', rules: [citeProvincialMeasures] });
 *
 * A plugin's rules are known as `<plugin name>/<rule id>` (`fujian/cite-provincial-measures`), as
 * ESLint names plugin rules, so that a plugin can never take a built-in id, a later built-in rule
 * can never take a plugin's, and two plugins cannot collide. Rules from a config's `ruleFiles` are
 * known as `local/<rule id>`.
 *
 * Loading runs code, so the config loader refuses it when code is not allowed (`--no-code`).
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { RULE_ID, formatPath, ruleProblems, type ErrorMap, type Problem } from '../define-rule.ts';
import type { Rule } from '../rule.ts';
import { t } from './messages.ts';
import type { Locale } from '../types.ts';

export interface Plugin {
  /** kebab-case; the prefix of the plugin's rule ids (`fujian` → `fujian/<rule id>`). */
  name: string;
  /** The rules, with their own (un-prefixed) ids. */
  rules: readonly Rule[];
  /** The plugin's home page (its README), for people reading a finding. */
  url?: string;
}

/** The plugin name rules from a config's `ruleFiles` get. */
export const LOCAL_PLUGIN = 'local';

/** Declares a plugin. Checks the name and the rules' ids here; loading checks the rest. */
export function definePlugin<P extends Plugin>(plugin: P): P {
  if (!RULE_ID.test(plugin.name)) throw new Error(`plugin name "${plugin.name}" must be kebab-case`);
  if (plugin.name === LOCAL_PLUGIN) throw new Error(`plugin name "${LOCAL_PLUGIN}" is reserved for a config's ruleFiles`);
  const seen = new Set<string>();
  for (const rule of plugin.rules) {
    if (seen.has(rule.meta.id)) throw new Error(`plugin ${plugin.name}: rule id "${rule.meta.id}" is defined twice`);
    seen.add(rule.meta.id);
  }
  return Object.freeze(plugin);
}

/** A rule under its plugin-prefixed id. Everything else, `check` and `checkSet` included, is the rule's own. */
export function prefixRule(rule: Rule, pluginName: string): Rule {
  const prefixed: Rule = { meta: Object.freeze({ ...rule.meta, id: `${pluginName}/${rule.meta.id}` }) };
  const { check, checkSet } = rule;
  if (check) prefixed.check = (context) => check.call(rule, context);
  if (checkSet) prefixed.checkSet = (context) => checkSet.call(rule, context);
  Object.freeze(prefixed);
  originals.set(prefixed, rule);
  return prefixed;
}

const originals = new WeakMap<Rule, Rule>();

/** The rule as its plugin defined it (prefixRule wraps it): the cache hashes its code. */
export function originalRule(rule: Rule): Rule {
  return originals.get(rule) ?? rule;
}

// ---- Validation ---------------------------------------------------------------------------------

export { formatPath };

const PluginShape = z.object({
  name: z.string().regex(RULE_ID, 'must be kebab-case (a-z, 0-9, -)'),
  rules: z.array(z.unknown()),
  url: z.string().optional(),
});

/** Checks a plugin object; returns its rules under their prefixed ids, or the problems. */
export function checkPlugin(value: unknown, at: string, locale: Locale, errorMap?: ErrorMap): { plugin: Plugin; rules: Rule[] } | { problems: Problem[] } {
  const shape = PluginShape.safeParse(value, errorMap ? { error: errorMap } : undefined);
  if (!shape.success) {
    const looksLikeRule = typeof value === 'object' && value !== null && 'meta' in value && ('check' in value || 'checkSet' in value);
    if (looksLikeRule) return { problems: [{ path: at, message: t('pluginIsRule', locale) }] };
    return { problems: shape.error.issues.map((issue) => ({ path: `${at}${formatPath(issue.path)}`, message: issue.message })) };
  }
  const plugin = value as Plugin;
  if (plugin.name === LOCAL_PLUGIN) return { problems: [{ path: `${at}.name`, message: t('pluginNameReserved', locale, { name: LOCAL_PLUGIN }) }] };
  return checkRules(plugin.rules, plugin.name, `${at}.rules`, locale, errorMap, plugin);
}

/** Checks a list of rules that will be known as `<prefix>/<id>`. */
export function checkRules(
  values: readonly unknown[],
  prefix: string,
  at: string | ((index: number) => string),
  locale: Locale,
  errorMap?: ErrorMap,
  plugin: Plugin = { name: prefix, rules: values as Rule[] },
): { plugin: Plugin; rules: Rule[] } | { problems: Problem[] } {
  const where = (i: number) => (typeof at === 'function' ? at(i) : `${at}[${i}]`);
  const problems: Problem[] = [];
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  values.forEach((value, i) => {
    const found = ruleProblems(value, where(i), locale, errorMap);
    if (found.length > 0) {
      problems.push(...found);
      return;
    }
    const rule = value as Rule;
    const first = seen.get(rule.meta.id);
    if (first !== undefined) {
      problems.push({ path: `${where(i)}.meta.id`, message: t('ruleIdTwice', locale, { id: `${prefix}/${rule.meta.id}`, first: where(first) }) });
      return;
    }
    seen.set(rule.meta.id, i);
    rules.push(prefixRule(rule, prefix));
  });
  return problems.length > 0 ? { problems } : { plugin, rules };
}

// ---- Loading packages and files -----------------------------------------------------------------

const PACKAGE_NAME = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/i;

/** `name` or `name/sub/path`, scoped or not; undefined for what is not a package specifier. */
function splitSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const segments = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  const name = segments.slice(0, count).join('/');
  if (!PACKAGE_NAME.test(name)) return undefined;
  const rest = segments.slice(count).join('/');
  return { name, subpath: rest ? `./${rest}` : '.' };
}

const CONDITIONS = new Set(['import', 'node', 'default']);

/** Node's PACKAGE_TARGET_RESOLVE for what plugins need: strings, arrays and condition objects. */
function exportTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target.startsWith('./') ? target : undefined;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = exportTarget(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof target === 'object' && target !== null) {
    for (const [condition, value] of Object.entries(target)) {
      if (!CONDITIONS.has(condition)) continue;
      const found = exportTarget(value);
      if (found) return found;
    }
  }
  return undefined;
}

function fromExports(exports: unknown, subpath: string): string | undefined {
  if (typeof exports === 'string' || Array.isArray(exports)) return subpath === '.' ? exportTarget(exports) : undefined;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const keys = Object.keys(exports);
  const entries = exports as Record<string, unknown>;
  // Condition keys at the top level describe ".".
  if (!keys.some((k) => k.startsWith('.'))) return subpath === '.' ? exportTarget(exports) : undefined;
  if (subpath in entries) return exportTarget(entries[subpath]);
  for (const key of keys) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      const target = exportTarget(entries[key]);
      return target?.replace('*', subpath.slice(prefix.length, subpath.length - suffix.length));
    }
  }
  return undefined;
}

const isFile = (file: string): boolean => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** A path without exports: as is, with .js, .mjs or .cjs, or as a folder's index.js. */
function legacyFile(base: string): string | undefined {
  for (const candidate of [base, `${base}.js`, `${base}.mjs`, `${base}.cjs`, path.join(base, 'index.js')]) if (isFile(candidate)) return candidate;
  return undefined;
}

function entryOf(packageDir: string, manifest: { exports?: unknown; main?: unknown }, subpath: string): string | undefined {
  if (manifest.exports !== undefined) {
    const target = fromExports(manifest.exports, subpath);
    return target ? path.join(packageDir, target) : undefined;
  }
  if (subpath !== '.') return legacyFile(path.join(packageDir, subpath));
  return legacyFile(path.join(packageDir, typeof manifest.main === 'string' ? manifest.main : 'index.js'));
}

function readManifest(file: string): { name?: unknown; exports?: unknown; main?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; exports?: unknown; main?: unknown };
  } catch {
    return undefined;
  }
}

/**
 * Where `import(specifier)` would go from a module in `fromDir`, as Node resolves ES modules
 * (`exports` with the import, node and default conditions; `main`; self-reference of the package
 * that holds `fromDir`). Node 20 has no `import.meta.resolve(specifier, parent)`, hence this.
 * Undefined when the package is not installed.
 */
export function resolvePackage(specifier: string, fromDir: string): string | undefined {
  const parsed = splitSpecifier(specifier);
  if (!parsed) return undefined;
  let dir = path.resolve(fromDir);
  let scopeChecked = false;
  for (;;) {
    if (!scopeChecked && existsSync(path.join(dir, 'package.json'))) {
      // The nearest package.json: a package may import itself by name when it has exports.
      scopeChecked = true;
      const manifest = readManifest(path.join(dir, 'package.json'));
      if (manifest?.name === parsed.name && manifest.exports !== undefined) {
        const entry = entryOf(dir, manifest, parsed.subpath);
        if (entry && isFile(entry)) return realpathSync(entry);
      }
    }
    const packageDir = path.join(dir, 'node_modules', parsed.name);
    const manifestFile = path.join(packageDir, 'package.json');
    if (existsSync(manifestFile)) {
      const entry = entryOf(packageDir, readManifest(manifestFile) ?? {}, parsed.subpath);
      if (entry && isFile(entry)) return realpathSync(entry);
      return undefined;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function isPackageSpecifier(specifier: string): boolean {
  return splitSpecifier(specifier) !== undefined && !specifier.startsWith('.');
}

/** How long a rule file, plugin or config module may take to load (its top-level code, awaits included). */
export const MODULE_LOAD_TIMEOUT_MS = 30_000;

/**
 * Imports a file as a module and returns its default export (or the namespace, when it has none).
 * Under a time limit: a top-level await that never settles would otherwise leave the run waiting
 * until Node gives up on it (exit 13, nothing printed); past the limit this rejects with a message
 * that says so, and the caller reports it as that module's problem.
 */
export async function importDefault(file: string, timeoutMs = MODULE_LOAD_TIMEOUT_MS): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`it did not finish loading within ${Math.round(timeoutMs / 100) / 10} s (a top-level await that never settles?)`)),
      timeoutMs,
    );
  });
  try {
    const namespace = (await Promise.race([import(pathToFileURL(file).href), timeout])) as Record<string, unknown>;
    return 'default' in namespace ? namespace.default : namespace;
  } finally {
    clearTimeout(timer);
  }
}

export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  const firstLine = text.split('\n')[0] ?? text;
  return firstLine.length > 300 ? `${firstLine.slice(0, 297)}...` : firstLine;
}
