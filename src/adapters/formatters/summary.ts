/**
 * `--format summary`: for a whole archive, one Markdown table per agency, one row per year (and
 * file), with the errors and warnings of each rule, so that an office sees at a glance which
 * agencies' reports need work. Agency and year are those the engine identified the reports by
 * (LintResult.agency / .year); `--format json` carries the same fields for other tools.
 */
import path from 'node:path';
import { list, messageTable, type MessageTable } from '../../i18n.ts';
import { relativePath, toPosix } from '../../engine/paths.ts';
import { countProblems, totalCounts } from '../../engine/results.ts';
import type { LintResult } from '../../types.ts';
import type { Formatter } from './types.ts';

/** The summary's words. */
const TEXT = {
  title: { 'zh-CN': '# 年报检查汇总（按机关和年份）', en: '# Annual reports by agency and year' },
  unknownAgency: { 'zh-CN': '（未识别出机关）', en: '(agency not identified)' },
  year: { 'zh-CN': '年份', en: 'Year' },
  file: { 'zh-CN': '文件', en: 'File' },
  errors: { 'zh-CN': '错误', en: 'Errors' },
  warnings: { 'zh-CN': '警告', en: 'Warnings' },
  byRule: { 'zh-CN': '各规则（错误/警告）', en: 'By rule (errors/warnings)' },
  clean: { 'zh-CN': '无问题', en: 'no problems' },
  fatal: { 'zh-CN': '无法读取', en: 'unreadable' },
  total: {
    'zh-CN': '合计：{agencies} 个机关，{files} 份报告，{errors} 个错误，{warnings} 个警告',
    en: 'Total: {agencies} agencies, {files} reports, {errors} errors, {warnings} warnings',
  },
  unknownYear: { 'zh-CN': '—', en: '—' },
  notReports: {
    'zh-CN': '另有 {count} 个文件不是年度报告（说明、指南、更新日志等），未检查，不计入上表：{files}',
    en: '{count} more files are not annual reports (a README, guide, changelog…): not linted, not in the tables: {files}',
  },
} as const satisfies MessageTable;
const words = messageTable(TEXT);

/** Markdown table cells: no pipes or line breaks from file names. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/**
 * The path relative to the working directory, also for files outside it (`../other/a.md`), as
 * people read a summary next to their shell; absolute only where no relative path exists (another
 * drive on Windows), and `<text>` as given.
 */
function shownPath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath;
  const relative = path.relative(cwd, filePath);
  return relative === '' || path.isAbsolute(relative) ? relativePath(filePath, cwd) : toPosix(relative);
}

export const summary: Formatter = (all, context) => {
  const text = (id: keyof typeof TEXT, data?: Record<string, string | number>): string => words(id, context.locale, data);
  // A README, guide or changelog is no report: never a row, never counted as a clean report.
  const results = all.filter((r) => !r.notReport);
  const notReports = all.filter((r) => r.notReport);
  const groups = new Map<string, LintResult[]>();
  for (const result of results) {
    const key = result.agency ?? '';
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  const agencies = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [text('title'), ''];
  for (const agency of agencies) {
    const rows = (groups.get(agency) ?? []).slice().sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity) || (a.filePath < b.filePath ? -1 : 1));
    out.push(`## ${cell(agency || text('unknownAgency'))}`, '');
    out.push(`| ${text('year')} | ${text('file')} | ${text('errors')} | ${text('warnings')} | ${text('byRule')} |`, '| --- | --- | ---: | ---: | --- |');
    for (const result of rows) {
      const counts = countProblems(result);
      const byRule = new Map<string, [number, number]>();
      if (result.fatal) byRule.set(text('fatal'), [1, 0]);
      for (const m of result.messages) {
        const entry = byRule.get(m.ruleId) ?? [0, 0];
        entry[m.severity === 2 ? 0 : 1]++;
        byRule.set(m.ruleId, entry);
      }
      const rules = [...byRule.entries()]
        .sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || (a[0] < b[0] ? -1 : 1))
        .map(([id, [e, w]]) => `${id} ${e}/${w}`)
        .join(', ');
      const year = result.year === undefined ? text('unknownYear') : String(result.year);
      out.push(
        `| ${year} | ${cell(shownPath(result.filePath, context.cwd))} | ${counts.errorCount} | ${counts.warningCount} | ${cell(rules || text('clean'))} |`,
      );
    }
    out.push('');
  }
  const total = totalCounts(results);
  out.push(text('total', { agencies: agencies.filter((a) => a !== '').length, files: results.length, errors: total.errorCount, warnings: total.warningCount }));
  if (notReports.length > 0) {
    const files = list(
      notReports.map((r) => shownPath(r.filePath, context.cwd)),
      context.locale,
    );
    out.push('', text('notReports', { count: notReports.length, files: cell(files) }));
  }
  return `${out.join('\n')}\n`;
};
