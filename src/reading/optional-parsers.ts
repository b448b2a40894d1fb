/**
 * The parsers that only some inputs need: parse5 (through html-parse.ts) for HTML tables and
 * pages, yaml and smol-toml for front matter. Read through `optionalParsers()` (optional.ts), so
 * that the npm bundle loads them only when a text needs them (scripts/build.mjs).
 */
export { parseHtmlLimited } from './html-parse.ts';
export { parseDocument, isMap, isScalar } from 'yaml';
export { parse as parseToml } from 'smol-toml';
