/**
 * Which files to lint: those the `files` input matches (with .gitignore and the config's
 * `ignores`, as on the command line), and on pull requests with only-changed, only those among
 * them that the pull request adds or changes. Everything left out is recorded with the reason, for
 * the job summary.
 */
import path from 'node:path';
import { expandPaths } from '../../engine/files.ts';
import type { Unmatched } from '../../engine/files.ts';
import { relativePath } from '../../engine/paths.ts';
import type { Octokit } from './checks.ts';

export type SkipReason = 'removed' | 'notMatched' | 'ignored' | Unmatched['reason'];

export interface Skipped {
  /** A path relative to the workspace, or the pattern of `files` that matched nothing. */
  path: string;
  reason: SkipReason;
}

export interface Candidates {
  /** Absolute paths, sorted. */
  files: string[];
  unmatched: Unmatched[];
  /** Files that the patterns match but the config's `ignores` exclude (absolute). */
  ignoredByConfig: Set<string>;
}

export interface IgnoreSettings {
  ignores: readonly string[];
  baseDir: string;
  /** The config's `extensions`: what folders contribute besides .md. */
  extensions?: readonly string[];
  /** Whether the config files of a file's own folder ignore it (config per folder). */
  ignoredByConfig?: (file: string) => Promise<boolean>;
}

export async function expandCandidates(patterns: readonly string[], cwd: string, settings: IgnoreSettings): Promise<Candidates> {
  const extensions = settings.extensions ? { extensions: settings.extensions } : {};
  const byFolder = settings.ignoredByConfig ? { ignoredByConfig: settings.ignoredByConfig } : {};
  const { files, unmatched } = await expandPaths(patterns, { cwd, ignores: settings.ignores, ignoresBase: settings.baseDir, ...extensions, ...byFolder });
  const ignoredByConfig = new Set<string>();
  if (settings.ignores.length > 0 || settings.ignoredByConfig) {
    // The same expansion without the config's ignores: the difference is what they exclude.
    const all = await expandPaths(patterns, { cwd, ...extensions });
    const kept = new Set(files);
    for (const file of all.files) if (!kept.has(file)) ignoredByConfig.add(file);
  }
  return { files, unmatched, ignoredByConfig };
}

/** One entry of GET /repos/{owner}/{repo}/pulls/{pull_number}/files. */
export interface ChangedFile {
  filename: string;
  status: string;
  /** The unified diff (GitHub leaves it out for large or binary files). */
  patch?: string;
}

/** The endpoint lists at most 3000 files of a pull request. */
export const MAX_LISTED_FILES = 3000;

export async function listChangedFiles(octokit: Octokit, owner: string, repo: string, pullNumber: number): Promise<ChangedFile[]> {
  const entries = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 });
  return entries.map((entry) => ({ filename: entry.filename, status: entry.status, ...(entry.patch ? { patch: entry.patch } : {}) }));
}

export interface Selection {
  files: string[];
  skipped: Skipped[];
  /** Changed files that are neither linted nor Markdown: counted, not listed. */
  otherChanged: number;
}

const MARKDOWN = /\.(md|markdown)$/i;

/** The candidates that the pull request adds or changes (any status but removed); `cwd` is where the paths shown start. */
export function selectChanged(candidates: Candidates, changed: readonly ChangedFile[], cwd: string, workspace: string = cwd): Selection {
  const wanted = new Set(candidates.files);
  const files: string[] = [];
  const skipped: Skipped[] = [];
  let otherChanged = 0;
  for (const entry of changed) {
    // GitHub names the files relative to the repository root; they are shown relative to cwd (the working directory).
    const absolute = path.resolve(workspace, entry.filename);
    const shown = relativePath(absolute, cwd);
    if (entry.status === 'removed') {
      if (MARKDOWN.test(entry.filename) || wanted.has(absolute)) skipped.push({ path: shown, reason: 'removed' });
      else otherChanged++;
    } else if (wanted.has(absolute)) {
      files.push(absolute);
    } else if (candidates.ignoredByConfig.has(absolute)) {
      skipped.push({ path: shown, reason: 'ignored' });
    } else if (MARKDOWN.test(entry.filename)) {
      skipped.push({ path: shown, reason: 'notMatched' });
    } else {
      otherChanged++;
    }
  }
  return { files: [...new Set(files)].sort(compare), skipped: [...skipped, ...unmatchedSkips(candidates)], otherChanged };
}

/** Every candidate (push events, or only-changed off). */
export function selectAll(candidates: Candidates, cwd: string): Selection {
  const ignored = [...candidates.ignoredByConfig].sort(compare).map((file): Skipped => ({ path: relativePath(file, cwd), reason: 'ignored' }));
  return { files: candidates.files, skipped: [...ignored, ...unmatchedSkips(candidates)], otherChanged: 0 };
}

function unmatchedSkips(candidates: Candidates): Skipped[] {
  return candidates.unmatched.map((miss) => ({ path: miss.pattern, reason: miss.reason }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
