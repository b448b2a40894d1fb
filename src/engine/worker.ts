/**
 * The worker process's entry (built as dist/worker.js, started by pool.ts with `fork`): receives
 * its setup, loads the config as the main process did, says it is ready, then reads and checks
 * one file per message (phase one, or a fix: `lintTask`) and replies with a plain {@link FileOutcome};
 * the main process finishes the run (cross-report rules). It exits when its parent closes the
 * channel (or goes away).
 */
import path from 'node:path';
import { builtinRules } from '../../rules/index.ts';
import { classifier, loadConfig, type LoadedConfig } from './config.ts';
import { lintTask, type FileTask } from './lint-file.ts';
import type { LintTextOptions } from './lint.ts';
import type { FileOutcome, WorkerReply, WorkerRequest, WorkerSetup } from './pool.ts';

const send = process.send?.bind(process);
if (!send) throw new Error('worker.js runs as a worker process only (started by the CLI)');
const reply = (message: WorkerReply): void => {
  send(message);
};
process.on('disconnect', () => process.exit(0));

let lint: ((task: FileTask) => Promise<FileOutcome>) | undefined;

async function setUp(setup: WorkerSetup): Promise<void> {
  try {
    const loaded = await loadConfig({
      cwd: setup.cwd,
      configPath: setup.configPath,
      rules: builtinRules,
      locale: setup.locale,
      allowCode: setup.allowCode,
      ...(setup.ruleOverrides ? { ruleOverrides: setup.ruleOverrides } : {}),
      ...(setup.noConfigLookup ? { noConfigLookup: true } : {}),
    });
    // Each file with its own settings (config per folder, overrides), as the main process resolves them.
    const made = new Map<LoadedConfig, (task: FileTask) => Promise<FileOutcome>>();
    const lintWith = (own: LoadedConfig): ((task: FileTask) => Promise<FileOutcome>) => {
      const options: LintTextOptions & { locale: typeof setup.locale } = {
        locale: setup.locale,
        config: own.config,
        ...(setup.reportUnusedDisable || own.reportUnusedDisable ? { reportUnusedDisable: true } : {}),
        ...(setup.keepModel ? { keepModel: true } : {}),
      };
      const classify = classifier(own);
      // Phase one only: the main process runs the cross-report rules over every report's digest.
      return (task) => lintTask(task, { ...options, classify: classify(task.file) });
    };
    lint = async (task) => {
      const own = loaded.cascade ? await loaded.cascade.forFile(path.resolve(setup.cwd, task.file)) : loaded;
      let lintOwn = made.get(own);
      if (!lintOwn) {
        lintOwn = lintWith(own);
        made.set(own, lintOwn);
      }
      return lintOwn(task);
    };
    reply({ type: 'ready' });
  } catch (err) {
    reply({ type: 'setupFailed', message: err instanceof Error ? err.message : String(err) });
  }
}

process.on('message', (request: WorkerRequest) => {
  if (request.type === 'setup') {
    void setUp(request.setup);
    return;
  }
  void (async () => {
    try {
      if (!lint) throw new Error('worker received a file before its setup');
      reply({ type: 'done', id: request.id, outcome: await lint(request.task) });
    } catch (err) {
      reply({ type: 'failed', id: request.id, message: err instanceof Error ? err.message : String(err) });
    }
  })();
});
