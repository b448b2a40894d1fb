// Reads and rewrites a cache file (src/engine/cache-file.ts) record by record, for tests that
// damage one on purpose.
import { CacheReader, CacheWriter, type IndexEntry } from '../../src/engine/cache-file.ts';

export interface CacheRecord {
  name: string;
  hash: string;
  /** The stored outcome (JSON text), the packed digest's bytes and the cross-report record (JSON text, '' when none). */
  outcome: string;
  digest: Buffer;
  cross: string;
  /** The file's stat signature ('' none; src/engine/file-hash.ts); writeCache writes none. */
  signature?: string;
}

export function readCache(file: string): { key: string; records: CacheRecord[] } {
  const opened = CacheReader.open(file);
  if (opened.kind !== 'ok') throw new Error(`cache ${file}: ${opened.kind}`);
  try {
    const records = [...opened.entries.values()].map(([name, hash, at, outcome, crossAt, cross, digestAt, digest, signature]) => ({
      name,
      hash,
      signature,
      outcome: opened.reader.read([at, outcome]).toString('utf8'),
      digest: opened.reader.read([digestAt, digest]),
      cross: cross > 0 ? opened.reader.read([crossAt, cross]).toString('utf8') : '',
    }));
    return { key: opened.key, records };
  } finally {
    opened.reader.close();
  }
}

export async function writeCache(file: string, cache: { key: string; records: readonly CacheRecord[] }): Promise<void> {
  const writer = CacheWriter.create(file, Number.MAX_SAFE_INTEGER);
  const entries: IndexEntry[] = cache.records.map((r) => {
    const outcome = Buffer.from(r.outcome, 'utf8');
    const cross = Buffer.from(r.cross, 'utf8');
    const at = writer.append(outcome, cross, r.digest);
    // No signature: a run reads and hashes each file again (file-hash.ts).
    return [
      r.name,
      r.hash,
      at,
      outcome.length,
      cross.length > 0 ? at + outcome.length : 0,
      cross.length,
      at + outcome.length + cross.length,
      r.digest.length,
      '',
    ];
  });
  await writer.commit(file, cache.key, entries);
}
