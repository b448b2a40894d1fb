/** The output formats, by the name given to --format. */
import type { LintResult } from '../../types.ts';
import { csv, csvStream } from './csv.ts';
import { github, githubStream } from './github.ts';
import { html, htmlStream, jsonArchive, jsonArchiveStream } from './archive.ts';
import { json, jsonStream } from './json.ts';
import { sarif } from './sarif.ts';
import { stylish, stylishStream } from './stylish.ts';
import { summary } from './summary.ts';
import { drain, type Formatter, type FormatterContext, type OutputChunk, type OutputFormatter, type StreamingFormatter } from './types.ts';
import { xlsxStream } from './xlsx.ts';
import type { StreamingFormatName, WholeFormatName } from './names.ts';

export type { Formatter, FormatterContext, OutputChunk, OutputFormatter, StreamingFormatter } from './types.ts';
export { csv, github, html, json, jsonArchive, sarif, stylish, summary };
export { FORMAT_NAMES } from './names.ts';

/** The formats whose whole output is text. */
export const formatters = { stylish, json, sarif, github, summary, html, csv, 'json-archive': jsonArchive } as const satisfies Record<
  WholeFormatName,
  Formatter
>;

/** The formats that can be written file by file (the CLI streams long runs through them). */
export const streamingFormatters = {
  stylish: stylishStream,
  json: jsonStream,
  github: githubStream,
  csv: csvStream,
  'json-archive': jsonArchiveStream,
  html: htmlStream,
  xlsx: xlsxStream,
} as const satisfies Record<StreamingFormatName, StreamingFormatter | OutputFormatter>;

/** The whole output of any format: text, or bytes for xlsx. */
export async function formatResults(
  name: WholeFormatName | StreamingFormatName,
  results: readonly LintResult[],
  context: FormatterContext,
): Promise<OutputChunk> {
  if (Object.hasOwn(formatters, name)) return formatters[name as keyof typeof formatters](results, context);
  const stream = streamingFormatters[name as keyof typeof streamingFormatters](context);
  return drain(stream, results);
}
