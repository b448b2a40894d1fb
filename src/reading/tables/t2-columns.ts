/**
 * Table 二 as LibreOffice's plain `pdftotext` text prints it: column by column. All of a column's
 * cells come one after another under its header (“本年制发件数 / 0 / 1”, “现行有效件数 / 0 / 3”,
 * “本年处理决定数量 / 2 / 0”), the labels elsewhere (often all of them first), the columns not
 * always in the table's order (a header merged over two rows moves its column).
 *
 * Read by counting, never by guessing: a header names its column; the values right after it, up
 * to the next text, are that column's cells from the top row down; the header belongs to the one
 * sub-table that has a column of that name and exactly that many rows (本年处理决定数量 with one
 * value is （五）'s, with two （六）'s). Every value of the table must stand in such a run, each
 * sub-table's column be given once, and the rows' labels be in the template's order (the values'
 * order is the rows' on the page; the table's labels and captions may stand between a header and
 * its values). A column only one sub-table has, holding another count of values (a row's cells left
 * blank), leaves that sub-table unread with one fact. Anything else, and nothing is read this way.
 */
import type { Row, TableFact } from '../../model/schema.ts';
import type { TableTemplate } from '../../model/templates.ts';
import { norm } from '../text.ts';
import type { Token } from '../tokens.ts';
import { knownCells } from './next-row.ts';
import { span, type Anchor, type Ctx, type Draft, type RowOutcome } from './rows.ts';

/** Column headers found in the text (several printed one after another: a stack) and the values printed right after them. */
interface Run {
  names: string[];
  values: Token[];
}

/**
 * The header runs of the region, or null when a value stands outside one (or a value is
 * delimited). A value sharing its line with other text (a note's or a footnote's date, “1 本表数据
 * 统计时限为 2024 年…”) is that text's, not a cell.
 */
function headerRuns(ctx: Ctx, region: [number, number], names: ReadonlySet<string>, labels: ReadonlySet<string>): Run[] | null {
  const line = (t: Token) => ctx.lines.point(t.start).line;
  const textLines = new Set<number>();
  for (let i = region[0]; i < region[1]; i++) if (ctx.tokens[i]?.kind === 'text') textLines.add(line(ctx.tokens[i] as Token));
  const runs: Run[] = [];
  let current: Run | null = null;
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i] as Token;
    if (t.kind === 'blank' || t.delimited) return null;
    if (t.kind !== 'text') {
      if (textLines.has(line(t))) continue;
      if (!current) return null;
      current.values.push(t);
      continue;
    }
    // A header whole on its line, or wrapped over up to three lines of the cell.
    let name = '';
    let found = false;
    for (let j = i; j < Math.min(region[1], i + 3) && ctx.tokens[j]?.kind === 'text'; j++) {
      name += (ctx.tokens[j] as Token).norm;
      if (names.has(name)) {
        if (current && current.values.length === 0) current.names.push(name);
        else runs.push((current = { names: [name], values: [] }));
        i = j;
        found = true;
        break;
      }
    }
    // The table's row labels and captions printed between a header and its cells (the labels'
    // block printed after the headers' block) leave the header waiting for its cells.
    if (!found && !(current && current.values.length === 0 && labels.has(t.norm))) current = null;
  }
  return runs;
}

/**
 * The rows read column by column: the outcomes with those rows replaced and the facts about them
 * dropped; null when the text is not of this form, the counts do not decide, or the labels read
 * every row already.
 */
export function readByColumnHeaders(
  ctx: Ctx,
  tpl: TableTemplate,
  anchors: readonly Anchor[],
  region: [number, number],
  outcomes: readonly RowOutcome[],
  facts: readonly TableFact[],
  subTables: ReadonlyArray<readonly string[]>,
): { outcomes: RowOutcome[]; facts: TableFact[] } | null {
  const readAs = (o: RowOutcome | undefined) => {
    if (!o || !('draft' in o) || o.draft.options.length !== 1) return null;
    const group = o.draft.options[0];
    return group?.every((r) => r.how === 'written') ? (group[0]?.cells ?? null) : null;
  };
  if (outcomes.every((o) => readAs(o) !== null)) return null;
  // The template's sub-tables (rows sharing their columns), each with its rows in order.
  const groups = subTables.map((ids) => ids.map((id) => tpl.rows.findIndex((r) => r.id === id)).filter((r) => r >= 0)).filter((rows) => rows.length > 0);
  const columnsOf = (rows: readonly number[]) => (tpl.rows[rows[0] as number]?.columns ?? []).map(norm);
  const names = new Set(groups.flatMap(columnsOf));
  const labels = new Set([...tpl.rows.map((r) => norm(r.label)), ...tpl.vocabulary.map(norm)].filter((l) => !names.has(l)));
  const runs = headerRuns(ctx, region, names, labels);
  if (!runs || runs.length === 0) return null;
  const placed = placeRuns(
    ctx,
    runs,
    groups.map(columnsOf),
    groups.map((rows) => rows.length),
  );
  if (!placed) return null;
  const { given, unplaced } = placed;
  // The labels of a sub-table given values: every row's, in the template's order.
  const anchorOf = (r: number) => anchors.find((a) => a.row === tpl.rows[r]);
  const cells = new Map<number, Token[]>();
  for (const [g, rows] of groups.entries()) {
    const columns = columnsOf(rows);
    const mine = columns.map((c) => given.get(`${g}:${c}`));
    if (mine.every((m) => m === undefined)) continue;
    if (unplaced.has(g) || mine.some((m) => m === undefined)) {
      unplaced.set(g, [...(unplaced.get(g) ?? []), ...mine.flatMap((m) => m ?? [])]);
      continue;
    }
    const at = rows.map((r) => anchorOf(r));
    if (at.some((a) => a === undefined || a.typo || a.disordered)) return null;
    if (at.some((a, k) => k > 0 && (a as Anchor).first < (at[k - 1] as Anchor).first)) return null;
    rows.forEach((r, k) =>
      cells.set(
        r,
        mine.map((m) => (m as Token[])[k] as Token),
      ),
    );
  }
  // Rows the labels read must have these very cells.
  for (const [r, tokens] of cells) {
    const read = readAs(outcomes[r]);
    if (read && (read.length !== tokens.length || read.some((c, i) => c.start !== tokens[i]?.start))) return null;
  }
  const replaced = new Set<string>();
  const unclear = new Set<number>([...unplaced.keys()].flatMap((g) => (groups[g] ?? []).filter((r) => !readAs(outcomes[r]))));
  const next = outcomes.map((o, r): RowOutcome => {
    const base = 'row' in o ? o.row : o.draft.base;
    if (unclear.has(r)) {
      replaced.add(base.id);
      return { row: { ...base, status: 'unclear', cells: [], decoded: null } };
    }
    const tokens = cells.get(r);
    if (!tokens || readAs(o)) return o;
    const template = tpl.rows[r] as TableTemplate['rows'][number];
    replaced.add(template.id);
    return { draft: draftOf(ctx, template, base, tokens) };
  });
  if (cells.size === 0 || replaced.size === 0) return null;
  // Facts about the rows now read (or left unread for one reason) go, and so do the table's facts
  // about values no row took or that no row could place: they are these rows' cells.
  const kept = facts.filter((f) => {
    if (f.kind === 'labelTypo') return true;
    if (f.kind === 'strayValues') return false;
    if (f.kind === 'interleaved' && f.row === null) return false;
    return !('row' in f) || f.row === null || !replaced.has(f.row.id);
  });
  // A sub-table whose values cannot be placed: one fact for it.
  for (const values of unplaced.values()) kept.push({ kind: 'interleaved', row: null, runs: 1, span: spanOf(ctx, values) });
  return { outcomes: next, facts: kept };
}

/**
 * Each run of one header to the one sub-table with a column of its name and as many rows as it has
 * values; a run under a header only one sub-table has, of another count, leaves that sub-table
 * unread (one fact for it), and so does a stack of headers only one sub-table has. A stack of a
 * sub-table's headers with all their cells after them is read where the cells stand in blocks one a
 * column (columnBlocks), or where its values are all the same number (every order reads alike);
 * otherwise (row by row or column by column: the text does not say) it leaves that sub-table
 * unread, and so does a sub-table only some
 * of whose columns were found (one fact for it). Null when a run fits no sub-table or several, or
 * two runs give one column.
 */
function placeRuns(
  ctx: Ctx,
  runs: readonly Run[],
  columns: ReadonlyArray<readonly string[]>,
  heights: readonly number[],
): { given: Map<string, Token[]>; unplaced: Map<number, Token[]> } | null {
  const given = new Map<string, Token[]>(); // `${group}:${column}` → the column's cells
  const unplaced = new Map<number, Token[]>(); // sub-table → the values it cannot place
  for (const run of runs) {
    if (run.values.length === 0) continue;
    const fits = columns.flatMap((mine, g) => {
      const rows = heights[g] ?? 0;
      if (run.names.length === 1) return rows === run.values.length && mine.includes(run.names[0] as string) ? [g] : [];
      const all = new Set(run.names).size === run.names.length && run.names.every((c) => mine.includes(c));
      return all && run.values.length === rows * run.names.length ? [g] : [];
    });
    // A column only one sub-table has, with a count that is not its rows' (a row's cells left blank,
    // which pdftotext does not print): which of its rows the values are, the text does not say. That
    // sub-table is one fact; the others may still be read by their own headers.
    // So does a stack of headers, each once, all of only one sub-table's columns.
    const owners = columns.flatMap((mine, g) =>
      new Set(run.names).size === run.names.length &&
      run.names.every((c) => mine.includes(c)) &&
      columns.every((other, o) => o === g || run.names.every((c) => !other.includes(c)))
        ? [g]
        : [],
    );
    if (fits.length === 0 && owners.length === 1) {
      const g = owners[0] as number;
      unplaced.set(g, [...(unplaced.get(g) ?? []), ...run.values]);
      continue;
    }
    if (fits.length !== 1) return null;
    const g = fits[0] as number;
    if (run.names.length > 1) {
      // The blocks in the headers' order, where pdftotext printed the headers in the table's.
      const mine = columns[g] ?? [];
      const inOrder = run.names.every((c, k) => k === 0 || mine.indexOf(c) > mine.indexOf(run.names[k - 1] as string));
      const rows = heights[g] ?? 0;
      const blocks = inOrder ? columnBlocks(ctx, run.values, rows) : null;
      // Otherwise row by row or column by column, the text does not say; where every value is the
      // same number (a sub-table of 0s), both orders, and any, give each column the same cells.
      const same = run.values.every((v) => v.kind === 'num' && v.raw === run.values[0]?.raw);
      const cells = blocks && blocks.length === run.names.length ? blocks : same ? run.names.map((_, k) => run.values.slice(k * rows, (k + 1) * rows)) : null;
      if (cells) {
        for (const [k, name] of run.names.entries()) {
          const key = `${g}:${name}`;
          if (given.has(key)) return null;
          given.set(key, cells[k] as Token[]);
        }
      } else unplaced.set(g, [...(unplaced.get(g) ?? []), ...run.values]);
      continue;
    }
    const key = `${g}:${run.names[0] as string}`;
    if (given.has(key)) return null;
    given.set(key, run.values);
  }
  return { given, unplaced };
}

/**
 * A stack of headers' cells printed as blocks (blank lines between), each value alone on its line
 * and each block as many lines as the sub-table has rows: lines one under the other in a block are
 * cells one under the other, so each block is a column (a row's cells stand side by side on one
 * line), in the headers' order. Null for anything else.
 */
function columnBlocks(ctx: Ctx, values: readonly Token[], rows: number): Token[][] | null {
  const line = (t: Token) => ctx.lines.point(t.start).line;
  const blocks: Token[][] = [];
  let last = -2;
  for (const v of values) {
    const l = line(v);
    if (l === last) return null;
    if (l !== last + 1) blocks.push([]);
    blocks[blocks.length - 1]?.push(v);
    last = l;
  }
  return rows > 1 && blocks.every((b) => b.length === rows) ? blocks : null;
}

/** A row whose cells are known (one token a column), to be decoded and settled as any other. */
function draftOf(ctx: Ctx, template: TableTemplate['rows'][number], base: Row, tokens: readonly Token[]): Draft {
  return {
    template,
    base: { ...base, status: 'read', cells: [], valuesFound: tokens.length, decoded: null },
    hasRelation: false,
    ...knownCells(ctx, template, tokens),
  };
}

/** Where a set of value tokens stands: from the first to the last in the text. */
function spanOf(ctx: Ctx, tokens: readonly Token[]) {
  const start = Math.min(...tokens.map((t) => t.start));
  const end = Math.max(...tokens.map((t) => t.end));
  return span(ctx, start, end);
}
