/**
 * The lean parse (src/reading/parse.ts, issue 22 item 2): the tree the model is built from leaves
 * out inline constructs nothing reads, so everything read from it must be what remark's full tree
 * (remark-parse + front matter + GFM + remark-cjk-friendly) gives — the model, the table tokens,
 * the comments outside code, the prose of the digest and the findings with their fixes — on every
 * report we have and on generated Markdown. Rules still see remark's own tree.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { parseMarkdown, parseMarkdownFully, treeForRules, withRuleTree } from '../src/reading/parse.ts';
import { buildModel } from '../src/reading/build.ts';
import { tokenize } from '../src/reading/tokens.ts';
import { analyzeText, normalizeLineEndings } from '../src/engine/lint.ts';
import { decodeDocument } from '../src/engine/document.ts';
import { findComments } from '../src/engine/directives.ts';
import { proseOf } from '../src/engine/digest.ts';
import { sampleReport } from '../src/testing/sample.ts';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkFrontmatter from 'remark-frontmatter';
import { expectEqual } from './helpers/equal.ts';
import { PROPERTY_SCALE, RUNS } from './helpers/property.ts';

const root = path.resolve(import.meta.dirname, '..');
const READABLE = /\.(?:md|markdown|txt|html?|docx)$/i;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name)) : READABLE.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

/** The corpus and the fixtures, each text once (test/fixtures/ copies some of the corpus). */
const files = [...listFiles(path.join(root, '../shared/corpus')), ...listFiles(path.join(root, 'test/fixtures'))].filter(
  (() => {
    const seen = new Set<string>();
    return (file: string) => {
      const key = createHash('sha256').update(readFileSync(file)).digest('hex');
      return !seen.has(key) && Boolean(seen.add(key));
    };
  })(),
);

/**
 * The files compared one by one: at full scale (CI) all of them; in a quick `npm test` the corpus's
 * real reports and every fourth fixture (the fixtures are many of each form).
 */
const compared =
  PROPERTY_SCALE >= 1
    ? files
    : files.filter((f, i) => !f.startsWith(path.join(root, 'test/fixtures')) || i % Math.max(1, Math.round(1 / PROPERTY_SCALE)) === 0);

/** Everything the engine reads of a tree, from that tree. */
function readOf(text: string, tree: Root) {
  const model = buildModel(text, tree);
  return { model, tokens: tokenize(text, tree), comments: findComments(text, tree), prose: proseOf(model, tree, text) };
}

function expectSameReading(text: string): void {
  const lean = parseMarkdown(text);
  const full = parseMarkdownFully(text);
  const a = readOf(text, lean);
  const b = readOf(text, full);
  expectEqual(a.tokens, b.tokens);
  expectEqual(a.comments, b.comments);
  expectEqual(a.prose, b.prose);
  expectEqual(a.model, b.model);
}

describe('the lean parse reads as remark does', () => {
  it('finds the corpus and the fixtures', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.some((f) => f.includes('/shared/corpus/seeds/'))).toBe(true);
  });

  it.each(compared.map((f) => [path.relative(root, f)]))('%s: the same model, tokens, comments, prose and findings', async (name) => {
    const file = path.join(root, name);
    const decoded = await decodeDocument(readFileSync(file), file);
    if ('error' in decoded) return expect(decoded.error).toBeDefined();
    const text = normalizeLineEndings(decoded.text.replace(/^\uFEFF/, ''));
    expectSameReading(text);
    // The findings (fixes and suggestions with their ranges), the directives and the digest follow
    // from what is compared above; checked end to end on the real reports of the corpus.
    if (name.startsWith('../shared/corpus/seeds/')) {
      const full = analyzeText(text, { filePath: name, tree: parseMarkdownFully(text) });
      expectEqual(analyzeText(text, { filePath: name }), full);
    }
  });

  it('on generated Markdown: emphasis, links, code, HTML, tables, footnotes, breaks and references mixed', () => {
    const pieces = [
      '*',
      '**',
      '_',
      '__',
      '~',
      '~~',
      '`',
      '``',
      '<',
      '>',
      '<b>',
      '</b>',
      '<!--',
      '-->',
      '<br>',
      '[',
      ']',
      '(',
      ')',
      '![',
      '[^1]',
      '[^1]: ',
      '\\',
      '\\*',
      '\\`',
      '&amp;',
      '&#60;',
      '&lt;',
      'http://a.cn/x',
      'www.gov.cn',
      'a@b.cn',
      '<http://a.cn>',
      '|',
      ' | ',
      '|---|---|',
      '\n',
      '\n\n',
      '  \n',
      '\\\n',
      '# ',
      '> ',
      '- ',
      '1. ',
      '- [x] ',
      '    ',
      '\t',
      '```\n',
      '---\n',
      '[a]: /u\n',
      '一、总体情况',
      '表三',
      '12',
      ' ',
      '。',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => expectSameReading(parts.join(''))),
      { numRuns: RUNS(400) },
    );
  });

  it('on every table form of the sample reports, with markup in the cells', () => {
    for (const form of ['gfm', 'tsv', 'html', 'layout', 'cellPerLine', 'gfmMerged', 'htmlMerged'] as const) {
      expectSameReading(sampleReport({ form }));
      expectSameReading(
        sampleReport({
          form,
          edit: (t) =>
            t
              .replace('一、总体情况', '**一、总体情况**')
              .replace(/\| 0 \|/, '| **0** |')
              .replace('本报告', '本报告（见[网站](<http://a.cn>)）'),
        }),
      );
    }
  });
});

describe("rules see remark's own tree", () => {
  it('parseMarkdownFully gives what remark-parse + remark-frontmatter + remark-gfm + remark-cjk-friendly give', () => {
    const remark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).use(remarkCjkFriendly);
    // The same extensions in the same order: the seeds and a text with every construct show it.
    for (const file of files.filter((f) => f.includes('/shared/corpus/seeds/'))) {
      const text = readFileSync(file, 'utf8');
      expect(parseMarkdownFully(text)).toEqual(remark.parse(text));
    }
    const text = '---\ntitle: 报告\n---\n\n**一、总体情况。**根据 www.gov.cn 的~~旧~~说明[^1]。\n\n- [x] 完成\n\n[^1]: 注。\n';
    expect(parseMarkdownFully(text)).toEqual(remark.parse(text));
  });

  it('parses it in full when a rule first reads context.tree, once', () => {
    const text = '# 标题\n\n**一、总体情况**根据 www.gov.cn 的~~旧~~说明。\n';
    const lean = parseMarkdown(text);
    const context = withRuleTree({ tree: lean, source: text });
    const seen = context.tree;
    expect(seen).toEqual(parseMarkdownFully(text));
    expect(context.tree).toBe(seen);
    expect(JSON.stringify(seen)).toContain('"strong"');
    expect(JSON.stringify(seen)).toContain('"delete"');
    expect(JSON.stringify(seen)).toContain('"link"');
    expect(JSON.stringify(lean)).not.toContain('"strong"');
  });

  it("leaves a tree it did not parse (the remark plugin's) as it is", () => {
    const tree = parseMarkdownFully('a');
    expect(treeForRules(tree)).toBe(tree);
    expect(withRuleTree({ tree }).tree).toBe(tree);
  });
});
