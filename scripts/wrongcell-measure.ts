/**
 * The sum-error half of issue #19, measured: each report of ../shared/corpus with one cell of table 三
 * or 四 changed (a seeded choice of table, row, column and a nonzero amount, made in the Markdown's own
 * text), written as a .docx in five Word layouts (scripts/docx-pdfs.ts: ruled, vertical group labels,
 * table 三 landscape, no rules, letter-spaced digits), printed by LibreOffice and linted three ways:
 * the PDF, its `pdftotext -layout` text and its plain `pdftotext` text. A cell is chosen only where
 * the changed Markdown adds exactly one sum finding, at that cell, and keeps the report's own (a 四
 * cell that only its group total checks, or a cell whose relations the report already breaks, is
 * passed over for another). Each form of the changed report is compared with the same form of the
 * unchanged report in the same layout (printed too), so what the one cell changed is measured, not
 * what the layout reads differently anyway (scripts/docx-corpus.ts and layout-measure.ts measure that).
 *
 *   node scripts/run-ts.mjs scripts/wrongcell-measure.ts [--cases N] [--seed S] [--layout NAME…]
 *                                                        [--report SUBSTRING…] [--mode pdf|layout|plain…] [-v]
 *
 * --cases: changed cells per report and layout (default 2). The PDFs are kept in $WRONGCELL_CACHE
 * (default $TMPDIR/xxgk-wrongcell) named by their .docx's content, both texts beside them, so a
 * second run only reads (a first run prints about 270 PDFs: some minutes). Prints, per mode and
 * layout, how many cases came out
 *   exact       one sum finding more, at the changed cell (its value as changed), nothing else changed
 *   missed      no sum finding at the cell, none added elsewhere
 *   wrongPlace  no sum finding at the cell, one added elsewhere (another cell of the row, say)
 *   extra       the cell found, and other findings added (sum or table-structure)
 *   lost        the cell found, but a finding of the unchanged report's gone
 *   unreadable  the changed row not read (its table or row a table-structure finding), though the
 *               unchanged report's is: the sum error made it unreadable
 *   unreadBefore  the changed row not read, nor the unchanged report's (scripts/docx-corpus.ts' and
 *               layout-measure.ts' failures, not this one's)
 * and, with -v, each case that is not exact: the findings added (+) and gone (-).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel, Row } from '../src/model/schema.ts';
import type { Diagnostic } from '../src/types.ts';
import { CORPUS_LAYOUTS, corpusReports, printDocxes } from './docx-corpus.ts';
import { reportDocx, type DocxOptions } from './docx-pdfs.ts';

/** The layouts: one of each hard form (CORPUS_LAYOUTS' names). */
const LAYOUTS = ['plain', 'vertical', 'landscape', 'none', 'spacedRuled'] as const;
const FONT: DocxOptions = { font: 'WenQuanYi Zen Hei', verticalFont: 'Noto Sans CJK SC' };
const MODES = ['pdf', 'layout', 'plain'] as const;
type Mode = (typeof MODES)[number];
const OUTCOMES = ['exact', 'missed', 'wrongPlace', 'extra', 'lost', 'unreadable', 'unreadBefore'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** mulberry32: the same sequence for the same seed everywhere. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const hash = (s: string): number => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

/** A finding as compared: rule, and its message without how a row was read (which the forms word differently). */
const words = (m: Diagnostic): string => `${m.ruleId} ${m.message.replace(/（本行按“[^”]*”读出）$/, '').replace(/（所涉行中有\d+行[^）]*）$/, '')}`;
const tableFindings = (ms: readonly Diagnostic[]): string[] => ms.filter((m) => m.ruleId.startsWith('table-')).map(words);

interface Change {
  table: 't3' | 't4';
  row: string;
  /** The finding's cell as table-sums names it (“label·column”). */
  cell: string;
  column: number;
  /** The sum finding the changed Markdown adds, as compared. */
  found: string;
  text: string;
  from: number;
  to: number;
}

/** The report's text with one written cell of table 三 or 四 changed; null where none fits. */
function change(text: string, file: string, model: ReportModel, random: () => number, before: readonly Diagnostic[]): Change | null {
  const base = tableFindings(before);
  for (let attempt = 0; attempt < 40; attempt++) {
    const table = random() < 0.75 ? 't3' : 't4';
    const rows = model.tables[table].rows.filter((r) => r.status === 'read' && r.cells.length > 0);
    const row = rows[Math.floor(random() * rows.length)];
    if (!row) continue;
    const column = Math.floor(random() * row.cells.length);
    const cell = row.cells[column];
    if (cell?.kind !== 'number' || cell.value === null || !Number.isInteger(cell.value) || cell.value < 0) continue;
    const value = cell.value;
    // A nonzero change that keeps the value a count: up by 1–9, or down when the cell holds enough.
    const step = 1 + Math.floor(random() * 9);
    const next = value >= step && random() < 0.4 ? value - step : value + step;
    let changed: string;
    if (cell.read === 'written' && text.slice(cell.span.start.offset, cell.span.end.offset) === cell.raw && /^\d+$/.test(cell.raw))
      changed = text.slice(0, cell.span.start.offset) + String(next) + text.slice(cell.span.end.offset);
    else {
      // A row read from digits run together (crawled text): its values written out one by one, one changed.
      const from = Math.min(...row.cells.map((c) => c.span.start.offset));
      const to = Math.max(...row.cells.map((c) => c.span.end.offset));
      if (!/^[\d \t]+$/.test(text.slice(from, to)) || row.cells.some((c) => c.kind !== 'number' || c.value === null)) continue;
      const values = row.cells.map((c, i) => (i === column ? next : (c.value ?? 0)));
      changed = `${text.slice(0, from)}${text[from - 1] === ' ' ? '' : ' '}${values.join(' ')} ${text.slice(to)}`;
    }
    const label = `${row.label.replace(/^.*·/, '')}·${cell.column}`;
    const after = tableFindings(lintText(changed, { filePath: file, locale: 'zh-CN' }).messages);
    // The Markdown must find it as one more sum finding at the cell, the report's own findings kept.
    const added = after.filter((m) => !base.includes(m));
    const kept = base.every((m) => after.includes(m));
    if (!kept || added.length !== 1 || !added[0]?.startsWith(`table-sums ${label}为`)) continue;
    return { table, row: row.id, cell: label, column, found: added[0], text: changed, from: value, to: next };
  }
  return null;
}

interface Case {
  key: string;
  /** The unchanged report's print in the same layout. */
  baseKey: string;
  report: string;
  layout: string;
  change: Change;
}

interface Result {
  messages: readonly Diagnostic[];
  model?: ReportModel | undefined;
}

/** The changed print against the unchanged one in the same mode: what the one cell changed. */
function classify(c: Case, result: Result, unchanged: Result): { outcome: Outcome; added: string[]; lost: string[] } {
  const got = tableFindings(result.messages);
  const base = tableFindings(unchanged.messages);
  // The cell's finding may name more relations than the Markdown's (whose row was read from digits run together).
  const mine = `table-sums ${c.change.cell}为${c.change.to}，`;
  const added = got.filter((m) => !base.includes(m) && m !== c.change.found && !m.startsWith(mine));
  const lost = base.filter((m) => !got.includes(m));
  const atCell = got.some((m) => m.startsWith(mine));
  const row = result.model?.tables[c.change.table].rows.find((r: Row) => r.id === c.change.row);
  let outcome: Outcome;
  const before = unchanged.model?.tables[c.change.table].rows.find((r: Row) => r.id === c.change.row);
  if (row?.status !== 'read' && !atCell) outcome = before?.status === 'read' ? 'unreadable' : 'unreadBefore';
  else if (!atCell) outcome = added.some((m) => m.startsWith('table-sums')) ? 'wrongPlace' : 'missed';
  else if (added.length > 0) outcome = 'extra';
  else if (lost.length > 0) outcome = 'lost';
  else outcome = 'exact';
  return { outcome, added, lost };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const pick = (flag: string): string[] => args.flatMap((a, i) => (args[i - 1] === flag ? [a] : []));
  const casesPer = Number(pick('--cases')[0] ?? 2);
  const seed = Number(pick('--seed')[0] ?? 19);
  const verbose = args.includes('-v');
  const layouts = LAYOUTS.filter((l) => pick('--layout').length === 0 || pick('--layout').includes(l));
  const modes = MODES.filter((m) => pick('--mode').length === 0 || pick('--mode').includes(m));
  const corpus = path.resolve('../shared/corpus');
  const reports = corpusReports(corpus).filter((r) => pick('--report').length === 0 || pick('--report').some((s) => r.includes(s)));
  const cache = process.env['WRONGCELL_CACHE'] ?? path.join(tmpdir(), 'xxgk-wrongcell');

  const cases: Case[] = [];
  const docs = new Map<string, Uint8Array>();
  let passed = 0;
  for (const report of reports) {
    const text = readFileSync(path.join(corpus, report), 'utf8');
    const markdown = lintText(text, { filePath: report, keepModel: true, locale: 'zh-CN' });
    if (!markdown.model) continue;
    for (const layout of layouts) {
      for (let n = 0; n < casesPer; n++) {
        const random = rng(hash(`${seed} ${report} ${layout} ${n}`));
        const c = change(text, report, markdown.model, random, markdown.messages);
        if (!c) {
          passed++;
          continue;
        }
        const baseKey = `${report} ${layout}`;
        try {
          if (!docs.has(baseKey)) docs.set(baseKey, reportDocx(text, { ...FONT, ...CORPUS_LAYOUTS[layout] }));
          const key = `${baseKey} #${n}`;
          docs.set(key, reportDocx(c.text, { ...FONT, ...CORPUS_LAYOUTS[layout] }));
          cases.push({ key, baseKey, report, layout, change: c });
        } catch {
          continue; // no part 二 or 五 to lay out
        }
      }
    }
  }
  const files = printDocxes(docs, cache, { label: 'wrongcell-measure', layoutText: true });
  for (const base of new Set(files.values()))
    if (!existsSync(`${base}.plain.txt`)) {
      const r = spawnSync('pdftotext', [`${base}.pdf`, `${base}.plain.txt`]);
      if (r.status !== 0) throw new Error(`pdftotext failed: ${String(r.stderr)}`);
    }

  const { lintFile } = await import('../src/engine/lint-file.ts');
  const counts = new Map<string, Record<Outcome, number>>();
  const count = (mode: Mode, layout: string, outcome: Outcome): void => {
    const k = `${mode} ${layout}`;
    const row = counts.get(k) ?? (Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>);
    row[outcome]++;
    counts.set(k, row);
  };
  const results = new Map<string, Result>();
  const lint = async (key: string, mode: Mode): Promise<Result> => {
    const file = files.get(key) ?? '';
    const known = results.get(`${key} ${mode}`);
    if (known) return known;
    const result =
      mode === 'pdf'
        ? await lintFile(`${file}.pdf`, { locale: 'zh-CN', keepModel: true })
        : lintText(readFileSync(`${file}.${mode}.txt`, 'utf8'), { keepModel: true, locale: 'zh-CN' });
    // Only the unchanged prints are asked again.
    if (!key.includes('#')) results.set(`${key} ${mode}`, result);
    return result;
  };
  for (const c of cases) {
    for (const mode of modes) {
      const { outcome, added, lost } = classify(c, await lint(c.key, mode), await lint(c.baseKey, mode));
      count(mode, c.layout, outcome);
      if (verbose && outcome !== 'exact') {
        const ch = c.change;
        console.log(
          `${mode} ${c.key} ${outcome}: ${ch.table} ${ch.cell} ${ch.from}→${ch.to} [${files.get(c.key) ?? ''}; unchanged ${files.get(c.baseKey) ?? ''}]`,
        );
        for (const m of added) console.log(`    + ${m}`);
        for (const m of lost) console.log(`    - ${m}`);
      }
    }
  }
  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  console.log(
    `\nwrongcell-measure: ${cases.length} cases (seed ${seed}, ${casesPer} a report and layout; ${passed} passed over: no cell the Markdown finds alone)`,
  );
  console.log(`${'mode layout'.padEnd(22)}${OUTCOMES.map((o) => pad(o, 13)).join('')}`);
  for (const mode of modes) {
    const total = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
    for (const layout of layouts) {
      const row = counts.get(`${mode} ${layout}`);
      if (!row) continue;
      for (const o of OUTCOMES) total[o] += row[o];
      console.log(`${`${mode} ${layout}`.padEnd(22)}${OUTCOMES.map((o) => pad(row[o], 13)).join('')}`);
    }
    console.log(`${`${mode} all`.padEnd(22)}${OUTCOMES.map((o) => pad(total[o], 13)).join('')}`);
  }
}

if (process.argv[1]?.endsWith('wrongcell-measure.ts')) await main();
