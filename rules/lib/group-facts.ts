/**
 * One cause, one finding: facts of one kind about several rows of one table are one finding
 * (a column missing throughout, rows left blank, a table unreadable as a whole), placed at the
 * first of them and naming the first and last rows.
 */
import type { Row, Table, TableFact, TableFactKind } from '../../src/model/schema.ts';

/** From this many rows on, facts of one kind in one table are reported together. */
export const GROUP_FROM = 3;

/** Kinds that may concern many rows at once; the others are reported one by one. */
export const GROUPABLE_KINDS = [
  'cellCount',
  'missingCell',
  'blankCells',
  'blankRow',
  'runTogether',
  'ambiguous',
  'nonNumeric',
  'negative',
  'unexpectedText',
  'rowOrder',
  'missingRow',
  'extraValue',
  'interleaved',
  'spacedDigits',
  'labelTypo',
] as const satisfies readonly TableFactKind[];

export type GroupableKind = (typeof GROUPABLE_KINDS)[number];

/**
 * Kinds grouped from two rows on: rows whose values other text splits share one cause, the text
 * having been read across the table's columns (plain pdftotext, a page's repeated header); so do
 * rows whose spaced digits the table's letter spacing leaves unread.
 */
const GROUP_FROM_TWO: ReadonlySet<TableFactKind> = new Set<TableFactKind>(['interleaved', 'spacedDigits']);

/** The facts of one kind, as the model's union narrows them. */
export type FactOf<K extends TableFactKind> = Extract<TableFact, { kind: K }>;

export type Grouped = { single: TableFact } | { group: TableFact[]; kind: GroupableKind };

const GROUPABLE: ReadonlySet<TableFactKind> = new Set<TableFactKind>(GROUPABLE_KINDS);
const isGroupable = (kind: TableFactKind): kind is GroupableKind => GROUPABLE.has(kind);

export function groupFacts(facts: readonly TableFact[]): Grouped[] {
  const byKind = new Map<TableFactKind, TableFact[]>();
  for (const f of facts) {
    const list = byKind.get(f.kind);
    if (list) list.push(f);
    else byKind.set(f.kind, [f]);
  }
  const out: Grouped[] = [];
  const emitted = new Set<TableFactKind>();
  for (const f of facts) {
    const same = byKind.get(f.kind) ?? [];
    if (isGroupable(f.kind) && same.length >= (GROUP_FROM_TWO.has(f.kind) ? 2 : GROUP_FROM)) {
      if (!emitted.has(f.kind)) out.push({ group: same, kind: f.kind });
      emitted.add(f.kind);
    } else out.push({ single: f });
  }
  return out;
}

/** Row statuses that mean the row's values could not be read. */
const UNREAD: ReadonlySet<Row['status']> = new Set(['count', 'ambiguous', 'unclear']);

/** Fact kinds about a row's values that an unreadable table as a whole stands for. */
export const ROW_READING_KINDS = new Set<TableFactKind>([
  'cellCount',
  'runTogether',
  'ambiguous',
  'interleaved',
  'spacedDigits',
  'unexpectedText',
  'rowOrder',
  'blankRow',
]);
/** Fact kinds about single rows: when the table is unreadable as a whole, they are symptoms of that one cause. */
export const ROW_KINDS = new Set<TableFactKind>([
  ...ROW_READING_KINDS,
  'missingRow',
  'missingCell',
  'extraValue',
  'blankCells',
  'labelTypo',
  'strayValues',
  'nonNumeric',
  'negative',
]);

/**
 * A table unreadable as a whole (flattened into one line, read column by column, labels torn
 * from their values by a converter): at least GROUP_FROM rows found and at least two in five of
 * them unread. Returns the unread rows, or null.
 */
export function unreadableTable(table: Table): Row[] | null {
  // Rows found by their labels (table 四 has none: its whole-table facts are one finding already).
  const found = table.rows.filter((r) => r.found !== null);
  const garbled = found.filter((r) => UNREAD.has(r.status));
  // Rows without values count too once other rows are garbled (a converter tore labels from their
  // values); in an otherwise clean table they are rows left blank, a cause of their own.
  const unread = garbled.length >= GROUP_FROM ? found.filter((r) => UNREAD.has(r.status) || r.status === 'blank') : garbled;
  return found.length >= GROUP_FROM && unread.length >= GROUP_FROM && unread.length * 5 >= found.length * 2 ? unread : null;
}
