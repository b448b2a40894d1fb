/**
 * What the PDF reader does to spare pdf.js work — font programs it need not parse
 * (font-programs.ts), page contents and ToUnicode maps given inflated (font-programs.ts's
 * `forPdfjs`), messages handed over without a structured clone (port.ts) — changes nothing it
 * reads: on every PDF the tests hold, the pages read with all three are those pdf.js reads with
 * none. Each alone is compared on every PDF at full scale (XXGK_PROPERTY_SCALE=1, as CI runs):
 * test/pdf-font-programs.test.ts, test/pdf-inflate.test.ts, test/pdf-port.test.ts.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { pdfData } from '../src/engine/decode.ts';
import { extractPdf } from '../src/reading/pdf/extract.ts';
import { pdfCases } from './helpers/pdfs.ts';

jest.setTimeout(240_000);

describe('the reader’s savings change nothing pdf.js reads', () => {
  it.each(pdfCases())('%s reads the same with them and without any', async (_, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const spared = await extractPdf(bytes, { loadData: pdfData });
    const plain = await extractPdf(bytes, { loadData: pdfData, keepFontPrograms: true, keepStreamsCompressed: true, pdfjsLoopback: true });
    expect('pages' in spared && spared.pages.length).toBeGreaterThan(0);
    expect(spared).toEqual(plain);
  });
});
