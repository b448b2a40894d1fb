/** Where the config is: the nearest config file, from a folder up to the repository root. */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isPlainObject } from './resolve.ts';
import { CONFIG_FILE_NAMES, PACKAGE_JSON_KEY } from './schema.ts';

/** The nearest config file (any of CONFIG_FILE_NAMES) in `startDir` or a folder above it. */
export async function findConfigFile(startDir: string): Promise<string | undefined> {
  return (await findConfigFilesWithKey(startDir))[0];
}

/** What a search found from each folder, shared by the searches of one run (see findConfigFilesWithKey). */
export type FoundIn = Map<string, Promise<string[]>>;

/**
 * findConfigFiles, passing over a package.json without the `xxgk-lint` key: when that leaves a
 * folder with no config, the search goes on from the folder above. With `memo`, each folder is
 * looked at once for all the searches that pass through it (a run over many folders of one tree
 * asked the same folders above them again for each; a warm run over 300 reports spent some 6 % of its main thread there).
 */
export async function findConfigFilesWithKey(startDir: string, memo?: FoundIn): Promise<string[]> {
  let dir = path.resolve(startDir);
  for (;;) {
    const found = await findConfigFiles(dir, memo);
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
 * The config files of the nearest folder that has any, in order of precedence. The search stops at
 * the repository root (the folder holding `.git`, a folder or a worktree's file), as ESLint stops
 * at its project: a config above the checkout (another user's, a CI runner's) must not turn rules
 * off or run code.
 */
function findConfigFiles(startDir: string, memo?: FoundIn): Promise<string[]> {
  const dir = path.resolve(startDir);
  const known = memo?.get(dir);
  if (known) return known;
  const found = (async (): Promise<string[]> => {
    const here: string[] = [];
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (await isFile(candidate)) here.push(candidate);
    }
    if (here.length > 0) return here;
    if (await exists(path.join(dir, '.git'))) return [];
    const parent = path.dirname(dir);
    return parent === dir ? [] : findConfigFiles(parent, memo);
  })();
  memo?.set(dir, found);
  return found;
}

// The lookups stat five names a folder, most of them missing: synchronous, without an error made
// for each missing name (the promise API's cost a warm run some 20 ms on 48 folders).
async function exists(file: string): Promise<boolean> {
  return statOrNone(file) !== undefined;
}

export async function isFile(file: string): Promise<boolean> {
  return statOrNone(file)?.isFile() === true;
}

function statOrNone(file: string): ReturnType<typeof statSync> {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Whether loading this config file runs code: any JavaScript or TypeScript module (by its
 * extension). The CLI's --no-code and the Action's untrusted events refuse these.
 */
export function configRunsCode(file: string): boolean {
  return /\.[cm]?[jt]sx?$/i.test(file);
}
