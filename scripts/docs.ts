// Generates docs/rules/*.md, docs/rules/README.md and README.md's rule table from the rules' metadata.
//
//   node scripts/run-ts.mjs scripts/docs.ts           write the files (npm run docs)
//   node scripts/run-ts.mjs scripts/docs.ts --check   write nothing; exit 1 listing the stale files
//
// Run from the project root (npm scripts do).
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { generateDocs, staleFiles } from './generate-docs.ts';

function main(args: readonly string[]): number {
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    console.error(`docs: unknown argument ${unknown.join(' ')}\nusage: node scripts/run-ts.mjs scripts/docs.ts [--check]`);
    return 2;
  }
  const root = process.cwd();
  const pkg = path.join(root, 'package.json');
  if (!existsSync(pkg) || (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name !== 'xxgk-lint') {
    console.error('docs: run this from the xxgk-lint project root (npm run docs does)');
    return 2;
  }
  const result = generateDocs(root);
  for (const warning of result.warnings) console.warn(`docs: warning: ${warning}`);

  if (args.includes('--check')) {
    const stale = staleFiles(root, result);
    if (stale.length === 0) {
      console.log(`docs: ${result.files.length} generated files are current`);
      return 0;
    }
    const why = { missing: 'missing', differs: 'out of date', orphan: 'no rule generates it any more' } as const;
    console.error('docs: these generated files are stale:');
    for (const s of stale) console.error(`  ${s.path}  (${why[s.reason]})`);
    console.error('Run `npm run docs` and commit the result.');
    return 1;
  }

  let written = 0;
  for (const file of result.files) {
    const target = path.join(root, file.path);
    // Only touch what changed, so that an unchanged tree keeps its timestamps.
    if (existsSync(target) && readFileSync(target, 'utf8') === file.content) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    console.log(`docs: wrote ${file.path}`);
    written++;
  }
  for (const orphan of result.orphans) {
    rmSync(path.join(root, orphan));
    console.log(`docs: removed ${orphan}`);
  }
  if (written === 0 && result.orphans.length === 0) console.log(`docs: ${result.files.length} generated files already current`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
