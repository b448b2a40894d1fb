/**
 * Tables from ruling lines: a page's lines grouped into table fragments, a table's fragments (one
 * per page) made one grid — columns from the vertical lines, fine rows from each fragment's
 * horizontal lines, merged cells where a line is missing — and every text run put in the cell it
 * lies in (a label wrapped over several lines is one cell).
 */
import { T2_2019, T2_2021 } from '../../model/templates.ts';
import { norm } from '../text.ts';
import type { PdfLine, PdfPage, PdfText } from './extract.ts';
import { CJK, TOL, cluster, joinInCell, lineText, spacedNumber, textLines, tidy } from './text.ts';

/** One table's piece on one page: its lines and their extent. */
export interface Fragment {
  page: number;
  lines: PdfLine[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Cell {
  r: number;
  c: number;
  rows: number;
  cols: number;
  text: string;
  page: number;
  rect: [number, number, number, number];
}

export interface Table {
  cells: Cell[];
  /** Number of fine rows and columns. */
  rowCount: number;
  colCount: number;
  page: number;
  lastPage: number;
  y1: number;
}

/** A band of fine rows from one fragment. */
export interface Band {
  page: number;
  ys: number[];
  frag: Fragment;
  texts: PdfText[];
  /** Its first rows repeated the table's header and were dropped: its top line is the header's. */
  headerDropped?: boolean;
}

const isHorizontal = (l: PdfLine): boolean => l.y0 === l.y1;

/** Groups lines that touch or cross (union-find). */
function touching(lines: PdfLine[]): PdfLine[][] {
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
  return [...groups.values()];
}

function extent(page: number, lines: PdfLine[]): Fragment {
  return {
    page,
    lines,
    x0: Math.min(...lines.map((l) => l.x0)),
    x1: Math.max(...lines.map((l) => l.x1)),
    y0: Math.min(...lines.map((l) => l.y0)),
    y1: Math.max(...lines.map((l) => l.y1)),
  };
}

/** Whether a group of lines is only a frame: every line along one of its four edges (a double or thick edge too). */
function frameOnly(f: Fragment): boolean {
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 2 * TOL;
  return f.lines.every((l) => (isHorizontal(l) ? near(l.y0, f.y0) || near(l.y0, f.y1) : near(l.x0, f.x0) || near(l.x0, f.x1)));
}

/**
 * Groups a page's ruling lines into tables (lines that touch or cross belong together); a frame
 * with nothing inside is one only where `keepFrame` says so (a table's first row, cut off at a
 * page's foot). A column
 * of vertical lines alone beside a table, over the table's height, is its first or last column
 * continued from the page before (a merged cell cut by the page draws no horizontal line): it
 * belongs to that table.
 */
export function fragments(page: PdfPage, keepFrame?: (frame: Fragment) => boolean): Fragment[] {
  const out: Fragment[] = [];
  const loose: Fragment[] = [];
  for (const group of touching(page.lines)) {
    const f = extent(page.number, group);
    const horizontal = group.filter(isHorizontal).length;
    const vertical = group.length - horizontal;
    // A table has both kinds of lines and some size; a lone rule is a separator. A frame and nothing
    // inside (a table drawn with only its outer border, a text box's outline) divides nothing: what
    // it holds is read by its text's alignment, as a table with no rules is.
    if (horizontal >= 1 && vertical >= 2 && f.x1 - f.x0 >= 40 && f.y1 - f.y0 >= 10 && (!frameOnly(f) || keepFrame?.(f) === true)) out.push(f);
    else if (horizontal === 0 && f.y1 - f.y0 >= 10) loose.push(f);
  }
  // Beside the table's ruled body as found, not as grown: a page inside a group of rows has both
  // group label columns' lines loose (三、本年度办理结果 and （三）不予公开 beside it), and the inner
  // one lies inside the table once the outer one has joined it.
  const body = new Map(out.map((f) => [f, { x0: f.x0, x1: f.x1 }]));
  for (const v of loose) {
    const table = out.find((f) => {
      const { x0, x1 } = body.get(f) ?? f;
      return v.y0 >= f.y0 - TOL && v.y1 <= f.y1 + TOL && v.y1 - v.y0 >= 0.5 * (f.y1 - f.y0) && (v.x1 < x0 || v.x0 > x1);
    });
    if (!table) continue;
    const merged = extent(page.number, [...table.lines, ...v.lines]);
    body.set(merged, body.get(table) ?? table);
    out.splice(out.indexOf(table), 1, merged);
  }
  return out.sort((a, b) => a.y0 - b.y0);
}

/** The fraction of [a, b] that lines at `at` (along the other axis) cover. */
export function coverage(lines: PdfLine[], vertical: boolean, at: number, a: number, b: number): number {
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

/** The row boundaries of a fragment (its horizontal lines, and its top and bottom edges). */
export function rowBounds(frag: Fragment): number[] {
  return cluster(
    frag.lines
      .filter((l) => isHorizontal(l) && l.x1 - l.x0 > 4)
      .map((l) => l.y0)
      .concat([frag.y0, frag.y1]),
  );
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

interface Row {
  band: number;
  y0: number;
  y1: number;
}

interface Placed {
  r: number;
  c: number;
  t: PdfText;
}

/**
 * Each run in the fine cell its centre is in (a run across a column line split first). A run
 * whose centre lies just past its band's first or last line (a line of a merged label cut by the
 * page, drawn over the edge) goes to that first or last row.
 */
function placeTexts(bands: Band[], rows: Row[], xs: number[]): Placed[] {
  const placed: Placed[] = [];
  bands.forEach((band, b) => {
    const own = rows.map((row, r) => ({ row, r })).filter(({ row }) => row.band === b);
    const top = own[0]?.row.y0 ?? 0;
    const bottom = own[own.length - 1]?.row.y1 ?? 0;
    for (const t of band.texts.flatMap((run) => splitAtColumns(run, xs))) {
      const cx = (t.x0 + t.x1) / 2;
      const cy = Math.min(Math.max((t.y0 + t.y1) / 2, top), bottom - 0.01);
      const r = own.find(({ row }) => cy >= row.y0 && cy < row.y1)?.r ?? -1;
      const c = xs.findIndex((x, k) => k + 1 < xs.length && cx >= x && cx < (xs[k + 1] ?? x));
      if (r >= 0 && c >= 0) placed.push({ r, c, t });
    }
  });
  return placed;
}

/**
 * The boundaries between fine cells: right[r][c] between (r,c) and (r,c+1), below[r][c] between
 * (r,c) and (r+1,c). Across a page break, a line under the last row, or over the first row of the
 * next page (unless that is the bottom of a repeated header) closes a cell. Where some columns have
 * such a line and this one has none, its cell goes on to the next page (a merged label cut by the
 * page). Where no column has one, the page break took the lines of a row: a cell goes on when its
 * continuation is empty, else a new row starts.
 */
function boundaries(bands: Band[], rows: Row[], xs: number[], placed: Placed[]): { right: boolean[][]; below: boolean[][] } {
  const hasText = new Set(placed.map((p) => `${p.r},${p.c}`));
  const textAt = new Map<string, string>();
  for (const { r, c, t } of placed) textAt.set(`${r},${c}`, (textAt.get(`${r},${c}`) ?? '') + t.str);
  const right = rows.map((row) => {
    const band = bands[row.band] as Band;
    return xs.slice(1, -1).map((x) => coverage(band.frag.lines, true, x, row.y0, row.y1) > 0.5);
  });
  const below = rows.map((row, r) => {
    const next = rows[r + 1];
    const band = bands[row.band] as Band;
    const lined = xs.slice(0, -1).map((x, c) => {
      const xe = xs[c + 1] ?? x;
      if (coverage(band.frag.lines, false, row.y1, x, xe) > 0.5) return true;
      if (!next || next.band === row.band) return false;
      const nextBand = bands[next.band] as Band;
      return !nextBand.headerDropped && coverage(nextBand.frag.lines, false, next.y0, x, xe) > 0.5;
    });
    if (!next) return lined.map(() => true);
    if (next.band !== row.band && restOfRow(r, xs.length - 1, textAt, right)) return lined.map(() => false);
    if (next.band === row.band || lined.some(Boolean)) return lined;
    return lined.map((_, c) => hasText.has(`${r + 1},${c}`));
  });
  return { right, below };
}

/** Table 二's row labels (both templates), normalised: a row of its own, never a piece of another's. */
export const T2_LABELS: ReadonlySet<string> = new Set([...T2_2021.rows, ...T2_2019.rows].map((row) => norm(row.label)));

/**
 * Whether the first row after a page break is the rest of the row before it: Word and LibreOffice
 * let a row break across pages (the default) and draw the table's edge at the foot of one page
 * and the head of the next, so lines close both parts. The rest holds only what did not fit: text
 * in a few of the cells the row already has text in (a wrapped label, the last digit of “154”),
 * none in a column the row left empty, at most half as many cells as the row, and the row's own
 * vertical lines. A row of its own fills its cells — or, left blank, holds only its label: where
 * the row before's label and this text are each a whole label of table 二 (规章 at a page's foot,
 * 行政规范性文件 with no values at the next one's head), this is a row of its own (the two joined,
 * “规章行政规范性文件”, are no label).
 */
function restOfRow(r: number, colCount: number, textAt: ReadonlyMap<string, string>, right: readonly boolean[][]): boolean {
  // The same cells: the same vertical lines (a repeated header's merged cells have others).
  const a = right[r] ?? [];
  const b = right[r + 1] ?? [];
  if (a.length !== b.length || a.some((line, c) => line !== b[c])) return false;
  // Counted by the row's cells (fine columns between its vertical lines), not by fine columns: a
  // merged cell's wide text fills several of them, and its value beneath fills one.
  let before = 0;
  let after = 0;
  let labels = true;
  for (let c = 0; c < colCount;) {
    let end = c + 1;
    while (end < colCount && a[end - 1] !== true) end++;
    let above = '';
    let here = '';
    for (let k = c; k < end; k++) {
      above += textAt.get(`${r},${k}`) ?? '';
      here += textAt.get(`${r + 1},${k}`) ?? '';
    }
    if (above !== '') before++;
    if (here !== '') after++;
    if (here !== '' && above === '') return false;
    if (here !== '') labels &&= T2_LABELS.has(norm(above)) && T2_LABELS.has(norm(here));
    c = end;
  }
  return after > 0 && after * 2 <= before && !labels;
}

/** Regions: flood fill over missing boundaries, each claiming its bounding box. */
function regions(rows: Row[], xs: number[], right: boolean[][], below: boolean[][], bands: Band[]): { cells: Cell[]; owner: number[][] } {
  const rowCount = rows.length;
  const colCount = xs.length - 1;
  const owner: number[][] = rows.map(() => xs.slice(0, -1).map(() => -1));
  const cells: Cell[] = [];
  for (let r = 0; r < rowCount; r++) {
    for (let c = 0; c < colCount; c++) {
      if ((owner[r] as number[])[c] !== -1) continue;
      const id = cells.length;
      const stack: [number, number][] = [[r, c]];
      let [r0, r1, c0, c1] = [r, r, c, c];
      (owner[r] as number[])[c] = id;
      const visit = (a: number, b: number): void => {
        if (a < 0 || b < 0 || a >= rowCount || b >= colCount || (owner[a] as number[])[b] !== -1) return;
        (owner[a] as number[])[b] = id;
        stack.push([a, b]);
      };
      while (stack.length > 0) {
        const [i, j] = stack.pop() as [number, number];
        [r0, r1, c0, c1] = [Math.min(r0, i), Math.max(r1, i), Math.min(c0, j), Math.max(c1, j)];
        if (j + 1 < colCount && !(right[i] as boolean[])[j]) visit(i, j + 1);
        if (j > 0 && !(right[i] as boolean[])[j - 1]) visit(i, j - 1);
        if (i + 1 < rowCount && !(below[i] as boolean[])[j]) visit(i + 1, j);
        if (i > 0 && !(below[i - 1] as boolean[])[j]) visit(i - 1, j);
      }
      // Claim the bounding box (a non-rectangular region reads as its box).
      for (let i = r0; i <= r1; i++) for (let j = c0; j <= c1; j++) (owner[i] as number[])[j] = id;
      const first = rows[r0] as Row;
      const page = (bands[first.band] as Band).page;
      cells.push({ r: r0, c: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1, text: '', page, rect: [xs[c0] ?? 0, first.y0, xs[c1 + 1] ?? 0, (rows[r1] as Row).y1] });
    }
  }
  return { cells, owner };
}

/**
 * A cell's text set vertically (Word's and LibreOffice's vertical text direction for CJK: upright
 * characters top to bottom, the columns right to left), as its columns in reading order; null for
 * text set in lines. Only geometry tells: one character a run, the characters of a column touching
 * one another, the columns apart — text set in lines, one character a run, has its characters
 * touching along the line and its lines apart. One column reads the same either way (null).
 */
export function verticalColumns(texts: PdfText[]): PdfText[][] | null {
  if (texts.length < 3 || texts.some((t) => [...t.str.trim()].length !== 1)) return null;
  const size = Math.max(...texts.map((t) => t.size));
  const columns: PdfText[][] = [];
  for (const t of [...texts].sort((a, b) => a.x0 - b.x0)) {
    const last = columns[columns.length - 1];
    if (last && Math.abs((last[0] as PdfText).x0 - t.x0) <= 0.3 * size) last.push(t);
    else columns.push([t]);
  }
  // Columns of text set vertically are full but the last: taller than the text is wide. A line
  // spread over its cell (分散对齐: “1  5  9”, a label's characters far apart) gives columns of one
  // character each; digits are never set vertically.
  const longest = Math.max(...columns.map((c) => c.length));
  if (columns.length < 2 || columns.length > longest || columns.filter((c) => c.length < 2).length > 1) return null;
  if (texts.every((t) => /^[\d０-９.,，]$/.test(t.str.trim()))) return null;
  for (const column of columns) {
    column.sort((a, b) => a.y0 - b.y0);
    for (let k = 1; k < column.length; k++) if ((column[k] as PdfText).y0 - (column[k - 1] as PdfText).y1 > 0.05 * size) return null;
  }
  for (let k = 1; k < columns.length; k++) {
    const left = Math.max(...(columns[k - 1] as PdfText[]).map((t) => t.x1));
    const right = Math.min(...(columns[k] as PdfText[]).map((t) => t.x0));
    if (right - left < 0.2 * size) return null;
  }
  return columns.reverse();
}

/** Builds one table from its bands (one per page, in order). */
export function buildTable(bands: Band[]): Table {
  const xs = cluster(
    bands.flatMap((b) => b.frag.lines.filter((l) => l.x0 === l.x1).map((l) => l.x0)).concat(bands.flatMap((b) => [b.frag.x0, b.frag.x1])),
    TOL * 1.5,
  );
  const rows: Row[] = [];
  bands.forEach((b, i) => {
    for (let k = 0; k + 1 < b.ys.length; k++) rows.push({ band: i, y0: b.ys[k] ?? 0, y1: b.ys[k + 1] ?? 0 });
  });
  const placed = placeTexts(bands, rows, xs);
  const { right, below } = boundaries(bands, rows, xs, placed);
  const { cells, owner } = regions(rows, xs, right, below, bands);
  const byCell = new Map<number, { t: PdfText; row: number }[]>();
  for (const { r, c, t } of placed) {
    const cell = (owner[r] as number[])[c] as number;
    byCell.set(cell, [...(byCell.get(cell) ?? []), { t, row: r }]);
  }
  for (const [id, items] of byCell) {
    // In reading order: by fine row (pages), then by line, then left to right; a cell's text set
    // vertically on a page, by its columns.
    const parts: string[] = [];
    const rowsOf = [...new Set(items.map((i) => i.row))].sort((a, b) => a - b);
    const pagesOf = [...new Set(rowsOf.map((r) => (rows[r] as Row).band))];
    for (const band of pagesOf) {
      const own = rowsOf.filter((r) => (rows[r] as Row).band === band);
      const columns = verticalColumns(items.filter((i) => own.includes(i.row)).map((i) => i.t));
      if (columns) parts.push(...columns.map((column) => column.map((t) => t.str.trim()).join('')));
      else
        for (const row of own)
          for (const line of textLines(items.filter((i) => i.row === row).map((i) => i.t))) parts.push(spacedNumber(line) ?? lineText(line));
    }
    (cells[id] as Cell).text = tidy(parts.reduce(joinInCell, ''));
  }
  const last = bands[bands.length - 1] as Band;
  return { cells, rowCount: rows.length, colCount: xs.length - 1, page: (bands[0] as Band).page, lastPage: last.page, y1: last.frag.y1 };
}

/**
 * Drops the rows at the top of a continuation that repeat the table's header: the most rows from
 * the top whose text is the text of as many rows at the table's start, cut at a line across the
 * whole table (a cut through a merged header cell would leave its other rows as body). The text
 * is compared over all the rows together, not row by row: a merged cell's lines, centred in it,
 * fall either side of a fine row's boundary by a fraction of a point from page to page.
 */
export function dropRepeatedHeader(first: Band, band: Band): Band {
  const textOf = (b: Band, k: number): string => {
    const y0 = b.ys[0] ?? 0;
    const y1 = b.ys[k] ?? 0;
    return tidy(
      textLines(b.texts.filter((t) => (t.y0 + t.y1) / 2 >= y0 && (t.y0 + t.y1) / 2 < y1))
        .map(lineText)
        .join(' '),
    );
  };
  const across = (b: Band, k: number): boolean => coverage(b.frag.lines, false, b.ys[k] ?? 0, b.frag.x0, b.frag.x1) > 0.9;
  let k = 0;
  let spilled = new Set<PdfText>();
  for (let n = 1; n < band.ys.length - 1 && n < first.ys.length; n++) {
    if (!across(band, n)) continue;
    const text = textOf(band, n);
    if (text === '' || text !== textOf(first, n)) continue;
    if (across(first, n)) {
      k = n;
      spilled = new Set();
      continue;
    }
    // Only the first n rows repeat, but a merged cell starts in them and goes on below (信息内容 over
    // a part's two header rows, Word repeating the table's first row): where its text lies below
    // row n, the writer draws it again at the same place in the repeated row's cell as tall as the
    // first one — over the rows under it.
    const spill = spilledText(first, band, n);
    if (spill) {
      k = n;
      spilled = spill;
    }
  }
  if (k === 0) return band;
  const cut = band.ys[k] ?? band.frag.y0;
  return {
    ...band,
    headerDropped: true,
    ys: band.ys.slice(k),
    texts: band.texts.filter((t) => (t.y0 + t.y1) / 2 >= cut && !spilled.has(t)),
    frag: { ...band.frag, y0: cut, lines: band.frag.lines.filter((l) => l.y1 >= cut - TOL) },
  };
}

/**
 * The runs of a continuation that are the text of a merged header cell repeated with its first n
 * rows: the first band's runs below row n in cells that no line closes at row n (the merged cell
 * starting above), each found on the continuation with the same text at the same place from the
 * table's top. None found: an empty set (the writer clipped the cell); some but not all: null (not
 * the header's drawing — the rows are not dropped).
 */
function spilledText(first: Band, band: Band, n: number): Set<PdfText> | null {
  const top = first.ys[0] ?? 0;
  const at = first.ys[n] ?? 0;
  const lineAt = (y: number, x: number): boolean => coverage(first.frag.lines, false, y, x - 0.5, x + 0.5) > 0.5;
  const merged = first.texts.filter((t) => {
    const cx = (t.x0 + t.x1) / 2;
    const cy = (t.y0 + t.y1) / 2;
    if (cy < at || lineAt(at, cx)) return false;
    return !first.ys.some((y) => y > at && y <= cy && lineAt(y, cx));
  });
  const shift = (band.ys[0] ?? 0) - top;
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= TOL;
  const found = new Set<PdfText>();
  for (const t of merged) {
    const same = band.texts.find(
      (u) => !found.has(u) && u.str === t.str && near(u.x0, t.x0) && near(u.x1, t.x1) && near(u.y0, t.y0 + shift) && near(u.y1, t.y1 + shift),
    );
    if (same) found.add(same);
  }
  if (found.size === 0) return found;
  return found.size === merged.length ? found : null;
}
