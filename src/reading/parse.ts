/** The one parse: unified + remark-parse + remark-gfm + remark-cjk-friendly + remark-frontmatter (YAML, TOML). */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkFrontmatter from 'remark-frontmatter';

// remark-cjk-friendly makes `**一、总体情况。**根据…` bold, as a Chinese reader expects.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).use(remarkCjkFriendly);

export function parseMarkdown(source: string): Root {
  return processor.parse(source);
}

export function remarkPlugins() {
  return [remarkGfm, remarkCjkFriendly] as const;
}
