/**
 * HTML to a hast tree, under a nesting budget. parse5 builds its tree without recursion, but
 * turning it into hast (hast-util-from-parse5) and every walk over hast recurse once per level:
 * 2,000 nested `<div>`s or 600 nested tables (20 KB) overflow the stack and, uncaught, take the
 * whole run down. So the parse5 tree's depth is measured first, without recursion, and a page
 * nested deeper than any real one (portal pages are a few dozen levels deep) is refused: the
 * caller reports it as that file's problem.
 *
 * Pure (no `node:` modules): the CLI, the Action and the web page share it.
 */
import { fromParse5 } from 'hast-util-from-parse5';
import type { Root } from 'hast';
import { parse, parseFragment } from 'parse5';
import { VFile } from 'vfile';
import { MAX_HTML_DEPTH } from './html-limits.ts';

export { MAX_HTML_DEPTH };

export type LimitedHtml = { tree: Root } | { tooDeep: number };

interface P5Node {
  childNodes?: P5Node[];
  content?: P5Node;
}

/** The deepest nesting of the parse5 tree, counted without recursion; stops counting past `limit`. */
function depthOf(root: P5Node, limit: number): number {
  let deepest = 0;
  const stack: Array<[P5Node, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [P5Node, number];
    if (depth > deepest) {
      deepest = depth;
      if (deepest > limit) return deepest;
    }
    for (const child of node.childNodes ?? []) stack.push([child, depth + 1]);
    if (node.content) stack.push([node.content, depth + 1]);
  }
  return deepest;
}

/** Parses `html` as hast-util-from-html does (positions included), unless it nests deeper than `maxDepth`. */
export function parseHtmlLimited(html: string, options: { fragment?: boolean; maxDepth?: number } = {}): LimitedHtml {
  const limit = options.maxDepth ?? MAX_HTML_DEPTH;
  const document = (options.fragment ? parseFragment : parse)(html, { sourceCodeLocationInfo: true, scriptingEnabled: false });
  const depth = depthOf(document as unknown as P5Node, limit);
  if (depth > limit) return { tooDeep: depth };
  return { tree: fromParse5(document, { file: new VFile(html) }) as Root };
}
