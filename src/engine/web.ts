/**
 * `lintFiles` for the web page: the same pipeline as on Node (pipeline.ts) on a host that has no
 * disk, no worker processes and no cache. Each file comes as its bytes under its name (a file
 * dropped on the page, the pasted text) and is read as on Node (.md/.txt, .html, .docx, .pdf by
 * its name), linted in the page, its digest kept as it is (one page, a file or two: nothing to
 * keep small).
 */
import { decodeDocument } from './document.ts';
import { documentError, fileError } from './file-error.ts';
import { lintRead } from './lint-read.ts';
import type { Keeper, PackedDigest, Task, TaskRead } from './outcome.ts';
import { runPipeline, type HostSettings, type PipelineOptions, type RunHost } from './pipeline.ts';
import type { ReportDigest } from '../rule.ts';
import type { LintResult } from '../types.ts';

/** A file for the web page: its name (which says how to read it) and its bytes. */
export interface WebFile {
  filePath: string;
  bytes: Uint8Array;
}

export interface WebOptions extends PipelineOptions {
  /** Called with each file's text as read (a document's Markdown) before it is linted: what the page shows and lets edit. */
  onRead?: (filePath: string, text: string) => void;
}

/** The digests of the page's runs, kept as they are (a WeakMap: gone with the run's outcomes). */
const kept = new WeakMap<PackedDigest, ReportDigest>();

const keeper: Keeper = {
  pack(digest) {
    const { filePath, agencyText, agency, year, identifiedBy } = digest;
    const held: PackedDigest = { filePath, agencyText, agency, year, identifiedBy, id: '', packed: '' };
    kept.set(held, digest);
    return held;
  },
};

function unpack(held: PackedDigest): ReportDigest {
  const digest = kept.get(held);
  if (!digest) throw new Error(`xxgk-lint: the digest of ${held.filePath} was not kept by this page`);
  return digest;
}

async function readTask(task: Task): Promise<TaskRead> {
  // A name without bytes (a context file): the page has no disk to read it from.
  if (!task.bytes) return { error: fileError('notFound') };
  const decoded = await decodeDocument(task.bytes, task.file);
  return 'error' in decoded ? documentError(decoded) : decoded;
}

const webHost: RunHost<WebOptions, HostSettings> = {
  // One config for the run (the options' `config`): a page has no folders to look configs up in.
  async settings(_files, _options, base) {
    const run: HostSettings = { base, classify: () => 'auto' };
    return { of: () => run, distinct: [run] };
  },
  async runTasks(tasks, options, settingsOf, record) {
    for (const task of tasks) {
      const own = settingsOf(task.file);
      const read = await readTask(task);
      if (!('error' in read)) options.onRead?.(task.file, read.text);
      record(task.index, lintRead(task, read, { ...own.base, classify: own.classify(task.file) }, keeper));
    }
  },
  unpack,
};

/** Lints the files in this page and yields their results in the order of `files` (see runPipeline). */
export function lintFiles(files: readonly WebFile[], options: WebOptions = {}): AsyncGenerator<LintResult, void, undefined> {
  return runPipeline(webHost, files, options);
}
