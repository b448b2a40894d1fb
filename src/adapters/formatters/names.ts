/**
 * The names given to --format, without the formatters' code: the CLI parses its options and
 * chooses the output with these, and loads the one formatter a run uses (load.ts); index.ts holds
 * every formatter, for the API and the tests.
 */

/** The formats whose whole output is text. */
export const WHOLE_FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'summary', 'html', 'csv', 'json-archive'] as const;
/** The formats that can be written file by file (the CLI streams long runs through them). */
export const STREAMING_FORMAT_NAMES = ['stylish', 'json', 'github', 'csv', 'json-archive', 'html', 'xlsx'] as const;

export type WholeFormatName = (typeof WHOLE_FORMAT_NAMES)[number];
export type StreamingFormatName = (typeof STREAMING_FORMAT_NAMES)[number];
export type FormatName = WholeFormatName | StreamingFormatName;

export const FORMAT_NAMES = [...new Set<FormatName>([...WHOLE_FORMAT_NAMES, ...STREAMING_FORMAT_NAMES])];

export function isStreamingFormat(name: FormatName): name is StreamingFormatName {
  return (STREAMING_FORMAT_NAMES as readonly string[]).includes(name);
}

export function isWholeFormat(name: FormatName): name is WholeFormatName {
  return (WHOLE_FORMAT_NAMES as readonly string[]).includes(name);
}

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** Formats that draw or export the tables: the CLI asks the engine for each file's model (`keepModel`). */
export function needsModel(name: FormatName): boolean {
  return name === 'html' || name === 'csv' || name === 'xlsx' || name === 'json-archive';
}
