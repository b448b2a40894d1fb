/**
 * The font programs pdf.js is not given (src/reading/pdf/font-programs.ts): what pdf.js reads of a
 * PDF is the same with them and without them, and a font whose program could change the reading
 * keeps it — no /ToUnicode, a symbolic simple font whose /ToUnicode maps nothing, vertical
 * writing (a horizontal font sharing its descendant gets a copy without), a program that is not
 * TrueType, object streams.
 *
 * The hand-made PDFs embed pdf.js's own LiberationSans-Regular.ttf as a simple TrueType font
 * (WinAnsiEncoding), with and without a /ToUnicode: without one, the text comes from the encoding,
 * and reads right with its program kept.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { pdfData } from '../src/engine/decode.ts';
import { extractPdf } from '../src/reading/pdf/extract.ts';
import { withoutFontPrograms } from '../src/reading/pdf/font-programs.ts';
import { fixtures, pdfCases } from './helpers/pdfs.ts';
import { PROPERTY_SCALE } from './helpers/property.ts';
import { expectEqual } from './helpers/equal.ts';

jest.setTimeout(240_000);

const read = (file: string): Uint8Array => new Uint8Array(readFileSync(file));
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const count = (bytes: Uint8Array, key: string): number => latin1(bytes).split(key).length - 1;

const ttf = read(path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/LiberationSans-Regular.ttf'));

/** A one-page PDF showing `Total 123` in LiberationSans embedded as a simple TrueType font. */
async function handMade(options: { toUnicode: boolean | 'maps nothing'; symbolic?: boolean; program?: Uint8Array }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  const { context } = doc;
  const program = context.register(context.flateStream(options.program ?? ttf, { Length1: (options.program ?? ttf).length }));
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: 'ABCDEF+LiberationSans',
      // Nonsymbolic (bit 6) or Symbolic (bit 3).
      Flags: options.symbolic ? 4 : 32,
      FontBBox: [-200, -300, 1200, 1000],
      ItalicAngle: 0,
      Ascent: 900,
      Descent: -200,
      CapHeight: 700,
      StemV: 80,
      FontFile2: program,
    }),
  );
  const font: Record<string, unknown> = {
    Type: 'Font',
    Subtype: 'TrueType',
    BaseFont: 'ABCDEF+LiberationSans',
    FirstChar: 32,
    LastChar: 126,
    Widths: Array.from({ length: 95 }, () => 556),
    Encoding: 'WinAnsiEncoding',
    FontDescriptor: descriptor,
  };
  if (options.toUnicode) {
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
      '1 begincodespacerange <00> <FF> endcodespacerange',
      options.toUnicode === 'maps nothing' ? '' : '1 beginbfrange <20> <7E> <0020> endbfrange',
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    font['ToUnicode'] = context.register(context.flateStream(cmap));
  }
  const fontRef = context.register(context.obj(font as never));
  page.node.setFontDictionary(PDFName.of('F1'), fontRef as PDFRef);
  const contents = context.register(context.flateStream('BT /F1 12 Tf 40 100 Td (Total 123) Tj ET'));
  (page.node as PDFDict).set(PDFName.of('Contents'), contents);
  return doc.save({ useObjectStreams: false });
}

const texts = async (bytes: Uint8Array, keepFontPrograms = false): Promise<unknown> => {
  const r = await extractPdf(bytes, { loadData: pdfData, keepFontPrograms, pdfjsText: true });
  if ('error' in r) throw new Error(r.error);
  return r.pages;
};

describe('the font programs pdf.js need not parse', () => {
  // Read both ways on every PDF at full scale; npm test reads each PDF with all the reader's savings
  // and with none (test/pdf-own-text.test.ts), and checks here what is done to its bytes.
  it.each(pdfCases())('%s has only their keys renamed (and reads the same with and without them, at full scale)', async (_, file) => {
    const bytes = read(file);
    const stripped = await withoutFontPrograms(bytes);
    // Each of these PDFs has some (Chromium's and WPS's fonts: Identity-H, /ToUnicode, subset tags).
    expect(stripped).toBeDefined();
    if (!stripped) return;
    // Only keys renamed, in place (every offset where it was), and perhaps an update after the file.
    expect(stripped.length).toBeGreaterThanOrEqual(bytes.length);
    let renamed = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (stripped[i] === bytes[i]) continue;
      expect(latin1(bytes.subarray(i - 9, i + 1)) + latin1(stripped.subarray(i, i + 1))).toBe('/FontFile2X');
      renamed++;
    }
    expect(renamed + (stripped.length > bytes.length ? 1 : 0)).toBeGreaterThan(0);
    if (PROPERTY_SCALE >= 1) expectEqual(await texts(bytes), await texts(bytes, true));
  });

  it('keeps the program of a simple font without /ToUnicode, which then reads from its encoding', async () => {
    const bytes = await handMade({ toUnicode: false });
    expect(await withoutFontPrograms(bytes)).toBeUndefined();
    const pages = (await texts(bytes)) as { texts: { str: string }[] }[];
    expect(pages[0]?.texts.map((t) => t.str)).toEqual(['Total 123']);
  });

  it('leaves out the program of the same font with a /ToUnicode, and reads the same', async () => {
    const bytes = await handMade({ toUnicode: true });
    const stripped = await withoutFontPrograms(bytes);
    expect(stripped && count(stripped, '/FontFileX')).toBe(1);
    const pages = await texts(bytes);
    expectEqual(pages, await texts(bytes, true));
    expect((pages as { texts: { str: string }[] }[])[0]?.texts.map((t) => t.str)).toEqual(['Total 123']);
  });

  it('leaves out the program of a symbolic simple font whose /ToUnicode maps its codes (as LibreOffice writes)', async () => {
    const bytes = await handMade({ toUnicode: true, symbolic: true });
    const stripped = await withoutFontPrograms(bytes);
    expect(stripped && count(stripped, '/FontFileX')).toBe(1);
    expectEqual(await texts(bytes), await texts(bytes, true));
  });

  it('keeps the program of a symbolic simple font whose /ToUnicode maps nothing, and of a /FontFile2 that is not TrueType', async () => {
    // pdf.js then takes the Unicode from the program's cmap (adjustTrueTypeToUnicode).
    expect(await withoutFontPrograms(await handMade({ toUnicode: 'maps nothing', symbolic: true }))).toBeUndefined();
    const type1 = read(path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/FoxitSerif.pfb'));
    expect(await withoutFontPrograms(await handMade({ toUnicode: true, program: type1 }))).toBeUndefined();
  });

  it('keeps the programs of vertical fonts (without them pdf.js reads 、 as ︑)', async () => {
    const bytes = read(path.join(fixtures, 'pdf/bordered.pdf'));
    const vertical = new Uint8Array(Buffer.from(latin1(bytes).replaceAll('/Identity-H', '/Identity-V'), 'latin1'));
    expect(count(vertical, '/Identity-V')).toBeGreaterThan(0);
    expect(await withoutFontPrograms(vertical)).toBeUndefined();
  });

  it('gives a horizontal font a copy without the program when a vertical one shares its descendant', async () => {
    // As WPS writes 宋体: one descendant under an /Identity-H and an /Identity-V Type0 font.
    const doc = await PDFDocument.load(read(path.join(fixtures, 'pdf/bordered.pdf')));
    const fonts = doc.getPages()[0]?.node.Resources()?.lookup(PDFName.of('Font'));
    if (!(fonts instanceof PDFDict)) throw new Error('no fonts');
    const [name, ref] = fonts.entries()[0] ?? [];
    const horizontal = ref && doc.context.lookup(ref);
    if (!name || !(horizontal instanceof PDFDict)) throw new Error('no font');
    const vertical = horizontal.clone(doc.context);
    vertical.set(PDFName.of('Encoding'), PDFName.of('Identity-V'));
    fonts.set(PDFName.of(`${name.asString().slice(1)}V`), doc.context.register(vertical));
    const bytes = await doc.save({ useObjectStreams: false });
    const stripped = await withoutFontPrograms(bytes);
    // The file's own descriptor keeps its program; the update after the file has the copy without.
    expect(stripped && stripped.length > bytes.length).toBe(true);
    expect(stripped && count(stripped.subarray(bytes.length), '/FontFileX')).toBe(1);
    expectEqual(await texts(bytes), await texts(bytes, true));
  });

  it('leaves a PDF with object streams as it is', async () => {
    const doc = await PDFDocument.load(await handMade({ toUnicode: true }));
    const packed = await doc.save({ useObjectStreams: true });
    expect(count(packed, '/ObjStm')).toBeGreaterThan(0);
    expect(await withoutFontPrograms(packed)).toBeUndefined();
  });
});
