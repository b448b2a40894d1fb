/**
 * The digest spool: packed digests (and report models) of a big run moved to a temporary file
 * between the run's phases (see packed.ts).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { placedDigest, type ByteSource, type PackedDigest } from './packed.ts';

/**
 * Packed digests moved out of memory into a temporary file, for a run of many reports: the run
 * then keeps some hundred bytes per report (identity and place) instead of some 10 KB, and reads
 * a digest back when a cross-report rule opens its tables or prose. The file is removed by
 * `close()` (or when the process exits).
 */
export class DigestSpool implements ByteSource {
  #size = 0;
  #closed = false;
  #dir: string | undefined;
  #fd: number | undefined;
  readonly #atExit = (): void => this.close();

  private constructor() {}

  /**
   * A spool in the system's temporary folder, made when the first bytes are moved there (a warm
   * run from the cache moves none); digests stay in memory when none can be made.
   */
  static open(): DigestSpool {
    return new DigestSpool();
  }

  /** The temporary folder, once made. */
  get folder(): string | undefined {
    return this.#closed ? undefined : this.#dir;
  }

  /** The file's descriptor, the file made on first use; undefined when it cannot be made. */
  #file(): number | undefined {
    if (this.#closed) return undefined;
    if (this.#fd !== undefined) return this.#fd;
    try {
      this.#dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-lint-'));
      this.#fd = openSync(path.join(this.#dir, 'digests'), 'w+', 0o600);
      process.once('exit', this.#atExit);
      return this.#fd;
    } catch {
      if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
      this.#closed = true;
      return undefined;
    }
  }

  /** The digest with its packed bytes moved to the file (as it was, if writing fails). */
  spill(p: PackedDigest): PackedDigest {
    if (this.#closed || p.packed === '') return p;
    const at = this.spillBytes(Buffer.from(p.packed, 'latin1'));
    if (!at) return p; // a full disk: this digest stays in memory
    return placedDigest(p, this, at);
  }

  /** Any bytes moved to the file (a report model the formats that draw the tables read back): where they are, or undefined if writing fails. */
  spillBytes(bytes: Uint8Array): [number, number] | undefined {
    const fd = this.#file();
    if (fd === undefined) return undefined;
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, this.#size + written);
    } catch {
      return undefined;
    }
    const at: [number, number] = [this.#size, bytes.length];
    this.#size += bytes.length;
    return at;
  }

  read([offset, length]: readonly [number, number]): Buffer {
    const fd = this.#fd;
    if (fd === undefined || this.#closed) throw new Error('xxgk-lint: the temporary digest file is closed');
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buffer, done, length - done, offset + done);
      if (n === 0) throw new Error('xxgk-lint: the temporary digest file was cut short');
      done += n;
    }
    return buffer;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#fd === undefined) return;
    process.removeListener('exit', this.#atExit);
    try {
      closeSync(this.#fd);
    } catch {
      // already closed
    }
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
  }
}
