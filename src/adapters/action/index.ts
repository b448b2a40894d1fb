// The Action's bundle is also its worker processes' entry (the engine forks it with WORKER_ENV
// set), so that the Action lints each file under the same per-file budgets as the CLI.
import { WORKER_ENV } from '../../engine/pool.ts';

if (process.env[WORKER_ENV] === '1' && process.send) await import('../../engine/worker.ts');
else await (await import('./main.ts')).run();
