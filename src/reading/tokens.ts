/**
 * Linearisation: whatever Markdown node a table ends up in (GFM table, HTML block, paragraph of
 * tab-separated lines, indented code from a PDF paste), the document becomes one sequence of
 * tokens in reading order — text fragments, numbers, placeholders and empty cells — each with
 * its exact source offsets. Table reading (tables.ts) anchors on labels in this sequence.
 */
import type { Root, RootContent, Table } from 'mdast';
import type { Element, ElementContent } from 'hast';
import { cellSpan } from './html-limits.ts';
import { optionalParsers } from './optional.ts';
import { joinWrappedNumbers } from './wrapped-numbers.ts';
import { isHeaderWords } from './pdf/layout.ts';
import { norm } from './text.ts';

export type TokenKind = 'text' | 'num' | 'blank' | 'placeholder';

export interface Token {
  kind: TokenKind;
  /** The text as written (for numbers: digits with sign, separators and unit). */
  raw: string;
  /** Normalised text (text tokens only). */
  norm: string;
  /** Parsed value (numbers only). */
  value: number | null;
  start: number;
  end: number;
  /** Tokens of one visual row (a source line, a GFM row, an HTML <tr>) share this key. */
  rowKey: string;
  /** Whether this row's cells are explicitly separated (tabs, pipes, table cells), so empty cells are visible. */
  delimited: boolean;
  /** A number written right after a letter with no space ("规章000"): cells may have run together. */
  glued: boolean;
  /**
   * In a table whose grid is regular (a GFM row with the header's number of cells; an HTML table
   * whose rows all span the same number of columns, merged cells counted), how many grid columns
   * lie right of this cell: its column is then certain, empty or not. Only for a one-column cell
   * that gives one token.
   */
  fromRight?: number;
  /**
   * A number of a run of whole numbers one space apart in undelimited text (“1 5 2”, “41 3 0 0 44”):
   * cells of a tight row, or, where they are single digits, maybe one number letter-spaced (Word's
   * 字符间距 加宽, 分散对齐). The run's start, which its numbers share; see tables/spaced.ts.
   */
  spread?: number;
  /** A number typed in full-width digits (１２３): in a cell one em wide they wrap one a line. */
  fullWidth?: boolean;
}

const PAGE_NUMBER = /^(?:[-—–－―]\s*\d{1,3}\s*[-—–－―]|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;
const PLACEHOLDER = /^(?:[-—–－―~～]{1,2}|[/／\\]|无|空|—+|\.{3}|…+|x|X|×)$/;
const RULE_LINE = /^[-:|\s=]{3,}$/;
/** A report title on a line of its own: `<agency><year>年(度)政府信息公开工作年度报告`. */
const RUNNING_HEADER = /^[^\t|]{0,60}\d{4}\s*年度?\s*政府信息公开工作年度报告$/;
const FULL_WIDTH_DIGIT = /[０-９]/;
const BRACKET = /[(（[［【〔)）\]］】〕]/;
/** The depths of a fragment without brackets: none (read only at digits' indices). */
const NO_DEPTHS: readonly number[] = [];
const NUMBER = /[+-]?\d+(?:,\d{3})*(?:\.\d+)?(?:\s*(?:万元|元|件|个))?/g;

/** Splits one fragment (a cell, or the text between separators) into text and number tokens. */
export function scanFragment(fragment: string, start: number, rowKey: string, delimited: boolean, out: Token[]): void {
  // Full-width digits (０–９ from Word) are digits: mapped one for one, so offsets stay exact.
  const text = FULL_WIDTH_DIGIT.test(fragment) ? fragment.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)) : fragment;
  const trimmed = text.trim();
  if (trimmed === '') {
    if (delimited) out.push(token('blank', '', start, start, rowKey, delimited));
    return;
  }
  const lead = text.indexOf(trimmed);
  const from = start + lead;
  if (PAGE_NUMBER.test(trimmed) || RULE_LINE.test(trimmed)) return;
  if (PLACEHOLDER.test(trimmed)) {
    out.push(token('placeholder', trimmed, from, from + trimmed.length, rowKey, delimited));
    return;
  }
  // Cells of a tight row one space apart in `-layout` text, some of them a dash or slash where the
  // table writes nothing (“—    — 488”, “／ 414”): each its own cell.
  if (!delimited && /\s/.test(trimmed)) {
    const parts = [...trimmed.matchAll(/\S+/g)];
    if (parts.some((m) => PLACEHOLDER.test(m[0])) && parts.every((m) => PLACEHOLDER.test(m[0]) || /^\d+$/.test(m[0]))) {
      for (const m of parts) scanFragment(m[0], from + m.index, rowKey, delimited, out);
      return;
    }
  }
  // In a real cell, text with digits glued to it is a name ("数据1", "表3"), not a value; only a
  // label followed by spaced numbers ("行政许可 97") splits.
  if (delimited && /[^\d\s.,+-]\d/.test(trimmed.replace(/\s+\d[\d\s.,]*$/, ''))) {
    pushText(trimmed, from, rowKey, delimited, out);
    return;
  }
  // Most cells hold no bracket: then no digit is inside one.
  const depth = BRACKET.test(trimmed) ? bracketDepths(trimmed) : NO_DEPTHS;
  let last = 0;
  const first = out.length;
  for (const m of trimmed.matchAll(NUMBER)) {
    let index = m.index;
    let raw = m[0];
    if ((depth[index] ?? 0) > 0) continue;
    // A sign glued to a preceding letter or digit is not a sign ("2019-2020", "A-1").
    if (/^[+-]/.test(raw) && index > 0 && /[\p{L}\p{N}]/u.test(trimmed[index - 1] ?? '')) {
      index += 1;
      raw = raw.slice(1);
    }
    const after = trimmed.slice(index + raw.length);
    // An enumerator such as "2." or "3、" before a label: the last digit belongs to the label
    // ("00000002.其他法律…" in crawled pages is seven cells of 0 and then "2.其他法律…"). PDF text
    // spaces them out ("8 .属于行政查询事项", "2 . 重 复 申 请") or ends a wrapped label line with
    // one ("（五）不予处理1." above the values, "信访举报投诉类申请" below).
    // A distributed (分散对齐) label cell spreads its characters over the cell's width, so that in
    // `-layout` text its enumerator stands alone before the label's spaced-out characters (“1.   属
    // 于   国   家”, “1 .   属”, after a group label's line: “不予 4 .”): a lone digit with its point,
    // in undelimited text or after text and a space, is that enumerator too.
    const enumerator =
      /^\s?[.．、](?![\d.])\s*\S/.test(after) ||
      (/^[.．、]\s*$/.test(after) && index > 0 && /[^\s\d]/.test(trimmed[index - 1] ?? '')) ||
      (/^\s?[.．、]\s*$/.test(after) && raw.length === 1 && (index === 0 ? !delimited : /[^\s\d]\s$/.test(trimmed.slice(0, index))));
    if (/^\d+$/.test(raw) && enumerator) {
      if (raw.length === 1) continue;
      raw = raw.slice(0, -1);
    }
    if (index > last) pushText(trimmed.slice(last, index), from + last, rowKey, delimited, out);
    const glued = index > 0 && /\S/u.test(trimmed[index - 1] ?? '');
    const number: Token = {
      kind: 'num',
      raw,
      norm: '',
      value: parseNumber(raw),
      start: from + index,
      end: from + index + raw.length,
      rowKey,
      delimited,
      glued,
    };
    if (text !== fragment && FULL_WIDTH_DIGIT.test(fragment.slice(lead + index, lead + index + raw.length))) number.fullWidth = true;
    out.push(number);
    last = index + raw.length;
  }
  if (last < trimmed.length) pushText(trimmed.slice(last), from + last, rowKey, delimited, out);
  if (!delimited) markSpread(out, first, trimmed, from);
}

/** Whole numbers one space apart, in undelimited text (“1 5 2”, “规章 3 0 1”): marked as one run (see Token.spread). */
function markSpread(out: Token[], first: number, text: string, from: number): void {
  for (let i = first + 1; i < out.length; i++) {
    const a = out[i - 1] as Token;
    const b = out[i] as Token;
    const whole = (t: Token) => t.kind === 'num' && /^\d+$/.test(t.raw);
    if (!whole(a) || !whole(b) || b.start - a.end !== 1 || text[a.end - from] !== ' ') continue;
    a.spread ??= a.start;
    b.spread = a.spread;
  }
}

function pushText(text: string, start: number, rowKey: string, delimited: boolean, out: Token[]): void {
  const t = text.trim();
  if (t === '') return;
  const s = start + text.indexOf(t);
  const n = norm(t);
  if (n === '') return;
  out.push({ kind: 'text', raw: t, norm: n, value: null, start: s, end: s + t.length, rowKey, delimited, glued: false });
}

function token(kind: TokenKind, raw: string, start: number, end: number, rowKey: string, delimited: boolean): Token {
  return { kind, raw, norm: '', value: null, start, end, rowKey, delimited, glued: false };
}

export function parseNumber(raw: string): number {
  const value = Number(raw.replace(/,/g, '').replace(/\s*(?:万元|元|件|个)$/, ''));
  // Beyond 2^53 a number is no longer the digits written (99999999999999999999 would read as
  // 100000000000000000000): NaN, which the table reader turns into an `invalid` cell, quoted as
  // written (issue 11).
  return Math.abs(value) > Number.MAX_SAFE_INTEGER ? Number.NaN : value;
}

/**
 * Bracket nesting depth at each character: digits inside brackets are annotations, not cells. Only
 * brackets closed within the fragment count: a label wrapped inside its bracket ("（二）部分公开（区分处
 * 41 3 0 0 0 0 44", pdftotext -layout with single spaces) leaves the values outside it.
 */
function bracketDepths(text: string): readonly number[] {
  const chars = [...text];
  const closed = new Set<number>();
  const open: number[] = [];
  chars.forEach((ch, i) => {
    if ('(（[［【〔'.includes(ch)) open.push(i);
    else if (')）]］】〕'.includes(ch) && open.length > 0) {
      closed.add(open.pop() as number);
      closed.add(i);
    }
  });
  // A closing bracket without its opening one (the label's first line was elsewhere) opens nothing either.
  const depths: number[] = [];
  let depth = 0;
  chars.forEach((ch, i) => {
    const counted = closed.has(i);
    if (counted && '(（[［【〔'.includes(ch)) depth++;
    depths.push(depth);
    if (counted && ')）]］】〕'.includes(ch)) depth = Math.max(0, depth - 1);
    // `for…of` walks code points; keep indices aligned with UTF-16 offsets.
    if (ch.length === 2) depths.push(depth);
  });
  return depths;
}

/** Splits a source line into cells on tabs, pipes and runs of two or more spaces. */
export function scanLine(source: string, lineStart: number, lineEnd: number, out: Token[], running?: ReadonlySet<string>): void {
  let text = source.slice(lineStart, lineEnd);
  if (running?.has(text.trim())) return;
  let offset = lineStart;
  // Markdown block markers are not content.
  const marker = /^(?:\s{0,3}(?:#{1,6}\s+|>\s?))/.exec(text);
  if (marker) {
    text = text.slice(marker[0].length);
    offset += marker[0].length;
  }
  const rowKey = `L${lineStart}`;
  // A PDF page's running header (the report's title repeated at the top of every page) is not
  // table content, and its year is no cell.
  if (RUNNING_HEADER.test(text.trim())) return;
  const hasTabs = text.includes('\t');
  const hasPipes = /(?<!\\)\|/.test(text);
  const delimited = hasTabs || hasPipes;
  // Within tab- or pipe-separated lines only those separate cells (an empty piece is an empty
  // cell); elsewhere runs of two or more spaces do (pdftotext -layout), and no cell is visible.
  const separator = delimited ? /\t|(?<!\\)\|/g : /[ \u3000]{2,}/g;
  const pieces: Array<{ text: string; start: number }> = [];
  let last = 0;
  for (const m of text.matchAll(separator)) {
    pieces.push({ text: text.slice(last, m.index), start: offset + last });
    last = m.index + m[0].length;
  }
  pieces.push({ text: text.slice(last), start: offset + last });
  if (hasPipes && !hasTabs) {
    // "| a | b |": the text before the first pipe and after the last one is not a cell.
    if (pieces.length > 1 && (pieces[0]?.text.trim() ?? '') === '') pieces.shift();
    if (pieces.length > 1 && (pieces[pieces.length - 1]?.text.trim() ?? '') === '') pieces.pop();
  }
  for (const piece of pieces) scanFragment(piece.text, piece.start, rowKey, delimited, out);
}

/** Tokens of a GFM table: one fragment per cell, at the cell content's exact position. */
function scanTable(node: Table, source: string, out: Token[]): void {
  const width = node.children[0]?.children.length ?? 0;
  node.children.forEach((row, r) => {
    const rowKey = `T${node.position?.start.offset ?? 0}:${r}`;
    row.children.forEach((cell, c) => {
      const first = cell.children[0];
      const lastChild = cell.children[cell.children.length - 1];
      const start = first?.position?.start.offset ?? insideEmptyCell(source, cell.position?.start.offset ?? 0);
      const end = lastChild?.position?.end.offset ?? start;
      const before = out.length;
      scanFragment(source.slice(start, end), start, rowKey, true, out);
      // A row with as many cells as the header has: each cell's column is the header's.
      if (row.children.length === width) placeCell(out, before, width - 1 - c);
    });
  });
}

/** Gives the one token a cell made (none or several: no place) its column, counted from the right. */
function placeCell(out: Token[], before: number, fromRight: number | undefined): void {
  const only = out.length === before + 1 ? out[before] : undefined;
  if (only && fromRight !== undefined) only.fromRight = fromRight;
}

/**
 * Where an empty GFM cell's content would go: mdast's cell starts at its leading pipe, so an
 * empty cell's place is after that pipe (and after one space, as `| 0 |` is written), never before
 * it (which is the end of the previous cell).
 */
function insideEmptyCell(source: string, cellStart: number): number {
  let at = cellStart;
  if (source[at] === '|') at++;
  if ((source[at] === ' ' || source[at] === '\t') && at + 1 < source.length && source[at + 1] !== '\n') at++;
  return at;
}

/** A `<td …>`/`<th …>` start tag (quoted attribute values may hold `>`). */
const CELL_START_TAG = /<t[dh](?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>/iy;

/** The offset right after the start tag of the cell at `cellStart` in `html`, or `cellStart` if there is none. */
function afterStartTag(html: string, cellStart: number): number {
  CELL_START_TAG.lastIndex = cellStart;
  const m = CELL_START_TAG.exec(html);
  return m ? cellStart + m[0].length : cellStart;
}

/** Tokens of an HTML block that holds a table: one fragment per <td>/<th>. */
function scanHtml(html: string, base: number, out: Token[]): void {
  // HTML nested deeper than any real table (thousands of <div>s) would overflow the stack: such a
  // block gives no cells (its tables are then reported missing, never guessed).
  const parsed = optionalParsers().parseHtmlLimited(html, { fragment: true });
  if ('tooDeep' in parsed) return;
  const tree = parsed.tree;
  let rowIndex = 0;
  const places = new Map<Element, number>();
  const visit = (nodes: ElementContent[] | Element['children']): void => {
    for (const child of nodes) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'table') gridPlaces(child, places);
      if (child.tagName === 'tr') {
        const rowKey = `H${base}:${rowIndex++}`;
        for (const cell of child.children) {
          if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
          const texts = textNodes(cell);
          // An empty cell's place is inside it, after its start tag (not before `<td>`, which is
          // between two cells: a 0 written there belongs to no cell).
          const cellStart = afterStartTag(html, cell.position?.start.offset ?? 0) + base;
          const firstText = texts[0];
          const start = firstText?.position?.start.offset !== undefined ? firstText.position.start.offset + base : cellStart;
          const content = texts.map((t) => t.value).join(' ');
          // Entities make the decoded text shorter than its source; the start is exact.
          const before = out.length;
          scanFragment(content, start, rowKey, true, out);
          placeCell(out, before, places.get(cell));
        }
      } else {
        visit(child.children);
      }
    }
  };
  visit(tree.children as ElementContent[]);
}

/** The rows of a table, not those of tables nested in it. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (nodes: Element['children']): void => {
    for (const n of nodes) {
      if (n.type !== 'element' || n.tagName === 'table') continue;
      if (n.tagName === 'tr') rows.push(n);
      else walk(n.children);
    }
  };
  walk(table.children);
  return rows;
}

/**
 * The column of each one-column cell of a table, counted from the right, when the table's grid is
 * regular: every row, with the cells that reach down into it from above, spans the same number of
 * columns. A table whose rows disagree (a lost cell, a stray one) gives no places.
 */
function gridPlaces(table: Element, places: Map<Element, number>): void {
  const rows = rowsOf(table);
  // taken[r] holds the columns of row r that cells from rows above (rowspan) occupy.
  const taken: Array<Set<number>> = rows.map(() => new Set<number>());
  const placed: Array<[Element, number]> = [];
  let width = -1;
  for (const [r, row] of rows.entries()) {
    let col = 0;
    const occupied = taken[r] as Set<number>;
    for (const cell of row.children) {
      if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
      while (occupied.has(col)) col++;
      const cs = cellSpan(cell, 'colSpan');
      const rs = cellSpan(cell, 'rowSpan');
      for (let k = 1; k < rs && r + k < rows.length; k++) for (let c = col; c < col + cs; c++) taken[r + k]?.add(c);
      if (cs === 1) placed.push([cell, col]);
      col += cs;
    }
    while (occupied.has(col)) col++;
    // A hole (a column taken from above right of a gap) or another width: not regular.
    if ([...occupied].some((c) => c >= col) || (width !== -1 && col !== width)) return;
    width = col;
  }
  for (const [cell, col] of placed) places.set(cell, width - 1 - col);
}

type HastText = Extract<ElementContent, { type: 'text' }>;

function textNodes(element: Element): HastText[] {
  const found: HastText[] = [];
  const walk = (nodes: ElementContent[]): void => {
    for (const n of nodes) {
      if (n.type === 'text') {
        if (n.value.trim() !== '') found.push(n);
      } else if (n.type === 'element') {
        if (n.tagName === 'br') continue;
        walk(n.children);
      }
    }
  };
  walk(element.children);
  return found;
}

/** A footnote's line: its mark (a number, one space) and a sentence in one piece. */
const FOOTNOTE = /^\d{1,2} ?[^\d\s](?:(?!\s{2}).)*[。.]$/;

/**
 * The running headers and footers of pdftotext text (pages apart by form feeds): a line that is the
 * first or the last of two pages or more (the agency's name over each page), one piece of text, not
 * made of a table's header words (a table's header repeated at the top of each page is the table's);
 * and the footnotes at a page's foot. Such a line between a table's rows is no text of the table.
 */
export function runningLines(source: string): ReadonlySet<string> | undefined {
  if (!source.includes('\f')) return undefined;
  const counts = new Map<string, number>();
  const notes: string[] = [];
  for (const page of source.split('\f')) {
    const lines = page
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    for (const l of new Set([lines[0], lines[lines.length - 1]])) if (l !== undefined) counts.set(l, (counts.get(l) ?? 0) + 1);
    // Footnotes at the page's foot (under its page number, if any): a mark, then a sentence.
    let k = lines.length - 1;
    if (/^[-—–－―]?\s*\d{1,3}\s*[-—–－―]?$/.test(lines[k] ?? '')) k--;
    while (k > 0 && FOOTNOTE.test(lines[k] ?? '')) notes.push(lines[k--] ?? '');
  }
  const running = [...counts].filter(([l, n]) => n >= 2 && !/\s{2}|\d/.test(l) && !isHeaderWords(l)).map(([l]) => l);
  running.push(...notes);
  return running.length > 0 ? new Set(running) : undefined;
}

/**
 * Linearises the document. With `from`, the top-level nodes that end before that offset are left
 * out, except the last one before it that has tokens: the table search starts at the token that
 * holds `from` (the part 二 heading), so the tokens before that one are never read, and skipping
 * them saves the scan of the overview's prose (most of a report). Token order, offsets and row
 * keys are those of the full sequence.
 */
export function tokenize(source: string, tree: Root, from = 0): Token[] {
  const out: Token[] = [];
  const running = runningLines(source);
  const scanLines = (start: number, end: number): void => {
    let lineStart = start;
    while (lineStart < end) {
      let lineEnd = source.indexOf('\n', lineStart);
      if (lineEnd === -1 || lineEnd > end) lineEnd = end;
      const trimmedEnd = lineEnd > lineStart && source[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
      scanLine(source, lineStart, trimmedEnd, out, running);
      lineStart = lineEnd + 1;
    }
  };
  const visit = (node: RootContent): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    // Front matter (title, date, …) is no table content.
    if ((node.type as string) === 'yaml' || (node.type as string) === 'toml') return;
    if (node.type === 'table') scanTable(node, source, out);
    else if (node.type === 'html' && /<t[dhr][\s>]/i.test(node.value)) scanHtml(source.slice(start, end), start, out);
    else scanLines(start, end);
  };
  const children = tree.children;
  let first = 0;
  if (from > 0) {
    while (first < children.length && (children[first]?.position?.end.offset ?? Infinity) <= from) first++;
    // Back to the nearest earlier node with tokens (the one that holds the token before `from`).
    for (let k = first - 1; k >= 0; k--) {
      const before = out.length;
      visit(children[k] as RootContent);
      if (out.length > before) break;
    }
  }
  for (let k = first; k < children.length; k++) visit(children[k] as RootContent);
  return joinWrappedNumbers(source, out);
}
