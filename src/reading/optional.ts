/** The parsers only some inputs need (optional-parsers.ts), loaded on first use. */
import type * as Parsers from './optional-parsers.ts';
import { loadOptionalParsers } from './optional-load.ts';

let parsers: typeof Parsers | undefined;

export function optionalParsers(): typeof Parsers {
  parsers ??= loadOptionalParsers();
  return parsers;
}
