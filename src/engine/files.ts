/**
 * Turns command-line arguments (files, folders, globs) into the list of files to lint.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';
import { isInside, toPosix } from './paths.ts';

export interface ExpandOptions {
  /** Relative arguments and the working directory's .gitignore are resolved against this. */
  cwd: string;
  /** Patterns (gitignore syntax) that exclude files found in folders or by globs. */
  ignores?: readonly string[];
  /** The folder `ignores` are relative to (the config file's folder); defaults to cwd. */
  ignoresBase?: string;
  /** Extensions of the files picked up in folders (default ['.md']). */
  extensions?: readonly string[];
}

export interface ExpandResult {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Arguments that named no file: missing paths, globs without matches, folders without .md files. */
  unmatched: Unmatched[];
}

export interface Unmatched {
  pattern: string;
  /**
   * emptyFolder: a folder without .md files; allIgnored: everything found is excluded by .gitignore
   * or `ignores`; noMatch: a missing path or a glob that matched nothing.
   */
  reason: 'emptyFolder' | 'allIgnored' | 'noMatch';
}

/** Never searched, whatever the ignore files say. */
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** A set of gitignore-style patterns and the folder they are relative to. */
interface IgnoreScope {
  base: string;
  matcher: Ignore;
}

export async function expandPaths(args: readonly string[], options: ExpandOptions): Promise<ExpandResult> {
  const cwd = path.resolve(options.cwd);
  const patterns = args.length > 0 ? args : ['.'];
  const baseScopes: IgnoreScope[] = [];
  const cwdGitignore = await gitignoreScope(cwd);
  if (cwdGitignore) baseScopes.push(cwdGitignore);
  if (options.ignores && options.ignores.length > 0) {
    baseScopes.push({ base: path.resolve(cwd, options.ignoresBase ?? cwd), matcher: ignore().add([...options.ignores]) });
  }

  const found = new Set<string>();
  const unmatched: Unmatched[] = [];
  for (const pattern of patterns) {
    const matches = await expandOne(pattern, cwd, baseScopes, folderGlob(options.extensions));
    if ('reason' in matches) unmatched.push({ pattern, reason: matches.reason });
    else for (const file of matches.files) found.add(file);
  }
  return { files: [...found].sort(compareStrings), unmatched };
}

/** `**\/*.md`, or `**\/*.{md,html,docx}` when the config names more extensions. */
function folderGlob(extensions: readonly string[] = ['.md']): string {
  const names = [...new Set(extensions.map((e) => e.replace(/^\./, '')))];
  return names.length === 1 ? `**/*.${names[0]}` : `**/*.{${names.join(',')}}`;
}

async function expandOne(
  pattern: string,
  cwd: string,
  baseScopes: readonly IgnoreScope[],
  inFolders: string,
): Promise<{ files: string[] } | { reason: Unmatched['reason'] }> {
  const absolute = path.resolve(cwd, pattern);
  const kind = await pathKind(absolute);
  // An explicitly named file is what the user asked for, whatever its extension or ignore rules.
  if (kind === 'file') return { files: [absolute] };
  if (kind === 'directory') {
    const scopes = [...baseScopes];
    const local = absolute === cwd ? undefined : await gitignoreScope(absolute);
    if (local) scopes.push(local);
    return search(inFolders, absolute, scopes, 'emptyFolder');
  }
  const globPattern = toGlob(pattern);
  if (isDynamicPattern(globPattern)) return search(globPattern, cwd, baseScopes, 'noMatch');
  return { reason: 'noMatch' };
}

async function search(
  pattern: string,
  cwd: string,
  scopes: readonly IgnoreScope[],
  whenNone: Unmatched['reason'],
): Promise<{ files: string[] } | { reason: Unmatched['reason'] }> {
  const all = await glob(pattern, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: ALWAYS_IGNORED });
  if (all.length === 0) return { reason: whenNone };
  const files = all.map((file) => path.resolve(file)).filter((file) => !isIgnored(file, scopes));
  return files.length > 0 ? { files } : { reason: 'allIgnored' };
}

function isIgnored(file: string, scopes: readonly IgnoreScope[]): boolean {
  return scopes.some(({ base, matcher }) => {
    const relative = path.relative(base, file);
    // `ignore` only accepts paths inside its base; patterns say nothing about files elsewhere.
    if (!isInside(relative)) return false;
    return matcher.ignores(toPosix(relative));
  });
}

async function gitignoreScope(dir: string): Promise<IgnoreScope | undefined> {
  try {
    const content = await readFile(path.join(dir, '.gitignore'), 'utf8');
    return { base: dir, matcher: ignore().add(content) };
  } catch {
    // No .gitignore (or an unreadable one): nothing to honour.
    return undefined;
  }
}

async function pathKind(absolute: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    const info = await stat(absolute);
    return info.isDirectory() ? 'directory' : 'file';
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
