// Bundles the CLI and the library with esbuild. The output is committed and CI rebuilds it and
// compares, so it must be byte-for-byte reproducible: no timestamps, no absolute paths, no
// minification that could differ between esbuild versions' heuristics.
import { chmod, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// Bundled CommonJS dependencies call require(); an ES module has none, so provide one.
const requireBanner = [
  "import { createRequire as __xxgkCreateRequire } from 'node:module';",
  'const require = __xxgkCreateRequire(import.meta.url);',
].join('\n');

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Keep Chinese text readable in the bundle instead of \uXXXX escapes.
  charset: 'utf8',
  legalComments: 'eof',
  logLevel: 'warning',
};

await mkdir(path.join(root, 'dist'), { recursive: true });

await esbuild.build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  // src/cli.ts starts with the `#!/usr/bin/env node` line, which esbuild keeps first; the banner
  // goes right after it.
  banner: { js: requireBanner },
});
await chmod(path.join(root, 'dist/cli.js'), 0o755);

await esbuild.build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  banner: { js: requireBanner },
});
