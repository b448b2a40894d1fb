import type { ReportModel } from './model/schema.ts';

/** Public types shared by the engine, the rules and the adapters (CLI, Action, remark plugin). */

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** ESLint's numbering: 1 = warning, 2 = error. */
export type SeverityLevel = 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';

/** 1-based line and column (columns count UTF-16 code units, as ESLint and editors do). */
export interface Point {
  line: number;
  column: number;
}

export interface Location extends Point {
  endLine: number;
  endColumn: number;
}

/** An edit of the decoded source: replace the UTF-16 offsets [start, end) by text (ESLint's shape). */
export interface TextEdit {
  range: readonly [number, number];
  text: string;
}

/** A suggestion, localised (ESLint's shape: `desc`, and `messageId` when it came from one). */
export interface Suggestion {
  desc: string;
  messageId?: string;
  data?: Readonly<Record<string, string | number>>;
  fix: TextEdit;
}

/** One finding, already localised. The adapters only translate this into their own shapes. */
export interface Diagnostic extends Location {
  ruleId: string;
  messageId: string;
  severity: SeverityLevel;
  message: string;
  data: Readonly<Record<string, string | number>>;
  /** An edit that is certainly right: `--fix` applies it. */
  fix?: TextEdit;
  /** Edits a person must confirm. */
  suggestions?: Suggestion[];
  /**
   * Where the finding is in words, for files without meaningful lines (a .docx: 第 3 段, 表 2 第 5 行
   * 第 3 格). Line and column then count in the text the file was read as.
   */
  place?: string;
  /** The line of the original file the finding is on, when it has lines (an .html page): `line` is then the Markdown text's. */
  placeLine?: number;
  /**
   * For a PDF: the page (1-based) and the rectangle [x0, y0, x1, y1] in points from its top left,
   * the page turned the way its text reads (a page with /Rotate 90 over upright text counts as upright).
   */
  pdf?: PdfLocation;
  /**
   * On a suppressed finding (LintResult.suppressedMessages), what suppressed it, as ESLint's
   * SuppressedLintMessage: an inline comment (`directive`, with its ` -- description`) or the
   * bulk suppressions file (`file`).
   */
  suppressions?: ReadonlyArray<{ kind: 'directive' | 'file'; justification: string }>;
}

/** Where a finding is on a PDF's page. */
export interface PdfLocation {
  page: number;
  rect: [number, number, number, number];
}

/** The result for one file. `fatal` is set when the file could not be read or decoded. */
export interface LintResult {
  filePath: string;
  messages: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** A problem with the file itself (unreadable, binary, undecodable): reported instead of rule findings. */
  fatal?: { message: string; messageId: string };
  /** The file is not an annual report (a README, a guide, a changelog): it was not linted. */
  notReport?: boolean;
  /** The encoding the file was decoded from, when it was not UTF-8. */
  encoding?: string;
  /** Findings that `<!-- xxgk-lint-disable … -->` comments or the bulk suppressions file suppressed (not counted, not shown). */
  suppressedMessages?: Diagnostic[];
  /**
   * The agency the report is by, as cross-report rules match it (normalised, after the config's
   * `agencies` mapping), and the report year; absent when the report does not say.
   */
  agency?: string;
  year?: number;
  /** The fixed text, when fixes were applied (`--fix`, `--fix-dry-run`): ESLint's `output`. */
  output?: string;
  /** The report model, only when asked for (`keepModel`): formatters that draw the tables use it. */
  model?: ReportModel;
  /**
   * Set for a file that is not Markdown (.html, .docx, .pdf), read as Markdown text: its findings' lines
   * count in that text, and each has a `place` in the original file.
   */
  input?: { kind: 'html' | 'docx' | 'pdf' };
}
