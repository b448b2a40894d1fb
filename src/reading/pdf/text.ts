/**
 * Text runs as lines and strings: runs grouped into lines by their baselines, a line's runs joined
 * (a wide gap kept as two spaces, a column break), CJK justification spaces dropped.
 */
import type { PdfText } from './extract.ts';

/** Points within which two positions are the same. */
export const TOL = 2;

export const CJK = /[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]/;

/** Joins two pieces of one text: a space only between two Latin letters or digits. */
export function join(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  const last = a[a.length - 1] ?? '';
  const first = b[0] ?? '';
  if (CJK.test(last) || CJK.test(first) || /\s/.test(last)) return a + b;
  return `${a} ${b}`;
}

/**
 * Joins the lines of one table cell. A cell holds one value: digits that go on on the next line
 * are a number wrapped by a narrow cell (“311” / “9” is 3119, as a person reads it), never two.
 */
export function joinInCell(a: string, b: string): string {
  return /[\d,.]$/.test(a) && /^\d/.test(b) ? a + b : join(a, b);
}

/** Spaces between CJK characters are artefacts of justification, not text. */
export function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]) (?=\S)|(?<=\S) (?=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef])/g, '')
    .trim();
}

export function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Values that cluster within `tol`, each cluster as its mean. */
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

/**
 * Text runs grouped into lines, each sorted left to right: a run joins a line when it overlaps the
 * line's first run by most of its height (a label wrapped beside a row of values, half a line
 * off, is a line of its own, as pdftotext -layout prints it).
 */
export function textLines(texts: PdfText[]): PdfText[][] {
  const sorted = [...texts].sort((a, b) => a.y1 - b.y1 || a.x0 - b.x0);
  const lines: { items: PdfText[]; y0: number; y1: number }[] = [];
  for (const t of sorted) {
    const h = t.y1 - t.y0;
    // Lines are made in the order of their first run's y1, so they stand sorted by y1: those
    // ending above the run (y1 ≤ its y0) cannot overlap it, and the search starts past them.
    let lo = 0;
    for (let hi = lines.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if ((lines[mid] as { y1: number }).y1 <= t.y0) lo = mid + 1;
      else hi = mid;
    }
    let line: (typeof lines)[number] | undefined;
    for (let k = lo; k < lines.length && !line; k++) {
      const l = lines[k] as (typeof lines)[number];
      const overlap = Math.min(l.y1, t.y1) - Math.max(l.y0, t.y0);
      if (overlap > 0.7 * Math.min(h, l.y1 - l.y0)) line = l;
    }
    if (line) line.items.push(t);
    else lines.push({ items: [t], y0: t.y0, y1: t.y1 });
  }
  lines.sort((a, b) => a.y0 - b.y0);
  return lines.map((l) => l.items.sort((a, b) => a.x0 - b.x0));
}

/**
 * A gap between runs of one line wider than this many ems separates cells or columns. Most of an em
 * is wide: neighbouring narrow cells of a tight table stand about an em apart, while the runs of
 * one line of text touch (CJK justification spreads them by a fraction of an em).
 */
export const WIDE_GAP = 0.9;

/**
 * A run of one number's digits: spaced one space apart (“8 5 7 5 8”, as pdf.js gives letter spacing),
 * or written whole (“85758”: own-text.ts leaves letter spacing out of a run's gaps, as Tc); whether
 * a whole run is letter-spaced is told by its width, digits and gaps (a run written without
 * spacing is too narrow for that).
 */
export const SPACED_DIGITS = /^(?:\d(?: \d)*|\d+)$/;

/**
 * A line of one ruled table cell that is one number letter-spaced (Word's 字符间距 加宽, or a number
 * cell distributed, 分散对齐): its digits, each a run of its own or a run of single digits one space
 * apart as pdf.js gives them, “1 5 2” for 152, or both (“2 1” and “8”: a producer placing some
 * glyphs on their own; “3”, “9” and “85758” when own-text.ts read the letter spacing out of a run).
 * The cell's rectangle holds one value, so its digits are one number when the spacing is the same
 * between every two of them (letter spacing spreads every character alike): a run written whole
 * without spacing, as narrow as its digits (“12” beside “5”), or gaps that differ, are not letter
 * spacing and stay as they are (two numbers in one cell). Null when the line is no such number.
 */
export function spacedNumber(items: readonly PdfText[]): string | null {
  if (items.length === 0 || !items.every((t) => SPACED_DIGITS.test(t.str.trim()))) return null;
  const digits = items.map((t) => t.str.replace(/ /g, '')).join('');
  if (digits.length < 2 || (digits.startsWith('0') && digits.length > 1)) return null;
  // Within one run pdf.js put the spaces: each space between two digits, each gap alike.
  if (items.length === 1) return digits;
  const between = items.slice(1).map((t, k) => t.x0 - (items[k] as PdfText).x1);
  const size = Math.max(...items.map((t) => t.size));
  // Touching runs are one number already. A wide gap is no column's inside one cell: a number
  // distributed over a wide cell spreads its digits far apart, but alike.
  if (between.some((g) => g <= 0.1 * size)) return null;
  if (Math.max(...between) - Math.min(...between) > 0.1 * size) return null;
  // A run of n spaced digits is n digits and n − 1 gaps wide: with the gap between runs, each run
  // gives its digits' width, the same as a lone digit's (a run such as “12” beside “5” gives a digit
  // twice too wide: two numbers).
  const gap = between.reduce((a, b) => a + b, 0) / between.length;
  const widths = items.map((t) => {
    const n = t.str.replace(/ /g, '').length;
    return (t.x1 - t.x0 - (n - 1) * gap) / n;
  });
  if (Math.max(...widths) - Math.min(...widths) > 0.1 * size) return null;
  return digits;
}

export function lineText(items: PdfText[]): string {
  let out = '';
  let prev: PdfText | undefined;
  for (const t of items) {
    const gap = prev ? t.x0 - prev.x1 : 0;
    // A wide gap separates columns (a table drawn without lines): keep it as two spaces, as
    // `pdftotext -layout` does, so that the text table reader sees the cells apart.
    if (prev && gap > WIDE_GAP * t.size) out = `${out.trimEnd()}\u001f`;
    else if (prev && gap > 0.25 * t.size && !CJK.test(out[out.length - 1] ?? '') && !CJK.test(t.str[0] ?? '')) out += ' ';
    out += t.str;
    prev = t;
  }
  return tidy(out).replaceAll('\u001f', '  ');
}
