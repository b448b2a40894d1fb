/** Whether a text is an annual report at all, from what its model found. */
import type { ReportModel } from '../model/schema.ts';

/**
 * Whether the content shows an annual report: a title line with a year (3 points: it says what
 * the file is), the parts' headings (4 or more: 2, 2–3: 1), table rows read (5 or more: 2, some:
 * 1), a statistical period (1); three points make a report. A damaged report keeps enough of
 * these; a README, a changelog or a writing guide that names the parts and tables has too few.
 */
export function looksLikeReport(evidence: ReportModel['evidence']): boolean {
  const score =
    (evidence.title ? 3 : 0) +
    (evidence.parts >= 4 ? 2 : evidence.parts >= 2 ? 1 : 0) +
    (evidence.tableRows >= 5 ? 2 : evidence.tableRows >= 1 ? 1 : 0) +
    (evidence.period ? 1 : 0);
  return score >= 3;
}
