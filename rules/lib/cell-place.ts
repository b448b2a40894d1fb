/**
 * Whether an offset is certainly inside one table cell, so that writing a value there fills that
 * cell and no other: between two pipes of a pipe row, between two tabs (or a tab and the line's
 * start or end) of a tab-separated row, or right after a `<td>`/`<th>` start tag with nothing but
 * space up to the cell's end. Space-aligned text (a PDF's layout) has no such place: there an
 * empty cell is no character at all.
 */

/** A `<td …>`/`<th …>` start tag ending at the end of the text (quoted attribute values may hold `>`). */
const START_TAG_BEFORE = /<t[dh](?=[\s/>])(?:[^>"'<]|"[^"]*"|'[^']*')*>[ \t\u00a0]*$/i;
/** What may follow an empty HTML cell's place: space, `&nbsp;`, `<br>`, then the cell's end or the next cell. */
const CELL_END_AFTER = /^(?:[ \t\u00a0]|&nbsp;|&#160;|<br\s*\/?>)*(?:<\/t[dh]\s*>|<t[dh][\s/>]|<\/tr\s*>|\r?\n|$)/i;

function lineAround(source: string, offset: number): { before: string; after: string } {
  const start = Math.max(source.lastIndexOf('\n', offset - 1) + 1, 0);
  let end = source.indexOf('\n', offset);
  if (end === -1) end = source.length;
  if (end > start && source[end - 1] === '\r') end--;
  return { before: source.slice(start, offset), after: source.slice(offset, Math.max(offset, end)) };
}

export function certainlyInCell(source: string, offset: number): boolean {
  if (offset < 0 || offset > source.length) return false;
  const { before, after } = lineAround(source, offset);
  // HTML: look back no further than the last `<` (a start tag), bounded for long crawled lines.
  const tagStart = before.lastIndexOf('<');
  if (tagStart !== -1 && before.length - tagStart < 2000 && START_TAG_BEFORE.test(before.slice(tagStart))) {
    return CELL_END_AFTER.test(after.slice(0, 200));
  }
  const lineText = before + after;
  if (/[<>]/.test(before.slice(-1)) || /^[<>]/.test(after)) return false;
  const pipe = /(?<!\\)\|/;
  if (lineText.includes('\t')) {
    const left = before.replace(/[ \u3000]*$/, '');
    const right = after.replace(/^[ \u3000]*/, '');
    const leftOk = left === '' || left.endsWith('\t') || (left.endsWith('|') && !left.endsWith('\\|'));
    const rightOk = right === '' || right.startsWith('\t') || right.startsWith('|');
    return leftOk && rightOk;
  }
  if (pipe.test(lineText)) {
    const left = before.replace(/[ \u3000]*$/, '');
    const right = after.replace(/^[ \u3000]*/, '');
    return left.endsWith('|') && !left.endsWith('\\|') && right.startsWith('|');
  }
  return false;
}
