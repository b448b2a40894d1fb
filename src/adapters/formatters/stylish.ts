/**
 * Human output in ESLint's "stylish" layout:
 *
 *   reports/2024.md
 *     1:1   错误  ……  report-title
 *
 *   ✖ 1 个问题（1 个错误，0 个警告）
 */
import { messageTable, plural, problemCounts, type MessageTable } from '../../i18n.ts';
import { relativePath } from '../../engine/paths.ts';
import { addProblems, type ProblemCounts } from '../../engine/results.ts';
import type { LintResult, Locale } from '../../types.ts';
import { whole, type Formatter, type StreamingFormatter } from './types.ts';

/** The stylish format's words (the messages themselves come localised from the engine). */
const STYLISH_WORDS = {
  severityError: { 'zh-CN': '错误', en: 'error' },
  severityWarning: { 'zh-CN': '警告', en: 'warning' },
  notReports: {
    'zh-CN': '另有 {count} 个文件看起来不是政府信息公开工作年度报告，未检查（--verbose 列出它们）',
    en: '{count} {fileWord} did not look like annual reports and were not checked (--verbose lists them)',
  },
  summary: {
    'zh-CN': '{total} 个问题（{errors} 个错误，{warnings} 个警告）',
    en: '{total} {problemWord} ({errors} {errorWord}, {warnings} {warningWord})',
  },
  summaryFixable: {
    'zh-CN': '其中 {errors} 个错误和 {warnings} 个警告可以用 --fix 选项自动修复',
    en: '{errors} {errorWord} and {warnings} {warningWord} potentially fixable with the `--fix` option.',
  },
} as const satisfies MessageTable;
const t = messageTable(STYLISH_WORDS);

type Style = (text: string) => string;
const ansi =
  (open: number, close: number): Style =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Style = (text) => text;
const STYLES = { underline: ansi(4, 24), red: ansi(31, 39), yellow: ansi(33, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
type Styles = Record<keyof typeof STYLES, Style>;
const PLAIN: Styles = { underline: plain, red: plain, yellow: plain, dim: plain, bold: plain };

interface Row {
  position: string;
  severity: 1 | 2;
  message: string;
  ruleId: string;
}

/**
 * A file name as one line of text: a \r or \n in it (legal on Linux) would otherwise rewrite the
 * terminal line or pass for another file's block. Control characters are shown escaped.
 */
export function printablePath(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is escaped here
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    if (ch === '\r') return '\\r';
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** File blocks as they come; the totals (and the files skipped as not reports) at the end. */
export const stylishStream: StreamingFormatter = (context) => {
  const styles = context.color ? STYLES : PLAIN;
  let blocks = 0;
  const counts: ProblemCounts = { errorCount: 0, warningCount: 0, fatalErrorCount: 0 };
  const fixes = { errors: 0, warnings: 0 };
  const skipped: string[] = [];
  return {
    file: (result) => {
      // Files judged not to be reports were not linted: counted (and, with --verbose, named) at the end.
      if (result.notReport) skipped.push(result.filePath);
      addProblems(counts, result);
      for (const m of result.messages) {
        // As ESLint's: how many of them --fix would fix.
        if (m.fix && m.severity === 2) fixes.errors++;
        else if (m.fix) fixes.warnings++;
      }
      const rows = rowsOf(result);
      if (rows.length === 0) return '';
      return `${blocks++ === 0 ? '\n' : '\n\n'}${styles.underline(printablePath(relativePath(result.filePath, context.cwd)))}\n${table(rows, context.locale, styles)}`;
    },
    end: () => {
      const skippedNote =
        skipped.length === 0
          ? ''
          : `${styles.dim(t('notReports', context.locale, { count: skipped.length, fileWord: plural(skipped.length, 'file', 'files') }))}\n${
              context.verbose ? skipped.map((f) => `  ${styles.dim(relativePath(f, context.cwd))}\n`).join('') : ''
            }`;
      if (blocks === 0) return skippedNote === '' ? '' : `\n${skippedNote}`;
      const { errorCount: errors, warningCount: warnings } = counts;
      const { errors: fixableErrors, warnings: fixableWarnings } = fixes;
      const colour = errors > 0 ? styles.red : styles.yellow;
      const summary = colour(styles.bold(`\u2716 ${summaryText(errors, warnings, context.locale)}`));
      const fixable =
        fixableErrors + fixableWarnings > 0
          ? `\n${colour(styles.bold(`  ${t('summaryFixable', context.locale, { errors: fixableErrors, warnings: fixableWarnings, errorWord: plural(fixableErrors, 'error', 'errors'), warningWord: plural(fixableWarnings, 'warning', 'warnings') })}`))}`
          : '';
      return `\n\n${summary}${fixable}\n${skippedNote === '' ? '' : `\n${skippedNote}`}`;
    },
  };
};

export const stylish: Formatter = whole(stylishStream);

function rowsOf(result: LintResult): Row[] {
  const rows: Row[] = [];
  // A fatal problem is about the whole file; ESLint shows parse errors at 1:1 without a rule.
  if (result.fatal) rows.push({ position: '1:1', severity: 2, message: result.fatal.message, ruleId: '' });
  for (const m of result.messages) {
    // A .docx or .html file: its place in words (第 3 段, 表 2 第 5 行第 3 格) means more than a line.
    rows.push({ position: m.place ?? `${m.line}:${m.column}`, severity: m.severity, message: m.message, ruleId: m.ruleId });
  }
  return rows;
}

/** The widest the message column gets padded to (terminal columns). */
export const MESSAGE_COLUMN_CAP = 80;

function table(rows: readonly Row[], locale: Locale, styles: Styles): string {
  const label = (severity: 1 | 2): string => t(severity === 2 ? 'severityError' : 'severityWarning', locale);
  const positionWidth = Math.max(...rows.map((r) => displayWidth(r.position)));
  const severityWidth = Math.max(...rows.map((r) => displayWidth(label(r.severity))));
  // The rule ids line up after the file's messages, as in ESLint, but a long message is not
  // padding for all the others: the column is as wide as the longest message within the cap, and
  // a longer message is followed by its rule id directly.
  const messageWidth = Math.max(0, ...rows.map((r) => displayWidth(flatten(r.message))).filter((width) => width <= MESSAGE_COLUMN_CAP));
  return rows
    .map((row) => {
      const severityColour = row.severity === 2 ? styles.red : styles.yellow;
      const cells = [
        styles.dim(pad(row.position, positionWidth)),
        severityColour(pad(label(row.severity), severityWidth)),
        row.ruleId ? pad(flatten(row.message), messageWidth) : flatten(row.message),
      ];
      if (row.ruleId) cells.push(styles.dim(row.ruleId));
      return `  ${cells.join('  ')}`;
    })
    .join('\n');
}

function summaryText(errors: number, warnings: number, locale: Locale): string {
  return t('summary', locale, problemCounts(errors, warnings));
}

/** Messages are one line in a table; a stray newline would break the columns. */
function flatten(message: string): string {
  return printablePath(message.replace(/\s*\r?\n\s*/g, ' '));
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Terminal columns: CJK and fullwidth characters take two, which matters for Chinese messages. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
