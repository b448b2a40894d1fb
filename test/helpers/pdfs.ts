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
export const pdfCases = (): Array<[string, string]> => ALL_PDFS.map((f) => [path.relative(path.resolve(fixtures, '..'), f), f]);
