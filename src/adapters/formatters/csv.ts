/**
 * `--format csv`: the statistics as data (statistics.ts), one line per report × table × row ×
 * column. UTF-8 with a byte-order mark (so that Excel opens it as UTF-8), CRLF line ends and
 * RFC 4180 quoting. Written report by report: a long run never holds the whole output.
 * Pure: no `node:` modules.
 */
import { STATISTICS_COLUMNS, statisticsOf, type StatisticsRecord } from './statistics.ts';
import { whole, type Formatter, type StreamingFormatter } from './types.ts';

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvRecord(record: StatisticsRecord): string {
  return csvLine(STATISTICS_COLUMNS.map((key) => record[key]));
}

export const csvStream: StreamingFormatter = (context) => {
  let started = false;
  const head = (): string => {
    if (started) return '';
    started = true;
    return `\uFEFF${csvLine(STATISTICS_COLUMNS)}`;
  };
  return {
    file: (result) => head() + statisticsOf(result, { cwd: context.cwd }).map(csvRecord).join(''),
    end: () => head(),
  };
};

export const csv: Formatter = whole(csvStream);
