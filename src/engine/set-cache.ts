/**
 * The cross-report findings cached per report (`--cache`): each rule's findings for a report are
 * kept with what the rule read of the run — the report itself, and each report `previousYear()`,
 * `sameAgency(year)` gave it (file path and digest id, or none), or the whole run when it read
 * `reports`. A later run takes the findings as they are when every such look gives the same
 * report again: the looks need only the reports' identities (agency, year), so a warm run with
 * nothing changed decodes no digest, and a changed report re-runs only the relations it is part of.
 * The rules' settings and code are in the cache's key (cache-key.ts).
 */
import type { Diagnostic } from '../types.ts';
import type { ReportDigest } from '../rule.ts';
import type { ReportIndex } from './set.ts';

/**
 * A report's cross-report findings as cached: the report they are about (`self`: file path and
 * digest id) and, per rule, what the rule read of the run and what it found.
 */
export interface CrossRecord {
  self: [string, string];
  rules: CrossRuleRecord[];
}
/** [rule id, what it read (see Read), its findings]. */
export type CrossRuleRecord = [string, Read[], Diagnostic[]];
/**
 * One look of a rule at the run: `previousYear()` (['p', 0, …]), `sameAgency(year)` (['s', year,
 * …]) with the file path and id of the report it got (null: none); or the whole run read through
 * `reports` (['a', 0, <id of the run>, null]).
 */
export type Read = ['p' | 's' | 'a', number, string | null, string | null];

/**
 * Where runSetRules keeps and finds the records (the cache, by the report's file), and how it
 * tells reports apart (given by the caller: this module runs in the browser too, without node's
 * hashes).
 */
export interface SetRuleStore {
  get(current: ReportDigest): CrossRecord | undefined;
  set(current: ReportDigest, record: CrossRecord): void;
  /** The id of a report's digest; undefined when it has none (never packed: it cannot be told from another). */
  idOf(report: ReportDigest): string | undefined;
  /** A hash of the strings, in order (the id of the whole run). */
  hash(parts: readonly string[]): string;
}

/** The report's key: its file path and digest id; undefined when it has no id (never packed). */
function selfOf(store: SetRuleStore, current: ReportDigest): [string, string] | undefined {
  const id = store.idOf(current);
  return id === undefined ? undefined : [current.filePath, id];
}

/** The record kept for this report, when it is about this very report (same path, same digest). */
export function cachedFor(store: SetRuleStore, current: ReportDigest): CrossRecord | undefined {
  const self = selfOf(store, current);
  const record = self ? store.get(current) : undefined;
  return record && self && record.self[0] === self[0] && record.self[1] === self[1] ? record : undefined;
}

/** Keeps this run's records for the report, unless they are the ones it had. */
export function storeFor(store: SetRuleStore, current: ReportDigest, cached: CrossRecord | undefined, records: CrossRuleRecord[]): void {
  const self = selfOf(store, current);
  if (!self) return;
  if (cached && cached.rules.length === records.length && cached.rules.every((r, i) => r === records[i])) return;
  store.set(current, { self, rules: records });
}

/** The looks of the rules at the run: made and recorded, or checked again. */
export class RunLook {
  #runId: string | null | undefined;

  constructor(
    private readonly index: ReportIndex,
    private readonly reports: readonly ReportDigest[],
    private readonly store: SetRuleStore | undefined,
  ) {}

  /** Records a look that gave `found`, and gives it. */
  read(reads: Read[], kind: 'p' | 's', arg: number, found: ReportDigest | undefined): ReportDigest | undefined {
    if (this.store) reads.push(found ? [kind, arg, found.filePath, this.store.idOf(found) ?? null] : [kind, arg, null, null]);
    return found;
  }

  /** Whether every look gives what it gave when recorded. */
  holds(current: ReportDigest, reads: readonly Read[]): boolean {
    return reads.every(([kind, arg, file, id]) => {
      if (kind === 'a') return file !== null && file === this.runId();
      const found = kind === 'p' ? (current.year === null ? undefined : this.index.find(current, current.year - 1)) : this.index.find(current, arg);
      if (!found) return file === null && id === null;
      // A report without an id (never packed) cannot be told from another: looked at again.
      return id !== null && found.filePath === file && this.store?.idOf(found) === id;
    });
  }

  /** The id of the whole run (every report's path and id, in order); null when a report has no id. */
  runId(): string | null {
    if (this.#runId !== undefined) return this.#runId;
    const store = this.store;
    if (!store) return (this.#runId = null);
    const parts: string[] = [];
    for (const report of this.reports) {
      const id = store.idOf(report);
      if (id === undefined) return (this.#runId = null);
      parts.push(report.filePath, id);
    }
    return (this.#runId = store.hash(parts));
  }
}
