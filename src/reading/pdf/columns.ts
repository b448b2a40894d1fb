/**
 * Prose set in columns side by side (Word's 分栏, a two-column layout): the lines of a page's text
 * (text.ts `textLines`, which makes one line of a left and a right column's lines that share a
 * baseline) read column by column. A gutter is a vertical band free of text across a run of
 * consecutive lines, with prose on both sides of it: each side one stretch of text (no wide gap
 * inside, as a table's row has), its lines left-aligned (a paragraph's first line indented), the
 * left column's full lines ending at the gutter. Only that run of lines is read by columns, not the
 * whole page: a title, an introduction or a table across the full width stays where it is.
 */
import type { PdfText } from './extract.ts';
import { CJK, WIDE_GAP } from './text.ts';

/** A line in reading order: its runs; for a column's line, the column's left and right edges. */
export interface OrderedLine {
  runs: PdfText[];
  /** The column's left edge (where its lines start, a paragraph's first line indented from it). */
  left?: number;
  /** The column's right edge, where its full lines end (the last column's is the page's text edge). */
  right?: number;
  /** For a column's line: where the lines read by columns start (the top of the first), which places them among the page's tables. */
  top?: number;
}

/** The widest gutter, in ems (Word's default is two characters; a heading's date far right is wider). */
const MAX_GUTTER = 5;
/** The narrowest column, in ems. */
const MIN_COLUMN = 8;

const sizeOf = (runs: PdfText[]): number => Math.max(...runs.map((t) => t.size));
const top = (runs: PdfText[]): number => Math.min(...runs.map((t) => t.y0));
const bottom = (runs: PdfText[]): number => Math.max(...runs.map((t) => t.y1));
const left = (runs: PdfText[]): number => Math.min(...runs.map((t) => t.x0));
const right = (runs: PdfText[]): number => Math.max(...runs.map((t) => t.x1));

/** The wide gaps between a line's runs (sorted left to right), as [x0, x1]. */
function wideGaps(runs: PdfText[]): [number, number][] {
  const gaps: [number, number][] = [];
  let end = -Infinity;
  for (const t of runs) {
    if (end > -Infinity && t.x0 - end > WIDE_GAP * t.size) gaps.push([end, t.x0]);
    end = Math.max(end, t.x1);
  }
  return gaps;
}

const text = (runs: PdfText[]): string => runs.map((t) => t.str).join('');

/** Prose on one side of a gutter: text with CJK in it, not a number or a run of numbers. */
const isProse = (runs: PdfText[]): boolean => CJK.test(text(runs)) && !/^[\d\s.,，%-]*$/.test(text(runs));

interface Band {
  start: number;
  /** Exclusive. */
  end: number;
  g0: number;
  g1: number;
  sides: { l: PdfText[]; r: PdfText[] }[];
}

/** The run of lines from `start` with one gutter, or undefined when line `start` starts none. */
function bandAt(lines: PdfText[][], start: number): Band | undefined {
  const first = lines[start] as PdfText[];
  const gaps = wideGaps(first);
  if (gaps.length !== 1) return undefined;
  let [g0, g1] = gaps[0] as [number, number];
  // The body's type: the smaller side's (a heading may stand at the top of a column).
  const size = Math.min(sizeOf(first.filter((t) => t.x1 <= g0)), sizeOf(first.filter((t) => t.x0 >= g1)));
  if (g1 - g0 > MAX_GUTTER * size) return undefined;
  const split = (runs: PdfText[], mid: number): { l: PdfText[]; r: PdfText[] } => ({
    l: runs.filter((t) => (t.x0 + t.x1) / 2 < mid),
    r: runs.filter((t) => (t.x0 + t.x1) / 2 >= mid),
  });
  const sides = [split(first, (g0 + g1) / 2)];
  let lastBoth = start;
  let end = start + 1;
  for (; end < lines.length; end++) {
    const runs = lines[end] as PdfText[];
    const prev = lines[end - 1] as PdfText[];
    // A wide vertical space ends the run, and so does a line in another type with nothing beside it
    // in the other column (a heading across the page, not a column's heading).
    if (top(runs) - bottom(prev) > 1.5 * size) break;
    const { l, r } = split(runs, (g0 + g1) / 2);
    if (Math.abs(sizeOf(runs) - size) > 1 && (l.length === 0 || r.length === 0)) {
      const mid = (g0 + g1) / 2;
      const onLeft = l.length > 0;
      const beside = [lines[end - 1], lines[end + 1]].some((near) =>
        (near ?? []).some((t) => (t.x0 + t.x1) / 2 < mid !== onLeft && t.y1 > top(runs) && t.y0 < bottom(runs)),
      );
      if (!beside) break;
    }
    const n0 = l.length > 0 ? Math.max(g0, right(l)) : g0;
    const n1 = r.length > 0 ? Math.min(g1, left(r)) : g1;
    // The gutter stays free, and each side is one stretch of text.
    if (n1 - n0 <= WIDE_GAP * size || wideGaps(l).length > 0 || wideGaps(r).length > 0) break;
    [g0, g1] = [n0, n1];
    sides.push({ l, r });
    if (l.length > 0 && r.length > 0) lastBoth = end;
  }
  // Lines with text on one side only after the last line with both: the longer column's, when
  // they go on in the same type and line spacing (a heading, or a paragraph after a space, ends it).
  let keep = lastBoth + 1;
  const step = (k: number): number => top(lines[k] as PdfText[]) - top(lines[k - 1] as PdfText[]);
  let pitch = 0;
  for (let k = start + 1; k <= lastBoth; k++) pitch = Math.max(pitch, step(k));
  while (keep < end) {
    const runs = lines[keep] as PdfText[];
    const sameType = Math.abs(sizeOf(runs) - size) <= 1;
    const samePitch = pitch === 0 ? step(keep) < 2 * size : step(keep) <= pitch + 0.3 * size;
    if (!sameType || !samePitch) break;
    keep++;
  }
  sides.length = keep - start;
  return { start, end: keep, g0, g1, sides };
}

/** Whether a band's two sides are columns of prose (not a table's columns, a date beside a heading or a signature). */
function isColumns(band: Band): boolean {
  if (band.end - band.start < 2) return false;
  const lefts = band.sides.map((s) => s.l).filter((l) => l.length > 0);
  const rights = band.sides.map((s) => s.r).filter((r) => r.length > 0);
  const size = sizeOf(band.sides[0]?.l ?? []);
  if (!band.sides.every((s) => (s.l.length === 0 || isProse(s.l)) && (s.r.length === 0 || isProse(s.r)))) return false;
  // Each side's lines start at one edge, a paragraph's first line indented from it by up to three ems.
  const aligned = (sides: PdfText[][]): boolean => {
    const edge = Math.min(...sides.map(left));
    return sides.every((s) => left(s) - edge <= 3 * size);
  };
  if (!aligned(lefts) || !aligned(rights)) return false;
  // The left column is a column's width, and its lines fill it to the gutter (all but a paragraph's last).
  const leftEdge = Math.min(...lefts.map(left));
  if (band.g0 - leftEdge < MIN_COLUMN * size) return false;
  return lefts.filter((l) => right(l) >= band.g0 - size).length >= Math.max(1, Math.min(2, lefts.length - 1));
}

/**
 * The lines of one stretch of a page (no table between them, top to bottom) in reading order: a
 * run of lines set in two columns as the left column's lines, then the right's.
 */
export function readingOrder(lines: PdfText[][]): OrderedLine[] {
  const out: OrderedLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const band = bandAt(lines, i);
    if (!band || !isColumns(band)) {
      out.push({ runs: lines[i] as PdfText[] });
      i++;
      continue;
    }
    const lefts = band.sides.map((s) => s.l).filter((l) => l.length > 0);
    const rights = band.sides.map((s) => s.r).filter((r) => r.length > 0);
    const leftEdge = Math.min(...lefts.map(left));
    const rightEdge = Math.min(...rights.map(left));
    const y = top(lines[band.start] as PdfText[]);
    for (const runs of lefts) out.push({ runs, left: leftEdge, right: band.g0, top: y });
    for (const runs of rights) out.push({ runs, left: rightEdge, top: y });
    i = band.end;
  }
  return out;
}
