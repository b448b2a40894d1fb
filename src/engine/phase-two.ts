/**
 * Phase two of a run (see run.ts): the cross-report rules over every report of the run, then each
 * file's LintResult, one at a time. It works on the outcomes of phase one (lint-file.ts) and loads
 * no reader: a run whose reports all come from the cache needs no parser.
 */
import { finishAnalysis } from './finish.ts';
import { heapKeeper } from './heap.ts';
import type { FileOutcome } from './lint-file.ts';
import type { LintTextOptions } from './lint.ts';
import { placeFindings } from './document.ts';
import { unpackDigest } from './packed.ts';
import { canonicalAgencies, runSetRules } from './set.ts';
import type { SetRuleStore } from './set-cache.ts';
import { rulesToRun } from './settings.ts';
import type { ReportDigest } from '../rule.ts';
import type { Diagnostic, LintResult, Locale } from '../types.ts';

/** From this many reports on, the cross-report phase keeps the heap in check (heap.ts). */
const BIG_RUN = 500;

/** Phase two: the cross-report rules over the run, then each file's LintResult. */
export function finishRun(outcomes: readonly FileOutcome[], context: readonly ReportDigest[], options: LintTextOptions & { locale: Locale }): LintResult[] {
  return [...finishEach([...outcomes], context, options)];
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
  outcomes: ReadonlyArray<FileOutcome | undefined>,
  context: readonly ReportDigest[],
  options: LintTextOptions & { locale: Locale },
  store?: SetRuleStore,
  /** Each file's own settings (config per folder): each report is checked with its file's rule settings; every report is context. */
  optionsAt?: (index: number) => LintTextOptions & { locale: Locale },
): SetFindings {
  const digests = outcomes.map((o) => (o?.analysis?.digest ? unpackDigest(o.analysis.digest) : null));
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
  // A big run keeps its heap near what it holds (heap.ts); a small one is over before it matters.
  const keep = digests.length >= BIG_RUN ? heapKeeper() : undefined;
  for (const [own, targets] of groups) {
    for (const [digest, found] of runSetRules(targets, all, rulesToRun(own), own.config, own.locale, store, keep)) findings.set(digest, found);
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
  outcomes: Array<FileOutcome | undefined>,
  context: readonly ReportDigest[],
  options: LintTextOptions & { locale: Locale },
  found?: SetFindings,
  /** Each file's own settings (config per folder); default `options` for every file. */
  optionsAt?: (index: number) => LintTextOptions & { locale: Locale },
): Generator<LintResult, void, undefined> {
  const { digests, findings, canonical } = found ?? setFindings(outcomes, context, options, undefined, optionsAt);
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
