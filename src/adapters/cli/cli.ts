#!/usr/bin/env node
/** The `xxgk-lint` executable. Everything testable is in main.ts. */
import { main } from './main.ts';

// `xxgk-lint | head`: the reader has gone, so there is nobody left to tell; exit quietly, as other
// command-line tools do, instead of printing an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
