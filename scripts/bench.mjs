// `npm run bench`: measures xxgk-lint against the targets of issue #22, each figure paired with its
// baseline in the same run.
//
//   node scripts/bench.mjs [--help] [--files N] [--pairs P] [--quick] [--out FILE] [--only LIST]
//                          [--dist DIR] [--compare DIST] [--memory] [--no-markdownlint] [--keep]
//                          [--no-pdf] [--pdf-only] [--workers-files N]
//
// The corpus (scripts/bench-corpus.ts, deterministic): N synthetic reports laid out as an archive —
// about 60 % from agencies that recur over 2021–2024 (so the cross-report rules find last year's
// report), the rest from agencies seen once — plus one small report (the one-file case).
//
// Every target is a pair of commands (ours, its baseline) run P times in alternating order
// (A B, B A, A B, …) after one unmeasured warm-up of each, so that a change in the machine's load
// hits both sides alike. A figure is the median over the pairs, with min–max; a ratio is the median
// of the per-pair ratios. Per run: wall (from here) and CPU (user + sys of the whole process tree:
// the growth of this process's cutime + cstime from /proc/self/stat once the child is reaped, which
// includes the worker processes the CLI reaped; one child at a time). The one-file pairs time a
// batch of runs per sample (CPU is counted in clock ticks, 10 ms).
//
// Outputs are validated, not only timed: every run of the CLI must lint all N files (the JSON
// output's file count), exit with the same code, and give byte-identical JSON findings in every
// mode (off, default, 2 workers, cache cold and warm; with --compare, the other build too); the
// floor must parse N files; markdownlint-cli2 must lint N files. A failed check exits with 1.
//
// --quick: 21 files, 1 pair, no warm-up, batches of 2 (a smoke test: the figures mean little).
// --compare DIST: also pair this build against another build's dist/ folder (its cli.js) on the
//   `--concurrency off` and `--concurrency 2` runs over the corpus, on the one small file and on a
//   warm `--cache` run (each build through its own cache): the before/after of a change.
// --memory: also the main process's peak RSS on 10,000 reports (and on N, for the slope).
// --workers-files N: the workers' speed-up is measured on the corpus and on a second one of N files
//   (default 300; --quick 12), each followed by one run with XXGK_LINT_POOL_STATS (what each worker
//   did: CPU, idle share, bytes sent back; the main process's CPU), reported under "The workers at work".
// --warmups N: unmeasured runs of each side before the pairs (default 1; --quick 0).
// --dist DIR: the build to measure (default dist/; a copy keeps a long run safe from rebuilds).
// --no-pdf: without the PDF part (scripts/bench-pdf.ts: reading a PDF per page against the same
//   report as text; run after the targets, not with --quick or --only); --pdf-only: that part alone.
// --only: a comma-separated subset of floor, default, workers, cache, one-file, markdownlint,
//   memory, compare.
//
// The results go to --out (default docs/bench.md; with --quick, bench-results/bench-quick.md,
// gitignored) and the raw figures next to it as JSON. Wall-clock figures mean something only on
// a quiet machine; the report prints the load average before and after. Run
// `node scripts/build.mjs --only npm` first (npm's `prepare` does).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clearInterval, setInterval } from 'node:timers';
import { childrenCpuMs, failer, generateCorpus, listMarkdown, positiveInt, usageOf, writeFloorScript } from './bench-lib.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const MB = 1024 * 1024;
const ALL = ['floor', 'default', 'workers', 'cache', 'one-file', 'markdownlint', 'memory', 'compare'];
// The usage is this file's opening comment, printed for --help and after an unknown option.
const usage = () => usageOf(import.meta.url);
const fail = failer('bench');
let parsed;
try {
  parsed = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      files: { type: 'string' },
      pairs: { type: 'string' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      only: { type: 'string' },
      compare: { type: 'string' },
      dist: { type: 'string' },
      memory: { type: 'boolean', default: false },
      warmups: { type: 'string' },
      'memory-files': { type: 'string', default: '10000' },
      'workers-files': { type: 'string' },
      'no-markdownlint': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'no-pdf': { type: 'boolean', default: false },
      'pdf-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${usage()}\n`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  process.stdout.write(`${usage()}\n`);
  process.exit(0);
}
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
const quick = values.quick;
const fileCount = positiveInt(values.files ?? (quick ? '21' : '1000'), '--files', fail);
const pairs = positiveInt(values.pairs ?? (quick ? '1' : '5'), '--pairs', fail);
const warmups = values.warmups === undefined ? (quick ? 0 : 1) : Number(values.warmups);
if (!Number.isInteger(warmups) || warmups < 0) fail(`--warmups needs a whole number, got "${values.warmups}"`);
const batch = quick ? 2 : 10;
const memoryFiles = positiveInt(values['memory-files'], '--memory-files', fail);
// The workers' speed-up is measured on the corpus and on a smaller one (issue #22: none at 300 files).
const workersFiles = positiveInt(values['workers-files'] ?? (quick ? '12' : '300'), '--workers-files', fail);
const only = new Set(values.only ? values.only.split(',').map((s) => s.trim()) : ALL);
for (const name of only) if (!ALL.includes(name)) fail(`--only: unknown "${name}" (one of ${ALL.join(', ')})`);
if (!values.memory && !values.only) only.delete('memory');
if (values['no-markdownlint']) only.delete('markdownlint');
if (!values.compare) only.delete('compare');
const outFile = path.resolve(root, values.out ?? (quick ? 'bench-results/bench-quick.md' : 'docs/bench.md'));

const node = process.execPath;
const cli = path.resolve(root, values.dist ?? 'dist', 'cli.js');
if (!existsSync(cli)) fail(`${cli} not found: run \`node scripts/build.mjs --only npm\` first`);
const otherCli = values.compare ? path.resolve(values.compare, 'cli.js') : undefined;
if (otherCli && !existsSync(otherCli)) fail(`--compare: ${otherCli} not found`);
if (!existsSync('/proc/self/stat')) fail('needs /proc (Linux) for the CPU time of the process tree');

const work = mkdtempSync(path.join(os.tmpdir(), 'xxgk-bench-'));
process.on('exit', () => {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
});
const loadBefore = os.loadavg();

// ---- The corpus --------------------------------------------------------------------------------
const corpus = path.join(work, 'reports');
const smallFile = path.join(work, 'small.md');
const corpusInfo = generateCorpus(corpus, fileCount, ['--small', smallFile], fail);
console.log(
  `xxgk-lint bench: ${corpusInfo.files} reports (${corpusInfo.recurringAgencies} agencies × 4 years + ${corpusInfo.distinctAgencies} distinct), ` +
    `${(corpusInfo.bytes / MB).toFixed(1)} MB, ${pairs} pair(s), Node ${process.version}, ${os.cpus().length} cores, load ${loadBefore[0].toFixed(1)}`,
);

// The floor: remark-parse + remark-gfm parsing the same files in one process, nothing else.
const floorScript = path.join(work, 'floor.mjs');
writeFloorScript(floorScript);
const listFile = path.join(work, 'files.txt');
writeFileSync(listFile, listMarkdown(corpus).join('\n'));

// ---- Commands ----------------------------------------------------------------------------------
let outputSeq = 0;
/** Our CLI over the corpus with JSON output; checked after the run. */
const ours = (label, extra, cliPath = cli, on = { dir: corpus, count: fileCount, prefix: 'out' }) => ({
  label,
  command: node,
  args: () => [cliPath, ...extra, '-f', 'json', '-o', path.join(work, `${on.prefix}-${++outputSeq}.json`), on.dir],
  check: (r) => checkLint(r, on.count),
});
const floor = { label: 'floor: remark-parse + remark-gfm', command: node, args: () => [floorScript, listFile], check: checkFloor };
const markdownlint = {
  label: 'markdownlint-cli2 (default rules)',
  command: node,
  args: () => [path.join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), '**/*.md'],
  cwd: corpus,
  check: checkMarkdownlint,
};
const nodeBare = { label: 'node -e 0', command: node, args: () => ['-e', '0'], check: (r) => r.exitCode === 0 || `exit ${r.exitCode}` };
const oneFile = (label, cliPath = cli) => ({ label, command: node, args: () => [cliPath, smallFile], check: checkOneFile });

const results = [];
const problems = [];
/** The exit codes every run of the CLI must repeat (set by the first run). */
let lintExit;
let oneExit;

if (only.has('floor')) {
  await pairTarget({
    id: 'off-vs-floor',
    title: '`--concurrency off`, CPU against remark-parse + remark-gfm parsing the same files (the floor)',
    goal: '≤ 1.15×',
    a: ours('cli --concurrency off', ['--concurrency', 'off']),
    b: floor,
    metric: 'cpu',
    limit: 1.15,
  });
}
if (only.has('default')) {
  await pairTarget({
    id: 'default-vs-floor',
    title: 'default run, wall against the single-threaded floor',
    goal: '≤ 0.8×',
    a: ours('cli (default)', []),
    b: floor,
    metric: 'wall',
    limit: 0.8,
  });
}
if (only.has('workers')) {
  const speedup = await pairTarget({
    id: 'workers-speedup',
    title: 'speed-up of 2 workers over `off`',
    goal: '≥ 1.7×',
    a: ours('cli --concurrency 2', ['--concurrency', '2']),
    b: ours('cli --concurrency off', ['--concurrency', 'off']),
    metric: 'wall',
    also: 'cpu',
    inverse: true,
    limit: 1.7,
  });
  speedup.pool = await poolStats(corpus, fileCount);
  if (workersFiles !== fileCount) {
    const dir = path.join(work, `reports-${workersFiles}`);
    generateCorpus(dir, workersFiles, [], fail);
    const on = { dir, count: workersFiles, prefix: 'workers' };
    const small = await pairTarget({
      id: `workers-speedup-${workersFiles}`,
      title: `speed-up of 2 workers over \`off\`, ${workersFiles} files`,
      goal: '≥ 1.7×',
      a: ours('cli --concurrency 2', ['--concurrency', '2'], cli, on),
      b: ours('cli --concurrency off', ['--concurrency', 'off'], cli, on),
      metric: 'wall',
      also: 'cpu',
      inverse: true,
      limit: 1.7,
    });
    small.pool = await poolStats(dir, workersFiles);
  }
}
if (only.has('cache')) {
  const cacheFile = path.join(work, 'cache');
  // Both must find cross-report findings: the warm run is measured on an archive whose agencies
  // recur, where the cross-report phase has work to skip.
  const cold = {
    ...ours('cli --cache, cold', ['--cache', '--cache-location', cacheFile]),
    before: () => rmSync(cacheFile, { recursive: true, force: true }),
    check: checkCrossReport,
  };
  const warm = { ...ours('cli --cache, warm', ['--cache', '--cache-location', cacheFile]), check: checkCrossReport };
  const warmVsCold = await pairTarget({
    id: 'warm-vs-cold',
    title: 'warm `--cache` re-run, wall against cold',
    goal: '≤ 5 %',
    a: warm,
    b: cold,
    metric: 'wall',
    // CPU too: the cold run's wall grows with the load far more than the warm run's (it wants
    // both cores), so that the wall ratio falls as the machine gets busier.
    also: 'cpu',
    percent: true,
    limit: 0.05,
    // A warm run needs the cold run before it: always cold, then warm.
    fixedOrder: true,
  });
  // For scale: node's own start (`node -e 0`), as many samples as the warm run had, right after it.
  const start = [];
  for (let p = 0; p < pairs; p++) start.push(await sample(nodeBare, batch));
  warmVsCold.start = { label: `node -e 0, for scale (mean of ${batch} runs per sample)`, wallMs: start.map((r) => r.wallMs), cpuMs: start.map((r) => r.cpuMs) };
}
if (only.has('one-file')) {
  await pairTarget({
    id: 'one-file',
    title: 'one small file against `node -e 0`',
    goal: '≤ 2×',
    a: oneFile('cli small.md'),
    b: nodeBare,
    metric: 'wall',
    also: 'cpu',
    limit: 2,
    batch,
  });
}
if (only.has('markdownlint')) {
  await pairTarget({
    id: 'vs-markdownlint',
    title: 'against markdownlint-cli2 (default rules) on the same files (both as a user runs them: default options)',
    goal: '≤ 0.7×',
    a: ours('cli (default)', []),
    b: markdownlint,
    metric: 'wall',
    also: 'cpu',
    limit: 0.7,
  });
}
if (only.has('memory')) await memoryTarget();
if (only.has('compare')) {
  await pairTarget({
    id: 'compare-off',
    title: `this build against ${values.compare}: \`--concurrency off\` over the corpus, CPU`,
    goal: 'before/after',
    a: ours('this build, --concurrency off', ['--concurrency', 'off']),
    b: ours('other build, --concurrency off', ['--concurrency', 'off'], otherCli),
    metric: 'cpu',
    also: 'wall',
  });
  await pairTarget({
    id: 'compare-workers',
    title: `this build against ${values.compare}: \`--concurrency 2\` over the corpus, CPU`,
    goal: 'before/after',
    a: ours('this build, --concurrency 2', ['--concurrency', '2']),
    b: ours('other build, --concurrency 2', ['--concurrency', '2'], otherCli),
    metric: 'cpu',
    also: 'wall',
  });
  await pairTarget({
    id: 'compare-one-file',
    title: `this build against ${values.compare}: one small file, CPU`,
    goal: 'before/after',
    a: oneFile('this build, small.md'),
    b: oneFile('other build, small.md', otherCli),
    metric: 'cpu',
    also: 'wall',
    batch,
  });
  // Each build through its own cache, made by one cold run of each before the pairs.
  const warmOf = (label, cacheFile, cliPath) => ({
    ...ours(label, ['--cache', '--cache-location', path.join(work, cacheFile)], cliPath),
    check: checkCrossReport,
  });
  const thisWarm = warmOf('this build, --cache warm', 'cache-this', cli);
  const otherWarm = warmOf('other build, --cache warm', 'cache-other', otherCli);
  for (const made of [thisWarm, otherWarm]) await sample(made, 1);
  await pairTarget({
    id: 'compare-warm',
    title: `this build against ${values.compare}: warm \`--cache\` run over the corpus, CPU`,
    goal: 'before/after',
    a: thisWarm,
    b: otherWarm,
    metric: 'cpu',
    also: 'wall',
  });
}

// Same findings in every mode (and build): the bench checks what it measures.
const outputsOf = (prefix) =>
  readdirSync(work)
    .filter((f) => new RegExp(`^${prefix}-\\d+\\.json$`).test(f))
    .map((f) => readFileSync(path.join(work, f), 'utf8'));
const outputs = outputsOf('out');
const sameOutput = outputs.every((o) => o === outputs[0]);
if (!sameOutput) problems.push('the JSON findings differ between modes or runs');
const workersOutputs = outputsOf('workers');
if (!workersOutputs.every((o) => o === workersOutputs[0])) problems.push(`the JSON findings on ${workersFiles} files differ between modes or runs`);

const loadAfter = os.loadavg();
const report = renderReport();
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, report);
writeFileSync(
  outFile.replace(/\.md$/, '') + '.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: os.cpus().length, loadBefore, loadAfter, corpus: corpusInfo, pairs, results, problems }, null, 2)}\n`,
);
console.log(`\n${report}`);
console.log(`written: ${path.relative(root, outFile)}${values.keep ? `; corpus kept in ${work}` : ''}`);
// The PDF part (not a target of issue #22): with the full set of targets only.
if (!values['no-pdf'] && !quick && !values.only) pdfBench();
if (problems.length > 0) {
  console.error(`bench: ${problems.length} check(s) failed:\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
}

// ---- Pairs -------------------------------------------------------------------------------------

/**
 * Runs `a` and `b` in alternating order `pairs` times (after a warm-up of each) and records the
 * per-side medians and the per-pair ratios of `metric` (a / b; b / a when `inverse`).
 */
async function pairTarget(target) {
  const n = target.batch ?? 1;
  process.stderr.write(`${target.id}: `);
  for (let w = 0; w < warmups; w++) {
    await sample(target.b, n);
    await sample(target.a, n);
  }
  const runs = { a: [], b: [] };
  for (let p = 0; p < pairs; p++) {
    const order = target.fixedOrder || p % 2 === 1 ? ['b', 'a'] : ['a', 'b'];
    for (const side of order) runs[side].push(await sample(target[side], n));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  const ratio = (metric) =>
    runs.a.map((ra, i) => {
      const rb = runs.b[i];
      return target.inverse ? rb[metric] / ra[metric] : ra[metric] / rb[metric];
    });
  const result = {
    id: target.id,
    title: target.title,
    goal: target.goal,
    metric: target.metric,
    also: target.also,
    batch: n,
    a: { label: target.a.label, wallMs: runs.a.map((r) => r.wallMs), cpuMs: runs.a.map((r) => r.cpuMs) },
    b: { label: target.b.label, wallMs: runs.b.map((r) => r.wallMs), cpuMs: runs.b.map((r) => r.cpuMs) },
    ratio: { wall: ratio('wallMs'), cpu: ratio('cpuMs') },
    inverse: Boolean(target.inverse),
    percent: Boolean(target.percent),
    limit: target.limit,
  };
  results.push(result);
  return result;
}

/** One sample of a command: `n` runs in a row, each checked; wall and CPU per run. */
async function sample(cmd, n) {
  let wallMs = 0;
  let cpuMs = 0;
  for (let i = 0; i < n; i++) {
    cmd.before?.();
    const r = await timed(cmd.command, cmd.args(), { cwd: cmd.cwd });
    const verdict = cmd.check(r);
    if (verdict !== true) problems.push(`${cmd.label}: ${verdict}`);
    wallMs += r.wallMs;
    cpuMs += r.cpuMs;
  }
  return { wallMs: wallMs / n, cpuMs: cpuMs / n };
}

// ---- Memory ------------------------------------------------------------------------------------

async function memoryTarget() {
  const big = path.join(work, 'memory');
  process.stderr.write(`memory: generating ${memoryFiles} reports…\n`);
  const info = generateCorpus(big, memoryFiles, [], fail);
  const peak = async (dir, count) => {
    const r = await timed(node, [cli, '-f', 'json', '-o', path.join(work, `memory-${count}.json`), dir], { watchMain: true });
    const files = readJsonFiles(path.join(work, `memory-${count}.json`));
    if (files !== count) problems.push(`memory run on ${count} files: ${files} files in the output`);
    return { count, mainPeakKB: r.mainPeakKB, treePeakKB: r.treePeakKB, wallMs: r.wallMs, cpuMs: r.cpuMs, exitCode: r.exitCode };
  };
  const small = await peak(corpus, fileCount);
  const large = await peak(big, info.files);
  results.push({ id: 'memory', title: `main process on ${info.files} reports`, goal: 'flat, ≤ 200 MB', memory: [small, large] });
  rmSync(big, { recursive: true, force: true });
}

// ---- Checks ------------------------------------------------------------------------------------

function checkLint(r, count = fileCount) {
  if (r.exitCode !== 0 && r.exitCode !== 1) return `exit ${r.exitCode}: ${r.stderr.slice(0, 300)}`;
  if (count === fileCount) {
    lintExit ??= r.exitCode;
    if (r.exitCode !== lintExit) return `exit ${r.exitCode}, another run exited with ${lintExit}`;
  }
  const out = r.args[r.args.indexOf('-o') + 1];
  const files = readJsonFiles(out);
  return files === count || `${files} files in the JSON output, ${count} expected`;
}

/**
 * One more run with 2 workers and XXGK_LINT_POOL_STATS: what each worker did (CPU, time with
 * nothing to do, bytes sent back per file) and the main process's CPU during phase one — the
 * structure behind the speed-up, readable even on a busy machine.
 */
async function poolStats(dir, count) {
  const out = path.join(work, `pool-${count}.json`);
  const r = await timed(node, [cli, '--concurrency', '2', '-f', 'json', '-o', out, dir], { env: { XXGK_LINT_POOL_STATS: '1' } });
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('xxgk-lint pool: '));
  const parse = (l) => JSON.parse(l.slice(l.indexOf('{')));
  return { workers: lines.filter((l) => / worker \d+:/.test(l)).map(parse), main: lines.filter((l) => / main:/.test(l)).map(parse)[0], cpuMs: r.cpuMs };
}
/** checkLint, and the output has findings of the cross-report rules (the archive's agencies recur). */
function checkCrossReport(r) {
  const checked = checkLint(r);
  if (checked !== true) return checked;
  const cross = new Set(['carry-over', 'stock-continuity', 'similar-to-last-year']);
  try {
    const json = JSON.parse(readFileSync(r.args[r.args.indexOf('-o') + 1], 'utf8'));
    const results = Array.isArray(json) ? json : json.results;
    const found = results.reduce((n, result) => n + result.messages.filter((m) => cross.has(m.ruleId)).length, 0);
    return found > 0 || 'no cross-report finding: the corpus has no recurring agencies';
  } catch (err) {
    return `unreadable JSON output: ${err}`;
  }
}
function checkFloor(r) {
  return (r.exitCode === 0 && Number(r.stdout.trim()) === fileCount) || `exit ${r.exitCode}, parsed "${r.stdout.trim()}" of ${fileCount} files`;
}
function checkMarkdownlint(r) {
  const m = /Linting: (\d+) file/.exec(r.stdout);
  return ((r.exitCode === 0 || r.exitCode === 1) && m && Number(m[1]) === fileCount) || `exit ${r.exitCode}, "${r.stdout.slice(0, 200)}"`;
}
function checkOneFile(r) {
  if (r.exitCode !== 0 && r.exitCode !== 1) return `exit ${r.exitCode}: ${r.stderr.slice(0, 300)}`;
  oneExit ??= r.exitCode;
  return r.exitCode === oneExit || `exit ${r.exitCode}, another run exited with ${oneExit}`;
}
function readJsonFiles(file) {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(json) ? json.length : Array.isArray(json.results) ? json.results.length : NaN;
  } catch {
    return NaN;
  }
}

// ---- Report ------------------------------------------------------------------------------------

function renderReport() {
  const busy = Math.max(loadBefore[0], loadAfter[0]) > 0.5 * os.cpus().length;
  const lines = [
    '# Bench',
    '',
    `Written by \`node scripts/bench.mjs${process.argv.slice(2).length ? ' ' + process.argv.slice(2).join(' ') : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC:`,
    `Node ${process.version}, ${os.cpus().length} cores, load average ${loadBefore[0].toFixed(1)} before and ${loadAfter[0].toFixed(1)} after.`,
    `Corpus: ${corpusInfo.files} synthetic reports, ${(corpusInfo.bytes / MB).toFixed(1)} MB — ${corpusInfo.recurringAgencies} agencies × 4 years (2021–2024, the`,
    `cross-report rules run) and ${corpusInfo.distinctAgencies} agencies seen once; the one small file is ${(readFileSync(smallFile).length / 1024).toFixed(1)} KB.`,
    `Each target: ${pairs} pair(s) in alternating order${warmups ? ' after a warm-up of each side' : ''}; median (min–max); CPU = user + sys of the process tree.`,
    '',
  ];
  if (busy)
    lines.push(
      '> **The machine was busy** (load average above half the cores): the wall-clock figures and the',
      '> wall-clock targets mean nothing here and must be measured on a quiet machine; the CPU figures',
      '> are the ones to read (they too grow somewhat under load: caches and frequency are shared).',
      '',
    );
  lines.push('## The targets of issue #22', '', '| target | goal | measured | met |', '| --- | --- | --- | --- |');
  for (const r of results) {
    if (r.memory) {
      const [s, l] = r.memory;
      const mb = (kb) => (kb / 1024).toFixed(0);
      const ok = l.mainPeakKB / 1024 <= 200 * 0.953674;
      lines.push(`| ${r.title} | ${r.goal} | ${mb(l.mainPeakKB)} MiB (${mb(s.mainPeakKB)} MiB on ${s.count}) | ${ok ? 'yes' : 'no'} |`);
      continue;
    }
    if (r.goal === 'before/after') continue;
    const ratios = r.ratio[r.metric];
    const med = median(ratios);
    const met = r.inverse ? med >= r.limit : med <= r.limit;
    const shown = r.percent
      ? `${fmtPct(med)} (${fmtPct(Math.min(...ratios))}–${fmtPct(Math.max(...ratios))})`
      : `${fmtX(med)} (${fmtX(Math.min(...ratios))}–${fmtX(Math.max(...ratios))})`;
    const also = r.also ? `; ${r.also}: ${(r.percent ? fmtPct : fmtX)(median(r.ratio[r.also]))}` : '';
    const wallOnBusy = busy && r.metric === 'wall' ? ' (busy machine: not meaningful)' : '';
    lines.push(`| ${r.title} | ${r.goal} | ${r.metric} ${shown}${also} | ${met ? 'yes' : 'no'}${wallOnBusy} |`);
  }
  const pooled = results.filter((r) => r.pool);
  if (pooled.length > 0) {
    lines.push(
      '',
      '## The workers at work',
      '',
      "One more run with `--concurrency 2` and `XXGK_LINT_POOL_STATS=1` per corpus: each worker's CPU (of which starting and loading",
      "the config), the share of its life it had nothing to do, the time it waited for a file's bytes, and the bytes it sent back",
      "per file; the main process's CPU while the workers worked. On two free cores the speed-up is about",
      "(CPU of `off`) / (the busier worker's CPU + the main process's CPU outside phase one), if the workers are never idle.",
      '',
      '| files | process | files linted | CPU s | start CPU s | idle | waiting for bytes s | bytes sent per file |',
      '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of pooled) {
      const n = r.id === 'workers-speedup' ? fileCount : workersFiles;
      for (const [i, w] of r.pool.workers.entries())
        lines.push(
          `| ${n} | worker ${i + 1} | ${w.files} | ${fmtS(w.cpuMs ?? NaN)} | ${fmtS(w.startCpuMs ?? NaN)} | ${fmtPct(w.idleFraction ?? NaN)} | ${fmtS(w.waitMs ?? NaN)} | ${w.bytesPerFile ?? '?'} |`,
        );
      const m = r.pool.main;
      if (m) lines.push(`| ${n} | main, during phase one | | ${fmtS(m.cpuMs)} | | | | |`);
      lines.push(`| ${n} | the whole run (process tree) | | ${fmtS(r.pool.cpuMs)} | | | | |`);
    }
  }
  const compare = results.filter((r) => r.goal === 'before/after');
  if (compare.length > 0) {
    lines.push('', `## This build against ${values.compare}`, '', '| run | CPU ratio (this / other) | wall ratio |', '| --- | --- | --- |');
    for (const r of compare) lines.push(`| ${r.title} | ${fmtRange(r.ratio.cpu, fmtX)} | ${fmtRange(r.ratio.wall, fmtX)} |`);
  }
  lines.push('', '## Every run', '', '| target | command | CPU s | wall s |', '| --- | --- | ---: | ---: |');
  for (const r of results) {
    if (r.memory) {
      for (const m of r.memory)
        lines.push(
          `| ${r.id} | cli (default) on ${m.count} files: main ${(m.mainPeakKB / 1024).toFixed(0)} MiB, tree ${(m.treePeakKB / 1024).toFixed(0)} MiB peak RSS | ${(m.cpuMs / 1000).toFixed(2)} | ${(m.wallMs / 1000).toFixed(2)} |`,
        );
      continue;
    }
    const per = r.batch > 1 ? ` (mean of ${r.batch} runs per sample)` : '';
    for (const side of [r.a, r.b]) {
      lines.push(`| ${r.id} | ${side.label}${per} | ${fmtRange(side.cpuMs, fmtS)} | ${fmtRange(side.wallMs, fmtS)} |`);
    }
    if (r.start) lines.push(`| ${r.id} | ${r.start.label} | ${fmtRange(r.start.cpuMs, fmtS)} | ${fmtRange(r.start.wallMs, fmtS)} |`);
  }
  lines.push(
    '',
    `Checks: every CLI run linted ${fileCount} files with the same exit code; the JSON findings of all ${outputs.length} CLI runs over the corpus ${sameOutput ? 'are byte-identical' : '**differ**'}${
      workersOutputs.length ? `, and of the ${workersOutputs.length} over the ${workersFiles} files too` : ''
    }${
      problems.length
        ? `; **${problems.length} check(s) failed**: ${problems.slice(0, 5).join('; ')}`
        : `${only.has('floor') || only.has('default') ? '; the floor parsed every file' : ''}${only.has('markdownlint') ? '; markdownlint-cli2 linted every file' : ''}`
    }.`,
    '',
  );
  return lines.join('\n');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function fmtRange(xs, fmt) {
  return xs.length > 1 ? `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})` : fmt(xs[0]);
}
function fmtX(x) {
  return `${x.toFixed(2)}×`;
}
function fmtPct(x) {
  return `${(100 * x).toFixed(1)} %`;
}
function fmtS(ms) {
  return (ms / 1000).toFixed(ms < 1000 ? 3 : 2);
}

// ---- Helpers -----------------------------------------------------------------------------------

/** Runs one command; wall from here, CPU of its whole (reaped) process tree, peak RSS when asked. */
function timed(command, args, options = {}) {
  return new Promise((resolve) => {
    const cpu0 = childrenCpuMs();
    const t0 = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '1', NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let mainPeakKB = 0;
    let treePeakKB = 0;
    const sampler = options.watchMain
      ? setInterval(() => {
          mainPeakKB = Math.max(mainPeakKB, statusKB(child.pid, 'VmHWM'));
          treePeakKB = Math.max(treePeakKB, treeRssKB(child.pid));
        }, 20)
      : undefined;
    child.on('close', (code) => {
      if (sampler) clearInterval(sampler);
      const wallMs = performance.now() - t0;
      resolve({ wallMs, cpuMs: childrenCpuMs() - cpu0, exitCode: code, stdout, stderr, args, mainPeakKB, treePeakKB });
    });
  });
}

function statusKB(pid, field) {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The resident set of a process and all its descendants, in KB. */
function treeRssKB(pid) {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop();
    total += statusKB(p, 'VmRSS');
    try {
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone already
    }
  }
  return total;
}
