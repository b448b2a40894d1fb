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
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pdfData } from '../src/engine/decode.ts';
import { lintFile } from '../src/engine/lint-file.ts';
import { extractPdf } from '../src/reading/pdf/extract.ts';
import { readPages } from '../src/reading/pdf/index.ts';
import { lintText } from '../src/engine/lint.ts';
import type { ReportModel } from '../src/model/schema.ts';
import type { LintResult } from '../src/types.ts';
import { PROPERTY_SCALE } from './helpers/property.ts';
import { pagesFromJson, rawPdf, type RawOptions, type RawPage } from './helpers/raw-pdf.ts';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

const fixtures = path.resolve(import.meta.dirname, 'fixtures/pdf');
const source = (name: string): RawPage[] => pagesFromJson(readFileSync(path.join(fixtures, `raw/${name}.pages.json`), 'utf8'));
const pages = source('bordered');
/** Table 三's first value (18) written 81: the file's first revision, which its update corrects. */
const miswritten = pages.map((page, n) => ({ ...page, texts: page.texts.map((t) => (n === 1 && t.str === '18' ? { ...t, str: '81' } : t)) }));
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
  "Word's double borders (two thin lines 1.5 pt apart)": { borders: 'double' },
  'borders as hairlines (0 w)': { borders: 'hairline' },
  'dashed borders': { borders: 'dashed' },
  'each cell stroked as its own rectangle (re S)': { borders: 'cells' },
  'borders in a form XObject with its own /Matrix': { borders: 'form' },
  'each item under its own clip': { clip: 'each' },
  "each table's outer borders 3 pt thick (filled rectangles)": { outerBorder: 3 },
  "each table's outer borders 6 pt thick, Word's thickest (a cell's side a rectangle)": { outerBorder: 6 },
  // Read as a ruling line (no colour is kept), it cuts the wrapped label's cell in two; the table's
  // reader joins the label again, its values spanning both pieces.
  'a white line across a wrapped label': { whiteLines: { 1: [{ x0: 120, y0: 229, x1: 330, y1: 229 }] } },
  // Text.
  'size-1 font, the size in the text matrix (Word, Distiller)': { text: 'size1' },
  'horizontal scaling (90 Tz)': { text: 'tz' },
  'character spacing (0.6 Tc)': { text: 'tc' },
  'kerned TJ arrays': { text: 'kern' },
  "a row's numbers in one TJ, the cells apart by kerning": { text: 'row-tj' },
  'each glyph placed by its own Td': { text: 'glyph-td' },
  'each glyph placed by its own Tm (OFD converters)': { text: 'glyph-tm' },
  'text in a form XObject': { text: 'form' },
  'bold faked by drawing each run twice, 0.3 pt apart': { fakeBold: 'twice' },
  'bold faked by filling and stroking (2 Tr)': { fakeBold: 'stroke' },
  'a seal on the last page, its text set round a circle': { seal: '福州市示例区工业和信息化局', sealPage: 2 },
  "Word's tagged PDF: marked content with MCIDs, borders and page numbers as artifacts": { tagged: true },
  // Fonts.
  'ASCII in a simple TrueType font, the rest in a Type0 font (Word)': { font: 'latin-truetype' },
  'Word: TrueType ASCII, size-1 matrices, borders as filled rectangles, PDF 1.5 streams': {
    font: 'latin-truetype',
    text: 'size1',
    borders: 'fill',
    file: 'xref-stream',
    compress: true,
  },
  'Type3 fonts with ToUnicode, 250 glyphs a font, FontMatrix 0.01 (virtual printers)': { font: 'type3' },
  'Type3 fonts in size-1 matrices, PDF 1.5 streams': { font: 'type3', text: 'size1', file: 'xref-stream', compress: true },
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

/** Table 三's group label, stacked in three lines in the fixture, as one run written downwards. */
function regrouped(how: 'turned' | 'vertical'): RawPage[] {
  return pages.map((page) => {
    const at = page.texts.findIndex((t) => t.str === '三、本年');
    if (at < 0) return page;
    const stacked = page.texts.slice(at, at + 3);
    const str = stacked.map((t) => t.str).join('');
    const left = Math.min(...stacked.map((t) => t.x));
    const right = Math.max(...stacked.map((t) => t.x + t.size * t.str.length));
    const middle = (Math.min(...stacked.map((t) => t.y)) + Math.max(...stacked.map((t) => t.y))) / 2 - 4;
    const top = middle - str.length * 5;
    const run =
      how === 'turned' ? { str, x: (left + right) / 2 - 5, y: top, size: 10, angle: -90 } : { str, x: (left + right) / 2, y: top, size: 10, vertical: true };
    return { ...page, texts: [...page.texts.slice(0, at), ...page.texts.slice(at + 3), run] };
  });
}

/** Pages drawn otherwise, the same to read. */
const REDRAWN: Record<string, RawPage[]> = {
  // Table 三's group label written turned a quarter (reading downwards), one run, not stacked lines.
  'the group label 三、本年度办理结果 as one turned run': regrouped('turned'),
  'the group label 三、本年度办理结果 in vertical writing (Identity-V)': regrouped('vertical'),
};

/**
 * Each distinct file linted once in this file (its result is only read): some tests build the same
 * bytes — the incremental update among the cases and in its own test, landscape's 4.5 pt outer
 * borders in OTHER_LAYOUTS and in 'read right since they were found'.
 */
const linted = new Map<string, Promise<LintResult>>();
function lintPdf(bytes: Uint8Array): Promise<LintResult> {
  const key = createHash('sha256').update(bytes).digest('hex');
  let result = linted.get(key);
  if (!result) {
    result = (async () => {
      const dir = await makeTempDir();
      const file = path.join(dir, 'report.pdf');
      await writeFile(file, bytes);
      return lintFile(file, { locale: 'zh-CN', keepModel: true });
    })();
    linted.set(key, result);
  }
  return result;
}

const cases: [string, () => Uint8Array][] = [
  ...Object.entries(VARIANTS).map(([name, options]): [string, () => Uint8Array] => [name, () => rawPdf(pages, options)]),
  ...Object.entries(REDRAWN).map(([name, redrawn]): [string, () => Uint8Array] => [name, () => rawPdf(redrawn)]),
  // An incremental update that corrects a cell: what the file shows is the update's.
  ['an incremental update replacing the contents', () => rawPdf(pages, { file: 'incremental', before: miswritten })],
];

/** Reads with the values and findings of the Markdown, the wrong cell placed on its page, row and column. */
async function expectReadAsMarkdown(bytes: Uint8Array, page: number): Promise<void> {
  const pdf = await lintPdf(bytes);
  expect(pdf.fatal).toBeUndefined();
  expect(values(pdf.model)).toEqual(values(markdown.model));
  expect(pdf.messages.map((m) => m.message)).toEqual(markdown.messages.map((m) => m.message));
  const sums = pdf.messages.filter((m) => m.ruleId === 'table-sums');
  expect(sums.map((m) => m.place)).toEqual([`第 ${page} 页 表三 （六）其他处理 3.其他 · 自然人`]);
}

/**
 * Every variant at full scale (XXGK_PROPERTY_SCALE=1, as CI runs); in a quick `npm test`, every
 * second one (each variant is a whole lint of a three-page PDF).
 */
const sampled = <T>(all: T[]): T[] => (PROPERTY_SCALE >= 1 ? all : all.filter((_, i) => i % 2 === 0));

describe.each(sampled(cases))('%s', (_name, build) => {
  it('reads with the values and findings of its Markdown', () => expectReadAsMarkdown(build(), 2));
});

/**
 * The same report in the other layouts: table 三 across pages with its header repeated (narrow
 * label columns), and landscape pages, written the ways that turn or reorder pages most.
 */
const OTHER_LAYOUTS: Record<string, RawOptions> = {
  'as written here': {},
  '/Rotate 90 (landscape on a portrait sheet)': { rotate: 90 },
  '/Rotate 270': { rotate: 270 },
  'drawn sideways, no /Rotate': { sideways: true },
  'as Word writes it': { font: 'latin-truetype', text: 'size1', borders: 'fill', tagged: true, file: 'xref-stream', compress: true },
  'drawn in a shuffled order': { order: 'shuffled' },
  "a row's numbers in one TJ": { text: 'row-tj' },
  'each cell stroked as its own rectangle': { borders: 'cells' },
  "outer borders 4.5 pt thick, a cell's side a rectangle": { outerBorder: 4.5 },
};

describe.each([
  ['narrow-across-pages', 3],
  ['landscape', 4],
])('%s', (layout, page) => {
  const laid = source(layout);
  it.each(sampled(Object.entries(OTHER_LAYOUTS)))('%s: reads with the values and findings of its Markdown', (_name, options) =>
    expectReadAsMarkdown(rawPdf(laid, options), page),
  );
});

describe('a scan with an OCR layer', () => {
  // The page a picture, no line drawn, the text invisible (3 Tr) over it: it reads as its text layer
  // says (what copying the text gives), the tables by their text's alignment, as tables with no rules.
  // Its rows are read as lines of text, and the finding's place names the row but not the column.
  // The file's note comes first: its text is an OCR layer, whose numbers may be misread.
  it('reads with the values and findings of its Markdown, after a note that its text is an OCR layer', async () => {
    const pdf = await lintPdf(rawPdf(pages, { text: 'invisible' }));
    expect(pdf.fatal).toBeUndefined();
    expect(values(pdf.model)).toEqual(values(markdown.model));
    const [note, ...findings] = pdf.messages;
    expect(note).toMatchObject({ ruleId: '', messageId: 'filePdfOcrLayer', severity: 1, data: { pages: 3 } });
    expect(note?.message).toMatch(/^此 PDF 文件有 3 页的文字是扫描图像上的文字识别（OCR）层/);
    expect(pdf.warningCount).toBe(markdown.warningCount + 1);
    expect(findings.map((m) => m.message)).toEqual(markdown.messages.map((m) => m.message));
    expect(pdf.messages.filter((m) => m.ruleId === 'table-sums').map((m) => m.place)).toEqual(['第 2 页 表三 3.其他']);
  });

  it('has no note where the invisible text is over no picture of the page, or the picture under visible text', async () => {
    const scan = Buffer.from(rawPdf(pages, { text: 'invisible' })).toString('latin1');
    // Edited in place, each edit as long as what it replaces (the offsets and lengths stay right).
    const same = (from: string, to: string): string => to.padEnd(from.length, ' ');
    // The picture drawn a tenth of the page's size, in its corner: no scan under the text.
    const small = scan.replace(/q (\S+) 0 0 (\S+) 0 0 cm/g, (m, w: string, h: string) => same(m, `q ${Number(w) / 10} 0 0 ${Number(h) / 10} 0 0 cm`));
    // The text drawn visible (0 Tr) over the picture.
    const visible = scan.replaceAll('3 Tr ', '0 Tr ');
    const read = async (text: string): Promise<[number | undefined, number | undefined]> => {
      const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
      const counts = { ownRulings: 0, ownText: 0, withoutPdfjs: 0 };
      const r = readPages(await extractPdf(bytes, { loadData: pdfData, counts }));
      return [counts.withoutPdfjs, 'error' in r ? -1 : r.ocrPages];
    };
    // All three read here (not by pdf.js, which tells no render mode), the scan alone with its note.
    expect(await read(scan)).toEqual([1, 3]);
    expect(await read(small)).toEqual([1, undefined]);
    expect(await read(visible)).toEqual([1, undefined]);
  });
});

describe('an incremental update', () => {
  it("reads the update's contents, not the first revision's", async () => {
    const bytes = rawPdf(pages, { file: 'incremental', before: miswritten });
    // The first revision alone (the file up to its first %%EOF) reads the value it held.
    const first = Buffer.from(bytes).indexOf('%%EOF') + '%%EOF\n'.length;
    const revision = await lintPdf(bytes.subarray(0, first));
    const updated = await lintPdf(bytes);
    expect(revision.model?.tables.t3.rows[0]?.cells[0]?.value).toBe(81);
    expect(updated.model?.tables.t3.rows[0]?.cells[0]?.value).toBe(18);
  });
});

/** Misread once, read right now. */
describe('read right since they were found', () => {
  // A line drawn and clipped away entirely (`0 0 1 1 re W n` before it) shows nothing, but was read
  // as a ruling line: it cut the title, the prose and table 三 on its pages. A ruling line wholly
  // outside the clip in force is not read (extract.ts linesOf; rulings.ts hands the clips on).
  it('a line clipped away reads as no line', async () => {
    const pdf = await lintPdf(rawPdf(pages, { clip: 'hidden-line' }));
    expect(pdf.messages.map((m) => m.message)).toEqual(markdown.messages.map((m) => m.message));
  });
  // A digit run on past its cell and hidden by the cell's clip (LibreOffice clips each cell's text to
  // the cell: a header's last wrapped line under it, in the row below) was read into the cell it
  // stood in (“0 3”). A glyph wholly outside the clip in force is not read (own-text.ts).
  it("a cell's text clipped away is not read", () =>
    expectReadAsMarkdown(rawPdf(pages, { clippedTexts: { 1: [{ text: { str: '3', x: 402, y: 157.5, size: 10 }, clip: [356.6, 143.6, 384.4, 164.6] }] } }), 2));
  // Outer borders of 4.5 pt and 6 pt (Word's thickest) are drawn a cell's side at a time, each piece
  // as long as its row is tall: shorter than a fill that thick was taken to need to be a border (8
  // times), so table 三 lost its frame across its two landscape pages. Pieces as thick on one line,
  // each touching the next, make one border (extract.ts thickBorders); its ends, which reach over
  // the corners, are read at the crossing border's middle.
  it.each([4.5, 6])("%d pt outer borders on landscape pages read as the table's frame", (thick) =>
    expectReadAsMarkdown(rawPdf(source('landscape'), { outerBorder: thick }), 4),
  );

  // Word's 3 pt outer borders, drawn as 3 pt filled rectangles, were thicker than a ruling line was
  // taken to be (extract.ts THIN, 2.5 pt): each table lost its frame, and table 三 across two
  // landscape pages ran its rows into one. A fill up to 6 pt thick and long for it is a border.
  it("3 pt outer borders on landscape pages read as the table's frame", () => expectReadAsMarkdown(rawPdf(source('landscape'), { outerBorder: 3 }), 4));
  // A watermark (light grey text turned 30° across each page) was read as the page's text: its
  // words landed in table cells (“注意保密0”) and a sum error was found that is not there. A run
  // neither along nor across the page is no cell's or paragraph's text (extract.ts textsOf).
  it('a watermark across the tables is not read into them', () => expectReadAsMarkdown(rawPdf(pages, { watermark: '内部资料 注意保密' }), 2));
  // Letter-spaced text (1.5 Tc, Word's 字符间距 加宽): pdf.js puts a space between glyphs set apart by
  // character spacing alone (“2 0 2 4年”, “3 5 0 0 0 1”: the period, postcode and telephone were
  // lost); the text read from the content streams (runs.ts) leaves Tc out of the gaps.
  it('letter-spaced prose reads as its words', async () => {
    const pdf = await lintPdf(rawPdf(pages, { text: 'tc', tc: 1.5 }));
    expect(pdf.messages.map((m) => m.message)).toEqual(markdown.messages.map((m) => m.message));
  });
  // The same letter spacing written as a TJ number after every glyph (no Tc): each gap was a space
  // (“2 0 2 4年”) as pdf.js reads it; a gap that sets every two glyphs of a run apart alike is the
  // run's letter spacing (runs.ts), and a wider one is still a gap.
  it('letter-spaced prose written with TJ numbers reads as its words', async () => {
    const pdf = await lintPdf(rawPdf(pages, { text: 'tj-spaced', tc: 1.5 }));
    expect(pdf.messages.map((m) => m.message)).toEqual(markdown.messages.map((m) => m.message));
  });
});

describe('a text layer with no characters', () => {
  it('says so for the file: fonts with no ToUnicode map and no program give codes, not text', async () => {
    for (const font of ['no-unicode', 'type3-no-unicode'] as const) {
      const pdf = await lintPdf(rawPdf(pages, { font }));
      expect({ font, error: pdf.fatal?.messageId, findings: pdf.messages }).toEqual({ font, error: 'filePdfUnmapped', findings: [] });
    }
  });
});
