/**
 * Turns command-line arguments (files, folders, globs) into the list of files to lint.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { isInside, toPosix } from './paths.ts';

export interface ExpandOptions {
  /** Relative arguments and the working directory's .gitignore are resolved against this. */
  cwd: string;
  /** Patterns (gitignore syntax) that exclude files found in folders or by globs. */
  ignores?: readonly string[];
  /** The folder `ignores` are relative to (the config file's folder); defaults to cwd. */
  ignoresBase?: string;
  /** Lists a folder (tests replace it: as root, no folder is unreadable). */
  readDir?: (dir: string) => Promise<Dirent[]>;
  /** Extensions of the files picked up in folders (default ['.md']). */
  extensions?: readonly string[];
  /** More patterns to exclude (`--ignore-pattern`, gitignore syntax), relative to cwd. */
  ignorePatterns?: readonly string[];
  /** `--no-ignore` (ESLint's): neither `ignores` nor `ignorePatterns` applies, to named files or in folders. */
  noIgnore?: boolean;
  /**
   * Whether the `ignores` of the file's own config files (config per folder, below the working
   * folder's) exclude it: such files are left out of searches and named ones are `ignored`.
   */
  ignoredByConfig?: (file: string) => Promise<boolean>;
}

export interface ExpandResult {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Arguments that named no file: missing paths, globs without matches, folders without .md files. */
  unmatched: Unmatched[];
  /**
   * Files named explicitly that `ignores` or `ignorePatterns` exclude: not linted; the CLI warns
   * about each, as ESLint does. Absolute, sorted.
   */
  ignored: string[];
}

export interface Unmatched {
  pattern: string;
  /**
   * emptyFolder: a folder without .md files; allIgnored: everything found is excluded by .gitignore
   * or `ignores`; noMatch: a missing path or a glob that matched nothing; unreadable: a folder
   * inside a folder searched could not be listed (its reports, if any, were not linted).
   */
  reason: 'emptyFolder' | 'allIgnored' | 'noMatch' | 'unreadable';
}

/** Never searched, whatever the ignore files say. */
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** A set of gitignore-style patterns and the folder they are relative to. */
interface IgnoreScope {
  base: string;
  matcher: Ignore;
}

/**
 * Arguments starting with `!` exclude (`'!drafts/**'`, as markdownlint-cli2 and globby read them):
 * they apply to files found in folders and by globs, not to files named explicitly. Ignore files
 * are honoured as git does: `.git/info/exclude` and every `.gitignore` from the repository root
 * (or cwd outside a repository) down to each file's folder.
 */
export async function expandPaths(args: readonly string[], options: ExpandOptions): Promise<ExpandResult> {
  const cwd = path.resolve(options.cwd);
  const negated = args.filter((a) => a.startsWith('!') && a.length > 1).map((a) => a.slice(1));
  const positive = args.filter((a) => !(a.startsWith('!') && a.length > 1));
  const patterns = positive.length > 0 ? positive : ['.'];
  const baseScopes: IgnoreScope[] = [];
  const repo = await repositoryRoot(cwd);
  const exclude = repo ? await ignoreFileScope(repo, path.join(repo, '.git/info/exclude')) : undefined;
  if (exclude) baseScopes.push(exclude);
  // Issue 21 item 1: `ignores` and --ignore-pattern also skip files named explicitly (with a
  // warning, as ESLint does), unless --no-ignore; `!` arguments and .gitignore files only apply to searches.
  const namedScopes: IgnoreScope[] = [];
  if (!options.noIgnore && options.ignores && options.ignores.length > 0) {
    namedScopes.push({ base: path.resolve(cwd, options.ignoresBase ?? cwd), matcher: ignore().add([...options.ignores]) });
  }
  const patternsToIgnore = options.noIgnore ? [] : (options.ignorePatterns ?? []);
  if (patternsToIgnore.length > 0) namedScopes.push({ base: cwd, matcher: ignore().add([...patternsToIgnore]) });
  baseScopes.push(...namedScopes);
  if (negated.length > 0) baseScopes.push({ base: cwd, matcher: ignore().add(negated) });
  const gitignores = new GitignoreTree(repo ?? cwd);

  const found = new Set<string>();
  const unmatched: Unmatched[] = [];
  const readDir = options.readDir ?? ((dir: string) => Promise.resolve(readdirSync(dir, { withFileTypes: true })));
  const ignored = new Set<string>();
  for (const pattern of patterns) {
    const named = path.resolve(cwd, pattern);
    const byConfig = options.noIgnore ? undefined : options.ignoredByConfig;
    if ((await pathKind(named)) === 'file' && (isIgnored(named, namedScopes) || (await byConfig?.(named)))) {
      ignored.add(named);
      continue;
    }
    const matches = await expandOne(pattern, cwd, baseScopes, gitignores, folderGlob(options.extensions));
    if ('reason' in matches) unmatched.push({ pattern, reason: matches.reason });
    else for (const file of matches.files) found.add(file);
    // The search skips folders it cannot list without a word: name them.
    const absolute = path.resolve(cwd, pattern);
    if ((await pathKind(absolute)) === 'directory') {
      for (const dir of await unreadableFolders(absolute, baseScopes, readDir)) {
        const relative = path.relative(cwd, dir);
        unmatched.push({ pattern: isInside(relative) ? toPosix(relative) : toPosix(dir), reason: 'unreadable' });
      }
    }
  }
  if (options.ignoredByConfig && !options.noIgnore) for (const file of found) if (await options.ignoredByConfig(file)) found.delete(file);
  return { files: [...found].sort(compareStrings), unmatched, ignored: [...ignored].filter((f) => !found.has(f)).sort(compareStrings) };
}

/** `**\/*.md`, or `**\/*.{md,html,docx,pdf}` when the config names more extensions. */
function folderGlob(extensions: readonly string[] = ['.md']): string {
  const names = [...new Set(extensions.map((e) => e.replace(/^\./, '')))];
  return names.length === 1 ? `**/*.${names[0]}` : `**/*.{${names.join(',')}}`;
}

async function expandOne(
  pattern: string,
  cwd: string,
  baseScopes: readonly IgnoreScope[],
  gitignores: GitignoreTree,
  inFolders: string,
): Promise<{ files: string[] } | { reason: Unmatched['reason'] }> {
  const absolute = path.resolve(cwd, pattern);
  const kind = await pathKind(absolute);
  // An explicitly named file is what the user asked for, whatever its extension or ignore rules.
  if (kind === 'file') return { files: [absolute] };
  if (kind === 'directory') return search(inFolders, absolute, baseScopes, gitignores, 'emptyFolder');
  const globPattern = toGlob(pattern);
  // tinyglobby (with picomatch and fdir) is loaded only for a folder or a pattern: a run of named files needs none.
  const { isDynamicPattern } = await import('tinyglobby');
  if (isDynamicPattern(globPattern)) return search(globPattern, cwd, baseScopes, gitignores, 'noMatch');
  return { reason: 'noMatch' };
}

async function search(
  pattern: string,
  cwd: string,
  scopes: readonly IgnoreScope[],
  gitignores: GitignoreTree,
  whenNone: Unmatched['reason'],
): Promise<{ files: string[] } | { reason: Unmatched['reason'] }> {
  const { glob } = await import('tinyglobby');
  const all = await glob(pattern, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: ALWAYS_IGNORED });
  if (all.length === 0) return { reason: whenNone };
  const files: string[] = [];
  for (const file of await withinRoot(
    all.map((found) => path.resolve(found)),
    cwd,
  )) {
    if (!isIgnored(file, scopes) && !isIgnored(file, await gitignores.scopesFor(file))) files.push(file);
  }
  return files.length > 0 ? { files } : { reason: 'allIgnored' };
}

/**
 * Files found by searching a folder (or a glob from the working directory) follow symbolic links
 * only within it: a link to `../.git/config` or `/proc/self/environ` in a checkout is not read.
 * A symlink loop offers the same file under many paths: each real file is linted once (the first
 * path in order). Files named explicitly are not filtered: the user asked for them.
 */
async function withinRoot(files: readonly string[], root: string): Promise<string[]> {
  const realRoot = realPath(root) ?? root;
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const file of [...files].sort(compareStrings)) {
    const real = realPath(file);
    if (real === undefined || seen.has(real)) continue;
    // Not a link (its real path is itself, through a linked root) or a link that stays inside.
    if (real !== file && !isInside(path.relative(realRoot, real))) continue;
    seen.add(real);
    kept.push(file);
  }
  return kept;
}

/** Folders under `root` (not hidden, not node_modules or ignored) that cannot be listed. */
async function unreadableFolders(root: string, scopes: readonly IgnoreScope[], readDir: (dir: string) => Promise<Dirent[]>): Promise<string[]> {
  const unreadable: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = await readDir(dir);
    } catch (err) {
      const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
      if (code === 'EACCES' || code === 'EPERM') unreadable.push(dir);
      continue;
    }
    for (const entry of entries) {
      // As the search: no hidden folders, no node_modules, no symlinks followed, nothing ignored.
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const sub = path.join(dir, entry.name);
      if (!isIgnored(sub, scopes) && !isIgnored(`${sub}${path.sep}x`, scopes)) pending.push(sub);
    }
  }
  return unreadable.sort(compareStrings);
}

/** The `.gitignore` files from `top` down to a file's folder, each read once. */
class GitignoreTree {
  private readonly cache = new Map<string, Promise<IgnoreScope | undefined>>();
  constructor(private readonly top: string) {}

  async scopesFor(file: string): Promise<IgnoreScope[]> {
    const relative = path.relative(this.top, path.dirname(file));
    // A file outside the tree (a glob like ../x/*.md) gets the .gitignore files of its own folders.
    const parts = isInside(relative) || relative === '' ? relative.split(path.sep).filter(Boolean) : [];
    const top = isInside(relative) || relative === '' ? this.top : path.dirname(file);
    const dirs = [top, ...parts.map((_, i) => path.join(top, ...parts.slice(0, i + 1)))];
    const scopes: IgnoreScope[] = [];
    for (const dir of dirs) {
      let scope = this.cache.get(dir);
      if (!scope) {
        scope = ignoreFileScope(dir, path.join(dir, '.gitignore'));
        this.cache.set(dir, scope);
      }
      const found = await scope;
      if (found) scopes.push(found);
    }
    return scopes;
  }
}

/** The folder holding `.git` at or above `dir`, if any. */
async function repositoryRoot(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((await pathKind(path.join(current, '.git'))) !== 'missing') return current;
    if (path.dirname(current) === current) return undefined;
  }
}

function isIgnored(file: string, scopes: readonly IgnoreScope[]): boolean {
  return scopes.some(({ base, matcher }) => {
    const relative = path.relative(base, file);
    // `ignore` only accepts paths inside its base; patterns say nothing about files elsewhere.
    if (!isInside(relative)) return false;
    return matcher.ignores(toPosix(relative));
  });
}

// The file system is asked synchronously below: one call a file or folder, most of them of
// files already listed (the promise API cost a warm run of 300 reports some 15 ms of its CPU).

/** The real path (symbolic links resolved, as realpath(3)), or undefined when there is none. */
function realPath(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

async function ignoreFileScope(dir: string, file: string): Promise<IgnoreScope | undefined> {
  // No .gitignore (or an unreadable one, or a folder of that name): nothing to honour.
  if ((await pathKind(file)) !== 'file') return undefined;
  try {
    return { base: dir, matcher: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

async function pathKind(absolute: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    const info = statSync(absolute, { throwIfNoEntry: false });
    return info === undefined ? 'missing' : info.isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

/** Globs use forward slashes; on Windows users type backslashes as path separators. */
function toGlob(pattern: string): string {
  return path.sep === '\\' ? pattern.replaceAll('\\', '/') : pattern;
}

/** Code-unit order: the same on every platform and locale, unlike localeCompare. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `--shard i/n`: 1-based index and count. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The files of one shard: those whose path relative to `base` (with forward slashes) hashes to
 * `index - 1` modulo `count`. Stable across machines and runs, independent of the other files, so
 * the shards 1/n … n/n of one file list are disjoint and together are the whole list.
 */
export function shardFiles(files: readonly string[], base: string, shard: Shard): string[] {
  if (shard.count <= 1) return [...files];
  return files.filter((file) => fnv1a(toPosix(path.relative(base, file))) % shard.count === shard.index - 1);
}

/** FNV-1a, 32 bits, over UTF-16 code units: small, fast and the same everywhere. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
