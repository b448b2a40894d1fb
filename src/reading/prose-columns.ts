/**
 * Two columns of prose side by side in PDF text kept in the page's lines (`pdftotext -layout`): each
 * line holds a line of the left column, a wide gap, and a line of the right column
 *
 *     2024 年 度 本 单 位 未 收 取 信 息 处 理                福州市示例区工业和信息化局
 *     费。本单位认真落实政务公开工作要点，                               2025年1月15日
 *     无其他需要报告的事项。
 *
 * so a sentence of the left column runs on through the right column's words. The prose is read in
 * reading order instead: the left column's lines, then the right column's, in the same place of
 * the text (the block keeps its length, so every offset outside it is unchanged), with a map back to
 * where each character stands. Only a run of lines between blank lines that is two columns of
 * prose throughout: at least two lines with one wide gap (four spaces or more) whose right parts
 * start within a few characters of one another, every other line wholly left of them (the left
 * column going on alone) or starting there (the right column alone), no line with more gaps (a
 * table's header or row), no number alone on the right (a table's value), ideographs on both
 * sides and a sentence's punctuation. Tables are read from the text as it is (they never come here).
 */
import { CJK, LineIndex, type PointAt } from './text.ts';

/** The text in reading order and where each of its characters stands in the source. */
export interface ProseOrder {
  readonly text: string;
  toSource(offset: number): number;
}

interface Line {
  start: number;
  text: string;
}

/** A line split at its one wide gap: the left part's end and the right part's start (line columns). */
interface Parts {
  leftEnd: number;
  rightStart: number;
}

const GAP = /\S( {4,})(?=\S)/g;
const PUNCT = /[，。；]/;
/** How far apart (characters) the right column's lines may start: a paragraph's first-line indent, digits narrower than ideographs. */
const WINDOW = 8;

function gaps(line: string): Parts[] {
  const out: Parts[] = [];
  for (const m of line.matchAll(GAP)) out.push({ leftEnd: m.index + 1, rightStart: m.index + 1 + (m[1]?.length ?? 0) });
  return out;
}

/** The block's lines as [left, right] texts (either may be empty), or null when the run is not two columns of prose. */
function columnsOf(lines: readonly Line[]): Array<[string, string]> | null {
  const split = lines.map((l) => gaps(l.text));
  if (split.some((g) => g.length > 1)) return null;
  const both = split.flatMap((g) => g);
  if (both.length < 2) return null;
  const from = Math.min(...both.map((p) => p.rightStart));
  const to = Math.max(...both.map((p) => p.rightStart));
  if (to - from > WINDOW || both.some((p) => p.leftEnd >= from)) return null;
  const out: Array<[string, string]> = [];
  for (const [i, line] of lines.entries()) {
    const g = split[i]?.[0];
    const text = line.text.trimEnd();
    if (g) out.push([text.slice(0, g.leftEnd), text.slice(g.rightStart)]);
    else if (text.length - text.trimStart().length >= from - WINDOW / 2) out.push(['', text.trimStart()]);
    else if (text.length < from) out.push([text, '']);
    else return null;
  }
  const left = out.map(([l]) => l).join('');
  const right = out.map(([, r]) => r).join('');
  // A value alone on the right is a table's row; prose has ideographs in both columns and its
  // sentences' punctuation (a signature beside a paragraph has none of its own).
  if (out.some(([, r]) => /^[\d\s.,%\-—－/／]+$/.test(r) && r !== '') || !CJK.test(left) || !CJK.test(right) || !PUNCT.test(left + right)) return null;
  return out;
}

/** The source with its two-column prose blocks in reading order, or null when it has none. */
export function proseInReadingOrder(source: string): ProseOrder | null {
  if (!source.includes('    ')) return null;
  const lines: Line[] = [];
  for (let start = 0; start <= source.length;) {
    const end = source.indexOf('\n', start);
    const stop = end === -1 ? source.length : end;
    lines.push({ start, text: source.slice(start, stop) });
    start = stop + 1;
  }
  // Pieces of the rewritten text: [start in the text, start in the source, length].
  const pieces: Array<[number, number, number]> = [];
  /** The rewritten blocks: [start, end), the same in the text and the source. */
  const blocks: Array<[number, number]> = [];
  let text = '';
  let copied = 0;
  const blank = (l: Line | undefined) => !l || l.text.trim() === '' || /[\r\f\t]/.test(l.text);
  for (let i = 0; i < lines.length;) {
    if (blank(lines[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && !blank(lines[j])) j++;
    const run = lines.slice(i, j);
    const columns = run.length >= 2 ? columnsOf(run) : null;
    const first = run[0];
    const last = run[run.length - 1];
    if (columns && first && last) {
      const blockEnd = last.start + last.text.length;
      text += source.slice(copied, first.start);
      const block: string[] = [];
      let at = text.length;
      const put = (piece: string, line: Line, column: number) => {
        if (block.length > 0) at += 1;
        block.push(piece);
        if (piece.length > 0) pieces.push([at, line.start + column, piece.length]);
        at += piece.length;
      };
      for (const [k, [left]] of columns.entries()) if (left !== '') put(left, run[k] as Line, 0);
      for (const [k, [, right]] of columns.entries()) if (right !== '') put(right, run[k] as Line, (run[k] as Line).text.trimEnd().length - right.length);
      const written = block.join('\n');
      text += written + ' '.repeat(Math.max(0, blockEnd - first.start - written.length));
      blocks.push([first.start, blockEnd]);
      copied = blockEnd;
    }
    i = j;
  }
  if (pieces.length === 0) return null;
  text += source.slice(copied);
  return {
    text,
    toSource(offset) {
      // Outside the blocks the text is the source's; inside, the piece holding the offset, or the
      // end of the one before it (a line break or the padding the block was written with).
      const block = blocks.find(([a, b]) => offset >= a && offset < b);
      if (!block) return offset;
      let best: [number, number, number] | undefined;
      for (const piece of pieces) if (piece[0] >= block[0] && piece[0] <= offset) best = piece;
      if (!best) return block[0];
      const [at, from, length] = best;
      return offset < at + length ? from + offset - at : from + length;
    },
  };
}

/** Lines and columns of the source for offsets into the text in reading order. */
class ReadingOrderLines extends LineIndex {
  constructor(
    source: string,
    private readonly order: ProseOrder,
  ) {
    super(source);
  }

  override point(offset: number): PointAt {
    return super.point(this.order.toSource(offset));
  }

  override span(start: number, end: number): { start: PointAt; end: PointAt } {
    // A span across the columns may end before it starts in the source.
    const a = this.order.toSource(start);
    const b = this.order.toSource(Math.max(start, end));
    return { start: super.point(Math.min(a, b)), end: super.point(Math.max(a, b)) };
  }
}

/**
 * The source's prose in reading order and the lines its offsets are placed by: the source and its
 * own lines when it has no two columns of prose (the same offsets outside them; the places of facts
 * found in it are the source's).
 */
export function readingOrder(source: string, lines: LineIndex): { prose: string; proseLines: LineIndex } {
  const order = proseInReadingOrder(source);
  return order ? { prose: order.text, proseLines: new ReadingOrderLines(lines.source, order) } : { prose: source, proseLines: lines };
}
