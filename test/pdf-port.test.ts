/**
 * The port pdf.js's API and worker code talk through in this thread (src/reading/pdf/port.ts):
 * operator lists handed over without a structured clone read the same as through pdf.js's own
 * fake worker, for every PDF the tests have (Chromium-printed, LibreOffice-made, WPS-made); any
 * other message is cloned as before.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { pdfData } from '../src/engine/decode.ts';
import { extractPdf } from '../src/reading/pdf/extract.ts';
import { handOver, InThreadPort } from '../src/reading/pdf/port.ts';
import { ALL_PDFS, pdfCases } from './helpers/pdfs.ts';
import { PROPERTY_SCALE } from './helpers/property.ts';
import { expectEqual } from './helpers/equal.ts';

jest.setTimeout(240_000);

describe('pdf.js in this thread through port.ts', () => {
  // Every PDF at full scale; npm test reads each with all the reader's savings and with none
  // (test/pdf-own-text.test.ts).
  it.each(PROPERTY_SCALE >= 1 ? pdfCases() : pdfCases().slice(0, 1))('%s reads the same as through pdf.js’s own fake worker', async (_, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const through = await extractPdf(bytes, { loadData: pdfData, pdfjsText: true });
    const loopback = await extractPdf(bytes, { loadData: pdfData, pdfjsLoopback: true, pdfjsText: true });
    expect('pages' in through && through.pages.length).toBeGreaterThan(0);
    expectEqual(through, loopback);
  });

  it('reads the same again after many documents (nothing left over from one to the next)', async () => {
    const file = ALL_PDFS.find((f) => f.endsWith('bordered.pdf')) ?? '';
    const bytes = new Uint8Array(readFileSync(file));
    const first = await extractPdf(bytes, { loadData: pdfData, pdfjsText: true });
    for (let i = 0; i < 5; i++) await extractPdf(bytes, { loadData: pdfData, pdfjsText: true });
    expectEqual(await extractPdf(bytes, { loadData: pdfData, pdfjsText: true }), first);
  });

  it('says a damaged file is no PDF, as before (encrypted and scanned files: test/pdf.test.ts)', async () => {
    const junk = new TextEncoder().encode('%PDF-1.7\nnothing here\n%%EOF\n');
    expect(await extractPdf(junk, { loadData: pdfData, pdfjsText: true })).toEqual({ error: 'notPdf' });
    expect(await extractPdf(junk, { loadData: pdfData, pdfjsLoopback: true, pdfjsText: true })).toEqual({ error: 'notPdf' });
  });

  it('hands an operator list chunk over with its arrays copied, its arguments as they are', () => {
    const glyphs = [{ unicode: 'A', width: 500 }];
    const path2d = new Float32Array([0, 1, 2]);
    const chunk = { fnArray: [44, 91], argsArray: [[glyphs], [13, [path2d], new Float32Array(4)]], length: 2, lastChunk: false, separateAnnots: null };
    const message = { sourceName: 'worker', targetName: 'main', stream: 4, streamId: 1, chunk };
    const got = handOver(message, [path2d.buffer]) as typeof message;
    // The worker empties its arrays once the chunk is sent (OperatorList.flush).
    chunk.fnArray.length = 0;
    chunk.argsArray.length = 0;
    expect(got.chunk.fnArray).toEqual([44, 91]);
    expect(got.chunk.argsArray[0]?.[0]).toBe(glyphs);
    expect(got).toMatchObject({ sourceName: 'worker', targetName: 'main', stream: 4, streamId: 1 });
    // Not transferred: nothing is detached.
    expect(path2d.length).toBe(3);
  });

  it('hands a text content chunk over with its items as they are, and copies a message of primitives', () => {
    const item = { str: '总计', dir: 'ltr', width: 24, height: 12, transform: [12, 0, 0, 12, 90, 700], fontName: 'g_d0_f1', hasEOL: false };
    const styles = Object.assign(Object.create(null) as object, { g_d0_f1: { fontFamily: 'serif', ascent: 0.8, descent: -0.2, vertical: false } });
    const chunk = { items: [item], styles };
    const got = handOver({ sourceName: 'worker', targetName: 'main', stream: 4, streamId: 2, chunk }) as { chunk: typeof chunk };
    expect(got.chunk.items).not.toBe(chunk.items);
    expect(got.chunk.items[0]).toBe(item);
    expect(got.chunk.styles).toEqual(styles);
    const pull = { sourceName: 'main', targetName: 'worker', stream: 6, streamId: 2, desiredSize: 1 };
    const copied = handOver(pull);
    expect(copied).not.toBe(pull);
    expect(copied).toEqual(structuredClone(pull));
    // A value that is an object: cloned, not shared.
    const nested = { action: 'GetPage', data: { pageIndex: 0 } };
    expect((handOver(nested) as typeof nested).data).not.toBe(nested.data);
  });

  it('clones any other message, transfers included, as pdf.js’s LoopbackPort does', () => {
    const data = new Uint8Array([1, 2, 3]);
    const message = { action: 'GetDocRequest', data: { data } };
    const got = handOver(message, [data.buffer]) as typeof message;
    expect(got).not.toBe(message);
    expect([...got.data.data]).toEqual([1, 2, 3]);
    expect(data.length).toBe(0);
    // A chunk-like object that is not a plain object is cloned too.
    class Odd {
      chunk = { fnArray: [1], argsArray: [[2]] };
    }
    const odd = handOver(new Odd(), null) as Odd;
    expect(odd).not.toBeInstanceOf(Odd);
    expect(odd.chunk.argsArray[0]).toEqual([2]);
  });

  it('delivers after the current task, to every listener, until one is removed or its signal aborts', async () => {
    const port = new InThreadPort();
    const seen: string[] = [];
    const controller = new AbortController();
    const a = (e: { data: unknown }): void => void seen.push(`a ${String(e.data)}`);
    const b = (e: { data: unknown }): void => void seen.push(`b ${String(e.data)}`);
    port.addEventListener('message', a, { signal: controller.signal });
    port.addEventListener('message', b);
    port.postMessage('1');
    expect(seen).toEqual([]);
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual(['a 1', 'b 1']);
    controller.abort();
    port.postMessage('2');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['a 1', 'b 1', 'b 2']);
    port.terminate();
    port.postMessage('3');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toHaveLength(3);
  });
});
