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
import { existsSync, statSync } from 'node:fs';
import { readFile, rename, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import type { Rule } from '../rule.ts';
import type { Locale } from '../types.ts';
import type { FileOutcome } from './lint-file.ts';
import type { ResolvedConfig } from './lint.ts';
import { originalRule, resolvePackage } from './plugins.ts';
import { VERSION } from './version.ts';

/** ESLint's default name is .eslintcache. */
export const DEFAULT_CACHE_FILE = '.xxgk-lint-cache';
// 2: entries hold each file's phase-one outcome (findings before directives, and the digest the
// cross-report rules read), so that those rules still see every report of a cached run.
// 3: digests packed (packed.ts), stored in base64.
// 4: the key covers the classification, the model kept for the html format and the code's module graphs.
const FORMAT = 4;
/**
 * The cache holds at most this many characters of entries (this run's first, then the older ones
 * still on disk): far above an archive of 10,000 reports, far below what one string can hold.
 */
export const MAX_CACHE_CHARS = 200_000_000;
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
    /** The location is not a regular file (a device, a pipe): nothing is read or written. */
    readonly notRegular = false,
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
    // A device or a pipe (/dev/null, a FIFO) is not a cache: neither read (a FIFO would block) nor
    // replaced by a file.
    const existing = await stat(file).catch(() => undefined);
    if (existing && !existing.isFile()) return new ResultCache(file, key, {}, base, false, false, true);
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
    if (this.notRegular) return undefined;
    const name = this.name(file);
    const entry = this.entries.get(name);
    if (!entry || entry.hash !== hash) return undefined;
    this.fresh.set(name, entry);
    return withPath(entry.outcome, file, 'run');
  }

  /** Whether save() would write anything new: an entry was set, or the file was unusable. */
  get changed(): boolean {
    return !this.notRegular && (this.dirty || this.corrupt || this.stale);
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
    // This run's entries first, then the older ones, up to MAX_CACHE_CHARS.
    const pieces: string[] = [];
    let size = 0;
    const add = (name: string, entry: Entry): boolean => {
      const piece = `${JSON.stringify(name)}:${JSON.stringify(entry)}`;
      if (size + piece.length > MAX_CACHE_CHARS) return false;
      pieces.push(piece);
      size += piece.length + 1;
      return true;
    };
    for (const [name, entry] of this.fresh) if (!add(name, entry)) break;
    for (const [name, entry] of this.entries) if (!this.fresh.has(name) && !add(name, entry)) break;
    const text = `{"format":${FORMAT},"key":${JSON.stringify(this.key)},"entries":{${pieces.join(',')}}}`;
    const temp = `${this.location}.${process.pid}.${Date.now()}.tmp`;
    await mkdir(path.dirname(this.location), { recursive: true });
    try {
      await writeFile(temp, text);
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

/**
 * What an entry must look like to be used: everything the run and the formatters read, with its
 * type. Well-formed JSON of another shape (a hand-edited or foreign file) makes the cache corrupt:
 * ignored with a note, and the files are linted again.
 */
const position = z.number().int().min(0);
const edit = z.object({ range: z.tuple([position, position]), text: z.string() });
const diagnostic = z.looseObject({
  ruleId: z.string(),
  messageId: z.string(),
  severity: z.union([z.literal(1), z.literal(2)]),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  line: position,
  column: position,
  endLine: position,
  endColumn: position,
  fix: edit.optional(),
  suggestions: z.array(z.looseObject({ desc: z.string(), fix: edit })).optional(),
});
const result = z.looseObject({
  filePath: z.string(),
  messages: z.array(diagnostic),
  errorCount: z.number(),
  warningCount: z.number(),
  fatal: z.object({ messageId: z.string(), message: z.string() }).optional(),
  suppressedMessages: z.array(diagnostic).optional(),
});
const point = z.looseObject({ line: position, column: position });
const entrySchema = z.object({
  hash: z.string(),
  outcome: z.looseObject({
    result: result.optional(),
    analysis: z
      .looseObject({
        filePath: z.string(),
        messages: z.array(diagnostic),
        directives: z.array(z.looseObject({ kind: z.string(), ruleIds: z.array(z.string()), start: point, end: point })),
        digest: z.looseObject({ packed: z.string().regex(BASE64) }).nullable(),
        failed: result.optional(),
        model: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
    encoding: z.string().optional(),
    input: z.looseObject({ kind: z.enum(['html', 'docx']), origins: z.array(z.unknown()) }).optional(),
  }),
});

function parseCache(text: string): CacheFile | undefined {
  try {
    const data = JSON.parse(text) as unknown;
    if (typeof data !== 'object' || data === null) return undefined;
    const { format, key, entries } = data as Partial<CacheFile>;
    if (format !== FORMAT || typeof key !== 'string' || typeof entries !== 'object' || entries === null || Array.isArray(entries)) return undefined;
    for (const entry of Object.values(entries)) {
      const parsed = entrySchema.safeParse(entry);
      if (!parsed.success || (!parsed.data.outcome.result && !parsed.data.outcome.analysis)) return undefined;
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

/** Relative module specifiers in a module's text (import … from, import(), export … from, require()). */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
/** Bare specifiers (packages), followed from the config's own modules only (a plugin's package). */
const BARE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]((?:@[\w.-]+\/)?[\w.-]+)['"]/g;
const MAX_GRAPH_FILES = 2000;

/**
 * A digest of the code that makes the results: every module reachable by relative imports from
 * `entries` (the config's JavaScript, plugins, rule files — helper modules included), and the
 * packages the entries import by name; plus the running bundle itself (the built-in rules and the
 * engine) when run from dist/. A rule changed in a helper module then changes the key.
 */
export async function codeDigest(entries: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const queue: Array<{ file: string; entry: boolean }> = entries.map((file) => ({ file, entry: true }));
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.js')) queue.push(...bundleFiles(path.dirname(self)).map((file) => ({ file, entry: false })));
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

/** The bundle next to this module (dist/cli.js, worker.js, index.js, remark.js and the chunks), when run from dist/. */
function bundleFiles(dir: string): string[] {
  const top = path.basename(dir) === 'chunks' ? path.dirname(dir) : dir;
  return ['cli.js', 'worker.js', 'index.js', 'remark.js', 'action.js'].map((f) => path.join(top, f)).filter((f) => existsSync(f));
}
