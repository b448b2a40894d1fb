/** The output formats, by the name given to --format. */
import { github } from './github.ts';
import { html } from './html.ts';
import { json } from './json.ts';
import { sarif } from './sarif.ts';
import { stylish } from './stylish.ts';
import { summary } from './summary.ts';
import type { Formatter } from './types.ts';

export type { Formatter, FormatterContext } from './types.ts';
export { github, html, json, sarif, stylish, summary };

export const formatters = { stylish, json, sarif, github, summary, html } as const satisfies Record<string, Formatter>;
export type FormatName = keyof typeof formatters;
export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}

/** Formats that draw the tables: the CLI asks the engine for each file's model (`keepModel`). */
export function needsModel(name: FormatName): boolean {
  return name === 'html';
}
