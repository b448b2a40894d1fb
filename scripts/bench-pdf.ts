/**
 * The PDF part of `npm run bench` (or alone: `node scripts/run-ts.mjs scripts/bench-pdf.ts [OUT.json]`):
 * reading a PDF report per page, against reading the same report as text. In one process, after a
 * warm-up (pdf.js loaded and compiled once, as in a worker that lints many files): for each PDF of
 * test/fixtures/pdf/ and ../shared/corpus/peers/, the median over a few runs of decode + lint, per
 * page, and the same report's Markdown (the fixtures' report.md; the peers' `.layout.txt`).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pdfData } from '../src/engine/decode.ts';
import { decodeDocument } from '../src/engine/document.ts';
import { lintText } from '../src/engine/lint.ts';

const RUNS = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

const fixtures = path.resolve('test/fixtures/pdf');
const peers = path.resolve('../shared/corpus/peers');
const cases: { name: string; pdf: string; text: string }[] = [
  ...readdirSync(fixtures)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => ({ name: f, pdf: path.join(fixtures, f), text: path.join(fixtures, 'report.md') })),
  ...(existsSync(peers) ? readdirSync(peers) : [])
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => ({ name: f, pdf: path.join(peers, f), text: path.join(peers, f.replace(/\.pdf$/, '.layout.txt')) })),
];

const lint = async (bytes: Uint8Array, name: string): Promise<number> => {
  const read = await decodeDocument(bytes, name, { pdfData });
  if ('error' in read) throw new Error(`${name}: ${read.error}`);
  lintText(read.text, {});
  return read.input?.kind === 'pdf' ? (read.input.places ?? []).reduce((n, p) => Math.max(n, p?.page ?? 0), 0) : 0;
};

// Warm-up: load pdf.js and the parser once.
const first = cases[0];
if (first) {
  await lint(new Uint8Array(readFileSync(first.pdf)), 'x.pdf');
  await lint(new Uint8Array(readFileSync(first.text)), 'x.md');
}
const rows: { name: string; pages: number; pdfMs: number; perPageMs: number; textMs: number; ratio: number }[] = [];
for (const c of cases) {
  const pdf = new Uint8Array(readFileSync(c.pdf));
  const text = new Uint8Array(readFileSync(c.text));
  const pages = await lint(pdf, 'x.pdf');
  const pdfMs = await time(() => lint(pdf, 'x.pdf'));
  const textMs = await time(() => lint(text, 'x.md'));
  rows.push({ name: c.name, pages, pdfMs, perPageMs: pdfMs / Math.max(1, pages), textMs, ratio: pdfMs / textMs });
}
const fmt = (n: number): string => n.toFixed(1);
console.log('\nPDF reading (decode + lint, median of 5, warm):');
console.log(['file', 'pages', 'pdf ms', 'ms / page', 'text ms', 'pdf / text'].join('\t'));
for (const r of rows) console.log([r.name, r.pages, fmt(r.pdfMs), fmt(r.perPageMs), fmt(r.textMs), `${r.ratio.toFixed(2)} ×`].join('\t'));
const out = process.argv[2];
if (out) writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
