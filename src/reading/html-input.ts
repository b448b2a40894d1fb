/**
 * An HTML document (a saved portal page, or what mammoth makes of a Word file) as the Markdown text
 * the reader understands: each paragraph, heading or list item on its own line between blank lines,
 * and each table kept as an HTML `<table>` block (the reader reads those cell by cell, rowspan and
 * colspan included), one `<td>` per line so that a line of the text names one cell.
 *
 * Pure (no I/O, no `node:` modules): the CLI, the Action and the web page share it.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { cellSpan, MAX_HTML_DEPTH } from './html-limits.ts';
import { optionalParsers } from './optional.ts';

/** Where a line of the produced text came from. */
export type Origin =
  /** Paragraph `paragraph` (1-based, counting paragraphs, headings and list items outside tables). */
  | { kind: 'paragraph'; paragraph: number; line?: number }
  /** Table `table` (1-based), row and cell within it (1-based, cells counted as written). */
  | { kind: 'cell'; table: number; row: number; cell: number; line?: number }
  /** Table markup without content (`<table>`, `<tr>`). */
  | { kind: 'table'; table: number; row?: number; line?: number };

export interface ConvertedHtml {
  /** The Markdown text. */
  text: string;
  /** `origins[i]` is where line i + 1 of `text` came from; null for blank lines. */
  origins: (Origin | null)[];
}

const SKIP = new Set(['head', 'script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'select', 'button', 'nav']);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'center',
  'blockquote',
  'pre',
  'li',
  'dd',
  'dt',
  'dl',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'form',
  'fieldset',
  'address',
  'figure',
  'figcaption',
  'caption',
  'body',
  'html',
  'hr',
  'tbody',
  'thead',
  'tfoot',
]);
const HEADING = /^h([1-6])$/;

function escapeCell(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function normalise(text: string): string {
  // Collapse HTML whitespace (not U+3000, which reports use for indentation and is trimmed below).
  return text.replace(/[ \t\n\r\f\u00a0]+/g, ' ').trim();
}

function hasTable(node: Element): boolean {
  return node.children.some((c) => c.type === 'element' && (c.tagName === 'table' || hasTable(c)));
}

/** The inline text of an element; `<br>` and nested blocks become spaces. */
function inlineText(node: Element | Root): string {
  let out = '';
  const walk = (nodes: (ElementContent | RootContent)[]): void => {
    for (const n of nodes) {
      if (n.type === 'text') out += n.value;
      else if (n.type === 'element') {
        if (SKIP.has(n.tagName)) continue;
        if (n.tagName === 'br' || BLOCK.has(n.tagName)) out += ' ';
        walk(n.children);
        if (BLOCK.has(n.tagName)) out += ' ';
      }
    }
  };
  walk(node.children);
  return normalise(out);
}

/** A page nested deeper than MAX_HTML_DEPTH (html-parse.ts): not read (the file's problem, not the run's). */
export class HtmlTooDeep extends Error {
  readonly limit = MAX_HTML_DEPTH;
  constructor(readonly depth: number) {
    super(`the page nests elements more than ${MAX_HTML_DEPTH} levels deep`);
    this.name = 'HtmlTooDeep';
  }
}

/** Table `table` as HTML lines, a line per row and per cell, each with its origin. */
function pushTable(node: Element, table: number, push: (text: string, origin: Origin | null) => void): void {
  const at = (n: Element): { line?: number } => (n.position ? { line: n.position.start.line } : {});
  push('<table>', { kind: 'table', table, ...at(node) });
  let row = 0;
  const rows: Element[] = [];
  const collect = (nodes: ElementContent[]): void => {
    for (const n of nodes) {
      if (n.type !== 'element') continue;
      if (n.tagName === 'tr') rows.push(n);
      else if (n.tagName !== 'table') collect(n.children);
    }
  };
  collect(node.children);
  for (const tr of rows) {
    row++;
    push('<tr>', { kind: 'table', table, row, ...at(tr) });
    let cell = 0;
    for (const td of tr.children) {
      if (td.type !== 'element' || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
      cell++;
      const attrs = [
        cellSpan(td, 'rowSpan') > 1 ? ` rowspan="${cellSpan(td, 'rowSpan')}"` : '',
        cellSpan(td, 'colSpan') > 1 ? ` colspan="${cellSpan(td, 'colSpan')}"` : '',
      ].join('');
      push(`<td${attrs}>${escapeCell(inlineText(td))}</td>`, { kind: 'cell', table, row, cell, ...at(td) });
    }
    push('</tr>', { kind: 'table', table, row, ...at(tr) });
  }
  push('</table>', { kind: 'table', table, ...at(node) });
}

/** Converts an HTML document (or fragment) to the Markdown text the reader reads. Throws HtmlTooDeep. */
export function htmlToReportText(html: string): ConvertedHtml {
  const parsed = optionalParsers().parseHtmlLimited(html);
  if ('tooDeep' in parsed) throw new HtmlTooDeep(parsed.tooDeep);
  const tree = parsed.tree;
  const lines: string[] = [];
  const origins: (Origin | null)[] = [];
  let paragraph = 0;
  let table = 0;
  let pending = '';
  let pendingLine: number | undefined;
  let pendingLevel = 0;

  const push = (text: string, origin: Origin | null): void => {
    lines.push(text);
    origins.push(origin);
  };
  const blank = (): void => {
    if (lines.length > 0 && lines[lines.length - 1] !== '') push('', null);
  };
  const flush = (): void => {
    const text = normalise(pending);
    pending = '';
    if (text !== '') {
      blank();
      paragraph++;
      const prefix = pendingLevel > 0 ? `${'#'.repeat(pendingLevel)} ` : '';
      push(prefix + text, { kind: 'paragraph', paragraph, ...(pendingLine === undefined ? {} : { line: pendingLine }) });
      blank();
    }
    pendingLine = undefined;
    pendingLevel = 0;
  };

  const emitTable = (node: Element): void => {
    flush();
    blank();
    table++;
    pushTable(node, table, push);
    blank();
  };

  const walk = (nodes: (ElementContent | RootContent)[]): void => {
    for (const n of nodes) {
      if (n.type === 'text') {
        if (pending === '' && n.value.trim() !== '' && n.position) pendingLine = n.position.start.line;
        pending += n.value;
      } else if (n.type === 'element') {
        const tag = n.tagName;
        if (SKIP.has(tag)) continue;
        // A table holding tables lays the page out: its cells are containers, not report cells.
        if (tag === 'table' && !hasTable(n)) {
          emitTable(n);
          continue;
        }
        if (tag === 'br') {
          flush();
          continue;
        }
        const heading = HEADING.exec(tag);
        const block = BLOCK.has(tag) || heading !== null || tag === 'table' || tag === 'tr' || tag === 'td' || tag === 'th';
        if (block) flush();
        if (heading) pendingLevel = Number(heading[1]);
        walk(n.children);
        if (block) flush();
      }
    }
  };
  walk(tree.children);
  flush();
  while (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop();
    origins.pop();
  }
  return { text: `${lines.join('\n')}\n`, origins };
}

/** The charset a page declares in its first bytes (`<meta charset>` or `http-equiv` Content-Type). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  let head = '';
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i] ?? 0);
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return match?.[1]?.toLowerCase();
}
