/**
 * The text read from the page's content streams here (src/reading/pdf/own-text.ts) instead of
 * from pdf.js's text content, and pdf.js not loaded at all when every page of a file reads so:
 * the pages read are those read with pdf.js's text content, on every PDF the tests have (a quarter
 * of each producer's and the real WPS PDFs unless at full scale, XXGK_PROPERTY_SCALE=1), and every
 * page of them is read here, without pdf.js (Chromium's, with its Type3 fonts, LibreOffice's and
 * WPS's); on hand-made pages with what the reader must interpret as the PDF
 * specification defines it (the text state and every positioning and showing operator, kerning,
 * spaces, lines, turned text, forms, /Rotate, a crop box, glyphs off the page, simple, composite
 * and Type3 fonts with their widths, /W2 and ToUnicode maps, marked content); and where it is not
 * certain (a font without a ToUnicode map, a code it does not map, a vertical font without its
 * program, a Type3 font pdf.js stretches, a font matrix that changes the widths, a text rise, a
 * font set by the graphics state, text turned other than by quarters, no font) it leaves
 * the page's text to pdf.js, whose reading is then the same as before.
 *
 * And what the PDF reader does to spare pdf.js work — font programs it need not parse
 * (font-programs.ts), page contents and ToUnicode maps given inflated (font-programs.ts's
 * `forPdfjs`), messages handed over without a structured clone (port.ts), the ruling lines read
 * from the content streams instead of pdf.js's operator list (rulings.ts) — changes nothing it
 * reads: on the same PDFs, the pages read with all of them are those pdf.js reads with none. Each
 * alone is compared on every PDF at full scale: test/pdf-font-programs.test.ts,
 * test/pdf-inflate.test.ts, test/pdf-port.test.ts, test/pdf-rulings.test.ts. Both comparisons are
 * in this file so that pdf.js's reading with the savings, which each compares, is read once.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { type PDFDict, PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { pdfData } from '../src/engine/decode.ts';
import { type ExtractResult, extractPdf } from '../src/reading/pdf/extract.ts';
import { type PdfRead, readPages } from '../src/reading/pdf/index.ts';
import { OPS } from '../src/reading/pdf/rulings.ts';
import { expectEqual } from './helpers/equal.ts';
import { pdfCases, rounded, samplePdfs } from './helpers/pdfs.ts';
import { PROPERTY_SCALE } from './helpers/property.ts';

jest.setTimeout(240_000);

interface Counts {
  ownRulings: number;
  ownText: number;
  withoutPdfjs: number;
}

/** The pages read both ways, and how many had their text read here. */
async function bothWays(bytes: Uint8Array): Promise<{ own: unknown; pdfjs: unknown; counts: Counts; pages: number; texts: number }> {
  const counts: Counts = { ownRulings: 0, ownText: 0, withoutPdfjs: 0 };
  const own = await extractPdf(bytes, { loadData: pdfData, counts });
  const pdfjs = await extractPdf(bytes, { loadData: pdfData, pdfjsText: true });
  const pages = 'pages' in own ? own.pages : [];
  return { own: rounded(own), pdfjs: rounded(pdfjs), counts, pages: pages.length, texts: pages.reduce((n, p) => n + p.texts.length, 0) };
}

/**
 * Each file of the corpus as pdf.js reads it with the reader's savings (its text content on every
 * page): read once for the two comparisons of the file, and never changed (readPages is given a copy).
 */
const byPdfjs = new Map<string, Promise<ExtractResult>>();
const withSavings = (file: string, bytes: Uint8Array): Promise<ExtractResult> => {
  let read = byPdfjs.get(file);
  if (!read) byPdfjs.set(file, (read = extractPdf(bytes, { loadData: pdfData, pdfjsText: true })));
  return read;
};

/**
 * Each file of the corpus as read here (what the linter reads), and how many pages had their text
 * read here: read once for the corpus comparison and the WPS column below, never changed (readPages
 * is given a copy).
 */
const byOwn = new Map<string, Promise<{ extracted: ExtractResult; counts: Counts }>>();
const ownReading = (file: string, bytes: Uint8Array): Promise<{ extracted: ExtractResult; counts: Counts }> => {
  let read = byOwn.get(file);
  if (!read) {
    const counts: Counts = { ownRulings: 0, ownText: 0, withoutPdfjs: 0 };
    byOwn.set(file, (read = extractPdf(bytes, { loadData: pdfData, counts }).then((extracted) => ({ extracted, counts }))));
  }
  return read;
};

/** A heading WPS writes down a narrow cell in a vertical font, whose end pdf.js's text content drops. */
const DROPPED = '三、本年度办理结果';

describe('text read from the content streams', () => {
  it('names the operators as pdf.js does', async () => {
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    for (const [name, id] of Object.entries(OPS)) expect([name, (lib.OPS as Record<string, number>)[name]]).toEqual([name, id]);
  });

  it.each(pdfCases(samplePdfs(PROPERTY_SCALE)))('%s: read as with pdf.js’s text content', async (name, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const { extracted, counts } = await ownReading(file, bytes);
    const pages = 'pages' in extracted ? extracted.pages.length : 0;
    expect(pages).toBeGreaterThan(0);
    // The text with its tables as read (what the linter parses, readPdf's) and where each line shows.
    const own = rounded(readPages(structuredClone(extracted))) as PdfRead;
    const pdfjs = rounded(readPages(structuredClone(await withSavings(file, bytes)))) as PdfRead;
    if (own.text.includes(DROPPED) && !pdfjs.text.includes(DROPPED)) {
      // pdf.js's text content leaves out the end of WPS's column “三、本年度办理结果” (next test).
      const differ = own.text.split('\n').flatMap((line, i) => (line === pdfjs.text.split('\n')[i] ? [] : [line]));
      expect(differ).toEqual([expect.stringContaining(DROPPED)]);
    } else expect(own).toEqual(pdfjs);
    // Every page of Chromium's (Type3 fonts too), LibreOffice's and WPS's PDFs reads here, and pdf.js is not loaded.
    expect([path.basename(name), counts.ownText, counts.withoutPdfjs]).toEqual([path.basename(name), pages, 1]);
  });
  const wps = path.resolve(import.meta.dirname, '../../shared/corpus/peers/12-huaian-hongzequ-2024.pdf');
  (existsSync(wps) ? it : it.skip)('a column in a vertical font read whole, where pdf.js’s text content drops its end', async () => {
    // WPS writes “三、本年度办理结果” down a narrow cell (Identity-V, each glyph below the last, as
    // pdftotext shows it too); pdf.js's text content has “三、本” and nothing of “年度办理结果”.
    const bytes = new Uint8Array(readFileSync(wps));
    // The two readings the corpus tests make of it (shared: each file is read once each way).
    const strs = (r: ExtractResult): string[] => ('pages' in r ? (r.pages[2]?.texts ?? []).map((t) => t.str) : []);
    const [own, pdfjs] = [strs((await ownReading(wps, bytes)).extracted), strs(await withSavings(wps, bytes))];
    expect(own).toContain(DROPPED);
    expect(pdfjs).toContain('三、本');
    expect(pdfjs.join('')).not.toContain('年度办理结果');
    expect(own.filter((s) => s !== DROPPED)).toEqual(pdfjs.filter((s) => s !== '三、本'));
  });
});

describe('the reader’s savings change nothing pdf.js reads', () => {
  it.each(pdfCases(samplePdfs(PROPERTY_SCALE)))('%s reads the same with them and without any', async (_, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const spared = await withSavings(file, bytes);
    const plain = await extractPdf(bytes, {
      loadData: pdfData,
      keepFontPrograms: true,
      keepStreamsCompressed: true,
      pdfjsLoopback: true,
      operatorList: true,
      pdfjsText: true,
    });
    expect('pages' in spared && spared.pages.length).toBeGreaterThan(0);
    expectEqual(spared, plain);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-made pages

interface Options {
  /** The page's own dictionary entries (MediaBox, CropBox, Rotate). */
  page?: Record<string, unknown>;
  forms?: Record<string, { content: string; dict?: Record<string, unknown> }>;
  extGState?: Record<string, unknown>;
  /** The composite font's encoding (Identity-H unless given). */
  encoding?: string;
  /** Leave the simple font without its ToUnicode map. */
  noToUnicode?: boolean;
  /** The composite font's /W instead of the usual one. */
  w?: unknown[];
  /** More entries of the composite font's descendant (/W2, /FontMatrix) and of the simple font. */
  cid?: Record<string, unknown>;
  simple?: Record<string, unknown>;
  /** The composite font with a TrueType program (pdfjs-dist's Liberation Sans). */
  program?: boolean;
  /** The Type3 font's (F3) /FontMatrix, glyph box (d1) and ToUnicode map (or none). */
  type3?: { matrix?: number[]; box?: number[]; noToUnicode?: boolean };
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0').toUpperCase();
const hex2 = (n: number): string => n.toString(16).padStart(2, '0').toUpperCase();

/** A ToUnicode CMap: bfchar for the listed codes, and the rest of `codes` as ranges. */
function cmap(codes: [number, string][], twoByte: boolean): string {
  const code = twoByte ? hex4 : hex2;
  const dst = (s: string): string => [...s].map((c) => hex4(c.charCodeAt(0))).join('');
  const [first, ...rest] = codes;
  const half = Math.floor(rest.length / 2);
  const chars = rest.slice(0, half);
  const arrayed = rest.slice(half);
  const lines = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def /CMapType 2 def',
    `1 begincodespacerange <${twoByte ? '0000' : '00'}> <${twoByte ? 'FFFF' : 'FF'}> endcodespacerange`,
    // One as a range with a string, half as characters, the rest one range each with an array.
    first ? `1 beginbfrange <${code(first[0])}> <${code(first[0])}> <${dst(first[1])}> endbfrange` : '',
    `${chars.length} beginbfchar ${chars.map(([c, u]) => `<${code(c)}> <${dst(u)}>`).join(' ')} endbfchar`,
    `${arrayed.length} beginbfrange ${arrayed.map(([c, u]) => `<${code(c)}> <${code(c)}> [<${dst(u)}>]`).join(' ')} endbfrange`,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ];
  return lines.join('\n');
}

/** The characters the hand-made fonts have: code → Unicode, width. */
const GLYPHS: [number, string, number][] = [
  [0x20, ' ', 250],
  ...[...'Total0123456789abcdefghijkmnpqrsuvwxyz,.()'].map((c, k): [number, string, number] => [0x21 + k, c, 400 + ((k * 37) % 300)]),
  ...[...'政府信息公开年度报告本年新收'].map((c, k): [number, string, number] => [0x60 + k, c, 1000]),
];
/** Text in the simple font (F1) as a hex string: each character's code. */
const f1 = (s: string): string => `<${[...s].map((c) => hex2(GLYPHS.find((g) => g[1] === c)?.[0] ?? 0x7f)).join('')}>`;
/** Text in the composite font (F2): two bytes a code (0x100 + the simple font's). */
const f2 = (s: string): string => `<${[...s].map((c) => hex4(0x100 + (GLYPHS.find((g) => g[1] === c)?.[0] ?? 0x7f))).join('')}>`;

async function handMade(content: string, options: Options = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([400, 300]);
  const { context } = doc;
  const stream = (text: string, dict: Record<string, unknown> = {}): PDFRef =>
    context.register(context.stream(deflateSync(new TextEncoder().encode(text)), { ...dict, Filter: 'FlateDecode' } as never));
  const widths = Array.from({ length: 0x80 - 0x20 }, (_, k) => GLYPHS.find((g) => g[0] === 0x20 + k)?.[2] ?? 0);
  const descriptor = (name: string, program?: Uint8Array): PDFRef =>
    context.register(
      context.obj({
        ...(program ? { FontFile2: context.register(context.stream(deflateSync(program), { Filter: 'FlateDecode', Length1: program.length } as never)) } : {}),
        Type: 'FontDescriptor',
        FontName: name,
        Flags: 32,
        FontBBox: [0, -200, 1000, 800],
        ItalicAngle: 0,
        Ascent: 800,
        Descent: -200,
        CapHeight: 700,
        StemV: 80,
      } as never),
    );
  const simple = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'TrueType',
      BaseFont: 'ABCDEF+TestSans',
      FirstChar: 0x20,
      LastChar: 0x7f,
      Widths: widths,
      FontDescriptor: descriptor('ABCDEF+TestSans'),
      ...options.simple,
      ...(options.noToUnicode
        ? {}
        : {
            ToUnicode: stream(
              cmap(
                GLYPHS.map(([c, u]) => [c, u]),
                false,
              ),
            ),
          }),
    } as never),
  );
  const cid = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: 'GHIJKL+TestCJK',
      CIDSystemInfo: { Registry: context.obj('Adobe'), Ordering: context.obj('Identity'), Supplement: 0 },
      CIDToGIDMap: 'Identity',
      DW: 1000,
      // Both forms of §9.7.4.3: a list from a CID, and one width for a range of CIDs.
      W: options.w ?? [0x120, [250], 0x121, 0x12a, 550, 0x12b, GLYPHS.filter((g) => g[0] > 0x2a && g[0] < 0x60).map((g) => g[2])],
      FontDescriptor: descriptor('GHIJKL+TestCJK', options.program ? readFileSync(LIBERATION) : undefined),
      ...options.cid,
    } as never),
  );
  const composite = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: 'GHIJKL+TestCJK',
      Encoding: options.encoding ?? 'Identity-H',
      DescendantFonts: [cid],
      ToUnicode: stream(
        cmap(
          GLYPHS.map(([c, u]) => [0x100 + c, u]),
          true,
        ),
      ),
    } as never),
  );
  // A Type3 font as Chromium writes one (y flipped, glyphs drawn in their own content streams), its
  // glyph space two thousand units an em: a glyph's advance is its width times the matrix's a.
  const t3 = options.type3 ?? {};
  const [bx0, by0, bx1, by1] = t3.box ?? [100, -1760, 1800, 240];
  const type3 = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type3',
      FontMatrix: t3.matrix ?? [0.0005, 0, 0, -0.0005, 0, 0],
      FontBBox: [30, 240, 1940, -1760],
      FirstChar: 0x20,
      LastChar: 0x7f,
      Widths: widths.map((w) => 2 * w),
      Encoding: { Type: 'Encoding', Differences: [0x20, ...Array.from({ length: 0x60 }, (_, k) => `g${k}`)] },
      CharProcs: Object.fromEntries(
        Array.from({ length: 0x60 }, (_, k) => [
          `g${k}`,
          stream(`${2 * (widths[k] ?? 0)} 0 ${bx0} ${by0} ${bx1} ${by1} d1 ${bx0} ${by0} m ${bx1} ${by1} l ${bx0} ${by1} l h f`),
        ]),
      ),
      FontDescriptor: descriptor('MNOPQR+TestType3'),
      ...(t3.noToUnicode
        ? {}
        : {
            ToUnicode: stream(
              cmap(
                GLYPHS.filter(([c]) => c < 0x80).map(([c, u]) => [c, u]),
                false,
              ),
            ),
          }),
    } as never),
  );
  page.node.setFontDictionary(PDFName.of('F1'), simple);
  page.node.setFontDictionary(PDFName.of('F3'), type3);
  page.node.setFontDictionary(PDFName.of('F2'), composite);
  for (const [name, form] of Object.entries(options.forms ?? {}))
    page.node.setXObject(PDFName.of(name), stream(form.content, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 400, 300], ...form.dict }));
  if (options.extGState) (page.node.Resources() as PDFDict).set(PDFName.of('ExtGState'), context.obj(options.extGState as never));
  for (const [key, value] of Object.entries(options.page ?? {})) (page.node as PDFDict).set(PDFName.of(key), context.obj(value as never));
  (page.node as PDFDict).set(PDFName.of('Contents'), stream(content));
  return doc.save({ useObjectStreams: false });
}

type Row = [string, string, Options?];

const LIBERATION = path.resolve(import.meta.dirname, '../node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
/** Per-glyph vertical metrics (§9.7.4.3 /W2, both forms): w1y and the position vector. */
const W2 = [0x160, [-800, 500, 880, -1200, 500, 880], 0x162, 0x16d, -900, 500, 880];

describe('hand-made pages', () => {
  it.each<Row>([
    ['a line of text, simple font', `BT /F1 12 Tf 20 250 Td ${f1('Total 123 (abc)')} Tj ET`],
    ['a line of text, composite font', `BT /F2 12 Tf 20 250 Td ${f2('政府信息公开 Total 1,234')} Tj ET`],
    [
      'every positioning operator',
      `BT /F1 10 Tf 14 TL 20 280 Td ${f1('abc')} Tj T* ${f1('def')} Tj 0 -14 Td ${f1('ghi')} Tj 5 -20 TD ${f1('jkm')} Tj T* ${f1('npq')} ' 2 0.5 ${f1('rsu')} " 1 0 0 1 200 200 Tm ${f1('vwx')} Tj ET`,
    ],
    [
      'character, word and horizontal scaling',
      `BT /F1 11 Tf 20 250 Td 0.8 Tc 3 Tw 120 Tz ${f1('Total 12 34')} Tj 0 Tc 0 Tw 80 Tz 0 -20 Td ${f1('abc def')} Tj ET`,
    ],
    [
      'TJ: kerning, a space by a gap, a gap that ends the run, a step back',
      `BT /F1 12 Tf 20 250 Td [${f1('To')} -20 ${f1('tal')} -400 ${f1('123')} -2000 ${f1('456')} 900 ${f1('789')} 0 ${f1('ab')} -100 () -300 ${f1('cd')}] TJ ET`,
    ],
    ['runs by their font and size', `BT /F1 12 Tf 20 250 Td ${f1('abc')} Tj /F2 12 Tf ${f2('政府')} Tj /F2 9 Tf ${f2('信息')} Tj /F1 9 Tf ${f1('12')} Tj ET`],
    [
      'text objects one after another on a line',
      `BT /F2 12 Tf 20 250 Td ${f2('政府')} Tj ET BT /F2 12 Tf 44 250 Td ${f2('信息')} Tj ET BT /F2 12 Tf 75 250.5 Td ${f2('公开')} Tj ET`,
    ],
    ['spaces shown, narrow and wide', `BT /F1 12 Tf 20 250 Td ${f1('ab  cd')} Tj 3 Tw ${f1('ef gh')} Tj 0 Tw ${f1('ij')} Tj 2 Tc ( ) Tj 0 Tc ${f1('k')} Tj ET`],
    [
      'transforms, saves and restores',
      `q 0.5 0 0 0.5 10 10 cm BT /F2 20 Tf 1 0 0 1 40 400 Tm ${f2('本年新收')} Tj 2 0 0 2 40 300 Tm ${f2('12')} Tj ET Q BT /F1 12 Tf 20 20 Td ${f1('Total')} Tj ET`,
    ],
    ['a scale that changes within a run', `BT /F1 12 Tf 1 0 0 1 20 250 Tm ${f1('abc')} Tj 2 0 0 2 39.5 250 Tm ${f1('de')} Tj ET`],
    [
      'text turned a quarter, both ways, and upside down',
      `BT /F2 12 Tf 0 1 -1 0 100 50 Tm ${f2('政府信息公开')} Tj 0 -1 1 0 200 250 Tm ${f2('年度报告')} Tj -1 0 0 -1 300 250 Tm ${f2('本年新收')} Tj ET`,
    ],
    [
      'the page shown turned (/Rotate 90)',
      `BT /F2 12 Tf 20 250 Td ${f2('政府信息公开')} Tj 0 -20 Td /F1 12 Tf ${f1('Total 12')} Tj ET`,
      { page: { Rotate: 90 } },
    ],
    [
      'a landscape page shown upright (/Rotate 270, text turned)',
      `BT /F2 12 Tf 0 1 -1 0 100 20 Tm ${f2('政府信息公开年度报告')} Tj ET`,
      { page: { Rotate: 270 } },
    ],
    [
      'a crop box, and glyphs off the page',
      `BT /F1 12 Tf -30 250 Td ${f1('Total 123456')} Tj 0 -20 Td ${f1('abc def')} Tj 350 -100 Td ${f1('abcdefghijk 12')} Tj ET`,
      { page: { CropBox: [10, 10, 380, 290] } },
    ],
    [
      'forms: their /Matrix, their own runs',
      `BT /F2 12 Tf 20 250 Td ${f2('政府')} Tj ET /Fm1 Do BT /F2 12 Tf 68 250 Td ${f2('公开')} Tj ET q 1 0 0 1 0 -50 cm /Fm1 Do Q`,
      { forms: { Fm1: { content: `BT /F2 12 Tf 44 250 Td ${f2('信息')} Tj ET`, dict: { Matrix: [1, 0, 0, 1, 0.5, -0.25] } } } },
    ],
    ['marked content without /ActualText', `/Span <</MCID 0 /Lang (zh)>> BDC BT /F1 12 Tf 20 250 Td ${f1('Total')} Tj ET EMC`],
    [
      'marked content with /ActualText (pdf.js reads the glyphs, not the replacement)',
      `/Span <</ActualText (x)>> BDC BT /F1 12 Tf 20 250 Td ${f1('Total')} Tj ET EMC BT /F1 12 Tf 20 230 Td ${f1('123')} Tj ET`,
    ],
    [
      'a Type3 font: its widths in glyph space, scaled by its /FontMatrix',
      `BT /F3 12 Tf 20 250 Td ${f1('Total 123 (abc)')} Tj 0 -20 Td [${f1('ab')} -400 ${f1('cd')} -2000 ${f1('ef')}] TJ 0 -20 Td 1 Tc ${f1('2024')} Tj ET`,
    ],
    [
      'a Type3 font with the usual matrix, at a font size of 1',
      `BT /F3 1 Tf 12 0 0 12 20 250 Tm ${f1('Total 123')} Tj ET`,
      { type3: { matrix: [0.001, 0, 0, 0.001, 0, 0] } },
    ],
    [
      'a /FontMatrix on other fonts that keeps a thousandth of an em',
      `BT /F1 12 Tf 20 250 Td ${f1('Total 123')} Tj /F2 12 Tf 0 -20 Td ${f2('政府信息 12')} Tj ET`,
      { simple: { FontMatrix: [0.001, 0, 0, 0.001, 0, 0] }, cid: { FontMatrix: [0.001, 0, 0, -0.001, 0, 5] } },
    ],
    [
      'vertical writing with per-glyph metrics (/W2)',
      `BT /F2 12 Tf 100 250 Td ${f2('政府信息公开')} Tj 50 0 Td ${f2('年度报告')} Tj ET`,
      { encoding: 'Identity-V', program: true, cid: { W2 } },
    ],
    ['a text render mode (invisible text is read as pdf.js reads it)', `BT 3 Tr /F1 12 Tf 20 250 Td ${f1('Total')} Tj 0 Tr ${f1('123')} Tj ET`],
  ])('%s: read here, the same as with pdf.js', async (...row: Row) => {
    const [, content, options] = row;
    const bytes = await handMade(content, options);
    const r = await bothWays(bytes);
    expect(r.texts).toBeGreaterThan(0);
    expect(r.counts.withoutPdfjs).toBe(1);
    expect(r.own).toEqual(r.pdfjs);
  });

  it('letter spacing (Tc) is no gap between words: read as the glyphs are written, where pdf.js puts spaces', async () => {
    // Word's 字符间距加宽 1.5 pt writes Tc 1.5; pdf.js's text content reads “2 0 2 4 年”. Glyphs
    // drawn over each other (Tc −5) or spread far apart (Tc 10) are one word too, as written.
    const bytes = await handMade(
      `BT /F2 12 Tf 20 250 Td 1.5 Tc ${f2('2024年政府信息 公开')} Tj 0 Tc 0 -20 Td /F1 12 Tf -5 Tc ${f1('ef gh')} Tj 10 Tc ${f1('ij k')} Tj ET`,
    );
    const strs = async (pdfjsText: boolean): Promise<string[]> => {
      const r = await extractPdf(bytes, { loadData: pdfData, pdfjsText });
      return 'pages' in r ? (r.pages[0]?.texts ?? []).map((t) => t.str) : [];
    };
    expect(await strs(false)).toEqual(['2024年政府信息 公开', 'ef ghij k']);
    expect(await strs(true)).toEqual(['2 0 2 4 年 政 府 信 息 公 开', ...'efghijk']);
  });

  it('text wholly outside the clip in force is not read, where pdf.js reads it', async () => {
    // A cell's last line run on below the cell, which LibreOffice clips its text to: nothing of it
    // shows. Clipped to y ≥ 200: the line at 250 is read, the one at 190 shows its top (a glyph's box
    // reaches 0.85 em over its baseline) and is read, the one at 150 is not; the clip ends with Q.
    const bytes = await handMade(
      `q 0 200 400 100 re W n BT /F1 12 Tf 20 250 Td ${f1('abc')} Tj 0 -60 Td ${f1('def')} Tj 0 -40 Td ${f1('ghi')} Tj ET Q BT /F1 12 Tf 20 100 Td ${f1('jkm')} Tj ET`,
    );
    const strs = async (pdfjsText: boolean): Promise<string[]> => {
      const r = await extractPdf(bytes, { loadData: pdfData, pdfjsText });
      return 'pages' in r ? (r.pages[0]?.texts ?? []).map((t) => t.str) : [];
    };
    expect(await strs(false)).toEqual(['abc', 'def', 'jkm']);
    expect(await strs(true)).toEqual(['abc', 'def', 'ghi', 'jkm']);
  });

  it.each<Row>([
    ['a font without a ToUnicode map', `BT /F1 12 Tf 20 250 Td ${f1('Total')} Tj ET`, { noToUnicode: true }],
    ['a code the ToUnicode map does not map', `BT /F1 12 Tf 20 250 Td <7F> Tj ET`],
    [
      'vertical writing (Identity-V) in a font not embedded (pdf.js substitutes vertical forms)',
      `BT /F2 12 Tf 100 250 Td ${f2('政府信息')} Tj ET`,
      { encoding: 'Identity-V' },
    ],
    ['a Type3 font without a ToUnicode map', `BT /F3 12 Tf 20 250 Td ${f1('Total')} Tj ET`, { type3: { noToUnicode: true } }],
    ['a Type3 font at a font size of 1 (pdf.js stretches its glyphs)', `BT /F3 1 Tf 12 0 0 12 20 250 Tm ${f1('Total 123')} Tj ET`],
    [
      'a Type3 glyph box ten times the font’s (pdf.js stretches its glyphs)',
      `BT /F3 12 Tf 20 250 Td ${f1('Total')} Tj ET`,
      { type3: { box: [0, -20000, 20000, 2000] } },
    ],
    ['a Type3 font matrix that skews', `BT /F3 12 Tf 20 250 Td ${f1('Total')} Tj ET`, { type3: { matrix: [0.0005, 0, 0.0002, -0.0005, 0, 0] } }],
    ['a /FontMatrix that changes the widths', `BT /F1 12 Tf 20 250 Td ${f1('Total')} Tj ET`, { simple: { FontMatrix: [0.002, 0, 0, 0.002, 0, 0] } }],
    ['a text rise', `BT /F1 12 Tf 20 250 Td ${f1('Total')} Tj 3 Ts ${f1('12')} Tj ET`],
    ['a font set by the graphics state', `/GS1 gs BT 20 250 Td ${f1('Total')} Tj ET`, { extGState: { GS1: { Font: ['F1X', 12] } } }],
    ['text turned other than by quarters', `BT /F1 12 Tf 0.8 0.6 -0.6 0.8 20 200 Tm ${f1('Total 123')} Tj ET`],
    ['text shown with no font set', `BT 20 250 Td ${f1('Total')} Tj ET`],
    [
      'widths written over and over (more entries than two-byte codes)',
      `BT /F2 12 Tf 20 250 Td ${f2('政府')} Tj ET`,
      { w: Array.from({ length: 40 }, () => [0, 65535, 500]).flat() },
    ],
  ])('%s: left to pdf.js, which reads it as before', async (...row: Row) => {
    const [, content, options] = row;
    const r = await bothWays(await handMade(content, options));
    expect(r.counts.ownText).toBe(0);
    expect(r.counts.withoutPdfjs).toBe(0);
    expect(r.own).toEqual(r.pdfjs);
  });
});
