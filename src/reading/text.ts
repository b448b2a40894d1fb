/** Text helpers: label normalisation, similarity, and offset → line/column mapping. */

const PLAIN = /^[\u4e00-\u9fffA-Za-z0-9]*$/;

/**
 * Normalises a label for matching: NFKC (full-width → half-width), no whitespace, no Markdown
 * markup, one form of quotes and brackets. Labels arrive as "不 予 公 开", "社会公益组\n织",
 * "(二)" or "（二）": all must compare equal.
 */
export function norm(text: string): string {
  // Most labels are plain CJK ideographs, letters and digits, which none of the steps below
  // change (NFKC maps no character of U+4E00–U+9FFF): skip the normalisation for them.
  if (PLAIN.test(text)) return text;
  return (
    text
      .normalize('NFKC')
      .replace(/[\s\u200b\ufeff*#>|`_\\]+/g, '')
      .replace(/[“”„‟＂「」『』]/g, '"')
      .replace(/[‘’‚‛]/g, "'")
      .replace(/[〔［【]/g, '[')
      .replace(/[〕］】]/g, ']')
      .replace(/[—–－―]/g, '-')
      // Labels use 、 and ， interchangeably ("逾期不补正、行政机关" / "逾期不补正, 行政机关").
      .replace(/[,，]/g, '、')
  );
}

const ENUMERATOR = /^(?:[一二三四五六七八九十]{1,3}[、.,:]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、,:](?!\d)|\(\d{1,2}\))/;

/** Removes leading enumerators such as 一、 (三) 1. from a normalised label. */
export function stripEnumerators(normalized: string): string {
  let s = normalized;
  for (;;) {
    const m = ENUMERATOR.exec(s);
    if (!m) return s;
    s = s.slice(m[0].length);
  }
}

/**
 * Line breaks and the spaces around them: PDF text kept in the page's lines (`pdftotext -layout`)
 * cuts words and sentences anywhere, often with a blank line between the lines.
 */
const LINE_BREAKS = /[ \t\u3000]*(?:\n[ \t\u3000]*)+/g;

/** The text without the matches of `re` (a global regex), with each character's index in the text. */
export function withoutMatches(text: string, re: RegExp): { words: string; at: number[] } {
  let words = '';
  const at: number[] = [];
  let from = 0;
  for (const b of text.matchAll(re)) {
    for (let i = from; i < b.index; i++) at.push(i);
    words += text.slice(from, b.index);
    from = b.index + b[0].length;
  }
  for (let i = from; i < text.length; i++) at.push(i);
  return { words: words + text.slice(from), at };
}

/** Also a single space between two ideographs: a justified line's characters spread apart (“未 收 取 信 息 处 理”). */
const LINE_BREAKS_AND_SPREAD = /[ \t\u3000]*(?:\n[ \t\u3000]*)+|(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g;

/**
 * The text without its line breaks and the spaces around them (and, when `spread`, the single
 * spaces between ideographs), with each character's index in the text.
 */
export function unwrapLines(text: string, spread = false): { words: string; at: number[] } {
  return withoutMatches(text, spread ? LINE_BREAKS_AND_SPREAD : LINE_BREAKS);
}

/** Length of the longest common subsequence of two short strings (of their UTF-16 code units). */
export function lcsLength(a: string, b: string): number {
  const m = b.length;
  if (a.length === 0 || m === 0) return 0;
  // Two rows of the table in typed arrays: the reading runs this for every heading candidate.
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    for (let j = 1; j <= m; j++) {
      if (b.charCodeAt(j - 1) === c) cur[j] = (prev[j - 1] ?? 0) + 1;
      else cur[j] = Math.max(prev[j] ?? 0, cur[j - 1] ?? 0);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m] ?? 0;
}

/** Similarity in [0, 1]: common subsequence over the longer length. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : lcsLength(a, b) / longest;
}

export interface PointAt {
  line: number;
  column: number;
  offset: number;
}

/**
 * Maps offsets in the source to 1-based line and column. Lines end at \r\n, \r or \n, as in an
 * editor and in micromark (the engine normalises line endings first; other callers may not).
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && source.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  point(offset: number): PointAt {
    const clamped = Math.max(0, Math.min(offset, this.source.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - (this.starts[lo] ?? 0) + 1, offset: clamped };
  }

  span(start: number, end: number): { start: PointAt; end: PointAt } {
    return { start: this.point(start), end: this.point(Math.max(start, end)) };
  }

  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.source.length;
  }

  lineEnd(line: number): number {
    const next = this.starts[line];
    if (next === undefined) return this.source.length;
    // Before the line ending: \r\n is two characters.
    return this.source.charCodeAt(next - 1) === 10 && this.source.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }
}

export const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
