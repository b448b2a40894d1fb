// Bundles a TypeScript entry with esbuild into a temporary folder next to the project (so that its
// node_modules resolve) and imports it: run-ts.mjs runs scripts this way, fuzz.mjs loads internals.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Imports `entry` (a .ts file) bundled; the temporary folder is removed when the process exits. */
export async function importTs(entry) {
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
  return import(pathToFileURL(outfile).href);
}
