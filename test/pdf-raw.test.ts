/**
 * PDFs built the ways producers other than our fixtures' build them (test/helpers/raw-pdf.ts): the
 * report of test/fixtures/pdf/report.md as it shows on the pages of bordered.pdf (its text runs and
 * ruling lines, test/fixtures/pdf/raw/bordered.pages.json), written again object by object with one
 * structure changed at a time: page boxes, rotation and units; table borders as Word, Adobe's
 * printers or a scan draw them; text as Word, Distiller, OFD converters or an OCR layer write it;
 * fonts; contents split and out of order; the file's cross-reference forms. Each reads with the
 * values and findings of the Markdown, the one wrong cell found at its page, row and column.
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lintFile } from '../src/engine/lint-file.ts';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel } from '../src/model/schema.ts';
import { pagesFromJson, rawPdf, type RawOptions } from './helpers/raw-pdf.ts';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

const fixtures = path.resolve(import.meta.dirname, 'fixtures/pdf');
const pages = pagesFromJson(readFileSync(path.join(fixtures, 'raw/bordered.pages.json'), 'utf8'));
const markdown = lintText(readFileSync(path.join(fixtures, 'report.md'), 'utf8'), { keepModel: true });

/** Every table row's status and values. */
function values(model: ReportModel | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of Object.values(model?.tables ?? {}))
    for (const row of table.rows) out[row.id] = `${row.status} ${row.cells.map((c) => c.value).join(',')}`;
  return out;
}

const VARIANTS: Record<string, RawOptions> = {
  'as written here': {},
  // Page boxes, rotation, units.
  'MediaBox away from the origin': { origin: [28, 28] },
  'CropBox inside a larger MediaBox, both off the origin': { origin: [10, -15], cropMargin: 20 },
  '/Rotate 90': { rotate: 90 },
  '/Rotate 180': { rotate: 180 },
  '/Rotate 270': { rotate: 270 },
  '/Rotate 90 with a CropBox off the origin': { rotate: 90, origin: [28, 28], cropMargin: 14 },
  'drawn sideways on a sheet of the other orientation, no /Rotate': { sideways: true },
  '/UserUnit 2': { userUnit: 2 },
  // Table borders.
  'borders as thin filled rectangles': { borders: 'fill' },
  'borders drawn twice, once for each cell, a little apart': { borders: 'duplicated' },
  'borders as hairlines (0 w)': { borders: 'hairline' },
  'dashed borders': { borders: 'dashed' },
  'each cell stroked as its own rectangle (re S)': { borders: 'cells' },
  'borders in a form XObject with its own /Matrix': { borders: 'form' },
  'each item under its own clip': { clip: 'each' },
  // Text.
  'size-1 font, the size in the text matrix (Word, Distiller)': { text: 'size1' },
  'horizontal scaling (90 Tz)': { text: 'tz' },
  'character spacing (Tc)': { text: 'tc' },
  'kerned TJ arrays': { text: 'kern' },
  "a row's numbers in one TJ, the cells apart by kerning": { text: 'row-tj' },
  'each glyph placed by its own Td': { text: 'glyph-td' },
  'each glyph placed by its own Tm (OFD converters)': { text: 'glyph-tm' },
  'text in a form XObject': { text: 'form' },
  // Fonts.
  'ASCII in a simple TrueType font, the rest in a Type0 font (Word)': { font: 'latin-truetype' },
  'Word: TrueType ASCII, size-1 matrices, borders as filled rectangles, PDF 1.5 streams': {
    font: 'latin-truetype',
    text: 'size1',
    borders: 'fill',
    file: 'xref-stream',
    compress: true,
  },
  'Adobe-GB1 with UniGB-UCS2-H, no ToUnicode, no font program': { font: 'ucs2' },
  // Content streams.
  'drawn in a shuffled order': { order: 'shuffled' },
  'drawn in reverse order (footers first, cells backwards)': { order: 'reversed' },
  'contents as an array of streams cut anywhere': { splitContents: 700 },
  'contents cut into compressed pieces, mid text object': { splitContents: 333, compress: true },
  // The file.
  'object streams and a cross-reference stream (PDF 1.5)': { file: 'xref-stream', compress: true },
  linearized: { file: 'linearized' },
  'cross-reference offsets that are wrong': { file: 'bad-offsets' },
};

describe.each(Object.entries(VARIANTS))('%s', (_name, options) => {
  it('reads with the values and findings of its Markdown', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'report.pdf');
    await writeFile(file, rawPdf(pages, options));
    const pdf = await lintFile(file, { locale: 'zh-CN', keepModel: true });
    expect(pdf.fatal).toBeUndefined();
    expect(values(pdf.model)).toEqual(values(markdown.model));
    expect(pdf.messages.map((m) => m.message)).toEqual(markdown.messages.map((m) => m.message));
    const sums = pdf.messages.filter((m) => m.ruleId === 'table-sums');
    expect(sums.map((m) => m.place)).toEqual(['第 2 页 表三 （六）其他处理 3.其他 · 自然人']);
  });
});
