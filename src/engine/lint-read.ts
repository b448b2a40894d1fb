/**
 * Phase one of one file, wherever it runs (a worker, the CLI's or the Action's process when it
 * lints here, the web page): lint decoded text (and fix it), or read a report for its per-file
 * findings and its digest. It loads the reader (lint.ts); outcome.ts, what phase two needs, does not.
 */
import type { Encoding } from './decode-bytes.ts';
import { placeFindings, type DocumentInput } from './document.ts';
import type { FileError } from './file-error.ts';
import { canWrite, encodeText } from './encode.ts';
import { fixesOf, fixUntilStable } from './fix.ts';
import { analyzeText, fatalText, isStackOverflow, lintText, rulesToRun, type LintTextOptions } from './lint.ts';
import type { FileOutcome, FileTask, FixMode, Keeper, PackedAnalysis, TaskRead } from './outcome.ts';
import { fatalResult } from './results.ts';
import { setRulesOn } from './set.ts';
import type { LintResult, Locale } from '../types.ts';

type Lint = (source: string, options: LintTextOptions) => LintResult;

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

export function namedError(file: string, err: unknown): Error {
  // Name the file: it is what a bug report needs.
  const detail = err instanceof Error ? err.message : String(err);
  return new Error(`${file}: ${detail}`, { cause: err });
}

/**
 * Phase one for a task whose file has been read (or could not be): per-file rules and the
 * digest, or with `fix` the fixed text. Wherever the bytes came from, the same steps.
 */
export function lintRead(task: FileTask, read: TaskRead, options: LintTextOptions & { locale: Locale }, keeper: Keeper): FileOutcome {
  if ('error' in read) return task.years ? {} : { result: fatalResult(task.file, read.error, options.locale) };
  if (task.years && !mentionsYear(read.text, task.years)) return {};
  if (task.fix) {
    const { bytes: original, ...decoded } = read;
    const linted = lintDecoded(decoded, task.file, options, lintText, task.fix);
    // The bytes read travel as their hash: the file is written only if it still holds them.
    const readHash = linted.bytes && original && keeper.hash ? { readHash: keeper.hash(original) } : {};
    return {
      result: linted.result,
      ...(linted.bytes ? { fixed: linted.bytes } : {}),
      ...(linted.unwritable ? { unwritable: linted.unwritable } : {}),
      ...readHash,
    };
  }
  try {
    return analyzeRead(read, task.file, task.digestOnly ? { ...options, digestOnly: true } : options, keeper);
  } catch (err) {
    if (task.years) return {}; // a candidate that cannot be read is not this run's problem
    throw err;
  }
}

/** Whether the opening text names one of the years (a cheap look before modelling a candidate). */
function mentionsYear(text: string, years: readonly string[]): boolean {
  const head = text.slice(0, 4000).normalize('NFKC').replace(/\s+/g, '');
  return years.some((y) => head.includes(y));
}

export function analyzeRead(
  read: Exclude<TaskRead, { error: FileError }>,
  file: string,
  options: LintTextOptions & { locale: Locale; digestOnly?: boolean },
  keeper: Keeper,
): FileOutcome {
  try {
    const { digest, ...rest } = analyzeText(read.text, { ...options, filePath: file });
    // Tables and prose are packed only for a cross-report rule; the results need the identity only.
    const body = setRulesOn(rulesToRun(options), options.config);
    const analysis: PackedAnalysis = { ...rest, digest: digest ? keeper.pack(digest, { body }) : null };
    return { analysis, ...(read.encoding === 'utf-8' ? {} : { encoding: read.encoding }), ...(read.input ? { input: read.input } : {}) };
  } catch (err) {
    if (isStackOverflow(err)) return { result: fatalText(file, 'fileStackOverflow', options.locale) };
    throw namedError(file, err);
  }
}
