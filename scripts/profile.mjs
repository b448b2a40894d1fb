// `npm run profile`: where the CPU of the unmet targets of issue #22 goes, with V8's CPU profiler,
// for each target both of its commands (ours and its baseline, as scripts/bench.mjs runs them).
//
//   node scripts/profile.mjs [--help] [--files N] [--runs R] [--batch B] [--interval µs]
//                            [--only LIST] [--out FILE] [--keep]
//
// The build profiled is dist/'s code built again with source maps (`scripts/build.mjs --only npm
// --sourcemap` into a temporary folder: the same bundles, only the chunks' hashes differ), so that
// every sampled function is named by its source file. Every process and thread of a command is
// profiled (scripts/profile-preload.mjs through NODE_OPTIONS: the main process, the worker
// processes, the worker thread of a small run); each thread's self time is summed into named
// categories and turned into CPU: a category's share of the thread's samples (idle left out) times
// the thread's CPU after node's bootstrap (/proc/thread-self/stat). Node's bootstrap before user
// code, and the process's other threads — V8's platform threads (parallel and concurrent GC,
// concurrent JIT compiling) and those started later (libuv's pool) — come from /proc as rows of
// their own. So the shares hold on a busy machine (a thread that waits for a core is neither
// sampled as busy nor charged CPU), though caches and frequency are shared and absolute CPU grows.
//
// The corpus is bench.mjs's (scripts/bench-corpus.ts, N reports, default 200, and the small
// file). R rounds (default 3), the commands in a rotating order in each; the one-file target's
// commands run B times a round (default 5). Figures are CPU ms per run, the mean over the runs.
// --only: a comma-separated subset of off-vs-floor, default-vs-floor, workers-speedup, one-file,
//   vs-markdownlint (the bench's ids). --interval: the sampling interval (default 500 µs).
// The report goes to --out (default bench-results/profile.md, gitignored) and the figures next to
// it as JSON; --keep keeps the profiles (.cpuprofile, open them in Chrome's DevTools).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { childrenCpuMs, failer, generateCorpus, listMarkdown, positiveInt, ticksPerSecond, usageOf, writeFloorScript } from './bench-lib.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const TARGETS = ['off-vs-floor', 'default-vs-floor', 'workers-speedup', 'one-file', 'vs-markdownlint'];
const usage = () => usageOf(import.meta.url);
const fail = failer('profile');
let parsed;
try {
  parsed = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      files: { type: 'string', default: '200' },
      runs: { type: 'string', default: '3' },
      batch: { type: 'string', default: '5' },
      interval: { type: 'string', default: '500' },
      only: { type: 'string' },
      out: { type: 'string', default: 'bench-results/profile.md' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
} catch (error) {
  process.stderr.write(`profile: ${error instanceof Error ? error.message : String(error)}\n\n${usage()}\n`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  process.stdout.write(`${usage()}\n`);
  process.exit(0);
}
const fileCount = positiveInt(values.files, '--files', fail);
const runs = positiveInt(values.runs, '--runs', fail);
const batch = positiveInt(values.batch, '--batch', fail);
const interval = positiveInt(values.interval, '--interval', fail);
const targets = values.only ? values.only.split(',').map((s) => s.trim()) : TARGETS;
for (const t of targets) if (!TARGETS.includes(t)) fail(`--only: unknown "${t}" (one of ${TARGETS.join(', ')})`);
const outFile = path.resolve(root, values.out);
if (!existsSync('/proc/thread-self/stat')) fail('needs /proc (Linux) for the CPU time of each thread');
if (ticksPerSecond !== 100) fail(`CLK_TCK is ${ticksPerSecond}; scripts/profile-preload.mjs counts 100`);

const work = mkdtempSync(path.join(os.tmpdir(), 'xxgk-profile-'));
process.on('exit', () => {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
});
const loadBefore = os.loadavg();
const node = process.execPath;
const preload = path.join(root, 'scripts/profile-preload.mjs');

// ---- The build, the corpus, the floor ----------------------------------------------------------
const dist = path.join(work, 'dist');
const built = spawnSync(node, [path.join(root, 'scripts/build.mjs'), '--only', 'npm', '--outdir', dist, '--sourcemap'], { cwd: root, encoding: 'utf8' });
if (built.status !== 0) fail(`the build failed:\n${built.stderr}`);
const cli = path.join(dist, 'cli.js');
const corpus = path.join(work, 'reports');
const smallFile = path.join(work, 'small.md');
const corpusInfo = generateCorpus(corpus, fileCount, ['--small', smallFile], fail);
const listFile = path.join(work, 'files.txt');
writeFileSync(listFile, listMarkdown(corpus).join('\n'));
// The floor: remark-parse + remark-gfm parsing the same files, nothing else.
const floorScript = path.join(work, 'floor.mjs');
writeFloorScript(floorScript);
console.log(
  `xxgk-lint profile: ${corpusInfo.files} reports, ${(corpusInfo.bytes / 1024 / 1024).toFixed(1)} MB, ${runs} round(s), ` +
    `interval ${interval} µs, Node ${process.version}, ${os.cpus().length} cores, load ${loadBefore[0].toFixed(1)}`,
);

// ---- Commands and targets ----------------------------------------------------------------------
const lint = (extra) => [cli, ...extra, '-f', 'json', '-o', path.join(work, 'out.json'), corpus];
const COMMANDS = {
  off: { label: 'cli --concurrency off', args: lint(['--concurrency', 'off']) },
  default: { label: 'cli (default)', args: lint([]) },
  two: { label: 'cli --concurrency 2', args: lint(['--concurrency', '2']) },
  floor: { label: 'floor: remark-parse + remark-gfm', args: [floorScript, listFile] },
  one: { label: 'cli small.md', args: [cli, smallFile], batch },
  bare: { label: 'node -e 0', args: ['-e', '0'], batch },
  markdownlint: {
    label: 'markdownlint-cli2',
    args: [path.join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), '**/*.md'],
    cwd: corpus,
  },
};
const TARGET_SIDES = {
  'off-vs-floor': { title: '`--concurrency off` against the floor (CPU)', a: 'off', b: 'floor' },
  'default-vs-floor': { title: 'default run against the floor (wall)', a: 'default', b: 'floor' },
  'workers-speedup': { title: '2 workers against `off` (wall)', a: 'two', b: 'off' },
  'one-file': { title: 'one small file against `node -e 0`', a: 'one', b: 'bare' },
  'vs-markdownlint': { title: 'default run against markdownlint-cli2 (wall)', a: 'default', b: 'markdownlint' },
};
const needed = [...new Set(targets.flatMap((t) => [TARGET_SIDES[t].a, TARGET_SIDES[t].b]))];

// ---- Categories --------------------------------------------------------------------------------
// Matched in order against a frame's source: its original file (through the source map) for our
// bundles, its path under node_modules otherwise, node's internal module for `node:` URLs.
const CATEGORIES = [
  ['micromark: GFM (tables, autolinks, footnotes, strikethrough, task lists)', /node_modules\/(micromark-extension-gfm|mdast-util-gfm)/],
  ['micromark: other extensions (CJK-friendly, front matter)', /node_modules\/(micromark-extension-|mdast-util-frontmatter|remark-cjk)/],
  [
    'micromark: tokenizer (micromark, commonmark constructs)',
    /node_modules\/(micromark|micromark-core-commonmark|micromark-factory-|micromark-util-|decode-named-character-reference|character-entities)/,
  ],
  ['mdast: tree building (mdast-util-from-markdown)', /node_modules\/(mdast-util-|unist-util-|unist-)/],
  ['unified, remark-parse, vfile', /node_modules\/(unified|remark-parse|remark-gfm|remark-frontmatter|vfile|bail|trough|extend|devlop|is-plain-obj)\//],
  ['zod', /node_modules\/zod\//],
  ['HTML parsing (parse5)', /node_modules\/(parse5|entities|hast-util-from-parse5)/],
  ['file listing (tinyglobby, picomatch, fdir, ignore)', /node_modules\/(tinyglobby|picomatch|fdir|ignore)\//],
  ['markdownlint (its rules and CLI)', /node_modules\/(markdownlint|markdownlint-cli2|globby|micromatch|@nodelib|fast-glob)/],
  ['reading tables (src/reading/tables)', /\/src\/reading\/tables\//],
  ['the model from the tree (src/reading, src/model)', /\/src\/(reading|model)\//],
  ['rules (rules/, src/rule.ts)', /\/(rules\/|src\/rule\.ts|src\/define-rule\.ts)/],
  ['cache (src/engine/cache*)', /\/src\/engine\/(cache|run-cache|set-cache)/],
  [
    'serialisation between main and workers (ours: encode, packed, digest, pool, worker)',
    /\/src\/engine\/(encode|packed|digest|digest-spool|pool|worker|worker-process)\.ts/,
  ],
  ['formatter (src/adapters/formatters)', /\/src\/adapters\/formatters\//],
  ['engine, other (src/engine: pipeline, findings, config, files)', /\/src\/engine\//],
  ['CLI (src/adapters/cli)', /\/src\/adapters\/cli\//],
  ['ours, other (src/*.ts)', /\/src\//],
  ['other dependencies', /node_modules\//],
  [
    'IPC and messages (node: child_process, v8 serializer, worker ports)',
    /^node:(internal\/child_process|child_process|v8|internal\/worker|worker_threads|internal\/per_context\/messageport)/,
  ],
  ['module loader (node: resolve, read, compile ES modules, link)', /^node:internal\/modules\//],
  ['file I/O (node:fs)', /^node:(fs|internal\/fs)/],
  ['node bootstrap and process (node:internal/bootstrap, main, process)', /^node:internal\/(bootstrap|main|process|per_context)/],
  ['node, other (its JavaScript not called by ours: streams, events, timers, …)', /^node:/],
];
const GC = 'garbage collection (in the thread)';
const PROGRAM = 'V8 native, not JavaScript ((program): compiling, IC misses, …)';
const EVALUATE = 'module evaluation (top-level code of each module)';
const COMPILE = 'module compile (V8 parsing a module’s source: ModuleWrap, compileFunction)';
const COMPILE_NODE = 'compiling node’s own internal modules (not in its snapshot)';
const BOOTSTRAP = 'node bootstrap before user code (/proc)';
const PROFILER = 'this profiler (scripts/profile-preload.mjs)';
const UNKNOWN = 'unmapped';
const V8_THREADS = 'V8 platform threads: parallel/concurrent GC, concurrent JIT (/proc)';
const LATE_THREADS = 'threads started later: libuv pool (file I/O), … (/proc)';
const ORDER = [BOOTSTRAP, COMPILE_NODE, ...CATEGORIES.map(([name]) => name), COMPILE, EVALUATE, PROGRAM, GC, PROFILER, UNKNOWN, V8_THREADS, LATE_THREADS];

/** Source maps of our bundles, by URL. */
const maps = new Map();
function sourceOf(url, line, column) {
  if (!url.startsWith('file://')) return url;
  const file = fileURLToPath(url);
  if (!file.startsWith(dist)) return file;
  if (!maps.has(url)) maps.set(url, existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : null);
  const map = maps.get(url);
  const entry = map?.findEntry(line, column);
  return entry?.originalSource ? path.resolve(path.dirname(file), entry.originalSource.replace(/^file:\/\//, '')) : file;
}

const LOADER = CATEGORIES.find(([name]) => name.startsWith('module loader'))[0];
const FILE_IO = CATEGORIES.find(([name]) => name.startsWith('file I/O'))[0];
/**
 * A frame's category. Native frames (no URL) are their caller's; node's own JavaScript called by
 * ours (Buffer, zlib, url, …) is our caller's, except file I/O; under node's module loader
 * (reading, compiling, linking our modules) it is the loader's.
 */
function categorize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  const inheritedMemo = new Map();
  /** What node's frames below `id` are charged to: the nearest frame of ours, or the loader. */
  const inherited = (id) => {
    if (id === undefined) return undefined;
    if (inheritedMemo.has(id)) return inheritedMemo.get(id);
    const { url } = byId.get(id).callFrame;
    const value = url.startsWith('file:') ? of(id) : /^node:internal\/modules\//.test(url) ? LOADER : inherited(parent.get(id));
    inheritedMemo.set(id, value);
    return value;
  };
  const of = (id) => {
    if (memo.has(id)) return memo.get(id);
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    let category;
    if (functionName === '(garbage collector)') category = GC;
    else if (functionName === '(program)') category = PROGRAM;
    else if (functionName === '(idle)') category = 'idle';
    else if (
      (url === '' && (functionName === 'ModuleWrap' || functionName === 'compileFunctionForCJSLoader')) ||
      (url === 'node:internal/modules/esm/utils' && functionName === 'compileSourceTextModule')
    )
      category = COMPILE;
    else if (url === '' && functionName === 'compileFunction' && byId.get(parent.get(id))?.callFrame.functionName === 'compileForInternalLoader')
      category = COMPILE_NODE;
    else if (url === '') category = parent.has(id) ? of(parent.get(id)) : UNKNOWN;
    else if (url.endsWith('profile-preload.mjs')) category = PROFILER;
    else if (url.startsWith('node:')) {
      const above = inherited(parent.get(id));
      if (/^node:internal\/modules\//.test(url) || above === LOADER) category = LOADER;
      else if (/^node:(fs|internal\/fs)/.test(url)) category = FILE_IO;
      else category = above ?? CATEGORIES.find(([, re]) => re.test(url))?.[0] ?? UNKNOWN;
    } else if (functionName === '' && lineNumber === 0 && columnNumber === 0) category = EVALUATE;
    else {
      const source = sourceOf(url, lineNumber, columnNumber);
      category = CATEGORIES.find(([, re]) => re.test(source))?.[0] ?? UNKNOWN;
    }
    memo.set(id, category);
    return category;
  };
  return of;
}

/** Self time (µs) by category of one profile, idle apart; our chunks it ran (bytes) and their evaluation (µs). */
function selfTimes(profile) {
  const of = categorize(profile);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const times = new Map();
  const evaluation = {};
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = deltas[i + 1] ?? 0;
    const category = of(profile.samples[i]);
    times.set(category, (times.get(category) ?? 0) + dt);
    if (category === EVALUATE) {
      const chunk = chunkName(byId.get(profile.samples[i]).callFrame.url);
      if (chunk) evaluation[chunk] = (evaluation[chunk] ?? 0) + dt;
    }
  }
  const chunks = [...new Set(profile.nodes.map((n) => chunkName(n.callFrame.url)).filter(Boolean))];
  return { times, chunks, evaluation, bytes: sum(chunks.map((c) => chunkBytes(c))) };
}
/** A bundle of ours by its name without the content hash (main, chunk-…), or undefined. */
function chunkName(url) {
  if (!url.startsWith('file:')) return undefined;
  const file = fileURLToPath(url);
  return file.startsWith(dist) ? path.relative(dist, file) : undefined;
}
function chunkBytes(chunk) {
  return statSync(path.join(dist, chunk)).size;
}
/** What a chunk holds: its largest sources by package or folder, from its source map. */
function chunkHolds(chunk) {
  const mapFile = path.join(dist, `${chunk}.map`);
  if (!existsSync(mapFile)) return '';
  const { sources, sourcesContent } = JSON.parse(readFileSync(mapFile, 'utf8'));
  const groups = new Map();
  sources.forEach((source, i) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
    const group = m
      ? m[1].replace(/^(micromark|mdast-util|unist-util)-.*/, '$1-*')
      : path.relative(root, path.resolve(path.dirname(mapFile), source.slice(source.lastIndexOf(':') + 1))).replace(/\/[^/]+$/, '/');
    groups.set(group, (groups.get(group) ?? 0) + (sourcesContent?.[i]?.length ?? 0));
  });
  return [...groups]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 4)
    .map(([g]) => g)
    .join(', ');
}

/** The threads of one run: role, CPU from /proc, and (if profiled) self time by category, idle. */
function readRun(dir, pid) {
  const infos = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, ...JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
  const threadTids = new Set(infos.filter((i) => !i.isMainThread).map((i) => i.tid));
  return infos.map((info) => {
    const role = !info.isMainThread ? 'worker thread' : info.pid === pid ? 'main process' : info.worker ? 'worker process' : 'child process';
    const profileFile = path.join(dir, info.file.replace(/\.json$/, '.cpuprofile'));
    const s = existsSync(profileFile) ? selfTimes(JSON.parse(readFileSync(profileFile, 'utf8'))) : undefined;
    const idleUs = s?.times.get('idle') ?? 0;
    s?.times.delete('idle');
    return {
      role,
      pid: info.pid,
      wallMs: info.wallMs,
      bootstrapMs: info.bootstrapMs,
      // This thread after node's bootstrap, and (a process's main thread) the process's other threads.
      runMs: Math.max(0, info.threadMs - info.bootstrapMs),
      v8ThreadsMs: info.others.filter((o) => o.early).reduce((a, o) => a + o.cpuMs, 0),
      lateThreadsMs: info.others.filter((o) => !o.early && !threadTids.has(o.tid)).reduce((a, o) => a + o.cpuMs, 0),
      idleMs: idleUs / 1000,
      samplesUs: s ? Object.fromEntries(s.times) : undefined,
      bytes: s?.bytes ?? 0,
      chunks: s?.chunks ?? [],
      evaluationUs: s?.evaluation ?? {},
    };
  });
}

// ---- Runs --------------------------------------------------------------------------------------
// Each run twice: without the profiler, for the CPU of each thread (/proc), and with it, for the
// shares. The profiler's signals wake an idle thread every interval and so cost an idle thread
// CPU of its own (the main thread of a run with workers: some 0.5 s), which the plain run has not.
/** Per command: the threads of the plain and of the profiled runs, wall and process-tree CPU of the plain runs. */
const measured = Object.fromEntries(needed.map((id) => [id, { plain: [], profiled: [], wallMs: [], treeCpuMs: [], runs: 0 }]));
const envOf = (dir, profiled) => ({
  XXGK_PROFILE_DIR: dir,
  XXGK_PROFILE_INTERVAL: profiled ? String(interval) : '0',
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(),
});
for (let round = 0; round < runs; round++) {
  const order = needed.map((_, i) => needed[(i + round) % needed.length]);
  for (const id of order) {
    const cmd = COMMANDS[id];
    for (let b = 0; b < (cmd.batch ?? 1); b++) {
      const m = measured[id];
      for (const profiled of [false, true]) {
        const dir = path.join(work, 'profiles', `${id}-${round}-${b}${profiled ? '' : '-plain'}`);
        mkdirSync(dir, { recursive: true });
        const r = await timed(cmd.args, cmd.cwd, envOf(dir, profiled));
        if (r.exitCode !== 0 && r.exitCode !== 1) fail(`${cmd.label}: exit ${r.exitCode}\n${r.stderr.slice(0, 500)}`);
        const threads = readRun(dir, r.pid);
        if (!threads.some((t) => t.role === 'main process')) fail(`${cmd.label}: nothing from the profiler's preload\n${r.stderr.slice(0, 500)}`);
        if (profiled) m.profiled.push(...threads);
        else {
          m.plain.push(...threads);
          m.wallMs.push(r.wallMs);
          m.treeCpuMs.push(r.cpuMs);
          m.runs++;
        }
      }
    }
    process.stderr.write('.');
  }
}
process.stderr.write('\n');

// ---- Report ------------------------------------------------------------------------------------
const ROLES = ['main process', 'worker process', 'worker thread', 'child process'];
/**
 * CPU ms per run by category, of all the threads of a command: for each role, the plain runs' CPU
 * after bootstrap (per run) split by the profiled runs' shares of busy samples.
 */
function byCategory(id) {
  const m = measured[id];
  const total = new Map();
  const add = (c, x) => total.set(c, (total.get(c) ?? 0) + x);
  for (const role of ROLES) {
    const plain = m.plain.filter((t) => t.role === role);
    if (plain.length === 0) continue;
    add(BOOTSTRAP, sum(plain.map((t) => t.bootstrapMs)) / m.runs);
    add(V8_THREADS, sum(plain.map((t) => t.v8ThreadsMs)) / m.runs);
    add(LATE_THREADS, sum(plain.map((t) => t.lateThreadsMs)) / m.runs);
    const runMs = sum(plain.map((t) => t.runMs)) / m.runs;
    const samples = new Map();
    for (const t of m.profiled.filter((th) => th.role === role && th.samplesUs))
      for (const [c, us] of Object.entries(t.samplesUs)) samples.set(c, (samples.get(c) ?? 0) + us);
    const busy = sum([...samples.values()]);
    if (busy === 0) add(UNKNOWN, runMs);
    for (const [c, us] of samples) add(c, (runMs * us) / busy);
  }
  return total;
}
const total = (map) => sum([...map.values()]);
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const signed = (x) => `${x >= 0 ? '+' : '−'}${ms(Math.abs(x))}`;

const loadAfter = os.loadavg();
const lines = [
  '# Profile of the targets of issue #22',
  '',
  `Written by \`node scripts/profile.mjs${process.argv.slice(2).length ? ' ' + process.argv.slice(2).join(' ') : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC:`,
  `Node ${process.version}, ${os.cpus().length} cores, load average ${loadBefore[0].toFixed(1)} before and ${loadAfter[0].toFixed(1)} after; ` +
    `${corpusInfo.files} reports (${(corpusInfo.bytes / 1024 / 1024).toFixed(1)} MB), ${runs} round(s), sampling every ${interval} µs.`,
  'CPU ms per run (mean), every process and thread of the command: a category is its share of the busy samples of a kind of thread (main,',
  'worker process, worker thread) in the profiled runs × the CPU of those threads after bootstrap in the runs without the profiler.',
  '',
];
for (const t of targets) {
  const { title, a, b } = TARGET_SIDES[t];
  const ca = byCategory(a);
  const cb = byCategory(b);
  const ta = total(ca);
  const tb = total(cb);
  const wa = mean(measured[a].wallMs);
  const wb = mean(measured[b].wallMs);
  lines.push(
    `## ${t}: ${title}`,
    '',
    `Without the profiler: ${COMMANDS[a].label} ${ms(ta)} ms CPU (process tree ${ms(mean(measured[a].treeCpuMs))}), wall ${ms(wa)} ms; ` +
      `${COMMANDS[b].label} ${ms(tb)} ms CPU (tree ${ms(mean(measured[b].treeCpuMs))}), wall ${ms(wb)} ms: CPU ${(ta / tb).toFixed(2)}×, wall ${(wa / wb).toFixed(2)}×.`,
    '',
    `| category | ${COMMANDS[a].label} ms | share | ${COMMANDS[b].label} ms | share | difference ms |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const c of ORDER) {
    const x = ca.get(c) ?? 0;
    const y = cb.get(c) ?? 0;
    if (x < 0.5 && y < 0.5) continue;
    lines.push(`| ${c} | ${ms(x)} | ${pct(x / ta)} | ${ms(y)} | ${pct(y / tb)} | ${signed(x - y)} |`);
  }
  lines.push(`| **all** | **${ms(ta)}** | | **${ms(tb)}** | | **${signed(ta - tb)}** |`, '');
  // The processes and threads of each side: CPU (plain runs), idle and code run (profiled runs).
  lines.push(
    '| command | process / thread | CPU ms (the thread) | of which bootstrap | idle of its life | its V8 platform threads ms | its later threads ms | our chunks run, KB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const id of [a, b]) {
    const m = measured[id];
    for (const role of ROLES) {
      const plain = m.plain.filter((th) => th.role === role);
      const profiled = m.profiled.filter((th) => th.role === role);
      if (plain.length === 0) continue;
      const per = plain.length / m.runs;
      const avg = (ts, f) => mean(ts.map(f));
      const helpers = (f) => (role === 'worker thread' ? '—' : ms(avg(plain, f)));
      lines.push(
        `| ${COMMANDS[id].label} | ${role}${per > 1 ? ` (${per.toFixed(per % 1 ? 1 : 0)} a run, each)` : ''} | ${ms(avg(plain, (th) => th.runMs + th.bootstrapMs))} | ${ms(
          avg(plain, (th) => th.bootstrapMs),
        )} | ${pct(avg(profiled, (th) => th.idleMs / Math.max(1, th.wallMs)))} | ${helpers((th) => th.v8ThreadsMs)} | ${helpers((th) => th.lateThreadsMs)} | ${(
          avg(profiled, (th) => th.bytes) / 1024
        ).toFixed(0)} |`,
      );
    }
  }
  if (a === 'one') lines.push(...chunkTable(a));
  lines.push('');
}
const report = lines.join('\n');
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, report);
writeFileSync(
  outFile.replace(/\.md$/, '') + '.json',
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      loadBefore,
      loadAfter,
      corpus: corpusInfo,
      runs,
      interval,
      commands: Object.fromEntries(
        needed.map((id) => [
          id,
          {
            label: COMMANDS[id].label,
            wallMs: measured[id].wallMs,
            treeCpuMs: measured[id].treeCpuMs,
            cpuByCategory: Object.fromEntries(byCategory(id)),
            plain: measured[id].plain,
            profiled: measured[id].profiled,
          },
        ]),
      ),
    },
    null,
    2,
  )}\n`,
);
console.log(`\n${report}`);
console.log(`written: ${path.relative(root, outFile)}${values.keep ? `; profiles kept in ${path.join(work, 'profiles')}` : ''}`);

/** Our chunks a command ran, per kind of thread: size, what they hold, their evaluation's share. */
function chunkTable(id) {
  const m = measured[id];
  const out = [
    '',
    `Our chunks run by ${COMMANDS[id].label}, per kind of thread (compiling them is in the rows above: V8 compiles a module's`,
    'top level when it is loaded and each function when it is first called, which V8 charges to the caller):',
    '',
    '| thread | chunk | KB | holds (largest sources) | evaluation, share of the thread’s busy samples |',
    '| --- | --- | ---: | --- | ---: |',
  ];
  for (const role of ROLES) {
    const ts = m.profiled.filter((t) => t.role === role && t.samplesUs);
    if (ts.length === 0) continue;
    const busy = sum(ts.map((t) => sum(Object.values(t.samplesUs))));
    const chunks = [...new Set(ts.flatMap((t) => t.chunks))].sort((x, y) => chunkBytes(y) - chunkBytes(x));
    for (const chunk of chunks)
      out.push(
        `| ${role} | ${chunk} | ${(chunkBytes(chunk) / 1024).toFixed(0)} | ${chunkHolds(chunk)} | ${pct(
          sum(ts.map((t) => t.evaluationUs[chunk] ?? 0)) / busy,
        )} |`,
      );
  }
  return out;
}

// ---- Helpers -----------------------------------------------------------------------------------

function sum(xs) {
  return xs.reduce((a, b) => a + b, 0);
}
function mean(xs) {
  return xs.length ? sum(xs) / xs.length : 0;
}

/** Runs one command with `env` added; wall, the CPU of its process tree, its pid. */
function timed(args, cwd, env) {
  return new Promise((resolve) => {
    const cpu0 = childrenCpuMs();
    const t0 = performance.now();
    const child = spawn(node, args, { cwd: cwd ?? root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1', NO_COLOR: '1', ...env } });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ pid: child.pid, wallMs: performance.now() - t0, cpuMs: childrenCpuMs() - cpu0, exitCode: code, stderr }));
  });
}
