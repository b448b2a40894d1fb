/** Reads, decodes and lints files (and fixes them on request): shared by the CLI and the Action. */
import { decodeBuffer, fileError, readReport, type BytesRead, type Encoding, type FileError, type ReadResult } from './decode.ts';
import { canWrite, encodeText } from './encode.ts';
import { fixesOf, fixUntilStable } from './fix.ts';
import { hashBytes } from './write.ts';
import { analyzeText, fatalText, isStackOverflow, lintText, rulesToRun, type FileAnalysis, type LintTextOptions } from './lint.ts';
import { placeFindings, type DocumentInput } from './document.ts';
import { fatalResult } from './results.ts';
import { packDigest, type PackedDigest } from './packed.ts';
import { setRulesOn } from './set.ts';
import type { LintResult, Locale } from '../types.ts';

// Phase two lives in phase-two.ts (it loads no reader); re-exported for the modules and tests that import it from here.
export { finishEach, finishRun } from './phase-two.ts';

type Lint = (source: string, options: LintTextOptions) => LintResult;

/** `write`: fix to write the file back (--fix); `dry-run`: fix only to show the output (--fix-dry-run). */
export type FixMode = 'write' | 'dry-run';

export interface LintedSource {
  result: LintResult;
  /** The fixed text, encoded as the input was: what --fix writes back (only when the text changed). */
  bytes?: Uint8Array;
  /** Fixes were available but --fix cannot write this encoding back (GB18030): nothing was fixed. */
  unwritable?: Encoding;
  /** The bytes the file held when read (with `bytes`, from a file): write.ts writes only over these. */
  original?: Uint8Array;
}

/** Lints (and with `fix`, fixes until stable) text that has been decoded from `encoding`. */
export function lintDecoded(
  read: { text: string; encoding: Encoding; bom?: true; input?: DocumentInput },
  filePath: string,
  options: LintTextOptions & { locale: Locale },
  lint: Lint = lintText,
  fix?: FixMode,
): LintedSource {
  const once = (text: string): LintResult => {
    try {
      return lint(text, { ...options, filePath });
    } catch (err) {
      // Too deep for the stack: that file's problem; the other files' results must still be printed.
      if (isStackOverflow(err)) return fatalText(filePath, 'fileStackOverflow', options.locale);
      throw namedError(filePath, err);
    }
  };
  // A .html or .docx file: each finding also says where it is in the original document.
  const place = (result: LintResult): LintResult => (read.input ? placeFindings(result, read.input, options.locale) : result);
  const tag = (result: LintResult): LintResult => (read.encoding === 'utf-8' ? place(result) : { ...place(result), encoding: read.encoding });
  // A .html/.docx file is read as intermediate Markdown: never fixed, never written (its findings
  // keep their edits as suggestions, see placeFindings).
  if (fix === undefined || read.input) return { result: tag(once(read.text)) };
  if (fix === 'write' && !canWrite(read.encoding)) {
    const result = tag(once(read.text));
    return fixesOf(result.messages).length > 0 ? { result, unwritable: read.encoding } : { result };
  }
  const run = fixUntilStable(read.text, once);
  if (!run.fixed) return { result: tag(run.result) };
  const result = tag({ ...run.result, output: run.output });
  const bytes = encodeText(run.output, read.encoding, read.bom === true);
  return bytes ? { result, bytes } : { result };
}

/** Reads, decodes and lints one file on its own (per-file and cross-report rules, no other report). */
export async function lintFile(file: string, options: LintTextOptions & { locale: Locale }, lint: Lint = lintText): Promise<LintResult> {
  const read = await readReport(file);
  // A file that cannot be read or decoded is that file's fatal error, not the run's.
  if ('error' in read) return fatalResult(file, read.error, options.locale);
  return lintDecoded(read, file, options, lint).result;
}

function namedError(file: string, err: unknown): Error {
  // Name the file: it is what a bug report needs.
  const detail = err instanceof Error ? err.message : String(err);
  return new Error(`${file}: ${detail}`, { cause: err });
}

/** A FileAnalysis as a run keeps it between its phases: the digest packed (see packed.ts). */
export interface PackedAnalysis extends Omit<FileAnalysis, 'digest'> {
  digest: PackedDigest | null;
}

/** One file read and checked by the per-file rules: the first phase of a run (see lintFiles). */
export interface FileOutcome {
  analysis?: PackedAnalysis;
  /** The result as it stands when the file could not be read or decoded. */
  result?: LintResult;
  encoding?: string;
  /** A .html or .docx file: where its text came from, to place the findings in the document. */
  input?: DocumentInput;
  /** A fixed file (FileTask.fix): the fixed text, encoded as the input was (`result` is final). */
  fixed?: Uint8Array;
  /** Fixes were available but this encoding cannot be written back (GB18030): nothing was fixed. */
  unwritable?: Encoding;
  /** With `fixed` from a file: the SHA-256 of the bytes read; --fix writes only over those (write.ts). */
  readHash?: string;
}

/** One file for phase one, as the engine hands it to a worker or lints it here: plain data. */
export interface FileTask {
  file: string;
  /** The bytes already read (standard input), reported under `file`. */
  bytes?: Uint8Array;
  /** Fix the file (per-file rules only) instead of phase one: the outcome's `result` is final. */
  fix?: FixMode;
  /** Read for the digest only (context for the cross-report rules): no per-file rule runs. */
  digestOnly?: boolean;
  /** Model the file only when its opening text mentions one of these years (the candidates for last year's report). */
  years?: readonly string[];
}

/**
 * Reads a task's file (or decodes its bytes) and runs phase one on it, or fixes it. `ahead`: the
 * file's bytes being read already (readBytes, started while the file before was linted).
 */
export async function lintTask(task: FileTask, options: LintTextOptions & { locale: Locale }, ahead?: Promise<BytesRead>): Promise<FileOutcome> {
  const read = task.bytes ? decodeBytes(task.bytes) : await readReport(task.file, { keepBytes: task.fix === 'write', ...(ahead ? { read: ahead } : {}) });
  if ('error' in read) return task.years ? {} : { result: fatalResult(task.file, read.error, options.locale) };
  if (task.years && !mentionsYear(read.text, task.years)) return {};
  if (task.fix) {
    const { bytes: original, ...decoded } = read as typeof read & { bytes?: Uint8Array };
    const linted = lintDecoded(decoded, task.file, options, lintText, task.fix);
    // The bytes read travel as their hash: the file is written only if it still holds them.
    const readHash = linted.bytes && original ? { readHash: hashBytes(original) } : {};
    return {
      result: linted.result,
      ...(linted.bytes ? { fixed: linted.bytes } : {}),
      ...(linted.unwritable ? { unwritable: linted.unwritable } : {}),
      ...readHash,
    };
  }
  try {
    return analyzeRead(read, task.file, task.digestOnly ? { ...options, digestOnly: true } : options);
  } catch (err) {
    if (task.years) return {}; // a candidate that cannot be read is not this run's problem
    throw err;
  }
}

function decodeBytes(bytes: Uint8Array): Exclude<ReturnType<typeof decodeBuffer>, { error: unknown }> | { error: FileError } {
  const decoded = decodeBuffer(bytes);
  return 'error' in decoded ? { error: fileError(decoded.error) } : decoded;
}

/** Whether the opening text names one of the years (a cheap look before modelling a candidate). */
function mentionsYear(text: string, years: readonly string[]): boolean {
  const head = text.slice(0, 4000).normalize('NFKC').replace(/\s+/g, '');
  return years.some((y) => head.includes(y));
}

/** Phase one for one file: read, decode, model, per-file rules. Serialisable (a worker may run it). */
export async function analyzeFile(file: string, options: LintTextOptions & { locale: Locale; digestOnly?: boolean }): Promise<FileOutcome> {
  const read = await readReport(file);
  if ('error' in read) return { result: fatalResult(file, read.error, options.locale) };
  return analyzeRead(read, file, options);
}

function analyzeRead(
  read: Exclude<ReadResult, { error: FileError }>,
  file: string,
  options: LintTextOptions & { locale: Locale; digestOnly?: boolean },
): FileOutcome {
  try {
    const { digest, ...rest } = analyzeText(read.text, { ...options, filePath: file });
    // Tables and prose are packed only for a cross-report rule; the results need the identity only.
    const body = setRulesOn(rulesToRun(options), options.config);
    const analysis: PackedAnalysis = { ...rest, digest: digest ? packDigest(digest, { body }) : null };
    return { analysis, ...(read.encoding === 'utf-8' ? {} : { encoding: read.encoding }), ...(read.input ? { input: read.input } : {}) };
  } catch (err) {
    if (isStackOverflow(err)) return { result: fatalText(file, 'fileStackOverflow', options.locale) };
    throw namedError(file, err);
  }
}
