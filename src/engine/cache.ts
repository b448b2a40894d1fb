/**
 * `--cache`: results of unchanged files are reused. A file's entry is valid when its content hash
 * matches and the whole cache's key matches: the tool's version, the effective config (every
 * rule's severity and options), the rule set (ids, messages and code of each rule, plugins' and
 * rule files' included), the locale and the options that change results. Anything else changing
 * invalidates the whole cache.
 *
 * The file is JSON, written to a temporary file and renamed over the old one (atomic on POSIX and
 * NTFS), so an interrupted run never leaves half a cache; a cache that cannot be read or parsed is
 * ignored (the caller prints a note) and rewritten.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Rule } from '../rule.ts';
import type { Locale } from '../types.ts';
import type { FileOutcome } from './lint-file.ts';
import type { ResolvedConfig } from './lint.ts';
import { originalRule } from './plugins.ts';
import { VERSION } from './version.ts';

/** ESLint's default name is .eslintcache. */
export const DEFAULT_CACHE_FILE = '.xxgk-lint-cache';
// 2: entries hold each file's phase-one outcome (findings before directives, and the digest the
// cross-report rules read), so that those rules still see every report of a cached run.
// 3: digests packed (packed.ts), stored in base64.
const FORMAT = 3;
const UNCACHED_FATAL = new Set(['fileTimeout', 'fileWorkerCrashed', 'fileOutOfMemory', 'internalError']);

interface Entry {
  hash: string;
  outcome: FileOutcome;
}

interface CacheFile {
  format: number;
  key: string;
  entries: Record<string, Entry>;
}

export interface CacheKeyInput {
  config: ResolvedConfig;
  rules: readonly Rule[];
  locale: Locale;
  reportUnusedDisable: boolean;
}

/** The key of everything but the files' content. */
export function cacheKey(input: CacheKeyInput): string {
  const hash = createHash('sha256');
  hash.update(`xxgk-lint ${VERSION}\0format ${FORMAT}\0${input.locale}\0${input.reportUnusedDisable ? 1 : 0}\0`);
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

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

export class ResultCache {
  private readonly entries: Map<string, Entry>;
  private readonly fresh = new Map<string, Entry>();
  private dirty = false;

  private constructor(
    readonly location: string,
    private readonly key: string,
    entries: Record<string, Entry>,
    private readonly base: string,
    /** Set when the existing file could not be used (corrupt or unreadable), for a note. */
    readonly corrupt: boolean,
    /** The file is missing or was written for another key: save() must write it. */
    private readonly stale: boolean,
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  /**
   * Opens the cache at `location` (a file, or a folder to put the default name in, as ESLint
   * reads a trailing slash or an existing folder). Entries are keyed by path relative to `base`.
   */
  static async open(location: string, key: string, base: string): Promise<ResultCache> {
    let file = location;
    if (location.endsWith('/') || location.endsWith(path.sep) || (await isDirectory(location))) file = path.join(location, DEFAULT_CACHE_FILE);
    let text: string;
    try {
      // Decoded in one piece (faster than readFile's streaming decoder on a cache of megabytes).
      text = (await readFile(file)).toString('utf8');
    } catch (err) {
      const missing = typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT';
      return new ResultCache(file, key, {}, base, !missing, true);
    }
    const parsed = parseCache(text);
    if (!parsed) return new ResultCache(file, key, {}, base, true, true);
    return parsed.key === key ? new ResultCache(file, key, parsed.entries, base, false, false) : new ResultCache(file, key, {}, base, false, true);
  }

  /** The cached outcome for this file's bytes, with its current path. */
  get(file: string, hash: string): FileOutcome | undefined {
    const name = this.name(file);
    const entry = this.entries.get(name);
    if (!entry || entry.hash !== hash) return undefined;
    this.fresh.set(name, entry);
    return withPath(entry.outcome, file, 'run');
  }

  /** Whether save() would write anything new: an entry was set, or the file was unusable. */
  get changed(): boolean {
    return this.dirty || this.corrupt || this.stale;
  }

  set(file: string, hash: string, outcome: FileOutcome): void {
    // A timeout or a crashed worker says nothing lasting about the file: lint it again next time.
    const fatal = outcome.result?.fatal ?? outcome.analysis?.failed?.fatal;
    if (fatal && UNCACHED_FATAL.has(fatal.messageId)) return;
    this.fresh.set(this.name(file), { hash, outcome: withPath(outcome, this.name(file), 'stored') });
    this.dirty = true;
  }

  /**
   * Writes the entries of this run (and the old entries of files not linted this time, so that
   * linting part of a tree does not forget the rest), atomically. A run that changed nothing (every
   * file from the cache) leaves the file as it is.
   */
  async save(): Promise<void> {
    if (!this.changed) return;
    const entries: Record<string, Entry> = Object.fromEntries(this.entries);
    for (const [name, entry] of this.fresh) entries[name] = entry;
    const data: CacheFile = { format: FORMAT, key: this.key, entries };
    const temp = `${this.location}.${process.pid}.${Date.now()}.tmp`;
    await mkdir(path.dirname(this.location), { recursive: true });
    try {
      await writeFile(temp, JSON.stringify(data));
      await rename(temp, this.location);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  private name(file: string): string {
    return path.relative(this.base, file).split(path.sep).join('/');
  }
}

/**
 * The outcome under another path (the cache stores paths relative to its folder). The packed
 * digest is stored in base64 (`stored`): ASCII reads and writes much faster than the packed
 * bytes as JSON text.
 */
function withPath(outcome: FileOutcome, filePath: string, packed?: 'stored' | 'run'): FileOutcome {
  const out: FileOutcome = { ...outcome };
  if (outcome.result) out.result = { ...outcome.result, filePath };
  if (outcome.analysis) {
    out.analysis = { ...outcome.analysis, filePath };
    if (outcome.analysis.failed) out.analysis.failed = { ...outcome.analysis.failed, filePath };
    const digest = outcome.analysis.digest;
    if (digest) {
      const bytes =
        packed === 'stored'
          ? Buffer.from(digest.packed, 'latin1').toString('base64')
          : packed === 'run'
            ? Buffer.from(digest.packed, 'base64').toString('latin1')
            : digest.packed;
      out.analysis.digest = { ...digest, filePath, packed: bytes };
    }
  }
  return out;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseCache(text: string): CacheFile | undefined {
  try {
    const data = JSON.parse(text) as unknown;
    if (typeof data !== 'object' || data === null) return undefined;
    const { format, key, entries } = data as Partial<CacheFile>;
    if (format !== FORMAT || typeof key !== 'string' || typeof entries !== 'object' || entries === null) return undefined;
    for (const entry of Object.values(entries)) {
      const outcome = entry?.outcome;
      const digest = outcome?.analysis?.digest;
      const ok =
        typeof outcome === 'object' &&
        outcome !== null &&
        (Array.isArray(outcome.result?.messages) || Array.isArray(outcome.analysis?.messages)) &&
        (digest === undefined || digest === null || (typeof digest.packed === 'string' && BASE64.test(digest.packed)));
      if (typeof entry?.hash !== 'string' || !ok) return undefined;
    }
    return { format, key, entries };
  } catch {
    return undefined;
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
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
