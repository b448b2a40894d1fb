/**
 * How many tables the `pdftotext -layout` text of real reports' content reads exactly, as Word
 * prints them: each report of ../shared/corpus written as a .docx in several Word layouts
 * (scripts/docx-pdfs.ts: vertical group labels, header rows repeated, a narrow label column, tall
 * rows, table 三 in a landscape section, border variants), printed to PDF by LibreOffice, its
 * -layout text read and every table compared row for row with the report's Markdown.
 *
 *   node scripts/run-ts.mjs scripts/layout-measure.ts [--pdf] [--plain] [--blind] [--layouts A,B] [REPORT-SUBSTRING…]
 *
 * Prints one line for each table not read exactly (its rows that differ), the count, and how many
 * rows were read with values other than the Markdown's (misread, not merely unread). The PDFs
 * are kept in $TMPDIR/xxgk-layout-measure/ by their .docx's hash, so a second run only reads.
 * --pdf also reads the PDFs themselves (by their geometry); --plain also their plain `pdftotext`
 * text (no -layout: cells in column blocks, labels away from their values), kept beside them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel, Row } from '../src/model/schema.ts';
import type { Diagnostic as Message } from '../src/types.ts';
import { corpusReports, printDocxes } from './docx-corpus.ts';
import { type DocxOptions, reportDocx } from './docx-pdfs.ts';

/** The Word layouts measured (the fixtures' font; each adds one hard form). */
export const MEASURE_LAYOUTS: Record<string, DocxOptions> = {
  vertical: { vertical: true, rowHeight: 700, header: true, pageNumbers: true },
  repeat: { repeatHeader: true, rowHeight: 600, pageNumbers: true },
  narrow: { labelWidth: 1200 },
  tall: { rowHeight: 1100, borders: 'double' },
  landscape: { landscapeT3: true, vertical: true, repeatHeader: true, labelWidth: 5600 },
  threeLine: { borders: 'threeLine', labelWidth: 1600 },
  outer: { borders: 'outer', vertical: true },
  narrowVertical: { vertical: true, labelWidth: 1000, rowHeight: 500, pageNumbers: true },
  large: { tableSize: 24, labelWidth: 1400, repeatHeader: true, rowHeight: 800, header: true },
  fangsong: { fangsong: true, vertical: true, labelWidth: 1600, notes: true, footnotes: true },
  tinyLabels: { vertical: true, labelWidth: 700, rowHeight: 400 },
  noRules: { borders: 'none', labelWidth: 1300, shading: true },
  landscapeNarrow: { landscapeT3: true, vertical: true, labelWidth: 1200, rowHeight: 900, repeatHeader: true, pageNumbers: true },
  floating: { t2Merged: true, floating: true, textbox: true, labelWidth: 1800, tableSize: 18 },
};

/**
 * Word layouts no measure above tries, as agencies' drafts come (--blind measures these instead):
 * Word's own margins and narrow ones, shaded repeated headers, values right-aligned with thousands
 * separators, table 三 split into two tables of its columns, cells aligned to the top or bottom of tall
 * rows, line spacing exactly 12 pt (clipping a 12 pt font), tables inside a 1×1 frame table, other CJK
 * fonts, distributed (分散对齐) labels, table 二 merged with tall repeated rows, a 合计 column.
 */
export const BLIND_LAYOUTS: Record<string, DocxOptions> = {
  wordMargins: { margins: 'word', repeatHeader: true, shading: true, rowHeight: 600 },
  narrowMargins: { margins: 'narrow', valueAlign: 'right', thousands: true },
  splitT3: { splitT3: 3, vertical: true },
  t2Tall: { t2Merged: true, t2RowHeight: 900, vAlign: 'bottom' },
  exact12: { exactLine: 240, tableSize: 24, labelWidth: 1400 },
  frame: { frame: true, textbox: true },
  serif: { font: 'Noto Serif CJK SC', verticalFont: 'Noto Serif CJK SC', vertical: true, repeatHeader: true, rowHeight: 700 },
  distribute: { distribute: true, labelWidth: 1600, font: 'Noto Sans CJK SC' },
  extraTotalRight: { extraTotal: true, thousands: true, valueAlign: 'right' },
  topTall: { vAlign: 'top', rowHeight: 900, labelWidth: 1200 },
  landscapeRight: { landscapeT3: true, margins: 'word', valueAlign: 'right', vAlign: 'bottom', rowHeight: 500, repeatHeader: true },
};

const corpus = path.resolve('../shared/corpus');
const cache = path.join(tmpdir(), 'xxgk-layout-measure');

/** A row's cells as compared: values, `_` for a blank or lost cell. */
const cells = (r: Row): string =>
  r.cells.map((c) => (c.kind === 'number' ? String(c.value) : c.kind === 'missing' || c.kind === 'blank' ? '_' : c.kind)).join(' ');
const rowsOf = (m: ReportModel | undefined, t: 't2' | 't3' | 't4'): Map<string, Row> => new Map((m?.tables[t].rows ?? []).map((r) => [r.id, r]));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const kinds = ['layout', ...(args.includes('--plain') ? ['plain'] : []), ...(args.includes('--pdf') ? ['pdf'] : [])];
  const pick = args.flatMap((a, i) => (args[i - 1] === '--layouts' ? a.split(',') : []));
  const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--layouts');
  const layouts = Object.entries(args.includes('--blind') ? BLIND_LAYOUTS : MEASURE_LAYOUTS).filter(([n]) => pick.length === 0 || pick.includes(n));
  const docs = new Map<string, Uint8Array>();
  const truths = new Map<string, ReportModel>();
  const truthMessages = new Map<string, readonly Message[]>();
  for (const source of corpusReports(corpus)) {
    if (only.length > 0 && !only.some((o) => source.includes(o))) continue;
    const text = readFileSync(path.join(corpus, source), 'utf8');
    const markdown = lintText(text, { filePath: source, keepModel: true });
    const model = markdown.model;
    if (!model) continue;
    for (const [layout, options] of layouts) {
      let docx: Uint8Array;
      try {
        docx = reportDocx(text, { font: 'WenQuanYi Zen Hei', verticalFont: 'Noto Sans CJK SC', ...options });
      } catch {
        continue; // no part 二 or 五 to lay out
      }
      docs.set(`${source} ${layout}`, docx);
      truths.set(`${source} ${layout}`, model);
      truthMessages.set(`${source} ${layout}`, markdown.messages);
    }
  }
  const files = printDocxes(docs, cache, { label: 'layout-measure', layoutText: true });
  const { lintFile } = await import('../src/engine/lint-file.ts');
  if (kinds.includes('plain'))
    for (const base of files.values())
      if (!existsSync(`${base}.plain.txt`)) {
        const r = spawnSync('pdftotext', [`${base}.pdf`, `${base}.plain.txt`]);
        if (r.status !== 0) throw new Error(`pdftotext failed: ${String(r.stderr)}`);
      }
  for (const kind of kinds) {
    let exact = 0;
    let all = 0;
    let otherFindings = 0;
    let misread = 0;
    const perLayout = new Map<string, { exact: number; all: number; misread: number }>();
    for (const [key, base] of files) {
      const tally = perLayout.get(key.split(' ').at(-1) ?? '') ?? { exact: 0, all: 0, misread: 0 };
      perLayout.set(key.split(' ').at(-1) ?? '', tally);
      const truth = truths.get(key);
      const result =
        kind === 'pdf'
          ? await lintFile(`${base}.pdf`, { locale: 'zh-CN', keepModel: true })
          : lintText(readFileSync(`${base}.${kind}.txt`, 'utf8'), { keepModel: true, locale: 'zh-CN' });
      const read = result.model;
      // Findings the Markdown does not give, and the Markdown's it does not (the wording of how a row was read aside).
      const words = (ms: readonly Message[]) => ms.map((m) => `${m.ruleId} ${m.message.replace(/（本行按“[^”]*”读出）$/, '')}`);
      const mine = words(result.messages);
      const theirs = words(truthMessages.get(key) ?? []);
      const extra = [...mine.filter((m) => !theirs.includes(m)).map((m) => `+ ${m}`), ...theirs.filter((m) => !mine.includes(m)).map((m) => `- ${m}`)];
      if (extra.length > 0) console.log(`${kind} ${key} findings [${base}]\n    ${extra.join('\n    ')}`);
      otherFindings += extra.length;
      for (const t of ['t2', 't3', 't4'] as const) {
        const want = rowsOf(truth, t);
        if (![...want.values()].some((r) => r.status === 'read')) continue;
        all += 1;
        tally.all += 1;
        const got = rowsOf(read, t);
        const diff: string[] = [];
        for (const [id, row] of want) {
          if (row.status !== 'read') continue;
          const other = got.get(id);
          const text = other?.status === 'read' ? cells(other) : `(${other?.status ?? 'none'})`;
          if (text !== cells(row)) diff.push(`${id}: ${cells(row)} ≠ ${text}`);
          if (other?.status === 'read' && text !== cells(row)) {
            misread += 1;
            tally.misread += 1;
          }
        }
        if (diff.length === 0) {
          exact += 1;
          tally.exact += 1;
        } else console.log(`${kind} ${key} ${t} [${base}]\n    ${diff.slice(0, 4).join('\n    ')}${diff.length > 4 ? `\n    … ${diff.length - 4} more` : ''}`);
      }
    }
    console.log(`${kind} by layout: ${[...perLayout].map(([l, n]) => `${l} ${n.exact}/${n.all}${n.misread > 0 ? ` (${n.misread} misread)` : ''}`).join(', ')}`);
    console.log(`${kind}: ${exact} of ${all} tables exact; ${misread} rows read with other values; ${otherFindings} findings other than the Markdown's`);
  }
}

if (process.argv[1]?.endsWith('layout-measure.ts')) await main();
