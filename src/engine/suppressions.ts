/**
 * Bulk suppressions, as ESLint (9.24+) has them: a file records, per linted file and rule, how many
 * errors were there when it was written (`--suppress-all`, `--suppress-rule ID`); later runs hide a
 * file's errors of a rule while there are no more of them than recorded. With more, every one of
 * them is reported (which of them is new cannot be told without guessing). A record with fewer
 * errors than its count is unused: `--prune-suppressions` lowers or removes it.
 *
 * Only errors are recorded and hidden (warnings never fail a run). The file's paths are relative
 * to the file's folder, with `/`; keys are sorted so that the file diffs well; it is written through
 * a temporary file renamed over it.
 *
 * The functions over results are pure; readSuppressions / writeSuppressions do the file.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { LintResult } from '../types.ts';

export const DEFAULT_SUPPRESSIONS_FILE = 'xxgk-lint-suppressions.json';

/** file (relative to the suppressions file's folder) → rule id → the recorded error count. */
export type Suppressions = Record<string, Record<string, { count: number }>>;

/** A record that no longer occurs as often as counted. */
export interface UnusedSuppression {
  file: string;
  ruleId: string;
  count: number;
  found: number;
}

/** The key of `filePath` in a suppressions file in `baseDir`. */
export function suppressionKey(filePath: string, baseDir: string): string {
  return path.relative(baseDir, path.resolve(baseDir, filePath)).split(path.sep).join('/');
}

/** A result's errors per rule (fatal file problems and findings without a rule are not counted). */
export function errorCounts(result: LintResult): Map<string, number> {
  const counts = new Map<string, number>();
  if (result.fatal) return counts;
  for (const m of result.messages) if (m.severity === 2 && m.ruleId) counts.set(m.ruleId, (counts.get(m.ruleId) ?? 0) + 1);
  return counts;
}

/**
 * Records a result's current errors: every rule's (`rules` 'all') or only the given rules'. A rule
 * recorded before and now without errors is removed; other files' records are kept.
 */
export function recordResult(suppressions: Suppressions, result: LintResult, baseDir: string, rules: 'all' | ReadonlySet<string>): Suppressions {
  if (result.fatal || result.notReport) return suppressions;
  const key = suppressionKey(result.filePath, baseDir);
  const entry = { ...(suppressions[key] ?? {}) };
  const counts = errorCounts(result);
  const inScope = (rule: string): boolean => rules === 'all' || rules.has(rule);
  for (const rule of Object.keys(entry)) if (inScope(rule) && !counts.has(rule)) delete entry[rule];
  for (const [rule, count] of counts) if (inScope(rule)) entry[rule] = { count };
  return withEntry(suppressions, key, entry);
}

/** Lowers each of the result's records to what occurs now, removing those that no longer occur. */
export function pruneResult(suppressions: Suppressions, result: LintResult, baseDir: string): Suppressions {
  const key = suppressionKey(result.filePath, baseDir);
  const recorded = suppressions[key];
  if (!recorded || result.fatal) return suppressions;
  const counts = errorCounts(result);
  const entry: Record<string, { count: number }> = {};
  for (const [rule, { count }] of Object.entries(recorded)) {
    const found = counts.get(rule) ?? 0;
    if (found > 0) entry[rule] = { count: Math.min(count, found) };
  }
  return withEntry(suppressions, key, entry);
}

/** Removes the records of files that are gone (`exists` false). */
export function pruneMissing(suppressions: Suppressions, exists: (key: string) => boolean): Suppressions {
  const out: Suppressions = {};
  for (const [key, entry] of Object.entries(suppressions)) if (exists(key)) out[key] = entry;
  return out;
}

/**
 * Applies the records to a result: a rule's errors are hidden (moved to suppressedMessages) when
 * there are no more of them than recorded, all shown otherwise. Returns the records used fewer
 * times than counted.
 */
export function applySuppressions(suppressions: Suppressions, result: LintResult, baseDir: string): { result: LintResult; unused: UnusedSuppression[] } {
  const key = suppressionKey(result.filePath, baseDir);
  const recorded = suppressions[key];
  if (!recorded || result.fatal) return { result, unused: [] };
  const counts = errorCounts(result);
  const hidden = new Set<string>();
  const unused: UnusedSuppression[] = [];
  for (const [ruleId, { count }] of Object.entries(recorded)) {
    const found = counts.get(ruleId) ?? 0;
    if (found <= count) hidden.add(ruleId);
    if (found < count) unused.push({ file: key, ruleId, count, found });
  }
  const isHidden = (m: LintResult['messages'][number]): boolean => m.severity === 2 && hidden.has(m.ruleId);
  const suppressed = result.messages.filter(isHidden);
  if (suppressed.length === 0) return { result, unused };
  return {
    result: {
      ...result,
      messages: result.messages.filter((m) => !isHidden(m)),
      errorCount: result.errorCount - suppressed.length,
      // As ESLint's bulk suppressions: moved to suppressedMessages, marked as the file's.
      suppressedMessages: [
        ...(result.suppressedMessages ?? []),
        ...suppressed.map((m) => ({ ...m, suppressions: [{ kind: 'file' as const, justification: '' }] })),
      ],
    },
    unused,
  };
}

/** The file's text: files and rules sorted, two-space JSON, a final newline. */
export function serializeSuppressions(suppressions: Suppressions): string {
  const sorted: Suppressions = {};
  for (const key of Object.keys(suppressions).sort()) {
    const entry = suppressions[key] ?? {};
    const rules = Object.keys(entry).sort();
    if (rules.length === 0) continue;
    sorted[key] = Object.fromEntries(rules.map((rule) => [rule, { count: entry[rule]?.count ?? 0 }]));
  }
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Not a suppressions file (bad JSON, wrong shape): `message` says where. */
export class SuppressionsFileError extends Error {
  override readonly name = 'SuppressionsFileError';
}

/** Reads the file; a missing file is no suppressions. Throws SuppressionsFileError for a bad one. */
export async function readSuppressions(file: string): Promise<Suppressions> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT') return {};
    throw err;
  }
  return parseSuppressions(text, file);
}

export function parseSuppressions(text: string, file: string): Suppressions {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SuppressionsFileError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(data)) throw new SuppressionsFileError(`${file}: not a JSON object`);
  const out: Suppressions = {};
  for (const [key, entry] of Object.entries(data)) {
    if (!isObject(entry)) throw new SuppressionsFileError(`${file}: "${key}" is not an object`);
    const rules: Record<string, { count: number }> = {};
    for (const [rule, record] of Object.entries(entry)) {
      const count = isObject(record) ? record.count : undefined;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new SuppressionsFileError(`${file}: "${key}" → "${rule}" needs a count`);
      rules[rule] = { count };
    }
    out[key] = rules;
  }
  return out;
}

/** Writes the file atomically: a temporary file in the same folder, renamed over it. */
export async function writeSuppressions(file: string, suppressions: Suppressions): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.xxgk-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    try {
      await handle.writeFile(serializeSuppressions(suppressions), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

function withEntry(suppressions: Suppressions, key: string, entry: Record<string, { count: number }>): Suppressions {
  const out = { ...suppressions };
  if (Object.keys(entry).length === 0) delete out[key];
  else out[key] = entry;
  return out;
}
