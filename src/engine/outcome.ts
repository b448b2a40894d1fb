/**
 * What a run's two phases share, wherever they run (a worker process or thread, the CLI's or the
 * Action's process, the web page): the outcome of phase one as it travels and is kept (plain data),
 * and phase two (the cross-report rules, then each file's result). Phase one itself (decoding,
 * parsing, the per-file rules) is lint-read.ts: this module loads no reader, so that the main
 * thread of a run whose files are linted in workers, or all come from the cache, never loads the
 * parser. Reading files and keeping digests are the host's (lint-file.ts on Node, web.ts).
 */
import type { Encoding } from './decode-bytes.ts';
import { placeFindings, type DocumentInput } from './document.ts';
import type { FileError } from './file-error.ts';
import { finishAnalysis } from './finish.ts';
import type { FileAnalysis, LintTextOptions } from './lint.ts';
import { canonicalAgencies, runSetRules } from './set.ts';
import type { SetRuleStore } from './set-cache.ts';
import { rulesToRun } from './settings.ts';
import type { ReportDigest, ReportIdentity } from '../rule.ts';
import type { Diagnostic, LintResult, Locale } from '../types.ts';

/** A digest as a run keeps it (packed.ts on Node): identity and path as they are, tables and prose packed. */
export interface PackedDigest extends ReportIdentity {
  filePath: string;
  /**
   * What tells this digest from any other: a hash of the identity and the packed bytes (the file
   * path aside). The cross-report findings cached per report are keyed by the ids of the reports
   * they read (set-cache.ts); a digest read back from the cache file is checked against it.
   */
  id: string;
  /**
   * Tables and prose: compact JSON, deflated, as a latin1 string (one byte per character); empty
   * when spooled, kept in the cache file, or not packed (no cross-report rule on: `bodyless`).
   */
  packed: string;
  /** Where the packed bytes are in a DigestSpool's file or the cache file ([offset, length]), when they are there. */
  spooled?: readonly [number, number];
  /** Identity only: no cross-report rule was on, so tables and prose were not packed. */
  bodyless?: true;
}

/** A kept digest read back for phase two (packed.ts's unpackDigest on Node). */
export type Unpack = (digest: PackedDigest) => ReportDigest;

/** `write`: fix to write the file back (--fix); `dry-run`: fix only to show the output (--fix-dry-run). */
export type FixMode = 'write' | 'dry-run';

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

/** What reading a task's file (or decoding its bytes) gave: the text and where it came from, or why not. */
export type TaskRead = { text: string; encoding: Encoding; bom?: true; input?: DocumentInput; bytes?: Uint8Array } | { error: FileError };

/** How a host keeps what phase one found until phase two (see host.ts): a digest packed, bytes hashed. */
export interface Keeper {
  pack: (digest: ReportDigest, options: { body: boolean }) => PackedDigest;
  /** The hash of the bytes a file held when read (`--fix` writes only over those); hosts that write no file leave it out. */
  hash?: (bytes: Uint8Array) => string;
}

/** A file of phase one and its place in the run. */
export interface Task extends FileTask {
  index: number;
}

/** The cross-report rules' findings over a run: what finishEach puts in the results. */
export interface SetFindings {
  digests: Array<ReportDigest | null>;
  findings: Map<ReportDigest, Diagnostic[]>;
  canonical: Map<string, string>;
}

/**
 * The cross-report rules over every report of the run (the outcomes' and the context's), with
 * the findings cached per report when a `store` is given (set-cache.ts).
 */
export function setFindings(
  unpack: Unpack,
  outcomes: ReadonlyArray<FileOutcome | undefined>,
  context: readonly ReportDigest[],
  options: LintTextOptions & { locale: Locale },
  store?: SetRuleStore,
  /** Each file's own settings (config per folder): each report is checked with its file's rule settings; every report is context. */
  optionsAt?: (index: number) => LintTextOptions & { locale: Locale },
  /** Called after each report's cross-report rules (the Node host keeps a big run's heap in check there, heap.ts). */
  afterEach?: () => void,
): SetFindings {
  const digests = outcomes.map((o) => (o?.analysis?.digest ? unpack(o.analysis.digest) : null));
  const all = [...digests.filter((d): d is ReportDigest => d !== null), ...context];
  const groups = new Map<LintTextOptions & { locale: Locale }, ReportDigest[]>();
  digests.forEach((digest, i) => {
    if (!digest) return;
    const own = optionsAt?.(i) ?? options;
    const group = groups.get(own);
    if (group) group.push(digest);
    else groups.set(own, [digest]);
  });
  const findings = new Map<ReportDigest, Diagnostic[]>();
  for (const [own, targets] of groups) {
    for (const [digest, found] of runSetRules(targets, all, rulesToRun(own), own.config, own.locale, store, afterEach)) findings.set(digest, found);
  }
  // One agency, one group: 洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024) share the longer name.
  return { digests, findings, canonical: canonicalAgencies(all) };
}

/**
 * Phase two, one result at a time, in file order: the cross-report rules run over every report
 * first (or `found` gives their findings, see setFindings), then each file's result is made when
 * asked for. Each outcome is released (its slot set to undefined) as its result is given, so that
 * a caller streaming the results to the output holds neither all outcomes nor all results. Empty
 * slots are skipped.
 */
export function* finishEach(
  unpack: Unpack,
  outcomes: Array<FileOutcome | undefined>,
  context: readonly ReportDigest[],
  options: LintTextOptions & { locale: Locale },
  found?: SetFindings,
  /** Each file's own settings (config per folder); default `options` for every file. */
  optionsAt?: (index: number) => LintTextOptions & { locale: Locale },
): Generator<LintResult, void, undefined> {
  const { digests, findings, canonical } = found ?? setFindings(unpack, outcomes, context, options, undefined, optionsAt);
  // From here each digest is held only by its slot, released with it.
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
    const result = finishAnalysis({ ...outcome.analysis, digest }, (digest && findings.get(digest)) || [], optionsAt?.(i) ?? options);
    if (digest) findings.delete(digest);
    if (result.agency !== undefined) result.agency = canonical.get(result.agency) ?? result.agency;
    const placed = outcome.input ? placeFindings(result, outcome.input, options.locale) : result;
    yield outcome.encoding ? { ...placed, encoding: outcome.encoding } : placed;
  }
}
