/**
 * The one parse of a report, and only as much of it as the model reads.
 *
 * What is read of the mdast tree: the top-level blocks and their extents (tokens.ts, build.ts),
 * the cells of GFM tables (the extent of each cell's content), HTML blocks (their value), fenced and
 * indented code, inline code (a comment inside code is no directive: engine/directives.ts), and the
 * extents of the nodes that are not prose wherever they are — headings, tables, HTML blocks and
 * inline HTML, code, thematic breaks, definitions, front matter (engine/digest.ts). Footnote
 * definitions hold prose, so they stay what GFM makes of them.
 *
 * So `parseMarkdown` runs micromark with front matter, GFM tables and footnotes only, and without
 * the inline constructs nothing reads — emphasis (hence no remark-cjk-friendly), GFM autolink
 * literals (and the mdast pass that finds them in every text node), strikethrough, task-list
 * checks, escaped hard breaks and character references. Constructs that decide where inline code and
 * inline HTML are stay: escapes, autolinks and links (`[a](<b>)` holds no HTML). Every extent listed
 * above is the one remark-parse + remark-gfm + remark-cjk-friendly give (test/parse-lean.test.ts
 * checks it on every corpus and fixture file and on generated Markdown).
 *
 * Rules and plugins get remark's own tree: `treeForRules` parses it in full, once, when a rule
 * first reads `context.tree` (no built-in rule does).
 */
import type { Root } from 'mdast';
import { fromMarkdown, type Options } from 'mdast-util-from-markdown';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { cjkFriendlyExtension } from 'micromark-extension-cjk-friendly';

/** micromark's names of the inline constructs the model never reads (see above). */
const UNREAD = ['attention', 'hardBreakEscape', 'characterReference'];

let lean: Options | undefined;
/** Lean trees and the text each was parsed from, for `treeForRules`. */
const sources = new WeakMap<Root, string>();
const full = new WeakMap<Root, Root>();
let whole: Options | undefined;

/** The tree the model is built from: the blocks, tables, code and HTML, positions as remark's. */
export function parseMarkdown(source: string): Root {
  lean ??= {
    extensions: [frontmatter(['yaml', 'toml']), gfmTable(), gfmFootnote(), { disable: { null: UNREAD } }],
    mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml']), gfmTableFromMarkdown(), gfmFootnoteFromMarkdown()],
  };
  const tree = fromMarkdown(source, lean);
  sources.set(tree, source);
  return tree;
}

/**
 * remark's full tree: what remark-parse with remark-frontmatter (YAML, TOML), remark-gfm and
 * remark-cjk-friendly gives (the same micromark and mdast extensions, in that order), without
 * loading unified.
 */
export function parseMarkdownFully(source: string): Root {
  // remark-cjk-friendly makes `**一、总体情况。**根据…` bold, as a Chinese reader expects.
  whole ??= {
    extensions: [frontmatter(['yaml', 'toml']), gfm(), cjkFriendlyExtension()],
    mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml']), gfmFromMarkdown()],
  };
  return fromMarkdown(source, whole);
}

/**
 * The tree a rule sees as `context.tree`: for a tree from `parseMarkdown`, remark's full tree of the
 * same text (parsed on first use, then kept with the lean one); any other tree (the remark plugin's
 * own) as it is.
 */
export function treeForRules(tree: Root): Root {
  const source = sources.get(tree);
  if (source === undefined) return tree;
  let parsed = full.get(tree);
  if (!parsed) {
    parsed = parseMarkdownFully(source);
    full.set(tree, parsed);
  }
  return parsed;
}

/** A rule's context whose `tree` is `treeForRules` of the one given, parsed when first read. */
export function withRuleTree<T extends { tree: Root }>(context: T): T {
  const tree = context.tree;
  if (!sources.has(tree)) return context;
  return Object.defineProperty(context, 'tree', { get: () => treeForRules(tree), enumerable: true });
}
