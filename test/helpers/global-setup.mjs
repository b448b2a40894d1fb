// Before `npm test`: the one bundle of the dependencies it links (test/helpers/vendor.mjs), unless
// it is current. Before the end-to-end tests (`npm run test:e2e`, XXGK_SUITE=e2e): build the bundles
// from the current sources, so that they never run stale code. `npm test` tests the sources and
// needs no bundle of them (it passes with dist/ deleted). The package's entry points go to dist/
// (as `prepare` builds them on install; not committed); the Action's bundle to a cache folder, so
// that the committed dist/action.js stays what CI compares with a fresh build.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVendor } from './vendor.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEST_ACTION_DIR = path.join(root, 'node_modules/.cache/xxgk-lint-test');

export default async function globalSetup() {
  if (process.env.XXGK_SUITE !== 'e2e') return buildVendor();
  const build = path.join(root, 'scripts/build.mjs');
  // Start from a fresh file: a hard-linked node_modules (a copy made with cp -al) must not share
  // the bundle with another checkout.
  rmSync(TEST_ACTION_DIR, { recursive: true, force: true });
  execFileSync(process.execPath, [build, '--only', 'npm'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [build, '--only', 'action', '--outdir', TEST_ACTION_DIR], { cwd: root, stdio: 'inherit' });
}
