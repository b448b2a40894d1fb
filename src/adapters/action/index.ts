// The Action's bundle is also its workers' entry (the engine forks it, or starts it as a worker
// thread, with WORKER_ENV set), so that the Action lints each file under the same per-file budgets
// as the CLI.
import { isMainThread } from 'node:worker_threads';
import { WORKER_ENV } from '../../engine/pool.ts';

if (process.env[WORKER_ENV] === '1' && (process.send || !isMainThread)) await import('../../engine/worker.ts');
else await (await import('./main.ts')).run();
