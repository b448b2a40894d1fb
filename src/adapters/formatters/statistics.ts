/**
 * The statistics as data: every cell of the three tables of every report, one record per report ×
 * table × row × column, with how the value was read. What was not read has no value (`null`),
 * never a guessed 0. Shared by `--format csv`, `--format xlsx`, the archive overview and the
 * library (`statisticsOf`). Pure: no `node:` modules.
 */
import type { Cell, ReportModel, Row, Table } from '../../model/schema.ts';
import type { LintResult } from '../../types.ts';
import { drawTable } from './tables.ts';

/**
 * How a value was obtained. written: the cell's number as printed; split: cut out of digits
 * printed run together (the only cut that makes the row add up); solved: the cell is empty or lost
 * and the row's relation gives its value; blank: an empty cell no relation gives (no value);
 * placeholder: a dash or slash instead of a number (no value); invalid: text that is not a
 * non-negative number (no value); unread: the row as a whole could not be read (no value;
 * `rowStatus` says why).
 */
export type ReadHow = 'written' | 'split' | 'solved' | 'blank' | 'placeholder' | 'invalid' | 'unread';

/** One cell of one report's table. */
export interface StatisticsRecord {
  /** The file, relative to the working folder when inside it. */
  file: string;
  /** The agency and year the report is identified by; null when it does not say. */
  agency: string | null;
  year: number | null;
  table: Table['id'];
  /** Which template the table follows (2019 trial or 2021). */
  template: Table['template'];
  /** Stable row id (t3.r1 …) and the official row label. */
  rowId: string;
  row: string;
  /** The column as the template names it. */
  column: string;
  /** The value; null unless `read` is written, split or solved. */
  value: number | null;
  read: ReadHow;
  /** The text of the cell as printed (empty when there is none). */
  raw: string;
  /** Line of the cell in the text read (0 when the row was not found). */
  line: number;
  /** The row's reading status (read, missing, blank, count, ambiguous, unsolvable, unclear). */
  rowStatus: Row['status'];
  /** The report's error and warning counts. */
  errors: number;
  warnings: number;
}

/** One finding of one report, for the findings sheet. */
export interface FindingRecord {
  file: string;
  agency: string | null;
  year: number | null;
  ruleId: string;
  severity: 'error' | 'warning';
  line: number;
  column: number;
  message: string;
}

export const STATISTICS_COLUMNS = [
  'file',
  'agency',
  'year',
  'table',
  'template',
  'rowId',
  'row',
  'column',
  'value',
  'read',
  'raw',
  'line',
  'rowStatus',
  'errors',
  'warnings',
] as const satisfies readonly (keyof StatisticsRecord)[];

export const FINDING_COLUMNS = [
  'file',
  'agency',
  'year',
  'ruleId',
  'severity',
  'line',
  'column',
  'message',
] as const satisfies readonly (keyof FindingRecord)[];

export const TABLE_IDS = ['t2', 't3', 't4'] as const;

export function readHow(cell: Cell | undefined, row: Row): { value: number | null; read: ReadHow } {
  if (row.status !== 'read' || !cell) return { value: null, read: 'unread' };
  if (cell.read === 'split' && cell.value !== null) return { value: cell.value, read: 'split' };
  if (cell.read === 'solved' && cell.value !== null) return { value: cell.value, read: 'solved' };
  if (cell.kind === 'number' && cell.value !== null) return { value: cell.value, read: 'written' };
  if (cell.kind === 'placeholder') return { value: null, read: 'placeholder' };
  if (cell.kind === 'invalid') return { value: null, read: 'invalid' };
  return { value: null, read: 'blank' };
}

/** A file's name relative to `cwd` when inside it (with forward slashes), else as given. */
export function displayName(filePath: string, cwd: string): string {
  const base = cwd.endsWith('/') || cwd.endsWith('\\') ? cwd : `${cwd}${cwd.includes('\\') && !cwd.includes('/') ? '\\' : '/'}`;
  return filePath.startsWith(base) ? filePath.slice(base.length).replaceAll('\\', '/') : filePath;
}

/** Agency and year: the engine's identity (normalised, after the config's mapping), else the model's title. */
export function identityOf(result: LintResult): { agency: string | null; year: number | null } {
  return {
    agency: result.agency ?? result.model?.title?.agency ?? null,
    year: result.year ?? result.model?.year ?? null,
  };
}

function tableRecords(
  table: Table,
  base: Omit<StatisticsRecord, 'table' | 'template' | 'rowId' | 'row' | 'column' | 'value' | 'read' | 'raw' | 'line' | 'rowStatus'>,
): StatisticsRecord[] {
  if (!table.found) return [];
  const out: StatisticsRecord[] = [];
  // drawTable gives every row its template columns, also when the row was not read.
  for (const block of drawTable(table, []).blocks) {
    for (const drawn of block.rows) {
      for (const c of drawn.cells) {
        const { value, read } = readHow(c.cell, drawn.row);
        out.push({
          ...base,
          table: table.id,
          template: table.template,
          rowId: drawn.row.id,
          row: drawn.row.label,
          column: c.column,
          value,
          read,
          raw: c.cell?.raw.trim() ?? '',
          line: c.cell?.span.start.line ?? drawn.row.found?.span.start.line ?? 0,
          rowStatus: drawn.row.status,
        });
      }
    }
  }
  return out;
}

/**
 * Every cell of a report's three tables, in table, row and column order. Needs the report's model
 * (`keepModel` when linting); a result without one (unreadable file, not a report) has none.
 */
export function statisticsOf(result: LintResult, options: { cwd?: string } = {}): StatisticsRecord[] {
  const model: ReportModel | undefined = result.model;
  if (!model || result.notReport) return [];
  // Counted as ESLint counts them (a file that could not be read: one error).
  const base = {
    file: options.cwd === undefined ? result.filePath : displayName(result.filePath, options.cwd),
    ...identityOf(result),
    errors: result.messages.filter((m) => m.severity === 2).length + (result.fatal ? 1 : 0),
    warnings: result.messages.filter((m) => m.severity === 1).length,
  };
  return TABLE_IDS.flatMap((id) => tableRecords(model.tables[id], base));
}

/** A report's findings (a file that could not be read: its reason, as one error). */
export function findingsOf(result: LintResult, options: { cwd?: string } = {}): FindingRecord[] {
  const base = { file: options.cwd === undefined ? result.filePath : displayName(result.filePath, options.cwd), ...identityOf(result) };
  const out: FindingRecord[] = [];
  if (result.fatal) out.push({ ...base, ruleId: '', severity: 'error', line: 1, column: 1, message: result.fatal.message });
  for (const m of result.messages) {
    out.push({ ...base, ruleId: m.ruleId, severity: m.severity === 2 ? 'error' : 'warning', line: m.line, column: m.column, message: m.message });
  }
  return out;
}

/** The statistics and findings of many reports, as `--format csv`/`xlsx` export them (for JSON through the API). */
export function statistics(results: Iterable<LintResult>, options: { cwd?: string } = {}): { cells: StatisticsRecord[]; findings: FindingRecord[] } {
  const cells: StatisticsRecord[] = [];
  const findings: FindingRecord[] = [];
  for (const r of results) {
    if (r.notReport) continue;
    cells.push(...statisticsOf(r, options));
    findings.push(...findingsOf(r, options));
  }
  return { cells, findings };
}
