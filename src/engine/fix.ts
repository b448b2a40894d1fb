/**
 * Applying fixes, as ESLint does: pure functions over text and edits, so that the CLI only drives
 * them.
 *
 * - `applyFixes` applies the edits of one pass: sorted by position, an edit that overlaps (or
 *   touches) one already taken is left for the next pass, so no two edits of a pass ever conflict.
 * - `fixUntilStable` lints, applies, lints again… until a pass changes nothing or after
 *   `MAX_FIX_PASSES` passes (a rule whose fixes never settle cannot loop forever). The result is
 *   that of the last lint, over the fixed text.
 */
import type { Diagnostic, LintResult, TextEdit } from '../types.ts';

/** ESLint's limit. */
export const MAX_FIX_PASSES = 10;

export interface AppliedFixes {
  output: string;
  /** The edits applied, in the order of the text. */
  applied: TextEdit[];
  /** Edits left out because they overlap or touch one that was applied. */
  skipped: TextEdit[];
}

/** Orders edits by start, then end (an insertion before a replacement at the same place). */
function compareEdits(a: TextEdit, b: TextEdit): number {
  return a.range[0] - b.range[0] || a.range[1] - b.range[1];
}

/** Applies the edits that do not overlap; the text outside them is untouched, byte for byte. */
export function applyFixes(text: string, edits: readonly TextEdit[]): AppliedFixes {
  if (typeof text !== 'string') throw new TypeError('applyFixes: the text must be a string');
  if (!Array.isArray(edits)) throw new TypeError('applyFixes: the edits must be an array');
  // A malformed edit is the caller's mistake, refused whole (NaN would sort and compare as no
  // number does and land anywhere); a well-formed one outside the text is only skipped.
  for (const edit of edits) {
    const range = (edit as { range?: unknown } | null)?.range;
    const ok = Array.isArray(range) && range.length === 2 && Number.isSafeInteger(range[0]) && Number.isSafeInteger(range[1]) && typeof edit.text === 'string';
    if (!ok) throw new TypeError(`applyFixes: invalid edit ${safeJson(edit)}: range must be two whole numbers and text a string`);
  }
  const sorted = [...edits].sort(compareEdits);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let out = '';
  let last = -1;
  let copied = 0;
  for (const edit of sorted) {
    const [start, end] = edit.range;
    if (start < 0 || end < start || end > text.length) {
      skipped.push(edit);
      continue;
    }
    // As ESLint's: an edit starting where the previous one ended conflicts too (two insertions at
    // one place have no certain order).
    if (start <= last) {
      skipped.push(edit);
      continue;
    }
    // An edit that changes nothing is dropped, neither applied nor a conflict.
    if (text.slice(start, end) === edit.text) continue;
    out += text.slice(copied, start) + edit.text;
    copied = end;
    last = end;
    applied.push(edit);
  }
  out += text.slice(copied);
  return { output: out, applied, skipped };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The fixes of a result's findings (suggestions are never applied automatically). */
export function fixesOf(messages: readonly Diagnostic[]): TextEdit[] {
  return messages.flatMap((m) => (m.fix ? [m.fix] : []));
}

export interface FixRun {
  /** The final text. */
  output: string;
  /** True when the text changed. */
  fixed: boolean;
  /** Passes that changed the text. */
  passes: number;
  /** The lint result of the final text. */
  result: LintResult;
}

/**
 * Lints and fixes until stable. `lint` lints a text (the same options every pass); `filter` picks
 * the findings whose fixes may be applied (ESLint's `--fix-type`, or only some rules).
 */
export function fixUntilStable(
  text: string,
  lint: (text: string) => LintResult,
  filter: (message: Diagnostic) => boolean = () => true,
  maxPasses = MAX_FIX_PASSES,
): FixRun {
  let current = text;
  let passes = 0;
  let result = lint(current);
  while (passes < maxPasses && !result.fatal) {
    const { output, applied } = applyFixes(current, fixesOf(result.messages.filter(filter)));
    if (applied.length === 0 || output === current) break;
    current = output;
    passes++;
    result = lint(current);
  }
  return { output: current, fixed: current !== text, passes, result };
}
