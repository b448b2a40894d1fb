// Runs a TypeScript entry (bundled on the fly with esbuild): `node scripts/run-ts.mjs file.ts args…`.
import { importTs } from './bundle-ts.mjs';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args…]');
  process.exit(2);
}
process.argv = [process.argv[0], entry, ...rest];
await importTs(entry);
