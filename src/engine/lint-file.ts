/** Reads files from disk (or standard input's bytes) and runs a file's part of a run on them (outcome.ts): the Node side. */
import { decodeBuffer, fileError, readReport, type BytesRead, type FileError } from './decode.ts';
import { hashBytes } from './write.ts';
import type { LintTextOptions } from './lint.ts';
import { lintDecoded, lintRead } from './lint-read.ts';
import { finishEach as finishEachWith, type FileOutcome, type FileTask, type Keeper, type TaskRead } from './outcome.ts';
import { fatalResult } from './results.ts';
import { packDigest, unpackDigest } from './packed.ts';
import type { ReportDigest } from '../rule.ts';
import type { LintResult, Locale } from '../types.ts';

export type { FileOutcome, FileTask, FixMode } from './outcome.ts';

/** On Node a digest is kept deflated (packed.ts) and the bytes read are hashed with SHA-256. */
export const nodeKeeper: Keeper = { pack: packDigest, hash: hashBytes };

/** Reads, decodes and lints one file on its own (per-file and cross-report rules, no other report). */
export async function lintFile(file: string, options: LintTextOptions & { locale: Locale }): Promise<LintResult> {
  const read = await readReport(file);
  // A file that cannot be read or decoded is that file's fatal error, not the run's.
  if ('error' in read) return fatalResult(file, read.error, options.locale);
  return lintDecoded(read, file, options).result;
}

/**
 * Reads a task's file (or decodes its bytes) and runs phase one on it, or fixes it. `ahead`: the
 * file's bytes being read already (readBytes, started while the file before was linted).
 */
export async function lintTask(task: FileTask, options: LintTextOptions & { locale: Locale }, ahead?: Promise<BytesRead>): Promise<FileOutcome> {
  const read: TaskRead = task.bytes
    ? decodeBytes(task.bytes)
    : await readReport(task.file, { keepBytes: task.fix === 'write', ...(ahead ? { read: ahead } : {}) });
  return lintRead(task, read, options, nodeKeeper);
}

function decodeBytes(bytes: Uint8Array): Exclude<ReturnType<typeof decodeBuffer>, { error: unknown }> | { error: FileError } {
  const decoded = decodeBuffer(bytes);
  return 'error' in decoded ? { error: fileError(decoded.error) } : decoded;
}

/** Phase one for one file: read, decode, model, per-file rules. Serialisable (a worker may run it). */
export async function analyzeFile(file: string, options: LintTextOptions & { locale: Locale; digestOnly?: boolean }): Promise<FileOutcome> {
  const read = await readReport(file);
  if ('error' in read) return { result: fatalResult(file, read.error, options.locale) };
  return lintRead({ file, ...(options.digestOnly ? { digestOnly: true } : {}) }, read, options, nodeKeeper);
}

/** Phase two: the cross-report rules over the run, then each file's LintResult. */
export function finishRun(outcomes: readonly FileOutcome[], context: readonly ReportDigest[], options: LintTextOptions & { locale: Locale }): LintResult[] {
  return [...finishEachWith(unpackDigest, [...outcomes], context, options)];
}

/** Phase two one result at a time (outcome.ts's finishEach), digests read back by packed.ts. */
export function finishEach(
  outcomes: Array<FileOutcome | undefined>,
  context: readonly ReportDigest[],
  options: LintTextOptions & { locale: Locale },
): Generator<LintResult, void, undefined> {
  return finishEachWith(unpackDigest, outcomes, context, options);
}
