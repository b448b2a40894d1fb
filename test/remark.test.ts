// The remark plugin in a plain unified pipeline: the same findings as lintText, as vfile messages
// with ruleId, source, url, fatal and positions; remark's and our own control comments.
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { z } from 'zod';
import { lintText } from '../src/engine/lint.ts';
import { definePlugin } from '../src/engine/plugins.ts';
import remarkXxgkLint from '../src/adapters/remark/remark.ts';
import type { RemarkXxgkLintOptions } from '../src/adapters/remark/remark.ts';
import { defineRule } from '../src/rule.ts';
import type { Rule } from '../src/rule.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

afterAll(removeTempDirs);

const root = process.cwd();
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const DEFECTS = read('examples/defects-2024.md');

/** Runs the plugin; `options` as given (undefined = none: the config file of `cwd` is read). */
async function lint(value: string, options: RemarkXxgkLintOptions | undefined, extra?: { gfm?: boolean; cwd?: string; path?: string }) {
  const processor = unified().use(remarkParse);
  if (extra?.gfm) processor.use(remarkGfm);
  processor.use(remarkXxgkLint, options);
  const file = new VFile({ value, path: extra?.path ?? 'report.md', cwd: extra?.cwd ?? root });
  await processor.run(processor.parse(file), file);
  return file.messages;
}
// A finding with a fix or suggestions may end later in the plugin (its place covers every edit, for
// the editor's quick fix): its end is compared by the quick-fix test below, not here.
const keys = (messages: Awaited<ReturnType<typeof lint>>) =>
  messages.map(
    (m) => `${m.line}:${m.column}-${m.expected ? '…' : m.place && 'end' in m.place ? `${m.place.end.line}:${m.place.end.column}` : ''} ${m.ruleId} ${m.reason}`,
  );
const engine = (source: string, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  lintText(source, { locale }).messages.map(
    (m) => `${m.line}:${m.column}-${m.fix || m.suggestions ? '…' : `${m.endLine}:${m.endColumn}`} ${m.ruleId} ${m.message}`,
  );

describe('remark plugin in a unified pipeline', () => {
  it('reports what lintText reports, on the examples and every corpus report', async () => {
    const files = [
      'examples/defects-2024.md',
      'examples/clean-2024.md',
      'test/fixtures/seeds/000_56a01b3923011b96.md',
      'test/fixtures/seeds/003_e61fd02df59cf2b0.md',
      'test/fixtures/peers/02-shanghai-shizfbgt-2025.md',
      'test/fixtures/peers/06-pingtan-2021.txt',
      'test/fixtures/peers/11-huaian-hongzequ-2023.layout.txt',
    ];
    for (const file of files) {
      const source = read(file);
      expect({ file, messages: keys(await lint(source, { config: false })) }).toEqual({ file, messages: engine(source) });
    }
  });

  it('makes messages with ruleId, source, url, fatal and a position', async () => {
    const messages = await lint(DEFECTS, { config: false, locale: 'en' });
    expect(messages).toHaveLength(5);
    const fee = messages.find((m) => m.ruleId === 'fee-statement');
    expect(fee).toMatchObject({
      source: 'xxgk-lint',
      ruleId: 'fee-statement',
      fatal: true,
      url: 'https://github.com/xxgk-lint/xxgk-lint/blob/main/docs/rules/fee-statement.md',
      line: 81,
      column: 4,
      place: { start: { line: 81, column: 4 } },
    });
    expect(fee?.reason).toMatch(/^Part 六 does not state/);
    // Warnings are not fatal: remark-cli exits 0 on them unless --frail.
    const warning = (await lint('# 某局2024年政府信息公开工作年度报告\n\n一、总体情况\n', { config: false })).find((m) => m.ruleId === 'contact-info');
    expect(warning?.fatal).toBe(false);
  });

  it('gives each fixable finding the texts its quick fix puts in its place (vfile `expected`, what editors offer)', async () => {
    const files = ['examples/defects-2024.md', 'test/fixtures/seeds/000_56a01b3923011b96.md', 'test/fixtures/peers/02-shanghai-shizfbgt-2025.md'];
    let withFixes = 0;
    for (const file of files) {
      // CRLF too: an editor's document keeps the file's line endings.
      for (const source of [read(file), read(file).replace(/\n/g, '\r\n')]) {
        const ours = lintText(source).messages;
        const theirs = await lint(source, { config: false });
        const where = location(source);
        expect(theirs).toHaveLength(ours.length);
        ours.forEach((m, i) => {
          const message = theirs[i];
          const edits = [...(m.fix ? [m.fix] : []), ...(m.suggestions ?? []).map((s) => s.fix)];
          if (edits.length === 0) return expect(message?.expected).toBeUndefined();
          withFixes++;
          const place = message?.place;
          if (!place || !('end' in place)) throw new Error(`no range for ${m.ruleId}`);
          const start = where.toOffset(place.start) ?? NaN;
          const end = where.toOffset(place.end) ?? NaN;
          // The same text as the engine's edit applied to the file, for the fix and each suggestion, in order.
          const viaEditor = (message.expected ?? []).map((text) => source.slice(0, start) + text + source.slice(end));
          const viaEngine = [...new Set(edits.map((edit) => source.slice(0, edit.range[0]) + edit.text + source.slice(edit.range[1])))];
          expect(viaEditor).toEqual(viaEngine);
          // It starts where the finding starts (as remark-cli prints it) and covers it.
          expect({ line: message.line, column: message.column }).toEqual({ line: m.line, column: m.column });
          expect(end).toBeGreaterThanOrEqual(where.toOffset({ line: m.endLine, column: m.endColumn }) ?? Infinity);
        });
      }
    }
    expect(withFixes).toBeGreaterThan(4);
  });

  it('honours remark’s <!-- lint disable … --> and our <!-- xxgk-lint-disable … --> comments', async () => {
    const lines = DEFECTS.split('\n');
    const total = lines.findIndex((l) => l.includes('（七）总计'));
    const withRemark = [...lines.slice(0, total - 2), '<!-- lint disable table-sums -->', '', ...lines.slice(total - 2)].join('\n');
    expect((await lint(withRemark, { config: false })).map((m) => m.ruleId)).not.toContain('table-sums');
    expect(await lint(withRemark, { config: false })).toHaveLength(4);
    const ignoreNext = DEFECTS.replace(/^(.*六、其他需要报告的事项.*)$/m, '<!-- lint ignore fee-statement -->\n$1');
    expect((await lint(ignoreNext, { config: false })).map((m) => m.ruleId)).not.toContain('fee-statement');
    const ours = [...lines.slice(0, total - 2), '<!-- xxgk-lint-disable table-sums -->', '', ...lines.slice(total - 2)].join('\n');
    expect((await lint(ours, { config: false })).map((m) => m.ruleId)).not.toContain('table-sums');
    const unused = await lint('<!-- xxgk-lint-disable citations -->\n' + DEFECTS, { config: false, reportUnusedDisable: true });
    expect(unused[0]).toMatchObject({ ruleId: 'unused-disable', line: 1, fatal: false });
    expect(unused[0]?.url).toBeUndefined();
  });

  it('keeps findings in paragraphs that GFM autolinks split into nodes without positions', async () => {
    // remark-message-control drops messages in stretches around nodes without positions.
    const source = '本报告可在政府网站（www.example.gov.cn）下载。统计期限自2023年1月1日起至2023年12月31日止。\n\n# 某局2024年政府信息公开工作年度报告\n';
    const messages = await lint(source, { config: false });
    expect(messages.some((m) => m.ruleId === 'statistical-period' && m.line === 1)).toBe(true);
    expect(keys(messages)).toEqual(engine(source));
  });

  it('takes the config object: rules, plugins, locale and ignores', async () => {
    const shout = defineRule({
      meta: {
        id: 'shout',
        description: { 'zh-CN': '不写 SHOUT', en: 'No SHOUT' },
        rationale: { 'zh-CN': '测试用', en: 'for tests' },
        defaultSeverity: 'warn',
        options: z.object({}),
        messages: { found: { 'zh-CN': '出现 SHOUT', en: 'found SHOUT' } },
        examples: { valid: [], invalid: [] },
        url: 'https://example.org/shout',
      },
      check(context) {
        if (context.source.includes('SHOUT')) context.report({ messageId: 'found', at: { start: { line: 1, column: 1 } } });
      },
    });
    const plugin = definePlugin({ name: 'demo', rules: [shout as Rule] });
    const options: RemarkXxgkLintOptions = { locale: 'en', plugins: [plugin], rules: { 'table-sums': 'off', 'demo/shout': 'error' }, ignores: ['drafts/'] };
    const messages = await lint(`SHOUT\n\n${DEFECTS}`, options);
    expect(messages.map((m) => m.ruleId)).not.toContain('table-sums');
    expect(messages[0]).toMatchObject({ ruleId: 'demo/shout', fatal: true, url: 'https://example.org/shout', reason: 'found SHOUT' });
    expect(await lint(DEFECTS, options, { path: 'drafts/a.md' })).toEqual([]);
  });

  it('reads the project’s config file when given no config keys, as the CLI does', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { '.xxgk-lint.json': JSON.stringify({ rules: { 'table-sums': 'off' }, ignores: ['README.md'] }) });
    const found = await lint(DEFECTS, undefined, { cwd: dir });
    expect(found.map((m) => m.ruleId)).not.toContain('table-sums');
    expect(found).toHaveLength(4);
    expect(await lint(DEFECTS, { locale: 'en' }, { cwd: dir, path: 'README.md' })).toEqual([]);
    // config: false reads none; config: 'file' reads that one.
    expect(await lint(DEFECTS, { config: false }, { cwd: dir })).toHaveLength(5);
    await writeTree(dir, { 'other.json': JSON.stringify({ rules: { 'fee-statement': 'off' } }) });
    expect((await lint(DEFECTS, { config: 'other.json' }, { cwd: dir })).map((m) => m.ruleId)).not.toContain('fee-statement');
  });

  it('lints each file with its own folder’s config (config per folder, overrides), one processor for every file as remark-cli runs it', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, {
      '.xxgk-lint.json': JSON.stringify({ rules: { 'table-sums': 'off' }, overrides: [{ files: 'drafts/**', rules: { 'fee-statement': 'off' } }] }),
      'county/.xxgk-lint.json': JSON.stringify({
        rules: { 'table-sums': 'warn' },
        ignores: ['old/**'],
        linterOptions: { reportUnusedDisableDirectives: 'warn' },
      }),
    });
    const processor = unified().use(remarkParse).use(remarkXxgkLint);
    const ruleIds = async (file: string, value = DEFECTS) => {
      const vfile = new VFile({ value, path: file, cwd: dir });
      await processor.run(processor.parse(vfile), vfile);
      return [...new Set(vfile.messages.map((m) => m.ruleId))].sort();
    };
    const all = [...new Set((await lint(DEFECTS, { config: false })).map((m) => m.ruleId))].sort();
    expect(all).toEqual(expect.arrayContaining(['fee-statement', 'table-sums']));
    // The working folder's config, then a nearer folder's (its severity wins), an override, the folder's ignores.
    expect(await ruleIds('a.md')).toEqual(all.filter((id) => id !== 'table-sums'));
    expect(await ruleIds('county/a.md')).toEqual(all);
    expect(await ruleIds('drafts/a.md')).toEqual(all.filter((id) => id !== 'table-sums' && id !== 'fee-statement'));
    expect(await ruleIds('county/old/a.md')).toEqual([]);
    // An absolute path, as editors give it, finds the same config.
    expect(await ruleIds(path.join(dir, 'county/a.md'))).toEqual(all);
    // The folder's linterOptions too: an unused disable comment is reported there only.
    const unused = `<!-- xxgk-lint-disable citations -->\n${DEFECTS}`;
    expect(await ruleIds('county/b.md', unused)).toContain('unused-disable');
    expect(await ruleIds('b.md', unused)).not.toContain('unused-disable');
  });

  it('reports a bad config as the file’s failure, naming the problem', async () => {
    await expect(lint(DEFECTS, { locale: 'en', rules: { 'table-sum': 'off' } })).rejects.toThrow(/rules\.table-sum {2}unknown rule; did you mean table-sums\?/);
    expect(() => unified().use(remarkParse).use(remarkXxgkLint, { locale: 'fr' }).freeze()).toThrow(/invalid locale "fr"/);
  });

  it('parses as the CLI does even when the pipeline already has remark-gfm', async () => {
    expect(keys(await lint(DEFECTS, { config: false }, { gfm: true }))).toEqual(engine(DEFECTS));
  });
});
