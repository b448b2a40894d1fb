// The package's TypeScript declarations (package.json `types` / `exports[*].types`):
// `node scripts/build-types.mjs [--outdir DIR]` (default dist/types).
//
// tsc emits the declarations of src/index.ts and the remark plugin (tsconfig.types.json). They
// refer to `zod` (rules' option schemas) and `mdast`/`unist` (the tree a rule gets), which the
// package does not install: everything it runs is bundled, so it has no runtime dependencies.
// Their declarations (type-only, MIT) are copied under vendor/ and the imports rewritten to them,
// so that `import { defineRule, z } from 'xxgk-lint'` type-checks in an empty project.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({ options: { outdir: { type: 'string' } }, strict: true });
const outdir = path.resolve(root, values.outdir ?? 'dist/types');
const require = createRequire(import.meta.url);

rmSync(outdir, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.types.json', '--outDir', outdir], {
  cwd: root,
  stdio: 'inherit',
});

/** Every file under dir (relative paths), recursively. */
function walk(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

const vendor = path.join(outdir, 'vendor');
// zod: its declarations import each other by relative paths only (checked below).
const zodDir = path.dirname(require.resolve('zod/package.json'));
for (const file of ['index.d.ts', 'LICENSE', ...walk(path.join(zodDir, 'v4')).map((f) => `v4/${f}`)]) {
  if (!(file.endsWith('.d.ts') || file === 'LICENSE')) continue;
  mkdirSync(path.dirname(path.join(vendor, 'zod', file)), { recursive: true });
  cpSync(path.join(zodDir, file), path.join(vendor, 'zod', file));
}
for (const name of ['mdast', 'unist']) {
  const from = path.join(root, 'node_modules/@types', name);
  mkdirSync(path.join(vendor, name), { recursive: true });
  for (const file of ['index.d.ts', 'LICENSE']) cpSync(path.join(from, file), path.join(vendor, name, file));
}

/** Rewrites `from 'zod'` (and mdast, unist) in one declaration file to the vendored copies. */
function rewrite(file) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(/(from\s+|import\()(['"])(zod|mdast|unist)\2/g, (_, head, quote, name) => {
    let target = path
      .relative(path.dirname(file), path.join(vendor, name, 'index.js'))
      .split(path.sep)
      .join('/');
    if (!target.startsWith('.')) target = `./${target}`;
    return `${head}${quote}${target}${quote}`;
  });
  const bare = /from\s+['"](zod|mdast|unist)\/[^'"]*['"]/.exec(next);
  if (bare) throw new Error(`${file}: cannot rewrite ${bare[0]}`);
  if (next !== text) writeFileSync(file, next);
}
for (const file of walk(outdir)) {
  const full = path.join(outdir, file);
  if (statSync(full).isFile() && file.endsWith('.d.ts')) rewrite(full);
}
