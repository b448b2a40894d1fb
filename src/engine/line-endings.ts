/** Line endings: what the rules read (\n only) and back to the file's own offsets. */
import type { Diagnostic, TextEdit } from '../types.ts';

/**
 * Old Mac exports end lines with a lone \r, Windows with \r\n, some converters mix them. An editor
 * (and micromark) ends a line at each of \r\n, \r and \n; the reading code splits on \n. Every
 * line ending becomes \n: each character keeps its line and column, so the findings' positions are
 * those the editor shows for the original text (only offsets into it differ, by one per \r\n).
 */
export function normalizeLineEndings(source: string): string {
  return source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
}

/**
 * Fixes are offsets into the text the rules read, where \r\n became \n: moved back to offsets into
 * the original, so that they apply to the file as it is (an edit at a line's end stays before its
 * \r\n).
 */
export function originalOffsets(original: string): (m: Diagnostic) => Diagnostic {
  // The normalised offsets of the \n of each \r\n (where a \r was taken out), ascending.
  const removed: number[] = [];
  for (let i = original.indexOf('\r\n'); i >= 0; i = original.indexOf('\r\n', i + 2)) removed.push(i - removed.length);
  const map = (n: number): number => {
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((removed[mid] ?? 0) < n) lo = mid + 1;
      else hi = mid;
    }
    return n + lo;
  };
  const edit = (e: TextEdit): TextEdit => ({ range: [map(e.range[0]), map(e.range[1])], text: e.text });
  return (m) => {
    if (!m.fix && !m.suggestions) return m;
    const out: Diagnostic = { ...m };
    if (m.fix) out.fix = edit(m.fix);
    if (m.suggestions) out.suggestions = m.suggestions.map((s) => ({ ...s, fix: edit(s.fix) }));
    return out;
  };
}
