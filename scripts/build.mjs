// Bundles the CLI, the library, the remark plugin and the GitHub Action with esbuild:
// `node scripts/build.mjs [--outdir DIR] [--only all|npm|action] [--sourcemap]` (default dist/, all).
// dist/action.js is committed and CI rebuilds it into a temporary folder and compares
// (scripts/check-dist.mjs), so it must be byte-for-byte reproducible: no timestamps, no absolute
// paths, no source maps. Minification is deterministic for a given esbuild version,
// and package-lock.json pins that version. `--sourcemap` (for scripts/profile.mjs, never for what is
// shipped) writes a .map file next to each bundle; the bundles' code stays the same (no comment added).
import { chmod, cp, mkdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { optionalParsersOnDemand } from './optional-parsers-plugin.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const { values } = parseArgs({
  options: { outdir: { type: 'string' }, only: { type: 'string' }, sourcemap: { type: 'boolean', default: false } },
  strict: true,
});
const outdir = path.resolve(root, values.outdir ?? 'dist');
/** all (default), npm (the package's entry points) or action (dist/action.js). */
const only = values.only ?? 'all';
if (!['all', 'npm', 'action'].includes(only)) throw new Error(`--only: expected all, npm or action, got ${only}`);

// Bundled CommonJS dependencies call require(); an ES module has none, so provide one.
const requireBanner = ["import { createRequire as __xxgkCreateRequire } from 'node:module';", 'const require = __xxgkCreateRequire(import.meta.url);'].join(
  '\n',
);

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
  sourcemap: values.sourcemap ? 'external' : false,
  // Keep Chinese text readable in the bundle instead of \uXXXX escapes.
  charset: 'utf8',
  // The bundled packages' license notices, collected at the end of each file.
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [versionOnly],
  // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow; its ES
  // module build bundles cleanly (test/package.e2e.test.ts runs the installed package).
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

await mkdir(outdir, { recursive: true });

// pdf.js reads its CJK CMaps and standard fonts from disk when it reads a PDF (src/engine/decode.ts
// pdfData): the npm package carries no runtime dependency, so the data goes next to its bundles, in
// dist/pdfjs/ (2.5 MB). The committed Action bundle goes without (only dist/action.js is committed):
// it reads PDFs whose fonts are embedded, as Word's and WPS's are.
if (only === 'all' || only === 'npm') {
  const pdfjsData = path.join(outdir, 'pdfjs');
  await rm(pdfjsData, { recursive: true, force: true });
  for (const dir of ['cmaps', 'standard_fonts']) {
    await cp(path.join(root, 'node_modules/pdfjs-dist', dir), path.join(pdfjsData, dir), { recursive: true });
  }
}

// The npm package's entry points (package.json `bin` and `exports`): the CLI (and its worker
// processes' entry), the library and the remark plugin (`xxgk-lint/remark`, which remark-cli and editors load with plain Node). They share
// one engine chunk (dist/chunks/). Built by `prepare` on install, not committed.
if (only === 'all' || only === 'npm') {
  // Two builds: the command line (with its worker processes' entry) apart from the library and the
  // remark plugin, which never run in the same process. The library re-exports zod's `z` for
  // plugins, which keeps every part of zod (380 KB) in its chunk; the command line imports only
  // the parts of zod it uses (`import * as z` is tree-shaken), 70 KB.
  for (const entryPoints of [
    // worker: the worker processes' entry (src/engine/pool.ts finds it next to cli.js).
    { cli: 'src/adapters/cli/cli.ts', worker: 'src/engine/worker.ts' },
    { index: 'src/index.ts', remark: 'src/adapters/remark/remark.ts' },
  ]) {
    await esbuild.build({
      ...common,
      entryPoints,
      outdir,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      // src/adapters/cli/cli.ts starts with the `#!/usr/bin/env node` line, which esbuild keeps
      // first; the banner goes right after it.
      banner: { js: requireBanner },
      plugins: [...common.plugins, optionalParsersOnDemand],
    });
  }
  await esbuild.build({
    ...common,
    entryPoints: ['src/reading/optional-parsers.ts'],
    outfile: path.join(outdir, 'chunks/optional-parsers.cjs'),
    format: 'cjs',
  });
  await chmod(path.join(outdir, 'cli.js'), 0o755);
}

// The GitHub Action (action.yml runs it with node24): one file with every dependency inside, as
// the runner installs nothing. The only bundle committed (CI checks it equals a fresh build).
if (only === 'all' || only === 'action') {
  await esbuild.build({
    ...common,
    entryPoints: ['src/adapters/action/index.ts'],
    outfile: path.join(outdir, 'action.js'),
    banner: { js: requireBanner },
  });
}
