// Bundles the CLI, the library and the GitHub Action with esbuild: `node scripts/build.mjs [--outdir DIR]`
// (default dist/). The output is committed and CI rebuilds it into a temporary folder and
// compares (scripts/check-dist.mjs), so it must be byte-for-byte reproducible: no timestamps, no
// absolute paths, no source maps. Minification is deterministic for a given esbuild version,
// and package-lock.json pins that version.
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const { values } = parseArgs({ options: { outdir: { type: 'string' } }, strict: true });
const outdir = path.resolve(root, values.outdir ?? 'dist');

// Bundled CommonJS dependencies call require(); an ES module has none, so provide one.
const requireBanner = [
  "import { createRequire as __xxgkCreateRequire } from 'node:module';",
  'const require = __xxgkCreateRequire(import.meta.url);',
].join('\n');

const packageJson = path.join(root, 'package.json');
/**
 * src/version.ts imports package.json for the version; bundle that field only, so that the
 * bundle does not change (and the dist check does not fail) when scripts or devDependencies do.
 * @type {import('esbuild').Plugin}
 */
const versionOnly = {
  name: 'package-version-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]package\.json$/ }, async (args) => {
      if (path.resolve(args.path) !== packageJson) return undefined;
      const { version } = JSON.parse(await readFile(packageJson, 'utf8'));
      return { contents: JSON.stringify({ version }), loader: 'json' };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: false,
  // Keep Chinese text readable in the bundle instead of \uXXXX escapes.
  charset: 'utf8',
  // The bundled packages' license notices, collected at the end of each file.
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [versionOnly],
};

await mkdir(outdir, { recursive: true });

await esbuild.build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: path.join(outdir, 'cli.js'),
  // src/cli.ts starts with the `#!/usr/bin/env node` line, which esbuild keeps first; the banner
  // goes right after it.
  banner: { js: requireBanner },
});
await chmod(path.join(outdir, 'cli.js'), 0o755);

await esbuild.build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: path.join(outdir, 'index.js'),
  banner: { js: requireBanner },
});

// The remark plugin (`xxgk-lint/remark`, package.json exports): remark-cli and editors load it
// with plain Node, so it is bundled like the library.
await esbuild.build({
  ...common,
  entryPoints: ['src/remark.ts'],
  outfile: path.join(outdir, 'remark.js'),
  banner: { js: requireBanner },
});

// The GitHub Action (action.yml runs it with node24): every dependency inside, as the runner
// does not install any.
await esbuild.build({
  ...common,
  entryPoints: ['src/action/index.ts'],
  outfile: path.join(outdir, 'action.js'),
  banner: { js: requireBanner },
});
