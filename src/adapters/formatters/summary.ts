/**
 * `--format summary`: for a whole archive, one Markdown table per agency, one row per year (and
 * file), with the errors and warnings of each rule, so that an office sees at a glance which
 * agencies' reports need work. Agency and year are those the engine identified the reports by
 * (LintResult.agency / .year); `--format json` carries the same fields for other tools.
 */
import path from 'node:path';
import { list } from '../../i18n.ts';
import { relativePath, toPosix } from '../../engine/paths.ts';
import { countProblems, totalCounts } from '../../engine/results.ts';
import type { LintResult, Locale } from '../../types.ts';
import type { Formatter } from './types.ts';

const TEXT: Record<
  Locale,
  Record<'title' | 'unknownAgency' | 'year' | 'file' | 'errors' | 'warnings' | 'byRule' | 'clean' | 'fatal' | 'total' | 'unknownYear' | 'notReports', string>
> = {
  'zh-CN': {
    title: '# 年报检查汇总（按机关和年份）',
    unknownAgency: '（未识别出机关）',
    year: '年份',
    file: '文件',
    errors: '错误',
    warnings: '警告',
    byRule: '各规则（错误/警告）',
    clean: '无问题',
    fatal: '无法读取',
    total: '合计：{agencies} 个机关，{files} 份报告，{errors} 个错误，{warnings} 个警告',
    unknownYear: '—',
    notReports: '另有 {count} 个文件不是年度报告（说明、指南、更新日志等），未检查，不计入上表：{files}',
  },
  en: {
    title: '# Annual reports by agency and year',
    unknownAgency: '(agency not identified)',
    year: 'Year',
    file: 'File',
    errors: 'Errors',
    warnings: 'Warnings',
    byRule: 'By rule (errors/warnings)',
    clean: 'no problems',
    fatal: 'unreadable',
    total: 'Total: {agencies} agencies, {files} reports, {errors} errors, {warnings} warnings',
    unknownYear: '—',
    notReports: '{count} more files are not annual reports (a README, guide, changelog…): not linted, not in the tables: {files}',
  },
};

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
  const text = TEXT[context.locale];
  // A README, guide or changelog is no report: never a row, never counted as a clean report.
  const results = all.filter((r) => !r.notReport);
  const notReports = all.filter((r) => r.notReport);
  const groups = new Map<string, LintResult[]>();
  for (const result of results) {
    const key = result.agency ?? '';
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  const agencies = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [text.title, ''];
  for (const agency of agencies) {
    const rows = (groups.get(agency) ?? []).slice().sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity) || (a.filePath < b.filePath ? -1 : 1));
    out.push(`## ${cell(agency || text.unknownAgency)}`, '');
    out.push(`| ${text.year} | ${text.file} | ${text.errors} | ${text.warnings} | ${text.byRule} |`, '| --- | --- | ---: | ---: | --- |');
    for (const result of rows) {
      const counts = countProblems(result);
      const byRule = new Map<string, [number, number]>();
      if (result.fatal) byRule.set(text.fatal, [1, 0]);
      for (const m of result.messages) {
        const entry = byRule.get(m.ruleId) ?? [0, 0];
        entry[m.severity === 2 ? 0 : 1]++;
        byRule.set(m.ruleId, entry);
      }
      const rules = [...byRule.entries()]
        .sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || (a[0] < b[0] ? -1 : 1))
        .map(([id, [e, w]]) => `${id} ${e}/${w}`)
        .join(', ');
      const year = result.year === undefined ? text.unknownYear : String(result.year);
      out.push(`| ${year} | ${cell(shownPath(result.filePath, context.cwd))} | ${counts.errorCount} | ${counts.warningCount} | ${cell(rules || text.clean)} |`);
    }
    out.push('');
  }
  const total = totalCounts(results);
  out.push(
    text.total
      .replace('{agencies}', String(agencies.filter((a) => a !== '').length))
      .replace('{files}', String(results.length))
      .replace('{errors}', String(total.errorCount))
      .replace('{warnings}', String(total.warningCount)),
  );
  if (notReports.length > 0) {
    const files = list(
      notReports.map((r) => shownPath(r.filePath, context.cwd)),
      context.locale,
    );
    out.push('', text.notReports.replace('{count}', String(notReports.length)).replace('{files}', cell(files)));
  }
  return `${out.join('\n')}\n`;
};
