/**
 * Reading a PDF where there is no zlib (the web page): the streams the reader reads are inflated
 * beforehand through a DecompressionStream (rulings.ts `inflateForReading`), so every page reads
 * from its content streams as the CLI reads it, clip and OCR layer included, and pdf.js is asked
 * for no more than it is in Node. Node has DecompressionStream too: zlib is hidden here.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { pdfData } from '../src/engine/decode.ts';
import { extractPdf, type ExtractOptions } from '../src/reading/pdf/extract.ts';
import { inflateWhole, inflateWholeAsync } from '../src/reading/pdf/font-programs.ts';
import { readPages } from '../src/reading/pdf/index.ts';
import { nodeZlib } from '../src/reading/pdf/inflation.ts';
import { expectEqual } from './helpers/equal.ts';
import { fixtures, pdfCases, samplePdfs } from './helpers/pdfs.ts';
import { PROPERTY_SCALE } from './helpers/property.ts';
import { pagesFromJson, rawPdf } from './helpers/raw-pdf.ts';

jest.setTimeout(240_000);

/** LibreOffice's PDFs of .docx layouts (test/docx-layouts.test.ts), one with a cell's text clipped away. */
const docx = path.join(fixtures, 'pdf/docx');
const LIBREOFFICE = readdirSync(docx)
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => path.join(docx, f));

type Get = (id: string) => unknown;
const proc = process as unknown as { getBuiltinModule: Get };
const builtin = proc.getBuiltinModule.bind(process);
let hidden = false;

beforeEach(() => {
  proc.getBuiltinModule = (id: string) => (hidden && (id === 'node:zlib' || id === 'zlib') ? undefined : builtin(id));
});
afterEach(() => {
  hidden = false;
  proc.getBuiltinModule = builtin;
});

async function read(bytes: Uint8Array, withoutZlib: boolean): Promise<{ read: unknown; counts: NonNullable<ExtractOptions['counts']> }> {
  hidden = withoutZlib;
  const counts: NonNullable<ExtractOptions['counts']> = { ownRulings: 0 };
  try {
    const extracted = await extractPdf(bytes, { loadData: pdfData, counts });
    return { read: readPages(extracted), counts };
  } finally {
    hidden = false;
  }
}

describe('without zlib (a browser)', () => {
  it('hides zlib here', () => {
    hidden = true;
    expect(nodeZlib()).toBeUndefined();
    hidden = false;
    expect(nodeZlib()).toBeDefined();
  });

  it.each(pdfCases([...samplePdfs(PROPERTY_SCALE), ...LIBREOFFICE]))('%s reads as with zlib, its pages from the content streams alike', async (_, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const node = await read(bytes, false);
    const browser = await read(bytes, true);
    expect(browser.counts).toEqual(node.counts);
    expectEqual(browser.read, node.read);
  });
});

describe('without zlib, compressed', () => {
  const bordered = pagesFromJson(readFileSync(path.join(fixtures, 'pdf/raw/bordered.pages.json'), 'utf8'));
  // A scan's OCR layer (invisible text over a picture of the page) and a digit run on past its cell
  // and hidden by the cell's clip (test/pdf-raw.test.ts), every stream deflated.
  it.each([
    ['an OCR layer', rawPdf(bordered, { text: 'invisible', compress: true }), 3],
    [
      'text a clip hides',
      rawPdf(bordered, { clippedTexts: { 1: [{ text: { str: '3', x: 402, y: 157.5, size: 10 }, clip: [356.6, 143.6, 384.4, 164.6] }] }, compress: true }),
      undefined,
    ],
  ])('%s reads as with zlib, without pdf.js', async (_, bytes, ocrPages) => {
    const node = await read(bytes, false);
    const browser = await read(bytes, true);
    expect(browser.counts.withoutPdfjs).toBe(1);
    expect((browser.read as { ocrPages?: number }).ocrPages).toBe(ocrPages);
    expectEqual(browser.read, node.read);
  });
});

describe('inflateWholeAsync', () => {
  const text = new TextEncoder().encode('BT /F1 12 Tf 72 712 Td (x) Tj ET\n'.repeat(200));
  const deflated = new Uint8Array(deflateSync(text));
  const withByte = new Uint8Array([...deflated, 0x0a]);
  const cut = deflated.subarray(0, deflated.length - 1);
  const badSum = deflated.slice();
  badSum[badSum.length - 1] = (badSum.at(-1) ?? 0) ^ 1;

  it('gives what zlib gives for whole data, and nothing where zlib gives nothing', async () => {
    expect(await inflateWholeAsync(deflated)).toEqual(inflateWhole(deflated));
    for (const data of [withByte, cut, badSum, text]) {
      expect(inflateWhole(data)).toBeUndefined();
      expect(await inflateWholeAsync(data)).toBeUndefined();
    }
  });

  it('gives nothing past its limit', async () => {
    expect(await inflateWholeAsync(deflated, text.length)).toEqual(text);
    expect(await inflateWholeAsync(deflated, text.length - 1)).toBeUndefined();
    expect(inflateWhole(deflated, text.length - 1)).toBeUndefined();
  });
});
