/**
 * What the PDF reader does to spare pdf.js work — font programs it need not parse
 * (font-programs.ts), page contents and ToUnicode maps given inflated (font-programs.ts's
 * `forPdfjs`), messages handed over without a structured clone (port.ts), the ruling lines read
 * from the content streams instead of pdf.js's operator list (rulings.ts) — changes nothing it
 * reads: on the PDFs the tests hold (every one at full scale, XXGK_PROPERTY_SCALE=1 as CI runs; a
 * quarter of each producer's and the real WPS PDFs otherwise), the pages read with all of them are
 * those pdf.js reads with none. Each alone is compared on every PDF at full scale:
 * test/pdf-font-programs.test.ts, test/pdf-inflate.test.ts, test/pdf-port.test.ts,
 * test/pdf-rulings.test.ts. The text read from the content streams instead of pdf.js's text
 * content (own-text.ts, runs.ts: runs of its own, not pdf.js's items) is held to the same reading
 * of each file in test/pdf-own-text.test.ts.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { pdfData } from '../src/engine/decode.ts';
import { extractPdf } from '../src/reading/pdf/extract.ts';
import { pdfCases, samplePdfs } from './helpers/pdfs.ts';
import { expectEqual } from './helpers/equal.ts';
import { PROPERTY_SCALE } from './helpers/property.ts';

jest.setTimeout(240_000);

describe('the reader’s savings change nothing pdf.js reads', () => {
  it.each(pdfCases(samplePdfs(PROPERTY_SCALE)))('%s reads the same with them and without any', async (_, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const spared = await extractPdf(bytes, { loadData: pdfData, pdfjsText: true });
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
