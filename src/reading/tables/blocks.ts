/**
 * Table 三 as plain `pdftotext` (no -layout) prints it: every cell on a line of its own, labels
 * often far from their values (a label printed after the rows it belongs to, several labels in one
 * block), and where cells of one column stand close together, a column's cells as one block of
 * lines (`1↵0↵0↵10↵3` is one column of five rows), the table's seven columns one after another.
 *
 * Read by counting, never by guessing: the values are cut into bands — seven cells on lines of their
 * own make one row; seven blocks of k lines each make k rows, column by column — and the bands must
 * give exactly the template's number of rows. The k-th row of values is the template's k-th row.
 * Every row the labels did anchor must then have exactly the values the bands give it; otherwise,
 * or when any count does not fit, nothing is read this way.
 */
import type { Row, TableFact } from '../../model/schema.ts';
import { T3_COLUMNS, type TableTemplate } from '../../model/templates.ts';
import { norm } from '../text.ts';
import type { Token } from '../tokens.ts';
import { decodeRow, distinctValues, ROW_TOTAL } from './decode.ts';
import { isStacked, span, type Anchor, type Ctx, type Draft, type RowOutcome } from './rows.ts';

/**
 * The value tokens of each row, in template order; null when the text is not of this form or the
 * counts do not fit. Several values on one line (cells pdftotext set on one line: “73 1028”) are
 * cells of one row, next to each other: a row's run of single lines takes them in order, and a
 * line never gives cells to two rows.
 */
export function columnBlocks(
  ctx: Ctx,
  region: [number, number],
  rows: number,
  columns: number,
  pinned: ReadonlyMap<Token, number> = new Map(),
  trailing: ReadonlyMap<Token, number> = new Map(),
): { rows: Token[][]; banded: Set<Token> } | null {
  const found = valueBlocks(ctx, region, (t) => pinned.has(t) || trailing.has(t));
  if (!found) return null;
  const { blocks, afterText } = found;
  const out: Token[][] = [];
  const banded = new Set<Token>();
  // A row's cells printed on its label's line start the row wherever the label stands.
  const first = (r: number) => [...pinned].filter(([, at]) => at === r).map(([t]) => t);
  // A row's last cells printed after the table's labels end it (tailCells).
  const last = (r: number) => [...trailing].filter(([, at]) => at === r).map(([t]) => t);
  let k = 0;
  let row: Token[] = first(0);
  const full = () => {
    while (row.length + last(out.length).length === columns) {
      out.push([...row, ...last(out.length)]);
      row = first(out.length);
    }
  };
  while (k < blocks.length) {
    const block = blocks[k] as Token[][];
    if (block.length === 1) {
      // Cells of one row, a line (of one or a few cells) at a time, up to the row's `columns`.
      const cells = block[0] as Token[];
      if (row.length + cells.length + last(out.length).length > columns) return null;
      row.push(...cells);
      full();
      k++;
      continue;
    }
    // A band of `height` rows printed column by column, one cell a line.
    const height = block.length;
    const band = blocks.slice(k, k + columns);
    // A band's columns follow one another with nothing printed between them: blocks each after its
    // label are rows' first cells (“一、… / 3001 / 53 / 0 / 0 / 61 / 二、… / 34 / …”), not a band.
    const apart = band.slice(1).some((b) => afterText.has(b));
    if (band.length < columns || apart || band.some((b) => b.length !== height || b.some((l) => l.length !== 1))) {
      // No band starts here: the block is cells of one row on consecutive lines (“（二）部分公开… /
      // 2 / 0 / 0 / 0 / 0”, its last cells in blocks of their own), in order, as a line's are.
      // One as high as whole rows could be the column of a band cut short: not certain.
      if (height % columns === 0) return null;
      const cells = block.flat();
      if (row.length + cells.length + last(out.length).length > columns) return null;
      row.push(...cells);
      full();
      k++;
      continue;
    }
    // Blocks as high as whole rows could be rows printed one after another instead: read only
    // where that gives every row the same values (“0↵0 / 0↵0”).
    const flat = band.flat(2);
    if (height % columns === 0) {
      for (let r = 0; r < height; r++) {
        if (band.some((b, c) => b[r]?.[0]?.raw !== flat[r * columns + c]?.raw)) return null;
      }
    }
    // A band's rows take no cells from elsewhere: pinned ones start a row, trailing ones end it.
    const placed = new Set([...pinned.values(), ...trailing.values()]);
    if (row.length > 0 || Array.from({ length: height }, (_, r) => out.length + r).some((r) => placed.has(r))) return null;
    for (let r = 0; r < height; r++) out.push(band.map((b) => b[r]?.[0] as Token));
    for (const t of band.flat(2)) banded.add(t);
    k += columns;
  }
  full();
  // The table's last cell missing from its text (LibreOffice's plain text printed 四's 总计 after
  // the next part's heading): the last row is one cell short, a lost cell as any other.
  if (row.length === columns - 1 && out.length === rows - 1) {
    out.push(row);
    row = [];
  }
  return row.length === 0 && out.length === rows ? { rows: out, banded } : null;
}

/**
 * The region's values as blocks: lines of values on consecutive lines with no text between are one
 * block (a line's values, in order, a list of its own); with the blocks printed after text (a label,
 * a header word) rather than right after the block before. Null when a value is delimited or blank,
 * or shares its line with text other than as a lone cell after its label. `skip`: values placed
 * otherwise.
 */
function valueBlocks(ctx: Ctx, region: [number, number], skip: (t: Token) => boolean): { blocks: Token[][][]; afterText: Set<Token[][]> } | null {
  const line = (t: Token) => ctx.lines.point(t.start).line;
  // Lines of values on consecutive lines with no text between: one block.
  const blocks: Token[][][] = [];
  // The blocks printed after text (a label, a header word), not right after the block before.
  const afterText = new Set<Token[][]>();
  let text = true;
  const textLines = new Set<number>();
  let previous: Token | null = null;
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i] as Token;
    if (t.delimited || t.kind === 'blank') return null;
    if (skip(t)) continue;
    if (t.kind === 'text' || labelCharacter(ctx, i)) {
      textLines.add(line(t));
      previous = null;
      text = true;
      continue;
    }
    const at = line(t);
    // A value with text after it on its line is the prose's (a footnote under the table, “1 本表
    //数据统计时限为 2024 年 1 月 1 日…”): a cell printed beside its label comes after the label.
    const next = ctx.tokens[i + 1];
    if (next?.kind === 'text' && line(next) === at) continue;
    const block = blocks[blocks.length - 1];
    const last = block?.[block.length - 1];
    if (previous && last && line(previous) === at) last.push(t);
    else if (previous && block && line(previous) === at - 1) block.push([t]);
    else {
      blocks.push([[t]]);
      if (text) afterText.add(blocks[blocks.length - 1] as Token[][]);
    }
    text = false;
    previous = t;
  }
  // A value sharing its line with text ("（七）总计 80…") is another form, unless it is a lone cell
  // after the label it was printed beside ("一、本年新收…数量 1176", then one cell a line).
  for (const b of blocks) {
    for (const l of b) {
      if (l.some((t) => textLines.has(line(t))) && (b.length > 1 || l.length > 1)) return null;
    }
  }
  return { blocks, afterText };
}

/**
 * Table 三's rows read from column blocks where the labels left rows unread: the outcomes with
 * those rows replaced and the facts about them dropped (a label typo stays: it is in the text);
 * null when the labels already read every row or the blocks do not fit.
 */
export function readByBlocks(
  ctx: Ctx,
  tpl: TableTemplate,
  anchors: readonly Anchor[],
  region: [number, number],
  outcomes: readonly RowOutcome[],
  facts: readonly TableFact[],
): { outcomes: RowOutcome[]; facts: TableFact[] } | null {
  const writtenCells = (o: RowOutcome) => {
    if (!('draft' in o)) return null;
    const group = o.draft.options.length === 1 ? o.draft.options[0] : undefined;
    return group?.every((r) => r.how === 'written') ? (group[0]?.cells ?? null) : null;
  };
  if (outcomes.every((o) => writtenCells(o) !== null)) return null;
  // The template says how many rows the values fill; labels may stand anywhere (or be lost).
  if (outcomes.length !== tpl.rows.length || anchors.length === 0) return null;
  const columns = tpl.rows[0]?.columns.length ?? 0;
  const blocks = columnBlocks(ctx, region, tpl.rows.length, columns, pinnedValues(ctx, tpl, anchors), trailingCells(ctx, tpl, anchors, region, columns));
  // Counted where the blocks fit and the labels agree; else the zeros' readings below.
  const counted = blocks ? byBands(ctx, tpl, anchors, region, outcomes, facts, blocks, writtenCells) : null;
  if (counted) return counted;
  // Whatever order pdftotext printed them in, a table of nothing but 0s reads the same.
  const zeros = allZeros(ctx, region, tpl.rows.length * columns);
  if (zeros) return withRows(ctx, tpl, outcomes, facts, (r) => zeros.slice(r * columns, (r + 1) * columns), new Set(), writtenCells);
  const placed = zerosButFirstCells(ctx, tpl, anchors, region, columns);
  if (!placed) return null;
  // A row the labels read must be read alike.
  for (const [r, o] of outcomes.entries()) {
    const cells = writtenCells(o);
    const tokens = placed[r] ?? [];
    if (cells && (cells.length !== tokens.length || cells.some((c, i) => c.start !== tokens[i]?.start))) return null;
  }
  return withRows(ctx, tpl, outcomes, facts, (r) => placed[r] ?? [], new Set(), writtenCells);
}

/** readByBlocks' rows from the bands counting gave, where every label agrees with them; null otherwise. */
function byBands(
  ctx: Ctx,
  tpl: TableTemplate,
  anchors: readonly Anchor[],
  region: [number, number],
  outcomes: readonly RowOutcome[],
  facts: readonly TableFact[],
  blocks: { rows: Token[][]; banded: Set<Token> },
  writtenCells: (o: RowOutcome) => ReadonlyArray<{ start: number }> | null,
): { outcomes: RowOutcome[]; facts: TableFact[] } | null {
  const columns = tpl.rows[0]?.columns.length ?? 0;
  const bands = blocks.rows;
  // A label printed after labels of rows below it (“（三）不予公开 1.属于国家秘密” after 3.补正后…)
  // stands before values that need not be its own: its row takes what counting gives it.
  const late = new Set<number>();
  let highest = -1;
  for (const a of [...anchors].sort((x, y) => x.first - y.first)) {
    const r = tpl.rows.indexOf(a.row);
    if (r < highest) late.add(r);
    highest = Math.max(highest, r);
  }
  let confirmed = 0;
  for (const [r, o] of outcomes.entries()) {
    const cells = late.has(r) ? null : writtenCells(o);
    if (!cells) continue;
    const tokens = bands[r] ?? [];
    if (cells.length !== tokens.length || cells.some((c, i) => c.start !== tokens[i]?.start)) return null;
    confirmed++;
  }
  // A label followed by exactly one row of values (however far from its place) must have these;
  // a label followed by values at all must have the first as its first cell (a row's last cells
  // printed after the labels, “（七）总计 299 68 8 161 / 四、… 0 0 5 0 0 / … / 60 131 727”, would
  // otherwise fill the row before from the next row's cells). Labels printed one after another
  // with no values between (a stack: “（一）予以公开 / （二）部分公开… / 1.属于国家秘密”, then their
  // rows' 21 values; or labels printed after their values, then the next row's label and values)
  // are checked together: the values after the stack start one of its rows, and as many values
  // as whole rows of the stack are exactly those rows, in the template's order.
  for (const [k, a] of anchors.entries()) {
    // A late label's neighbours are not its values (above): nothing to check.
    if (late.has(tpl.rows.indexOf(a.row))) continue;
    const stack = [tpl.rows.indexOf(a.row)];
    for (let j = k; j > 0 && onlyText(ctx, (anchors[j - 1] as Anchor).last + 1, (anchors[j] as Anchor).first); j--) {
      stack.unshift(tpl.rows.indexOf((anchors[j - 1] as Anchor).row));
    }
    // Values within the label's lines come first (“一、本年新收政府信息公开申请 108 / 数量 / 1 / 2…”).
    const after: Token[] = [];
    for (let i = a.first + 1; i < region[1]; i++) {
      const t = ctx.tokens[i] as Token;
      if (t.kind === 'text' && i > a.last) break;
      if (t.kind !== 'text') after.push(t);
    }
    // Values after the last label, up to the table's end, are the last rows' cells that
    // pdftotext printed after the label column (“…3.其他 / 0”): they follow no label of theirs.
    const last = after[after.length - 1];
    const toEnd = last !== undefined && ctx.tokens.indexOf(last) === region[1] - 1;
    // Exactly those rows' values: a band's rows printed column by column stand in the columns' order.
    const isRows = (rows: readonly number[]) => {
      const theirs = new Set(rows.flatMap((r) => bands[r] ?? []));
      return after.length === rows.length * columns && theirs.size === after.length && after.every((t) => theirs.has(t));
    };
    if (after.length === columns && !stack.some((r) => isRows([r]))) return null;
    const ascending = stack.every((r, i) => i === 0 || r === (stack[i - 1] as number) + 1);
    if (stack.length > 1 && after.length === stack.length * columns && !(ascending && isRows(stack))) return null;
    // (A label beside a band of column blocks may stand by any of its rows.)
    const first = after[0];
    if (!toEnd && first && !blocks.banded.has(first) && !stack.some((r) => first === bands[r]?.[0])) return null;
    if (after.length > 0 && after.length % columns === 0 && (isRows(stack) || stack.some((r) => isRows([r])))) confirmed++;
  }
  // No label stands right before whole rows of its values (LibreOffice's plain text prints the
  // labels in stacks and the values in others, not side by side): the rows' own totals tell that
  // the values run row by row — every row but at most two adds up as counted, at least three of
  // them with a total above 0 (values taken column by column, or shifted, almost never add up).
  // Those that do not (at most two: a sum error, a value pdftotext printed late) are then checked
  // as any other row: out of order unless the column relations place a sum error at one cell.
  if (confirmed === 0 && !totalsConfirm(bands)) return null;
  return withRows(ctx, tpl, outcomes, facts, (r) => bands[r] ?? [], late, writtenCells);
}

/** The outcomes with the rows the labels did not read (or read late) given the counted values, and the facts about them dropped. */
function withRows(
  ctx: Ctx,
  tpl: TableTemplate,
  outcomes: readonly RowOutcome[],
  facts: readonly TableFact[],
  band: (r: number) => readonly Token[],
  late: ReadonlySet<number>,
  writtenCells: (o: RowOutcome) => unknown,
): { outcomes: RowOutcome[]; facts: TableFact[] } {
  const replaced = new Set<string>();
  const next = outcomes.map((o, r): RowOutcome => {
    if (!late.has(r) && writtenCells(o)) return o;
    const template = tpl.rows[r] as TableTemplate['rows'][number];
    replaced.add(template.id);
    const found = 'row' in o ? o.row.found : o.draft.base.found;
    return { draft: draftOf(ctx, template, found, band(r)) };
  });
  const kept = facts.filter((f) => f.kind !== 'strayValues' && (f.kind === 'labelTypo' || !('row' in f) || f.row === null || !replaced.has(f.row.id)));
  return { outcomes: next, facts: kept };
}

/**
 * The table's values when every one is a 0 on a line of its own and they are exactly as many as
 * its cells (a value with text after it on its line is the prose's): in whatever order pdftotext
 * printed them, every row reads 0s. Null otherwise: any other value, or a count that does not fit
 * (a cell left empty, a value of other text among them).
 */
function allZeros(ctx: Ctx, region: [number, number], cells: number): Token[] | null {
  const zeros = valuesAlone(ctx, region, /^0$/);
  return zeros?.length === cells ? zeros : null;
}

/**
 * The region's values that stand apart (a value with text after it on its line is the prose's; a
 * label's characters are no values), in the text's order, when each is a number `valid` accepts;
 * null when one is not, or a cell is delimited or blank.
 */
function valuesAlone(ctx: Ctx, region: [number, number], valid: RegExp): Token[] | null {
  const line = (t: Token) => ctx.lines.point(t.start).line;
  const values: Token[] = [];
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i] as Token;
    if (t.delimited || t.kind === 'blank') return null;
    if (t.kind === 'text' || labelCharacter(ctx, i)) continue;
    const next = ctx.tokens[i + 1];
    if (next?.kind === 'text' && line(next) === line(t)) continue;
    if (t.kind !== 'num' || !valid.test(t.raw)) return null;
    values.push(t);
  }
  return values;
}

/**
 * The table's values when all but a few are 0s and each of those few stands among the values
 * printed right after its row's label (LibreOffice's plain text: “label / its first five cells”,
 * the last two columns and the last rows in blocks further on): such a run is its row's first
 * cells, in order, so each value of it has one cell; the 0s fill the other cells, and in whatever
 * order pdftotext printed them every such cell reads 0. Only where that is the one assignment the
 * text allows: the run after a label of a row in its place (in the labels' order, no typo, not
 * one of a stack of labels, whose values could start any of them), no longer than a row, no value
 * before the first label (labels printed after their values), and exactly as many values as cells.
 * The rows' sums play no part in it. Null otherwise.
 */
function zerosButFirstCells(ctx: Ctx, tpl: TableTemplate, anchors: readonly Anchor[], region: [number, number], columns: number): Token[][] | null {
  const alone = valuesAlone(ctx, region, /^(0|[1-9]\d*)$/);
  if (alone?.length !== tpl.rows.length * columns) return null;
  const values = new Set(alone);
  const sorted = [...anchors].sort((x, y) => x.first - y.first);
  const head = sorted[0];
  if (!head || ctx.tokens.slice(region[0], head.first).some((t) => values.has(t))) return null;
  const runs = new Map<number, Token[]>();
  let highest = -1;
  for (const [k, a] of sorted.entries()) {
    const r = tpl.rows.indexOf(a.row);
    const inPlace = r > highest && !a.typo && !a.disordered && !runs.has(r);
    highest = Math.max(highest, r);
    const run: Token[] = [];
    for (let i = a.first + 1; i < region[1]; i++) {
      const t = ctx.tokens[i] as Token;
      if (t.kind === 'text' && i > a.last) break;
      if (t.kind !== 'text') run.push(t);
    }
    if (!run.some((t) => t.raw !== '0')) continue;
    const previous = sorted[k - 1];
    const stacked = previous !== undefined && onlyText(ctx, previous.first + 1, a.first);
    if (!inPlace || stacked || run.length > columns || run.some((t) => !values.has(t))) return null;
    runs.set(r, run);
  }
  const placed = new Set([...runs.values()].flat());
  if (placed.size !== [...runs.values()].flat().length) return null;
  const zeros = [...values].filter((t) => !placed.has(t));
  if (zeros.some((t) => t.raw !== '0')) return null;
  return tpl.rows.map((_, r) => {
    const run = runs.get(r) ?? [];
    return [...run, ...zeros.splice(0, columns - run.length)];
  });
}

function totalsConfirm(rows: readonly Token[][]): boolean {
  let failing = 0;
  let confirming = 0;
  for (const row of rows) {
    const values = row.map((t) => (t.kind === 'num' && /^\d+$/.test(t.raw) ? Number(t.raw) : null));
    if (values.some((v) => v === null)) return false;
    const total = values[values.length - 1] as number;
    if (values.slice(0, -1).reduce((a, b) => (a as number) + (b as number), 0) !== total) failing++;
    else if (total > 0) confirming++;
  }
  return failing <= 2 && confirming >= 3;
}

/** A row's last cells printed elsewhere: after all the labels (tailCells), or under their columns' headers (headedCells). */
function trailingCells(ctx: Ctx, tpl: TableTemplate, anchors: readonly Anchor[], region: [number, number], columns: number): Map<Token, number> {
  const tail = tailCells(ctx, tpl, anchors, region, columns);
  if (tail.size > 0) return tail;
  const headed = headedCells(ctx, tpl, anchors, region, columns);
  return headed.size > 0 ? headed : splitCells(ctx, tpl, anchors, region, columns);
}

/**
 * How many values follow a row's label (its own tokens passed over) before the next text, looking
 * no further than `end`; and the token index where that stopped.
 */
function valuesAfterLabel(ctx: Ctx, a: Anchor, end: number): { count: number; stop: number } {
  let count = 0;
  let j = a.first + 1;
  for (; j < end; j++) {
    const t = ctx.tokens[j] as Token;
    if (t.kind === 'text' && j > a.last) break;
    if (t.kind !== 'text') count++;
  }
  return { count, stop: j };
}

/** Whether `labels` are the table's first rows in order, as found, each followed by all but its last two cells (before `end`). */
function firstRowsLackLastTwo(ctx: Ctx, tpl: TableTemplate, labels: readonly Anchor[], end: number, columns: number): boolean {
  return labels.every((a, r) => a.row === tpl.rows[r] && !a.typo && !a.disordered && valuesAfterLabel(ctx, a, end).count === columns - 2);
}

/**
 * The last two columns of rows printed as a table of their own after the headers 其他 and 总计
 * (Word's plain text: “一、… / 20 / 0 / 0 / 0 / 0 / … / 3.要求提供公开出版物 / 0 / 0 / 0 / 0 / 0 / 其他 /
 * 总计 / 1↵0↵1 / 21↵0↵7 / 0 / 6 / …”): where every label before those headers, in order from the
 * table's first row, is followed by exactly the cells but the last two, the values right after the
 * headers (up to the next text) are read by counting as rows of two cells — a pair of single lines,
 * or two blocks of k lines for k rows column by column — and must make exactly as many rows as
 * those labels: the k-th pair ends the k-th of those rows. Empty when anything does not fit.
 */
function splitCells(ctx: Ctx, tpl: TableTemplate, anchors: readonly Anchor[], region: [number, number], columns: number): Map<Token, number> {
  const none = new Map<Token, number>();
  const [other, total] = [norm(T3_COLUMNS[columns - 2] ?? ''), norm(T3_COLUMNS[columns - 1] ?? '')];
  let h = -1;
  for (let i = region[0]; i + 1 < region[1]; i++) {
    if (ctx.tokens[i]?.kind === 'text' && ctx.tokens[i]?.norm === other && ctx.tokens[i + 1]?.kind === 'text' && ctx.tokens[i + 1]?.norm === total) {
      if (h >= 0) return none;
      h = i;
    }
  }
  if (h < 0) return none;
  let end = h + 2;
  while (end < region[1] && ctx.tokens[end]?.kind !== 'text') end++;
  const sorted = [...anchors].sort((x, y) => x.first - y.first).filter((a) => a.first < h);
  if (sorted.length === 0 || !firstRowsLackLastTwo(ctx, tpl, sorted, h, columns)) return none;
  const pairs = columnBlocks(ctx, [h + 2, end], sorted.length, 2);
  if (!pairs) return none;
  const out = new Map<Token, number>();
  pairs.rows.forEach((cells, r) => cells.forEach((t) => out.set(t, r)));
  return out;
}

/**
 * The last two columns' cells of the first rows printed under their headers (Word's plain text:
 * “一、… / 3 / 0 / 0 / 0 / 0 / 二、… / … / 其他 / 0 / 0 / 0 / 0 / 总计 / 3 / 0 / 7 / 2”, each header
 * word with its cells on the lines right below it, the rows' other cells after their labels): where
 * the labels of rows in order, from the table's first, are each followed by exactly the cells but
 * the last two (before the next text), and 其他 and 总计 each head a column of one value a line as
 * long as those rows are many, the k-th value under each header is the k-th of those rows'. Empty
 * when anything does not fit.
 */
function headedCells(ctx: Ctx, tpl: TableTemplate, anchors: readonly Anchor[], region: [number, number], columns: number): Map<Token, number> {
  const none = new Map<Token, number>();
  const line = (t: Token) => ctx.lines.point(t.start).line;
  const headed = (name: string): Token[][] => {
    const found: Token[][] = [];
    for (let i = region[0]; i < region[1]; i++) {
      const h = ctx.tokens[i] as Token;
      if (h.kind !== 'text' || h.norm !== norm(name) || line(ctx.tokens[i - 1] as Token) === line(h)) continue;
      const cells: Token[] = [];
      for (let j = i + 1; j < region[1]; j++) {
        const t = ctx.tokens[j] as Token;
        if (t.kind !== 'num' || t.delimited || line(t) !== line(h) + cells.length + 1) break;
        cells.push(t);
      }
      const after = ctx.tokens[i + 1 + cells.length];
      if (cells.length > 0 && !(after && line(after) === line(cells[cells.length - 1] as Token))) found.push(cells);
    }
    return found;
  };
  const [other, total] = [headed(T3_COLUMNS[columns - 2] ?? ''), headed(T3_COLUMNS[columns - 1] ?? '')];
  if (other?.length !== 1 || total?.length !== 1) return none;
  const [o, t] = [other[0] as Token[], total[0] as Token[]];
  if (o.length !== t.length || (t[0] as Token).start < (o[o.length - 1] as Token).end) return none;
  // The first rows, each label in order followed by all but its last two cells.
  const firsts = [...anchors].sort((x, y) => x.first - y.first).slice(0, o.length);
  if (firsts.length !== o.length || firsts.some((a) => a.first > (o[0] as Token).start)) return none;
  if (!firstRowsLackLastTwo(ctx, tpl, firsts, region[1], columns)) return none;
  const out = new Map<Token, number>();
  o.forEach((cell, r) => out.set(cell, r));
  t.forEach((cell, r) => out.set(cell, r));
  return out;
}

/**
 * A row's last cells that pdftotext printed after all the table's labels (the widest numbers of a
 * landscape table's （七）总计: “（七）总计 / 136 / 407 / 429 / 263 / 四、… / 0 / 1 / … / 3.其他 /
 * 209 347 1791”): where labels in order are followed by fewer values than a row's cells (before the
 * next text), and the values after the last text are exactly what those rows lack, each such row
 * ends with its share, in the rows' order, a line never giving cells to two of them. Empty when
 * the counts do not fit exactly.
 */
function tailCells(ctx: Ctx, tpl: TableTemplate, anchors: readonly Anchor[], region: [number, number], columns: number): Map<Token, number> {
  const none = new Map<Token, number>();
  const line = (t: Token) => ctx.lines.point(t.start).line;
  let i = region[1] - 1;
  while (i >= region[0] && ctx.tokens[i]?.kind !== 'text') i--;
  const tail = ctx.tokens.slice(i + 1, region[1]);
  if (tail.length === 0 || tail.some((t) => t.kind !== 'num' || t.delimited)) return none;
  const short: Array<{ row: number; need: number }> = [];
  let highest = -1;
  // （七）总计's key, 总计, is the header's too: anchorRows may have passed its label by; its whole label is its own.
  const total = tpl.rows.find((r) => r.id === 't3.total');
  const all = [...anchors];
  if (total && !anchors.some((a) => a.row === total)) {
    const at = ctx.tokens.findIndex((t, j) => j >= region[0] && j < region[1] && t.kind === 'text' && t.norm === norm(total.label));
    if (at >= 0) all.push({ row: total, first: at, last: at, typo: false, disordered: false });
  }
  for (const a of all.sort((x, y) => x.first - y.first)) {
    const r = tpl.rows.indexOf(a.row);
    const { count, stop } = valuesAfterLabel(ctx, a, region[1]);
    // The last label, followed by the tail itself, is no short row.
    if (stop >= region[1]) continue;
    if (count % columns === 0) {
      highest = Math.max(highest, r);
      continue;
    }
    if (count > columns || a.disordered || a.typo || r < highest) return none;
    short.push({ row: r, need: columns - count });
    highest = r;
  }
  if (short.length === 0 || short.reduce((n, s) => n + s.need, 0) !== tail.length) return none;
  const out = new Map<Token, number>();
  let k = 0;
  for (const s of short) {
    const mine = tail.slice(k, k + s.need);
    const next = tail[k + s.need];
    if (next && line(next) === line(mine[mine.length - 1] as Token)) return none;
    for (const t of mine) out.set(t, s.row);
    k += s.need;
  }
  return out;
}

/**
 * Values plain pdftotext printed on a label's line, right after a piece of the label (“（三 1.属于国家
 * 秘密 1892”, “一、本年新收政府信息公开申请 108 / 数量”): the cells nearest the label, its row's first,
 * wherever the label stands among the values (LibreOffice's stacks of labels). Only where the label's
 * row is known for certain (an anchor in order) and the values are the only ones on that line.
 */
function pinnedValues(ctx: Ctx, tpl: TableTemplate, anchors: readonly Anchor[]): Map<Token, number> {
  const line = (t: Token) => ctx.lines.point(t.start).line;
  const pinned = new Map<Token, number>();
  for (const a of anchors) {
    if (a.disordered || a.typo) continue;
    const r = tpl.rows.indexOf(a.row);
    for (let i = a.first + 1; i <= a.last + 1; i++) {
      const t = ctx.tokens[i];
      const before = ctx.tokens[i - 1] as Token;
      if (!t || t.kind === 'text' || before.kind !== 'text' || line(before) !== line(t)) continue;
      // The run of values on that line, nothing else after them there.
      const run: Token[] = [];
      let j = i;
      while (ctx.tokens[j] && (ctx.tokens[j] as Token).kind !== 'text' && line(ctx.tokens[j] as Token) === line(t)) run.push(ctx.tokens[j++] as Token);
      const next = ctx.tokens[j];
      if (next && line(next) === line(t)) continue;
      for (const v of run) pinned.set(v, r);
    }
  }
  return pinned;
}

/**
 * A 无 alone on its line between two lines of text: a character of a label written one or two
 * characters a line (the vertical （四）无法提供), not an empty cell (a row has seven).
 */
function labelCharacter(ctx: Ctx, i: number): boolean {
  const [before, t, after] = [ctx.tokens[i - 1], ctx.tokens[i], ctx.tokens[i + 1]];
  if (t?.kind !== 'placeholder' || t.raw !== '无' || after?.kind !== 'text') return false;
  return before?.kind === 'text' || spellsOn(ctx, i + 1, '法提供');
}

/**
 * Whether the lines after token `from` that hold one character alone spell `rest` in order before
 * another 无 stands alone (“0 / 无 / 本 / 行制作 / 法 / 年 / 提 / … / 0 / 供”: the 无 of a vertical
 * （四）无法提供 printed after a row's last value, the label's other characters among the labels
 * and values beside it).
 */
function spellsOn(ctx: Ctx, from: number, rest: string): boolean {
  let k = 0;
  for (let i = from; i < ctx.tokens.length && k < rest.length; i++) {
    const t = ctx.tokens[i] as Token;
    if (t.kind === 'placeholder' && t.raw === '无') return false;
    if (t.kind === 'text' && t.norm === rest[k]) k++;
  }
  return k === rest.length;
}

/** Whether tokens from..to (exclusive) are all text: nothing printed between two labels but words. */
function onlyText(ctx: Ctx, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (ctx.tokens[i]?.kind !== 'text') return false;
  return true;
}

/** A row of table 三 whose value tokens are known (one per cell), to be decoded and settled as any other. */
export function draftOf(ctx: Ctx, template: TableTemplate['rows'][number], found: Row['found'], tokens: readonly Token[]): Draft {
  const decoded = decodeRow({ values: tokens, expected: template.columns.length, relation: ROW_TOTAL, positional: null });
  const first = tokens[0] as Token;
  const last = tokens[tokens.length - 1] as Token;
  return {
    template,
    base: { id: template.id, label: template.label, found, status: 'read', cells: [], valuesFound: tokens.length, decoded: null },
    text: tokens.map((t) => t.raw).join(' '),
    options: distinctValues(decoded.readings),
    tried: decoded.tried,
    overBudget: decoded.overBudget,
    hasRelation: true,
    runTogether: false,
    blanks: 0,
    valueSpan: span(ctx, first.start, last.end),
    ...(isStacked(tokens) ? { stacked: tokens } : {}),
    values: tokens,
  };
}
