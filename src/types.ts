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

/** One finding, already localised. The adapters only translate this into their own shapes. */
export interface Diagnostic extends Location {
  ruleId: string;
  messageId: string;
  severity: SeverityLevel;
  message: string;
  data: Readonly<Record<string, string | number>>;
  /**
   * Where the finding is in words, for files without meaningful lines (a .docx: 第 3 段, 表 2 第 5 行
   * 第 3 格). Line and column then count in the text the file was read as.
   */
  place?: string;
}

/** The result for one file. `fatal` is set when the file could not be read or decoded. */
export interface LintResult {
  filePath: string;
  messages: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** A problem with the file itself (unreadable, binary, undecodable): reported instead of rule findings. */
  fatal?: { message: string; messageId: string };
  /** The encoding the file was decoded from, when it was not UTF-8. */
  encoding?: string;
  /** Findings that `<!-- xxgk-lint-disable … -->` comments suppressed (not counted, not shown). */
  suppressedMessages?: Diagnostic[];
  /** The report model, only when asked for (`keepModel`): formatters that draw the tables use it. */
  model?: ReportModel;
  /**
   * Set for a file that is not Markdown (.html, .docx), read as Markdown text: its findings' lines
   * count in that text, and each has a `place` in the original file.
   */
  input?: { kind: 'html' | 'docx' };
}
