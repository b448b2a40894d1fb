/**
 * Fixes and suggestions as pull request review comments with GitHub's ```suggestion blocks: one
 * click on the pull request applies them. A review comment can only sit on lines of the pull
 * request's diff, so only edits whose lines all are in one hunk of the file's patch are posted;
 * each carries a hidden marker with a key of its place and content, so that a re-run posts none
 * twice. Pure functions here; main.ts does the API calls.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic, LintResult, TextEdit } from '../../types.ts';

export const MARKER = 'xxgk-lint-suggestion';

/**
 * Why no review comments may be written here, or undefined: only on pull_request events from the
 * same repository (a fork's token cannot write; under pull_request_target the pull request is
 * untrusted and its token can write).
 */
export function suggestionsRefused(eventName: string, pr: { fromFork: boolean }): 'suggestionsTarget' | 'suggestionsFork' | undefined {
  if (eventName !== 'pull_request') return 'suggestionsTarget';
  if (pr.fromFork) return 'suggestionsFork';
  return undefined;
}

/** A review comment to post: on `path`, lines `startLine`…`line` of the head version. */
export interface ReviewSuggestion {
  path: string;
  line: number;
  /** Set for a comment over several lines. */
  startLine?: number;
  body: string;
  /** Identifies the comment across runs (in its hidden marker). */
  key: string;
}

/**
 * The head version's lines that a unified diff shows (context and added lines), by hunk: a review
 * comment must stay within one hunk.
 */
export function diffHunks(patch: string | undefined): Array<Set<number>> {
  if (!patch) return [];
  const hunks: Array<Set<number>> = [];
  let current: Set<number> | undefined;
  let line = 0;
  for (const text of patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) {
      current = new Set();
      hunks.push(current);
      line = Number(header[1]);
      continue;
    }
    if (!current) continue;
    if (text.startsWith('-') || text.startsWith('\\')) continue;
    current.add(line++);
  }
  return hunks;
}

/** Offsets where each line starts (lines end at \r\n, \n or \r, as the engine counts them). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

/** The 1-based line of an offset. */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The lines an edit touches, and their text after it (without the final line break). */
export function editedLines(text: string, edit: TextEdit): { startLine: number; endLine: number; replacement: string } {
  const starts = lineStarts(text);
  const [start, end] = edit.range;
  const startLine = lineOf(starts, start);
  // A replacement ending right after a line break ends on the line before.
  let endLine = lineOf(starts, end);
  if (end > start && endLine > startLine && starts[endLine - 1] === end) endLine--;
  const from = starts[startLine - 1] ?? 0;
  const next = starts[endLine];
  const to = next === undefined ? text.length : next - (text.slice(next - 2, next) === '\r\n' ? 2 : 1);
  const edited = text.slice(from, start) + edit.text + text.slice(end, Math.max(end, to));
  return { startLine, endLine, replacement: edited.replace(/\r\n|\r/g, '\n') };
}

function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

/** The edit a finding offers: its fix, else its first suggestion. */
function editOf(d: Diagnostic): { edit: TextEdit; desc: string | undefined } | undefined {
  if (d.fix) return { edit: d.fix, desc: undefined };
  const s = d.suggestions?.[0];
  return s ? { edit: s.fix, desc: s.desc } : undefined;
}

export interface SuggestionFile {
  /** The path in the repository (forward slashes), as the pull request lists it. */
  path: string;
  /** The file's decoded text (UTF-8 files only: GitHub's suggestions are applied as UTF-8). */
  text: string;
  result: LintResult;
  /** The file's patch in the pull request. */
  patch: string | undefined;
}

/** GitHub refuses a comment body longer than this (HTTP 422), in characters. */
export const MAX_COMMENT_BODY = 65536;

/** A suggestion left out because GitHub would refuse it. */
export interface DroppedSuggestion {
  path: string;
  line: number;
  /** The characters of its comment body. */
  length: number;
}

/**
 * The review comments for these files, in file and line order. One whose body GitHub would refuse
 * (longer than MAX_COMMENT_BODY: a crawled report's line of 100,000 characters) is left out alone
 * and added to `dropped`, so that the others are still posted.
 */
export function buildSuggestions(files: readonly SuggestionFile[], dropped: DroppedSuggestion[] = []): ReviewSuggestion[] {
  const out: ReviewSuggestion[] = [];
  for (const file of files) {
    const hunks = diffHunks(file.patch);
    for (const d of file.result.messages) {
      const offered = editOf(d);
      if (!offered) continue;
      const { startLine, endLine, replacement } = editedLines(file.text, offered.edit);
      const inOneHunk = hunks.some((h) => {
        for (let n = startLine; n <= endLine; n++) if (!h.has(n)) return false;
        return true;
      });
      if (!inOneHunk) continue;
      const key = createHash('sha256').update(`${file.path}\0${startLine}\0${endLine}\0${replacement}`).digest('hex').slice(0, 16);
      // Several findings may offer the same edit (relations that agree on one cell): one comment.
      if (out.some((s) => s.key === key)) continue;
      const fence = fenceFor(replacement);
      const head = `**xxgk-lint** \`${d.ruleId}\`${offered.desc === undefined ? '' : ' 💡'}: ${d.message}`;
      const body = [
        head,
        ...(offered.desc === undefined ? [] : ['', offered.desc]),
        '',
        `${fence}suggestion`,
        replacement,
        fence,
        `<!-- ${MARKER} ${key} -->`,
      ].join('\n');
      if (body.length > MAX_COMMENT_BODY) {
        dropped.push({ path: file.path, line: startLine, length: body.length });
        continue;
      }
      out.push({ path: file.path, line: endLine, ...(startLine < endLine ? { startLine } : {}), body, key });
    }
  }
  return out;
}

/** The keys of the suggestions already posted (found by their hidden marker in the comments). */
export function postedKeys(bodies: readonly string[]): Set<string> {
  const keys = new Set<string>();
  const re = new RegExp(`<!-- ${MARKER} ([0-9a-f]{16}) -->`, 'g');
  for (const body of bodies) for (const m of body.matchAll(re)) keys.add(m[1] ?? '');
  return keys;
}
