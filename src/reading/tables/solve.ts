/**
 * Choosing among a row's readings with the column relations of its table (R1, R2 of table 三).
 * A relation is used only where every other row it involves is already known for certain, and
 * only to narrow a row's readings; the rows it narrowed remember it (`chosenBy`), so that the same
 * relation is not then counted as confirming them (table-sums skips it for those rows).
 */
import type { Reading } from './decode.ts';

/** A column relation: Σ sign × row = 0 in every column. */
export interface ColumnRelation {
  id: 'R1' | 'R2';
  terms: ReadonlyArray<{ row: string; sign: 1 | -1 }>;
  /**
   * A relation derived from others (R1 − R2: （七） eliminated): the relations it stands for, all
   * of which a row it narrows remembers as having chosen it.
   */
  via?: ReadonlyArray<'R1' | 'R2'>;
}

export interface Candidate {
  row: string;
  /** The surviving readings, grouped by the values they give (readings that differ only in where a cell was lost give the same values). */
  options: Reading[][];
  chosenBy: Set<'R1' | 'R2'>;
}

type Values = ReadonlyArray<number | null>;

const valuesOf = (group: Reading[]): Values => (group[0]?.cells ?? []).map((c) => c.value);

/** At most this many combinations of the unknown rows of one relation are tried. */
const MAX_COMBINATIONS = 4096;

/**
 * Narrows every candidate as far as the relations allow, in place: for each relation whose rows
 * are all known or candidates, a candidate keeps the readings that take part in at least one
 * combination of the candidates' readings that satisfies the relation in every column (a few
 * unknown rows at a time). `known` holds the rows read as written.
 */
export function narrow(candidates: Candidate[], known: ReadonlyMap<string, Values>, relations: readonly ColumnRelation[]): void {
  const byRow = new Map(candidates.map((c) => [c.row, c]));
  for (let changed = true; changed;) {
    changed = false;
    for (const relation of relations) {
      const unknown = relation.terms.map((t) => byRow.get(t.row)).filter((c): c is Candidate => c !== undefined && c.options.length > 1);
      if (unknown.length === 0) continue;
      // Every other row must be known: read, or settled to one reading.
      const valueOf = (row: string): Values | undefined => {
        const c = byRow.get(row);
        if (c) return c.options.length === 1 && c.options[0] ? valuesOf(c.options[0]) : undefined;
        return known.get(row);
      };
      const fixedRows = relation.terms.filter((t) => !unknown.some((u) => u.row === t.row));
      if (!fixedRows.every((t) => complete(valueOf(t.row)))) continue;
      const combinations = unknown.reduce((n, u) => n * u.options.length, 1);
      if (combinations > MAX_COMBINATIONS) continue;
      const used = unknown.map(() => new Set<number>());
      const pick: number[] = unknown.map(() => 0);
      for (let k = 0; k < combinations; k++) {
        let rest = k;
        for (let u = 0; u < unknown.length; u++) {
          const size = (unknown[u] as Candidate).options.length;
          pick[u] = rest % size;
          rest = Math.floor(rest / size);
        }
        const values = new Map<string, Values>();
        for (const t of fixedRows) values.set(t.row, valueOf(t.row) as Values);
        unknown.forEach((u, n) => values.set(u.row, valuesOf(u.options[pick[n] ?? 0] as Reading[])));
        if (holds(relation, values)) pick.forEach((p, n) => used[n]?.add(p));
      }
      unknown.forEach((u, n) => {
        const keep = used[n] as Set<number>;
        // No combination holds: the relation is broken whatever the readings; it decides nothing.
        if (keep.size === 0 || keep.size === u.options.length) return;
        u.options = u.options.filter((_, index) => keep.has(index));
        for (const id of relation.via ?? [relation.id]) u.chosenBy.add(id);
        changed = true;
      });
    }
  }
}

function complete(values: Values | undefined): values is readonly number[] {
  return values !== undefined && values.every((v) => v !== null && Number.isFinite(v));
}

function holds(relation: ColumnRelation, values: ReadonlyMap<string, Values>): boolean {
  const width = values.get(relation.terms[0]?.row ?? '')?.length ?? 0;
  for (let c = 0; c < width; c++) {
    let total = 0;
    for (const term of relation.terms) total += term.sign * (values.get(term.row)?.[c] ?? Number.NaN);
    if (total !== 0) return false;
  }
  return true;
}

/**
 * What the other rows require of `row`: its values in every column from the first relation whose
 * other rows are all known; null when none is.
 */
export function required(
  row: string,
  known: ReadonlyMap<string, Values>,
  relations: readonly ColumnRelation[],
  width: number,
): { values: number[]; relation: 'R1' | 'R2' } | null {
  for (const relation of relations) {
    const self = relation.terms.find((t) => t.row === row);
    if (!self) continue;
    const others = relation.terms.filter((t) => t !== self);
    if (!others.every((t) => complete(known.get(t.row)))) continue;
    const values: number[] = [];
    for (let c = 0; c < width; c++) {
      const rest = others.reduce((s, t) => s + t.sign * ((known.get(t.row) as readonly number[])[c] ?? 0), 0);
      values.push(0 - rest * self.sign);
    }
    return { values, relation: relation.id };
  }
  return null;
}

/**
 * A column missing throughout (seed 004: six values in every row where seven belong): the rows
 * that each lack one value are read as lacking the same column, for each column in turn; a column
 * is possible when the relations that can be checked then hold. When every possible column gives
 * the same values, those rows are settled (and the relations checked remember they chose them).
 */
export function missingColumn(
  candidates: Candidate[],
  known: ReadonlyMap<string, Values>,
  relations: readonly ColumnRelation[],
  width: number,
  minRows: number,
  /** The column the header lacks, if it lacks exactly one: the text's own word on which it is. */
  headerLacks: number | null,
  /** The row's reading with an empty cell at `at` (its values one short), null when it is not one short. */
  unsolved?: (row: string, at: number) => Reading | null,
): void {
  const short = candidates.filter((c) => c.options.length > 1 && c.options.every((g) => g.every((r) => r.how === 'missingCell')));
  if (short.length < minRows) return headerColumn(candidates, minRows, headerLacks, unsolved);
  const settledValues = (c: Candidate): Values | undefined => (c.options.length === 1 && c.options[0] ? valuesOf(c.options[0]) : undefined);
  const outcomes: Array<{ column: number; picks: Map<string, Reading[]>; used: Set<'R1' | 'R2'>; key: string }> = [];
  for (let k = 0; k < width; k++) {
    const picks = new Map<string, Reading[]>();
    for (const c of short) {
      const group = c.options.find((g) => g.some((r) => r.at === k));
      if (group) picks.set(c.row, group);
    }
    if (picks.size < short.length) continue;
    const values = new Map<string, Values>(known);
    for (const c of candidates) {
      const v = picks.get(c.row);
      const settled = v ? valuesOf(v) : settledValues(c);
      if (settled) values.set(c.row, settled);
    }
    const used = new Set<'R1' | 'R2'>();
    let ok = true;
    for (const relation of relations) {
      if (!relation.terms.every((t) => complete(values.get(t.row)))) continue;
      used.add(relation.id);
      if (!holds(relation, values)) ok = false;
    }
    if (!ok || used.size === 0) continue;
    outcomes.push({ column: k, picks, used, key: short.map((c) => JSON.stringify(values.get(c.row))).join('|') });
  }
  // The relations cannot tell a column from its neighbours when every row lacks it (shifting all
  // rows alike keeps every column sum); the header can, when it lacks that column's name too.
  const fromHeader = outcomes.find((o) => o.column === headerLacks);
  const first = outcomes.every((o) => o.key === outcomes[0]?.key) ? outcomes[0] : fromHeader;
  if (!first) {
    headerColumn(candidates, minRows, headerLacks, unsolved);
    return;
  }
  for (const c of short) {
    const group = first.picks.get(c.row);
    if (!group) continue;
    // Keep every reading that gives these values: the lost cell's column may still be any of them.
    c.options = [group];
    for (const id of first.used) c.chosenBy.add(id);
  }
}

/**
 * The header lacks one column's name, and no column filled from the rows' totals makes the
 * relations hold (a wrong cell among the rows): that column is the one missing from every row one
 * value short, whatever the relations say, so they are left to check every row (a wrong cell
 * among them is found, not a reason to read no row at all). Its cells stay empty: solved by each
 * row's total, the wrong cell would make its row's cell there wrong too (two findings for one
 * cause), and a row whose total gives no value there would have none to move another into. A row
 * one value short is read so even where its digits could be split (“33” as 3 3): the header shows
 * as many columns as the row has values.
 */
function headerColumn(
  candidates: Candidate[],
  minRows: number,
  headerLacks: number | null,
  unsolved: ((row: string, at: number) => Reading | null) | undefined,
): void {
  if (headerLacks === null || !unsolved) return;
  const picks = candidates.map((c) => ({ c, reading: c.options.length === 1 && c.options[0]?.[0]?.how === 'written' ? null : unsolved(c.row, headerLacks) }));
  const lacking = picks.filter((p): p is { c: Candidate; reading: Reading } => p.reading !== null);
  if (lacking.length < minRows) return;
  for (const { c, reading } of lacking) c.options = [[reading]];
}

/** Where a reading that left a value out left it: the number of the row's values before it. */
const droppedAt = (r: Reading): number => (r.dropped ? r.cells.filter((c) => c.start < (r.dropped as { start: number }).start).length : -1);

/**
 * A column too many throughout (a 合计 column added to table 三): every row with one value too many
 * has it at one place among its values, since a column stands at one place in every row. A place
 * is taken only when it is decisive: its own relation allows it in every such row but at most one,
 * and every other place is refused by at least `minRows` rows. Each row then keeps the reading that
 * leaves out the value at that place: among several its own relation allowed, that one; where its
 * relation allowed none there or none at all (a wrong cell), the row read so (`leaveOut`: only a row
 * with one value too many), and its sum error found by the relations. No relation chose the place: the column relations still check every row.
 * Where the relations allow several places, the header's word for one of them (`headerPlace`) takes
 * it, for the rows whose own relation allows it there.
 */
export function extraColumn(
  candidates: Candidate[],
  minRows: number,
  width: number,
  /** The place the header shows a column the template lacks at, if it does. */
  headerPlace: number | null,
  /** The row's reading that leaves out its value at `place`, whatever its relation says (null: the row has not one value too many). */
  leaveOut: (row: string, place: number) => Reading | null,
  /** Whether a row read as written has one cell too many with its empty cells: read by the place too. */
  withBlank: (row: string) => boolean = () => false,
): number | undefined {
  const rows = candidates.filter((c) => c.options.length > 0 && c.options.every((g) => g.every((r) => r.how === 'extraValue')));
  if (rows.length < minRows) return undefined;
  const refusing = (p: number): Candidate[] => rows.filter((c) => !c.options.some((g) => g.some((r) => droppedAt(r) === p)));
  const counts = Array.from({ length: width + 1 }, (_, p) => refusing(p).length);
  const allowed = counts.flatMap((n, p) => (n <= 1 ? [p] : []));
  const decisive = allowed.length === 1 && counts.every((n, p) => p === allowed[0] || n >= minRows);
  // Where the relations allow several places (a 合计 column beside a column equal to it, as 商业企业
  // is where the other organisations applied for nothing), the header's word at one of them is the
  // column; the relations only allowed it.
  const place = decisive ? allowed[0] : headerPlace !== null && allowed.includes(headerPlace) ? headerPlace : undefined;
  if (place === undefined) return undefined;
  for (const c of candidates) {
    if (withBlank(c.row)) {
      const reading = leaveOut(c.row, place);
      if (reading) c.options = [[reading]];
      continue;
    }
    if (c.options.length > 0 && !rows.includes(c)) continue;
    const at = c.options.filter((g) => g.some((r) => droppedAt(r) === place));
    if (at.length === 1) c.options = at;
    // A row no reading there fits is read there only on the relations' word (the header's alone
    // does not say its values are its cells: a number wrapped in its cell adds pieces).
    else if (at.length === 0 && decisive) {
      const reading = leaveOut(c.row, place);
      if (reading) c.options = [[reading]];
    }
  }
  return place;
}
