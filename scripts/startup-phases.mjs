// One small file's start-up, phase by phase (issue #22, "one file fast"):
//
//   node scripts/startup-phases.mjs FILE [--runs N] [--dist DIR]
//
// Bundles scripts/startup-phases.ts as the CLI is bundled (esbuild, ESM chunks, minified) into a
// temporary folder and runs it N times (default 10) in fresh processes, each time alternating with
// `node -e 0`, the CLI with `--concurrency off` and the CLI as a user runs it (DIR/cli.js, default
// dist/). Prints the median CPU (user + sys) of each phase and of each whole command. CPU, not wall:
// the machine may be shared.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { optionalParsersOnDemand } from './optional-parsers-plugin.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, dist: { type: 'string', default: 'dist' } },
  allowPositionals: true,
});
const file = positionals[0];
if (!file) throw new Error('usage: node scripts/startup-phases.mjs FILE [--runs N] [--dist DIR]');
const runs = Number(values.runs);
const cli = path.resolve(root, values.dist, 'cli.js');
const out = mkdtempSync(path.join(os.tmpdir(), 'xxgk-startup-'));
process.on('exit', () => rmSync(out, { recursive: true, force: true }));
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { phases: 'scripts/startup-phases.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  charset: 'utf8',
  logLevel: 'warning',
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  plugins: [optionalParsersOnDemand],
  banner: { js: "import { createRequire as __xxgkCreateRequire } from 'node:module';\nconst require = __xxgkCreateRequire(import.meta.url);" },
});
// What the plugin requires when a text has an HTML table or front matter.
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/reading/optional-parsers.ts'],
  outfile: path.join(out, 'chunks/optional-parsers.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
});

const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
const childrenCpuMs = () => {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[13]) + Number(f[14])) * 1000) / ticks;
};
const run = (args) => {
  const before = childrenCpuMs();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { cpu: childrenCpuMs() - before, stdout: r.stdout };
};
const commands = {
  'node -e 0': ['-e', '0'],
  'cli --concurrency off FILE': [cli, '--concurrency', 'off', path.resolve(file)],
  'cli FILE (as a user runs it)': [cli, path.resolve(file)],
};
const whole = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
const phases = new Map();
const totals = [];
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(commands)) whole[name].push(run(args).cpu);
  const r = JSON.parse(run([path.join(out, 'phases.js'), path.resolve(file)]).stdout.trim());
  for (const [name, ms] of r.phases) phases.set(name, [...(phases.get(name) ?? []), ms]);
  totals.push(r.total);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1).padStart(7)} ms`;
console.log(`Node ${process.version}, ${runs} runs, load average ${os.loadavg()[0].toFixed(1)}; CPU (user + sys), medians (min–max)\n`);
for (const [name, xs] of Object.entries(whole))
  console.log(
    `${ms(median(xs))}  ${name}  (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}; ${(median(xs) / median(whole['node -e 0'])).toFixed(2)}× node -e 0)`,
  );
console.log('\nphases of the same work in one process (the driver; clock ticks of 10 ms are not the limit here):');
for (const [name, xs] of phases) console.log(`${ms(median(xs))}  ${name}`);
console.log(`${ms(median(totals))}  total of the driver`);
