/**
 * A measure, repeatable: every report of ../shared/corpus (seeds and peers) written as a Word
 * document in each of the layouts below (scripts/docx-pdfs.ts), printed to PDF by LibreOffice, read
 * back, and each table compared row for row with the same report read from its Markdown.
 *
 *   node scripts/run-ts.mjs scripts/docx-corpus.ts [--layout NAME…] [--report SUBSTRING…]
 *
 * The PDFs are kept in $DOCX_CORPUS_CACHE (default: the system's temporary folder), named by a hash
 * of their .docx, so a second run prints nothing again. Prints each table that does not read as its
 * Markdown (its rows that differ), the sum findings that differ, the other table findings, and the
 * count of tables read exactly. Exits 1 when a table is not exact.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { lintFile } from '../src/engine/lint-file.ts';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel, Row } from '../src/model/schema.ts';
import { DOCX_LAYOUTS, reportDocx, type DocxOptions } from './docx-pdfs.ts';

/** The layouts each report is printed in (the fixtures' and more), one font as the fixtures. */
export const CORPUS_LAYOUTS: Record<string, DocxOptions> = {
  plain: {},
  frame: { borders: 'outer', textbox: true },
  vertical: { vertical: true, rowHeight: 700, header: true, pageNumbers: true },
  // The landscape-vertical fixture's layout.
  landscape: DOCX_LAYOUTS.find((l) => l.name === 'landscape-vertical')?.options ?? {},
  footnotes: { footnotes: true, pageNumbers: true },
  threeLine: { borders: 'threeLine', notes: true },
  none: { borders: 'none', header: true, pageNumbers: true },
  narrow: { labelWidth: 1100, repeatHeader: true, rowHeight: 500, borders: 'thickOuter', fangsong: true },
  floating: { floating: true, shading: true, t2Merged: true },
  spacedNone: { borders: 'none', letterSpacing: 60, pageNumbers: true },
  spacedThreeLine: { borders: 'threeLine', letterSpacing: 40, vertical: true },
  spacedRuled: { letterSpacing: 60, vertical: true, landscapeT3: true, labelWidth: 4000 },
};

const FONT: DocxOptions = { font: 'WenQuanYi Zen Hei', verticalFont: 'Noto Sans CJK SC' };

/** The corpus reports: every Markdown or text report (a PDF's own -layout text stands for it). */
export function corpusReports(corpus: string): string[] {
  return ['seeds', 'peers'].flatMap((d) =>
    readdirSync(path.join(corpus, d))
      .filter((f) => /\.(md|txt)$/.test(f) && !/^(README|SOURCES)\.md$/.test(f))
      .map((f) => `${d}/${f}`),
  );
}

/**
 * Each .docx printed to PDF by LibreOffice (twenty a run: its start costs more than a page) into
 * `cache`, named by the files the .docx holds (the zip's own bytes carry the time it was made), so
 * a second run prints nothing again; with `layoutText`, its `pdftotext -layout` text beside it.
 * Returns each key's files' path without the extension.
 */
export function printDocxes(
  docs: Map<string, Uint8Array>,
  cache: string,
  { label, layoutText = false }: { label: string; layoutText?: boolean },
): Map<string, string> {
  const soffice = process.env['SOFFICE'] ?? 'soffice';
  mkdirSync(cache, { recursive: true });
  const files = new Map<string, string>();
  const todo: string[] = [];
  for (const [key, docx] of docs) {
    const hash = createHash('sha256');
    for (const [name, bytes] of Object.entries(unzipSync(docx)).sort(([x], [y]) => x.localeCompare(y))) hash.update(name).update(bytes);
    const base = path.join(cache, hash.digest('hex').slice(0, 20));
    files.set(key, base);
    if (!existsSync(`${base}.pdf`) && !todo.includes(`${base}.docx`)) {
      writeFileSync(`${base}.docx`, docx);
      todo.push(`${base}.docx`);
    }
  }
  if (todo.length > 0) console.log(`${label}: printing ${todo.length} PDFs…`);
  for (let i = 0; i < todo.length; i += 20) {
    const r = spawnSync(
      soffice,
      ['--headless', `-env:UserInstallation=file://${path.join(cache, 'profile')}`, '--convert-to', 'pdf', '--outdir', cache, ...todo.slice(i, i + 20)],
      {
        encoding: 'utf8',
        timeout: 600_000,
      },
    );
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  }
  if (layoutText)
    for (const base of files.values())
      if (!existsSync(`${base}.layout.txt`)) {
        const r = spawnSync('pdftotext', ['-layout', `${base}.pdf`, `${base}.layout.txt`]);
        if (r.status !== 0) throw new Error(`pdftotext failed: ${String(r.stderr)}`);
      }
  return files;
}

const cells = (r: Row): string =>
  r.status !== 'read'
    ? `(${r.status})`
    : r.cells.map((c) => (c.kind === 'number' ? String(c.value) : c.kind === 'missing' || c.kind === 'blank' ? '_' : c.kind)).join(' ');
const sums = (messages: ReadonlyArray<{ ruleId: string | null; message: string }>): string[] =>
  messages
    .filter((m) => m.ruleId === 'table-sums')
    .map((m) => m.message.replace(/（本行按“[^”]*”读出）$/, ''))
    .sort();

interface TableDiff {
  table: string;
  rows: Array<{ row: string; markdown: string; pdf: string }>;
}

/** The tables of `pdf` that do not read as those of `markdown`. */
function compare(markdown: ReportModel | undefined, pdf: ReportModel | undefined): { tables: number; diffs: TableDiff[] } {
  const diffs: TableDiff[] = [];
  let tables = 0;
  for (const t of ['t2', 't3', 't4'] as const) {
    const want = markdown?.tables[t].rows ?? [];
    if (want.length === 0) continue;
    tables++;
    const got = new Map((pdf?.tables[t].rows ?? []).map((r) => [r.id, r] as const));
    // A row the Markdown does not read is printed with empty cells (the generator has no values for it).
    const rows = want
      .map((r) => ({ row: r.id, markdown: r.status === 'read' ? cells(r) : '(blank)', pdf: got.has(r.id) ? cells(got.get(r.id) as Row) : '(none)' }))
      .filter((d) => d.markdown !== d.pdf);
    if (rows.length > 0) diffs.push({ table: t, rows });
  }
  return { tables, diffs };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const pick = (flag: string): string[] => args.flatMap((a, i) => (args[i - 1] === flag ? [a] : []));
  const layouts = Object.entries(CORPUS_LAYOUTS).filter(([n]) => pick('--layout').length === 0 || pick('--layout').includes(n));
  const corpus = path.resolve('../shared/corpus');
  const reports = corpusReports(corpus).filter((r) => pick('--report').length === 0 || pick('--report').some((s) => r.includes(s)));
  const cache = process.env['DOCX_CORPUS_CACHE'] ?? path.join(tmpdir(), 'xxgk-docx-corpus');

  const cases: Array<{ report: string; layout: string; text: string; key: string }> = [];
  const docs = new Map<string, Uint8Array>();
  for (const report of reports) {
    const text = readFileSync(path.join(corpus, report), 'utf8');
    for (const [layout, options] of layouts) {
      let docx: Uint8Array;
      try {
        docx = reportDocx(text, { ...FONT, ...options });
      } catch (e) {
        console.log(`skip ${report} ${layout}: ${(e as Error).message}`);
        continue;
      }
      const key = `${report} ${layout}`;
      docs.set(key, docx);
      cases.push({ report, layout, text, key });
    }
  }
  const files = printDocxes(docs, cache, { label: 'docx-corpus' });

  let tables = 0;
  let exact = 0;
  let failed = false;
  const perLayout = new Map<string, { tables: number; exact: number }>();
  for (const c of cases) {
    const markdown = lintText(c.text, { filePath: c.report, keepModel: true, locale: 'zh-CN' });
    const pdf = `${files.get(c.key) ?? ''}.pdf`;
    const read = await lintFile(pdf, { locale: 'zh-CN', keepModel: true });
    const { tables: n, diffs } = compare(markdown.model, read.model);
    tables += n;
    exact += n - diffs.length;
    const mine = perLayout.get(c.layout) ?? { tables: 0, exact: 0 };
    perLayout.set(c.layout, { tables: mine.tables + n, exact: mine.exact + n - diffs.length });
    const wantSums = sums(markdown.messages);
    const gotSums = sums(read.messages);
    const structure = (ms: typeof read.messages): string[] =>
      ms.filter((m) => m.ruleId?.startsWith('table-') === true && m.ruleId !== 'table-sums').map((m) => `${m.ruleId ?? ''}: ${m.message}`);
    // Findings about a row printed empty (the Markdown does not read it) are the generator's, not the reading's.
    const unread = Object.values(markdown.model?.tables ?? {}).flatMap((t) =>
      t.rows.filter((r) => r.status !== 'read').map((r) => r.label.split('·').at(-1) ?? r.label),
    );
    const extra = structure(read.messages).filter((m) => !structure(markdown.messages).includes(m) && !unread.some((l) => m.includes(`“${l}”`)));
    const sumsDiffer = JSON.stringify(wantSums) !== JSON.stringify(gotSums);
    if (diffs.length === 0 && !sumsDiffer && extra.length === 0 && read.fatal === undefined) continue;
    failed = true;
    console.log(`\n## ${c.report} × ${c.layout}  (${path.basename(pdf)})`);
    if (read.fatal) console.log(`  fatal: ${read.fatal.message}`);
    for (const d of diffs) for (const r of d.rows) console.log(`  ${d.table} ${r.row}: markdown ${r.markdown} | pdf ${r.pdf}`);
    if (sumsDiffer) {
      for (const s of wantSums.filter((x) => !gotSums.includes(x))) console.log(`  sum lost: ${s}`);
      for (const s of gotSums.filter((x) => !wantSums.includes(x))) console.log(`  sum added: ${s}`);
    }
    for (const m of extra) console.log(`  finding: ${m}`);
  }
  console.log(`\ndocx-corpus: ${[...perLayout].map(([l, n]) => `${l} ${n.exact}/${n.tables}`).join(', ')}`);
  console.log(`docx-corpus: ${exact} of ${tables} tables read exactly (${cases.length} report × layout PDFs)`);
  if (failed) process.exitCode = 1;
}

if (process.argv[1]?.endsWith('docx-corpus.ts')) await main();
