/**
 * Loads optional-parsers.ts. From the sources (tests, the web page, the Action's one-file bundle)
 * it is a plain import; the npm bundle replaces this module (scripts/build.mjs) with one that
 * requires a CommonJS bundle of the parsers when first asked, as a run that reads one Markdown file
 * without HTML tables or front matter needs none of them.
 */
import * as parsers from './optional-parsers.ts';

export const loadOptionalParsers = (): typeof parsers => parsers;
