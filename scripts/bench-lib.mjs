/**
 * What scripts/bench.mjs and scripts/profile.mjs both need: their usage from their opening comment,
 * failing with a message, the synthetic corpus (scripts/bench-corpus.ts), the floor's script, and
 * the CPU of reaped children from /proc.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** A script's usage: its opening comment, without the comment marks. */
export function usageOf(scriptUrl) {
  return readFileSync(fileURLToPath(scriptUrl), 'utf8')
    .split('\n')
    .filter((line, i, lines) => lines.slice(0, i + 1).every((l) => l.startsWith('//')))
    .map((line) => line.replace(/^\/\/ ?/, ''))
    .join('\n');
}

/** Exits with 2 after `name: message` on standard error. */
export function failer(name) {
  return (message) => {
    console.error(`${name}: ${message}`);
    process.exit(2);
  };
}

export function positiveInt(text, name, fail) {
  if (!/^\d+$/.test(text) || Number(text) < 1) fail(`${name} needs a positive whole number, got "${text}"`);
  return Number(text);
}

/** Writes `count` synthetic reports into `dir` (scripts/bench-corpus.ts); what it says of them. */
export function generateCorpus(dir, count, extra, fail) {
  const gen = spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), 'scripts/bench-corpus.ts', dir, String(count), ...extra], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (gen.status !== 0) fail(`generating the corpus failed:\n${gen.stderr}`);
  return JSON.parse(gen.stdout.trim().split('\n').pop());
}

export function listMarkdown(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listMarkdown(p));
    else if (entry.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

/** The kernel's clock ticks a second (for /proc's CPU times). */
export const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** user + sys of every reaped child of this process so far, in ms (/proc/self/stat cutime, cstime). */
export function childrenCpuMs() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command's name: state is field 3, cutime 16 and cstime 17 (1-based, man proc).
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
}

/**
 * Writes the floor to `file`: remark-parse + remark-gfm parsing the files listed in its argument
 * (one path a line) in one process, nothing else; it prints how many it parsed.
 */
export function writeFloorScript(file) {
  writeFileSync(
    file,
    `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(path.join(root, 'package.json'))});
const load = async (name) => import(require.resolve(name));
const { unified } = await load('unified');
const remarkParse = (await load('remark-parse')).default;
const remarkGfm = (await load('remark-gfm')).default;
const processor = unified().use(remarkParse).use(remarkGfm);
let files = 0;
for (const file of readFileSync(process.argv[2], 'utf8').split('\\n').filter(Boolean)) {
  processor.parse(readFileSync(file, 'utf8'));
  files++;
}
console.log(files);
`,
  );
}
