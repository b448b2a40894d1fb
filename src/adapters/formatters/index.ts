/** The output formats, by the name given to --format. */
import { github, githubStream } from './github.ts';
import { html } from './html.ts';
import { json, jsonStream } from './json.ts';
import { sarif } from './sarif.ts';
import { stylish, stylishStream } from './stylish.ts';
import { summary } from './summary.ts';
import type { Formatter, StreamingFormatter } from './types.ts';

export type { Formatter, FormatterContext, FormatterStream, StreamingFormatter } from './types.ts';
export { github, html, json, sarif, stylish, summary };

export const formatters = { stylish, json, sarif, github, summary, html } as const satisfies Record<string, Formatter>;

/** The formats that can be written file by file (the CLI streams long runs through them). */
export const streamingFormatters = { stylish: stylishStream, json: jsonStream, github: githubStream } as const satisfies Record<string, StreamingFormatter>;

export function isStreamingFormat(name: FormatName): name is keyof typeof streamingFormatters {
  return Object.hasOwn(streamingFormatters, name);
}
export type FormatName = keyof typeof formatters;
export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}

/** Formats that draw the tables: the CLI asks the engine for each file's model (`keepModel`). */
export function needsModel(name: FormatName): boolean {
  return name === 'html';
}
