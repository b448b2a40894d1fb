// Measures the built library (dist/index.js; run `npm run build` first): lints every report in
// test/fixtures/ N times and a synthetic large report a few times, and prints timings and memory.
// A measurement, not a test: nothing is asserted.
//
//   node scripts/bench.mjs [--runs N] [--size MB] [--large-runs N]
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { Buffer } from 'node:buffer';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, size: { type: 'string', default: '5' }, 'large-runs': { type: 'string', default: '3' } },
  strict: true,
});
const runs = positiveInt(values.runs, '--runs');
const largeRuns = positiveInt(values['large-runs'], '--large-runs');
const sizeMB = Number(values.size);
if (!(sizeMB > 0)) fail(`--size needs a positive number of MB, got "${values.size}"`);

const entry = path.join(root, 'dist/index.js');
if (!existsSync(entry)) fail('dist/index.js not found: run `npm run build` first');
const { lintText, readReport } = await import(pathToFileURL(entry).href);
const cleanExample = await readFile(path.join(root, 'examples/clean-2024.md'), 'utf8');

// ---- Memory: sampled after every lint call (the event loop is blocked during one) ----------
let peakRss = 0;
let peakHeap = 0;
function sample() {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}

function time(text, filePath) {
  const t0 = performance.now();
  const result = lintText(text, { filePath });
  const ms = performance.now() - t0;
  sample();
  return { ms, problems: result.messages.length };
}

// ---- Fixtures -----------------------------------------------------------------------------
const NOT_REPORTS = new Set(['SOURCES.md', 'README.md']);
function reportsUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? reportsUnder(path.join(dir, e.name)) : NOT_REPORTS.has(e.name) || !/\.(md|txt)$/.test(e.name) ? [] : [path.join(dir, e.name)]))
    .sort();
}
const fixtureFiles = reportsUnder(path.join(root, 'test/fixtures'));
const fixtures = [];
for (const file of fixtureFiles) {
  const read = await readReport(file);
  if ('error' in read) continue;
  fixtures.push({ file: path.relative(root, file), text: read.text });
}
const fixtureBytes = fixtures.reduce((s, f) => s + Buffer.byteLength(f.text), 0);

sample();
for (const f of fixtures) time(f.text, f.file); // warm-up: JIT, lazy initialisation
const perFile = [];
let fixturesTotal = 0;
for (let r = 0; r < runs; r++) {
  for (const f of fixtures) {
    const { ms } = time(f.text, f.file);
    perFile.push(ms);
    fixturesTotal += ms;
  }
}

// ---- Synthetic large report -----------------------------------------------------------------
const large = syntheticReport(Math.round(sizeMB * 1024 * 1024));
const largeBytes = Buffer.byteLength(large.text);
const largeTimes = [];
let largeProblems = 0;
for (let r = 0; r < largeRuns; r++) {
  const { ms, problems } = time(large.text, 'synthetic.md');
  largeTimes.push(ms);
  largeProblems = problems;
}

// ---- Pathological inputs ----------------------------------------------------------------------
// Long runs of one kind of character are where a regular expression can turn quadratic (two such
// were found this way: the e-mail and the fee-sentence search). Each case is 200k characters.
const N = 200000;
const pathological = {
  'digit run': '一、总体情况' + '0'.repeat(N),
  'CJK run': '一、总体情况' + '政'.repeat(N),
  'space run': '一、总体情况 ' + ' '.repeat(N) + 'x',
  'pipe run': '|'.repeat(N),
  'tab run': '\t'.repeat(N),
  'claims': ('收到申请1件办结2件行政复议3件' + '0 '.repeat(10)).repeat(N / 40),
  'open brackets': '（'.repeat(N),
  'e-mail prefix': 'a'.repeat(N) + '@',
  'dates': '2024年1月1日'.repeat(N / 10),
  'headings': '一、总体情况\n'.repeat(N / 10),
  'fee words': '信息处理费'.repeat(N / 5),
  'citation marks': '《'.repeat(N),
  'short lines': 'a\n'.repeat(N / 2),
};
const pathologicalRows = [['pathological input (200k chars)', 'ms']];
for (const [name, text] of Object.entries(pathological)) pathologicalRows.push([name, fmtMs(time(text, name).ms)]);
function fmtMs(ms) {
  return ms.toFixed(0);
}
const peakRssOs = process.resourceUsage().maxRSS * 1024;

// ---- Report ---------------------------------------------------------------------------------
const MB = 1024 * 1024;
const fmt = (n, digits = 1) => n.toFixed(digits);
const largeMedian = quantile(largeTimes, 0.5);
const rows = [
  ['case', 'files', 'runs', 'total ms', 'ms/file median', 'ms/file p95', 'MB/s'],
  [
    `test/fixtures (${fmt(fixtureBytes / 1024, 0)} KB)`,
    String(fixtures.length),
    String(runs),
    fmt(fixturesTotal, 0),
    fmt(quantile(perFile, 0.5), 2),
    fmt(quantile(perFile, 0.95), 2),
    fmt(((fixtureBytes * runs) / MB) / (fixturesTotal / 1000), 2),
  ],
  [
    `synthetic ${fmt(largeBytes / MB)} MB (${large.tables} tables)`,
    '1',
    String(largeRuns),
    fmt(largeTimes.reduce((s, t) => s + t, 0), 0),
    fmt(largeMedian, 0),
    fmt(quantile(largeTimes, 0.95), 0),
    fmt(largeBytes / MB / (largeMedian / 1000), 2),
  ],
];
console.log(`xxgk-lint bench: dist/index.js, Node ${process.version}, ${process.platform}/${process.arch}`);
console.log('');
console.log(table(rows));
console.log('');
console.log(`peak RSS (sampled after each lint): ${fmt(peakRss / MB)} MB; peak RSS (getrusage): ${fmt(peakRssOs / MB)} MB`);
console.log(`peak heap used (sampled): ${fmt(peakHeap / MB)} MB; findings in the synthetic report: ${largeProblems}`);
console.log('');
console.log(table(pathologicalRows));

// ---- Helpers --------------------------------------------------------------------------------

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, c) => (c === 0 ? ':' : '-') + '-'.repeat(w) + (c === 0 ? '-' : ':')).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function positiveInt(text, name) {
  if (!/^\d+$/.test(text) || Number(text) < 1) fail(`${name} needs a positive whole number, got "${text}"`);
  return Number(text);
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/**
 * The clean example report with its part 一 padded to `bytes` with prose paragraphs and extra
 * statistics tables (of the kind reports add about their own work), deterministic.
 */
function syntheticReport(bytes) {
  const base = cleanExample;
  const cut = base.indexOf('## 二、');
  let random = 20240101;
  const next = (n) => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random % n;
  };
  const topics = ['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障', '政策解读', '回应关切', '基层政务公开'];
  const verbs = ['持续深化', '扎实推进', '不断完善', '进一步规范', '着力加强', '全面落实'];
  const objects = ['重点领域信息公开', '政策文件解读', '政务新媒体管理', '公开目录维护', '公文公开属性认定', '网站栏目更新'];
  const paragraph = () =>
    Array.from({ length: 4 + next(4) }, () => {
      const t = topics[next(topics.length)];
      return `在${t}方面，${verbs[next(verbs.length)]}${objects[next(objects.length)]}工作，全年发布相关信息${1 + next(900)}条，组织专题培训${1 + next(9)}场，覆盖${10 + next(200)}个单位。`;
    }).join('');
  const extraTable = (i) => {
    const rows = Array.from({ length: 8 }, (_, r) => `| ${objects[(i + r) % objects.length]}（第${r + 1}项） | ${next(500)} | ${next(500)} | ${next(100)}% |`);
    return [`**附表${i + 1}：重点工作推进情况统计**`, '', '| 工作事项 | 计划数 | 完成数 | 完成率 |', '|---|---|---|---|', ...rows].join('\n');
  };
  const pieces = [];
  let size = Buffer.byteLength(base);
  let tables = 0;
  while (size < bytes) {
    const piece = pieces.length % 5 === 4 ? extraTable(tables++) : paragraph();
    pieces.push(piece);
    size += Buffer.byteLength(piece) + 2;
  }
  return { text: `${base.slice(0, cut)}${pieces.join('\n\n')}\n\n${base.slice(cut)}`, tables: tables + (base.match(/^\|[-|]+\|$/gm) ?? []).length };
}
