/**
 * Reports that are not Markdown: the Word draft (.docx, made with pandoc from report.md) and a saved
 * portal page (GB2312, the report inside a layout table among navigation and footer) lint with the
 * same findings as the Markdown of the same report; and --format html draws them.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { builtinRules } from '../rules/index.ts';
import { html } from '../src/adapters/formatters/archive.ts';
import { json } from '../src/adapters/formatters/json.ts';
import { sarif } from '../src/adapters/formatters/sarif.ts';
import { cellText, drawTables, inSpan } from '../src/adapters/formatters/tables.ts';
import type { Cell } from '../src/model/schema.ts';
import { contextTables } from '../src/adapters/action/summary-tables.ts';
import { decodeDocument } from '../src/engine/document.ts';
import { lintFile } from '../src/engine/lint-file.ts';
import { expandPaths } from '../src/engine/files.ts';
import { loadConfig } from '../src/engine/config.ts';
import { lintText } from '../src/engine/lint.ts';
import { htmlToReportText } from '../src/reading/html-input.ts';
import type { LintResult } from '../src/types.ts';
import { makeTempDir, removeTempDirs, writeTree } from './helpers/tmp.ts';

const fixtures = path.resolve(import.meta.dirname, 'fixtures/documents');
const at = (name: string): string => path.join(fixtures, name);
const ids = (result: LintResult): string[] => result.messages.map((m) => `${m.ruleId}/${m.messageId}`);

afterAll(removeTempDirs);

describe('.docx and .html reports', () => {
  it('lint with the same findings as the Markdown of the same report', async () => {
    const md = await lintFile(at('report.md'), { locale: 'zh-CN' });
    const docx = await lintFile(at('report.docx'), { locale: 'zh-CN' });
    const page = await lintFile(at('portal-page.html'), { locale: 'zh-CN' });
    expect(ids(md)).toContain('table-sums/several');
    expect(ids(docx)).toEqual(ids(md));
    expect(ids(page)).toEqual(ids(md));
    expect(docx.messages.map((m) => m.message)).toEqual(md.messages.map((m) => m.message));
    expect(docx.input).toEqual({ kind: 'docx' });
  });

  it('name places in the .docx (table, row, cell) and lines of the .html file', async () => {
    const docx = await lintFile(at('report.docx'), { locale: 'zh-CN' });
    const total = docx.messages.find((m) => m.ruleId === 'table-sums');
    // 表 5 is table 三 in the Word file (table 二 is four tables); row 25 is （七）总计, cell 2 自然人.
    expect(total?.place).toBe('表 5 第 25 行第 2 格');
    const en = await lintFile(at('report.docx'), { locale: 'en' });
    expect(en.messages.find((m) => m.ruleId === 'table-sums')?.place).toBe('table 5, row 25, cell 2');

    const page = await lintFile(at('portal-page.html'), { locale: 'zh-CN' });
    expect(page.encoding).toBe('gb18030');
    const place = page.messages.find((m) => m.ruleId === 'table-sums')?.place ?? '';
    const line = Number(/^HTML 第 (\d+) 行$/.exec(place)?.[1]);
    const source = new TextDecoder('gb18030').decode(readFileSync(at('portal-page.html'))).split('\n');
    expect(source[line - 1]).toBe('<td>16</td>');
  });

  it('place SARIF results in the file the user has: the page’s own line, line 1 of a .docx with its place in words', async () => {
    const page = await lintFile(at('portal-page.html'), { locale: 'zh-CN' });
    const docx = await lintFile(at('report.docx'), { locale: 'zh-CN' });
    const log = sarif([page, docx], { locale: 'zh-CN', cwd: fixtures, rules: builtinRules, color: false });
    type Logged = {
      ruleId: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    };
    const results = (JSON.parse(log) as { runs: { results: Logged[] }[] }).runs[0]?.results ?? [];
    const sum = (uri: string): Logged | undefined =>
      results.find((r) => r.ruleId === 'table-sums' && r.locations[0]?.physicalLocation.artifactLocation.uri === uri);
    const pageLine = page.messages.find((m) => m.ruleId === 'table-sums')?.placeLine;
    expect(pageLine).toBeGreaterThan(1);
    expect(sum('portal-page.html')?.locations[0]?.physicalLocation.region.startLine).toBe(pageLine);
    expect(sum('report.docx')?.locations[0]?.physicalLocation.region.startLine).toBe(1);
    expect(sum('report.docx')?.message.text).toMatch(/^表 5 第 25 行第 2 格: /);
  });

  it('honours <meta charset> over guessing, and reports a .doc that is not a .docx', async () => {
    const gbk = new Uint8Array([...new TextEncoder().encode('<meta charset="gbk"><p>'), 0xb1, 0xa8, 0xb8, 0xe6, ...new TextEncoder().encode('</p>')]);
    const decoded = await decodeDocument(gbk, 'x.htm');
    expect(decoded).toMatchObject({ text: '报告\n', encoding: 'gb18030' });
    const dir = await makeTempDir();
    await writeTree(dir, { 'old.docx': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]) });
    const result = await lintFile(path.join(dir, 'old.docx'), { locale: 'zh-CN' });
    expect(result.fatal?.messageId).toBe('fileNotDocx');
  });

  it('keeps tables as <table> blocks with spans, one cell per line, and skips layout tables and scripts', () => {
    const { text, origins } = htmlToReportText(
      '<script>var x="<p>no</p>"</script><table><tr><td><h1>标题</h1><table><tr><td rowspan="2">a&lt;b</td><td colspan=3>1</td></tr></table></td></tr></table><p>正文<br>第二行</p>',
    );
    expect(text).toBe('# 标题\n\n<table>\n<tr>\n<td rowspan="2">a&lt;b</td>\n<td colspan="3">1</td>\n</tr>\n</table>\n\n正文\n\n第二行\n');
    expect(origins[5]).toMatchObject({ kind: 'cell', table: 1, row: 1, cell: 2 });
    expect(origins[11]).toMatchObject({ kind: 'paragraph', paragraph: 3 });
  });
});

describe('--format html', () => {
  const context = { locale: 'zh-CN' as const, cwd: fixtures, rules: builtinRules };

  it('marks the cell a finding lies in, with the expected value, and asks nothing from elsewhere', async () => {
    const result = await lintFile(at('report.md'), { locale: 'zh-CN', keepModel: true });
    const page = html([result], context);
    const cell =
      /<td id="([^"]+)" class="num bad-error"[^>]*data-testid="bad-cell" data-column="自然人"[^>]*>16<span class="expected">应为 17<\/span><a class="back" href="#([^"]+)"/.exec(
        page,
      );
    expect(cell).not.toBeNull();
    // The finding links to its cell, and the cell back to the finding.
    const [, cellId, findingId] = cell ?? [];
    expect(page).toMatch(
      new RegExp(`<li class="finding error" id="${findingId}"[^>]*>.*?<a class="to-cell" data-testid="to-cell" href="#${cellId?.replaceAll('.', '\\.')}">`),
    );
    // 行政处罚 could not be read: shown as such.
    expect(page).toMatch(/<td id="[^"]+" class="num unread">未读出<\/td>/);
    expect(page).not.toMatch(/<(script|link|img|iframe)\b|url\(|@import/i);
    expect(page).toContain('https://github.com/xxgk-lint/xxgk-lint/blob/main/docs/rules/table-sums.md');
    expect(page).toContain('<h2>report.md</h2>');
    const en = html([result], { ...context, locale: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('expected 17');
  });

  it('finds cells by position: every table-sums finding lies in exactly one drawn cell', () => {
    const result = lintText(readFileSync(at('report.md'), 'utf8'), { keepModel: true });
    const model = result.model;
    if (!model) throw new Error('no model');
    const marked = drawTables(model, result.messages).flatMap((t) =>
      t.blocks.flatMap((b) => b.rows.flatMap((r) => r.cells.filter((c) => c.findings.length > 0))),
    );
    // One wrong cell, one finding (naming the three relations it breaks).
    expect(marked.map((c) => [c.column, c.cell?.raw, c.expected, c.findings.length])).toEqual([['自然人', '16', '17', 1]]);
    for (const m of result.messages.filter((d) => d.ruleId === 'table-sums')) expect(marked[0]?.cell && inSpan(m, marked[0].cell.span)).toBe(true);
  });

  it('reads cells through the schema, tolerating fields and kinds the reader may add', () => {
    const span = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 3, offset: 2 } };
    const cell = (extra: object): Cell => ({ column: '自然人', kind: 'number', value: 12, raw: '12', span, ...extra }) as Cell;
    expect(cellText(cell({}), 'zh-CN')).toEqual({ text: '12', unread: false });
    expect(cellText(cell({ read: 'split', raw: '1234' }), 'zh-CN')).toEqual({ text: '12', unread: false, note: '从连写的数字“1234”中拆出' });
    expect(cellText(cell({ kind: 'missing', raw: '', read: 'solved' }), 'en')).toEqual({ text: '(missing) (solved: 12)', unread: true });
    expect(cellText(cell({ kind: 'invalid', raw: '两', value: null }), 'zh-CN')).toEqual({ text: '两', unread: true });
    expect(cellText(undefined, 'zh-CN')).toEqual({ text: '未读出', unread: true });
  });

  it('escapes what comes from the file and the findings', () => {
    const result: LintResult = {
      filePath: '/x/<img src=x onerror=alert(1)>.md',
      messages: [{ ruleId: 'r', messageId: 'm', severity: 2, message: '<script>alert(1)</script>', data: {}, line: 1, column: 1, endLine: 1, endColumn: 1 }],
      errorCount: 1,
      warningCount: 0,
    };
    const page = html([result], context);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('leaves the model out of the JSON output and out of results unless asked', () => {
    const source = readFileSync(at('report.md'), 'utf8');
    expect(lintText(source).model).toBeUndefined();
    const withModel = lintText(source, { keepModel: true });
    expect(withModel.model?.tables.t3.found).toBe(true);
    expect(json([withModel], context)).toBe(json([lintText(source)], context));
  });
});

describe("the Action's job summary", () => {
  it('shows the rows around each wrong cell, the cell marked with the expected value', async () => {
    const result = await lintFile(at('report.md'), { locale: 'zh-CN', keepModel: true });
    const tables = contextTables(result, 'zh-CN');
    expect(tables).toHaveLength(1);
    const rows = tables[0]?.match(/<tr>/g) ?? [];
    expect(rows).toHaveLength(4); // header, the row above, （七）总计, the row below
    expect(tables[0]).toContain('<tr><td>（七）总计</td><td>❌<b>16</b> → 17</td><td>1</td>');
    expect(contextTables(result, 'zh-CN', 0)).toEqual([]);
    expect(contextTables({ ...result, model: undefined }, 'zh-CN')).toEqual([]);
  });
});

describe('folders', () => {
  it('pick up .html and .docx only when the config names them; named files always', async () => {
    const dir = await makeTempDir();
    await writeTree(dir, { 'a.md': '# a\n', 'b.docx': readFileSync(at('report.docx')), 'sub/c.htm': '<p>c</p>' });
    const plain = await expandPaths(['.'], { cwd: dir });
    expect(plain.files.map((f) => path.relative(dir, f))).toEqual(['a.md']);
    const named = await expandPaths(['b.docx'], { cwd: dir });
    expect(named.files).toHaveLength(1);
    await writeTree(dir, { '.xxgk-lint.json': JSON.stringify({ extensions: ['.md', '.docx', '.htm'] }) });
    const loaded = await loadConfig({ cwd: dir, rules: builtinRules });
    expect(loaded.extensions).toEqual(['.md', '.docx', '.htm']);
    const all = await expandPaths(['.'], { cwd: dir, extensions: loaded.extensions ?? [] });
    expect(all.files.map((f) => path.relative(dir, f).split(path.sep).join('/'))).toEqual(['a.md', 'b.docx', 'sub/c.htm']);
    await writeTree(dir, { '.xxgk-lint.json': JSON.stringify({ extensions: ['.doc'] }) });
    await expect(loadConfig({ cwd: dir, rules: builtinRules })).rejects.toThrow(/extensions/);
  });
});
