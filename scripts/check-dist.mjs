// Checks that the committed dist/action.js (the only committed bundle: action.yml runs it) is what
// the sources build to: builds into a temporary folder with scripts/build.mjs and compares byte
// for byte. Exit 1, naming the stale files, if not.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const committed = path.join(root, 'dist');
const fresh = mkdtempSync(path.join(tmpdir(), 'xxgk-lint-dist-'));

/** Files of a folder, relative, sorted; subfolders included. */
function list(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? list(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

const executable = (file) => (statSync(file).mode & 0o111) !== 0;

let problems = [];
try {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--outdir', fresh, '--only', 'action'], { cwd: root, stdio: 'inherit' });
  const built = list(fresh);
  const onDisk = new Set(list(committed).filter((name) => name === 'action.js'));
  for (const name of built) {
    const mine = path.join(committed, name);
    const theirs = path.join(fresh, name);
    if (!onDisk.has(name)) problems.push(`dist/${name}  (missing: the build produces it)`);
    else if (!readFileSync(mine).equals(readFileSync(theirs))) problems.push(`dist/${name}  (differs from a fresh build)`);
    else if (process.platform !== 'win32' && executable(mine) !== executable(theirs)) problems.push(`dist/${name}  (executable bit differs)`);
    onDisk.delete(name);
  }
  for (const name of onDisk) problems.push(`dist/${name}  (not produced by the build any more)`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error('check-dist: dist/ is stale — it is not what the current sources build to:');
  for (const p of problems) console.error(`  ${p}`);
  console.error('Run `npm run build` and commit dist/.');
  process.exitCode = 1;
} else {
  console.log('check-dist: dist/ matches a fresh build');
}
