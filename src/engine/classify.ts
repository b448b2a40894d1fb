/** Whether a text is an annual report at all, from what its model found. */
import type { ReportModel } from '../model/schema.ts';

/**
 * Whether the content shows an annual report. Points: a title line with a year (3 when the file
 * starts with it and it names the agency, 2 when it starts the file without one, 1 anywhere else:
 * a README's sentence "这里存放本局2024年政府信息公开工作年度报告" is no title), the parts' headings
 * (4 or more: 2, 2–3: 1), table rows read (5 or more: 2, some: 1), a statistical period (1), and
 * figures (60 or more whole numbers outside dates, versions and code: 2, 15 or more: 1). Three
 * points make a report, if it has substance: a table row read, 15 figures, or the agency's title
 * at the top (a draft with only its first part is a report). A damaged report
 * (no title, flattened tables, headings without numerals) keeps its figures and some of the
 * rest; a README, a changelog or a writing guide that names the parts, the tables and a year has
 * no figures to report.
 */
export function looksLikeReport(model: Pick<ReportModel, 'evidence' | 'title'>, source: string): boolean {
  const { evidence } = model;
  const figures = countFigures(source);
  const title = titlePoints(model, source);
  // An agency's titled report is one even as a stub (a draft with its first part).
  const substance = evidence.tableRows >= 1 || figures >= 15 || title === 3;
  if (!substance) return false;
  const score =
    title +
    (evidence.parts >= 4 ? 2 : evidence.parts >= 2 ? 1 : 0) +
    (evidence.tableRows >= 5 ? 2 : evidence.tableRows >= 1 ? 1 : 0) +
    (evidence.period ? 1 : 0) +
    (figures >= 60 ? 2 : figures >= 15 ? 1 : 0);
  return score >= 3;
}

function titlePoints(model: Pick<ReportModel, 'evidence' | 'title'>, source: string): number {
  const { title } = model;
  if (!model.evidence.title || !title) return 0;
  // A report starts with its title (after front matter or a line or two such as a date); a README
  // mentions one under its own heading.
  const before = source
    .slice(0, source.lastIndexOf('\n', title.span.start.offset - 1) + 1)
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (before.length > 2 || before.some((line) => /^ {0,3}#/.test(line))) return 1;
  return title.agency ? 3 : 2;
}

/** Whole numbers in the text, outside fenced code: not parts of dates (2024年1月), versions (0.1.0), times or phone numbers. */
function countFigures(source: string): number {
  const prose = source.replace(/^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, '');
  return prose.match(/(?<![\d.\-/:#A-Za-z])\d{1,9}(?![\d.\-/:年月日号A-Za-z])/g)?.length ?? 0;
}
