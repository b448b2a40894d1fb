/**
 * `--cache`: results of unchanged files are reused. A file's entry is valid when its content hash
 * matches and the whole cache's key matches (cache-key.ts). An entry holds the file's phase-one
 * outcome (findings before directives, and the packed digest the cross-report rules read) and its
 * cross-report findings with what they were read from (set-cache.ts): a warm run with nothing
 * changed reads no digest at all.
 *
 * The file (cache-file.ts) is an index and records read one at a time; each record is checked when
 * read (cache-schema.ts): one of another shape is corrupt (a note, and that file is linted again).
 * A cache that cannot be read at all is ignored with the same note and rewritten. The new file is
 * written next to the old one and renamed over it.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CacheReader, CacheWriter, type IndexEntry } from './cache-file.ts';
import { parseCross, parseOutcome } from './cache-schema.ts';
import { CodeHashes, type Hashed } from './file-hash.ts';
import type { FileOutcome } from './lint-file.ts';
import { placedDigest } from './packed.ts';
import type { CrossRecord } from './set-cache.ts';

export { cacheKey, codeDigest } from './cache-key.ts';

/** ESLint's default name is .eslintcache. */
export const DEFAULT_CACHE_FILE = '.xxgk-lint-cache';
/**
 * The cache holds at most this many bytes of records (this run's first, then the older ones still
 * on disk): far above an archive of 10,000 reports (some 10 KB each).
 */
export const MAX_CACHE_BYTES = 200_000_000;
const UNCACHED_FATAL = new Set(['fileTimeout', 'fileWorkerCrashed', 'fileOutOfMemory', 'internalError']);

/** Where a file's entry of this run is: in the old file (a hit) or the new one (set this run). */
interface Slot {
  hash: string;
  /** The file's stat signature to store with its hash ('' none; file-hash.ts). */
  signature: string;
  /** The old file's entry (a hit, or the entry this run replaced: its cross-report record may still hold). */
  old?: IndexEntry;
  /** Written to the new file this run: [outcome offset, length, digest offset, length]. */
  written?: [number, number, number, number];
  /** The cross-report record: read with the outcome, or set this run (`crossSet`). */
  cross?: Buffer;
  crossSet?: boolean;
}

export interface CacheOptions {
  /** Called once, the first time the cache is found unreadable or an entry of another shape. */
  onCorrupt?: (file: string) => void;
  /** The cap on the records' bytes (default MAX_CACHE_BYTES). */
  maxBytes?: number;
  /** Read nothing from the file (it is rewritten): a run made again after a damaged digest was found in it. */
  ignoreEntries?: boolean;
}

/** The cache's key, or how to make it from the code's hashes kept in the file (cache-key.ts codeDigest). */
export type CacheKeyOf = string | ((code: CodeHashes) => Promise<string>);

export class ResultCache {
  readonly #slots = new Map<string, Slot>();
  readonly #names = new Map<string, string>();
  #writer: CacheWriter | undefined;
  #writeError: unknown;
  #dirty = false;
  #corrupt = false;

  private constructor(
    readonly location: string,
    private readonly key: string,
    /** The code's files hashed for the key, with their signatures. */
    private readonly code: CodeHashes,
    private readonly base: string,
    private readonly options: CacheOptions,
    private readonly reader: CacheReader | undefined,
    private readonly old: ReadonlyMap<string, IndexEntry>,
    /** The file is missing or was written for another key: save() must write it. */
    private readonly stale: boolean,
    /** The location is not a regular file (a device, a pipe): nothing is read or written. */
    readonly notRegular = false,
  ) {}

  /**
   * Opens the cache at `location` (a file, or a folder to put the default name in, as ESLint
   * reads a trailing slash or an existing folder). Entries are keyed by path relative to `base`.
   */
  static async open(location: string, keyOf: CacheKeyOf, base: string, options: CacheOptions = {}): Promise<ResultCache> {
    let file = location;
    if (location.endsWith('/') || location.endsWith(path.sep) || (await isDirectory(location))) file = path.join(location, DEFAULT_CACHE_FILE);
    // A device or a pipe (/dev/null, a FIFO) is not a cache: neither read (a FIFO would block) nor
    // replaced by a file.
    const existing = await stat(file).catch(() => undefined);
    const none = new Map<string, IndexEntry>();
    const opened =
      existing && existing.isFile() && !options.ignoreEntries
        ? CacheReader.open(file)
        : ({ kind: existing && !existing.isFile() ? 'notRegular' : 'missing' } as const);
    const code = new CodeHashes(opened.kind === 'ok' ? opened.code : undefined);
    let key: string;
    try {
      key = typeof keyOf === 'string' ? keyOf : await keyOf(code);
    } catch (err) {
      if (opened.kind === 'ok') opened.reader.close();
      throw err;
    }
    if (opened.kind === 'notRegular') return new ResultCache(file, key, code, base, options, undefined, none, false, true);
    if (opened.kind !== 'ok') {
      const cache = new ResultCache(file, key, code, base, options, undefined, none, true);
      if (opened.kind === 'corrupt') cache.markCorrupt();
      return cache;
    }
    if (opened.key !== key) {
      opened.reader.close();
      return new ResultCache(file, key, code, base, options, undefined, none, true);
    }
    return new ResultCache(file, key, code, base, options, opened.reader, opened.entries, false);
  }

  /**
   * The content hash kept for this file with its signature (file-hash.ts), without the settings
   * key appended to it (run-settings.ts: it begins with ':', which base64 never holds).
   */
  known(file: string): Hashed | undefined {
    const entry = this.reader ? this.old.get(this.name(file)) : undefined;
    if (!entry || entry[8] === '') return undefined;
    return { hash: entry[1].split(':')[0] as string, signature: entry[8] };
  }

  /** Whether the cache was found unreadable, or an entry of another shape. */
  get corrupt(): boolean {
    return this.#corrupt;
  }

  /** Notes the cache corrupt (once): it is rewritten. */
  markCorrupt(): void {
    if (this.#corrupt) return;
    this.#corrupt = true;
    this.#dirty = true;
    this.options.onCorrupt?.(this.location);
  }

  /** The cached outcome for this file's bytes, with its current path; undefined when none (or corrupt). */
  get(file: string, hash: string, signature = ''): FileOutcome | undefined {
    if (this.notRegular || !this.reader) return undefined;
    const name = this.name(file);
    const entry = this.old.get(name);
    if (!entry || entry[1] !== hash) return undefined;
    const [, , at, outcomeLength, crossAt, crossLength, digestAt, digestLength] = entry;
    // The cross-report record with the outcome, in one read, when it follows it.
    const together = crossLength > 0 && crossAt === at + outcomeLength;
    let outcome: FileOutcome | undefined;
    let bytes: Buffer | undefined;
    try {
      bytes = this.reader.read([at, together ? outcomeLength + crossLength : outcomeLength]);
      outcome = parseOutcome(bytes.toString('utf8', 0, outcomeLength));
    } catch {
      outcome = undefined;
    }
    const digest = outcome?.analysis?.digest;
    // A digest has its bytes after the outcome, unless it was packed without them.
    if (!outcome || (digest && digestLength > 0 === (digest.bodyless === true))) {
      this.markCorrupt();
      return undefined;
    }
    // The record's bytes are copied out of the read, so that the outcome's are not held.
    this.#slots.set(name, { hash, signature, old: entry, ...(together && bytes ? { cross: Buffer.from(bytes.subarray(outcomeLength)) } : {}) });
    const out = withPath(outcome, file);
    // The digest's bytes stay in the file until a cross-report rule reads them.
    if (out.analysis?.digest && digestLength > 0) out.analysis.digest = placedDigest(out.analysis.digest, this.reader, [digestAt, digestLength]);
    return out;
  }

  /**
   * Whether save() would write anything new: an entry was set, or the file was unusable. New
   * signatures alone (a file or the bundle old enough now to have one) are no reason to write: they
   * are kept whenever the file is written, so that a run with nothing changed leaves it as it is.
   */
  get changed(): boolean {
    return !this.notRegular && (this.#dirty || this.stale);
  }

  /** Keeps the outcome of this file's bytes: written to the new file at once (nothing is held). */
  set(file: string, hash: string, outcome: FileOutcome, signature = ''): void {
    if (this.notRegular) return;
    // A timeout or a crashed worker says nothing lasting about the file: lint it again next time.
    const fatal = outcome.result?.fatal ?? outcome.analysis?.failed?.fatal;
    if (fatal && UNCACHED_FATAL.has(fatal.messageId)) return;
    const name = this.name(file);
    const stored = withPath(outcome, name);
    const packed = stored.analysis?.digest;
    let digest = Buffer.alloc(0);
    if (packed && stored.analysis) {
      if (packed.spooled) return; // bytes elsewhere (never so here: the run keeps them before spooling)
      digest = Buffer.from(packed.packed, 'latin1');
      stored.analysis.digest = { ...packed, packed: '' };
    }
    const json = Buffer.from(JSON.stringify(stored), 'utf8');
    const writer = this.#writerOrNone();
    if (!writer || !writer.fits(json.length + digest.length)) return;
    const at = writer.append(json, digest);
    const old = this.old.get(name);
    this.#slots.set(name, { hash, signature, written: [at, json.length, at + json.length, digest.length], ...(old ? { old } : {}) });
    this.#dirty = true;
  }

  /** The cross-report record kept for this file (set this run, or the old one of its entry). */
  cross(file: string): CrossRecord | undefined {
    const slot = this.#slots.get(this.name(file));
    if (!slot) return undefined;
    if (slot.crossSet) return slot.cross && parseCross(slot.cross.toString('utf8'));
    const bytes = slot.cross ?? this.#oldCross(slot);
    // Read once; save() reads it again from the old file if it must copy it.
    slot.cross = undefined;
    const record = bytes && parseCross(bytes.toString('utf8'));
    if (bytes && !record) this.markCorrupt();
    return record;
  }

  /** The cross-report record of the slot's old entry, as bytes (undefined: none, or unreadable). */
  #oldCross(slot: Slot): Buffer | undefined {
    const old = slot.old;
    if (!old || old[5] === 0 || !this.reader) return undefined;
    try {
      return this.reader.read([old[4], old[5]]);
    } catch {
      return undefined;
    }
  }

  setCross(file: string, record: CrossRecord): void {
    const slot = this.#slots.get(this.name(file));
    if (!slot || this.notRegular) return;
    slot.cross = Buffer.from(JSON.stringify(record), 'utf8');
    slot.crossSet = true;
    this.#dirty = true;
  }

  /**
   * Writes the entries of this run (and the old entries of files not linted this time, so that
   * linting part of a tree does not forget the rest), atomically. A run that changed nothing (every
   * file from the cache, every cross-report record still good) leaves the file as it is.
   */
  async save(): Promise<void> {
    if (!this.changed) return;
    const writer = this.#writerOrNone();
    if (!writer) throw this.#writeError;
    const entries: IndexEntry[] = [];
    const copy = (name: string, slot: Slot): boolean => {
      const cross = slot.cross ?? this.#oldCross(slot);
      if (slot.written) {
        const [at, outcomeLength, digestAt, digestLength] = slot.written;
        const crossAt = cross && writer.fits(cross.length) ? writer.append(cross) : undefined;
        entries.push([
          name,
          slot.hash,
          at,
          outcomeLength,
          crossAt ?? 0,
          crossAt === undefined ? 0 : (cross as Buffer).length,
          digestAt,
          digestLength,
          slot.signature,
        ]);
        return true;
      }
      // Copied from the old file as bytes: the outcome, its cross-report record, the digest.
      const old = slot.old as IndexEntry;
      if (!this.reader || !writer.fits(old[3] + (cross?.length ?? 0) + old[7])) return false;
      const at = writer.append(this.reader.read([old[2], old[3]]), cross ?? Buffer.alloc(0));
      const digestAt = writer.append(old[7] > 0 ? this.reader.read([old[6], old[7]]) : Buffer.alloc(0));
      entries.push([name, slot.hash, at, old[3], cross ? at + old[3] : 0, cross?.length ?? 0, old[7] > 0 ? digestAt : 0, old[7], slot.signature]);
      return true;
    };
    // This run's entries first, then the older ones, up to the cap.
    for (const [name, slot] of this.#slots) if (slot.written) copy(name, slot);
    for (const [name, slot] of this.#slots) if (!slot.written && !copy(name, slot)) break;
    for (const [name, old] of this.old) if (!this.#slots.has(name) && !copy(name, { hash: old[1], signature: old[8], old })) break;
    this.#writer = undefined;
    await writer.commit(this.location, this.key, entries, this.code.entries());
  }

  /** Ends the cache's use: the old file closed, a new one not saved removed. */
  close(): void {
    this.#writer?.abort();
    this.#writer = undefined;
    this.reader?.close();
  }

  #writerOrNone(): CacheWriter | undefined {
    if (this.#writer || this.#writeError !== undefined) return this.#writer;
    try {
      this.#writer = CacheWriter.create(this.location, this.options.maxBytes ?? MAX_CACHE_BYTES);
    } catch (err) {
      this.#writeError = err;
    }
    return this.#writer;
  }

  /** The entry's name of a file: its path relative to the base, with '/' (each asked for four times a run). */
  private name(file: string): string {
    let name = this.#names.get(file);
    if (name === undefined) {
      name = path.relative(this.base, file).split(path.sep).join('/');
      this.#names.set(file, name);
    }
    return name;
  }
}

/** The outcome under another path (the cache stores paths relative to its folder). */
function withPath(outcome: FileOutcome, filePath: string): FileOutcome {
  const out: FileOutcome = { ...outcome };
  if (outcome.result) out.result = { ...outcome.result, filePath };
  if (outcome.analysis) {
    out.analysis = { ...outcome.analysis, filePath };
    if (outcome.analysis.failed) out.analysis.failed = { ...outcome.analysis.failed, filePath };
    const digest = outcome.analysis.digest;
    if (digest) out.analysis.digest = { ...digest, filePath };
  }
  return out;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}
