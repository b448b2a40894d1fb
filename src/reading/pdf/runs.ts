/**
 * Glyphs gathered into runs of text, as a reader sees words and cells on the page.
 *
 * A run is what one reads without lifting the eye: glyphs on one baseline, written in one
 * direction (along a line, or down a column for a vertical font), in one font at one size, each
 * starting about where the one before it ended. All of it is measured on the page, from each
 * glyph's place (its text rendering matrix) and where its advance takes the pen, in ems of the
 * run's font (the font size as the page shows it), so that neither the content stream's way of
 * moving the pen (Td, Tm, TJ numbers, word spacing) nor its scale matters.
 *
 * The gap between where the run's last glyph ended and where the next one starts, along the run,
 * less the character spacing (Tc) after it: letter spacing the writer set for the text (Word's
 * 字符间距加宽 1.5 pt is Tc 1.5, an eighth of an em at 12 pt) spaces no words, whatever its size.
 * - at most a tenth of an em: the glyphs touch (kerning pairs; tracking a producer writes as
 *   glyph positions, as Word's “expanded by 1 pt”, 0.095 em at 10.5 pt); the glyph joins the run;
 * - up to 0.6 em: a word space (a Latin font's space is a quarter to a third of an em, a CJK
 *   font's half an em, justification stretches either a little); the run goes on after one ' ';
 * - more: the eye jumps, as between two cells of a table (Word's default cell margins alone are
 *   0.38 cm, a full em of 10.5 pt text), or between columns laid out with tabs; a new run begins.
 * Letter spacing written as glyph positions instead (a TJ number after every glyph, no Tc) is a
 * gap too, but one that sets every two glyphs of the run apart alike: where at least three gaps of
 * a run are one width, wider than glyphs that touch, and every other gap is wider than that by more
 * than glyphs that touch, that width is the run's letter spacing and is left out of its gaps as Tc
 * is (“2 0 2 4 年” reads 2024年); a wider gap is still a space (two cells' values stay two), and a
 * run with glyphs that touch, or a gap between the two widths, has no letter spacing.
 * A step back of more than a fifth of an em (more than a kerning pair takes back: an overprint, a
 * line started again) begins a new run too, and so does a glyph off the run's baseline by more
 * than a quarter of an em (another line, a superscript), in another direction, font or size.
 *
 * A space character shown is no glyph of a run: it only moves the pen, and the gap it leaves is
 * measured as any other. Where it leaves none (a space of no width, or one the TJ takes back),
 * it still stands between two glyphs of the run as the ' ' the text has there.
 */
import type { Matrix } from './own-text.ts';

/** A run of text: its string, the first glyph's matrix on the page, its length along the run, its font. */
export interface TextRun {
  str: string;
  transform: Matrix;
  width: number;
  fontName: string;
}

/** A glyph drawn, as the text reader hands it over (its text rendering matrix and where it ends). */
export interface Glyph {
  unicode: string;
  /** The text rendering matrix: the glyph's origin (e, f), its em along x (a, b) and up y (c, d). */
  at: Matrix;
  /** The pen's place on the page after the glyph's advance (without character or word spacing). */
  end: [number, number];
  /**
   * How far the character spacing (Tc) moves the pen after the glyph, on the page along the run:
   * letter spacing the writer chose for the text (Word's 字符间距加宽), no gap between words.
   */
  tracking: number;
  /** The font size on the page along the run (an em, without horizontal scaling). */
  em: number;
  /** The font size (text space) and the font (a change of either begins a new run), and its key for the run. */
  size: number;
  font: string;
  fontName: string;
  vertical: boolean;
}

/** Gaps along the run, in ems: at most JOIN the glyphs touch, at most SPACE a word space, more a new run. */
const JOIN = 0.1;
const SPACE = 0.6;
/** A step back longer than this (in ems) begins a new run. */
const BACK = 0.2;
/** Off the baseline by more than this (in ems across the run) begins a new run. */
const OFF_LINE = 0.25;

interface Run {
  /** The glyphs' Unicode, and the gap before each (in ems; NaN: a space character shown there). */
  str: string[];
  gaps: number[];
  transform: Matrix;
  fontName: string;
  size: number;
  font: string;
  vertical: boolean;
  /** The run's direction on the page (a unit vector) and the em along and across it. */
  ux: number;
  uy: number;
  em: number;
  breadth: number;
  /** Where the pen stands after the last glyph, and its character spacing (Tc) after it. */
  x: number;
  y: number;
  tracking: number;
  /** A space character shown since the last glyph. */
  spaced: boolean;
}

export class Runs {
  private run: Run | undefined;

  constructor(readonly items: TextRun[]) {}

  /**
   * A space character shown: the pen moved, and the text has a space if a glyph of the run
   * follows; the character spacing after it (`tracking`, on the page) is letter spacing too.
   */
  space(tracking: number): void {
    if (!this.run) return;
    this.run.spaced = true;
    this.run.tracking += tracking;
  }

  /** The run ends here (the end of the text, a picture or form drawn). */
  end(): void {
    const run = this.run;
    if (!run) return;
    const [x0, y0] = [run.transform[4], run.transform[5]];
    // A line's length from its first glyph's origin to where the pen ended; a column's item is as
    // broad as its glyphs (pdf.js's items give a column so: extract.ts boxes both alike).
    const width = run.vertical ? run.breadth : Math.abs((run.x - x0) * run.ux + (run.y - y0) * run.uy);
    const tracking = letterSpacing(run.gaps);
    const str = run.str.map((u, k) => {
      const gap = run.gaps[k] ?? 0;
      return k > 0 && (Number.isNaN(gap) || gap - tracking > JOIN) ? ` ${u}` : u;
    });
    this.items.push({ str: str.join(''), transform: run.transform, width, fontName: run.fontName });
    this.run = undefined;
  }

  add(g: Glyph): void {
    const [a, b, c, d, x, y] = g.at;
    // Along a line: the matrix's x axis; down a column: against its y axis.
    const along = g.vertical ? Math.hypot(c, d) : Math.hypot(a, b);
    const ux = g.vertical ? -c / along : a / along;
    const uy = g.vertical ? -d / along : b / along;
    let run = this.run;
    if (run && (run.size !== g.size || run.font !== g.font || run.vertical !== g.vertical || run.ux !== ux || run.uy !== uy)) this.end();
    run = this.run;
    if (run) {
      const dx = x - run.x;
      const dy = y - run.y;
      const gap = (dx * run.ux + dy * run.uy - run.tracking) / run.em;
      const off = Math.abs(dx * run.uy - dy * run.ux) / run.breadth;
      if (off > OFF_LINE || gap < -BACK || gap > SPACE) this.end();
      else run.gaps.push(run.spaced ? Number.NaN : gap);
    }
    if (!this.run) {
      // Across the run, the glyphs' height (a vertical font's: their breadth).
      const breadth = g.vertical ? Math.hypot(a, b) : Math.hypot(c, d);
      this.run = {
        str: [],
        gaps: [0],
        transform: g.at,
        fontName: g.fontName,
        size: g.size,
        font: g.font,
        vertical: g.vertical,
        ux,
        uy,
        em: g.em,
        breadth,
        x,
        y,
        tracking: 0,
        spaced: false,
      };
    }
    const r = this.run as Run;
    r.str.push(g.unicode);
    r.x = g.end[0];
    r.y = g.end[1];
    r.tracking = g.tracking;
    r.spaced = false;
  }
}

/** Gaps (in ems) within this of one another are the same letter spacing (a TJ number written again). */
const SAME = 0.005;
/** Letter spacing is seen in this many gaps at least (four glyphs): fewer show no rule. */
const SPACED_GAPS = 3;

/**
 * Letter spacing written as glyph positions (a TJ number after every glyph, not Tc: 字符间距 as
 * some producers write it), in ems: the gap that sets every two glyphs of the run apart, when it is
 * wider than glyphs that touch. It is the run's letter spacing when it holds between at least
 * SPACED_GAPS pairs of glyphs and every other gap is wider by more than glyphs that touch (a word
 * space or a gap between two cells' values, kept as one): a gap between the two, or glyphs closer
 * than it, and the run is spaced by no rule, as a line justified by TJ numbers (0: none).
 */
function letterSpacing(gaps: readonly number[]): number {
  const between = gaps.slice(1).filter((g) => !Number.isNaN(g));
  if (between.length < SPACED_GAPS) return 0;
  const spacing = Math.min(...between);
  if (!(spacing > JOIN)) return 0;
  let same = 0;
  for (const g of between) {
    if (g - spacing <= SAME) same++;
    else if (g - spacing <= JOIN) return 0;
  }
  return same >= SPACED_GAPS ? spacing : 0;
}
