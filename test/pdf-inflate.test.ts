/**
 * The streams pdf.js is given decoded (src/reading/pdf/font-programs.ts `inflatable`): page
 * contents and ToUnicode maps, inflated once instead of once per pass. The reading is the same as
 * with the file's compressed streams for every PDF the tests have; only whole, sound zlib data with
 * nothing but /Length and /Filter /FlateDecode is replaced; a damaged stream is left to pdf.js's own
 * recovery, and reads as before.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { type PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { pdfData } from '../src/engine/decode.ts';
import { extractPdf } from '../src/reading/pdf/extract.ts';
import { forPdfjs } from '../src/reading/pdf/font-programs.ts';
import { pdfCases } from './helpers/pdfs.ts';
import { PROPERTY_SCALE } from './helpers/property.ts';
import { expectEqual } from './helpers/equal.ts';

jest.setTimeout(240_000);

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

const pages = async (bytes: Uint8Array, keepStreamsCompressed = false): Promise<unknown> => {
  const r = await extractPdf(bytes, { loadData: pdfData, keepStreamsCompressed, pdfjsText: true });
  if ('error' in r) throw new Error(r.error);
  return r.pages;
};

/** A one-page PDF showing `Total 123` (Helvetica) and a ruled line, its content stream as given. */
async function handMade(content: (raw: Uint8Array) => { data: Uint8Array; dict: Record<string, unknown> }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.node.setFontDictionary(PDFName.of('F1'), font.ref);
  const { data, dict } = content(new TextEncoder().encode('0 0 0 RG 1 w 20 80 m 280 80 l S BT /F1 12 Tf 40 100 Td (Total 123) Tj ET'));
  const stream = doc.context.register(doc.context.stream(data, dict as never));
  (page.node as PDFDict).set(PDFName.of('Contents'), stream);
  return doc.save({ useObjectStreams: false });
}

describe('streams given to pdf.js decoded', () => {
  // Read both ways on every PDF at full scale; npm test reads each PDF with all the reader's savings
  // and with none (test/pdf-own-text.test.ts), and checks here what is done to its bytes.
  it.each(pdfCases())('%s has its page contents inflated after the file (and reads the same as with them compressed, at full scale)', async (_, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const copy = await forPdfjs(bytes);
    // Every one of these has page contents to inflate: an update after the file holds them.
    expect(copy).toBeDefined();
    expect(latin1((copy ?? bytes).subarray(bytes.length))).toMatch(/ obj\n<< \/Length \d+ >>\nstream\n/);
    if (PROPERTY_SCALE >= 1) expectEqual(await pages(bytes), await pages(bytes, true));
  });

  it('inflates a sound FlateDecode content stream, and the page reads the same', async () => {
    const bytes = await handMade((raw) => ({ data: deflateSync(raw), dict: { Filter: 'FlateDecode' } }));
    const copy = await forPdfjs(bytes, { fontPrograms: false });
    expect(latin1(copy ?? new Uint8Array()).slice(bytes.length)).toContain('20 80 m 280 80 l S BT /F1 12 Tf');
    const read = await pages(bytes);
    expectEqual(read, await pages(bytes, true));
    expect(JSON.stringify(read)).toContain('Total 123');
  });

  it('leaves a damaged stream (bad checksum, cut short, junk after it) to pdf.js, which reads it as before', async () => {
    const damaged: ((z: Uint8Array) => Uint8Array)[] = [
      (z) => Uint8Array.from(z, (b, i) => (i === z.length - 1 ? b ^ 0xff : b)),
      (z) => z.subarray(0, z.length - 6),
      (z) => Buffer.concat([z, Buffer.from('junk')]),
    ];
    for (const damage of damaged) {
      const bytes = await handMade((raw) => ({ data: damage(deflateSync(raw)), dict: { Filter: 'FlateDecode' } }));
      expect(await forPdfjs(bytes, { fontPrograms: false })).toBeUndefined();
      // pdf.js's reading of it, whatever it is (its own inflater ignores the checksum, reads what is there).
      expectEqual(
        await extractPdf(bytes, { loadData: pdfData, pdfjsText: true }),
        await extractPdf(bytes, { loadData: pdfData, keepStreamsCompressed: true, pdfjsText: true }),
      );
    }
  });

  it('leaves streams with parameters or a type alone', async () => {
    for (const dict of [
      { Filter: 'FlateDecode', DecodeParms: { Predictor: 1 } },
      { Filter: ['FlateDecode', 'ASCIIHexDecode'] },
      { Filter: 'FlateDecode', Type: 'XObject' },
    ]) {
      const bytes = await handMade((raw) => ({ data: deflateSync(raw), dict }));
      expect(await forPdfjs(bytes, { fontPrograms: false })).toBeUndefined();
    }
  });
});
