/**
 * The ruling lines read from the page's content streams here (src/reading/pdf/rulings.ts) instead
 * of from pdf.js's operator list: the pages read are those read with the operator list, on every
 * PDF the tests have (a quarter of each producer's and the real WPS PDFs unless at full scale,
 * XXGK_PROPERTY_SCALE=1), where every page is read here; and on hand-made pages with what the
 * reader must cut and interpret as the PDF specification defines them (forms with their /Matrix and
 * resources, every path and painting operator, strings, dictionaries, comments, numbers); and where
 * it is not certain (a soft mask, an annotation's appearance, an inline image, a shading, a pattern
 * colour space, an unknown operator, wrong operands, a malformed token, unbalanced saves, a path
 * where §8.2 has none) it leaves the page to pdf.js, whose reading is then the same as before.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { type PDFDict, PDFDocument, PDFName, type PDFRef, StandardFonts } from 'pdf-lib';
import { pdfData } from '../src/engine/decode.ts';
import { extractPdf } from '../src/reading/pdf/extract.ts';
import { pdfCases, samplePdfs } from './helpers/pdfs.ts';
import { expectEqual } from './helpers/equal.ts';
import { PROPERTY_SCALE } from './helpers/property.ts';

jest.setTimeout(240_000);

/** The pages read both ways, and how many had their lines read here. */
async function bothWays(bytes: Uint8Array): Promise<{ own: unknown; pdfjs: unknown; ownPages: number; pages: number; lines: number }> {
  const counts = { ownRulings: 0 };
  const own = await extractPdf(bytes, { loadData: pdfData, counts });
  const pdfjs = await extractPdf(bytes, { loadData: pdfData, operatorList: true });
  const pages = 'pages' in own ? own.pages : [];
  return { own, pdfjs, ownPages: counts.ownRulings, pages: pages.length, lines: pages.reduce((n, p) => n + p.lines.length, 0) };
}

interface Form {
  content: string;
  dict?: Record<string, unknown>;
  /** Forms this one draws, by name. */
  forms?: Record<string, Form>;
}

/** A one-page PDF (Helvetica as /F1, forms as /XObject), its content stream deflated or as given. */
async function handMade(
  content: string,
  {
    forms = {},
    extGState,
    annots,
    raw,
    more = [],
  }: {
    forms?: Record<string, Form>;
    extGState?: Record<string, unknown>;
    annots?: Record<string, unknown>[];
    raw?: boolean;
    /** Further content streams, /Contents then an array. */
    more?: string[];
  } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([400, 300]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.node.setFontDictionary(PDFName.of('F1'), font.ref);
  const register = (form: Form): PDFRef => {
    const resources: Record<string, unknown> = {};
    if (form.forms) resources['XObject'] = Object.fromEntries(Object.entries(form.forms).map(([name, f]) => [name, register(f)]));
    const dict = { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 400, 300], ...(form.forms ? { Resources: resources } : {}), ...form.dict };
    return doc.context.register(doc.context.flateStream(new TextEncoder().encode(form.content), dict as never));
  };
  for (const [name, form] of Object.entries(forms)) page.node.setXObject(PDFName.of(name), register(form));
  if (extGState) {
    const resources = page.node.Resources() as PDFDict;
    resources.set(PDFName.of('ExtGState'), doc.context.obj(extGState as never));
  }
  if (annots) (page.node as PDFDict).set(PDFName.of('Annots'), doc.context.obj(annots as never));
  const streams = [content, ...more].map((text) => {
    const data = new TextEncoder().encode(text);
    return doc.context.register(raw ? doc.context.stream(data) : doc.context.stream(deflateSync(data), { Filter: 'FlateDecode' } as never));
  });
  (page.node as PDFDict).set(PDFName.of('Contents'), more.length > 0 ? doc.context.obj(streams) : (streams[0] as PDFRef));
  return doc.save({ useObjectStreams: false });
}

/** A table's name, a page's content, and what else the page has. */
type Row = [string, string, Parameters<typeof handMade>[1]?];

const TABLE = '0.5 w 20 250 m 380 250 l S 20 200.25 360 0.6 re f 200.3 100 m 200.3 260 l S';

describe('ruling lines read from the content streams', () => {
  it.each(pdfCases(samplePdfs(PROPERTY_SCALE)))('%s: every page read here, the same as from the operator list', async (_, file) => {
    const r = await bothWays(new Uint8Array(readFileSync(file)));
    expect(r.pages).toBeGreaterThan(0);
    expect(r.ownPages).toBe(r.pages);
    expectEqual(r.own, r.pdfjs);
  });

  it.each<Row>([
    [
      'every path and painting operator',
      `${TABLE} 10 10 m 50 10 l 50 12 l h f 10 20 50 0 re S 10 30 0 40 re S 60 60 30 1 re h s 60 70 30 1.5 re b 60 80 m 90 80 l 90 81 l b* 5 5 m 5 6 7 8 9 9 c 9 20 l S 5 5 m 6 6 9 9 v 9 30 l S 5 5 m 6 6 9 9 y 9 40 l S 1 1 m 300 1 l F 1 3 m 300 3 l 300 4 l f* 1 6 m 300 6 l B 1 8 m 300 8 l B* 1 9 m 300 9 l n`,
    ],
    ['a clip paints nothing', `20 20 360 260 re W n ${TABLE} 10 10 300 1 re W* n`],
    [
      'transforms, saves and restores',
      `q 1 0 0 1 10.5 -3.25 cm ${TABLE} q 0.5 0 0 2 3 4 cm 10 10 300 1 re f Q 0 1 -1 0 300 0 cm 30 30 m 30 200 l S Q 20 20 m 300 20 l S q 2 0 0 2 0 0 cm 5 5 100 1 re f Q`,
    ],
    [
      'strings, names, dictionaries, arrays and comments that hold operator-like text',
      `BT /F1 12 Tf 20 280 Td (1 0 0 RG 0 0 m 300 0 l S \\) \\(nested (parens) ok\\\\) Tj [(a) -20 <3132 33> 5 (b\\051c)] TJ (line\\\nbreak \\101\\60x) ' 1 2 (x) " ET % 10 10 m 300 10 l S\n/Span <</MCID 0 /Alt (1 0 0 1 0 0 cm) /Nested << /A [1 2 (3)] >> >> BDC ${TABLE} EMC /P BMC EMC /Tag /Name#20with#20escape DP 0.2 0.4 0.6 rg 1 0 0 RG 0 0 0 1 k /DeviceRGB cs 0.5 0.5 0.5 sc /DeviceGray CS 0.1 SC 0.3 g 0.6 G [3 2] 0 d 1 J 1 j 4 M /RelativeColorimetric ri 1 i`,
    ],
    [
      'numbers in every form §7.3.3 allows',
      `+20 -.5 m 380.000001 -0.5 l S 20 40 m 380 40.123456789012 l S 0 0 m 1 0 l S 20 60. m 380 60 l S 020 -000.000000000000000000001 m 00380.5000 0 l S`,
    ],
    [
      'forms: their /Matrix, their own resources, nested, drawn twice',
      `${TABLE} /Fm1 Do q 1 0 0 1 0 -50 cm /Fm1 Do Q /Fm2 Do`,
      {
        forms: {
          Fm1: {
            content: `q 20 150 m 380 150 l S Q /Inner Do`,
            dict: { Matrix: [0.9, 0, 0, 0.9, 10.123, 5.5] },
            forms: { Inner: { content: `30 120 300 0.8 re f q 1 0 0 1 3 3 cm 30 125 300 0.8 re f Q`, dict: { Matrix: [1, 0, 0, 1, 0, -2.0001] } } },
          },
          Fm2: { content: `50 50 m 50 150 l S`, dict: { Group: { S: 'Transparency', CS: 'DeviceRGB' } } },
        },
      },
    ],
    ['an uncompressed content stream', `${TABLE} 10 10 300 1 re f`, { raw: true }],
    ['content in three streams, divided between tokens', `${TABLE} q 10 10 m`, { more: [' 300 10 l S\n', '% a comment\nQ'] }],
    [
      'a graphics state without a soft mask, and a link',
      `/GS1 gs ${TABLE}`,
      { extGState: { GS1: { CA: 0.5, ca: 0.5, SMask: 'None' } }, annots: [{ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10] }] },
    ],
  ])('%s: read here, the same as from the operator list', async (...row: Row) => {
    // A rest parameter: jest takes a third declared parameter a row lacks for `done`.
    const [, content, extra] = row;
    const r = await bothWays(await handMade(content, extra));
    expect(r.ownPages).toBe(1);
    expect(r.lines).toBeGreaterThan(0);
    expectEqual(r.own, r.pdfjs);
  });

  it('a line wholly outside the clip in force is not read; one partly inside it is', async () => {
    // Clipped to x ≤ 100: the line across it is read, the one at x = 200 not; after Q the clip is
    // gone. `re W S` strokes the rectangle, then clips to it: the line at y = 100 is outside.
    const content = `q 0 0 100 300 re W n 0.5 w 20 250 m 300 250 l S 200 20 m 200 280 l S 30 40 300 1 re f Q 250 20 m 250 280 l S q 10 10 380 50 re W S 20 100 m 300 100 l S 20 30 m 300 30 l S Q`;
    const r = await bothWays(await handMade(content));
    expect(r.ownPages).toBe(1);
    expectEqual(r.own, r.pdfjs);
    const lines = 'pages' in (r.own as object) ? (r.own as { pages: { lines: unknown[] }[] }).pages[0]?.lines : [];
    expect(lines).toEqual([
      { x0: 20, x1: 300, y0: 50, y1: 50 },
      { x0: 30, x1: 330, y0: 259.5, y1: 259.5 },
      { x0: 250, x1: 250, y0: 20, y1: 280 },
      { x0: 10, x1: 390, y0: 290, y1: 290 },
      { x0: 390, x1: 390, y0: 240, y1: 290 },
      { x0: 10, x1: 390, y0: 240, y1: 240 },
      { x0: 10, x1: 10, y0: 240, y1: 290 },
      { x0: 20, x1: 300, y0: 270, y1: 270 },
    ]);
  });

  it.each<Row>([
    ['a soft mask', `/GS1 gs ${TABLE}`, { extGState: { GS1: { SMask: { Type: 'Mask', S: 'Luminosity' } } } }],
    ['an annotation with an appearance', TABLE, { annots: [{ Type: 'Annot', Subtype: 'Square', Rect: [10, 10, 100, 100], C: [1, 0, 0] }] }],
    ['an inline image', `${TABLE} q 10 0 0 10 50 50 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \xff EI Q`],
    ['a shading', `${TABLE} /Sh1 sh`],
    ['a pattern colour space', `/Pattern cs /P1 scn ${TABLE}`],
    ['an unknown operator', `${TABLE} 1 2 foo 10 10 300 1 re f`],
    ['an operator with arguments pdf.js would shift', `${TABLE} 5 10 10 300 1 re f`],
    ['an operator with arguments pdf.js would drop', `${TABLE} 20 20 m 300 l S`],
    ['a reference among operands', `${TABLE} 1 0 R 10 10 300 1 re f`],
    ['a stray delimiter', `${TABLE} ) 10 10 300 1 re f`],
    ['text operands of the wrong type', `BT /F1 12 Tf 5 Tj ET ${TABLE}`],
    // What §7.2, §7.3 and §8.2 leave undefined, which pdf.js reads in its own way.
    ['saves and restores unbalanced either way', `q 1 0 0 1 10.5 -3.25 cm ${TABLE} Q Q Q 20 20 m 300 20 l S q 2 0 0 2 0 0 cm 5 5 100 1 re f`],
    [
      'forms whose saves and restores are unbalanced',
      `${TABLE} /Fm1 Do /Fm2 Do`,
      { forms: { Fm1: { content: `30 120 300 0.8 re f q` }, Fm2: { content: `Q 50 50 m 50 150 l S` } } },
    ],
    ['a path under construction through q, Q and cm', `${TABLE} 20 30 m q 1 0 0 1 5 5 cm 300 30 l Q S`],
    ['a line without a current point', `${TABLE} 300 30 l S`],
    ['a path left unpainted', `${TABLE} 20 30 m 300 30 l`],
    ['a path inside a text object', `BT ${TABLE} ET`],
    ['a doubled sign', `${TABLE} 20 60 m --380 60 l S`],
    ['a sign inside a number', `${TABLE} 20 60 m 38-0 60 l S`],
    ['a sign before a line break', `${TABLE} 20 60 m -\n380 60 l S`],
    ['two decimal points', `${TABLE} 20 60 m 1.2.3 60 l S`],
    ['an operator run into a number', `${TABLE} 20 60 m100 60 l S`],
    ['an unterminated array', `${TABLE} [1 2`],
    ['an unterminated string', `${TABLE} BT (abc Tj ET`],
    ['a number divided between two content streams', `${TABLE} 10 10 m 30`, { more: ['0 10 l S'] }],
    ['a comment running into the next content stream', `${TABLE} % a comment`, { more: ['10 10 300 1 re f'] }],
    ['a number too long to be read exactly', `${TABLE} 20 60 m 380.12345678901234567 60 l S`],
  ])('%s: left to pdf.js, which reads it as before', async (...row: Row) => {
    // A rest parameter: jest takes a third declared parameter a row lacks for `done`.
    const [, content, extra] = row;
    const r = await bothWays(await handMade(content, extra));
    expect(r.ownPages).toBe(0);
    expectEqual(r.own, r.pdfjs);
  });
});
