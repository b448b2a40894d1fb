/**
 * For the job summary: the few rows around each wrong cell of a report's tables, as a compact HTML
 * table with the cell marked and the expected value beside it, so that whoever reads the pull
 * request sees the cell and not only a message. Drawn from the model (`keepModel`) by the same code
 * as --format html; everything from the file is escaped. Capped, as GitHub caps a step's summary.
 */
import { escapeHtml } from '../formatters/html.ts';
import { cellText, drawTables, TABLE_TITLES, type DrawnRow } from '../formatters/tables.ts';
import type { LintResult, Locale } from '../../types.ts';

/** At most this many row windows per file and per summary (each is a few hundred bytes). */
export const MAX_CONTEXT_TABLES_PER_FILE = 5;
/** Rows shown above and below a row with a wrong cell. */
const AROUND = 1;

/** The context tables of one report, or [] when it has no model or no marked cell. */
export function contextTables(result: LintResult, locale: Locale, budget = MAX_CONTEXT_TABLES_PER_FILE): string[] {
  if (!result.model || budget <= 0) return [];
  const out: string[] = [];
  for (const drawn of drawTables(result.model, result.messages)) {
    for (const block of drawn.blocks) {
      const marked = block.rows.map((r, i) => (r.cells.some((c) => c.findings.length > 0) ? i : -1)).filter((i) => i >= 0);
      // Windows of rows around the marked ones, overlapping windows merged.
      const windows: [number, number][] = [];
      for (const i of marked) {
        const from = Math.max(0, i - AROUND);
        const to = Math.min(block.rows.length - 1, i + AROUND);
        const last = windows[windows.length - 1];
        if (last && from <= last[1] + 1) last[1] = to;
        else windows.push([from, to]);
      }
      for (const [from, to] of windows) {
        if (out.length >= budget) return out;
        const title = escapeHtml(TABLE_TITLES[drawn.table.id][locale]);
        const head = `<tr><th>${title}</th>${block.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
        const body = block.rows
          .slice(from, to + 1)
          .map((row) => rowHtml(row, locale))
          .join('');
        out.push(`<table>${head}${body}</table>`);
      }
    }
  }
  return out;
}

function rowHtml(row: DrawnRow, locale: Locale): string {
  const cells = row.cells.map((c) => {
    const shown = cellText(c.cell, locale);
    if (c.findings.length === 0) return `<td>${shown.unread ? `<i>${escapeHtml(shown.text)}</i>` : escapeHtml(shown.text)}</td>`;
    const icon = c.findings.some((f) => f.severity === 2) ? '❌' : '⚠️';
    const expected = c.expected === undefined ? '' : ` → ${escapeHtml(c.expected)}`;
    return `<td>${icon}<b>${escapeHtml(shown.text)}</b>${expected}</td>`;
  });
  return `<tr><td>${escapeHtml(row.row.label)}</td>${cells.join('')}</tr>`;
}
