/**
 * The cache's file (`--cache`): records read one at a time, never the whole file at once.
 *
 *     xxgk-lint cache\n                      magic
 *     record, record, …                      per file: outcome JSON, cross-report findings JSON, packed digest bytes
 *     index JSON                             {"format","key","code":[[path, signature, hash], …],"entries":[[name, hash, at, outcome, crossAt, cross, digestAt, digest, signature], …]}
 *     \n<index offset> <index length>        footer, 32 bytes, decimal, zero-padded
 *
 * Opening reads the footer and the index (about 150 bytes per file); a file's outcome and
 * cross-report findings are read when it is looked up (at once when they are next to each other,
 * as the records copied from the last file are), a digest's bytes only when a cross-report rule opens its tables or prose
 * (they are checked then against the digest's id, packed.ts). A new file is written next to the
 * old one (records of this run as they come, then the records kept from the old file, copied as
 * bytes), and renamed over it: atomic on POSIX and NTFS, so an interrupted run never leaves half a
 * cache. The signatures (file-hash.ts) let a warm run take a file's hash, and the bundle's, without
 * reading it.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Hashed } from './file-hash.ts';
import type { ByteSource } from './packed.ts';

// 2: entries hold each file's phase-one outcome (findings before directives, and the digest the
// cross-report rules read), so that those rules still see every report of a cached run.
// 3: digests packed (packed.ts), stored in base64.
// 4: the key covers the classification, the model kept for the html format and the code's module graphs.
// 5: an index and records read one at a time; packed digests as bytes, with their id; the
//    cross-report findings of each report with the ids of the reports they read.
// 6: each entry's stat signature, and the code's files with theirs (file-hash.ts).
export const CACHE_FORMAT = 6;
const MAGIC = Buffer.from('xxgk-lint cache\n', 'latin1');
const FOOTER = 32;
/** How the caches of formats 1 to 4 began. */
const OLDER = Buffer.from('{"format":', 'latin1');
const DIGITS = 15;

/**
 * Where a file's record is: [name, content hash (with the file's settings key, run-settings.ts),
 * outcome offset, length, cross offset, length, digest offset, length, signature] (length 0: none;
 * signature '': none, file-hash.ts).
 */
export type IndexEntry = [string, string, number, number, number, number, number, number, string];

export type Opened =
  | { kind: 'ok'; reader: CacheReader; key: string; entries: Map<string, IndexEntry>; code: Map<string, Hashed> }
  | { kind: 'missing' | 'older' | 'corrupt' | 'notRegular' };

/** The old cache file, open for reading its records. */
export class CacheReader implements ByteSource {
  readonly verify = true;
  #closed = false;

  private constructor(private readonly fd: number) {}

  /** Opens `file` and reads its index; 'missing', 'corrupt' (unreadable, or not this format), or 'notRegular' (a device, a pipe). */
  static open(file: string): Opened {
    let fd: number;
    try {
      // Opening a FIFO would block: the caller has found a regular file there already.
      fd = openSync(file, 'r');
    } catch (err) {
      const missing = typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT';
      return { kind: missing ? 'missing' : 'corrupt' };
    }
    const reader = new CacheReader(fd);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) {
        reader.close();
        return { kind: 'notRegular' };
      }
      const index = readIndex(reader, stat.size);
      if (index === 'older') {
        reader.close();
        return { kind: 'older' };
      }
      if (index) return { kind: 'ok', reader, ...index };
      // A whole cache of this tool's earlier formats (one JSON object): rewritten without a note.
      if (stat.size > OLDER.length && reader.read([0, OLDER.length]).equals(OLDER) && reader.read([stat.size - 1, 1]).toString('latin1') === '}') {
        reader.close();
        return { kind: 'older' };
      }
    } catch {
      // unreadable: corrupt
    }
    reader.close();
    return { kind: 'corrupt' };
  }

  read([offset, length]: readonly [number, number]): Buffer {
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buffer, done, length - done, offset + done);
      if (n === 0) throw new Error('xxgk-lint: the cache file was cut short');
      done += n;
    }
    return buffer;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

function readIndex(reader: CacheReader, size: number): { key: string; entries: Map<string, IndexEntry>; code: Map<string, Hashed> } | 'older' | undefined {
  if (size < MAGIC.length + FOOTER) return undefined;
  if (!reader.read([0, MAGIC.length]).equals(MAGIC)) return undefined;
  const footer = /^\n(\d{15}) (\d{15})$/.exec(reader.read([size - FOOTER, FOOTER]).toString('latin1'));
  if (!footer) return undefined;
  const offset = Number(footer[1]);
  const length = Number(footer[2]);
  if (offset < MAGIC.length || offset + length !== size - FOOTER) return undefined;
  const data = JSON.parse(reader.read([offset, length]).toString('utf8')) as unknown;
  if (typeof data !== 'object' || data === null) return undefined;
  const { format, key, entries, code } = data as { format?: unknown; key?: unknown; entries?: unknown; code?: unknown };
  // An index of an earlier format (5): rewritten without a note.
  if (typeof format === 'number' && Number.isInteger(format) && format >= 5 && format < CACHE_FORMAT) return 'older';
  if (format !== CACHE_FORMAT || typeof key !== 'string' || !Array.isArray(entries) || !Array.isArray(code)) return undefined;
  const codeHashes = new Map<string, Hashed>();
  for (const item of code as unknown[]) {
    if (!Array.isArray(item) || item.length !== 3 || !item.every((s) => typeof s === 'string')) return undefined;
    const [file, signature, hash] = item as [string, string, string];
    codeHashes.set(file, { hash, signature });
  }
  const out = new Map<string, IndexEntry>();
  const within = (start: number, n: number): boolean =>
    Number.isSafeInteger(start) && Number.isSafeInteger(n) && start >= MAGIC.length && n >= 0 && start + n <= offset;
  for (const entry of entries as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 9) return undefined;
    const [name, hash, ...places] = entry as unknown[];
    const signature = places.pop();
    if (typeof name !== 'string' || typeof hash !== 'string' || typeof signature !== 'string' || !places.every((n) => typeof n === 'number')) return undefined;
    const e = entry as IndexEntry;
    if (e[3] === 0 || !within(e[2], e[3]) || (e[5] > 0 && !within(e[4], e[5])) || (e[7] > 0 && !within(e[6], e[7]))) return undefined;
    out.set(name, e);
  }
  return { key, entries: out, code: codeHashes };
}

/** A new cache file being written next to the old one; `commit` renames it over the old one. */
export class CacheWriter {
  #size = MAGIC.length;
  #done = false;

  private constructor(
    private readonly fd: number,
    private readonly temp: string,
    readonly maxBytes: number,
  ) {}

  /** A temporary file next to `location` (its folder made when missing); throws when none can be made. */
  static create(location: string, maxBytes: number): CacheWriter {
    mkdirSync(path.dirname(location), { recursive: true });
    const temp = `${location}.${process.pid}.${Date.now()}.tmp`;
    const fd = openSync(temp, 'w', 0o644);
    const writer = new CacheWriter(fd, temp, maxBytes);
    writer.#write(MAGIC, 0);
    return writer;
  }

  /** Whether `bytes` more still fit under the cap. */
  fits(bytes: number): boolean {
    return this.#size + bytes <= this.maxBytes + MAGIC.length;
  }

  /** Appends the pieces one after the other; returns where the first starts. */
  append(...pieces: Uint8Array[]): number {
    const start = this.#size;
    for (const piece of pieces) {
      this.#write(piece, this.#size);
      this.#size += piece.length;
    }
    return start;
  }

  #write(bytes: Uint8Array, at: number): void {
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, at + written);
  }

  /** Writes the index and the footer and renames the file over `location`. */
  async commit(location: string, key: string, entries: readonly IndexEntry[], code: readonly [string, string, string][] = []): Promise<void> {
    const index = Buffer.from(JSON.stringify({ format: CACHE_FORMAT, key, code, entries }), 'utf8');
    const at = this.append(index);
    this.append(Buffer.from(`\n${String(at).padStart(DIGITS, '0')} ${String(index.length).padStart(DIGITS, '0')}`, 'latin1'));
    this.#done = true;
    closeSync(this.fd);
    try {
      await rename(this.temp, location);
    } catch (err) {
      await rm(this.temp, { force: true });
      throw err;
    }
  }

  /** Removes the temporary file (a run that ends without saving, or a failed save). */
  abort(): void {
    if (this.#done) return;
    this.#done = true;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.temp, { force: true });
  }
}
