/**
 * The one formatter a run uses, loaded when it is needed: the CLI's main module holds no
 * formatter's code (a run with `-f json` compiled the HTML archive, SARIF and xlsx formatters too).
 * The same formatters as index.ts's tables (test/formatters.test.ts compares them name by name).
 */
import type { LintResult } from '../../types.ts';
import { isWholeFormat, type FormatName, type StreamingFormatName, type WholeFormatName } from './names.ts';
import type { Formatter, FormatterContext, OutputChunk, OutputFormatter, StreamingFormatter } from './types.ts';

export { isStreamingFormat, needsModel } from './names.ts';

/** The formatter that writes `name` file by file. */
export async function loadStreaming(name: StreamingFormatName): Promise<StreamingFormatter | OutputFormatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.ts')).stylishStream;
    case 'json':
      return (await import('./json.ts')).jsonStream;
    case 'github':
      return (await import('./github.ts')).githubStream;
    case 'csv':
      return (await import('./csv.ts')).csvStream;
    case 'json-archive':
      return (await import('./archive.ts')).jsonArchiveStream;
    case 'html':
      return (await import('./archive.ts')).htmlStream;
    case 'xlsx':
      return (await import('./xlsx.ts')).xlsxStream;
  }
}

/** The formatter that writes the whole output of `name` at once. */
export async function loadWhole(name: WholeFormatName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.ts')).stylish;
    case 'json':
      return (await import('./json.ts')).json;
    case 'sarif':
      return (await import('./sarif.ts')).sarif;
    case 'github':
      return (await import('./github.ts')).github;
    case 'summary':
      return (await import('./summary.ts')).summary;
    case 'html':
      return (await import('./archive.ts')).html;
    case 'csv':
      return (await import('./csv.ts')).csv;
    case 'json-archive':
      return (await import('./archive.ts')).jsonArchive;
  }
}

/** The whole output of any format: text, or bytes for xlsx (as index.ts's formatResults). */
export async function formatResults(name: FormatName, results: readonly LintResult[], context: FormatterContext): Promise<OutputChunk> {
  if (isWholeFormat(name)) return (await loadWhole(name))(results, context);
  const stream = (await loadStreaming(name))(context);
  const parts: OutputChunk[] = [];
  for (const r of results) parts.push(await stream.file(r));
  parts.push(await stream.end());
  if (parts.every((p) => typeof p === 'string')) return parts.join('');
  const bytes = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p));
  const out = new Uint8Array(bytes.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of bytes) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
