/**
 * table-structure's findings from the model's table facts: one entry per fact kind, so that the
 * compiler checks that every kind has its message (and each message id exists). The numbers in a
 * message (`expected`, `found`) are the fact's own: the reader knows how many values a row needs.
 */
import type { TableFact, TableFactKind } from '../../src/model/schema.ts';
import { formatMessage, replaceSpan, type Fix, type LocalizedText, type SuggestionDescriptor } from '../../src/rule.ts';
import { list, orList, type Locale } from '../../src/i18n.ts';
import type { FactOf, GroupableKind } from './group-facts.ts';
import { certainlyInCell } from './cell-place.ts';
import type { TableStructureMessageId } from './table-structure-messages.ts';

/** What one fact (or group of facts) is reported as; `table` is added to the data by the caller. */
export interface FactFinding {
  messageId: TableStructureMessageId;
  data: Record<string, string | number>;
  fix?: Fix;
  suggest?: SuggestionDescriptor[];
}

/** What the messages need besides the fact: the language (lists) and the text (for certain fixes). */
export interface FactContext {
  locale: Locale;
  source: string;
}

type Describe<K extends TableFactKind> = (fact: FactOf<K>, context: FactContext) => FactFinding | undefined;

/** “row X” inside a sentence. */
const ROW_NAMED: LocalizedText = { 'zh-CN': '“{row}”行', en: ' row “{row}”' };

const finding = (messageId: TableStructureMessageId, data: Record<string, string | number> = {}): FactFinding => ({ messageId, data });

/**
 * One empty cell of a row otherwise complete, whose total decides it: 0 is certainly right (the
 * format writes nothing as 0) where the text has a place certainly inside that cell; another
 * value, or a place that is not certain, is offered for a person to confirm.
 */
const blankCells: Describe<'blankCells'> = (f, { locale, source }) => {
  const messageId = f.solved !== null && f.solved !== 0 ? 'blankCellSolved' : 'blankCell';
  const data = { row: f.row.label, columns: list(f.columns, locale), solved: f.solved ?? 0 };
  const empty = f.span.start.offset === f.span.end.offset;
  if (!empty || f.solved === null) return { messageId, data };
  const edit = replaceSpan(f.span, String(f.solved));
  if (f.solved === 0 && certainlyInCell(source, f.span.start.offset)) return { messageId, data, fix: edit };
  return { messageId, data, suggest: [{ messageId: 'fillSolved', data: { value: f.solved }, fix: edit }] };
};

/** The template fixes the header's words: certainly right where the text is as read. */
const headerTypo: Describe<'headerTypo'> = (f, { source }) => {
  const data = { found: f.found, expected: f.expected };
  const asRead = source.slice(f.span.start.offset, f.span.end.offset) === f.found;
  return asRead ? { messageId: 'headerTypo', data, fix: replaceSpan(f.span, f.expected) } : { messageId: 'headerTypo', data };
};

const ONE_FACT: { [K in TableFactKind]: Describe<K> } = {
  missingTable: () => finding('missingTable'),
  missingRow: (f) => finding('missingRow', { row: f.row.label }),
  cellCount: (f) => finding(f.blanks > 0 ? 'cellCountBlank' : 'cellCount', { row: f.row.label, expected: f.expected, found: f.found, blanks: f.blanks }),
  missingCell: (f, { locale }) =>
    finding(f.columns.length === 1 ? 'missingCell' : 'missingCellSomewhere', {
      row: f.row.label,
      expected: f.expected,
      columns: list(f.columns, locale),
      value: f.value === null ? '?' : f.value,
    }),
  blankCells,
  blankRow: (f) => finding('blankRow', { row: f.row.label }),
  extraValue: (f) => finding('extraValue', { row: f.row.label, text: f.text }),
  ambiguous: (f, { locale }) =>
    finding('ambiguous', {
      row: f.row.label,
      text: f.text,
      count: f.count,
      readings: orList(
        f.readings.slice(0, 2).map((r) => r.join(' ')),
        locale,
      ),
    }),
  runTogether: (f) => finding('runTogether', { row: f.row.label, text: f.text, expected: f.expected }),
  nonNumeric: (f) => finding('nonNumeric', { row: f.row.label, column: f.column, text: f.text }),
  negative: (f) => finding('negative', { row: f.row.label, column: f.column, text: f.text }),
  unexpectedText: (f) => finding('unexpectedText', { row: f.row.label, text: f.text }),
  labelTypo: (f) => finding('labelTypo', { found: f.found, expected: f.row.label }),
  headerTypo,
  missingNote: (f) => finding('missingNote', { note: f.note }),
  mixedTemplate: (f) => finding('mixedTemplate', { found2019: f.found2019, found2021: f.found2021 }),
  strayValues: (f) => finding('strayValues', { count: f.count, text: f.text }),
  rowOrder: (f) => finding('rowOrder', { row: f.row.label }),
  spacedDigits: (f) => finding('spacedDigits', { row: f.row.label, text: f.text }),
  interleaved: (f, { locale }) => finding('interleaved', { row: f.row ? formatMessage(ROW_NAMED[locale], { row: f.row.label }) : '', runs: f.runs }),
  // A sum that does not add up: table-sums reports it.
  noReading: () => undefined,
};

/** The finding for one fact, or undefined for a fact another rule reports. */
export function factFinding(fact: TableFact, context: FactContext): FactFinding | undefined {
  // One entry per kind: the cast only joins each fact to its own kind's entry.
  return (ONE_FACT[fact.kind] as Describe<TableFactKind>)(fact as never, context);
}

type DescribeGroup<K extends GroupableKind> = {
  messageId: TableStructureMessageId;
  /** What the message says beyond the table, the count and the first and last rows. */
  data?: (group: readonly FactOf<K>[], locale: Locale) => Record<string, string | number>;
};

/** The text of the first fact of a group (the message quotes one example). */
const firstText = (group: readonly { text: string }[]) => ({ text: group[0]?.text ?? '' });

const GROUP: { [K in GroupableKind]: DescribeGroup<K> } = {
  cellCount: {
    messageId: 'cellCountRows',
    data: (group, locale) => ({ expected: group[0]?.expected ?? 0, found: list([...new Set(group.map((f) => f.found))].map(String), locale) }),
  },
  missingCell: {
    messageId: 'missingCellRows',
    // The columns every row could lack: where the missing column is, as far as the text says.
    data: (group, locale) => ({
      columns: list(
        (group[0]?.columns ?? []).filter((c) => group.every((f) => f.columns.includes(c))),
        locale,
      ),
    }),
  },
  blankCells: { messageId: 'blankCellRows' },
  blankRow: { messageId: 'blankRowRows' },
  runTogether: { messageId: 'runTogetherRows' },
  ambiguous: { messageId: 'ambiguousRows' },
  nonNumeric: { messageId: 'nonNumericRows', data: firstText },
  negative: { messageId: 'negativeRows', data: firstText },
  unexpectedText: { messageId: 'unexpectedTextRows', data: firstText },
  rowOrder: { messageId: 'rowOrderRows' },
  missingRow: { messageId: 'missingRowRows' },
  extraValue: { messageId: 'extraValueRows' },
  interleaved: { messageId: 'interleavedRows' },
  spacedDigits: { messageId: 'spacedDigitsRows' },
  labelTypo: { messageId: 'labelTypoRows', data: (group) => ({ found: group[0]?.found ?? '', expected: group[0]?.row.label ?? '' }) },
};

const labelOf = (f: TableFact | undefined): string => (f && 'row' in f && f.row ? f.row.label : '');

/** The one column every row lacks with no value given it, if so. */
function missingColumn(group: readonly FactOf<'missingCell'>[]): string | undefined {
  const column = group[0]?.columns[0];
  return column !== undefined && group.every((f) => f.columns.length === 1 && f.columns[0] === column && f.value === null) ? column : undefined;
}

/** The finding for facts of one kind about several rows of one table (lib/group-facts.ts). */
export function groupFinding(kind: GroupableKind, group: readonly TableFact[], locale: Locale): FactFinding {
  const entry = GROUP[kind] as DescribeGroup<GroupableKind>;
  const base = { count: group.length, first: labelOf(group[0]), last: labelOf(group[group.length - 1]) };
  // A column the header lacks too: every row lacks it, its cells left empty (no relation filled them).
  const column = kind === 'missingCell' ? missingColumn(group as readonly FactOf<'missingCell'>[]) : undefined;
  if (column !== undefined) return { messageId: 'missingColumnRows', data: { ...base, column } };
  return { messageId: entry.messageId, data: { ...base, ...entry.data?.(group as never, locale) } };
}
