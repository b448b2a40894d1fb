// The esbuild plugin that keeps parse5, yaml and smol-toml out of the npm bundle's start-up
// (scripts/build.mjs; scripts/startup-phases.mjs bundles its driver the same way).
import path from 'node:path';

/**
 * The npm bundle's src/reading/optional-load.ts: parse5, yaml and smol-toml (src/reading/optional-parsers.ts)
 * are required from dist/chunks/optional-parsers.cjs, a CommonJS bundle, the first time a text needs
 * one (an HTML table or page, front matter), so that a run that reads none starts without compiling
 * them. CommonJS because the sync readers need them synchronously (require), which an ES module
 * chunk cannot give on Node 20. The Action's one-file bundle and the web page import them as usual.
 * @type {import('esbuild').Plugin}
 */
export const optionalParsersOnDemand = {
  name: 'optional-parsers-on-demand',
  setup(build) {
    build.onResolve({ filter: /[\\/]optional-load\.ts$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path), namespace: 'optional-load' }));
    build.onLoad({ filter: /.*/, namespace: 'optional-load' }, (args) => ({
      loader: 'js',
      resolveDir: path.dirname(args.path),
      contents: [
        "import { createRequire } from 'node:module';",
        "import { existsSync } from 'node:fs';",
        "import { fileURLToPath } from 'node:url';",
        // In dist/chunks/ (shared code) or in dist/ (an entry's own code).
        "const candidates = ['./optional-parsers.cjs', './chunks/optional-parsers.cjs'].map((p) => new URL(p, import.meta.url));",
        'export const loadOptionalParsers = () => {',
        '  const url = candidates.find((u) => existsSync(fileURLToPath(u)));',
        "  if (!url) throw new Error('optional-parsers.cjs is missing next to the bundle');",
        '  return createRequire(import.meta.url)(fileURLToPath(url));',
        '};',
      ].join('\n'),
    }));
  },
};
