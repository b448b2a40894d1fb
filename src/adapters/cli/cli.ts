#!/usr/bin/env node
/** The `xxgk-lint` executable. Everything testable is in main.ts. */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
