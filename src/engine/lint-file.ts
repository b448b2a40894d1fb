/** Reads, decodes and lints files (and fixes them on request): shared by the CLI and the Action. */
import { readReport, type Encoding } from './decode.ts';
import { canWrite, encodeText } from './encode.ts';
import { fixesOf, fixUntilStable } from './fix.ts';
import { analyzeText, fatalText, finishAnalysis, isStackOverflow, lintText, rulesToRun, type FileAnalysis, type LintTextOptions } from './lint.ts';
import { placeFindings, type DocumentInput } from './document.ts';
import { fatalResult } from './results.ts';
import { packDigest, unpackDigest, type PackedDigest } from './packed.ts';
import { ReportIndex, canonicalAgencies, runSetRules } from './set.ts';
import type { ReportDigest } from '../rule.ts';
import type { LintResult, Locale } from '../types.ts';

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

export async function lintFile(file: string, options: LintTextOptions & { locale: Locale }, lint: Lint = lintText): Promise<LintResult> {
  return (await lintFileFixing(file, options, lint)).result;
}

/** Reads, decodes and lints a file; with `fix`, fixes it (writing is the caller's). */
export async function lintFileFixing(file: string, options: LintTextOptions & { locale: Locale }, lint: Lint = lintText, fix?: FixMode): Promise<LintedSource> {
  const read = await readReport(file, { keepBytes: fix === 'write' });
  // A file that cannot be read or decoded is that file's fatal error, not the run's.
  if ('error' in read) return { result: fatalResult(file, read.error, options.locale) };
  const { bytes: original, ...decoded } = read;
  const linted = lintDecoded(decoded, file, options, lint, fix);
  return linted.bytes && original ? { ...linted, original } : linted;
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
}

/** Phase one for one file: read, decode, model, per-file rules. Serialisable (a worker may run it). */
export async function analyzeFile(file: string, options: LintTextOptions & { locale: Locale; digestOnly?: boolean }): Promise<FileOutcome> {
  const read = await readReport(file);
  if ('error' in read) return { result: fatalResult(file, read.error, options.locale) };
  try {
    const { digest, ...rest } = analyzeText(read.text, { ...options, filePath: file });
    const analysis: PackedAnalysis = { ...rest, digest: digest ? packDigest(digest) : null };
    return { analysis, ...(read.encoding === 'utf-8' ? {} : { encoding: read.encoding }), ...(read.input ? { input: read.input } : {}) };
  } catch (err) {
    if (isStackOverflow(err)) return { result: fatalText(file, 'fileStackOverflow', options.locale) };
    throw namedError(file, err);
  }
}

export interface LintFilesOptions {
  /**
   * Files read only as context for cross-report rules (last year's report of an agency whose
   * report changed): modelled, never reported on.
   */
  context?: readonly string[];
  /**
   * Files among which to look for the year-before reports of the linted ones (the Action with
   * only-changed passes every report of the checkout). Those that are the same agency's report for
   * the year before a linted report are read as context; the others are not modelled at all.
   */
  contextCandidates?: readonly string[];
  /** How each file is classified (the config's `reports` / `notReports`, see `classifier`). */
  classify?: (file: string) => 'auto' | 'report' | 'notReport';
}

/**
 * Lints a set of files: phase one per file (analyzeFile), then the cross-report rules (`checkSet`)
 * over the digests of every file of the run and of `context`, then directives. Results in the
 * order of `files`.
 */
export async function lintFiles(files: readonly string[], options: LintTextOptions & { locale: Locale }, more: LintFilesOptions = {}): Promise<LintResult[]> {
  const outcomes: FileOutcome[] = [];
  for (const file of files) outcomes.push(await analyzeFile(file, more.classify ? { ...options, classify: more.classify(file) } : options));
  const contextDigests: ReportDigest[] = [];
  for (const file of more.context ?? []) {
    const outcome = await analyzeFile(file, { ...options, digestOnly: true });
    if (outcome.analysis?.digest) contextDigests.push(unpackDigest(outcome.analysis.digest));
  }
  if (more.contextCandidates && more.contextCandidates.length > 0) {
    const linted = new Set([...files, ...(more.context ?? [])]);
    const targets = outcomes.flatMap((o) => (o.analysis?.digest ? [unpackDigest(o.analysis.digest)] : []));
    contextDigests.push(
      ...(await previousYearReports(
        targets,
        more.contextCandidates.filter((f) => !linted.has(f)),
        options,
      )),
    );
  }
  return finishRun(outcomes, contextDigests, options);
}

/**
 * The digests of the candidates that are the year-before report of one of `targets` (same agency,
 * year − 1). A candidate is modelled only when its opening text mentions one of the years wanted.
 */
export async function previousYearReports(
  targets: readonly ReportDigest[],
  candidates: readonly string[],
  options: LintTextOptions & { locale: Locale },
): Promise<ReportDigest[]> {
  const wanted = targets.filter((t) => t.agency !== null && t.year !== null);
  if (wanted.length === 0) return [];
  const years = [...new Set(wanted.map((t) => String((t.year as number) - 1)))];
  const found: ReportDigest[] = [];
  for (const file of candidates) {
    const read = await readReport(file);
    if ('error' in read) continue;
    const head = read.text.slice(0, 4000).normalize('NFKC').replace(/\s+/g, '');
    if (!years.some((y) => head.includes(y))) continue;
    let digest: ReportDigest | null;
    try {
      digest = analyzeText(read.text, { ...options, filePath: file, digestOnly: true }).digest;
    } catch {
      continue; // a context file that cannot be read is not this run's problem
    }
    if (digest && new ReportIndex(wanted).hasPreviousYearOf(digest)) found.push(digest);
  }
  return found;
}

/** Phase two: the cross-report rules over the run, then each file's LintResult. */
export function finishRun(outcomes: readonly FileOutcome[], context: readonly ReportDigest[], options: LintTextOptions & { locale: Locale }): LintResult[] {
  return [...finishEach([...outcomes], context, options)];
}

/**
 * Phase two, one result at a time, in file order: the cross-report rules run over every report
 * first, then each file's result is made when asked for. Each outcome is released (its slot set
 * to undefined) as its result is given, so that a caller streaming the results to the output
 * holds neither all outcomes nor all results. Empty slots are skipped.
 */
export function* finishEach(
  outcomes: Array<FileOutcome | undefined>,
  context: readonly ReportDigest[],
  options: LintTextOptions & { locale: Locale },
): Generator<LintResult, void, undefined> {
  const digests = outcomes.map((o) => (o?.analysis?.digest ? unpackDigest(o.analysis.digest) : null));
  const targets = digests.filter((d): d is ReportDigest => d !== null);
  const all = [...targets, ...context];
  const findings = runSetRules(targets, all, rulesToRun(options), options.config, options.locale);
  // One agency, one group: 洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024) share the longer name.
  const canonical = canonicalAgencies(all);
  // From here each digest is held only by its slot, released with it.
  targets.length = 0;
  all.length = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i];
    if (!outcome) continue;
    outcomes[i] = undefined;
    const digest = digests[i] ?? null;
    digests[i] = null;
    if (!outcome.analysis) {
      yield outcome.result as LintResult;
      continue;
    }
    const result = finishAnalysis({ ...outcome.analysis, digest }, (digest && findings.get(digest)) || [], options);
    if (digest) findings.delete(digest);
    if (result.agency !== undefined) result.agency = canonical.get(result.agency) ?? result.agency;
    const placed = outcome.input ? placeFindings(result, outcome.input, options.locale) : result;
    yield outcome.encoding ? { ...placed, encoding: outcome.encoding } : placed;
  }
}
