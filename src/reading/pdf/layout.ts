/**
 * A PDF's pages (extract.ts) as the HTML the reader already reads (html-input.ts): prose in reading
 * order, page headers, footers and page numbers dropped, paragraphs rejoined across lines and
 * pages, part headings as headings; each table rebuilt from its ruling lines — the grid from the
 * lines' positions, merged cells where a line is missing, every text run in the cell it lies in (a
 * label wrapped over several lines is one cell) — and a table continued on the next page joined to
 * its start (a repeated header dropped), as one `<table>` with rowspan and colspan.
 *
 * Each HTML line that holds content has a `PdfPlace`: its page and rectangle, and for a table cell
 * the table's name (the part it is in) and the row's and column's labels, so that a finding can say
 * where it is as a person looks for it.
 */
import type { PdfLine, PdfPage, PdfText } from './extract.ts';

export interface PdfPlace {
  page: number;
  /** x0, y0, x1, y1 in points from the page's top left. */
  rect: [number, number, number, number];
  /** The part's numeral the table is in (表三), when known. */
  table?: string;
  /** The row's and the column's labels, for a table cell. */
  row?: string;
  column?: string;
}

export interface PdfHtml {
  html: string;
  /** `places[i]` is where line i + 1 of `html` shows on the pages. */
  places: (PdfPlace | null)[];
}

const TOL = 2;

const CJK = /[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]/;

/** Joins two pieces of one text: a space only between two Latin letters or digits. */
function join(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  const last = a[a.length - 1] ?? '';
  const first = b[0] ?? '';
  if (CJK.test(last) || CJK.test(first) || /\s/.test(last)) return a + b;
  return `${a} ${b}`;
}

/** Spaces between CJK characters are artefacts of justification, not text. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]) (?=\S)|(?<=\S) (?=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef])/g, '')
    .trim();
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Values that cluster within TOL. */
export function cluster(values: number[], tol = TOL): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - (last[last.length - 1] ?? v) <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

/** Text runs grouped into lines (baselines that overlap), each sorted left to right. */
function textLines(texts: PdfText[]): PdfText[][] {
  const sorted = [...texts].sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0);
  const lines: { items: PdfText[]; y0: number; y1: number }[] = [];
  for (const t of sorted) {
    const h = t.y1 - t.y0;
    const line = lines.find((l) => {
      const overlap = Math.min(l.y1, t.y1) - Math.max(l.y0, t.y0);
      return overlap > 0.5 * Math.min(h, l.y1 - l.y0);
    });
    if (line) {
      line.items.push(t);
      line.y0 = Math.min(line.y0, t.y0);
      line.y1 = Math.max(line.y1, t.y1);
    } else lines.push({ items: [t], y0: t.y0, y1: t.y1 });
  }
  lines.sort((a, b) => a.y0 - b.y0);
  return lines.map((l) => l.items.sort((a, b) => a.x0 - b.x0));
}

function lineText(items: PdfText[]): string {
  let out = '';
  let prev: PdfText | undefined;
  for (const t of items) {
    const gap = prev ? t.x0 - prev.x1 : 0;
    // A wide gap separates columns (a table drawn without lines): keep it as two spaces, as
    // `pdftotext -layout` does, so that the text table reader sees the cells apart.
    if (prev && gap > 1.5 * t.size) out = `${out.trimEnd()}\u001f`;
    else if (prev && gap > 0.25 * t.size && !CJK.test(out[out.length - 1] ?? '') && !CJK.test(t.str[0] ?? '')) out += ' ';
    out += t.str;
    prev = t;
  }
  return tidy(out).replaceAll('\u001f', '  ');
}

// ---------------------------------------------------------------------------------------------
// Tables

/** One table's piece on one page: its lines and their extent. */
interface Fragment {
  page: number;
  lines: PdfLine[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Groups a page's ruling lines into tables (lines that touch or cross belong together). */
export function fragments(page: PdfPage): Fragment[] {
  const lines = page.lines;
  const parent = lines.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  const near = (a: PdfLine, b: PdfLine): boolean => a.x0 - TOL <= b.x1 && b.x0 - TOL <= a.x1 && a.y0 - TOL <= b.y1 && b.y0 - TOL <= a.y1;
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      if (near(lines[i] as PdfLine, lines[j] as PdfLine)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, PdfLine[]>();
  lines.forEach((l, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), l]);
  });
  const out: Fragment[] = [];
  for (const group of groups.values()) {
    const x0 = Math.min(...group.map((l) => l.x0));
    const x1 = Math.max(...group.map((l) => l.x1));
    const y0 = Math.min(...group.map((l) => l.y0));
    const y1 = Math.max(...group.map((l) => l.y1));
    // A table has both kinds of lines and some size; a lone rule is a separator.
    const horizontal = group.filter((l) => l.y0 === l.y1).length;
    const vertical = group.length - horizontal;
    if (horizontal < 1 || vertical < 2 || x1 - x0 < 40 || y1 - y0 < 10) continue;
    out.push({ page: page.number, lines: group, x0, y0, x1, y1 });
  }
  return out.sort((a, b) => a.y0 - b.y0);
}

/** The fraction of [a, b] that lines at `at` (along the other axis) cover. */
function coverage(lines: PdfLine[], vertical: boolean, at: number, a: number, b: number): number {
  const spans: [number, number][] = [];
  for (const l of lines) {
    if (vertical ? l.x0 !== l.x1 || Math.abs(l.x0 - at) > TOL : l.y0 !== l.y1 || Math.abs(l.y0 - at) > TOL) continue;
    const s = Math.max(a, vertical ? l.y0 : l.x0);
    const e = Math.min(b, vertical ? l.y1 : l.x1);
    if (e > s) spans.push([s, e]);
  }
  spans.sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let end = a;
  for (const [s, e] of spans) {
    if (e <= end) continue;
    covered += e - Math.max(s, end);
    end = e;
  }
  return b > a ? covered / (b - a) : 0;
}

interface Cell {
  r: number;
  c: number;
  rows: number;
  cols: number;
  text: string;
  page: number;
  rect: [number, number, number, number];
}

interface Table {
  cells: Cell[];
  /** Number of fine rows and columns. */
  rowCount: number;
  colCount: number;
  page: number;
  lastPage: number;
  y1: number;
}

/** A band of fine rows from one fragment. */
interface Band {
  page: number;
  ys: number[];
  frag: Fragment;
  texts: PdfText[];
  /** Its first rows repeated the table's header and were dropped: its top line is the header's. */
  headerDropped?: boolean;
}

/** Builds one table from its fragments (one per page, in order). */
function buildTable(bands: Band[]): Table {
  const xs = cluster(
    bands.flatMap((b) => b.frag.lines.filter((l) => l.x0 === l.x1).map((l) => l.x0)).concat(bands.flatMap((b) => [b.frag.x0, b.frag.x1])),
    TOL * 1.5,
  );
  const colCount = xs.length - 1;
  // Fine rows: each band's row boundaries.
  interface Row {
    band: number;
    y0: number;
    y1: number;
  }
  const rows: Row[] = [];
  bands.forEach((b, i) => {
    for (let k = 0; k + 1 < b.ys.length; k++) rows.push({ band: i, y0: b.ys[k] ?? 0, y1: b.ys[k + 1] ?? 0 });
  });
  const rowCount = rows.length;
  // Text: each run goes to the fine cell its centre is in (a run across a column line, split first).
  const placed: { r: number; c: number; t: PdfText }[] = [];
  bands.forEach((band, b) => {
    for (const t of band.texts.flatMap((run) => splitAtColumns(run, xs))) {
      const cx = (t.x0 + t.x1) / 2;
      const cy = (t.y0 + t.y1) / 2;
      const r = rows.findIndex((row) => row.band === b && cy >= row.y0 && cy < row.y1);
      const c = xs.findIndex((x, k) => k + 1 < xs.length && cx >= x && cx < (xs[k + 1] ?? x));
      if (r >= 0 && c >= 0) placed.push({ r, c, t });
    }
  });
  const hasText = new Set(placed.map((p) => `${p.r},${p.c}`));
  // Boundaries: right[r][c] between (r,c) and (r,c+1); below[r][c] between (r,c) and (r+1,c).
  const right: boolean[][] = rows.map((row) => {
    const band = bands[row.band] as Band;
    return xs.slice(1, -1).map((x) => coverage(band.frag.lines, true, x, row.y0, row.y1) > 0.5);
  });
  const below: boolean[][] = rows.map((row, r) => {
    const next = rows[r + 1];
    const band = bands[row.band] as Band;
    return xs.slice(0, -1).map((x, c) => {
      const xe = xs[c + 1] ?? x;
      const here = coverage(band.frag.lines, false, row.y1, x, xe) > 0.5;
      if (!next) return true;
      if (next.band === row.band) return here;
      // Across a page break: a line under the last row, or over the first row of the next page
      // (unless that is the bottom of a repeated header). With neither, a cell goes on to the next
      // page when its continuation there is empty (a merged label cut by the page), else it is a
      // new row whose lines the page break took.
      const nextBand = bands[next.band] as Band;
      if (here) return true;
      if (!nextBand.headerDropped && coverage(nextBand.frag.lines, false, next.y0, x, xe) > 0.5) return true;
      return hasText.has(`${r + 1},${c}`);
    });
  });
  // Regions: flood fill over missing boundaries, then the bounding box.
  const owner: number[][] = rows.map(() => xs.slice(0, -1).map(() => -1));
  const cells: Cell[] = [];
  for (let r = 0; r < rowCount; r++) {
    for (let c = 0; c < colCount; c++) {
      if ((owner[r] as number[])[c] !== -1) continue;
      const id = cells.length;
      const stack: [number, number][] = [[r, c]];
      let r0 = r;
      let r1 = r;
      let c0 = c;
      let c1 = c;
      (owner[r] as number[])[c] = id;
      while (stack.length > 0) {
        const [i, j] = stack.pop() as [number, number];
        r0 = Math.min(r0, i);
        r1 = Math.max(r1, i);
        c0 = Math.min(c0, j);
        c1 = Math.max(c1, j);
        const visit = (a: number, b: number): void => {
          if (a < 0 || b < 0 || a >= rowCount || b >= colCount || (owner[a] as number[])[b] !== -1) return;
          (owner[a] as number[])[b] = id;
          stack.push([a, b]);
        };
        if (j + 1 < colCount && !(right[i] as boolean[])[j]) visit(i, j + 1);
        if (j > 0 && !(right[i] as boolean[])[j - 1]) visit(i, j - 1);
        if (i + 1 < rowCount && !(below[i] as boolean[])[j]) visit(i + 1, j);
        if (i > 0 && !(below[i - 1] as boolean[])[j]) visit(i - 1, j);
      }
      // Claim the bounding box (a non-rectangular region reads as its box).
      for (let i = r0; i <= r1; i++) for (let j = c0; j <= c1; j++) (owner[i] as number[])[j] = id;
      const first = rows[r0] as Row;
      cells.push({
        r: r0,
        c: c0,
        rows: r1 - r0 + 1,
        cols: c1 - c0 + 1,
        text: '',
        page: (bands[first.band] as Band).page,
        rect: [xs[c0] ?? 0, first.y0, xs[c1 + 1] ?? 0, (rows[r1] as Row).y1],
      });
    }
  }
  const byCell = new Map<number, { t: PdfText; row: number }[]>();
  for (const { r, c, t } of placed) {
    const cell = (owner[r] as number[])[c] as number;
    byCell.set(cell, [...(byCell.get(cell) ?? []), { t, row: r }]);
  }
  for (const [id, items] of byCell) {
    const cell = cells[id] as Cell;
    // In reading order: by fine row (pages), then by line, then left to right.
    const parts: string[] = [];
    const rowsOf = [...new Set(items.map((i) => i.row))].sort((a, b) => a - b);
    for (const row of rowsOf) for (const line of textLines(items.filter((i) => i.row === row).map((i) => i.t))) parts.push(lineText(line));
    cell.text = tidy(parts.reduce(join, ''));
  }
  const last = bands[bands.length - 1] as Band;
  return { cells, rowCount, colCount, page: (bands[0] as Band).page, lastPage: last.page, y1: last.frag.y1 };
}

/**
 * A run that crosses a column line (a writer or pdf.js joined the texts of neighbouring cells)
 * split at its spaces into the pieces on either side, each placed by its share of the run's
 * width (CJK characters count full width, others half). A run without spaces stays whole.
 */
export function splitAtColumns(run: PdfText, xs: number[]): PdfText[] {
  const inner = xs.filter((x) => x > run.x0 + TOL && x < run.x1 - TOL);
  if (inner.length === 0 || !/\S\s+\S/.test(run.str)) return [run];
  const weight = (ch: string): number => (CJK.test(ch) ? 1 : 0.5);
  const chars = [...run.str];
  const total = chars.reduce((n, ch) => n + weight(ch), 0);
  const unit = (run.x1 - run.x0) / Math.max(total, 1e-9);
  const out: PdfText[] = [];
  let at = run.x0;
  let piece = '';
  let start = at;
  for (const ch of chars) {
    if (/\s/.test(ch)) {
      if (piece !== '') out.push({ ...run, str: piece, x0: start, x1: at });
      piece = '';
      at += weight(ch) * unit;
      start = at;
      continue;
    }
    piece += ch;
    at += weight(ch) * unit;
  }
  if (piece !== '') out.push({ ...run, str: piece, x0: start, x1: at });
  return out;
}

/** The row boundaries of a fragment (its horizontal lines, and its top and bottom edges). */
function rowBounds(frag: Fragment): number[] {
  return cluster(
    frag.lines
      .filter((l) => l.y0 === l.y1 && l.x1 - l.x0 > 4)
      .map((l) => l.y0)
      .concat([frag.y0, frag.y1]),
  );
}

// ---------------------------------------------------------------------------------------------
// Pages

type Block =
  | { kind: 'text'; page: number; lines: { text: string; x0: number; x1: number; y0: number; y1: number; size: number; bold: boolean }[] }
  | { kind: 'table'; page: number; frag: Fragment; texts: PdfText[] };

const PAGE_NUMBER =
  /^[-—–－‒―_~～·•\s]*(第\s*)?\d{1,4}(\s*页)?(\s*([/／]|共)\s*\d{1,4})?(\s*(页|頁))?[-—–－‒―_~～·•\s]*$|^(page|p\.)\s*\d+(\s*(of|\/)\s*\d+)?$/i;

/** Lays the pages out as the HTML the reader reads. */
export function pdfToHtml(pages: PdfPage[]): PdfHtml {
  const blocks: Block[] = [];
  // Header and footer lines: page numbers, and a line repeated in the same margin on several pages.
  const marginTexts = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set<string>();
    for (const line of textLines(page.texts)) {
      const y = (line[0] as PdfText).y0;
      if (y > page.height * 0.1 && y < page.height * 0.9) continue;
      const text = lineText(line);
      if (!seen.has(text)) marginTexts.set(text, (marginTexts.get(text) ?? 0) + 1);
      seen.add(text);
    }
  }
  for (const page of pages) {
    const frags = fragments(page);
    const sizes = page.texts.map((t) => t.size).sort((x, y) => x - y);
    const pageSize = sizes[Math.floor(sizes.length / 2)] ?? 0;
    const inTable = (t: PdfText, f: Fragment): boolean => {
      const cx = (t.x0 + t.x1) / 2;
      const cy = (t.y0 + t.y1) / 2;
      return cx >= f.x0 - TOL && cx <= f.x1 + TOL && cy >= f.y0 - TOL && cy <= f.y1 + TOL;
    };
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
    for (const line of textLines(free)) {
      const text = lineText(line);
      const first = line[0] as PdfText;
      const y0 = Math.min(...line.map((t) => t.y0));
      const y1 = Math.max(...line.map((t) => t.y1));
      const inMargin = y0 < page.height * 0.1 || y0 > page.height * 0.9;
      // A running header or footer: the same line in the margin of several pages (not a title in
      // large type that a later page repeats small).
      const size = Math.max(...line.map((t) => t.size));
      const repeated = pages.length > 1 && (marginTexts.get(text) ?? 0) >= 2 && size <= pageSize * 1.15;
      if (inMargin && (PAGE_NUMBER.test(text) || repeated)) continue;
      if (PAGE_NUMBER.test(text) && y0 > page.height * 0.8) continue;
      const entry = {
        text,
        x0: first.x0,
        x1: Math.max(...line.map((t) => t.x1)),
        y0,
        y1,
        size: Math.max(...line.map((t) => t.size)),
        bold: line.every((t) => t.bold),
      };
      items.push({ y: y0, block: { kind: 'text', page: page.number, lines: [entry] } });
    }
    items.sort((a, b) => a.y - b.y);
    for (const { block } of items) blocks.push(block);
  }
  return render(blocks, pages);
}

function render(blocks: Block[], pages: PdfPage[]): PdfHtml {
  const out: string[] = [];
  const places: (PdfPlace | null)[] = [];
  const emit = (line: string, place: PdfPlace | null): void => {
    out.push(line);
    places.push(place);
  };
  // The body's left edge and font size: the most common among text lines.
  const textLinesAll = blocks.flatMap((b) => (b.kind === 'text' ? b.lines : []));
  const mode = (values: number[]): number => {
    const counts = new Map<number, number>();
    for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  };
  const bodySize = mode(textLinesAll.map((l) => l.size));
  // The text block's edges: where the lines of body text start and end at most (a few outliers aside).
  const body = textLinesAll.filter((l) => Math.abs(l.size - bodySize) < 1);
  const percentile = (values: number[], q: number): number => {
    const sorted = [...values].sort((x, y) => x - y);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  };
  const left = percentile(
    body.map((l) => l.x0),
    0.05,
  );
  const right = percentile(
    body.map((l) => l.x1),
    0.9,
  );

  let part: string | undefined;
  let para: { text: string; place: PdfPlace; level: number } | undefined;
  let prevLine: { x1: number; y1: number; size: number; page: number } | undefined;
  const flush = (): void => {
    if (!para) return;
    const tag = para.level > 0 ? `h${para.level}` : 'p';
    emit(`<${tag}>${escape(para.text)}</${tag}>`, para.place);
    para = undefined;
  };
  let titleDone = false;
  let index = 0;
  while (index < blocks.length) {
    const block = blocks[index] as Block;
    if (block.kind === 'table') {
      flush();
      prevLine = undefined;
      // The table's bands: this fragment and its continuations on the next pages.
      const bands: Band[] = [{ page: block.page, ys: rowBounds(block.frag), frag: block.frag, texts: block.texts }];
      let next = index + 1;
      for (;;) {
        const prev = bands[bands.length - 1] as Band;
        const prevPage = pages[prev.page - 1];
        // Between the table and its continuation, only a footer (below the table, low on its page)
        // and a header (high on the next page) may stand: skipped with the table joined.
        let skip = next;
        while (blocks[skip]?.kind === 'text' && isMarginText(blocks[skip] as Block, prev.page, pages)) skip++;
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
        let band: Band = { page: cand.page, ys: rowBounds(cand.frag), frag: cand.frag, texts: cand.texts };
        band = dropRepeatedHeader(bands[0] as Band, band);
        bands.push(band);
        next = skip + 1;
      }
      const table = buildTable(bands);
      emitTable(table, part, emit);
      index = next;
      continue;
    }
    for (const line of block.lines) {
      const text = line.text;
      const heading = /^([一二三四五六七八九十]{1,3})[、.．]\s*\S/.exec(text);
      const isTitle = !titleDone && line.size > bodySize * 1.2;
      const place: PdfPlace = { page: block.page, rect: [line.x0, line.y0, line.x1, line.y1] };
      if (isTitle) {
        // The title: large lines at the top, one heading however many lines it takes.
        if (para && para.level === 1 && prevLine && prevLine.page === block.page && line.y0 - prevLine.y1 < line.size * 1.2) {
          para.text = join(para.text, text);
        } else {
          flush();
          para = { text, place, level: 1 };
        }
        prevLine = { x1: line.x1, y1: line.y1, size: line.size, page: block.page };
        continue;
      }
      if (para?.level === 1) titleDone = true;
      titleDone = titleDone || text.length > 0;
      const indented = line.x0 > left + line.size * 1.2;
      const gap = prevLine && prevLine.page === block.page ? line.y0 - prevLine.y1 : 0;
      const prevEndedShort = prevLine ? prevLine.x1 < right - prevLine.size * 1.5 : true;
      const sizeChanged = prevLine ? Math.abs(line.size - prevLine.size) > 1 : false;
      const newPara = !para || para.level > 0 || heading !== null || indented || prevEndedShort || sizeChanged || gap > line.size * 1.2;
      if (newPara) {
        flush();
        // A part heading, not a row of a table drawn without lines (its label followed by numbers).
        const isHeading = heading !== null && text.length <= 40 && !/[。；]$/.test(text) && !/\s{2}\d/.test(text);
        if (isHeading) part = heading?.[1];
        para = { text, place, level: isHeading ? 2 : 0 };
      } else if (para) {
        para.text = join(para.text, text);
        para.place.rect = [
          Math.min(para.place.rect[0], line.x0),
          para.place.rect[1],
          Math.max(para.place.rect[2], line.x1),
          para.place.page === block.page ? line.y1 : para.place.rect[3],
        ];
      }
      prevLine = { x1: line.x1, y1: line.y1, size: line.size, page: block.page };
    }
    index++;
  }
  flush();
  return { html: `${out.join('\n')}\n`, places };
}

/** A text block that is a footer of `page` (its lowest tenth) or a header of the next (its highest tenth). */
function isMarginText(block: Block, page: number, pages: PdfPage[]): boolean {
  if (block.kind !== 'text') return false;
  const height = pages[block.page - 1]?.height ?? 0;
  if (block.page === page) return block.lines.every((l) => l.y0 > height * 0.9);
  if (block.page === page + 1) return block.lines.every((l) => l.y1 < height * 0.1);
  return false;
}

/** Drops the rows at the top of a continuation that repeat the table's header. */
function dropRepeatedHeader(first: Band, band: Band): Band {
  const rowTexts = (b: Band, k: number): string => {
    const y0 = b.ys[k] ?? 0;
    const y1 = b.ys[k + 1] ?? 0;
    return tidy(
      textLines(b.texts.filter((t) => (t.y0 + t.y1) / 2 >= y0 && (t.y0 + t.y1) / 2 < y1))
        .map(lineText)
        .join(' '),
    );
  };
  let k = 0;
  while (k + 1 < band.ys.length - 1 && k + 1 < first.ys.length && rowTexts(band, k) !== '' && rowTexts(band, k) === rowTexts(first, k)) k++;
  if (k === 0) return band;
  const cut = band.ys[k] ?? band.frag.y0;
  return {
    ...band,
    headerDropped: true,
    ys: band.ys.slice(k),
    texts: band.texts.filter((t) => (t.y0 + t.y1) / 2 >= cut),
    frag: { ...band.frag, y0: cut, lines: band.frag.lines.filter((l) => l.y1 >= cut - TOL) },
  };
}

const NUMBER = /^[\d.,，\s%-]*$/;

function emitTable(table: Table, part: string | undefined, emit: (line: string, place: PdfPlace | null) => void): void {
  const { cells } = table;
  const tableName = part;
  const grid: (Cell | undefined)[][] = Array.from({ length: table.rowCount }, () => Array.from({ length: table.colCount }, () => undefined));
  for (const cell of cells)
    for (let i = cell.r; i < cell.r + cell.rows; i++) for (let j = cell.c; j < cell.c + cell.cols; j++) (grid[i] as (Cell | undefined)[])[j] = cell;
  const labelOf = (cell: Cell): { row?: string; column?: string } => {
    // The row: the nearest label to the left (with its parent for a numbered sub-item).
    const rowCells = (grid[cell.r] ?? []).slice(0, cell.c).filter((c): c is Cell => c !== undefined && c.text !== '' && !NUMBER.test(c.text));
    const unique = [...new Set(rowCells)];
    const nearest = unique[unique.length - 1];
    let row = nearest?.text;
    const parent = unique[unique.length - 2];
    if (nearest && parent && /^\d/.test(nearest.text)) row = `${parent.text} ${nearest.text}`;
    // The column: the lowest header above that spans this column alone, else the lowest label.
    let column: string | undefined;
    for (let i = cell.r - 1; i >= 0; i--) {
      const above = (grid[i] ?? [])[cell.c];
      if (above && above.text !== '' && !NUMBER.test(above.text) && above.c <= cell.c && above.c + above.cols >= cell.c + cell.cols) {
        column = above.text;
        break;
      }
    }
    return { ...(row && row !== cell.text ? { row } : {}), ...(column && NUMBER.test(cell.text) ? { column } : {}) };
  };
  const first = cells[0];
  emit('<table>', first ? { page: first.page, rect: first.rect, ...(tableName ? { table: tableName } : {}) } : null);
  for (let r = 0; r < table.rowCount; r++) {
    const starts = cells.filter((c) => c.r === r).sort((a, b) => a.c - b.c);
    const rowPlace = starts[0] ? { page: starts[0].page, rect: starts[0].rect, ...(tableName ? { table: tableName } : {}) } : null;
    emit('<tr>', rowPlace);
    for (const cell of starts) {
      const attrs = `${cell.rows > 1 ? ` rowspan="${cell.rows}"` : ''}${cell.cols > 1 ? ` colspan="${cell.cols}"` : ''}`;
      emit(`<td${attrs}>${escape(cell.text)}</td>`, { page: cell.page, rect: cell.rect, ...(tableName ? { table: tableName } : {}), ...labelOf(cell) });
    }
    emit('</tr>', rowPlace);
  }
  emit('</table>', first ? { page: first.page, rect: first.rect, ...(tableName ? { table: tableName } : {}) } : null);
}
