/**
 * The three statistical tables as the template lays them out, drawn from a report's model, with the
 * findings that concern each cell: shared by --format html, the Action's job summary and the web
 * page. A finding concerns a cell when it lies inside the cell's span, and a row when it lies inside
 * the span of one of the reader's facts about that row or starts on the row's label line (never by
 * reading the message text). Pure: no `node:` modules.
 */
import type { Cell, ReportModel, Row, Span, Table } from '../../model/schema.ts';
import { T2_2019, T2_2021, T3_2019, T3_2021, T4_COLUMNS } from '../../model/templates.ts';
import type { Diagnostic, Locale } from '../../types.ts';
import { messageTable, type LocalizedText, type MessageTable } from '../../i18n.ts';

type Position = { line: number; column: number };

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** Whether a finding's start lies in the span (start inclusive, end exclusive; an empty span: its start). */
export function inSpan(d: Position, span: Span): boolean {
  if (before(d, span.start)) return false;
  const empty = !before(span.start, span.end);
  return empty ? d.line === span.start.line && d.column === span.start.column : before(d, span.end);
}

/** One cell as drawn: the model's cell when read, else the template's column with nothing in it. */
export interface DrawnCell {
  column: string;
  cell: Cell | undefined;
  findings: Diagnostic[];
  /** The value the findings say the cell should hold (their `expected` data), if any. */
  expected: string | undefined;
}

export interface DrawnRow {
  row: Row;
  /** The group the row belongs to (（三）不予公开) and its own label (1.属于国家秘密). */
  group: string | undefined;
  item: string;
  cells: DrawnCell[];
  /** Findings about the row as a whole (on its label, or an unread row). */
  findings: Diagnostic[];
}

export interface DrawnBlock {
  /** Column headers for the block (table 二 has one block per column set). */
  columns: readonly string[];
  rows: DrawnRow[];
}

export interface DrawnTable {
  table: Table;
  blocks: DrawnBlock[];
  /** Findings inside the table's span that no cell or row claimed. */
  other: Diagnostic[];
}

function templateColumns(table: Table, rowId: string): readonly string[] {
  const templates =
    table.id === 't2'
      ? table.template === '2019'
        ? [T2_2019, T2_2021]
        : [T2_2021, T2_2019]
      : table.template === '2019'
        ? [T3_2019, T3_2021]
        : [T3_2021, T3_2019];
  for (const template of templates) {
    const found = template.rows.find((r) => r.id === rowId);
    if (found) return found.columns;
  }
  if (table.id === 't4') return T4_COLUMNS;
  return table.columns;
}

function expectedOf(findings: readonly Diagnostic[]): string | undefined {
  for (const f of findings) {
    const expected = f.data['expected'];
    if (expected !== undefined && expected !== '') return String(expected);
  }
  return undefined;
}

/**
 * Whether a finding is about the cell: it starts where the cell starts and ends within it (a
 * number wrapped over the lines above and below its row spans the lines between, which hold other
 * rows' cells).
 */
function onCell(d: Diagnostic, span: Span): boolean {
  return d.line === span.start.line && d.column === span.start.column && !before(span.end, { line: d.endLine, column: d.endColumn });
}

function drawCells(table: Table, row: Row, messages: readonly Diagnostic[], claimed: Set<Diagnostic>): DrawnCell[] {
  const columns = row.cells.length > 0 ? row.cells.map((c) => c.column) : templateColumns(table, row.id);
  return columns.map((column): DrawnCell => {
    const cell = row.cells.find((c) => c.column === column);
    // A finding that starts on a cell but reaches past it (a row's values lacking one) is the row's.
    const findings = cell ? messages.filter((m) => !claimed.has(m) && onCell(m, cell.span)) : [];
    for (const f of findings) claimed.add(f);
    return { column, cell, findings, expected: expectedOf(findings) };
  });
}

function drawRow(row: Row, cells: DrawnCell[], findings: Diagnostic[]): DrawnRow {
  const dot = row.label.indexOf('·');
  return {
    row,
    group: dot === -1 ? undefined : row.label.slice(0, dot),
    item: dot === -1 ? row.label : row.label.slice(dot + 1),
    cells,
    findings,
  };
}

/**
 * The row each finding no cell claimed is about: the row of the narrowest of the reader's facts
 * whose span holds it (the label's first line, the values of a label wrapped around them in PDF
 * text, the row below a row not found, a value left over), else the row whose label's first line it is on.
 */
function rowFindings(table: Table, messages: readonly Diagnostic[], claimed: Set<Diagnostic>): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const facts = table.facts.flatMap((f) => ('row' in f && f.row ? [{ row: f.row.id, span: f.span }] : []));
  for (const m of messages) {
    if (claimed.has(m)) continue;
    let best: { row: string; size: number } | null = null;
    for (const f of facts) {
      const size = f.span.end.offset - f.span.start.offset;
      if (inSpan(m, f.span) && (!best || size < best.size)) best = { row: f.row, size };
    }
    const row = best?.row ?? table.rows.find((r) => r.found !== null && r.found.span.start.line === m.line)?.id;
    if (row === undefined) continue;
    claimed.add(m);
    out.set(row, [...(out.get(row) ?? []), m]);
  }
  return out;
}

/** A table of the model with its findings, rows grouped into blocks of the same columns. */
export function drawTable(table: Table, messages: readonly Diagnostic[]): DrawnTable {
  const claimed = new Set<Diagnostic>();
  // Cells first (of every row), so that a finding on a cell is not also taken as one on a row.
  const cells = table.rows.map((row) => drawCells(table, row, messages, claimed));
  const byRow = rowFindings(table, messages, claimed);
  const rows = table.rows.map((row, i) => drawRow(row, cells[i] ?? [], byRow.get(row.id) ?? []));
  const blocks: DrawnBlock[] = [];
  for (const drawn of rows) {
    const columns = drawn.cells.map((c) => c.column);
    const last = blocks[blocks.length - 1];
    if (table.id === 't2' && last && last.columns.join('|') === columns.join('|')) last.rows.push(drawn);
    else if (table.id !== 't2' && last) last.rows.push(drawn);
    else blocks.push({ columns: table.id === 't2' ? columns : table.id === 't4' ? T4_COLUMNS : table.columns, rows: [drawn] });
  }
  const span = table.span;
  const other = span ? messages.filter((m) => !claimed.has(m) && inSpan(m, span)) : [];
  return { table, blocks, other };
}

export function drawTables(model: ReportModel, messages: readonly Diagnostic[]): DrawnTable[] {
  return [model.tables.t2, model.tables.t3, model.tables.t4].map((t) => drawTable(t, messages));
}

export const TABLE_TITLES: Record<Table['id'], LocalizedText> = {
  t2: { 'zh-CN': '二、主动公开政府信息情况', en: '二 Proactive disclosure' },
  t3: { 'zh-CN': '三、收到和处理政府信息公开申请情况', en: '三 Requests received and handled' },
  t4: { 'zh-CN': '四、政府信息公开行政复议、行政诉讼情况', en: '四 Administrative reconsideration and litigation' },
};

/**
 * What to show for a cell: its text as written, or a word for a cell that was not read. Read
 * through the schema but tolerant of fields and kinds it may gain (a `read` field saying a value
 * was split from run-together digits or solved from the row's relation; a `missing` kind).
 */
const CELL_WORDS = {
  notRead: { 'zh-CN': '未读出', en: 'not read' },
  solved: { 'zh-CN': '（推算为 {value}）', en: ' (solved: {value})' },
  blank: { 'zh-CN': '（空）', en: '(blank)' },
  missing: { 'zh-CN': '（缺）', en: '(missing)' },
  split: { 'zh-CN': '从连写的数字“{raw}”中拆出', en: 'split from digits run together: {raw}' },
} as const satisfies MessageTable;
const words = messageTable(CELL_WORDS);

export function cellText(cell: Cell | undefined, locale: Locale): { text: string; unread: boolean; note?: string } {
  if (!cell) return { text: words('notRead', locale), unread: true };
  const kind: string = cell.kind;
  const how = (cell as { read?: unknown }).read;
  const solved = how === 'solved' && cell.value !== null ? words('solved', locale, { value: cell.value }) : '';
  if (kind === 'blank') return { text: words('blank', locale) + solved, unread: true };
  if (kind === 'missing' || cell.raw.trim() === '') return { text: words('missing', locale) + solved, unread: true };
  if (how === 'split' && cell.value !== null) return { text: String(cell.value), unread: false, note: words('split', locale, { raw: cell.raw }) };
  return { text: cell.raw, unread: kind === 'invalid' };
}
