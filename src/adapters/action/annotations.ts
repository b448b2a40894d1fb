/**
 * Findings as annotations: the engine's LintResult[] flattened to one record per finding, with the
 * path relative to the repository, and their two shapes on GitHub — workflow commands (printed to
 * the log; GitHub shows at most 10 error and 10 warning annotations per step from them) and
 * Checks API annotations (no such limit, 50 per request).
 */
import { relativePath } from '../../engine/paths.ts';
import type { LintResult } from '../../types.ts';

/** GitHub shows at most this many error, and this many warning, annotations per step from workflow commands. */
export const WORKFLOW_COMMAND_LIMIT = 10;

/**
 * Characters of one annotation's message: a finding may quote a whole line of the report (300,000
 * characters in a hostile file); GitHub's own limit (64 KB) is far more than anyone reads.
 */
export const MAX_ANNOTATION_MESSAGE = 4000;

function capMessage(text: string): string {
  return text.length > MAX_ANNOTATION_MESSAGE ? `${text.slice(0, MAX_ANNOTATION_MESSAGE - 1)}…` : text;
}

/** The title the annotation of a file that could not be read carries (it has no rule). */
export const FATAL_TITLE = 'xxgk-lint';

export interface Finding {
  /** Relative to the workspace (the repository root), forward slashes. */
  path: string;
  /** 2 = error, 1 = warning. */
  severity: 1 | 2;
  /** The rule id, or undefined for a file that could not be read. */
  ruleId: string | undefined;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One finding per diagnostic; a file that could not be read is one error at 1:1. In the results' order. */
export function findingsOf(results: readonly LintResult[], cwd: string): Finding[] {
  const findings: Finding[] = [];
  for (const result of results) {
    const path = relativePath(result.filePath, cwd);
    if (result.fatal) {
      findings.push({ path, severity: 2, ruleId: undefined, message: capMessage(result.fatal.message), line: 1, column: 1, endLine: 1, endColumn: 1 });
    }
    for (const m of result.messages) {
      if (result.input) {
        // A .html or .docx file was read as Markdown text: its lines are not the file's. On the
        // page's own line when it has one (HTML), else on line 1, the place in words in front.
        const line = m.placeLine ?? 1;
        const message = m.placeLine === undefined && m.place ? `${m.place}: ${m.message}` : m.message;
        findings.push({ path, severity: m.severity, ruleId: m.ruleId, message: capMessage(message), line, column: 1, endLine: line, endColumn: 1 });
        continue;
      }
      findings.push({
        path,
        severity: m.severity,
        ruleId: m.ruleId,
        message: capMessage(m.message),
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
      });
    }
  }
  return findings;
}

export interface LevelCounts {
  errors: number;
  warnings: number;
}

export function countLevels(findings: readonly Finding[]): LevelCounts {
  let errors = 0;
  for (const f of findings) if (f.severity === 2) errors++;
  return { errors, warnings: findings.length - errors };
}

/** Whether workflow commands would lose annotations, so that a check run is needed to show them all. */
export function exceedsCommandLimit(counts: LevelCounts): boolean {
  return counts.errors > WORKFLOW_COMMAND_LIMIT || counts.warnings > WORKFLOW_COMMAND_LIMIT;
}

/** An annotation of the Checks API (`output.annotations[]` of POST/PATCH check-runs). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

/** The Checks API's limits: a title of 255 characters, a message of 64 KB. */
const MAX_TITLE = 255;
const MAX_MESSAGE_BYTES = 64 * 1024;

export function toCheckAnnotation(f: Finding): CheckAnnotation {
  const annotation: CheckAnnotation = {
    path: f.path,
    start_line: f.line,
    end_line: Math.max(f.line, f.endLine),
    annotation_level: f.severity === 2 ? 'failure' : 'warning',
    message: truncateBytes(f.message, MAX_MESSAGE_BYTES),
    title: (f.ruleId ?? FATAL_TITLE).slice(0, MAX_TITLE),
  };
  // Columns only on a single line: the API rejects them for a span over several lines.
  if (f.endLine === f.line) {
    annotation.start_column = f.column;
    annotation.end_column = Math.max(f.column, f.endColumn);
  }
  return annotation;
}

function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  // '…' takes 3 bytes in UTF-8.
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > max - 3) break;
    bytes += size;
    end += ch.length;
  }
  return `${text.slice(0, end)}…`;
}
