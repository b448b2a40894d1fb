/**
 * The worker thread's entry (built as dist/worker.js): loads the config as the main thread did,
 * says it is ready, then reads and checks one file per message (phase one: `analyzeFile`) and
 * replies with a plain {@link FileOutcome}; the main thread finishes the run (cross-report rules).
 * See pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { builtinRules } from '../../rules/index.ts';
import { classifier, loadConfig } from './config.ts';
import { analyzeFile } from './lint-file.ts';
import type { LintTextOptions } from './lint.ts';
import type { FileOutcome, WorkerReply, WorkerRequest, WorkerSetup } from './pool.ts';

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread only');
const setup = workerData as WorkerSetup;
const reply = (message: WorkerReply): void => port.postMessage(message);

try {
  const loaded = await loadConfig({ cwd: setup.cwd, configPath: setup.configPath, rules: builtinRules, locale: setup.locale, allowCode: setup.allowCode });
  const options: LintTextOptions & { locale: typeof setup.locale } = {
    locale: setup.locale,
    config: loaded.config,
    ...(setup.reportUnusedDisable ? { reportUnusedDisable: true } : {}),
    ...(setup.keepModel ? { keepModel: true } : {}),
  };
  const classify = classifier(loaded);
  port.on('message', (request: WorkerRequest) => {
    void (async () => {
      try {
        // Phase one only: the main thread runs the cross-report rules over every report's digest.
        const outcome: FileOutcome = await analyzeFile(request.file, { ...options, classify: classify(request.file) });
        reply({ type: 'done', id: request.id, outcome });
      } catch (err) {
        reply({ type: 'failed', id: request.id, message: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
  reply({ type: 'ready' });
} catch (err) {
  reply({ type: 'setupFailed', message: err instanceof Error ? err.message : String(err) });
}
