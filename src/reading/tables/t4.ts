/**
 * Table 四 (行政复议、行政诉讼): fifteen values in a fixed order under a header of fixed words, read as
 * one row of three groups (each 总计 = its four results, R4).
 */
import type { Cell, Row, Span, Table, TableFact } from '../../model/schema.ts';
import { T4_COLUMNS, T4_GROUPS, T4_HEADER_CHARS } from '../../model/templates.ts';
import { stripEnumerators } from '../text.ts';
import type { Token } from '../tokens.ts';
import { decodeRow, distinctValues, GROUP_TOTALS } from './decode.ts';
import { isStacked, positional, settle, span, tokenSpan, unsettled, type Ctx, type Draft } from './rows.ts';
import { joinSpacedRuns } from './spaced.ts';
import { finishTable, missingTable } from './table.ts';

const ALL_COLUMNS = T4_GROUPS.flatMap((g) => T4_COLUMNS.map((c) => `${g.id}|${c}`));

/**
 * Numbers letter-spaced (“1 2”, spaced.ts) in one run of values: joined in place where the run's
 * pieces are exactly the table's cells and no number of two digits or more stands whole beside
 * them (the table spaced alike).
 */
function joinSpaced(values: Token[], runs: number[], expected: number): void {
  if (runs.length !== 1 || values.some((t) => t.kind === 'num' && /^\d{2,}$/.test(t.raw))) return;
  const spaced = joinSpacedRuns(values, expected);
  if (!spaced) return;
  values.splice(0, values.length, ...spaced);
  runs.splice(0, 1, spaced.length);
}

/**
 * The table's values, and the runs of values between header words: one run of 15, or whole groups
 * of 5 (a sub-table per group). Anything else is a PDF read column by column, whose order cannot be
 * trusted.
 */
function valuesOf(ctx: Ctx, region: [number, number]): { values: Token[]; runs: number[] } {
  const values: Token[] = [];
  const runs: number[] = [];
  let inRun = false;
  // Values before any header word, right under the part's heading, in text without cells (plain
  // pdftotext printed table 三's last 总计 there, after a page break).
  const early: Token[] = [];
  let header = false;
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i];
    if (!t) continue;
    if (headingMark(ctx, i)) continue;
    if (!header && t.kind === 'num' && !t.delimited && values.length === 0) {
      early.push(t);
      continue;
    }
    // Table 三's last column names printed with its values after this part's heading (其他, 总计
    // before any of this table's words and values) start no header of this table.
    if (t.kind === 'text' && !header && values.length === 0 && early.length === 0 && T3_TAIL.has(t.norm)) continue;
    if (t.kind === 'text' && !isPartHeading(stripEnumerators(t.norm))) header = true;
    if (t.kind !== 'text') {
      values.push(t);
      if (t.kind !== 'blank') {
        if (!inRun) runs.push(0);
        runs[runs.length - 1] = (runs[runs.length - 1] ?? 0) + 1;
        inRun = true;
      }
      continue;
    }
    inRun = false;
    // The first text that is not table-四 header ends the table.
    if (isT4Noise(t.norm)) continue;
    break;
  }
  // They are the table's only when its fifteen cells are not all under the header without them.
  const cells = T4_COLUMNS.length * T4_GROUPS.length;
  if (early.length > 0 && values.filter((v) => v.kind !== 'blank').length !== cells) {
    values.unshift(...early);
    runs.unshift(early.length);
  }
  return { values, runs };
}

export function readT4(ctx: Ctx, region: [number, number] | null, fallback: Span): Table {
  if (!region) return missingTable('t4', '四', fallback);
  const facts: TableFact[] = [];
  const { values, runs } = valuesOf(ctx, region);
  const unread = (status: Row['status']): Row[] =>
    T4_GROUPS.map((g) => ({ id: g.id, label: g.label, found: null, status, cells: [], valuesFound: 0, decoded: null }));
  const expected = T4_COLUMNS.length * T4_GROUPS.length;
  joinSpaced(values, runs, expected);
  const nonBlank = values.filter((v) => v.kind !== 'blank');
  const first = nonBlank[0];
  const last = nonBlank[nonBlank.length - 1];
  const valueSpan = first && last ? span(ctx, first.start, last.end) : tokenSpan(ctx, region[0]);
  const done = (rows: Row[]) => finishTable(ctx, { id: 't4', name: '四', template: 'unknown', region, tpl: null, rows, facts, columns: [...T4_COLUMNS] });

  let groupAligned = runs.length <= 1 || runs.every((r) => r % T4_COLUMNS.length === 0);
  const headed = groupAligned ? null : headedRuns(ctx, region);
  if (headed) {
    values.splice(0, values.length, ...headed);
    runs.splice(0, runs.length, ...T4_GROUPS.map(() => T4_COLUMNS.length));
    groupAligned = true;
  }
  // Values one a line in runs that end inside a group (right-aligned cells: header words that did
  // not fit their cells' lines printed between the runs or after them) may be read in the text's
  // order: only as fifteen values written, every group adding up (below); else as before.
  if (!groupAligned && !(isStacked(nonBlank) && nonBlank.length === expected)) {
    facts.push({ kind: 'interleaved', row: null, runs: runs.length, span: valueSpan });
    return done(unread('unclear'));
  }
  // The whole table as one row of fifteen cells, decoded like any row, then cut into its groups.
  const template = { id: 't4', label: '表四（行政复议、行政诉讼）', key: '', columns: ALL_COLUMNS };
  if (nonBlank.length === 0) {
    facts.push({ kind: 'blankRow', row: { id: 't4', label: template.label }, span: valueSpan });
    return done(unread('blank'));
  }
  const decoded = decodeRow({
    values,
    expected,
    relation: GROUP_TOTALS,
    positional: positional(ctx, values, nonBlank, expected),
    lineOf: (offset) => ctx.lines.point(offset).line,
  });
  const blanks = values.filter((v) => v.kind === 'blank' && nonBlank.some((n) => n.rowKey === v.rowKey)).length;
  const draft: Draft = {
    template,
    base: { id: 't4', label: template.label, found: null, status: 'read', cells: [], valuesFound: nonBlank.length, decoded: null },
    text: nonBlank.map((t) => t.raw).join(' '),
    options: distinctValues(decoded.readings),
    tried: decoded.tried,
    overBudget: decoded.overBudget,
    hasRelation: true,
    runTogether: false,
    blanks,
    valueSpan,
  };
  if (stackedOutOfOrder(draft, nonBlank, runs) || (!groupAligned && !writtenAddingUp(draft))) {
    facts.push({ kind: 'interleaved', row: null, runs: runs.length, span: valueSpan });
    return done(unread('unclear'));
  }
  const whole = draft.options.length === 1 ? settle(ctx, draft, [], 'R4', facts) : unsettled(draft, null, facts);
  if (whole.status !== 'read') return done(unread(whole.status).map((r) => ({ ...r, valuesFound: nonBlank.length })));
  // Facts about the whole row name the group and column of each cell.
  for (const f of facts) relabel(f, whole.cells);
  return done(
    T4_GROUPS.map((g, gi) => ({
      id: g.id,
      label: g.label,
      found: null,
      status: 'read',
      cells: whole.cells.slice(gi * 5, gi * 5 + 5).map((c) => ({ ...c, column: c.column.split('|')[1] ?? c.column })),
      valuesFound: T4_COLUMNS.length,
      decoded: whole.decoded,
    })),
  );
}

const T3_TAIL = new Set(['其他', '总计']);

const GROUP_NAMES = ['未经复议直接起诉', '复议后起诉', '行政复议', '行政诉讼'];

/**
 * The columns a stretch of header lines names, in order, or null where it names anything else. A
 * line of one word goes on the cell of the lines before it (“结果” / “维持”); lines of k words each
 * (k > 1) are k cells side by side, each a column of their words (“结果 其他 尚未” / “纠正 结果 审结”).
 * Group names (行政复议, 未经复议直接起诉 …) name no column.
 */
function namedColumns(lines: readonly string[]): string[] | null {
  const words = lines
    .map((l) => GROUP_NAMES.reduce((w, g) => w.replaceAll(g, ' '), l).trim())
    .filter((l) => l !== '')
    .map((l) => l.split(/\s+/));
  const cells: string[] = [];
  let single = '';
  for (let i = 0; i < words.length;) {
    const k = words[i]?.length ?? 0;
    if (k === 1) {
      single += words[i]?.[0] ?? '';
      i++;
      continue;
    }
    let j = i;
    while (j < words.length && words[j]?.length === k) j++;
    if (single !== '' || j - i < 2) return null;
    for (let c = 0; c < k; c++)
      cells.push(
        words
          .slice(i, j)
          .map((w) => w[c])
          .join(''),
      );
    i = j;
  }
  if (single !== '') cells.push(single);
  // A cell of single-word lines may hold several columns (“结果”/“维持”/“结果”/“纠正”): no name is
  // the start of another, so they part one way only.
  const named: string[] = [];
  for (const cell of cells) {
    let rest = cell;
    while (rest !== '') {
      const name = T4_COLUMNS.find((c) => rest.startsWith(c));
      if (!name) return null;
      named.push(name);
      rest = rest.slice(name.length);
    }
  }
  return named;
}

/**
 * Plain pdftotext of a table it took apart in blocks (a floating table): each block's header lines
 * are printed right before its values (“结果 / 维持 / 3 / 未经复议直接起诉 / 结果 其他 尚未 / 纠正 结果
 * 审结 / 3 / 0 / 0 / 总计 / 6”). The values are the table's, in its order, only where every run of
 * values has exactly as many values as the header lines right before it name columns, and the
 * columns so named are the table's fifteen in order; the headers choose each value's column, never
 * the sums (left to check them). Anything else: null.
 */
function headedRuns(ctx: Ctx, region: [number, number]): Token[] | null {
  const named: string[] = [];
  const values: Token[] = [];
  let header: string[] = [];
  let run: Token[] = [];
  const close = (): boolean => {
    if (run.length === 0) return true;
    const cols = namedColumns(header);
    if (!cols || cols.length !== run.length) return false;
    named.push(...cols);
    values.push(...run);
    header = [];
    run = [];
    return true;
  };
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i];
    if (!t || headingMark(ctx, i)) continue;
    if (t.kind === 'num') {
      if (header.length === 0 && run.length === 0) return null;
      run.push(t);
      continue;
    }
    if (t.kind !== 'text') return null;
    if (isPartHeading(stripEnumerators(t.norm))) continue;
    if (!close()) return null;
    if (!isT4Noise(t.norm)) break;
    // A note (注：…) or a caption (表四) names no column.
    const w = stripEnumerators(t.norm);
    if (!w.startsWith('注') && !/^表[一二三四]/.test(w)) header.push(t.raw);
  }
  if (!close() || header.length > 0) return null;
  const all = T4_GROUPS.flatMap(() => T4_COLUMNS);
  return named.length === all.length && named.every((c, i) => c === all[i]) ? values : null;
}

/**
 * Plain pdftotext prints each cell on a line of its own, in the order of the blocks it found. One
 * group's five values after its own header words keep the table's order; values of several groups
 * in one run, with no header words between them, came out of column blocks (seen: a group's 总计
 * printed after the next group's results), and their order is not the table's. Such a run whose
 * groups do not each add up is read as out of order, never as sum errors (as table 三's rows).
 */
function stackedOutOfOrder(draft: Draft, nonBlank: readonly Token[], runs: readonly number[]): boolean {
  if (!isStacked(nonBlank) || !runs.some((r) => r > T4_COLUMNS.length)) return false;
  const reading = draft.options.length === 1 ? draft.options[0]?.[0] : undefined;
  if (!reading || reading.how !== 'written') return false;
  const values = reading.cells.map((c) => c.value);
  return values.some((v) => v === null) || !GROUP_TOTALS.check(values as number[]);
}

/** The row's one reading is its values as written, every group adding up. */
function writtenAddingUp(draft: Draft): boolean {
  const reading = draft.options.length === 1 ? draft.options[0]?.[0] : undefined;
  const values = reading?.how === 'written' ? reading.cells.map((c) => c.value) : [];
  return values.length > 0 && values.every((v): v is number => v !== null) && GROUP_TOTALS.check(values);
}

/**
 * The whole-table row's cell ids (`t4.review|总计`) as the group's row and column; a cell lost
 * from one group is placed at that group's values (the three groups often share one line).
 */
function relabel(f: TableFact, cells: readonly Cell[]): void {
  const group = (column: string) => T4_GROUPS.find((g) => column.startsWith(`${g.id}|`));
  if (f.kind === 'blankCells' || f.kind === 'missingCell') {
    const g = group(f.columns[0] ?? '');
    if (g && f.columns.every((c) => group(c) === g)) {
      f.row = { id: g.id, label: g.label };
      const own = cells.filter((c) => group(c.column) === g && c.kind !== 'missing');
      const first = own[0];
      const last = own[own.length - 1];
      if (f.kind === 'missingCell' && first && last) f.span = { start: first.span.start, end: last.span.end };
    }
    f.columns = f.columns.map((c) => {
      const cg = group(c);
      const name = c.split('|')[1] ?? c;
      return cg && cg !== g ? `${cg.label}·${name}` : name;
    });
  }
  if (f.kind === 'nonNumeric' || f.kind === 'negative') {
    const g = group(f.column);
    if (g) f.row = { id: g.id, label: g.label };
    f.column = f.column.split('|')[1] ?? f.column;
  }
}

function isT4Noise(n: string): boolean {
  const w = stripEnumerators(n);
  // A bare enumerator ("（一）") opens the next paragraph: the table is over.
  if (w === '') return false;
  if (w.startsWith('注') || /^表[一二三四]/.test(w)) return true;
  if (isPartHeading(w)) return true;
  for (const ch of w) if (!T4_HEADER_CHARS.has(ch)) return false;
  return true;
}

/** The part's heading (四、政府信息公开行政复议、行政诉讼情况), whatever its enumerator. */
const isPartHeading = (n: string): boolean => n.includes('政府信息公开') && n.includes('复议');

/**
 * The part's heading holds no cell: a number alone after it that ends its line (a footnote's
 * mark, “…诉讼情况3”) is none of the table's.
 */
function headingMark(ctx: Ctx, i: number): boolean {
  const [before, t, after] = [ctx.tokens[i - 1], ctx.tokens[i], ctx.tokens[i + 1]];
  return t?.kind === 'num' && before?.kind === 'text' && isPartHeading(before.norm) && before.rowKey === t.rowKey && after?.rowKey !== t.rowKey;
}
