// Runs a TypeScript entry (bundled on the fly with esbuild): `node scripts/run-ts.mjs file.ts args…`.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args…]');
  process.exit(2);
}
// Next to the project so that its node_modules resolve; removed when the process exits.
const outdir = mkdtempSync(join(resolve('node_modules'), '.xxgk-run-'));
process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
const outfile = join(outdir, 'entry.mjs');
await build({
  entryPoints: [resolve(entry)],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  packages: 'external',
  logLevel: 'error',
});
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(outfile).href);
