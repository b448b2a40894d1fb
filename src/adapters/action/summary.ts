/**
 * The job summary (GitHub-flavoured Markdown, written to GITHUB_STEP_SUMMARY): the overall
 * result, a table of the files with their errors, warnings and the rules hit, then the findings
 * grouped by file with links to their lines, then what was not linted and why.
 *
 * A pure function of its input, so that tests can snapshot it without a runner.
 */
import path from 'node:path';
import { list, pick, plural, problemCounts } from '../../i18n.ts';
import { ruleDocsUrl, type Rule } from '../../rule.ts';
import { relativePath } from '../../engine/paths.ts';
import { countProblems } from '../../engine/results.ts';
import type { LintResult, Locale } from '../../types.ts';
import { FATAL_TITLE } from './annotations.ts';
import { contextTables, MAX_CONTEXT_TABLES_PER_FILE } from './summary-tables.ts';
import type { Skipped, SkipReason } from './files.ts';
import { tr } from './messages.ts';
import type { ActionMessageId } from './messages.ts';

export interface SummaryLinks {
  serverUrl: string;
  owner: string;
  repo: string;
  sha: string;
  /** The working directory relative to the repository root (forward slashes), when the paths shown are relative to it. */
  dir?: string;
}

export interface SummaryInput {
  locale: Locale;
  results: readonly LintResult[];
  /** Paths are shown relative to this folder (the workspace). */
  cwd: string;
  /** The `files` patterns. */
  patterns: readonly string[];
  /** Set when only the files changed by this pull request were linted. */
  pullRequest: number | undefined;
  /** only-changed was asked for, but the event (named) is not a pull request. */
  notPullRequestEvent: string | undefined;
  /**
   * Whether the event is a pull request: where annotations appear differs (the pull request's
   * Files changed tab, or the commit's checks on a push). Undefined counts as a pull request.
   */
  onPullRequest?: boolean;
  /** Why only-changed could not be applied on a pull request (already localised). */
  fallback: string | undefined;
  skipped: readonly Skipped[];
  otherChanged: number;
  /** For links to the lines; without them, positions are plain text. */
  links: SummaryLinks | undefined;
  /** Where the annotations went, when there were too many for workflow commands. */
  checkRun: { url: string; count: number } | { failed: string } | undefined;
  /** A SARIF file was written (where the findings left out here can be read). */
  sarif: boolean;
  /** The rules of the run, for their documentation links. */
  rules: readonly Rule[];
  version: string;
  /** Only the result and the files table (the check run's summary: its findings are its annotations). */
  overviewOnly?: boolean;
}

/** GITHUB_STEP_SUMMARY takes at most 1 MiB per step: the findings listed are capped well below. */
export const MAX_SUMMARY_FINDINGS = 500;
export const MAX_SUMMARY_CLEAN_FILES = 100;
export const MAX_SUMMARY_SKIPPED = 100;
/** Bytes: GitHub refuses a step summary over 1 MiB (1,048,576 bytes); stay well below. */
export const MAX_SUMMARY_BYTES = 1_000_000;
/** Characters of one message or quoted text in the summary (a cell may quote a 300,000-character line). */
export const MAX_SUMMARY_TEXT = 1000;
/** Characters of a file name in the summary. */
export const MAX_SUMMARY_PATH = 300;
/** Tables of the rows around wrong cells, over all files (a few hundred bytes each). */
export const MAX_SUMMARY_CONTEXT_TABLES = 50;
const PROJECT_URL = 'https://github.com/xxgk-lint/xxgk-lint';

const SKIP_MESSAGES: Record<SkipReason, ActionMessageId> = {
  removed: 'skipRemoved',
  notMatched: 'skipNotMatched',
  ignored: 'skipIgnored',
  noMatch: 'skipNoMatch',
  emptyFolder: 'skipEmptyFolder',
  allIgnored: 'skipAllIgnored',
  unreadable: 'skipUnreadable',
};

export function buildSummary(input: SummaryInput): string {
  const { locale } = input;
  const out: string[] = [`## ${tr('summaryHeading', locale)}`, ''];

  let errors = 0;
  let warnings = 0;
  for (const result of input.results) {
    const counts = countProblems(result);
    errors += counts.errorCount;
    warnings += counts.warningCount;
  }
  const status =
    errors + warnings === 0
      ? tr('summaryPassed', locale)
      : tr('summaryProblems', locale, { icon: errors > 0 ? '❌' : '⚠️', ...problemCounts(errors, warnings) });
  out.push(`${status}${pick(locale, { 'zh-CN': '', en: ' ' })}${scopeLine(input)}`, '');
  // What inline comments and the bulk suppressions file hid, counted (ESLint's suppressedMessages).
  const suppressed = input.results.reduce((n, r) => n + (r.suppressedMessages?.length ?? 0), 0);
  if (suppressed > 0) out.push(tr('summarySuppressed', locale, { count: suppressed }), '');
  for (const note of [input.fallback, input.notPullRequestEvent && tr('summaryNotPrEvent', locale, { event: input.notPullRequestEvent })]) {
    if (note) out.push(`> ${escapeText(note)}`, '');
  }

  if (input.results.some((r) => !r.notReport)) out.push(...filesTable(input), '');
  if (input.overviewOnly) return `${out.join('\n').trimEnd()}\n`;
  if (input.checkRun && 'url' in input.checkRun) {
    const id = input.onPullRequest === false ? 'summaryAnnotationsCheckRunCommit' : 'summaryAnnotationsCheckRun';
    out.push(tr(id, locale, { count: input.checkRun.count, url: input.checkRun.url }), '');
  } else if (input.checkRun) {
    const id = input.onPullRequest === false ? 'summaryAnnotationsLimitedCommit' : 'summaryAnnotationsLimited';
    out.push(tr(id, locale, { detail: escapeText(input.checkRun.failed) }), '');
  }
  if (errors + warnings > 0) out.push(...findingsSection(input), '');
  if (input.skipped.length > 0 || input.otherChanged > 0 || input.results.some((r) => r.notReport)) out.push(...skippedSection(input), '');

  out.push(`<sub>${tr('summaryFooter', locale, { url: PROJECT_URL, version: input.version })}</sub>`);
  return capBytes(`${out.join('\n')}\n`, locale);
}

/** The summary cut at a line end below MAX_SUMMARY_BYTES, with a note, when it is longer. */
function capBytes(markdown: string, locale: Locale): string {
  if (Buffer.byteLength(markdown) <= MAX_SUMMARY_BYTES) return markdown;
  const note = `\n\n${tr('summaryTruncated', locale)}\n`;
  let text = Buffer.from(markdown)
    .subarray(0, MAX_SUMMARY_BYTES - Buffer.byteLength(note))
    .toString();
  // A cut inside a character leaves U+FFFD; cut at the last whole line instead.
  text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  return `${text}${note}`;
}

function scopeLine(input: SummaryInput): string {
  const { locale } = input;
  const patterns = list(input.patterns.map(code), locale);
  // Files judged not to be reports were not linted: listed with the skipped files, not counted here.
  const count = input.results.filter((r) => !r.notReport).length;
  if (input.pullRequest !== undefined) {
    return count === 0
      ? tr('summaryScopeNone', locale, { number: input.pullRequest, patterns })
      : tr('summaryScopePr', locale, { number: input.pullRequest, count, fileWord: plural(count, 'file', 'files') });
  }
  return tr('summaryScopeAll', locale, { count, fileWord: plural(count, 'file', 'files'), patterns });
}

function filesTable(input: SummaryInput): string[] {
  const { locale } = input;
  const rows: string[] = [];
  const withProblems = input.results.filter((r) => r.fatal || r.messages.length > 0);
  const clean = input.results.filter((r) => !r.fatal && r.messages.length === 0 && !r.notReport);
  for (const result of [...withProblems, ...clean.slice(0, MAX_SUMMARY_CLEAN_FILES)]) {
    const counts = countProblems(result);
    const file = relativePath(result.filePath, input.cwd);
    const target = fileUrl(input.links, file);
    const name = target ? `[${code(file)}](${target})` : code(file);
    rows.push(`| ${name} | ${counts.errorCount} | ${counts.warningCount} | ${rulesHit(result, input)} |`);
  }
  const table = [
    `| ${tr('summaryColFile', locale)} | ${tr('summaryColErrors', locale)} | ${tr('summaryColWarnings', locale)} | ${tr('summaryColRules', locale)} |`,
    '| :-- | --: | --: | :-- |',
    ...rows,
  ];
  const more = clean.length - MAX_SUMMARY_CLEAN_FILES;
  if (more > 0) table.push('', tr('summaryMoreFiles', locale, { count: more, fileWord: plural(more, 'file', 'files') }));
  return table;
}

function rulesHit(result: LintResult, input: SummaryInput): string {
  const counts = new Map<string, number>();
  if (result.fatal) counts.set(FATAL_TITLE, 1);
  for (const m of result.messages) counts.set(m.ruleId, (counts.get(m.ruleId) ?? 0) + 1);
  if (counts.size === 0) return '—';
  const parts = [...counts].map(([id, n]) => {
    const label = result.fatal && id === FATAL_TITLE ? tr('summaryFatal', input.locale) : ruleLink(id, input);
    return n > 1 ? `${label} ×${n}` : label;
  });
  return list(parts, input.locale);
}

function ruleLink(id: string, input: SummaryInput): string {
  const rule = input.rules.find((r) => r.meta.id === id);
  const url = rule ? ruleDocsUrl(rule) : undefined;
  return url ? `[${code(id)}](${url})` : code(id);
}

function findingsSection(input: SummaryInput): string[] {
  const { locale } = input;
  const out: string[] = [`### ${tr('summaryFindingsHeading', locale)}`];
  let listed = 0;
  let left = 0;
  let contexts = 0;
  for (const result of input.results) {
    if (!result.fatal && result.messages.length === 0) continue;
    const file = relativePath(result.filePath, input.cwd);
    const rows: string[] = [];
    const severity = (level: 1 | 2) => tr(level === 2 ? 'severityError' : 'severityWarning', locale);
    if (result.fatal) {
      if (listed < MAX_SUMMARY_FINDINGS) {
        rows.push(`| — | ${severity(2)} | — | ${escapeText(result.fatal.message)} |`);
        listed++;
      } else left++;
    }
    for (const m of result.messages) {
      if (listed >= MAX_SUMMARY_FINDINGS) {
        left++;
        continue;
      }
      // A .html/.docx file was read as Markdown text: its place in the file (the page's line).
      const position = result.input ? (m.place ?? '—') : `${m.line}:${m.column}`;
      const target = result.input
        ? m.placeLine === undefined
          ? undefined
          : fileUrl(input.links, file, m.placeLine)
        : fileUrl(input.links, file, m.line, m.endLine);
      // Rule ids link to their docs in the files table above; here they stay short.
      rows.push(`| ${target ? `[${position}](${target})` : position} | ${severity(m.severity)} | ${code(m.ruleId)} | ${escapeText(m.message)} |`);
      listed++;
    }
    if (rows.length === 0) continue;
    out.push(
      '',
      `#### ${code(file)}`,
      '',
      `| ${tr('summaryColPosition', locale)} | ${tr('summaryColSeverity', locale)} | ${tr('summaryColRule', locale)} | ${tr('summaryColMessage', locale)} |`,
      '| :-- | :-- | :-- | :-- |',
      ...rows,
    );
    // The rows around each wrong cell, the cell marked (only when the results carry their model).
    const tables = contextTables(result, locale, Math.min(MAX_CONTEXT_TABLES_PER_FILE, MAX_SUMMARY_CONTEXT_TABLES - contexts));
    contexts += tables.length;
    for (const table of tables) out.push('', table);
  }
  if (left > 0) {
    const where = input.checkRun && 'url' in input.checkRun ? tr('summaryMoreWhereCheckRun', locale) : input.sarif ? tr('summaryMoreWhereSarif', locale) : '';
    out.push('', tr('summaryMoreFindings', locale, { count: left, findingWord: plural(left, 'finding', 'findings'), where }));
  }
  return out;
}

function skippedSection(input: SummaryInput): string[] {
  const { locale } = input;
  const out: string[] = [`### ${tr('summarySkippedHeading', locale)}`, ''];
  const notReports = input.results.filter((r) => r.notReport).map((r) => ({ path: relativePath(r.filePath, input.cwd), message: tr('skipNotReport', locale) }));
  const rows = [...input.skipped.map((skip) => ({ path: skip.path, message: tr(SKIP_MESSAGES[skip.reason], locale) })), ...notReports];
  if (rows.length > 0) {
    out.push(`| ${tr('summaryColFile', locale)} | ${tr('summaryColReason', locale)} |`, '| :-- | :-- |');
    for (const row of rows.slice(0, MAX_SUMMARY_SKIPPED)) out.push(`| ${code(row.path)} | ${row.message} |`);
    const more = rows.length - MAX_SUMMARY_SKIPPED;
    if (more > 0) out.push('', tr('skipMoreRows', locale, { count: more }));
    out.push('');
  }
  if (input.otherChanged > 0)
    out.push(tr('skipOtherChanged', locale, { count: input.otherChanged, fileWord: plural(input.otherChanged, 'file', 'files') }), '');
  while (out[out.length - 1] === '') out.pop();
  return out;
}

/** `https://github.com/{owner}/{repo}/blob/{sha}/{path}?plain=1#L{line}`, each path segment percent-encoded. */
export function fileUrl(links: SummaryLinks | undefined, file: string, line?: number, endLine?: number): string | undefined {
  // A path outside the workspace (absolute) is not in the repository.
  if (!links || file.startsWith('/') || /^[A-Za-z]:/.test(file)) return undefined;
  const inRepository = links.dir ? path.posix.normalize(`${links.dir}/${file}`) : file;
  if (inRepository.startsWith('../')) return undefined;
  const encoded = inRepository.split('/').map(encodeURIComponent).join('/');
  const base = `${links.serverUrl}/${encodeURIComponent(links.owner)}/${encodeURIComponent(links.repo)}/blob/${links.sha}/${encoded}`;
  if (line === undefined) return base;
  // GitHub renders Markdown files, where line anchors do nothing: ?plain=1 shows the source.
  return endLine !== undefined && endLine > line ? `${base}?plain=1#L${line}-L${endLine}` : `${base}?plain=1#L${line}`;
}

/**
 * Line breaks (\n, \r\n) become one space; every other control character (a lone \r, NUL,
 * escape sequences, bidirectional overrides) becomes a visible sign, so that no text can start a
 * new line, heading or element in the summary. Long text is cut at `max` characters.
 */
export function visible(text: string, max = MAX_SUMMARY_TEXT): string {
  const flat = text
    .replace(/[^\S\r\n]*(?:\r\n|[\n\u0085\u2028\u2029])\s*/g, ' ')
    .replace(/\t/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are what is escaped here
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, controlPicture);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function controlPicture(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return '\u2421';
  return `{U+${c.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/**
 * Text for a table cell: no line breaks or control characters, and the characters Markdown or
 * HTML would interpret escaped (report text quoted in messages may contain any of them).
 */
export function escapeText(text: string): string {
  return (
    visible(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // ASCII punctuation that starts emphasis, code, links, strikethrough or ends a cell.
      .replace(/([\\`*_[\]|~])/g, '\\$1')
  );
}

/** An inline code span that survives any backticks in the text, safe in a table cell. */
export function code(text: string): string {
  const flat = visible(text, MAX_SUMMARY_PATH);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  // A pipe ends the table cell even inside a code span unless escaped (GFM).
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}
