/**
 * What reading a PDF leaves behind and how a page is turned: pdf.js's legacy build brings core-js,
 * which replaces some built-ins Node has with slower JavaScript; after a PDF is read, the process's
 * built-ins are the ones it had.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pdfData } from '../src/engine/decode.ts';
import { extractPdf } from '../src/reading/pdf/extract.ts';

const fixtures = path.resolve(import.meta.dirname, 'fixtures/pdf');
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(fixtures, name)));

// pdf.js loads once per test file (a few seconds on a busy machine).
jest.setTimeout(120_000);

describe('reading a PDF and the built-ins', () => {
  it('leaves the built-ins the process had as they were', async () => {
    const before = {
      push: Array.prototype.push,
      parse: JSON.parse,
      stringify: JSON.stringify,
      mapGroupBy: Object.getOwnPropertyDescriptor(Map, 'groupBy'),
      setAdd: Set.prototype.add,
      then: Promise.prototype.then,
    };
    const extracted = await extractPdf(read('bordered.pdf'), { loadData: pdfData });
    expect('pages' in extracted && extracted.pages.length).toBeGreaterThan(0);
    expect({
      push: Array.prototype.push,
      parse: JSON.parse,
      stringify: JSON.stringify,
      mapGroupBy: Object.getOwnPropertyDescriptor(Map, 'groupBy'),
      setAdd: Set.prototype.add,
      then: Promise.prototype.then,
    }).toEqual(before);
    expect(Array.prototype.push).toBe(before.push);
    expect(JSON.parse).toBe(before.parse);
  });
});
