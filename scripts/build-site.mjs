// Builds the web page (site/): the linter bundled for the browser and inlined, with its style, into
// one self-contained file, site/dist/index.html, that opens from disk (file://) or from GitHub Pages
// and makes no request anywhere. `node scripts/build-site.mjs [--outdir DIR]`.
// The browser build fails on any `node:` import, which keeps the engine's core free of them.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({ options: { outdir: { type: 'string' } }, strict: true });
const outdir = path.resolve(root, values.outdir ?? 'site/dist');

const built = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['site/src/main.ts'],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15'],
  minify: true,
  charset: 'utf8',
  legalComments: 'eof',
  write: false,
  logLevel: 'warning',
  // Only the version field of package.json, as in the npm build.
  plugins: [
    {
      name: 'package-version-only',
      setup(build) {
        build.onLoad({ filter: /[\\/]package\.json$/ }, async (args) => {
          const { version } = JSON.parse(await readFile(args.path, 'utf8'));
          return { contents: JSON.stringify({ version }), loader: 'json' };
        });
        // A `node:` module in the browser bundle is a layering mistake: fail loudly.
        build.onResolve({ filter: /^node:/ }, (args) => ({
          errors: [{ text: `${args.path} imported by ${args.importer}: the browser build must not depend on node: modules` }],
        }));
      },
    },
  ],
});
const script = built.outputFiles[0].text.replaceAll('</script', '<\\/script');
const css = await readFile(path.join(root, 'site/src/site.css'), 'utf8');
const template = await readFile(path.join(root, 'site/index.html'), 'utf8');
const page = template.replace('/*STYLE*/', () => css).replace('/*SCRIPT*/', () => script);
await mkdir(outdir, { recursive: true });
await writeFile(path.join(outdir, 'index.html'), page);
console.log(`site: ${path.relative(root, path.join(outdir, 'index.html'))} (${Math.round(page.length / 1024)} KB)`);
