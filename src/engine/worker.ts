/**
 * The worker thread's entry (built as dist/worker.js): loads the config as the main thread did,
 * says it is ready, then lints one file per message and replies with a plain {@link FileOutcome}.
 * See pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { builtinRules } from '../../rules/index.ts';
import { loadConfig } from './config.ts';
import { lintFile } from './lint-file.ts';
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
  };
  port.on('message', (request: WorkerRequest) => {
    void (async () => {
      try {
        let model: unknown;
        const result = await lintFile(request.file, setup.keepModel ? { ...options, onModel: (m) => (model = m) } : options);
        const outcome: FileOutcome = model === undefined ? { result } : { result, model };
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
