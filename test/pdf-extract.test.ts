/**
 * What reading a PDF leaves behind and how a page is turned.
 *
 * pdf.js's legacy build brings core-js, which replaces some built-ins Node has with slower
 * JavaScript: after a PDF is read, the process's built-ins are the ones it had.
 *
 * Turned pages (/Rotate): the Chromium-printed fixtures, turned here with pdf-lib, read as the
 * fixture does, with the same values, findings and places — a page shown sideways (/Rotate 90 or
 * 270 on an upright page, as scanned-then-turned files are), some pages turned and others not
 * within one table, and a landscape page drawn turned on a portrait sheet and shown upright by
 * /Rotate (how some tools export a Word landscape section).
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, PDFName, PDFStream, degrees } from 'pdf-lib';
import { pdfData } from '../src/engine/decode.ts';
import { lintFile } from '../src/engine/lint-file.ts';
import { extractPdf } from '../src/reading/pdf/extract.ts';
import type { ReportModel } from '../src/model/schema.ts';
import type { LintResult } from '../src/types.ts';
import { makeTempDir, removeTempDirs } from './helpers/tmp.ts';

const fixtures = path.resolve(import.meta.dirname, 'fixtures/pdf');
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(fixtures, name)));

// pdf.js loads once per test file (a few seconds on a busy machine).
jest.setTimeout(120_000);

afterAll(removeTempDirs);

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
    const extracted = await extractPdf(read('bordered.pdf'), { loadData: pdfData, pdfjsText: true });
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

  it('encodes base64 as the specification says, plain calls and calls with options', async () => {
    await extractPdf(read('bordered.pdf'), { loadData: pdfData, pdfjsText: true });
    const toBase64 = (Uint8Array.prototype as unknown as { toBase64: (this: Uint8Array, options?: object) => string }).toBase64;
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37 + 11) % 256);
    expect(toBase64.call(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toBase64.call(bytes.subarray(3, 10))).toBe(Buffer.from(bytes.subarray(3, 10)).toString('base64'));
    expect(toBase64.call(new Uint8Array(0))).toBe('');
    expect(toBase64.call(new Uint8Array([251, 255]), { alphabet: 'base64url', omitPadding: true })).toBe('-_8');
    // A TypeError, from whichever realm the polyfill was loaded in (jest runs each file in its own).
    let thrown: unknown;
    try {
      toBase64.call([1, 2] as unknown as Uint8Array);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error | undefined)?.name).toBe('TypeError');
  });
});

/** Sets /Rotate on the pages `turn` gives a turn for (degrees, clockwise). */
async function rotated(name: string, turn: (page: number) => number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(read(name), { updateMetadata: false });
  doc.getPages().forEach((page, i) => page.setRotation(degrees(turn(i + 1))));
  return doc.save();
}

/**
 * Each page drawn a quarter turn anticlockwise on a sheet of the swapped size, shown upright by
 * /Rotate 90 (or sideways, with `rotate` 0): turned by the page's content (`cm`), or by the /Matrix
 * of the form it is drawn as.
 */
async function drawnTurned(name: string, by: 'content' | 'form', rotate = 90): Promise<Uint8Array> {
  const source = await PDFDocument.load(read(name), { updateMetadata: false });
  const doc = await PDFDocument.create({ updateMetadata: false });
  const embedded = await doc.embedPages(source.getPages());
  for (const form of embedded) {
    const page = doc.addPage([form.height, form.width]);
    if (by === 'content') page.drawPage(form, { x: form.height, y: 0, rotate: degrees(90) });
    else page.drawPage(form);
    page.setRotation(degrees(rotate));
  }
  if (by === 'form') {
    await doc.flush();
    for (const form of embedded) doc.context.lookup(form.ref, PDFStream).dict.set(PDFName.of('Matrix'), doc.context.obj([0, 1, -1, 0, form.height, 0]));
  }
  return doc.save();
}

/** Every table row's status and values. */
function values(model: ReportModel | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of Object.values(model?.tables ?? {})) {
    for (const row of table.rows) out[row.id] = `${row.status} ${row.cells.map((c) => c.value).join(',')}`;
  }
  return out;
}

const findings = (result: LintResult): string[] => result.messages.map((m) => `${m.ruleId}/${m.messageId}: ${m.message} @ ${m.place ?? ''}`);

async function lintBytes(bytes: Uint8Array): Promise<LintResult> {
  const file = path.join(await makeTempDir(), 'report.pdf');
  await writeFile(file, bytes);
  return lintFile(file, { locale: 'zh-CN', keepModel: true });
}

describe('turned pages read as the upright page does', () => {
  /** Each fixture read upright once, for each of its turns. */
  const uprights = new Map<string, Promise<LintResult>>();
  const uprightOf = (name: string): Promise<LintResult> => {
    let result = uprights.get(name);
    if (!result) uprights.set(name, (result = lintFile(path.join(fixtures, name), { locale: 'zh-CN', keepModel: true })));
    return result;
  };

  it.each([
    ['bordered.pdf', 'every page /Rotate 90', (name: string) => rotated(name, () => 90)],
    ['bordered.pdf', 'every page /Rotate 270', (name: string) => rotated(name, () => 270)],
    [
      'narrow-across-pages.pdf',
      'pages turned 270, 0, 90, 180 (a table across turned pages)',
      (name: string) => rotated(name, (n) => [270, 0, 90, 180][(n - 1) % 4] ?? 0),
    ],
    ['landscape.pdf', 'landscape pages drawn turned on portrait sheets, shown upright by /Rotate 90', (name: string) => drawnTurned(name, 'content')],
    ['landscape.pdf', 'the same, turned by the /Matrix of the form each page is drawn as', (name: string) => drawnTurned(name, 'form')],
    ['landscape.pdf', 'landscape pages drawn turned on portrait sheets without /Rotate (shown sideways)', (name: string) => drawnTurned(name, 'content', 0)],
  ])('%s, %s', async (name, _how, turn) => {
    const turned = await lintBytes(await turn(name));
    const upright = await uprightOf(name);
    expect(turned.fatal).toBeUndefined();
    expect(Object.keys(values(upright.model)).length).toBeGreaterThan(0);
    expect(values(turned.model)).toEqual(values(upright.model));
    expect(findings(turned)).toEqual(findings(upright));
    // The same places: page, table, row and column, and the rectangle on the page as read.
    const places = (r: LintResult) =>
      r.messages.filter((m) => m.pdf).map((m) => ({ page: m.pdf?.page, rect: m.pdf?.rect.map((v) => Math.round(v * 100) / 100) }));
    expect(places(turned).length).toBeGreaterThan(0);
    expect(places(turned)).toEqual(places(upright));
  });
});
