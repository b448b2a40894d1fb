/**
 * Every PDF the tests hold (the fixtures, the printed corpus reports, the real WPS PDFs of
 * ../shared/corpus/peers when it is there), for the tests that read each the same two ways.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const peers = path.resolve(import.meta.dirname, '../../../shared/corpus/peers');

const inDir = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => path.join(dir, f))
    : [];

export const ALL_PDFS: readonly string[] = [
  ...inDir(path.join(fixtures, 'pdf')),
  ...inDir(path.join(fixtures, 'pdf/layouts')),
  ...inDir(path.join(fixtures, 'pdf/cross')),
  ...inDir(path.join(fixtures, 'corpus-pdf')),
  ...inDir(peers),
];

/** it.each rows: the path as a test name, the file. */
export const pdfCases = (files: readonly string[] = ALL_PDFS): Array<[string, string]> => files.map((f) => [path.relative(path.resolve(fixtures, '..'), f), f]);

/**
 * At full scale (XXGK_PROPERTY_SCALE=1, as CI runs) every PDF; otherwise every fourth of each
 * folder's (each producer's: Chromium, LibreOffice, the hand-made ones) and the real WPS PDFs.
 */
export const samplePdfs = (scale: number): readonly string[] =>
  scale >= 1 ? ALL_PDFS : ALL_PDFS.filter((f, i) => f.startsWith(peers) || i % Math.max(1, Math.round(1 / scale)) === 0);

/**
 * A reading with its numbers to a millionth of a point, for the own text reading (runs.ts) against
 * pdf.js's: a run's length there is where its pen ended less where it began, pdf.js's a sum of its
 * glyphs' advances, and the two differ in the last bits.
 */
export const rounded = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));
