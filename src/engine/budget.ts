/**
 * A cheap look at the text before remark parses it. micromark recurses once per level of block
 * quotes and lists (thousands of `>` overflow the stack) and is superlinear on some shapes
 * (`- `×10000, `*`×10000 x `*`×10000, `[`×n x `](y)`×n, rows of thousands of cells): such a file
 * would take the whole run down or take minutes. One linear pass measures those shapes; a file
 * beyond a limit is refused with one fatal message, and the run goes on with the other files.
 *
 * The limits are far above anything a real report has (a few levels of lists, tables of a dozen
 * columns), and can be raised through `LintTextOptions.limits`. The time budget per file (a worker
 * that can be stopped) is the caller's; this only refuses what can be recognised without parsing.
 */
import type { MessageId } from './messages.ts';

export interface ParseLimits {
  /** Characters of text (default 5,000,000: reports are a few hundred thousand). */
  maxLength: number;
  /** Levels of block quotes and lists on one line (default 40). */
  maxNesting: number;
  /** Longest run of one emphasis marker (`*`, `_`, `~`) outside a thematic break (default 100). */
  maxDelimiterRun: number;
  /** Unclosed `[` in one paragraph (nested links and images; default 40). */
  maxBracketDepth: number;
  /** `|` on one line (table cells; default 1,000). */
  maxPipesPerLine: number;
  /** Runs of emphasis markers in one paragraph (`*_*_*_…` is quadratic; default 5,000). */
  maxDelimiterRuns: number;
  /** Consecutive lines with a `|` (table rows are quadratic in GFM; default 2,000). */
  maxTableRows: number;
}

export const DEFAULT_LIMITS: Readonly<ParseLimits> = {
  maxLength: 5_000_000,
  maxNesting: 40,
  maxDelimiterRun: 100,
  maxBracketDepth: 40,
  maxPipesPerLine: 1000,
  maxDelimiterRuns: 5000,
  maxTableRows: 2000,
};

export interface BudgetExceeded {
  messageId: MessageId;
  data: Record<string, number>;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** A thematic break (`- - -`, `***`, `___ _`): a line of one marker, not nested lists or emphasis. */
const THEMATIC_BREAK = /^[ \t]*(?:>[ \t]*)*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** The first limit the text exceeds, or undefined. Linear in the length of the text. */
export function checkBudget(source: string, limits: Partial<ParseLimits> = {}): BudgetExceeded | undefined {
  const max = { ...DEFAULT_LIMITS, ...limits };
  if (source.length > max.maxLength) return { messageId: 'fileTooLong', data: { length: source.length, limit: max.maxLength } };
  // Content columns of the open list items (a line indented less than one's content closes it).
  const items: number[] = [];
  const block = { brackets: 0, runs: 0, rows: 0 };
  let lineNumber = 0;
  let pos = 0;
  while (pos <= source.length) {
    let end = pos;
    while (end < source.length) {
      const c = source.charCodeAt(end);
      if (c === LF || c === CR) break;
      end++;
    }
    lineNumber++;
    const found = checkLine(source, pos, end, items, max, lineNumber, block);
    if (found) return found;
    // \r\n is one line end; lone \r and \n are one each, as CommonMark counts them.
    pos = source.charCodeAt(end) === CR && source.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
  }
  return undefined;
}

function checkLine(
  source: string,
  start: number,
  end: number,
  items: number[],
  max: ParseLimits,
  line: number,
  /** Counts over the current paragraph (reset at a blank line). */
  block: { brackets: number; runs: number; rows: number },
): BudgetExceeded | undefined {
  // The container prefix: quote markers and list markers, and the indentation before them.
  let p = start;
  let column = 0;
  let quotes = 0;
  let blank = true;
  const isBreak = end - start < 10_000 ? THEMATIC_BREAK.test(source.slice(start, end)) : false;
  for (;;) {
    while (p < end && (source.charCodeAt(p) === SPACE || source.charCodeAt(p) === TAB)) {
      column = source.charCodeAt(p) === TAB ? column + 4 - (column % 4) : column + 1;
      p++;
    }
    if (p >= end) break;
    blank = false;
    const c = source.charCodeAt(p);
    if (c === 62 /* > */) {
      if (++quotes + items.length > max.maxNesting) return nesting(max, line);
      p++;
      column++;
      continue;
    }
    const marker = isBreak ? 0 : listMarkerLength(source, p, end);
    if (marker === 0) break;
    while (items.length > 0 && (items[items.length - 1] ?? 0) > column) items.pop();
    p += marker;
    column += marker;
    items.push(column + 1);
    if (items.length + quotes > max.maxNesting) return nesting(max, line);
  }
  if (!blank) {
    // A line that is not a list item closes the items whose content it is not indented into.
    while (items.length > 0 && (items[items.length - 1] ?? 0) > column + 3) items.pop();
  }
  if (items.length + quotes > max.maxNesting) return nesting(max, line);
  if (blank) {
    block.brackets = 0;
    block.runs = 0;
    block.rows = 0;
    return undefined;
  }

  let run = 0;
  let runChar = 0;
  let pipes = 0;
  for (let i = p; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */) {
      run = c === runChar ? run + 1 : 1;
      runChar = c;
      if (run === 1 && ++block.runs > max.maxDelimiterRuns && !isBreak) {
        return { messageId: 'fileTooManyEmphasis', data: { line, limit: max.maxDelimiterRuns } };
      }
      if (run > max.maxDelimiterRun && !isBreak) return { messageId: 'fileTooManyDelimiters', data: { line, count: run, limit: max.maxDelimiterRun } };
      continue;
    }
    runChar = 0;
    if (c === 124 /* | */) {
      if (++pipes > max.maxPipesPerLine) return { messageId: 'fileTooManyCells', data: { line, limit: max.maxPipesPerLine } };
      if (pipes === 1 && ++block.rows > max.maxTableRows) return { messageId: 'fileTooManyRows', data: { line, limit: max.maxTableRows } };
    } else if (c === 91 /* [ */) {
      if (++block.brackets > max.maxBracketDepth) return { messageId: 'fileTooManyBrackets', data: { line, limit: max.maxBracketDepth } };
    } else if (c === 93 /* ] */ && block.brackets > 0) {
      block.brackets--;
    } else if (c === 92 /* \ */) {
      i++; // an escaped character is text
    }
  }
  return undefined;
}

/** The length of a list marker at p (`-`, `*`, `+`, `1.`, `1)` followed by a space or the line end), or 0. */
function listMarkerLength(source: string, p: number, end: number): number {
  const c = source.charCodeAt(p);
  let q = p;
  if (c === 45 || c === 42 || c === 43) q = p + 1;
  else {
    while (q < end && q - p < 9 && source.charCodeAt(q) >= 48 && source.charCodeAt(q) <= 57) q++;
    if (q === p || q >= end) return 0;
    const d = source.charCodeAt(q);
    if (d !== 46 && d !== 41) return 0;
    q++;
  }
  if (q < end && source.charCodeAt(q) !== SPACE && source.charCodeAt(q) !== TAB) return 0;
  return q - p;
}

function nesting(max: ParseLimits, line: number): BudgetExceeded {
  return { messageId: 'fileTooDeep', data: { line, limit: max.maxNesting } };
}
