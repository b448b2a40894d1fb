/**
 * The cache as a run uses it (`lintFiles` with `cache`): the key of the run, the files' content
 * hashes read a batch at a time, the cached outcomes put in place, the new ones kept, the
 * cross-report findings' store, the notes (corrupt, not a regular file, not written).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DEFAULT_CACHE_FILE, ResultCache } from './cache.ts';
import { hashFile } from './file-hash.ts';
import type { FileOutcome } from './lint-file.ts';
import type { LintTextOptions } from './lint.ts';
import { t } from './messages.ts';
import type { CodeHashes } from './file-hash.ts';
import { idOf } from './packed.ts';
import type { RunOptions } from './run.ts';
import { settingsKey, settingsKeys, type RunSettings } from './run-settings.ts';
import type { SetRuleStore } from './set-cache.ts';
import type { Locale } from '../types.ts';

/** Files hashed at once for the cache. */
const HASH_BATCH = 32;

/** A file to look up: where its outcome goes, its path, or its bytes (standard input: never cached). */
export interface CacheTask {
  index: number;
  file: string;
  bytes?: Uint8Array;
}

export interface RunCache {
  /** Puts the cached outcomes in place; returns the tasks left to run. */
  lookUp<T extends CacheTask>(tasks: readonly T[], hit: (index: number, outcome: FileOutcome) => void): Promise<T[]>;
  keep(index: number, outcome: FileOutcome): void;
  /** The cross-report findings cached per report. */
  crossStore: SetRuleStore;
  /** A cached digest failed its check: the cache is corrupt (noted). */
  damaged(): void;
  save(): Promise<void>;
  close(): void;
}

/** The options of a run made again without reading the cache (a damaged digest was found in it). */
export const rebuilding = new WeakSet<RunOptions>();

export async function openCache(
  options: RunOptions,
  base: LintTextOptions & { locale: Locale },
  cwd: string,
  rebuild = false,
  /** With settings per folder: each file's, whose key is appended to its content hash (run-settings.ts). */
  settings?: RunSettings,
): Promise<RunCache> {
  const note = (text: string): void => options.onNote?.(text);
  const location = path.resolve(cwd, options.cache || DEFAULT_CACHE_FILE);
  // Noted once, when the file or an entry is found unreadable or of another shape.
  const onCorrupt = (file: string): void => note(t('cacheCorrupt', base.locale, { file }));
  let keyOf: (file: string) => string = () => '';
  // The keys hash the code's files through the hashes the cache keeps of them (cache-key.ts).
  const cacheKeyOf = async (code: CodeHashes): Promise<string> => {
    if (settings) keyOf = await settingsKeys(settings, options, code);
    return settingsKey({ loaded: options.loaded, base }, options, code);
  };
  const cache = await ResultCache.open(location, cacheKeyOf, cwd, { onCorrupt, ignoreEntries: rebuild });
  if (cache.notRegular) note(t('cacheNotRegular', base.locale, { file: cache.location }));
  const hashes = new Map<number, { file: string; hash: string; signature: string }>();
  return {
    async lookUp(tasks, hit) {
      const left: (typeof tasks)[number][] = [];
      // Several files read at once (those whose signature changed): reading is mostly waiting for the disk.
      for (let start = 0; start < tasks.length; start += HASH_BATCH) {
        const batch = tasks.slice(start, start + HASH_BATCH);
        const found = await Promise.all(batch.map(async (task) => (task.bytes ? undefined : hashFile(task.file, cache.known(task.file)))));
        batch.forEach((task, i) => {
          const hashed = found[i];
          const hash = hashed && hashed.hash + keyOf(task.file);
          if (hashed && hash !== undefined) hashes.set(task.index, { file: task.file, hash, signature: hashed.signature });
          const outcome = hashed && hash !== undefined ? cache.get(task.file, hash, hashed.signature) : undefined;
          if (outcome) hit(task.index, outcome);
          else left.push(task);
        });
      }
      return left;
    },
    keep(index, outcome) {
      const entry = hashes.get(index);
      if (entry) cache.set(entry.file, entry.hash, outcome, entry.signature);
    },
    crossStore: {
      get: (current) => cache.cross(current.filePath),
      set: (current, record) => cache.setCross(current.filePath, record),
      // A report's id includes its file's settings key (config per folder): the findings cached
      // for it, or for reports that read it, hold only while those settings are the same.
      idOf: (report) => {
        const id = idOf(report);
        return id === undefined ? undefined : id + keyOf(report.filePath);
      },
      hash: (parts) => createHash('sha256').update(parts.join('\0')).digest('base64url'),
    },
    damaged: () => cache.markCorrupt(),
    close: () => cache.close(),
    async save() {
      try {
        await cache.save();
      } catch (err) {
        const detail = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err);
        note(t('cacheWriteFailed', base.locale, { file: cache.location, detail }));
      }
    },
  };
}
