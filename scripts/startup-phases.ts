/**
 * What one small file's run spends its CPU on, phase by phase, the way the CLI loads and runs it
 * in this process (`--concurrency off`): `node scripts/startup-phases.mjs FILE` bundles this driver
 * as the CLI is bundled and runs it in fresh processes. Each phase is the growth of this process's
 * CPU (user + sys) across it; the code is cold in every phase, as in a real run, so a phase includes
 * V8's lazy compilation of the functions it calls first.
 */
import { readFileSync } from 'node:fs';

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const phases: Array<[string, number]> = [];
let last = cpu();
// Everything before the first line of this module: node's own start and this entry's load.
phases.push(['node start', last]);
const mark = (name: string): void => {
  const now = cpu();
  phases.push([name, now - last]);
  last = now;
};

const file = process.argv[2] as string;
const { main } = await import('../src/adapters/cli/main.ts');
void main;
mark('load: CLI modules');
const { builtinRules } = await import('../rules/index.ts');
mark('load: rules');
const { loadConfig } = await import('../src/engine/config.ts');
const { expandPaths } = await import('../src/engine/files.ts');
const { lintFiles } = await import('../src/engine/run.ts');
void lintFiles;
mark('load: engine (config, files, run, lint)');
const loaded = await loadConfig({ cwd: process.cwd(), rules: builtinRules, locale: 'zh-CN', allowCode: true });
mark('config');
await expandPaths([file], { cwd: process.cwd(), ignores: loaded.ignores, ignoresBase: loaded.baseDir, ignorePatterns: [], noIgnore: false });
mark('file list');
const { readReport } = await import('../src/engine/decode.ts');
const read = await readReport(file);
if ('error' in read) throw new Error(String(read.error));
mark('read');
const { parseMarkdown } = await import('../src/reading/parse.ts');
const tree = parseMarkdown(read.text);
mark('parse');
const { buildModel } = await import('../src/reading/build.ts');
buildModel(read.text, tree);
mark('model (cold)');
const { analyzeText, finishAnalysis } = await import('../src/engine/lint.ts');
const options = { filePath: file, locale: 'zh-CN' as const, config: loaded.config };
const t0 = cpu();
buildModel(read.text, tree);
const warmModel = cpu() - t0;
last = cpu();
const analysis = analyzeText(read.text, { ...options, tree });
const result = finishAnalysis(analysis, [], options);
const now = cpu();
phases.push(['rules, digest, directives (the model again, warm, taken off)', now - last - warmModel]);
phases.push(['(the model again, warm)', warmModel]);
last = now;
const { streamingFormatters } = await import('../src/adapters/formatters/index.ts');
const stream = streamingFormatters.stylish({ locale: 'zh-CN', cwd: process.cwd(), rules: builtinRules });
let out = '';
if ('file' in stream) {
  out += String(stream.file(result) ?? '');
  out += String(stream.end() ?? '');
}
mark('output (stylish)');
void readFileSync;
process.stdout.write(`${JSON.stringify({ phases, total: cpu(), messages: result.messages.length, outLength: out.length })}\n`);
