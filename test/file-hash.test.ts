// A file's content hash for the cache (src/engine/file-hash.ts): taken from an earlier run only
// while the file's stat signature is the one stored with it; a file changed too recently gets no
// signature; any write moves the signature, even one that keeps the size and sets the
// modification time back.
import { afterAll, describe, expect, it } from '@jest/globals';
import { stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CodeHashes, contentHash, hashFile, RECENT_MS, signatureOf } from '../src/engine/file-hash.ts';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

afterAll(removeTempDirs);

/** `recentMs` for a run made well after the file was written (a negative margin puts “now” ahead). */
const LATER = -60_000;

describe('signatureOf', () => {
  it('gives none for a file whose times are within RECENT_MS of the moment it is read, one after', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'a.md');
    await writeFile(file, 'one');
    const stats = await stat(file, { bigint: true });
    const written = Number(stats.ctimeNs / 1_000_000n);
    expect(signatureOf(stats, written)).toBe('');
    expect(signatureOf(stats, written + RECENT_MS - 1)).toBe('');
    expect(signatureOf(stats, written + RECENT_MS + 1)).toBe(`${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`);
    // A modification time in the future (a clock set wrong) is recent too.
    await utimes(file, new Date(Date.now() + 3_600_000), new Date(Date.now() + 3_600_000));
    expect(signatureOf(await stat(file, { bigint: true }), Date.now() + RECENT_MS + 1000)).toBe('');
  });
});

describe('hashFile', () => {
  it('reads and hashes the file when there is no signature to go by', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'a.md');
    await writeFile(file, 'one');
    expect(await hashFile(file)).toEqual({ hash: contentHash(Buffer.from('one')), signature: '' });
    const later = await hashFile(file, undefined, LATER);
    expect(later?.hash).toBe(contentHash(Buffer.from('one')));
    expect(later?.signature).not.toBe('');
    expect(await hashFile(path.join(dir, 'missing.md'))).toBeUndefined();
  });

  it('takes the stored hash without reading while the signature holds, and reads again after any write', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'a.md');
    await writeFile(file, 'one');
    // A whole second, an hour ago: set back exactly after the write below.
    const hourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    await utimes(file, hourAgo, hourAgo);
    const first = await hashFile(file, undefined, LATER);
    if (!first) throw new Error('unreadable');
    // A stored hash that is not the bytes' own: returned as it is, so the file was not read.
    const stored = { hash: 'stored', signature: first.signature };
    expect(await hashFile(file, stored, LATER)).toBe(stored);
    // The same size, other bytes, the modification time set back: the status-change time moved.
    const before = await stat(file, { bigint: true });
    await sleep(20);
    await writeFile(file, 'two');
    await utimes(file, hourAgo, hourAgo);
    const after = await stat(file, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    const again = await hashFile(file, stored, LATER);
    expect(again?.hash).toBe(contentHash(Buffer.from('two')));
    expect(again?.signature).not.toBe(first.signature);
    // A stored signature of '' is none: the file is read.
    expect((await hashFile(file, { hash: 'stored', signature: '' }))?.hash).toBe(contentHash(Buffer.from('two')));
  });
});

describe('CodeHashes', () => {
  it('keeps the hashes that have a signature, and takes a stored one while it holds', async () => {
    const dir = await makeTempDir();
    const [a, b] = [path.join(dir, 'a.js'), path.join(dir, 'b.js')];
    await writeFile(a, 'export const a = 1;');
    await writeFile(b, 'export const b = 2;');
    const fresh = new CodeHashes(new Map(), LATER);
    expect(await fresh.hash(a)).toBe(contentHash(Buffer.from('export const a = 1;')));
    expect(await fresh.hash(path.join(dir, 'missing.js'))).toBeUndefined();
    const entries = fresh.entries();
    expect(entries.map(([file]) => file)).toEqual([a]);

    // The next run: the stored hash while the signature holds (not the bytes': not read).
    const known = new Map(entries.map(([file, signature]) => [file, { hash: 'stored', signature }]));
    const next = new CodeHashes(known, LATER);
    expect(await next.hash(a)).toBe('stored');
    // A file without a stored signature: read.
    expect(await next.hash(b)).toBe(contentHash(Buffer.from('export const b = 2;')));
    expect(next.entries().map(([file, , hash]) => [file, hash])).toEqual([
      [a, 'stored'],
      [b, contentHash(Buffer.from('export const b = 2;'))],
    ]);

    // Too recent for a signature: read on every run, never stored.
    const recent = new CodeHashes();
    await recent.hash(a);
    expect(recent.entries()).toEqual([]);
  });
});
