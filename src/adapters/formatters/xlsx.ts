/**
 * `--format xlsx`: the statistics as a workbook (exceljs): one sheet per table (二, 三, 四) with a
 * line per report × row × column, as `--format csv` has them, plus a sheet of findings. Written
 * with exceljs's streaming writer as the reports come: each call returns the bytes of the zip made
 * so far, so that a long run holds neither every row nor the whole file. exceljs is loaded only
 * when this format is used.
 */
import type { Writable } from 'node:stream';
import type { MessageTable } from '../../i18n.ts';
import type { LintResult } from '../../types.ts';
import { FINDING_COLUMNS, findingsOf, STATISTICS_COLUMNS, statisticsOf, type FindingRecord, type StatisticsRecord, type TABLE_IDS } from './statistics.ts';
import type { FormatterContext, OutputFormatter, OutputStream } from './types.ts';

export const SHEET_NAMES = {
  t2: { 'zh-CN': '表二 主动公开', en: 'Table 2 proactive' },
  t3: { 'zh-CN': '表三 依申请公开', en: 'Table 3 requests' },
  t4: { 'zh-CN': '表四 复议诉讼', en: 'Table 4 appeals' },
  findings: { 'zh-CN': '问题', en: 'Findings' },
} as const satisfies MessageTable;

type Sheet = { addRow(values: unknown[]): { commit(): void }; commit(): void | Promise<void>; columns: unknown };
type Writer = { addWorksheet(name: string, options?: unknown): Sheet; commit(): Promise<void> };

function chunksOut(): { sink: Promise<Writable>; take(): Uint8Array; finished: Promise<void> } {
  const pieces: Uint8Array[] = [];
  let resolveFinished: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
  const sink = import('node:stream').then(
    ({ Writable }) =>
      new Writable({
        write(chunk: Uint8Array, _encoding, callback) {
          pieces.push(chunk);
          callback();
        },
        final(callback) {
          resolveFinished();
          callback();
        },
      }),
  );
  return {
    sink,
    take: () => {
      const size = pieces.reduce((n, p) => n + p.length, 0);
      const out = new Uint8Array(size);
      let at = 0;
      for (const p of pieces) {
        out.set(p, at);
        at += p.length;
      }
      pieces.length = 0;
      return out;
    },
    finished,
  };
}

/** A tick for the zip streams to move what was written (exceljs and archiver work asynchronously). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const xlsxStream: OutputFormatter = (context: FormatterContext): OutputStream => {
  const out = chunksOut();
  const name = (sheet: keyof typeof SHEET_NAMES): string => SHEET_NAMES[sheet][context.locale];
  let opened: Promise<{ writer: Writer; sheets: Record<(typeof TABLE_IDS)[number] | 'findings', Sheet> }> | undefined;
  const open = () =>
    (opened ??= (async () => {
      const ExcelJS = (await import('exceljs')).default;
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: await out.sink, useStyles: true, useSharedStrings: false }) as unknown as Writer;
      const frozen = { views: [{ state: 'frozen', ySplit: 1 }] };
      // Table 三 is the largest: its sheet is opened first, so that its rows stream out and only
      // the smaller sheets wait in memory for their turn in the zip.
      const t3 = writer.addWorksheet(name('t3'), frozen);
      const t2 = writer.addWorksheet(name('t2'), frozen);
      const t4 = writer.addWorksheet(name('t4'), frozen);
      const findings = writer.addWorksheet(name('findings'), frozen);
      for (const sheet of [t3, t2, t4]) sheet.addRow([...STATISTICS_COLUMNS]).commit();
      findings.addRow([...FINDING_COLUMNS]).commit();
      return { writer, sheets: { t2, t3, t4, findings } };
    })());
  const row = (r: StatisticsRecord): unknown[] => STATISTICS_COLUMNS.map((k) => r[k] ?? null);
  const findingRow = (f: FindingRecord): unknown[] => FINDING_COLUMNS.map((k) => f[k] ?? null);
  return {
    async file(result: LintResult) {
      if (result.notReport) return '';
      const { sheets } = await open();
      const records = statisticsOf(result, { cwd: context.cwd });
      for (const id of ['t3', 't2', 't4'] as const) for (const r of records) if (r.table === id) sheets[id].addRow(row(r)).commit();
      for (const f of findingsOf(result, { cwd: context.cwd })) sheets.findings.addRow(findingRow(f)).commit();
      await settle();
      return out.take();
    },
    async end() {
      const { writer } = await open();
      await writer.commit();
      await out.finished;
      return out.take();
    },
  };
};
