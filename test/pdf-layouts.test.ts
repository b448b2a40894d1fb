/**
 * The layouts Word and WPS export beyond the template's bordered one (test/fixtures/pdf/layouts/,
 * printed by Chromium from scripts/pdf-fixtures.ts LAYOUTS, each with its own data and one wrong
 * cell): three-line tables, tables with no rule at all, shaded cells with the header repeated,
 * table 三 starting at the very bottom of a page with a “第 N 页 共 M 页” footer between its parts,
 * its group label written again on the second page, label columns wrapped over 4–5 lines, two
 * columns of text before the tables, a table with no rules whose header stands in the top tenth of
 * two pages (where running headers stand), prose at length in two columns between full-width
 * tables and headings (columns of unequal length, going on on the next page, a short paragraph all in
 * the first column). Each PDF and its `pdftotext -layout` text read with the values
 * the generator printed (its data, not another reading), and find the one wrong cell.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintFile } from '../src/engine/lint-file.ts';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel } from '../src/model/schema.ts';
import { t3Rows, t4Values } from '../src/testing/sample.ts';
import { LAYOUTS, layoutData, layoutReport } from '../scripts/pdf-fixtures.ts';

const dir = path.resolve(import.meta.dirname, 'fixtures/pdf/layouts');
const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

jest.setTimeout(120_000);

/** Not read right yet (it.failing: a fix makes them fail, to be moved out of this list). */
const KNOWN: Record<string, string[]> = {
  // Number cells distributed: in pdftotext's text a cell's last digit stands one space from the next
  // cell's first (“1       9 0” for 19 and 0), as letter spacing prints one number's digits, and only
  // the cells' borders, which the text has lost, tell them apart. Table 三 is one finding there
  // (test/spaced-numbers.test.ts); the PDF itself reads every cell.
  'distributed-numbers': ['layout'],
  // Full-width digits one a line in cells one em wide: pdftotext prints the lines of digits below a
  // row's line away from its columns (“８        ４ １    ４” under “９ ４ ２ ３ １ ５ ０”, the offsets
  // growing along the line, the more so beside label text), so no column is certain there
  // (test/spaced-numbers.test.ts: one finding a table, no sum error); the PDF reads every cell.
  'full-width-narrow': ['layout'],
};
const test = (name: string, kind: string): typeof it => (KNOWN[name]?.includes(kind) === true ? it.failing : it) as typeof it;

/** Tables 三 and 四 as read: each row's values, or its status when it was not read. */
function read(model: ReportModel | undefined): { t3: (number[] | string)[]; t4: number[] | string } {
  const t3 = (model?.tables.t3.rows ?? []).map((r) => (r.status === 'read' ? r.cells.map((c) => c.value ?? Number.NaN) : r.status));
  const t4rows = model?.tables.t4.rows ?? [];
  const t4 = t4rows.every((r) => r.status === 'read')
    ? t4rows.flatMap((r) => r.cells.map((c) => c.value ?? Number.NaN))
    : t4rows.map((r) => r.status).join(',');
  return { t3, t4 };
}

/** What the generator printed: its data, the one wrong cell written over. */
async function printed(layout: (typeof LAYOUTS)[number]): Promise<{ t3: number[][]; t4: number[]; row: string; column: string }> {
  const data = await layoutData(layout.seed);
  const rows = t3Rows(data);
  const t3 = rows.map((r) => [...r.values]);
  const wrong = t3[layout.wrong.row] as number[];
  wrong[layout.wrong.column] = (wrong[layout.wrong.column] ?? 0) + layout.wrong.delta;
  return { t3, t4: t4Values(data), row: rows[layout.wrong.row]?.label ?? '', column: COLUMNS[layout.wrong.column] ?? '' };
}

/** Each layout's Markdown linted once, for its PDF's test and its -layout text's. */
const linted = new Map<string, Promise<ReturnType<typeof lintText>>>();
const markdownOf = (layout: (typeof LAYOUTS)[number]): Promise<ReturnType<typeof lintText>> => {
  let result = linted.get(layout.name);
  if (!result) linted.set(layout.name, (result = layoutReport(layout).then((text) => lintText(text, { keepModel: true }))));
  return result;
};

describe.each(LAYOUTS.map((l) => [l.name, l] as const))('%s', (name, layout) => {
  test(name, 'pdf')('the PDF: every table read exactly, the wrong cell found there, and nothing else but what its Markdown finds', async () => {
    const truth = await printed(layout);
    const markdown = await markdownOf(layout);
    expect(read(markdown.model)).toEqual({ t3: truth.t3, t4: truth.t4 });
    const pdf = await lintFile(path.join(dir, `${name}.pdf`), { locale: 'zh-CN', keepModel: true });
    expect(pdf.fatal).toBeUndefined();
    expect(read(pdf.model)).toEqual({ t3: truth.t3, t4: truth.t4 });
    expect(pdf.messages.map((m) => m.message)).toEqual(markdown.messages.map((m) => m.message));
    const sums = pdf.messages.filter((m) => m.ruleId === 'table-sums');
    expect(sums).toHaveLength(1);
    expect(sums[0]?.message.startsWith(`${truth.row}·${truth.column}`)).toBe(true);
    expect(sums[0]?.place).toMatch(/^第 \d+ 页/);
    // The place names the column, ruled or not (a table without vertical lines by its values' alignment).
    // (A row whose label wraps around its values, read as text, has its column but no row label.)
    expect(sums[0]?.place).toMatch(new RegExp(`[ ·]${truth.column}$`));
  });

  test(name, 'layout')('its pdftotext -layout text: every table read exactly, one table-sums finding, at the wrong cell', async () => {
    const truth = await printed(layout);
    const result = lintText(readFileSync(path.join(dir, `${name}.layout.txt`), 'utf8'), { keepModel: true, filePath: `${name}.layout.txt` });
    expect(read(result.model)).toEqual({ t3: truth.t3, t4: truth.t4 });
    const sums = result.messages.filter((m) => m.ruleId === 'table-sums');
    expect(sums.map((m) => m.message.startsWith(`${truth.row}·${truth.column}`))).toEqual([true]);
    expect(result.messages.filter((m) => m.ruleId.startsWith('table-') && m.ruleId !== 'table-sums')).toEqual([]);
    // The prose too: nothing its Markdown does not find (a word broken at a line's end is one word).
    const markdown = await markdownOf(layout);
    expect(result.messages.filter((m) => !m.ruleId.startsWith('table-')).map((m) => m.message)).toEqual(
      markdown.messages.filter((m) => !m.ruleId.startsWith('table-')).map((m) => m.message),
    );
  });

  test(name, 'plain')('its plain pdftotext text: a table read exactly or not at all, one finding a table, no sum error from a misreading', () => {
    const result = lintText(readFileSync(path.join(dir, `${name}.plain.txt`), 'utf8'), { keepModel: true, filePath: `${name}.plain.txt` });
    return printed(layout).then((truth) => {
      const got = read(result.model);
      got.t3.forEach((row, i) => {
        if (typeof row !== 'string') expect({ row: i, values: row }).toEqual({ row: i, values: truth.t3[i] });
      });
      if (typeof got.t4 !== 'string') expect(got.t4).toEqual(truth.t4);
      for (const id of ['二', '三', '四']) {
        const structure = result.messages.filter((m) => m.ruleId === 'table-structure' && m.data['table'] === id);
        expect({ table: id, findings: Math.min(structure.length, 2) }).toEqual({ table: id, findings: Math.min(structure.length, 1) });
      }
      for (const m of result.messages.filter((x) => x.ruleId === 'table-sums')) expect(m.message.startsWith(`${truth.row}·${truth.column}`)).toBe(true);
    });
  });
});
