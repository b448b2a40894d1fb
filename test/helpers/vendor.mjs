/**
 * The dependencies `npm test` imports most, each as one module. Jest gives every test file its own
 * module registry and links every module of it again: a file that imports src/engine/lint.ts links
 * about 500 modules, 420 of them zod's, yaml's, parse5's, micromark's and mdast's, and that linking
 * (not the compiling) costs most of the time a test file takes to start. So `npm test` links each
 * of the packages below from one esbuild bundle of them all (node_modules/.cache/xxgk-test-vendor,
 * built by the global setup when package-lock.json or this file changes) through jest's
 * `moduleNameMapper`: the same packages' code (what the npm and Action bundles ship is bundled the
 * same way), the sources under test (src/, rules/) unbundled as before. `XXGK_TEST_VENDOR=0` links
 * them from node_modules, file by file, as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VENDOR_DIR = path.join(root, 'node_modules/.cache/xxgk-test-vendor');

/**
 * Packages that src/, rules/ and the tests import, of many modules each, by bundle. A bundle's
 * packages are all evaluated when a test file imports any of them, so each bundle holds what is
 * imported together: the first, the ES-module packages the sources import (zod, yaml, smol-toml,
 * parse5, unified, remark, micromark, mdast, vfile), one copy of what they share (micromark's and
 * mdast's utilities, vfile, zod's core) as in node_modules; then packages only some test files
 * import (fast-check, pdf-lib), or the sources load only for some files (mammoth for .docx, exceljs
 * for workbooks), and ajv and semver (the schema and conventions tests). Not pdfjs-dist (one
 * module already, and it finds its files by import.meta.url).
 */
const BUNDLES = [
  [
    'zod',
    'zod/locales',
    'yaml',
    'smol-toml',
    'parse5',
    'hast-util-from-parse5',
    'unified',
    'vfile',
    'vfile-location',
    'remark-parse',
    'remark-gfm',
    'remark-frontmatter',
    'remark-cjk-friendly',
    'remark-message-control',
    'micromark-extension-gfm',
    'micromark-extension-gfm-table',
    'micromark-extension-gfm-footnote',
    'micromark-extension-frontmatter',
    'micromark-extension-cjk-friendly',
    'mdast-util-from-markdown',
    'mdast-util-gfm',
    'mdast-util-gfm-table',
    'mdast-util-gfm-footnote',
    'mdast-util-frontmatter',
  ],
  ['fast-check'],
  ['pdf-lib'],
  ['mammoth'],
  ['exceljs'],
  ['ajv', 'ajv-draft-04', 'semver'],
];
const VENDORED = BUNDLES.flat();
const bundleOf = (i) => BUNDLES.findIndex((names) => names.includes(VENDORED[i] ?? ''));

export const vendorEnabled = () => process.env['XXGK_TEST_VENDOR'] !== '0';

const shimName = (i) => `m${i}.mjs`;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** jest's moduleNameMapper: each vendored package to its module re-exporting it from the bundle. */
export const vendorModuleNameMapper = () =>
  vendorEnabled() ? Object.fromEntries(VENDORED.map((name, i) => [`^${escape(name)}$`, path.join(VENDOR_DIR, shimName(i))])) : {};

const key = () =>
  createHash('sha256')
    .update(readFileSync(path.join(root, 'package-lock.json')))
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex');

/** Builds the bundle and its modules unless they are current (the global setup). */
export async function buildVendor() {
  if (!vendorEnabled()) return;
  const want = key();
  const keyFile = path.join(VENDOR_DIR, 'key');
  if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === want) return;
  const { build } = await import('esbuild');
  const tmp = `${VENDOR_DIR}.${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [b, names] of BUNDLES.entries()) {
    const contents = names.map((name) => `export * as m${VENDORED.indexOf(name)} from ${JSON.stringify(name)};`).join('\n');
    await build({
      stdin: { contents, resolveDir: root, loader: 'js' },
      bundle: true,
      outfile: path.join(tmp, `vendor${b}.mjs`),
      platform: 'node',
      format: 'esm',
      target: 'es2022',
      // CommonJS packages in the bundle (yaml's Node build) require Node's built-ins.
      banner: { js: "import { createRequire as __vendorRequire } from 'node:module'; const require = __vendorRequire(import.meta.url);" },
      logLevel: 'error',
    });
  }
  // Each package's module: its exports, named as the package names them, taken from its bundle.
  const bundles = await Promise.all(BUNDLES.map((_, b) => import(pathToFileURL(path.join(tmp, `vendor${b}.mjs`)).href)));
  VENDORED.forEach((name, i) => {
    const names = Object.keys(bundles[bundleOf(i)][`m${i}`]);
    const named = names.filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
    const lines = [
      `// ${name}, from the bundle of the packages npm test imports (test/helpers/vendor.mjs).`,
      `import { m${i} as m } from './vendor${bundleOf(i)}.mjs';`,
    ];
    // Bound to local names first: a package may export a reserved word (`catch`).
    named.forEach((n, j) => lines.push(`const e${j} = m.${n};`));
    if (named.length > 0) lines.push(`export { ${named.map((n, j) => `e${j} as ${n}`).join(', ')} };`);
    if (names.includes('default')) lines.push('export default m.default;');
    writeFileSync(path.join(tmp, shimName(i)), `${lines.join('\n')}\n`);
  });
  writeFileSync(path.join(tmp, 'key'), want);
  // Another run may have built the same meanwhile: its files stay (its tests may be reading them).
  if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === want) rmSync(tmp, { recursive: true, force: true });
  else {
    rmSync(VENDOR_DIR, { recursive: true, force: true });
    renameSync(tmp, VENDOR_DIR);
  }
}
