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
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

/** .docx files → PDFs with one LibreOffice run (its start costs more than a page). */
function printAll(jobs: Array<{ docx: Uint8Array; pdf: string }>, soffice = process.env.SOFFICE ?? 'soffice'): void {
  if (jobs.length === 0) return;
  const dir = path.join(tmpdir(), `xxgk-docx-corpus-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const names = jobs.map((j, i) => {
      const name = `r${i}.docx`;
      writeFileSync(path.join(dir, name), j.docx);
      return name;
    });
    const r = spawnSync(soffice, ['--headless', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--convert-to', 'pdf', ...names], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 1_800_000,
    });
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
    jobs.forEach((j, i) => renameSync(path.join(dir, `r${i}.pdf`), j.pdf));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
  const cache = process.env.DOCX_CORPUS_CACHE ?? path.join(tmpdir(), 'xxgk-docx-corpus');
  mkdirSync(cache, { recursive: true });

  const cases: Array<{ report: string; layout: string; text: string; pdf: string }> = [];
  const jobs: Array<{ docx: Uint8Array; pdf: string }> = [];
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
      const pdf = path.join(cache, `${createHash('sha256').update(docx).digest('hex').slice(0, 20)}.pdf`);
      if (!existsSync(pdf) && !jobs.some((j) => j.pdf === pdf)) jobs.push({ docx, pdf });
      cases.push({ report, layout, text, pdf });
    }
  }
  if (jobs.length > 0) console.log(`docx-corpus: printing ${jobs.length} PDFs…`);
  printAll(jobs);

  let tables = 0;
  let exact = 0;
  let failed = false;
  const perLayout = new Map<string, { tables: number; exact: number }>();
  for (const c of cases) {
    const markdown = lintText(c.text, { filePath: c.report, keepModel: true, locale: 'zh-CN' });
    const read = await lintFile(c.pdf, { locale: 'zh-CN', keepModel: true });
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
    console.log(`\n## ${c.report} × ${c.layout}  (${path.basename(c.pdf)})`);
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
