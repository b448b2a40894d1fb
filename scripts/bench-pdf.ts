/**
 * The PDF part of `npm run bench` (or alone: `node scripts/bench.mjs --pdf-only`, or
 * `node scripts/run-ts.mjs scripts/bench-pdf.ts [OUT.json] [--runs N]`): reading a PDF report per
 * page, against reading the same report as text. In one process, after a warm-up (pdf.js loaded and
 * compiled once, as in a worker that lints many files): for each PDF of test/fixtures/pdf/ and
 * ../shared/corpus/peers/, N pairs of runs (decode + lint of the PDF, and of the same report's text:
 * the fixtures' report.md, the peers' `pdftotext -layout` output), the order alternating from pair to
 * pair; each pair gives a ratio, and the table shows medians (min–max) of the pairs. Wall clock and
 * CPU (user + system of this process) both: on a busy machine the CPU figures are the ones to read.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pdfData } from '../src/engine/decode.ts';
import { decodeDocument } from '../src/engine/document.ts';
import { lintText } from '../src/engine/lint.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '7' } } });
const RUNS = Math.max(1, Number(values.runs) || 7);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

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

/** Wall and CPU milliseconds of one run. */
async function measure(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

// Warm-up: load pdf.js and the parser once.
const first = cases[0];
if (first) {
  await lint(new Uint8Array(readFileSync(first.pdf)), 'x.pdf');
  await lint(new Uint8Array(readFileSync(first.text)), 'x.md');
}
const load0 = loadavg()[0] ?? 0;
interface Row {
  name: string;
  real: boolean;
  pages: number;
  pdfMs: number;
  perPageMs: number;
  perPageCpuMs: number;
  textMs: number;
  textCpuMs: number;
  ratio: [number, number, number];
  cpuRatio: [number, number, number];
}
const rows: Row[] = [];
for (const c of cases) {
  const pdf = new Uint8Array(readFileSync(c.pdf));
  const text = new Uint8Array(readFileSync(c.text));
  const pages = Math.max(1, await lint(pdf, 'x.pdf'));
  const pairs: { pdf: { wall: number; cpu: number }; text: { wall: number; cpu: number } }[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      const p = await measure(() => lint(pdf, 'x.pdf'));
      pairs.push({ pdf: p, text: await measure(() => lint(text, 'x.md')) });
    } else {
      const t = await measure(() => lint(text, 'x.md'));
      pairs.push({ text: t, pdf: await measure(() => lint(pdf, 'x.pdf')) });
    }
  }
  const spread = (xs: number[]): [number, number, number] => [median(xs), Math.min(...xs), Math.max(...xs)];
  rows.push({
    name: c.name,
    real: c.pdf.startsWith(peers),
    pages,
    pdfMs: median(pairs.map((p) => p.pdf.wall)),
    perPageMs: median(pairs.map((p) => p.pdf.wall / pages)),
    perPageCpuMs: median(pairs.map((p) => p.pdf.cpu / pages)),
    textMs: median(pairs.map((p) => p.text.wall)),
    textCpuMs: median(pairs.map((p) => p.text.cpu)),
    ratio: spread(pairs.map((p) => p.pdf.wall / p.text.wall)),
    cpuRatio: spread(pairs.map((p) => p.pdf.cpu / p.text.cpu)),
  });
}
const load1 = loadavg()[0] ?? 0;
const fmt = (n: number): string => n.toFixed(1);
const times = ([m, lo, hi]: [number, number, number]): string => `${m.toFixed(2)}× (${lo.toFixed(2)}–${hi.toFixed(2)})`;
console.log(`\nPDF reading against the same report as text (decode + lint, warm; ${RUNS} pairs, alternating; medians (min–max) of the pairs):`);
console.log(`load average ${load0.toFixed(1)} before, ${load1.toFixed(1)} after, ${availableParallelism()} cores`);
console.log('| file | pages | PDF ms/page wall | PDF ms/page CPU | text ms wall | text ms CPU | PDF/text wall | PDF/text CPU |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.pages} | ${fmt(r.perPageMs)} | ${fmt(r.perPageCpuMs)} | ${fmt(r.textMs)} | ${fmt(r.textCpuMs)} | ${times(r.ratio)} | ${times(r.cpuRatio)} |`,
  );
}
const real = rows.filter((r) => r.real);
if (real.length > 0) {
  console.log(
    `real WPS-made PDFs (${real.length}): PDF/text median ${median(real.map((r) => r.ratio[0])).toFixed(2)}× wall, ${median(real.map((r) => r.cpuRatio[0])).toFixed(2)}× CPU; ` +
      `${fmt(median(real.map((r) => r.perPageMs)))} ms/page wall, ${fmt(median(real.map((r) => r.perPageCpuMs)))} ms/page CPU`,
  );
}
const out = positionals[0];
if (out) writeFileSync(out, `${JSON.stringify({ runs: RUNS, load: [load0, load1], rows }, null, 2)}\n`);
