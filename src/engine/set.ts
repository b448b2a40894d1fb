/**
 * Reports as a set: the index of every report of the run by agency and year, and the second
 * phase of a run, in which the rules' `checkSet` hooks look at a report together with the others
 * (the same agency's report for the year before, say). Works on digests only (plain data, see
 * digest.ts), so the first phase may run anywhere (worker processes).
 */
import { guarded } from './report.ts';
import { cachedFor, RunLook, storeFor, type CrossRuleRecord, type Read, type SetRuleStore } from './set-cache.ts';
import { defaultSetting, type ResolvedConfig } from './settings.ts';
import type { ReportDigest, Rule, SetRuleContext } from '../rule.ts';
import type { Diagnostic, Locale } from '../types.ts';

/** A place name ending in 省 or 市 that a report may put before its agency's name (淮安市 + 洪泽区人民政府). */
const PLACE_PREFIX = /^[\u4e00-\u9fff]{1,8}?[省市]$/;
/** The shorter name must still name a place of its own: …区/县/市/旗 before the body's name. */
const OWN_PLACE = /^[\u4e00-\u9fff]{1,8}?[区县市旗州盟]/;

/**
 * Whether two agency keys name the same agency: equal, or one is the other with a province or
 * city in front (`淮安市洪泽区人民政府` and `洪泽区人民政府`, as one agency titles its reports in
 * different years). Other renamings need the config's `agencies`.
 */
/** sameAgency needs the shorter key to be at least this long and the longer to end with it. */
const SUFFIX = 5;

export function sameAgency(a: string, b: string): boolean {
  if (a === b) return true;
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (short.length < SUFFIX || !long.endsWith(short) || !OWN_PLACE.test(short)) return false;
  return PLACE_PREFIX.test(long.slice(0, long.length - short.length));
}

export class ReportIndex {
  readonly #byAgency = new Map<string, ReportDigest[]>();

  constructor(readonly reports: readonly ReportDigest[]) {
    const sorted = [...reports].sort((x, y) => (x.filePath < y.filePath ? -1 : x.filePath > y.filePath ? 1 : 0));
    for (const report of sorted) {
      if (report.agency === null || report.year === null) continue;
      const list = this.#byAgency.get(report.agency) ?? [];
      list.push(report);
      this.#byAgency.set(report.agency, list);
    }
  }

  /** Whether `other` is the year-before report of one of the reports indexed. */
  hasPreviousYearOf(other: ReportDigest): boolean {
    if (other.agency === null || other.year === null) return false;
    const year = other.year + 1;
    return this.reports.some((r) => r.year === year && r.agency !== null && sameAgency(r.agency, other.agency as string));
  }

  /** The same agency's report for `year` (not `self`), first by path; undefined when none. */
  find(self: ReportDigest, year: number): ReportDigest | undefined {
    if (self.agency === null) return undefined;
    const exact = this.#byAgency.get(self.agency)?.find((r) => r.year === year && r !== self);
    if (exact) return exact;
    // A name with or without its city: only when exactly one other agency of the run matches
    // (鼓楼区人民政府 could be 南京市's or 福州市's).
    const matches = this.aliasesOf(self.agency);
    if (matches.length !== 1) return undefined;
    return this.#byAgency.get(matches[0] as string)?.find((r) => r.year === year && r !== self);
  }

  readonly #aliases = new Map<string, string[]>();
  /** The agency keys by their last SUFFIX characters: two keys of one agency end alike (see sameAgency). */
  #bySuffix: Map<string, string[]> | undefined;

  /** The other agency keys of the run that name the same agency with or without a city in front. */
  aliasesOf(agency: string): string[] {
    // Asked for each report by each cross-report rule: the keys that end as this one does, once.
    let found = this.#aliases.get(agency);
    if (!found) {
      if (!this.#bySuffix) {
        this.#bySuffix = new Map();
        for (const key of this.#byAgency.keys()) {
          const list = this.#bySuffix.get(key.slice(-SUFFIX)) ?? [];
          list.push(key);
          this.#bySuffix.set(key.slice(-SUFFIX), list);
        }
      }
      const candidates = agency.length < SUFFIX ? [] : (this.#bySuffix.get(agency.slice(-SUFFIX)) ?? []);
      found = candidates.filter((other) => other !== agency && sameAgency(other, agency));
      this.#aliases.set(agency, found);
    }
    return found;
  }

  /**
   * The key a summary should group this agency under: the longest name of the run that names it
   * with or without a city in front, when that is unambiguous; else the key itself.
   */
  canonical(agency: string): string {
    const matches = this.aliasesOf(agency);
    if (matches.length === 0) return agency;
    const all = [agency, ...matches].sort((a, b) => b.length - a.length);
    const longest = all[0] as string;
    // Every other name must be the longest one with its city removed.
    return all.every((name) => name === longest || sameAgency(name, longest)) && this.aliasesOf(longest).length === all.length - 1 ? longest : agency;
  }
}

/** The rules with a `checkSet` hook. */
export function setRules(rules: readonly Rule[]): Rule[] {
  return rules.filter((rule) => typeof rule.checkSet === 'function');
}

/** Whether a cross-report rule (`checkSet`) is on: only then are the digests' tables and prose packed. */
export function setRulesOn(rules: readonly Rule[], config: ResolvedConfig | undefined): boolean {
  return rules.some((rule) => typeof rule.checkSet === 'function' && (config?.rules[rule.meta.id] ?? defaultSetting(rule)).severity !== 0);
}

/** The reports' agency keys, each mapped to the key a summary groups it under (see ReportIndex.canonical). */
export function canonicalAgencies(reports: readonly ReportDigest[]): Map<string, string> {
  const index = new ReportIndex(reports);
  const out = new Map<string, string>();
  for (const report of reports) if (report.agency !== null && !out.has(report.agency)) out.set(report.agency, index.canonical(report.agency));
  return out;
}

/**
 * Runs every enabled `checkSet` over each of `targets`, with `reports` (targets included) as the
 * run. Returns the findings by target. With a `store`, what each rule read of the run is recorded
 * with its findings, and a rule whose record still holds (the same report, the same reports found
 * where it looked) is not run again: its findings are taken as they were.
 */
export function runSetRules(
  targets: readonly ReportDigest[],
  reports: readonly ReportDigest[],
  rules: readonly Rule[],
  config: ResolvedConfig | undefined,
  locale: Locale,
  /** The cross-report findings cached per report (set-cache.ts): reused while what they read is unchanged. */
  store?: SetRuleStore,
  /** Called after each target (the run keeps its heap in check there, heap.ts). */
  afterEach?: () => void,
): Map<ReportDigest, Diagnostic[]> {
  const out = new Map<ReportDigest, Diagnostic[]>();
  const active = setRules(rules)
    .map((rule) => ({ rule, setting: config?.rules[rule.meta.id] ?? defaultSetting(rule) }))
    .filter(({ setting }) => setting.severity !== 0);
  if (active.length === 0) return out;
  const index = new ReportIndex(reports);
  const look = new RunLook(index, reports, store);
  for (const current of targets) {
    const cached = store ? cachedFor(store, current) : undefined;
    const messages: Diagnostic[] = [];
    const records: CrossRuleRecord[] = [];
    for (const { rule, setting } of active) {
      const hit = cached?.rules.find((r) => r[0] === rule.meta.id);
      if (hit && look.holds(current, hit[1])) {
        messages.push(...hit[2]);
        records.push(hit);
        continue;
      }
      const reads: Read[] = [];
      const start = messages.length;
      guarded(
        rule,
        locale,
        messages,
        (report) => {
          const context: SetRuleContext<unknown> = {
            current,
            previousYear: () => look.read(reads, 'p', 0, current.year === null ? undefined : index.find(current, current.year - 1)),
            sameAgency: (year: number) => look.read(reads, 's', year, index.find(current, year)),
            get reports() {
              reads.push(['a', 0, look.runId(), null]);
              return reports;
            },
            options: setting.options,
            locale,
            report,
          };
          rule.checkSet?.(context);
        },
        setting,
      );
      const found = messages.slice(start);
      // A rule that failed (a damaged digest, a bug) is asked again next time.
      if (!found.some((m) => m.messageId === 'ruleError' && m.ruleId === rule.meta.id)) records.push([rule.meta.id, reads, found]);
    }
    if (store) storeFor(store, current, cached, records);
    out.set(current, messages);
    afterEach?.();
  }
  return out;
}
