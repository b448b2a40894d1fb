/**
 * The one formatter a run uses, loaded when it is needed: the CLI's main module holds no
 * formatter's code (a run with `-f json` compiled the HTML archive, SARIF and xlsx formatters too).
 * The same formatters as index.ts's tables (test/formatters.test.ts compares them name by name).
 */
import type { LintResult } from '../../types.ts';
import { isWholeFormat, type FormatName, type StreamingFormatName, type WholeFormatName } from './names.ts';
import { drain, type Formatter, type FormatterContext, type OutputChunk, type OutputFormatter, type StreamingFormatter } from './types.ts';

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
  return drain(stream, results);
}
