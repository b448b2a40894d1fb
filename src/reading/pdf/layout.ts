/**
 * A PDF's pages (extract.ts) as the HTML the reader already reads (html-input.ts): prose in reading
 * order, page headers, footers and page numbers dropped, paragraphs rejoined across lines and
 * pages, part headings as headings; each table rebuilt from its ruling lines (grid.ts) and a table
 * continued on the next page joined to its start (a repeated header dropped), as one `<table>`
 * with rowspan and colspan (emit.ts).
 *
 * Each HTML line that holds content has a `PdfPlace`: its page and rectangle, and for a table cell
 * the table's name (the part it is in) and the row's and column's labels, so that a finding can say
 * where it is as a person looks for it.
 */
import { T2_2019, T2_2021, T3_2021, T4_COLUMNS } from '../../model/templates.ts';
import { norm } from '../text.ts';
import type { PdfPage, PdfText } from './extract.ts';
import { emitTable } from './emit.ts';
import { isContinuedCaption, joinColumns } from './join.ts';
import { buildTable, dropRepeatedHeader, fragments, rowBounds, T2_LABELS, type Band, type Fragment } from './grid.ts';
import { readingOrder, type OrderedLine } from './columns.ts';
import { SPACED_DIGITS, TOL, WIDE_GAP, escape, join, lineText, textLines, tidy } from './text.ts';

export { splitAtColumns } from './grid.ts';

export interface PdfPlace {
  page: number;
  /** x0, y0, x1, y1 in points from the page's top left. */
  rect: [number, number, number, number];
  /** The part's numeral the table is in (表三), when known. */
  table?: string;
  /** The row's and the column's labels, for a table cell. */
  row?: string;
  column?: string;
  /**
   * A row of a table drawn without vertical lines, read as one line of text: its values' columns,
   * left to right (from the alignment of the values under the header's words). index.ts turns them
   * into `cells`.
   */
  columns?: string[];
  /** The columns' labels by where each value stands in the text line (1-based character columns, `to` exclusive). */
  cells?: { from: number; to: number; column: string }[];
}

export interface PdfHtml {
  html: string;
  /** `places[i]` is where line i + 1 of `html` shows on the pages. */
  places: (PdfPlace | null)[];
}

interface TextLine {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  size: number;
  bold: boolean;
  runs: PdfText[];
  /** A label's first line whose row of values (no label of its own) follows within a line: a table's, not a heading. */
  wrapsValues?: boolean;
  /** For a row of a table drawn without vertical lines: its values' column labels (textColumns). */
  columns?: string[];
  /** For a line of prose set in columns: its column's left edge, and its right edge unless it is the last column (columns.ts). */
  colLeft?: number;
  colRight?: number;
  /**
   * For a row of a table drawn without vertical lines that leaves a column empty: its label and one
   * cell per value column, left to right (undefined: blank), and the columns' header words
   * (headerColumns). Rendered as a table row, so that the blank is a blank cell.
   */
  grid?: { label: PdfText[]; cells: (PdfText | undefined)[]; names: string[] };
}

type Block = { kind: 'text'; page: number; line: TextLine } | { kind: 'table'; page: number; frag: Fragment; texts: PdfText[] };

const PAGE_NUMBER =
  /^[-—–－‒―_~～·•\s]*(第\s*)?\d{1,4}(\s*页)?(\s*([/／]|共)\s*\d{1,4})?(\s*(页|頁))?[-—–－‒―_~～·•\s]*$|^(page|p\.)\s*\d+(\s*(of|\/)\s*\d+)?$/i;

/** The template tables' header words (NFKC), which a running header never is. */
const HEADER_WORDS = [
  ...T2_2021.vocabulary,
  ...T2_2019.vocabulary,
  ...T3_2021.vocabulary,
  ...T4_COLUMNS,
  '行政复议',
  '行政诉讼',
  '未经复议直接起诉',
  '复议后起诉',
];

/**
 * Whether a line is made of table header words: each of its pieces (apart by spaces) a run of
 * pieces of the template's header words, two characters or more each (a word wrapped in a narrow
 * cell shows a part of it: 社会公益 / 组织). A table's header repeated at the top of each page is
 * the table's, not a running page header.
 */
export function isHeaderWords(text: string): boolean {
  const pieces = text
    .normalize('NFKC')
    .split(/\s+/)
    .filter((p) => p !== '');
  if (pieces.length === 0 || text.length > 80) return false;
  const covered = (piece: string): boolean => {
    // can[i]: piece.slice(0, i) is a run of header word parts.
    const can = [true, ...[...piece].map(() => false)];
    for (let i = 0; i < piece.length; i++) {
      if (!can[i]) continue;
      for (let j = i + 2; j <= piece.length; j++) if (!can[j] && HEADER_WORDS.some((w) => w.includes(piece.slice(i, j)))) can[j] = true;
    }
    return can[piece.length] === true;
  };
  return pieces.every(covered);
}

/** How many pages have each line of text in their top or bottom tenth. */
function marginCounts(pages: PdfPage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set<string>();
    for (const line of textLines(page.texts)) {
      const y = (line[0] as PdfText).y0;
      if (y > page.height * 0.1 && y < page.height * 0.9) continue;
      const text = lineText(line);
      if (!seen.has(text)) counts.set(text, (counts.get(text) ?? 0) + 1);
      seen.add(text);
    }
  }
  return counts;
}

/** Whether a run stands in a table's fragment (its centre inside, give or take TOL). */
function inTable(t: PdfText, f: Fragment): boolean {
  const cx = (t.x0 + t.x1) / 2;
  const cy = (t.y0 + t.y1) / 2;
  return cx >= f.x0 - TOL && cx <= f.x1 + TOL && cy >= f.y0 - TOL && cy <= f.y1 + TOL;
}

/** A page's blocks top to bottom: its tables and its lines of text, headers and footers dropped. */
function pageBlocks(page: PdfPage, repeatedInMargin: (text: string, size: number) => boolean, next: PdfPage | undefined): Block[] {
  const frags = fragments(page, (frame) => firstRowCutOff(page, frame, next));
  const free: PdfText[] = [];
  const tableTexts = frags.map(() => [] as PdfText[]);
  for (const t of page.texts) {
    const k = frags.findIndex((f) => inTable(t, f));
    if (k >= 0) (tableTexts[k] as PdfText[]).push(t);
    else free.push(t);
  }
  const items: { y: number; block: Block }[] = frags.map((frag, k) => ({
    y: frag.y0,
    block: { kind: 'table', page: page.number, frag, texts: tableTexts[k] as PdfText[] },
  }));
  // The lines between two tables (or a table and the page's edge) in reading order: prose set in
  // columns side by side read column by column (columns.ts).
  const lines = textLines(free);
  const ordered: (OrderedLine & { y: number })[] = [];
  const separates = (a: PdfText[], b: PdfText[]): boolean => {
    const from = Math.min(...a.map((t) => t.y0));
    const to = Math.max(...b.map((t) => t.y1));
    return frags.some((f) => f.y1 > from && f.y0 < to);
  };
  for (let i = 0; i < lines.length;) {
    let j = i + 1;
    while (j < lines.length && !separates(lines[j - 1] as PdfText[], lines[j] as PdfText[])) j++;
    // Lines read by columns keep their order: placed among the tables by where the columns start.
    readingOrder(lines.slice(i, j)).forEach((o, k) => ordered.push({ ...o, y: o.top === undefined ? Math.min(...o.runs.map((t) => t.y0)) : o.top + k * 1e-6 }));
    i = j;
  }
  for (const { runs: line, y, left, right } of ordered) {
    const text = lineText(line);
    const y0 = Math.min(...line.map((t) => t.y0));
    const size = Math.max(...line.map((t) => t.size));
    const inMargin = y0 < page.height * 0.1 || y0 > page.height * 0.9;
    if (inMargin && (PAGE_NUMBER.test(text) || (repeatedInMargin(text, size) && !isHeaderWords(text)))) continue;
    if (PAGE_NUMBER.test(text) && y0 > page.height * 0.8) continue;
    const entry = {
      text,
      x0: (line[0] as PdfText).x0,
      x1: Math.max(...line.map((t) => t.x1)),
      y0,
      y1: Math.max(...line.map((t) => t.y1)),
      size,
      bold: line.every((t) => t.bold),
      runs: line,
      ...(left === undefined ? {} : { colLeft: left }),
      ...(right === undefined ? {} : { colRight: right }),
    };
    items.push({ y, block: { kind: 'text', page: page.number, line: entry } });
  }
  return items.sort((a, b) => a.y - b.y).map((i) => i.block);
}

/**
 * A frame with nothing inside at the foot of a page (below its upper three fifths) is a table's
 * first row cut off by the page break, not a text box, when what it holds is table header words
 * (a merged row such as 第二十条第（一）项) and the next page starts with a table as wide, at the same
 * place: the row is read with its table (a footnote under it is read after the table).
 */
function firstRowCutOff(page: PdfPage, frame: Fragment, next: PdfPage | undefined): boolean {
  if (!next || frame.y0 < page.height * 0.6) return false;
  // What it holds, as the page's blocks assign runs to it.
  const text = page.texts
    .filter((t) => inTable(t, frame))
    .map((t) => t.str)
    .join('');
  if (text.trim() === '' || !isHeaderWords(text)) return false;
  const top = fragments(next)
    .filter((f) => f.y0 < next.height * 0.3)
    .sort((a, b) => a.y0 - b.y0)[0];
  return top !== undefined && Math.abs(top.x0 - frame.x0) <= 4 * TOL && Math.abs(top.x1 - frame.x1) <= 4 * TOL;
}

/** Lays the pages out as the HTML the reader reads. */
export function pdfToHtml(pages: PdfPage[]): PdfHtml {
  const margins = marginCounts(pages);
  const blocks: Block[] = [];
  for (const [k, page] of pages.entries()) {
    const sizes = page.texts.map((t) => t.size).sort((x, y) => x - y);
    const pageSize = sizes[Math.floor(sizes.length / 2)] ?? 0;
    // A running header or footer: the same line in the margin of several pages (not a title in
    // large type that a later page repeats small).
    const repeated = (text: string, size: number): boolean => pages.length > 1 && (margins.get(text) ?? 0) >= 2 && size <= pageSize * 1.15;
    blocks.push(...pageBlocks(page, repeated, pages[k + 1]));
  }
  blocks.forEach((block, k) => {
    const next = blocks[k + 1];
    if (block.kind !== 'text' || next?.kind !== 'text' || next.page !== block.page) return;
    const values = /^\d[\d,.]*(\s{2,}\d[\d,.]*)+$/.test(next.line.text);
    if (values && next.line.y0 - block.line.y1 < block.line.size * 1.2 && next.line.x0 > block.line.x1) block.line.wrapsValues = true;
  });
  // A line that may be a part heading: 三、… alone, in the body's type, not a row's label wrapped around its values.
  const bodySize = bodyMetrics(blocks).size;
  const mayBeHeading = (line: TextLine): boolean =>
    /^[一二三四五六七八九十]{1,3}、\S{2,30}$/.test(line.text) && line.size >= bodySize - 1 && line.wrapsValues !== true;
  joinSpacedNumbers(blocks);
  const joined = joinCentredLabels(joinWrappedNumbers(blocks));
  textColumns(joined, mayBeHeading);
  bareSubTables(joined, mayBeHeading);
  return render(dropRepeatedTextHeaders(joined, mayBeHeading), pages);
}

/** A text block that is a footer of `page` (its lowest tenth) or a header of the next (its highest tenth). */
function isMarginText(block: Block, page: number, pages: PdfPage[]): boolean {
  if (block.kind !== 'text') return false;
  const height = pages[block.page - 1]?.height ?? 0;
  if (block.page === page) return block.line.y0 > height * 0.9;
  if (block.page === page + 1) return block.line.y1 < height * 0.1;
  return false;
}

/**
 * A footnote of `page` under a table: a text block below the footnote separator Word and
 * LibreOffice draw at the foot of a page (a short rule from the left, under the table).
 */
function isFootnote(block: Block, page: number, tableBottom: number, pages: PdfPage[]): boolean {
  const p = pages[page - 1];
  if (block.kind !== 'text' || block.page !== page || !p) return false;
  const y0 = block.line.y0;
  return p.lines.some((l) => l.y0 === l.y1 && l.y0 > tableBottom && l.y0 < y0 && l.x1 - l.x0 < p.width / 3 && l.x0 <= block.line.x0 + TOL);
}

/** The table that starts at blocks[index]: its bands on this page and the next ones, the index after it, and the footnotes it went past (read after it). */
function tableBands(blocks: Block[], index: number, pages: PdfPage[]): { bands: Band[]; next: number; notes: Block[] } {
  const block = blocks[index] as Extract<Block, { kind: 'table' }>;
  const bands: Band[] = [{ page: block.page, ys: rowBounds(block.frag), frag: block.frag, texts: block.texts }];
  let next = index + 1;
  const notes: Block[] = [];
  for (;;) {
    const prev = bands[bands.length - 1] as Band;
    const prevPage = pages[prev.page - 1];
    // Between the table and its continuation, only a footer (below the table, low on its page),
    // footnotes and a header (high on the next page) may stand: skipped with the table joined.
    let skip = next;
    const passed: Block[] = [];
    for (;;) {
      const b = blocks[skip] as Block | undefined;
      if (!b || b.kind !== 'text') break;
      if (isFootnote(b, prev.page, prev.frag.y1, pages)) passed.push(b);
      else if (!isMarginText(b, prev.page, pages)) break;
      skip++;
    }
    const cand = blocks[skip];
    if (!cand || cand.kind !== 'table' || cand.page !== prev.page + 1 || !prevPage) break;
    // The continuation starts a page and lines up with the table's left and right edges.
    // (A column whose merged cell goes on from the page before may have no outer line there.)
    const x0 = Math.min(...bands.map((b) => b.frag.x0));
    const x1 = Math.max(...bands.map((b) => b.frag.x1));
    const leftEdge = Math.abs(cand.frag.x0 - x0) <= 4 * TOL;
    const rightEdge = Math.abs(cand.frag.x1 - x1) <= 4 * TOL;
    const inside = cand.frag.x0 >= x0 - 4 * TOL && cand.frag.x1 <= x1 + 4 * TOL;
    if (!(leftEdge && rightEdge) && !((leftEdge || rightEdge) && inside)) break;
    if (prev.frag.y1 < prevPage.height * 0.6) break;
    bands.push(dropRepeatedHeader(bands[0] as Band, { page: cand.page, ys: rowBounds(cand.frag), frag: cand.frag, texts: cand.texts }));
    notes.push(...passed);
    next = skip + 1;
  }
  return { bands, next, notes };
}

/** The body text's size and its left and right edges: the most common among text lines (a few outliers aside). */
function bodyMetrics(blocks: Block[]): { size: number; left: number; right: number } {
  const lines = blocks.flatMap((b) => (b.kind === 'text' ? [b.line] : []));
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(Math.round(l.size), (counts.get(Math.round(l.size)) ?? 0) + 1);
  const size = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const body = lines.filter((l) => Math.abs(l.size - size) < 1);
  const percentile = (values: number[], q: number): number => {
    const sorted = [...values].sort((x, y) => x - y);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  };
  return {
    size,
    left: percentile(
      body.map((l) => l.x0),
      0.05,
    ),
    right: percentile(
      body.map((l) => l.x1),
      0.9,
    ),
  };
}

interface Para {
  text: string;
  place: PdfPlace;
  level: number;
}

/** Prose: lines rejoined into paragraphs, the title and part headings recognised. */
class Prose {
  part: string | undefined;
  private para: Para | undefined;
  private prev: { x0: number; x1: number; y1: number; size: number; page: number; row: boolean; right: number; text: string } | undefined;
  private titleDone = false;

  constructor(
    private readonly body: { size: number; left: number; right: number },
    private readonly emit: (line: string, place: PdfPlace | null) => void,
  ) {}

  flush(): void {
    if (this.para) {
      const tag = this.para.level > 0 ? `h${this.para.level}` : 'p';
      this.emit(`<${tag}>${escape(this.para.text)}</${tag}>`, this.para.place);
    }
    this.para = undefined;
  }

  /** Before a table: the paragraph ends, and the next line starts a new one. */
  break(): void {
    this.flush();
    this.prev = undefined;
  }

  add(line: TextLine, page: number): void {
    const { para, prev, body } = this;
    const text = line.text;
    // A row of a table drawn without lines (its cells apart by column gaps): in the part's table, its label as the row.
    const cells = text.split(/\s{2,}/);
    const row = cells.length > 1;
    const labelCell = cells.filter((c) => !/^[\d.,\s%-]*$/.test(c)).pop();
    const label = row && labelCell ? { row: labelCell } : {};
    const columns = row && this.part && line.columns ? { columns: line.columns } : {};
    const place: PdfPlace = { page, rect: [line.x0, line.y0, line.x1, line.y1], ...(row && this.part ? { table: this.part, ...label, ...columns } : {}) };
    this.prev = { x0: line.x0, x1: line.x1, y1: line.y1, size: line.size, page, row, right: line.colRight ?? body.right, text };
    if (!this.titleDone && line.size > body.size * 1.2) {
      // The title: large lines at the top, one heading however many lines it takes.
      if (para?.level === 1 && prev && prev.page === page && line.y0 - prev.y1 < line.size * 1.2) para.text = join(para.text, text);
      else {
        this.flush();
        this.para = { text, place, level: 1 };
      }
      return;
    }
    this.titleDone = this.titleDone || para?.level === 1 || text.length > 0;
    const heading = /^([一二三四五六七八九十]{1,3})[、.．]\s*\S/.exec(text);
    // A column's lines are measured against the column's edges (columns.ts), others against the body's.
    const indented = line.x0 > (line.colLeft ?? body.left) + line.size * 1.2;
    const gap = prev && prev.page === page ? line.y0 - prev.y1 : 0;
    // A line that ends short mid-sentence, a column's width long, followed at the left edge by a line
    // that ends no further right: a column with nothing beside it (a short paragraph set in columns
    // all in the first), not a paragraph's end. A subheading (an enumerator, no comma) ends there.
    const lone =
      prev !== undefined &&
      prev.page === page &&
      prev.x1 - prev.x0 >= 15 * prev.size &&
      line.x1 <= prev.x1 + 0.5 * prev.size &&
      !/[。；！？：.!?:;][”’」』）)]*$/.test(prev.text) &&
      !(/^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]/.test(prev.text) && !/[，,。；]/.test(prev.text));
    const prevEndedShort = prev ? prev.x1 < prev.right - prev.size * 1.5 && !lone : true;
    const sizeChanged = prev ? Math.abs(line.size - prev.size) > 1 : false;
    // A row of a table drawn without lines is never joined to another line.
    if (!para || para.level > 0 || heading !== null || indented || prevEndedShort || sizeChanged || row || prev?.row || gap > line.size * 1.2) {
      this.flush();
      // A part heading, not a row of a table drawn without lines (its label followed by numbers).
      // Nor a row's label in a table's smaller type, wrapped around its values (一、本年新收政府 / 信息公开申请数量).
      const isHeading =
        heading !== null && text.length <= 40 && !/[。；]$/.test(text) && !/\s{2}\d/.test(text) && line.size >= body.size - 1 && !line.wrapsValues;
      if (isHeading) this.part = heading?.[1];
      this.para = { text, place, level: isHeading ? 2 : 0 };
      return;
    }
    para.text = join(para.text, text);
    const r = para.place.rect;
    // The paragraph's box on its first page (a paragraph going on in the next column goes up again).
    if (para.place.page === page) para.place.rect = [Math.min(r[0], line.x0), Math.min(r[1], line.y0), Math.max(r[2], line.x1), Math.max(r[3], line.y1)];
  }
}

/** A line of a table drawn without vertical lines that holds values: cells apart by wide gaps, digits among them. */
const isValueRow = (text: string): boolean => /\S\s{2,}\S/.test(text) && /\d/.test(text);

/**
 * A table drawn without vertical lines is read as text: when its header is repeated at the top of
 * the next page, the repeated lines go (as a ruled table's repeated header rows do). Its header:
 * the lines without digits between the part's heading and its first row of values.
 */
function dropRepeatedTextHeaders(blocks: Block[], mayBeHeading: (line: TextLine) => boolean): Block[] {
  const out: Block[] = [];
  let since: string[] = [];
  let header: Set<string> | null = null;
  let page = 0;
  let atTop = false;
  for (const block of blocks) {
    if (block.kind === 'table') {
      [since, header, atTop] = [[], null, false];
      out.push(block);
      continue;
    }
    const text = block.line.text;
    if (block.page !== page) atTop = header !== null;
    page = block.page;
    if (mayBeHeading(block.line) && !isValueRow(text)) [since, header, atTop] = [[], null, false];
    else if (isValueRow(text)) {
      header ??= new Set(since);
      atTop = false;
    } else if (atTop && header?.has(text)) continue;
    else if (!/\d/.test(text)) since.push(text);
    out.push(block);
  }
  return out;
}

const NUMBER_RUN = /^\d[\d,]*(\.\d+)?$/;

/** A line's cells: its runs parted at wide gaps (as lineText parts them), left to right. */
function lineCells(line: TextLine): PdfText[][] {
  const cells: PdfText[][] = [];
  let prev: PdfText | undefined;
  for (const t of line.runs) {
    if (!prev || t.x0 - prev.x1 > WIDE_GAP * t.size) cells.push([]);
    (cells[cells.length - 1] as PdfText[]).push(t);
    prev = t;
  }
  return cells;
}

/** The start of a table row's label: its enumerator (1. （三） 二、). */
const ROW_START = /^([（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])/;

const cellText = (cell: PdfText[]): string => cell.map((t) => t.str.trim()).join('');

/** A line's values: its cells from the first number on, when they are all numbers (at least two), else none. */
function valueCells(line: TextLine): PdfText[][] {
  const cells = lineCells(line);
  const first = cells.findIndex((c) => NUMBER_RUN.test(cellText(c)));
  if (first < 0 || cells.length - first < 2 || !cells.slice(first).every((c) => NUMBER_RUN.test(cellText(c)))) return [];
  return cells.slice(first);
}

/**
 * A cell less the characters of a group label written vertically that stand at its start, closer
 * than a column gap (“提  3.补正后…”, “四  府信息”): a lone character half an em or more before the rest.
 */
function withoutAside(cell: PdfText[]): PdfText[] {
  let k = 0;
  while (k + 1 < cell.length) {
    const t = cell[k] as PdfText;
    const next = cell[k + 1] as PdfText;
    if ([...t.str.trim()].length !== 1 || next.x0 - t.x1 < t.size / 2) break;
    k++;
  }
  return cell.slice(k);
}

/** The left edge of the nearest of `found`'s answers to index k (up or down, up first). */
function nearest(k: number, found: (j: number) => PdfText[] | undefined): number | undefined {
  for (let d = 1; d < 40; d++)
    for (const j of [k - d, k + d]) {
      const runs = found(j);
      if (runs) return Math.min(...runs.map((t) => t.x0));
    }
  return undefined;
}

/** Letter spacing measured on a page, for a font size: a digit's width and the gap between two digits. */
interface Spacing {
  size: number;
  digit: number;
  gap: number;
}

/**
 * Letter-spaced numbers (Word's 字符间距 加宽: “2 1 7” for 217) in the rows of tables drawn without
 * rules, read by the lines' geometry: a cell (its runs closer than a column gap) made only of
 * single digits — runs such as “2 1 7” where pdf.js put a space between each two, or digits each a
 * run — is one number when the spacing between every two digits is the same and at most half the
 * narrowest gap between the row's cells (letter spacing spreads every character alike; a column
 * gap is wider). The digit's own width is that of the row's single-digit values.
 *
 * A row with no single digit (“行政许可  5 1 7 6 4 5”: one run, its gaps unseen) is measured by its
 * page instead: where the rows with single digits show one letter spacing in one type size (a
 * digit's width and the gap between digits, the same in every number they join), a run whose
 * width is exactly its digits at that width and that gap between each two is one number: a gap
 * between two cells inside it would widen it (runs part at most 0.6 em apart, so such a gap is
 * narrower than a cell gap, never as narrow as letter spacing), when its line starts with the
 * row's label (a line of digits alone, or beside a vertical group label's character, may hold the
 * pieces of numbers wrapped in narrow cells over the lines about their row). Anything else stays as it is (the table reader then makes it one
 * finding).
 */
function joinSpacedNumbers(blocks: Block[]): void {
  const byPage = new Map<number, TextLine[]>();
  for (const block of blocks) if (block.kind === 'text') byPage.set(block.page, [...(byPage.get(block.page) ?? []), block.line]);
  for (const lines of byPage.values()) {
    const measured: Spacing[] = [];
    for (const line of lines) joinSpacedLine(line, undefined, measured);
    // One spacing for a size: every number joined by its own row's digits agrees.
    const sizes = [...new Set(measured.map((m) => m.size))];
    const page = sizes.flatMap((size): Spacing[] => {
      const ms = measured.filter((m) => m.size === size);
      const gaps = ms.map((m) => m.gap);
      const digits = ms.map((m) => m.digit);
      if (Math.max(...gaps) - Math.min(...gaps) > 0.1 * size || Math.max(...digits) - Math.min(...digits) > 0.05 * size) return [];
      return [{ size, digit: Math.min(...digits), gap: gaps.reduce((a, b) => a + b, 0) / gaps.length }];
    });
    if (page.length > 0) for (const line of lines) joinSpacedLine(line, page, []);
  }
}

/**
 * One line's letter-spaced numbers (joinSpacedNumbers): by its own single digits, recording the
 * spacing of what it joins in `measured`; or, with `page` and no single digit of its own, by the
 * page's spacing in its size.
 */
function joinSpacedLine(line: TextLine, page: Spacing[] | undefined, measured: Spacing[]): void {
  const cells = lineCells(line);
  if (cells.length < 2) return;
  const digitRun = (t: PdfText): boolean => SPACED_DIGITS.test(t.str.trim());
  const widths = line.runs.filter((t) => /^\d$/.test(t.str.trim())).map((t) => t.x1 - t.x0);
  const size = line.size;
  const known = page?.find((m) => Math.abs(m.size - size) <= 0.02 * size);
  if (page ? widths.length > 0 || !known : widths.length === 0) return;
  // By the page's spacing, only a row's values after its label (two characters or more): a line
  // of digits alone, or beside one character of a group label written vertically, may hold the
  // pieces of numbers a narrow cell wrapped over the lines about their row, not whole numbers.
  if (known && (cellText(cells[0] ?? []).match(/[^\d\s]/g) ?? []).length < 2) return;
  const digit = known ? known.digit : Math.min(...widths);
  const cellGaps = cells.slice(1).map((c, k) => Math.min(...c.map((t) => t.x0)) - Math.max(...(cells[k] as PdfText[]).map((t) => t.x1)));
  const narrowest = Math.min(...cellGaps);
  let changed = false;
  const runs: PdfText[] = [];
  for (const cell of cells) {
    const digits = cell.map((t) => t.str.replace(/\s/g, '')).join('');
    const spaced = cell.length > 1 || /\s/.test(cell[0]?.str.trim() ?? '');
    if (!spaced || !cell.every(digitRun) || digits.length < 2 || digits.startsWith('0')) {
      runs.push(...cell);
      continue;
    }
    // The spacing between digits: inside a run (its width less its digits', shared by its gaps), and between runs.
    const inside = cell
      .filter((t) => t.str.trim().length > 1)
      .map((t) => {
        const n = t.str.replace(/\s/g, '').length;
        return (t.x1 - t.x0 - n * digit) / (n - 1);
      });
    const between = cell.slice(1).map((t, k) => t.x0 - (cell[k] as PdfText).x1);
    const gaps = [...inside, ...between];
    const alike = known ? gaps.every((g) => Math.abs(g - known.gap) <= 0.03 * size) : Math.max(...gaps) - Math.min(...gaps) <= 0.1 * size;
    if (!alike || Math.min(...gaps) <= 0 || Math.max(...gaps) > narrowest / 2) {
      runs.push(...cell);
      continue;
    }
    const first = cell[0] as PdfText;
    runs.push({ ...first, str: digits, x1: Math.max(...cell.map((t) => t.x1)) });
    if (!known) measured.push({ size, digit, gap: gaps.reduce((a, b) => a + b, 0) / gaps.length });
    changed = true;
  }
  if (!changed) return;
  line.runs = runs;
  line.text = lineText(runs);
}

/** The blocks with the text lines `moved` names given those runs instead (a line left with none goes). */
function withRuns(blocks: Block[], moved: ReadonlyMap<number, PdfText[]>): Block[] {
  if (moved.size === 0) return blocks;
  const out: Block[] = [];
  blocks.forEach((b, k) => {
    const runs = moved.get(k);
    if (b.kind !== 'text' || !runs) return void out.push(b);
    if (runs.length === 0) return;
    const line = { ...b.line, runs, text: lineText(runs), x0: Math.min(...runs.map((t) => t.x0)), x1: Math.max(...runs.map((t) => t.x1)) };
    out.push({ ...b, line });
  });
  return out;
}

/**
 * Numbers of a table drawn without rules that a narrow cell wrapped over two lines (letter-spaced
 * 3001 as “3 0 0” over “1”), which Word and LibreOffice centre on the row: the line just above the
 * row's line and the one just below are one line apart (closer than two lines), the row's line
 * exactly midway; each of their digit runs stands in a column the row's line leaves empty, the one
 * above over the one below (the second line no wider, centred under the first, a number not
 * starting with 0), each paired with exactly one; nothing else on them but what stands left of
 * every value (a group label's character written vertically). Each pair is one number on the row's
 * line, where it stands; anything else stays as it is (the table reader makes it one finding).
 */
function joinWrappedNumbers(blocks: Block[]): Block[] {
  const piece = (t: PdfText): boolean => SPACED_DIGITS.test(t.str.trim());
  const digits = (t: PdfText): string => t.str.replace(/\s/g, '');
  const moved = new Map<number, PdfText[]>();
  for (let k = 1; k + 1 < blocks.length; k++) {
    const [up, at, down] = [blocks[k - 1], blocks[k], blocks[k + 1]];
    if (up?.kind !== 'text' || at?.kind !== 'text' || down?.kind !== 'text' || up.page !== at.page || down.page !== at.page) continue;
    if (moved.has(k - 1) || moved.has(k)) continue;
    const [a, v, b] = [up.line, at.line, down.line];
    const size = v.size;
    const pitch = b.y0 - a.y0;
    if (pitch <= 0 || pitch > 1.6 * size || Math.abs(a.y0 + b.y0 - 2 * v.y0) > 0.1 * size) continue;
    const values = v.runs.filter((t) => NUMBER_RUN.test(digits(t)));
    if (values.length === 0) continue;
    const tops = a.runs.filter(piece);
    const bottoms = b.runs.filter(piece);
    if (tops.length === 0 || tops.length !== bottoms.length) continue;
    const valueLeft = Math.min(...values.map((t) => t.x0), ...tops.map((t) => t.x0));
    const rest = [...a.runs, ...b.runs].filter((t) => !piece(t));
    if (rest.some((t) => t.x1 > valueLeft)) continue;
    const overlaps = (p: PdfText, q: PdfText): boolean => p.x1 > q.x0 && p.x0 < q.x1;
    const pairs = tops.map((top) => ({ top, bottom: bottoms.filter((t) => overlaps(t, top)) }));
    const ok = pairs.every(({ top, bottom }) => {
      const under = bottom[0];
      if (bottom.length !== 1 || !under || bottoms.filter((t) => tops.filter((p) => overlaps(t, p)).length !== 1).length > 0) return false;
      const centred = Math.abs((top.x0 + top.x1) / 2 - (under.x0 + under.x1) / 2) <= size / 2;
      return (
        centred &&
        under.x1 - under.x0 <= top.x1 - top.x0 + 0.1 * size &&
        !digits(top).startsWith('0') &&
        !v.runs.some((t) => overlaps(t, top) || overlaps(t, under))
      );
    });
    if (!ok) continue;
    const joined = pairs.map(({ top, bottom }) => {
      const under = bottom[0] as PdfText;
      return { ...top, str: digits(top) + digits(under), x0: Math.min(top.x0, under.x0), x1: Math.max(top.x1, under.x1), y0: v.y0, y1: v.y1 };
    });
    moved.set(
      k - 1,
      a.runs.filter((t) => !piece(t)),
    );
    moved.set(
      k,
      [...v.runs, ...joined].sort((p, q) => p.x0 - q.x0),
    );
    moved.set(
      k + 1,
      b.runs.filter((t) => !piece(t)),
    );
    k++;
  }
  return withRuns(blocks, moved);
}

/**
 * Rows of a table drawn without rules whose label, wrapped over an even number of lines, Word
 * centres on the row's values (a cell's vertical centring): the values' line holds no label, half
 * the label's lines stand above it and half below, in the label column, their pieces beside those
 * of a group label written one character a line (三 / 、 / 本 …). Each such row gets its label
 * pieces back, in order, on its values' line; the pieces' lines keep what else they hold. Only
 * where the page gives one reading: the label column is where the rows' own labels start (the
 * nearest row with one above or below), the pieces are the lines next to the values with nothing
 * in the value columns, as many above as below, one line apart, the block's middle at the
 * values' middle.
 */
function joinCentredLabels(blocks: Block[]): Block[] {
  const lines = blocks.map((b) => (b.kind === 'text' ? b.line : undefined));
  const values = lines.map((l) => (l ? valueCells(l) : []));
  /**
   * Where a value line's own label starts: the last cell before its values, if any, and not one
   * character (that of a group label written vertically, one a line, which the values' line crosses:
   * the 无 of （四）无法提供 beside a label centred on its values).
   */
  const ownLabel = (k: number): PdfText[] | undefined => {
    const line = lines[k];
    const vs = values[k] ?? [];
    if (!line || vs.length === 0) return undefined;
    const cells = lineCells(line);
    const cell = withoutAside(cells[cells.length - vs.length - 1] ?? []);
    return [...cellText(cell).replace(/\s/g, '')].length >= 2 ? cell : undefined;
  };
  const used = new Set<number>();
  const moved = new Map<number, PdfText[]>();
  for (let k = 0; k < blocks.length; k++) {
    const line = lines[k];
    const vs = values[k] ?? [];
    if (!line || vs.length === 0) continue;
    const page = blocks[k]?.page;
    const valueLeft = Math.min(...vs.flat().map((t) => t.x0));
    // The label column's left edge: the own label of the nearest value line with one, on this page.
    const left = nearest(k, (j) => (blocks[j]?.page === page ? ownLabel(j) : undefined));
    if (left === undefined) continue;
    const own = ownLabel(k);
    if (own && Math.min(...own.map((t) => t.x0)) >= left - line.size / 2) continue;
    /** A piece of the label on line j: its last cell, in the label column, with nothing in the value columns. */
    const piece = (j: number): PdfText[] | undefined => {
      const other = lines[j];
      if (!other || used.has(j) || blocks[j]?.page !== page || (values[j] ?? []).length > 0) return undefined;
      const cells = lineCells(other);
      const last = withoutAside(cells[cells.length - 1] as PdfText[]);
      if (last.length === 0) return undefined;
      const x0 = Math.min(...last.map((t) => t.x0));
      const x1 = Math.max(...last.map((t) => t.x1));
      return Math.abs(x0 - left) <= other.size / 2 && x1 < valueLeft && !/\d/.test(cellText(last).replace(/^\d+[.．、]/, '')) ? last : undefined;
    };
    const above: number[] = [];
    const below: number[] = [];
    // A line all left of the label column (a group label written vertically, a character a line) stands between pieces.
    const aside = (j: number): boolean =>
      blocks[j]?.page === page && (values[j] ?? []).length === 0 && (lines[j]?.runs ?? []).every((t) => t.x1 < left) && lines[j] !== undefined;
    for (let j = k - 1; above.length < 4 && (aside(j) || piece(j)); j--) if (!aside(j)) above.push(j);
    for (let j = k + 1; below.length < 4 && (aside(j) || piece(j)); j++) if (!aside(j)) below.push(j);
    // How many lines each side: one when one side has only one; else the one count whose block starts
    // a row's label (its enumerator: 1. （三） 二、) and holds no other start.
    const most = Math.min(above.length, below.length);
    const starts = (j: number): boolean => ROW_START.test(cellText(piece(j) ?? []));
    const fits = Array.from({ length: most }, (_, i) => i + 1).filter((m) => {
      const lines = [...above.slice(0, m).reverse(), ...below.slice(0, m)];
      return lines.every((j, i) => starts(j) === (i === 0));
    });
    const n = most === 1 ? 1 : fits.length === 1 ? (fits[0] as number) : 0;
    if (n === 0) continue;
    const block = [...above.slice(0, n).reverse(), ...below.slice(0, n)].map((j) => lines[j] as TextLine);
    const pitch = (block[block.length - 1] as TextLine).y0 - (block[0] as TextLine).y0;
    const steps = block.slice(1).map((l, i) => l.y0 - (block[i] as TextLine).y0);
    const even = steps.every((step) => Math.abs(step - pitch / steps.length) <= line.size * 0.2);
    const middle = ((block[0] as TextLine).y0 + (block[block.length - 1] as TextLine).y1) / 2;
    if (!even || Math.abs(middle - (line.y0 + line.y1) / 2) > line.size * 0.25) continue;
    const pieces: PdfText[] = [];
    for (const j of [...above.slice(0, n).reverse(), ...below.slice(0, n)]) {
      const own = new Set(piece(j));
      pieces.push(...own);
      moved.set(
        j,
        (lines[j] as TextLine).runs.filter((t) => !own.has(t)),
      );
      used.add(j);
    }
    const before = line.runs.filter((t) => t.x1 <= left);
    const after = line.runs.filter((t) => t.x1 > left);
    moved.set(k, [...before, ...pieces.map((t) => ({ ...t, y0: line.y0, y1: line.y1 })), ...after]);
    used.add(k);
  }
  return withRuns(blocks, moved);
}

/** A line that starts one of 表二's sub-tables: its caption (第二十条第（五）项) or its header (信息内容 …). */
const isSubHeader = (line: TextLine): boolean => /^(信息内容|第二十条第\(.{1,2}\)项)/.test(norm(line.text));

/**
 * The columns of a table drawn without vertical lines (three-line tables, tables with no rules),
 * from the alignment of its text: each column the span its values share (a value right-aligned or
 * centred under its header overlaps the other values of its column, never those of the next),
 * labelled by the header's words centred over that column and over no other column's values (a
 * header over several columns, such as 申请人情况, names none), top to bottom. A table is the value rows between its
 * header (the lines without digits after a part heading) and the next heading or ruled table,
 * table 二's sub-tables each under their own header (isSubHeader). The rows get their values' labels only where this gives one answer: every value in a column, every
 * column labelled.
 */
function textColumns(blocks: Block[], mayBeHeading: (line: TextLine) => boolean): void {
  let rows: TextLine[] = [];
  // The rows under one header (named by labelColumns, placed by headerColumns): 表二's sub-table
  // caption or header among the rows (第二十条第（五）项, 信息内容  本年处理决定数量) heads the rows
  // after it. And the lines among them that are no row (a label's pieces, a group label's characters).
  let segment: { header: TextLine[]; rows: TextLine[]; among: TextLine[] } = { header: [], rows: [], among: [] };
  let pending: TextLine[] = [];
  const finish = (): void => {
    // The lines right under the last row count among them (the rest of a number wrapped in its cell).
    let last = segment.rows[segment.rows.length - 1];
    for (const line of pending) {
      if (!last || line.y0 - last.y1 >= last.size || line.y0 < last.y0) break;
      segment.among.push(line);
      last = line;
    }
    if (segment.rows.length > 0) {
      labelColumns(segment.header, segment.rows);
      headerColumns(segment.header, segment.rows, segment.among);
    }
    [rows, pending] = [[], []];
    segment = { header: [], rows: [], among: [] };
  };
  for (const block of blocks) {
    if (block.kind === 'table') {
      finish();
      continue;
    }
    const line = block.line;
    if (mayBeHeading(line) && !isValueRow(line.text)) finish();
    else if (isValueRow(line.text)) {
      const sub = pending.findIndex(isSubHeader);
      if (segment.rows.length > 0 && sub >= 0) {
        // The lines before the sub-table's caption or header are still the table's before it.
        labelColumns(segment.header, segment.rows);
        headerColumns(segment.header, segment.rows, [...segment.among, ...pending.slice(0, sub)]);
        segment = { header: pending.slice(sub).filter((l) => !/\d/.test(l.text)), rows: [], among: [] };
      } else segment.among.push(...pending);
      pending = [];
      rows.push(line);
      segment.rows.push(line);
    } else if (rows.length === 0 && !/\d/.test(line.text)) segment.header.push(line);
    else if (rows.length > 0) pending.push(line);
  }
  finish();
}

function labelColumns(header: TextLine[], rows: TextLine[]): void {
  const values = (line: TextLine): PdfText[] => line.runs.filter((t) => NUMBER_RUN.test(t.str.trim()));
  // The columns: the values' spans, overlapping ones together.
  const spans = rows
    .flatMap(values)
    .map((t) => [t.x0, t.x1] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const zones: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = zones[zones.length - 1];
    if (last && a < last[1] - 0.5) last[1] = Math.max(last[1], b);
    else zones.push([a, b]);
  }
  if (zones.length < 2) return;
  // Each column's ground: to the middle of the gaps beside it (the outer ones as wide).
  const gaps = zones.slice(1).map((z, k) => z[0] - (zones[k] as [number, number])[1]);
  const meanGap = gaps.reduce((n, g) => n + g, 0) / gaps.length;
  const ground = zones.map(([a, b], k): [number, number] => [
    k === 0 ? a - meanGap / 2 : (a + (zones[k - 1] as [number, number])[1]) / 2,
    k === zones.length - 1 ? b + meanGap / 2 : (b + (zones[k + 1] as [number, number])[0]) / 2,
  ]);
  const labels = ground.map(() => [] as PdfText[]);
  for (const t of header.flatMap((l) => l.runs)) {
    // A word over its column: on the column's ground (a centred word a little past it); over the
    // values of two columns, or half on another's ground, it heads both (申请人情况).
    const cx = (t.x0 + t.x1) / 2;
    const k = ground.findIndex(([a, b]) => cx >= a && cx < b);
    const spans = zones.filter(([a, b]) => t.x1 > a && t.x0 < b).length;
    const [a, b] = ground[k] ?? [0, 0];
    const outside = Math.max(0, a - t.x0) + Math.max(0, t.x1 - b);
    if (k >= 0 && spans <= 1 && outside <= (t.x1 - t.x0) / 4) (labels[k] as PdfText[]).push(t);
  }
  const names = labels.map((ts) => tidy(textLines(ts).map(lineText).join('')));
  if (names.some((n) => n === '')) return;
  for (const row of rows) {
    const cols = values(row).map((t) => ground.findIndex(([a, b]) => t.x0 >= a && t.x1 <= b));
    if (cols.some((c) => c < 0) || new Set(cols).size !== cols.length) continue;
    row.columns = cols.map((c) => names[c] as string);
  }
}

/**
 * A header's words in pieces: a line's runs that touch (the characters of one cell's line), apart
 * from the next by a gap (another cell).
 */
function headerPieces(line: TextLine): PdfText[][] {
  const pieces: PdfText[][] = [];
  for (const t of [...line.runs].sort((a, b) => a.x0 - b.x0)) {
    const last = pieces[pieces.length - 1];
    const end = last ? Math.max(...last.map((r) => r.x1)) : -Infinity;
    if (last && t.x0 - end <= 0.3 * t.size) last.push(t);
    else pieces.push([t]);
  }
  return pieces;
}

/**
 * The columns of a table drawn without vertical lines as its header shows them, for the rows that
 * leave a column empty (a row's values fewer than the columns right of its label): the header's
 * lowest cells are the column each piece of header text stands over alone, taken narrowest first,
 * a piece over two columns or more heading a group of them (行政复议 over its five). A row gets its
 * cells (a blank where a column has no value) only where that is certain: the header's columns
 * apart, each value of every row of the table under exactly one column (its extent overlapping that
 * column's and no other's) and no column holding two values of a row, nothing but numbers right of
 * the row's label. Otherwise the row stays a line of text (the table reader counts its values).
 */
function headerColumns(header: TextLine[], rows: TextLine[], among: TextLine[]): void {
  const pieces = header
    .flatMap(headerPieces)
    .map((p) => ({ runs: p, x0: Math.min(...p.map((t) => t.x0)), x1: Math.max(...p.map((t) => t.x1)) }))
    .sort((a, b) => a.x1 - a.x0 - (b.x1 - b.x0));
  const columns: { x0: number; x1: number; runs: PdfText[] }[] = [];
  for (const p of pieces) {
    const under = columns.filter((c) => p.x1 > c.x0 && p.x0 < c.x1);
    if (under.length > 1) continue;
    const c = under[0];
    if (c) [c.x0, c.x1, c.runs] = [Math.min(c.x0, p.x0), Math.max(c.x1, p.x1), [...c.runs, ...p.runs]];
    else columns.push({ ...p });
  }
  columns.sort((a, b) => a.x0 - b.x0);
  if (columns.length < 2 || columns.some((c, k) => k > 0 && c.x0 < (columns[k - 1] as { x1: number }).x1)) return;
  const values = (line: TextLine): PdfText[] => line.runs.filter((t) => NUMBER_RUN.test(t.str.trim()));
  const columnOf = (t: PdfText): number => {
    const over = columns.flatMap((c, k) => (t.x1 > c.x0 && t.x0 < c.x1 ? [k] : []));
    return over.length === 1 ? (over[0] as number) : -1;
  };
  const placed = rows.map((row) => values(row).map(columnOf));
  if (placed.some((cols) => cols.some((c) => c < 0) || new Set(cols).size !== cols.length)) return;
  // The value columns: those right of every row's label (all that is not a number: a run of digits
  // one space apart, a piece of a number wrapped in its cell, is no label and ends it here).
  const labels = rows.map((row) => row.runs.filter((t) => !NUMBER_RUN.test(t.str.trim())));
  const labelEnd = Math.max(-Infinity, ...labels.flat().map((t) => t.x1));
  const first = columns.findIndex((c) => c.x0 > labelEnd);
  if (first < 0 || placed.some((cols) => cols.some((c) => c < first))) return;
  // Nothing with a digit among the rows over the value columns (a number wrapped over two lines).
  const over = (t: PdfText): boolean => columns.slice(first).some((c) => t.x1 > c.x0 && t.x0 < c.x1);
  if (among.some((l) => l.runs.some((t) => /\d/.test(t.str) && over(t)))) return;
  const names = columns.map((c) => tidy(textLines(c.runs).map(lineText).join('')));
  for (const [k, row] of rows.entries()) {
    const vs = values(row);
    const cols = placed[k] as number[];
    if (cols.some((c, i) => i > 0 && c < (cols[i - 1] as number))) continue;
    const cells = columns.slice(first).map((_, j) => vs[cols.indexOf(first + j)]);
    if (cells.every((c) => c !== undefined)) continue;
    row.grid = { label: labels[k] as PdfText[], cells, names: names.slice(first) };
  }
  // A line holding only the label of one of 表二's rows, under the header, whose value columns are
  // those of a row of that row's template (their words those of that row, or of another row of the
  // same form: 政府集中采购 under 规章's columns): that row, left blank. Only when every row of the
  // table has its label on its values' line (else the values of a label's line may stand on the
  // next line).
  if (labels.some((l) => l.length === 0)) return;
  const valueNames = names.slice(first).map(norm);
  const headerBottom = Math.max(...columns.slice(first).flatMap((c) => c.runs.map((t) => t.y1)));
  const shown = (row: { columns: readonly string[] }): boolean =>
    row.columns.length === valueNames.length && row.columns.every((c, j) => norm(c) === valueNames[j]);
  for (const line of [...header, ...among]) {
    const form = [T2_2021, T2_2019].find((t) => t.rows.some((r) => norm(r.label) === norm(line.text)));
    if (!form || line.grid || line.y0 < headerBottom || line.runs.some((t) => t.x1 >= (columns[first] as { x0: number }).x0)) continue;
    if (!form.rows.some(shown)) continue;
    line.grid = { label: line.runs, cells: valueNames.map(() => undefined), names: names.slice(first) };
  }
}

/**
 * 表二's sub-tables whose header is 信息内容 alone, with no column words, and whose lines are each
 * the label of one of 表二's rows and nothing else, followed by no line with a digit (the next
 * sub-table's caption or header, a heading, a ruled table, a note): no value stands anywhere in
 * them, so each row is left blank (a row of its label alone, as a ruled table draws it). Column
 * words under 信息内容, or a digit in the line after the labels, leave the sub-table as text.
 */
function bareSubTables(blocks: Block[], mayBeHeading: (line: TextLine) => boolean): void {
  const isLabel = (line: TextLine): boolean => T2_LABELS.has(norm(line.text));
  for (let k = 0; k < blocks.length; k++) {
    const head = blocks[k] as Block;
    if (head.kind !== 'text' || norm(head.line.text) !== '信息内容') continue;
    const rows: TextLine[] = [];
    let end = k + 1;
    for (; end < blocks.length; end++) {
      const b = blocks[end] as Block;
      if (b.kind !== 'text' || !isLabel(b.line) || b.line.grid) break;
      rows.push(b.line);
    }
    // What follows holds no value that may be theirs (a note, the next caption, a heading).
    const after = blocks[end];
    if (rows.length === 0 || (after?.kind === 'text' && /\d/.test(after.line.text) && !isSubHeader(after.line) && !mayBeHeading(after.line))) continue;
    for (const line of rows) line.grid = { label: line.runs, cells: [], names: [] };
    k = end - 1;
  }
}

/** A row of a table drawn without vertical lines, with its cells (headerColumns), as a table of one row. */
function emitGridRow(line: TextLine, page: number, table: string | undefined, emit: (line: string, place: PdfPlace | null) => void): void {
  const grid = line.grid as NonNullable<TextLine['grid']>;
  const named = table ? { table } : {};
  const rect = (ts: PdfText[]): [number, number, number, number] =>
    ts.length === 0
      ? [line.x0, line.y0, line.x1, line.y1]
      : [Math.min(...ts.map((t) => t.x0)), Math.min(...ts.map((t) => t.y0)), Math.max(...ts.map((t) => t.x1)), Math.max(...ts.map((t) => t.y1))];
  const label = tidy(lineText(grid.label));
  const rowPlace: PdfPlace = { page, rect: rect(line.runs), ...named };
  emit('<table>', rowPlace);
  emit('<tr>', rowPlace);
  if (label !== '') emit(`<td>${escape(label)}</td>`, { page, rect: rect(grid.label), ...named });
  grid.cells.forEach((cell, j) => {
    const column = grid.names[j] as string;
    const where = { page, rect: rect(cell ? [cell] : []), ...named, ...(label !== '' ? { row: label } : {}), ...(cell ? { column } : {}) };
    emit(`<td>${cell ? escape(cell.str.trim()) : ''}</td>`, where);
  });
  emit('</tr>', rowPlace);
  emit('</table>', rowPlace);
}

function render(blocks: Block[], pages: PdfPage[]): PdfHtml {
  const out: string[] = [];
  const places: (PdfPlace | null)[] = [];
  const emit = (line: string, place: PdfPlace | null): void => {
    out.push(line);
    places.push(place);
  };
  const prose = new Prose(bodyMetrics(blocks), emit);
  const footnotes: Block[] = [];
  let index = 0;
  while (index < blocks.length) {
    const block = blocks[index] as Block;
    if (block.kind === 'table') {
      prose.break();
      const { bands, next, notes } = tableBands(blocks, index, pages);
      let table = buildTable(bands);
      // Footnotes the table went past are read at the end, where they part no table from its rows.
      footnotes.push(...notes);
      index = next;
      // The rest of its columns printed as a table of its own after it (a “续表” line between).
      for (;;) {
        let skip = index;
        while (blocks[skip]?.kind === 'text' && isContinuedCaption((blocks[skip] as Extract<Block, { kind: 'text' }>).line.text)) skip++;
        if (skip === index || blocks[skip]?.kind !== 'table') break;
        const rest = tableBands(blocks, skip, pages);
        const joined = joinColumns(table, buildTable(rest.bands));
        if (!joined) break;
        table = joined;
        footnotes.push(...rest.notes);
        index = rest.next;
      }
      emitTable(table, prose.part, emit);
      continue;
    }
    if (block.line.grid) {
      prose.break();
      emitGridRow(block.line, block.page, prose.part, emit);
      index++;
      continue;
    }
    prose.add(block.line, block.page);
    index++;
  }
  prose.break();
  for (const note of footnotes) if (note.kind === 'text') prose.add(note.line, note.page);
  prose.flush();
  return { html: `${out.join('\n')}\n`, places };
}
