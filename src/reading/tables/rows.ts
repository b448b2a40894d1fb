/**
 * What the three table readers share: the label stream rows are anchored in, header-word checks,
 * and turning an anchored row's value tokens into readings (decode.ts) and then into a model row.
 * Nothing here accumulates state: each function returns its rows and pushes facts into the array
 * its table reader passes in.
 */
import type { Cell, Row, Span, TableFact } from '../../model/schema.ts';
import type { RowTemplate, TableTemplate } from '../../model/templates.ts';
import { norm, similarity, stripEnumerators, type LineIndex } from '../text.ts';
import type { Token } from '../tokens.ts';
import { headerPieces } from './pieces.ts';
import { decodeRow, distinctValues, type DraftCell, type Reading, type RowRelation } from './decode.ts';
import { hasSpacedDigits, joinSpacedRuns, showsSpacing } from './spaced.ts';

export interface Ctx {
  readonly tokens: readonly Token[];
  readonly lines: LineIndex;
}

export interface Anchor {
  row: RowTemplate;
  first: number;
  last: number;
  typo: boolean;
  disordered: boolean;
}

export const rowRef = (row: { id: string; label: string }) => ({ id: row.id, label: row.label });

export function span(ctx: Ctx, start: number, end: number): Span {
  return ctx.lines.span(start, end);
}

export function tokenSpan(ctx: Ctx, first: number, last = first): Span {
  const a = ctx.tokens[first];
  const b = ctx.tokens[last] ?? a;
  return span(ctx, a?.start ?? 0, b?.end ?? a?.end ?? 0);
}

export function regionText(ctx: Ctx, region: [number, number]): string {
  let s = '';
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i];
    if (t?.kind === 'text') s += t.norm;
  }
  return s;
}

/** Placeholder words that are also characters of row labels (4.无正当理由大量反复申请). */
const LABEL_PLACEHOLDER = /^无$/;

/**
 * The text tokens of a region concatenated, for label search across token and line breaks. A
 * label may also be found leaving out `optional` tokens in its way: pieces that may belong to a
 * label printed beside the row labels (a vertical group label one or two characters a line, a
 * group's bare enumerator), which a PDF layout interleaves with the wrapped lines of a row label.
 */
export class TextStream {
  readonly text: string;
  private readonly owners: number[] = [];
  /** Per stream position: where its token's text ends in the stream. */
  private readonly ends: number[] = [];
  /** Stream positions where an optional token starts, with where it ends. */
  private readonly optionalAt = new Map<number, number>();
  /** Stream positions where a token starts whose first characters may be left out, with how many. */
  private readonly prefixAt = new Map<number, number>();

  constructor(
    readonly tokens: readonly Token[],
    start: number,
    end: number,
    /** Text to leave out of the stream: pieces of merged group labels that a PDF layout interleaves with a row label. */
    skip: (t: Token) => boolean = () => false,
    optional: (t: Token) => boolean = () => false,
    /** How many leading characters of a token may be left out (a group's enumerator glued to the next line of a label: “（五）开出版”). */
    optionalPrefix: (t: Token) => number = () => 0,
  ) {
    let text = '';
    for (let i = start; i < end; i++) {
      const t = tokens[i];
      // A 无 alone on its line may be a label's character (“4.” / values / “无” / “正” / “当”… in a
      // cell one character wide), not only an empty cell: the label may go through it, or leave it out.
      const word = t?.kind === 'placeholder' && LABEL_PLACEHOLDER.test(t.raw);
      if (!t || (t.kind !== 'text' && !word) || (!word && (skip(t) || t.norm.length === 0))) continue;
      const at = text.length;
      const piece = word ? t.raw : t.norm;
      text += piece;
      if (word || optional(t)) this.optionalAt.set(at, text.length);
      const prefix = word ? 0 : optionalPrefix(t);
      if (prefix > 0 && prefix < t.norm.length) this.prefixAt.set(at, prefix);
      for (let k = 0; k < piece.length; k++) {
        this.owners.push(i);
        this.ends.push(text.length);
      }
    }
    this.text = text;
  }

  /**
   * Finds `key` at or after stream position `from`, the earliest start first; returns token
   * indices and the stream end. Between its characters the match may leave out whole optional
   * tokens (“…予以公” 本 “开”) and a token's optional prefix (“（五）”开出版), never other text, and
   * prefers leaving out none.
   */
  find(key: string, from: number): { first: number; last: number; pos: number; next: number } | null {
    if (key.length === 0) return null;
    for (let at = this.text.indexOf(key[0] as string, from); at >= 0; at = this.text.indexOf(key[0] as string, at + 1)) {
      const next = this.matchFrom(key, 0, at);
      if (next !== null) return { first: this.owners[at] ?? 0, last: this.owners[next - 1] ?? 0, pos: at, next };
    }
    return null;
  }

  /** Matches `key` from its character `k` at stream position `at`; the stream end of the match, or null. */
  private matchFrom(key: string, k: number, at: number): number | null {
    let i = k;
    let q = at;
    const tokenEnd = this.ends[q] ?? q;
    while (i < key.length && q < tokenEnd && this.text[q] === key[i]) {
      i++;
      q++;
    }
    if (i === key.length) return q;
    if (q < tokenEnd || q >= this.text.length) return null;
    // At a token's start: go on into it, or leave it out whole when it is optional.
    const through = this.matchFrom(key, i, q);
    if (through !== null) return through;
    const prefix = this.prefixAt.get(q);
    const afterPrefix = prefix === undefined ? null : this.matchFrom(key, i, q + prefix);
    if (afterPrefix !== null) return afterPrefix;
    const skipTo = this.optionalAt.get(q);
    return skipTo === undefined || skipTo >= this.text.length ? null : this.skipOptional(key, i, skipTo);
  }

  /** Leaves out the optional tokens that follow one another from `at`, trying the key after each. */
  private skipOptional(key: string, k: number, at: number): number | null {
    const through = this.text[at] === key[k] ? this.matchFrom(key, k, at) : null;
    if (through !== null) return through;
    // The next token's optional prefix too (“度” / “（ 止公开” after “…禁”).
    const prefix = this.prefixAt.get(at);
    const afterPrefix = prefix === undefined ? null : this.matchFrom(key, k, at + prefix);
    if (afterPrefix !== null) return afterPrefix;
    const skipTo = this.optionalAt.get(at);
    return skipTo === undefined || skipTo >= this.text.length ? null : this.skipOptional(key, k, skipTo);
  }
}

/** Column names that converters invent for tables they cannot read ("类别 | 数据1 … 数据6"). */
const GENERIC_HEADERS = /^(?:\(?(?:类别|项目|数据项目|数量|指标|名称|内容|数据\d*|列\d+|column\d*)\)?)$/i;

/** Header words close to, but not, the template's (本年度止件数 for 本年废止件数, 社会组织 for 社会公益组织). */
export function checkHeaderWords(ctx: Ctx, region: [number, number], tpl: TableTemplate, anchors: readonly Anchor[], facts: TableFact[]): void {
  const labelTokens = new Set<number>();
  for (const a of anchors) for (let i = a.first; i <= a.last; i++) labelTokens.add(i);
  const words = tpl.vocabulary.map((v) => stripEnumerators(norm(v)));
  const everything = [...words, ...tpl.rows.map((r) => stripEnumerators(norm(r.label)))];
  for (let i = region[0]; i < region[1]; i++) {
    const t = ctx.tokens[i];
    if (t?.kind !== 'text' || labelTokens.has(i)) continue;
    const w = stripEnumerators(t.norm);
    // A merged header cell ("自然人总计") holds whole words: that is layout, not a typo.
    if (w.length < 3 || everything.some((v) => v.includes(w)) || words.some((v) => v.length >= 2 && w.includes(v))) continue;
    let best: { word: string; score: number } | null = null;
    for (const word of words) {
      if (word.length < 3 || Math.abs(word.length - w.length) > 3) continue;
      const score = similarity(w, word);
      if (score >= 0.6 && (!best || score > best.score)) best = { word, score };
    }
    if (best) facts.push({ kind: 'headerTypo', found: t.raw, expected: best.word, span: tokenSpan(ctx, i) });
  }
}

/** Rows not found exactly: a near-identical label between their neighbours is a typo. */
export function findTypos(ctx: Ctx, tpl: TableTemplate, anchors: Anchor[], region: [number, number]): void {
  const found = new Set(anchors.map((a) => a.row.id));
  const exactVocabulary = [...tpl.vocabulary, ...tpl.rows.map((r) => r.label)].map((v) => stripEnumerators(norm(v)));
  tpl.rows.forEach((row, index) => {
    if (found.has(row.id) || row.key.length < 4) return;
    const prev = [...anchors].filter((a) => tpl.rows.indexOf(a.row) < index).sort((a, b) => b.last - a.last)[0];
    const next = [...anchors].filter((a) => tpl.rows.indexOf(a.row) > index).sort((a, b) => a.first - b.first)[0];
    const from = prev ? prev.last + 1 : region[0];
    const to = next ? next.first : region[1];
    let best: { index: number; score: number } | null = null;
    for (let i = from; i < to; i++) {
      const t = ctx.tokens[i];
      if (t?.kind !== 'text') continue;
      const candidate = stripEnumerators(t.norm);
      if (candidate.length < 3 || candidate.length > row.key.length * 2 + 10 || exactVocabulary.some((v) => v.includes(candidate))) continue;
      const score = similarity(candidate, norm(row.key));
      if (score >= 0.6 && (!best || score > best.score)) best = { index: i, score };
    }
    if (best) {
      anchors.push({ row, first: best.index, last: best.index, typo: true, disordered: false });
      found.add(row.id);
    }
  });
}

/** A row whose readings are still to be chosen from (table 三 chooses with its column relations). */
export interface Draft {
  template: RowTemplate;
  base: Row;
  /** The value tokens as printed, for messages. */
  text: string;
  /** Surviving readings grouped by the values they give. */
  options: Reading[][];
  tried: readonly string[];
  overBudget: boolean;
  /** The row has a relation of its own (table 三's row total). */
  hasRelation: boolean;
  /** Digits that look run together (a digit run glued to text or with a leading zero), for rows without a relation. */
  runTogether: boolean;
  /** Empty cells on the lines that hold the values. */
  blanks: number;
  /** Where the row's values are (for findings about the row as a whole). */
  valueSpan: Span;
  /** The value tokens when each stands on a line of its own in undelimited text (plain pdftotext), so their order is pdftotext's. */
  stacked?: readonly Token[];
  /** The row's value tokens (not blank), as found. */
  values?: readonly Token[];
  /** The row's cells with its empty ones, where they are one more than its columns (see wider). */
  wider?: readonly Token[];
}

export type RowOutcome = { row: Row } | { draft: Draft };

export interface ReadRowsOptions {
  isBoundary: (t: Token) => boolean;
  relation: RowRelation | null;
}

/**
 * Assigns value tokens to anchored rows and decodes each row's values. Letter-spaced numbers
 * (spaced.ts) are read only in a table spaced alike throughout: every number of two digits or more
 * in it letter-spaced, and every row that shows more values than cells, single digits one space
 * apart among them, made of exactly its cells that way. Else (a tight row's cells one space apart,
 * a distributed cell's last digit one space from the next cell's first: “1       9 0” for 19 and 0)
 * no run is joined, and where the table showed such digits a row with single digits one space
 * apart is not read either: they may be one number's.
 */
export function readRows(
  ctx: Ctx,
  tpl: TableTemplate,
  anchors: readonly Anchor[],
  region: [number, number],
  options: ReadRowsOptions,
  facts: TableFact[],
): RowOutcome[] {
  const before = facts.length;
  const spacing = { joined: 0, refused: 0 };
  const out = readRowsOnce(ctx, tpl, anchors, region, options, facts, { join: true, distrust: false }, spacing);
  if (spacing.joined + spacing.refused === 0) return out;
  if (spacing.refused === 0 && !ctx.tokens.slice(region[0], region[1]).some(unspacedNumber)) return out;
  facts.length = before;
  return readRowsOnce(ctx, tpl, anchors, region, options, facts, { join: false, distrust: true }, spacing);
}

/** A number of two digits or more written without letter spacing, in text without cell delimiters. */
const unspacedNumber = (t: Token): boolean => t.kind === 'num' && !t.delimited && /^\d{2,}$/.test(t.raw);

function readRowsOnce(
  ctx: Ctx,
  tpl: TableTemplate,
  anchors: readonly Anchor[],
  region: [number, number],
  options: ReadRowsOptions,
  facts: TableFact[],
  /** Whether to join letter-spaced runs, and whether to leave unread a row that shows single digits one space apart. */
  mode: { join: boolean; distrust: boolean },
  /** Counts of rows with more values than cells and single digits one space apart: joined, or not. */
  spacing: { joined: number; refused: number },
): RowOutcome[] {
  const byRow = new Map(anchors.map((a) => [a.row.id, a]));
  const groupWords = tpl.vocabulary.map((v) => stripEnumerators(norm(v)));
  const out: RowOutcome[] = [];
  // A table whose values stand in delimited cells (tabs, pipes, table cells) for the most part.
  const valueTokens = ctx.tokens.slice(region[0], region[1]).filter((t) => t.kind === 'num');
  const delimitedTable = valueTokens.length > 0 && valueTokens.filter((t) => t.delimited).length * 2 > valueTokens.length;
  tpl.rows.forEach((row, index) => {
    const anchor = byRow.get(row.id);
    if (!anchor) {
      const next = anchors.find((a) => tpl.rows.indexOf(a.row) > index);
      const at = next ? tokenSpan(ctx, next.first) : tokenSpan(ctx, Math.max(region[0], region[1] - 1));
      facts.push({ kind: 'missingRow', row: rowRef(row), span: at });
      out.push({ row: { id: row.id, label: row.label, found: null, status: 'missing', cells: [], valuesFound: 0, decoded: null } });
      return;
    }
    const order = anchors.indexOf(anchor);
    const end = anchors[order + 1]?.first ?? region[1];
    const labelText = ctx.tokens
      .slice(anchor.first, anchor.last + 1)
      .filter((t) => t.kind === 'text')
      .map((t) => t.raw)
      .join('');
    const found: Row['found'] = { text: labelText, span: tokenSpan(ctx, anchor.first, anchor.last), typo: anchor.typo };
    if (anchor.typo) facts.push({ kind: 'labelTypo', row: rowRef(row), found: labelText, span: found.span });
    const values: Token[] = [];
    let foreign: Token | null = null;
    let foreignBeforeValue = false;
    // Values split by text into several runs were read across other content (a PDF read
    // column by column): their order cannot be trusted.
    let runs = 0;
    let inRun = false;
    const ownLabel = stripEnumerators(norm(row.label));
    // Text that is pieces of the header, the group labels or the row's own label is no foreign text.
    // So are pieces of the next row's label before its anchor: a distributed (分散对齐) label cell
    // spreads “（七）总计” so wide that its enumerator's characters stand apart (“（   七   ）”).
    const nextLabel = anchors[order + 1]?.row.label;
    const pieceWords = nextLabel === undefined ? [...groupWords, ownLabel] : [...groupWords, ownLabel, norm(nextLabel)];
    for (let i = anchor.first + 1; i < end; i++) {
      const t = ctx.tokens[i];
      if (!t) continue;
      // A placeholder word that is a piece of a group label (the 无 of a vertical 无法提供) among
      // label text, first on its line, is that piece, not an empty cell: a cell's placeholder
      // follows its label on the line or stands among values.
      const before = ctx.tokens[i - 1];
      const after = ctx.tokens[i + 1];
      if (
        t.kind === 'placeholder' &&
        !t.delimited &&
        before?.kind === 'text' &&
        before.rowKey !== t.rowKey &&
        after?.kind === 'text' &&
        groupWords.some((g) => g.includes(t.raw))
      ) {
        inRun = false;
        continue;
      }
      // The same piece on a line of the row, no value before it there, left of where the row's label
      // starts (“无    0  0 …” under “2.没有现成信息需要另”; “理    无” under the row): it stands in
      // the group label's column, and no cell stands left of its row's label.
      if (
        t.kind === 'placeholder' &&
        !t.delimited &&
        !(before?.rowKey === t.rowKey && before.kind !== 'text') &&
        groupWords.some((g) => g.includes(t.raw)) &&
        ctx.lines.point(t.start).column < ctx.lines.point(ctx.tokens[anchor.first]?.start ?? t.start).column
      ) {
        inRun = false;
        continue;
      }
      // A 无 the label went through (a character of “无正当理由…” on a line of its own) is no empty cell.
      if (t.kind === 'placeholder' && i <= anchor.last && after?.kind === 'text' && LABEL_PLACEHOLDER.test(t.raw) && row.label.includes(t.raw)) {
        inRun = false;
        continue;
      }
      if (t.kind !== 'text') {
        if (foreign) foreignBeforeValue = true;
        values.push(t);
        if (t.kind !== 'blank' && !inRun) runs++;
        if (t.kind !== 'blank') inRun = true;
        continue;
      }
      // Text inside the label's own span (a label wrapped around its values) does not break a run.
      if (i <= anchor.last) continue;
      inRun = false;
      if (options.isBoundary(t)) break;
      const w = stripEnumerators(t.norm);
      // A note under the table (“注：本表…”, LibreOffice's plain text prints it beside the last labels)
      // is no row's text: the row's values end there.
      if (/^注[:：]/.test(w)) break;
      if (w === '' || /^表[一二三四]/.test(w) || GENERIC_HEADERS.test(w) || headerPieces(w, pieceWords)) continue;
      // Distributed (分散对齐) header cells: the last character of one and the first of the next
      // one space apart (“容 本” of 信息内容 and 本年制发件数), each a piece of its own.
      if (
        /\s/.test(t.raw) &&
        t.raw
          .trim()
          .split(/\s+/)
          .every((p) => headerPieces(stripEnumerators(norm(p)), pieceWords))
      )
        continue;
      // After the last row has its values, other text is the prose below the table.
      if (order === anchors.length - 1 && values.some((v) => v.kind !== 'blank')) break;
      foreign ??= t;
    }
    // Numbers letter-spaced (“1 5 2”), where the row's count of cells leaves no other reading.
    const spacedDigits = hasSpacedDigits(values);
    if (mode.join && showsSpacing(values, row.columns.length)) {
      const spaced = joinSpacedRuns(values, row.columns.length);
      if (spaced) values.splice(0, values.length, ...spaced);
      if (spaced) spacing.joined++;
      else spacing.refused++;
    }
    const nonBlank = values.filter((v) => v.kind !== 'blank');
    const base: Row = { id: row.id, label: row.label, found, status: 'read', cells: [], valuesFound: nonBlank.length, decoded: null };
    if (foreign) facts.push({ kind: 'unexpectedText', row: rowRef(row), text: foreign.raw, span: tokenSpan(ctx, ctx.tokens.indexOf(foreign)) });
    if (anchor.disordered) {
      facts.push({ kind: 'rowOrder', row: rowRef(row), span: found.span });
      out.push({ row: { ...base, status: 'unclear' } });
      return;
    }
    if (foreign && foreignBeforeValue) {
      out.push({ row: { ...base, status: 'unclear' } });
      return;
    }
    if (runs > 1 && nonBlank.length === row.columns.length) {
      facts.push({ kind: 'interleaved', row: rowRef(row), runs, span: found.span });
      out.push({ row: { ...base, status: 'unclear' } });
      return;
    }
    const first = nonBlank[0];
    const last = nonBlank[nonBlank.length - 1];
    const valueSpan = first && last ? span(ctx, first.start, last.end) : found.span;
    // A table that showed letter-spaced digits it could not read: single digits one space apart may be one number's here too.
    if (mode.distrust && spacedDigits) {
      facts.push({ kind: 'spacedDigits', row: rowRef(row), text: nonBlank.map((t) => t.raw).join(' '), span: valueSpan });
      out.push({ row: { ...base, status: 'count' } });
      return;
    }
    if (nonBlank.length === 0) {
      // A label with nothing after it in a table whose cells are delimited (tabs, pipes, table
      // cells): a row left blank. Words where the numbers belong ("两") are no blank row; in PDF or
      // plain text a label without values only means they are elsewhere.
      if (!foreign && (ctx.tokens[anchor.last]?.delimited || delimitedTable)) {
        facts.push({ kind: 'blankRow', row: rowRef(row), span: found.span });
        out.push({ row: { ...base, status: 'blank' } });
      } else {
        facts.push({ kind: 'cellCount', row: rowRef(row), found: 0, expected: row.columns.length, blanks: 0, span: found.span });
        out.push({ row: { ...base, status: 'count' } });
      }
      return;
    }
    const decoded = decodeRow({
      values,
      expected: row.columns.length,
      relation: options.relation,
      positional: positional(ctx, values, nonBlank, row.columns.length),
      allowDecimal: row.allowDecimal,
      allowNegative: row.allowNegative,
      lineOf: (offset) => ctx.lines.point(offset).line,
    });
    const text = nonBlank.map((t) => t.raw).join(' ');
    const digitsOnly = nonBlank.every((t) => t.kind === 'num' && /^\d+$/.test(t.raw));
    const digits = nonBlank.reduce((n, t) => n + t.raw.length, 0);
    // Evidence that cells ran together: digits glued to a label, or a multi-digit "number" with a
    // leading zero. Two spaced numbers where three belong are a lost cell instead.
    const glued = nonBlank.length === 1 || nonBlank.some((t) => t.glued || /^0\d/.test(t.raw));
    out.push({
      draft: {
        template: row,
        base,
        text,
        options: distinctValues(decoded.readings),
        tried: decoded.tried,
        overBudget: decoded.overBudget,
        hasRelation: options.relation !== null,
        runTogether: (digitsOnly && digits > row.columns.length && nonBlank.length < row.columns.length && glued) || nonBlank.some((t) => /^0\d/.test(t.raw)),
        blanks: blanksOnValueLines(values, ctx, anchor),
        valueSpan,
        ...(isStacked(nonBlank) ? { stacked: nonBlank } : {}),
        values: nonBlank,
        ...withEmpty(values, nonBlank, row.columns.length),
      },
    });
  });
  // Values before the first row label (but inside the table) belong to no row.
  const firstAnchor = anchors[0];
  if (firstAnchor) {
    const stray = ctx.tokens.slice(region[0], firstAnchor.first).filter((t) => t.kind === 'num');
    const s0 = stray[0];
    const s1 = stray[stray.length - 1];
    if (s0 && s1) facts.push({ kind: 'strayValues', count: stray.length, text: stray.map((s) => s.raw).join(' '), span: span(ctx, s0.start, s1.end) });
  }
  return out;
}

/** Values each on a line of their own, in undelimited text. */
export function isStacked(values: readonly Token[]): boolean {
  return values.length > 1 && values.every((v) => !v.delimited) && new Set(values.map((v) => v.rowKey)).size === values.length;
}

/**
 * Empty cells whose column is certain: between two values of one delimited line, or leading a
 * line that holds values only (seed 000's table 四: five empty 行政复议 cells, then ten 0s).
 * An empty cell right after a label, or trailing a line, is a merged-cell artefact of the
 * paste and says nothing about which column is missing.
 */
export function positional(ctx: Ctx, values: readonly Token[], nonBlank: readonly Token[], expected: number): Token[] | null {
  const first = nonBlank[0];
  if (!first?.delimited || nonBlank.length >= expected || nonBlank.some((t) => t.rowKey !== first.rowKey)) return null;
  const line = values.filter((v) => v.rowKey === first.rowKey);
  const placed = byGrid(line, expected);
  if (placed) return placed;
  const lo = line.indexOf(first);
  const hi = line.lastIndexOf(nonBlank[nonBlank.length - 1] ?? first);
  const interior = line.slice(lo, hi + 1);
  if (interior.length === expected) return interior;
  const labelled = ctx.tokens.some((t) => t.kind === 'text' && t.rowKey === first.rowKey);
  const leading = line.slice(0, hi + 1);
  return !labelled && leading.length === expected ? leading : null;
}

/**
 * A row of a table with delimited cells (HTML, a PDF's grid) whose values are exactly its columns
 * but whose cells, with an empty one among them, are one more (a column added to the table): those
 * cells, by the grid or between its first and last value. Its values are then no reading as
 * written: which cell is the added column's is for the table to say (a 合计 column's place).
 */
function withEmpty(values: readonly Token[], nonBlank: readonly Token[], expected: number): { wider?: Token[] } {
  const first = nonBlank[0];
  if (!first?.delimited || nonBlank.length !== expected || nonBlank.some((t) => t.rowKey !== first.rowKey)) return {};
  const line = values.filter((v) => v.rowKey === first.rowKey);
  if (!line.some((t) => t.kind === 'blank')) return {};
  const placed = byGrid(line, expected + 1);
  if (placed) return { wider: placed };
  const interior = line.slice(line.indexOf(first), line.lastIndexOf(nonBlank[nonBlank.length - 1] ?? first) + 1);
  return interior.length === expected + 1 ? { wider: interior } : {};
}

/**
 * The row's cells by their columns in a regular grid (see Token.fromRight): the template's columns
 * are the grid's last `expected`; empty cells left of them are the label's merged columns. Null
 * unless every cell of the line has its column and each value column has exactly one cell.
 */
function byGrid(line: readonly Token[], expected: number): Token[] | null {
  const cells: Array<Token | undefined> = Array.from({ length: expected }, () => undefined);
  for (const t of line) {
    if (t.fromRight === undefined) return null;
    const k = expected - 1 - t.fromRight;
    if (k < 0) {
      if (t.kind === 'blank') continue;
      return null;
    }
    if (cells[k]) return null;
    cells[k] = t;
  }
  const out: Token[] = [];
  for (const c of cells) {
    if (!c) return null;
    out.push(c);
  }
  return out;
}

/** Empty cells on the lines that hold the values, or on the label's own line when there are none. */
function blanksOnValueLines(values: readonly Token[], ctx: Ctx, anchor: Anchor): number {
  const keys = new Set(values.filter((v) => v.kind !== 'blank').map((v) => v.rowKey));
  if (keys.size === 0) keys.add(ctx.tokens[anchor.last]?.rowKey ?? '');
  return values.filter((v) => v.kind === 'blank' && keys.has(v.rowKey)).length;
}

/** The model row for a draft whose readings are settled, and the facts about how it was read. */
export function settle(ctx: Ctx, draft: Draft, chosenBy: ReadonlyArray<'R1' | 'R2'>, localRelation: 'R3' | 'R4' | null, facts: TableFact[]): Row {
  const { template, base } = draft;
  const group = draft.options[0] ?? [];
  const reading = group[0];
  if (!reading) return { ...base, status: 'count' };
  const cells: Cell[] = reading.cells.map((c, i) => toCell(ctx, c, template.columns[i] ?? ''));
  const row: Row = { ...base, cells };
  const ref = rowRef(template);
  if (reading.how !== 'written') {
    // The row relation chose the reading when it was one of several the text allowed: every kind
    // but blank cells the layout pins (unless the relation solved one of them).
    const local = localRelation && (reading.how !== 'blankCell' || reading.cells.some((c) => c.read === 'solved')) ? [localRelation] : [];
    row.decoded = { how: reading.how, text: draft.text, chosenBy: [...local, ...chosenBy] };
  }
  if (reading.how === 'missingCell') {
    const columns = [...new Set(group.map((r) => template.columns[r.at ?? 0] ?? ''))];
    const at = reading.at ?? 0;
    // Which column is unknown when several readings give these values: the cell has no place then.
    // When several columns give the same values, the values are certain and the lost cell's
    // column is not: the model marks the first of them, the fact names them all.
    facts.push({
      kind: 'missingCell',
      row: ref,
      columns,
      value: columns.length === 1 ? (reading.cells[at]?.value ?? null) : commonMissingValue(group),
      expected: template.columns.length,
      span: draft.valueSpan,
    });
  } else if (reading.how === 'extraValue' && reading.dropped) {
    const texts = [...new Set(group.map((r) => r.dropped?.raw ?? ''))];
    facts.push({ kind: 'extraValue', row: ref, text: texts.join('/'), span: span(ctx, reading.dropped.start, reading.dropped.end) });
  }
  const blank = row.cells.filter((c) => c.kind === 'blank');
  const b0 = blank[0];
  if (b0) {
    const solved = blank.length === 1 && b0.read === 'solved' ? b0.value : null;
    facts.push({ kind: 'blankCells', row: ref, columns: blank.map((c) => c.column), solved, span: b0.span });
  }
  for (const c of row.cells) {
    if (c.kind === 'placeholder') facts.push({ kind: 'nonNumeric', row: ref, column: c.column, text: c.raw, span: c.span });
    if (c.kind === 'invalid') facts.push({ kind: 'negative', row: ref, column: c.column, text: c.raw, span: c.span });
  }
  return row;
}

/** The value of the lost cell when every reading gives it the same. */
function commonMissingValue(group: readonly Reading[]): number | null {
  const values = new Set(group.map((r) => r.cells[r.at ?? 0]?.value ?? null));
  return values.size === 1 ? ([...values][0] ?? null) : null;
}

function toCell(ctx: Ctx, c: DraftCell, column: string): Cell {
  return { column, kind: c.kind, value: c.value, raw: c.raw, span: span(ctx, c.start, c.end), read: c.read };
}

/** A draft with no single reading: the facts that say why, and the unread row. */
export function unsettled(draft: Draft, required: { values: number[]; relation: 'R1' | 'R2' } | null, facts: TableFact[]): Row {
  const { template, base, options } = draft;
  const ref = rowRef(template);
  const expected = template.columns.length;
  const kinds = [...new Set(options.flat().map((r) => r.how))];
  const how = kinds.length === 1 && (kinds[0] === 'split' || kinds[0] === 'missingCell' || kinds[0] === 'extraValue') ? kinds[0] : 'mixed';
  if (options.length > 1) {
    facts.push({
      kind: 'ambiguous',
      row: ref,
      text: draft.text,
      how,
      readings: options.slice(0, 4).map((g) => (g[0]?.cells ?? []).map((c) => c.value ?? Number.NaN)),
      count: options.length,
      expected,
      span: draft.valueSpan,
    });
    return { ...base, status: 'ambiguous' };
  }
  if (draft.overBudget || (draft.runTogether && (!draft.hasRelation || !draft.tried.includes('split')))) {
    facts.push({ kind: 'runTogether', row: ref, text: draft.text, expected, span: draft.valueSpan });
    return { ...base, status: 'count' };
  }
  // Digits run together and no split of them adds up: the row's own numbers are wrong (a sum
  // error, which table-sums reports with what the other rows require).
  if (draft.hasRelation && draft.tried.includes('split')) {
    facts.push({
      kind: 'noReading',
      row: ref,
      text: draft.text,
      how: draft.tried.length === 1 ? 'split' : 'mixed',
      expected,
      required: required?.values ?? null,
      relation: required?.relation ?? null,
      span: draft.valueSpan,
    });
    return { ...base, status: 'unsolvable' };
  }
  facts.push({ kind: 'cellCount', row: ref, found: base.valuesFound, expected, blanks: draft.blanks, span: draft.valueSpan });
  return { ...base, status: 'count' };
}
