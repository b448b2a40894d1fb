#!/usr/bin/env node
/** The `xxgk-lint` executable. Everything testable is in main.ts. */
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of the bundle on disk (the OS temporary folder), so
// a run after the first compiles next to nothing; older Node has no such cache. Enabled before
// main.ts and the rest of the bundle are imported, so that they are all cached.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import('./main.ts');

// `xxgk-lint | head`: the reader has gone, so there is nobody left to tell; exit quietly, as other
// command-line tools do, instead of printing an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
