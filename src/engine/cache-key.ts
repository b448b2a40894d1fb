/**
 * The cache's key (`--cache`): everything but the files' content that changes a result. The
 * tool's version, the effective config (every rule's severity and options), the rule set (ids,
 * messages and code of each rule, plugins' and rule files' included, with the modules they
 * import), the locale and the options that change results. Anything of it changing invalidates
 * the whole cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rule } from '../rule.ts';
import type { Locale } from '../types.ts';
import { CACHE_FORMAT as FORMAT } from './cache-file.ts';
import { CodeHashes } from './file-hash.ts';
import type { ResolvedConfig } from './lint.ts';
import { originalRule, resolvePackage } from './plugins.ts';
import { VERSION } from './version.ts';

export interface CacheKeyInput {
  config: ResolvedConfig;
  rules: readonly Rule[];
  locale: Locale;
  reportUnusedDisable: boolean;
  /** Results carry the report model (the html format draws the tables from it). */
  keepModel?: boolean;
  /** What makes a file a report or not (the config's `reports`, `notReports` and their folder). */
  classification?: { reports?: readonly string[]; notReports?: readonly string[]; baseDir?: string };
  /** The digest of the code that makes the results (see codeDigest). */
  code?: string;
}

/** The key of everything but the files' content. */
export function cacheKey(input: CacheKeyInput): string {
  const hash = createHash('sha256');
  hash.update(`xxgk-lint ${VERSION}\0format ${FORMAT}\0${input.locale}\0${input.reportUnusedDisable ? 1 : 0}\0${input.keepModel ? 1 : 0}\0`);
  hash.update(`${stableJson(input.classification ?? null)}\0${stableJson(input.config.agencies ?? null)}\0${input.code ?? ''}\0`);
  for (const rule of input.rules) {
    hash.update(`${rule.meta.id}\0${String(rule.meta.defaultSeverity)}\0${JSON.stringify(rule.meta.messages)}\0`);
    hash.update(`${ruleCode(rule)}\0`);
    hash.update(`${stableJson(input.config.rules[rule.meta.id] ?? null)}\0`);
  }
  return hash.digest('hex');
}

/** The source of a rule's check (plugin rules keep their original under prefixRule's wrapper). */
function ruleCode(rule: Rule): string {
  return String(originalRule(rule).check);
}

/** JSON with object keys sorted, so that equal configs give equal keys. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** Relative module specifiers in a module's text (import … from, import(), export … from, require()). */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
/** Bare specifiers (packages), followed from the config's own modules only (a plugin's package). */
const BARE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]((?:@[\w.-]+\/)?[\w.-]+)['"]/g;
const MAX_GRAPH_FILES = 2000;

/**
 * A digest of the code that makes the results: every module reachable by relative imports from
 * `entries` (the config's JavaScript, plugins, rule files — helper modules included), and the
 * packages the entries import by name; plus the running bundle itself (the built-in rules and the
 * engine) when run from dist/. A rule changed in a helper module then changes the key. The
 * bundle's files are hashed through `code` (their hashes kept in the cache with their signatures:
 * a warm run reads them only when they changed).
 */
export async function codeDigest(entries: readonly string[], code: CodeHashes = new CodeHashes()): Promise<string> {
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const queue: Array<{ file: string; entry: boolean }> = entries.map((file) => ({ file, entry: true }));
  const self = fileURLToPath(import.meta.url);
  const chunks = self.endsWith('.js') ? npmBundle(self) : undefined;
  if (chunks) {
    // The npm bundle: its entries and every chunk, hashed as bytes (no imports to follow).
    for (const file of chunks) hash.update(`${file}\0${(await code.hash(file)) ?? 'missing'}\0`);
  } else if (self.endsWith('.js')) queue.push(...bundleFiles(path.dirname(self)).map((file) => ({ file, entry: false })));
  while (queue.length > 0 && seen.size < MAX_GRAPH_FILES) {
    const { file, entry } = queue.shift() as { file: string; entry: boolean };
    if (seen.has(file)) continue;
    seen.add(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      hash.update(`${file}\0missing\0`);
      continue;
    }
    hash.update(`${file}\0${createHash('sha256').update(text).digest('base64')}\0`);
    for (const match of text.matchAll(RELATIVE_IMPORT)) {
      const target = resolveRelative(path.resolve(path.dirname(file), match[1] as string));
      if (target) queue.push({ file: target, entry: false });
    }
    if (!entry) continue;
    for (const match of text.matchAll(BARE_IMPORT)) {
      const name = match[1] as string;
      if (name === 'zod' || name === 'xxgk-lint') continue;
      const target = resolvePackage(name, path.dirname(file));
      if (target && !target.startsWith('node:')) queue.push({ file: target, entry: false });
    }
  }
  return hash.digest('base64');
}

function resolveRelative(target: string): string | undefined {
  for (const candidate of [target, `${target}.js`, `${target}.mjs`, `${target}.cjs`, path.join(target, 'index.js')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/**
 * The files of the npm bundle when this module is one of its chunks (dist/chunks/*.js): the
 * entries (cli.js, worker.js, index.js, remark.js) and every chunk; undefined otherwise.
 */
function npmBundle(self: string): string[] | undefined {
  const dir = path.dirname(self);
  if (path.basename(dir) !== 'chunks') return undefined;
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.js'));
  } catch {
    return undefined;
  }
  const top = path.dirname(dir);
  const entries = ['cli.js', 'worker.js', 'index.js', 'remark.js'].map((f) => path.join(top, f)).filter((f) => existsSync(f));
  return [...entries, ...names.sort().map((f) => path.join(dir, f))];
}

/** The bundle next to this module (dist/cli.js, worker.js, index.js, remark.js, action.js), when run from dist/. */
function bundleFiles(dir: string): string[] {
  const top = path.basename(dir) === 'chunks' ? path.dirname(dir) : dir;
  return ['cli.js', 'worker.js', 'index.js', 'remark.js', 'action.js'].map((f) => path.join(top, f)).filter((f) => existsSync(f));
}
