/**
 * A file's content hash for the cache, from its bytes or, when the file is known unchanged, from
 * an earlier run: the cache stores with each hash the file's stat signature (device, inode, size,
 * modification and status-change times, in nanoseconds) taken before its bytes were read, and a
 * later run that finds the same signature takes the stored hash without reading the file (as git's
 * index does). Any write to a file moves its status-change time (ctime), which no program can set
 * back; a signature is stored only for a file whose times are some seconds older than the moment
 * it was read (RECENT_MS), so that a write landing in the same tick of a coarse file-system clock
 * as the one before it (the bytes differ, the times do not) is never taken for no change: such a
 * file is read and hashed again on the next run, and its signature stored then.
 */
import { createHash } from 'node:crypto';
import { statSync, type BigIntStats } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * A file whose modification or status-change time is less than this before the moment it was
 * read gets no signature: wider than the 2 s ticks of the coarsest file systems (FAT).
 */
export const RECENT_MS = 3000;

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/** The signature of a file's stat (bigint), or '' when its times are too recent at `now` (ms) to trust one. */
export function signatureOf(stats: BigIntStats, now: number = Date.now(), recentMs: number = RECENT_MS): string {
  const newest = stats.mtimeNs > stats.ctimeNs ? stats.mtimeNs : stats.ctimeNs;
  if (newest >= BigInt(Math.floor(now - recentMs)) * 1_000_000n) return '';
  return rawSignature(stats);
}

function rawSignature(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

/** The file's content hash and the signature to store with it ('' when none may be). */
export interface Hashed {
  hash: string;
  signature: string;
}

/**
 * The stored hash when the file's signature is still `known.signature` (the file is not read),
 * else the hash of its bytes with the signature taken before they were read; undefined when the
 * file cannot be read.
 */
export async function hashFile(file: string, known?: Hashed, recentMs: number = RECENT_MS): Promise<Hashed | undefined> {
  if (known && known.signature !== '') {
    const now = statSync(file, { bigint: true, throwIfNoEntry: false });
    if (now && rawSignature(now) === known.signature) return known;
  }
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    // The signature before the bytes: a write after it moves the times, so the next run reads again.
    const stats = await handle.stat({ bigint: true });
    const read = Date.now();
    const bytes = await handle.readFile();
    return { hash: contentHash(bytes), signature: signatureOf(stats, read, recentMs) };
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The hashes of the files of the code that makes the results (the npm bundle's chunks, see
 * cache-key.ts), kept in the cache's index by absolute path with their signatures: a warm run
 * reads none of the bundle unless it changed.
 */
export class CodeHashes {
  readonly #known: ReadonlyMap<string, Hashed>;
  readonly #used = new Map<string, Hashed>();

  constructor(
    known: ReadonlyMap<string, Hashed> = new Map(),
    private readonly recentMs: number = RECENT_MS,
  ) {
    this.#known = known;
  }

  /** The file's content hash (undefined: unreadable). */
  async hash(file: string): Promise<string | undefined> {
    const used = this.#used.get(file);
    if (used) return used.hash;
    const hashed = await hashFile(file, this.#known.get(file), this.recentMs);
    if (!hashed) return undefined;
    this.#used.set(file, hashed);
    return hashed.hash;
  }

  /** The files hashed this run that have a signature, for the index: [path, signature, hash]. */
  entries(): [string, string, string][] {
    return [...this.#used].filter(([, h]) => h.signature !== '').map(([file, h]) => [file, h.signature, h.hash]);
  }
}
