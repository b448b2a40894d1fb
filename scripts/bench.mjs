// `npm run bench`: generates N synthetic reports (every table form, some defective, 5–40 KB) in a
// temporary folder and measures on those same files, each in a child process of its own:
//   - our CLI cold, single-threaded (--concurrency off) and in worker processes (--concurrency auto):
//     wall, CPU, peak RSS, files/s, MB/s
//   - the floor: remark-parse + remark-gfm parsing the same files in one process, nothing else
//     (and the same with remark-cjk-friendly, which our parse also runs)
//   - markdownlint-cli2 with its default rules on the same files
//   - one worker process (--concurrency 1), to tell the workers' own cost from their parallelism
//   - a warm-cache re-run (--cache) of the unchanged files, a one-file run (and the floor on that
//     one file: the target is one file ≤ 2 × node -e 0 + its parse), `--version`, `node -e 0`
//   - one large report (default 5 MB): wall and peak RSS
//   - PDF reading per page, warm, against the same report as text (scripts/bench-pdf.ts; alone: --pdf-only)
// It prints a table of ratios and writes every figure to bench-results/bench-results.json
// (gitignored). A measurement, not a test: nothing is asserted. The machine may be shared: read
// the ratios of one run, not the absolute figures.
//
//   node scripts/bench.mjs [--files N] [--large-mb MB] [--no-markdownlint] [--pathological] [--keep] [--no-pdf] [--pdf-only]
//
// Peak RSS and CPU come from /usr/bin/time when it exists (GNU time's %M); otherwise only wall
// times are given. Run `node scripts/build.mjs --only npm` first (npm's `prepare` does).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clearInterval, setInterval } from 'node:timers';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const MB = 1024 * 1024;
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    'large-mb': { type: 'string', default: '5' },
    'no-markdownlint': { type: 'boolean', default: false },
    pathological: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'no-pdf': { type: 'boolean', default: false },
    'pdf-only': { type: 'boolean', default: false },
  },
  strict: true,
});
// PDF reading per page against the same report as text (scripts/bench-pdf.ts), in its own process.
const pdfBench = () => {
  const outDir = path.join(root, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), 'scripts/bench-pdf.ts', path.join(outDir, 'bench-pdf.json')], {
    cwd: root,
    stdio: 'inherit',
  });
};
if (values['pdf-only']) {
  pdfBench();
  process.exit(0);
}
const fileCount = positiveInt(values.files, '--files');
const largeMB = Number(values['large-mb']);
if (!(largeMB > 0)) fail(`--large-mb needs a positive number, got "${values['large-mb']}"`);

const cli = path.join(root, 'dist/cli.js');
if (!existsSync(cli)) fail('dist/cli.js not found: run `node scripts/build.mjs --only npm` first');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const work = mkdtempSync(path.join(os.tmpdir(), 'xxgk-bench-'));
const corpus = path.join(work, 'reports');
const largeFile = path.join(work, 'large.md');
const cacheFile = path.join(work, 'cache.json');
process.on('exit', () => {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
});

// ---- The corpus ---------------------------------------------------------------------------------
const gen = run(
  process.execPath,
  [path.join(root, 'scripts/run-ts.mjs'), 'scripts/bench-corpus.ts', corpus, String(fileCount), largeFile, String(Math.round(largeMB * 1024 * 1024))],
  { cwd: root },
);
if (gen.status !== 0) fail(`generating the corpus failed:\n${gen.stderr}`);
const { bytes } = JSON.parse(gen.stdout.trim().split('\n').pop());
const oneFile = path.join(corpus, 'agency-000', 'report-00000.md');

console.log(
  `xxgk-lint bench: ${fileCount} reports, ${(bytes / MB).toFixed(1)} MB, Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`,
);

// ---- The floor: remark-parse + remark-gfm over the same files, in one process ----------------
const floorScript = path.join(work, 'floor.mjs');
writeFileSync(
  floorScript,
  `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(path.join(root, 'package.json'))});
const load = async (name) => import(require.resolve(name));
const { unified } = await load('unified');
const remarkParse = (await load('remark-parse')).default;
const remarkGfm = (await load('remark-gfm')).default;
const cjk = process.argv[3] === 'cjk' ? (await load('remark-cjk-friendly')).default : undefined;
let processor = unified().use(remarkParse).use(remarkGfm);
if (cjk) processor = processor.use(cjk);
let nodes = 0;
for (const file of readFileSync(process.argv[2], 'utf8').split('\\n').filter(Boolean)) {
  nodes += processor.parse(readFileSync(file, 'utf8')).children.length;
}
console.log(nodes);
`,
);
const listFile = path.join(work, 'files.txt');
const listing = run('find', [corpus, '-name', '*.md']);
writeFileSync(listFile, listing.stdout.split('\n').filter(Boolean).sort().join('\n'));

// ---- Measurements -----------------------------------------------------------------------------
const results = {};
const measure = async (name, command, args, extra = {}) => {
  const m = await timed(command, args, extra);
  results[name] = m;
  process.stderr.write(`  ${name}: ${(m.wallMs / 1000).toFixed(2)} s${m.exitCode > 1 ? ` (exit ${m.exitCode}: ${m.stderr.slice(0, 200)})` : ''}\n`);
  return m;
};
const node = process.execPath;
await measure('node -e 0', node, ['-e', '0']);
await measure('--version', node, [cli, '--version']);
await measure('one file', node, [cli, oneFile]);
await measure('one file (worker)', node, [cli, '--concurrency', '1', oneFile]);
const oneList = path.join(work, 'one.txt');
writeFileSync(oneList, oneFile);
await measure('floor, one file', node, [floorScript, oneList]);
await measure('floor', node, [floorScript, listFile]);
await measure('floor + cjk-friendly', node, [floorScript, listFile, 'cjk']);
await measure('cli, 1 thread', node, [cli, '--concurrency', 'off', '-f', 'json', '-o', path.join(work, 'out-1.json'), corpus]);
await measure('cli, 1 worker', node, [cli, '--concurrency', '1', '-f', 'json', '-o', path.join(work, 'out-w1.json'), corpus]);
await measure('cli, workers', node, [cli, '--concurrency', 'auto', '-f', 'json', '-o', path.join(work, 'out-n.json'), corpus]);
await measure('cli, cache cold', node, [cli, '--cache', '--cache-location', cacheFile, '-f', 'json', '-o', path.join(work, 'out-c.json'), corpus]);
await measure('cli, cache warm', node, [cli, '--cache', '--cache-location', cacheFile, '-f', 'json', '-o', path.join(work, 'out-w.json'), corpus]);
if (!values['no-markdownlint']) {
  await measure('markdownlint-cli2', node, [path.join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), `${corpus}/**/*.md`], { cwd: work });
}
await measure(`large ${largeMB} MB`, node, [cli, '--file-timeout', '0', largeFile]);

// Same findings whatever the concurrency and whether cached (the bench checks what it measures).
const outputs = ['out-1.json', 'out-w1.json', 'out-n.json', 'out-c.json', 'out-w.json'].map((f) => {
  try {
    return readFileSync(path.join(work, f), 'utf8');
  } catch {
    return undefined;
  }
});
const sameOutput = outputs.every((o) => o !== undefined && o === outputs[0]);

// ---- Report -----------------------------------------------------------------------------------
const r = (name) => results[name];
const fmtS = (m) => (m ? (m.wallMs / 1000).toFixed(2) : '–');
const fmtCpu = (m) => (m && m.cpuMs !== undefined ? (m.cpuMs / 1000).toFixed(2) : '–');
const fmtRss = (m) => (m && m.rssKB !== undefined ? (m.rssKB / 1024).toFixed(0) : '–');
const rows = [['run', 'wall s', 'CPU s', 'peak RSS MB', 'files/s', 'MB/s', 'ratio (wall)', 'ratio (CPU)']];
const base = r('floor');
const corpusRow = (name, ratioTo = base) => {
  const m = r(name);
  if (!m) return;
  const cpuRatio = m.cpuMs !== undefined && ratioTo?.cpuMs ? `${(m.cpuMs / ratioTo.cpuMs).toFixed(2)} × floor` : '';
  rows.push([
    name,
    fmtS(m),
    fmtCpu(m),
    fmtRss(m),
    (fileCount / (m.wallMs / 1000)).toFixed(0),
    (bytes / MB / (m.wallMs / 1000)).toFixed(2),
    ratioTo ? `${(m.wallMs / ratioTo.wallMs).toFixed(2)} × floor` : '',
    cpuRatio,
  ]);
};
for (const name of ['floor', 'floor + cjk-friendly', 'cli, 1 thread', 'cli, 1 worker', 'cli, workers', 'cli, cache cold', 'markdownlint-cli2']) corpusRow(name);
const warm = r('cli, cache warm');
rows.push([
  'cli, cache warm',
  fmtS(warm),
  fmtCpu(warm),
  fmtRss(warm),
  '',
  '',
  `${((100 * warm.wallMs) / r('cli, cache cold').wallMs).toFixed(1)} % of cold`,
  '',
]);
for (const name of ['node -e 0', '--version', 'floor, one file', 'one file', 'one file (worker)']) {
  const m = r(name);
  const cpu0 = r('node -e 0').cpuMs;
  rows.push([
    name,
    fmtS(m),
    fmtCpu(m),
    fmtRss(m),
    '',
    '',
    `${(m.wallMs / r('node -e 0').wallMs).toFixed(2)} × node -e 0`,
    m.cpuMs !== undefined && cpu0 ? `${(m.cpuMs / cpu0).toFixed(2)} × node -e 0` : '',
  ]);
}
const large = r(`large ${largeMB} MB`);
rows.push([
  `large ${largeMB} MB (exit ${large.exitCode})`,
  fmtS(large),
  fmtCpu(large),
  fmtRss(large),
  '',
  (largeMB / (large.wallMs / 1000)).toFixed(2),
  '',
  '',
]);
console.log('');
console.log(table(rows));
const single = r('cli, 1 thread');
const workers = r('cli, workers');
const ratios = {
  singleVsFloor: single.wallMs / base.wallMs,
  singleCpuVsFloorCpu: single.cpuMs !== undefined && base.cpuMs !== undefined ? single.cpuMs / base.cpuMs : undefined,
  workersSpeedup: single.wallMs / workers.wallMs,
  workersVsOneWorker: r('cli, 1 worker').wallMs / workers.wallMs,
  warmVsCold: warm.wallMs / r('cli, cache cold').wallMs,
  vsMarkdownlint: r('markdownlint-cli2') ? single.wallMs / r('markdownlint-cli2').wallMs : undefined,
  oneFileVsNode: r('one file').wallMs / r('node -e 0').wallMs,
  // The target: one file ≤ 2 × node -e 0 + the parse of that file (the floor on it, less its own
  // node start), i.e. ≤ node -e 0 + the floor on that one file.
  oneFileVsBudget: r('one file').wallMs / (r('node -e 0').wallMs + r('floor, one file').wallMs),
};
console.log('');
console.log(
  `single-threaded / floor: ${ratios.singleVsFloor.toFixed(2)} (CPU ${ratios.singleCpuVsFloorCpu?.toFixed(2) ?? '–'}); workers speed-up: ${ratios.workersSpeedup.toFixed(2)}×; warm cache: ${(100 * ratios.warmVsCold).toFixed(1)} % of cold${ratios.vsMarkdownlint ? `; vs markdownlint-cli2: ${ratios.vsMarkdownlint.toFixed(2)}` : ''}`,
);
console.log(`workers / 1 worker: ${ratios.workersVsOneWorker.toFixed(2)}×; one file / (node -e 0 + floor on that file): ${ratios.oneFileVsBudget.toFixed(2)}`);
console.log(`same JSON output for 1 thread, 1 worker, workers, cache cold and warm: ${sameOutput ? 'yes' : 'NO'}`);
console.log('peak RSS: the whole process tree (the CLI and its worker processes together)');

let pathological;
if (values.pathological) pathological = await pathologicalTimings();

const outDir = path.join(root, 'bench-results');
mkdirSync(outDir, { recursive: true });
const summary = {
  date: new Date().toISOString(),
  node: process.version,
  cores: os.cpus().length,
  loadAverage: os.loadavg(),
  files: fileCount,
  bytes,
  sameOutput,
  ratios,
  runs: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { wallMs: v.wallMs, cpuMs: v.cpuMs, rssKB: v.rssKB, exitCode: v.exitCode }])),
  ...(pathological ? { pathological } : {}),
};
writeFileSync(path.join(outDir, 'bench-results.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nwritten: bench-results/bench-results.json${values.keep ? `; corpus kept in ${work}` : ''}`);
if (!values['no-pdf']) pdfBench();

// ---- Helpers --------------------------------------------------------------------------------

function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', maxBuffer: 512 * MB, ...options, env: { ...process.env, CI: '1', ...options.env } });
}

/**
 * Wall time from here; CPU of the child and its descendants from GNU time's report on stderr.
 * Peak RSS is the largest sum over the whole process tree (the CLI and its worker processes),
 * sampled from /proc every 20 ms; GNU time's %M (the largest single process) where /proc is not
 * there.
 */
function timed(command, args, options = {}) {
  const marker = '__XXGK_BENCH__';
  const full = timeBin ? [timeBin, ['-f', `${marker} %e %U %S %M`, command, ...args]] : [command, args];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(full[0], full[1], { cwd: options.cwd ?? root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let treePeakKB = 0;
    const sampler = setInterval(() => {
      const kb = treeRssKB(child.pid);
      if (kb > treePeakKB) treePeakKB = kb;
    }, 20);
    child.on('close', (code) => {
      clearInterval(sampler);
      const wallMs = performance.now() - t0;
      const line = stderr.split('\n').find((l) => l.startsWith(marker));
      let cpuMs;
      let rssKB;
      if (line) {
        const [, , user, sys, rss] = line.split(' ');
        cpuMs = (Number(user) + Number(sys)) * 1000;
        rssKB = Number(rss);
      }
      if (treePeakKB > 0) rssKB = treePeakKB;
      resolve({ wallMs, cpuMs, rssKB, exitCode: code, stderr: stderr.replace(/^__XXGK_BENCH__.*$/m, '').trim() });
    });
  });
}

/** The resident set of a process and all its descendants, in KB (0 without /proc). */
function treeRssKB(pid) {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop();
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone already, or no /proc
    }
  }
  return total;
}

async function pathologicalTimings() {
  // Long runs of one kind of character are where a regular expression can turn quadratic.
  const { lintText } = await import(new URL('../dist/index.js', import.meta.url).href);
  const N = 200000;
  const cases = {
    'digit run': '一、总体情况' + '0'.repeat(N),
    'CJK run': '一、总体情况' + '政'.repeat(N),
    'space run': '一、总体情况 ' + ' '.repeat(N) + 'x',
    'pipe run': '|'.repeat(N),
    'tab run': '\t'.repeat(N),
    claims: ('收到申请1件办结2件行政复议3件' + '0 '.repeat(10)).repeat(N / 40),
    'open brackets': '（'.repeat(N),
    'e-mail prefix': 'a'.repeat(N) + '@',
    dates: '2024年1月1日'.repeat(N / 10),
    headings: '一、总体情况\n'.repeat(N / 10),
    'fee words': '信息处理费'.repeat(N / 5),
    'citation marks': '《'.repeat(N),
    'short lines': 'a\n'.repeat(N / 2),
  };
  const out = {};
  const prows = [['pathological input (200k chars)', 'ms']];
  for (const [name, text] of Object.entries(cases)) {
    const t0 = performance.now();
    lintText(text, { filePath: name });
    out[name] = performance.now() - t0;
    prows.push([name, out[name].toFixed(0)]);
  }
  console.log('');
  console.log(table(prows));
  return out;
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row) => `| ${row.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, c) => (c === 0 ? ':' : '-') + '-'.repeat(w) + (c === 0 ? '-' : ':')).join('|')}|`, ...rows.slice(1).map(line)].join(
    '\n',
  );
}

function positiveInt(text, name) {
  if (!/^\d+$/.test(text) || Number(text) < 1) fail(`${name} needs a positive whole number, got "${text}"`);
  return Number(text);
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}
