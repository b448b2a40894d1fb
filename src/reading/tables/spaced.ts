/**
 * Letter-spaced numbers in text without cell delimiters (`pdftotext -layout`, plain `pdftotext`,
 * a PDF's table drawn without lines): Word's character spacing (字符间距 加宽) or a distributed
 * number cell (分散对齐) prints 483 as “4 8 3”, its digits one space apart, while cells stand two
 * spaces or more apart (or on lines of their own).
 *
 *     一、本年新收政府信息公开申请数量     1 5 2   9 6   2 0   1 6   8 4   2 4   3 9 2
 *
 * A single space between digits is also what a tight row prints between two cells (“41 3 0 0 0 0
 * 44”), or a space typed between two numbers. The spaced runs are one number each only where no
 * other reading fits the row: the row shows more values than its cells, and its pieces (each run of
 * single digits one space apart, each other value) are exactly its cells. Reading a run as several
 * cells would then give the row more cells than it has; every piece is one cell at least (cells
 * stand apart by wider gaps), so each is one. A run with a leading 0 (“0 5”) is no number, and a
 * run that is not single digits alike (“12 5”, “1  5”) is no letter spacing: the row stays as found.
 * The layout chose the reading, not the row's sums: the relations check the numbers like any others.
 */
import type { Token } from '../tokens.ts';

/** Whether two single digits of the values stand one space apart (Token.spread): maybe one number's. */
export function hasSpacedDigits(values: readonly Token[]): boolean {
  return values.some((t, i) => {
    const next = values[i + 1];
    return t.spread !== undefined && next?.spread === t.spread && t.raw.length === 1 && next.raw.length === 1;
  });
}

/** The values in runs: numbers one space apart together (Token.spread), any other value alone. */
function runsOf(values: readonly Token[]): Token[][] {
  const runs: Token[][] = [];
  for (const t of values) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && t.spread !== undefined && prev.spread === t.spread) last.push(t);
    else runs.push([t]);
  }
  return runs;
}

/** A run that may be one number letter-spaced: single digits, not led by 0. */
const mayBeSpaced = (run: readonly Token[]): boolean => run.length > 1 && run[0]?.raw !== '0' && run.every((t) => t.kind === 'num' && t.raw.length === 1);

/**
 * Whether the row shows letter spacing: more values than cells, and among them a run that may be
 * one number spaced out, and not whole rows of cells (a tight row's single digits one space apart,
 * “1 0 0 0 0 0 1”, printed with another row's).
 */
export function showsSpacing(values: readonly Token[], expected: number): boolean {
  return values.length > expected && runsOf(values).some((run) => mayBeSpaced(run) && (expected === 1 || run.length % expected !== 0));
}

/** The row's values with each letter-spaced run joined into one number; null when that is not the one reading. */
export function joinSpacedRuns(values: readonly Token[], expected: number): Token[] | null {
  if (!showsSpacing(values, expected) || values.some((t) => t.kind === 'blank')) return null;
  // A run of single digits is one piece; a run that holds a number of several digits (“201 6 7”) is
  // cells one space apart, each a piece, as is any other value.
  const split = runsOf(values).flatMap((p) => (p.every((t) => t.kind === 'num' && t.raw.length === 1) ? [p] : p.map((t) => [t])));
  if (split.length !== expected) return null;
  const out: Token[] = [];
  for (const piece of split) {
    const first = piece[0] as Token;
    const last = piece[piece.length - 1] as Token;
    if (piece.length === 1) {
      out.push(first);
      continue;
    }
    const raw = piece.map((t) => t.raw).join('');
    if (raw.startsWith('0')) return null;
    out.push({ kind: 'num', raw, norm: '', value: Number(raw), start: first.start, end: last.end, rowKey: first.rowKey, delimited: false, glued: first.glued });
  }
  return out;
}
