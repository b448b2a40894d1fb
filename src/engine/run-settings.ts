/**
 * Each file's settings in a run (config per folder, overrides): the config its folder's cascade
 * gives it, the lint options and the classifier made from it, resolved once per set of config
 * files; and, for the cache, the key of each file's settings.
 */
import path from 'node:path';
import { cacheKey, codeDigest } from './cache.ts';
import { classifier, type LoadedConfig } from './config.ts';
import type { CodeHashes } from './file-hash.ts';
import type { LintTextOptions } from './lint.ts';
import { rulesToRun, ruleSet } from './settings.ts';
import type { RunOptions } from './run.ts';
import type { Locale } from '../types.ts';

/** One file's settings: its config (config per folder, overrides), the lint options and classifier made from it. */
export interface FileSettings {
  loaded: LoadedConfig | undefined;
  base: LintTextOptions & { locale: Locale };
  classify: (file: string) => 'auto' | 'report' | 'notReport';
}

export interface RunSettings {
  of: (file: string) => FileSettings;
  /** Every distinct settings of the run (the run's own first). */
  distinct: FileSettings[];
}

/**
 * The settings of each file: with a config cascade (loadConfig without --no-config-lookup), its
 * own folder's; otherwise the run's. Files with the same settings share one object.
 */
export async function settingsOfFiles(files: readonly string[], options: RunOptions, base: LintTextOptions & { locale: Locale }): Promise<RunSettings> {
  const run: FileSettings = { loaded: options.loaded, base, classify: options.loaded ? classifier(options.loaded) : () => 'auto' };
  const cascade = options.loaded?.cascade;
  if (!cascade) return { of: () => run, distinct: [run] };
  const byConfig = new Map<LoadedConfig, FileSettings>();
  const byFile = new Map<string, FileSettings>();
  for (const file of files) {
    // Relative names (standard input's --stdin-filename) are relative to the run's folder.
    const loaded = await cascade.forFile(path.resolve(options.cwd ?? process.cwd(), file));
    let own = byConfig.get(loaded);
    if (!own) {
      const reportUnused = options.reportUnusedDisable || loaded.reportUnusedDisable;
      const fileBase = {
        ...base,
        config: loaded.config,
        ...(options.rules ? { rules: ruleSet(loaded.config, options.rules) } : {}),
        ...(reportUnused ? { reportUnusedDisable: true } : {}),
      };
      own = { loaded, base: fileBase, classify: classifier(loaded) };
      byConfig.set(loaded, own);
    }
    byFile.set(file, own);
  }
  return { of: (file) => byFile.get(file) ?? run, distinct: byConfig.size > 0 ? [...byConfig.values()] : [run] };
}

/** The cache key of one file's settings (see cacheKey); of the run's own, the cache's key. */
export async function settingsKey(own: Pick<FileSettings, 'loaded' | 'base'>, options: RunOptions, code?: CodeHashes): Promise<string> {
  return cacheKey({
    config: own.base.config ?? { rules: {} },
    rules: rulesToRun(own.base),
    locale: own.base.locale,
    reportUnusedDisable: own.base.reportUnusedDisable === true,
    keepModel: options.keepModel ?? false,
    classification: { reports: own.loaded?.reports ?? [], notReports: own.loaded?.notReports ?? [], baseDir: own.loaded?.baseDir ?? '' },
    code: await codeDigest(own.loaded?.codeFiles ?? [], code),
  });
}

/**
 * With settings per folder, the cache key of each file's settings (appended to its content hash,
 * so that a file whose folder config changed is linted again); an empty key when the run has one
 * settings, the run's own (its key is the cache's).
 */
export async function settingsKeys(settings: RunSettings, options: RunOptions, code?: CodeHashes): Promise<(file: string) => string> {
  const keyOf = new Map<FileSettings, string>();
  if (settings.distinct.length > 1 || settings.distinct[0]?.loaded !== options.loaded) {
    for (const own of settings.distinct) keyOf.set(own, `:${await settingsKey(own, options, code)}`);
  }
  return (file) => keyOf.get(settings.of(file)) ?? '';
}
