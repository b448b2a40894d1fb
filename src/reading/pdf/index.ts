/**
 * A PDF report as the Markdown text the reader reads: pdf.js gives the text runs and ruling lines
 * (extract.ts), the layout makes HTML of them with the tables rebuilt from their lines (layout.ts),
 * and html-input.ts makes that the text. Each line of the text keeps where it shows in the PDF.
 */
import { htmlToReportText, type Origin } from '../html-input.ts';
import { unifyRadicals } from '../../model/radicals.ts';
import { extractPdf, type ExtractOptions, type ExtractResult, type PdfText } from './extract.ts';
import { pdfToHtml, type PdfPlace } from './layout.ts';

export type { PdfPlace } from './layout.ts';
export { MAX_PDF_INFLATED } from './inflation.ts';
export type { PdfDataKind, ExtractOptions } from './extract.ts';

export type PdfReadError = 'pdfEncrypted' | 'notPdf' | 'pdfScanned' | 'pdfUnmapped' | 'pdfTooLarge' | 'empty';

export interface PdfRead {
  text: string;
  /** As for HTML (html-input.ts): where each line came from in the intermediate HTML. */
  origins: (Origin | null)[];
  /** `places[i]`: where line i + 1 of `text` shows on the pages. */
  places: (PdfPlace | null)[];
  pages: number;
  /** How many pages' text is an OCR layer over a scan (extract.ts `ocr`), when any is. */
  ocrPages?: number;
}

/**
 * A row read as a line of text: its values' columns placed on the line's last words, which must
 * be as many numbers (else the line's words are not the row's values as aligned, and no column
 * is named).
 */
function withCells(place: PdfPlace, line: string): PdfPlace {
  const { columns = [], ...rest } = place;
  const words = [...line.matchAll(/\S+/g)];
  const tail = words.slice(words.length - columns.length);
  if (columns.length === 0 || words.length < columns.length || !tail.every((w) => /^\d[\d,]*(\.\d+)?$/.test(w[0]))) return rest;
  return { ...rest, cells: tail.map((w, k) => ({ from: w.index + 1, to: w.index + 1 + w[0].length, column: columns[k] as string })) };
}

/**
 * A run drawn again over itself, a fraction of its size aside, shows once (bold faked by drawing
 * the text twice, as printers and WPS do for a font with no bold face): the drawing again is left
 * out. Two runs of the same text that far overlap are never two texts a person reads.
 */
function withoutOverprints(texts: PdfText[]): PdfText[] {
  const seen = new Map<string, PdfText[]>();
  return texts.filter((t) => {
    const near = t.size * 0.15;
    const same = seen.get(t.str) ?? [];
    const over = (k: PdfText): boolean =>
      Math.abs(k.size - t.size) <= 0.02 * t.size &&
      Math.abs(k.x0 - t.x0) <= near &&
      Math.abs(k.y0 - t.y0) <= near &&
      Math.abs(k.x1 - t.x1) <= near &&
      Math.abs(k.y1 - t.y1) <= near;
    if (same.some(over)) return false;
    seen.set(t.str, [...same, t]);
    return true;
  });
}

/** The share of the text's characters that are codes with no character (C0 controls, U+FFFD). */
function unmappedShare(pages: readonly { texts: readonly { str: string }[] }[]): number {
  let all = 0;
  let unmapped = 0;
  for (const page of pages) {
    for (const t of page.texts) {
      for (const ch of t.str) {
        if (/\s/.test(ch)) continue;
        all++;
        if (ch < ' ' || ch === '\ufffd') unmapped++;
      }
    }
  }
  return all === 0 ? 0 : unmapped / all;
}

export async function readPdf(bytes: Uint8Array, options: ExtractOptions = {}): Promise<PdfRead | { error: PdfReadError }> {
  return readPages(await extractPdf(bytes, options));
}

/** The text of the pages extractPdf read (which it changes: radicals unified, overprints left out). */
export function readPages(extracted: ExtractResult): PdfRead | { error: PdfReadError } {
  if ('error' in extracted) return extracted;
  const { pages } = extracted;
  const chars = pages.reduce((n, p) => n + p.texts.reduce((m, t) => m + t.str.trim().length, 0), 0);
  // No text layer: a scan, pictures of pages, or text turned into outlines. Nothing to read (no OCR).
  if (chars < 20) return { error: pages.length === 0 ? 'empty' : 'pdfScanned' };
  // Codes a font gives no character for (no ToUnicode map, nothing else to go by): control
  // characters, U+FFFD. No text has them; a page of them read as a report would be silence.
  if (unmappedShare(pages) >= 0.02) return { error: 'pdfUnmapped' };
  // “⼈⺠” as the font's map gives it is “人民” as the page shows it (radicals.ts).
  for (const page of pages) for (const t of page.texts) t.str = unifyRadicals(t.str);
  for (const page of pages) page.texts = withoutOverprints(page.texts);
  const { html, places: htmlPlaces } = pdfToHtml(pages);
  const converted = htmlToReportText(html);
  const lines = converted.text.split('\n');
  const places = converted.origins.map((o, i) => {
    const place = o?.line === undefined ? null : (htmlPlaces[o.line - 1] ?? null);
    return place?.columns ? withCells(place, lines[i] ?? '') : place;
  });
  // The text's origins must not claim HTML lines: the places say where things are.
  const origins = converted.origins.map((o) => {
    if (!o) return null;
    const rest: Origin = { ...o };
    delete rest.line;
    return rest;
  });
  const ocrPages = pages.filter((p) => p.ocr).length;
  return { text: converted.text, origins, places, pages: pages.length, ...(ocrPages > 0 ? { ocrPages } : {}) };
}
