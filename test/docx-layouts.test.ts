/**
 * Reports written as Word documents and printed to PDF by LibreOffice (test/fixtures/pdf/docx/,
 * made by scripts/docx-pdfs.ts: WordprocessingML with real cell borders, merged cells, vertical
 * text, sections, text boxes, page headers and footers), each a random consistent report with one
 * wrong cell: tables drawn with only their outer frame, a table in a text box, group labels written
 * vertically (over two columns where their rows are few), table 三 broken across pages inside a
 * merged cell, table 三 alone in a landscape section with its header repeated, table 四 split under
 * its first header row, the agency's name over each page, “- N -” page numbers, notes under the
 * tables, shading, double borders; table 三 in a narrow landscape layout whose header note wraps past
 * its cell's foot, the last line clipped away (unseen, in the row below). Each PDF and its `pdftotext -layout` text read every table
 * exactly and find the wrong cell, once; its plain text reads a table exactly or not at all.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintFile } from '../src/engine/lint-file.ts';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel } from '../src/model/schema.ts';
import { t3Rows } from '../src/testing/sample.ts';
import { DOCX_LAYOUTS, docxReport } from '../scripts/docx-pdfs.ts';
import { layoutData } from '../scripts/pdf-fixtures.ts';

const dir = path.resolve(import.meta.dirname, 'fixtures/pdf/docx');
const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

jest.setTimeout(120_000);

/** Each table's rows as read: values, or the row's status. */
const tables = (model: ReportModel | undefined): Record<string, string[]> =>
  Object.fromEntries(
    (['t2', 't3', 't4'] as const).map((t) => [
      t,
      (model?.tables[t].rows ?? []).map((r) => `${r.id} ${r.status === 'read' ? r.cells.map((c) => c.value ?? '·').join(',') : r.status}`),
    ]),
  );

/** A row as `tables` gives it (“label v1,v2,…”) with the cell of column `drop` empty (“·”). */
const withColumnEmpty = (row: string, drop: number): string =>
  row.replace(
    / ([\d.·,]+)$/,
    (_, v: string) =>
      ` ${v
        .split(',')
        .map((x, i) => (i === drop ? '·' : x))
        .join(',')}`,
  );

/** What the generator printed (its Markdown, read; a column left out of table 三 empty), and where the wrong cell is. */
async function printed(layout: (typeof DOCX_LAYOUTS)[number]): Promise<{ tables: Record<string, string[]>; cell: string }> {
  const markdown = lintText(await docxReport(layout), { keepModel: true });
  const row = t3Rows(await layoutData(layout.seed))[layout.wrong.row];
  const read = tables(markdown.model);
  const drop = layout.options.dropColumn;
  if (drop !== undefined) read['t3'] = (read['t3'] ?? []).map((r) => withColumnEmpty(r, drop));
  return { tables: read, cell: `${row?.label ?? ''}·${COLUMNS[layout.wrong.column] ?? ''}` };
}

/** A text that cannot be read whole: a row read only as printed, at most one finding a table, no sum error from a misreading. */
async function readOnlyAsPrinted(layout: (typeof DOCX_LAYOUTS)[number], file: string): Promise<void> {
  const truth = await printed(layout);
  const result = lintText(readFileSync(file, 'utf8'), { keepModel: true, locale: 'zh-CN' });
  const got = tables(result.model);
  // A column left out: the text may give its cells the row's total less the rest (no printed value to misread).
  const drop = layout.options.dropColumn;
  const printedCells = (t: string, row: string): string => (t === 't3' && drop !== undefined ? withColumnEmpty(row, drop) : row);
  for (const t of ['t2', 't3', 't4'])
    (got[t] ?? []).forEach((row, i) => {
      // A row read (its values, not its status) is read as printed.
      if (/ [\d.,·]+$/.test(row)) expect(printedCells(t, row)).toBe(truth.tables[t]?.[i]);
    });
  for (const id of ['二', '三', '四']) {
    const structure = result.messages.filter((m) => m.ruleId === 'table-structure' && m.data['table'] === id);
    expect({ table: id, findings: Math.min(structure.length, 2) }).toEqual({ table: id, findings: Math.min(structure.length, 1) });
  }
  for (const m of result.messages.filter((x) => x.ruleId === 'table-sums')) expect(m.message.startsWith(truth.cell)).toBe(true);
}

describe.each(DOCX_LAYOUTS.map((l) => [l.name, l] as const))('%s', (name, layout) => {
  it('the PDF: every table read exactly, the wrong cell found there once, no other table finding', async () => {
    const truth = await printed(layout);
    const pdf = await lintFile(path.join(dir, `${name}.pdf`), { locale: 'zh-CN', keepModel: true });
    expect(pdf.fatal).toBeUndefined();
    expect(tables(pdf.model)).toEqual(truth.tables);
    const sums = pdf.messages.filter((m) => m.ruleId === 'table-sums');
    expect(sums.map((m) => m.message.startsWith(truth.cell))).toEqual([true]);
    expect(sums[0]?.place).toMatch(/^第 \d+ 页 表三 /);
    expect(pdf.messages.filter((m) => m.ruleId.startsWith('table-') && m.ruleId !== 'table-sums')).toHaveLength(layout.structure ?? 0);
  });

  it('its pdftotext -layout text: every table read exactly, the wrong cell found there once, no other table finding', async () => {
    // A table without a column: pdftotext wraps its header words (“商业企” over “业”), which rejoin to name the one missing.
    const truth = await printed(layout);
    const result = lintText(readFileSync(path.join(dir, `${name}.layout.txt`), 'utf8'), { keepModel: true, locale: 'zh-CN' });
    expect(tables(result.model)).toEqual(truth.tables);
    expect(result.messages.filter((m) => m.ruleId === 'table-sums').map((m) => m.message.startsWith(truth.cell))).toEqual([true]);
    expect(result.messages.filter((m) => m.ruleId.startsWith('table-') && m.ruleId !== 'table-sums')).toHaveLength(layout.structure ?? 0);
  });

  it('its plain pdftotext text: a row read only as printed, at most one finding a table, no sum error from a misreading', async () => {
    const file = path.join(dir, `${name}.plain.txt`);
    await readOnlyAsPrinted(layout, file);
    const truth = await printed(layout);
    const result = lintText(readFileSync(file, 'utf8'), { keepModel: true, locale: 'zh-CN' });
    const got = tables(result.model);
    // Table 二 printed column by column, each header before its cells, is read whole; where a
    // sub-table's headers stand in a stack before all its cells (landscape-vertical), not.
    if (!STACKED_T2.has(name)) expect(got['t2']).toEqual(truth.tables['t2']);
    // Table 三 one cell a line in the rows' order, footnotes and a vertical label's 无 among them: read whole, the wrong cell found.
    if (T3_WHOLE.has(name)) {
      expect(got['t3']).toEqual(truth.tables['t3']);
      expect(result.messages.filter((x) => x.ruleId === 'table-sums').map((m) => m.message.startsWith(truth.cell))).toEqual([true]);
    }
  });
});

/** The layouts whose plain text of table 三 the counts read whole. */
const T3_WHOLE = new Set(['vertical-split']);

/** The layouts whose plain text prints a sub-table of 二 as a stack of headers, then its cells (row by row or column by column?). */
const STACKED_T2 = new Set(['landscape-vertical']);

describe('a table 三 without a column, its header words wrapped in -layout text', () => {
  const text = readFileSync(path.join(dir, 'missing-column.layout.txt'), 'utf8');
  const wrapped = '                                业         构  益组织';

  it('names the missing column only where the wrapped pieces stand under their words', () => {
    expect(text).toContain(wrapped);
    const missing = (t: string) =>
      lintText(t, { keepModel: true, locale: 'zh-CN' }).messages.filter((m) => m.ruleId === 'table-structure' && m.data['table'] === '三');
    expect(missing(text).map((m) => m.message)).toEqual([expect.stringContaining('没有“法律服务机构”一列')]);
    // “业” moved out from under “商业企”: 商业企业 is not in the header, two columns are absent, so neither is known missing.
    const moved = text.replace(wrapped, '                                           构  益组织          业');
    const result = lintText(moved, { keepModel: true, locale: 'zh-CN' });
    expect(result.messages.filter((m) => m.ruleId === 'table-sums')).toEqual([]);
    expect(missing(moved).map((m) => m.message)).not.toEqual([expect.stringContaining('没有“法律服务机构”一列')]);
    expect(missing(moved)).toHaveLength(1);
  });
});
