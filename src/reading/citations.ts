/** Documents the report cites: 《title》（document number）, and the 条例's State Council order number. */
import { unwrapLines } from './text.ts';

export interface Citation {
  title: string;
  /** The document number as written, e.g. 国办公开办函〔2021〕30号; null when none follows the title. */
  number: string | null;
  start: number;
  end: number;
}

// A title or number may run over the page's lines (PDF text as pdftotext -layout keeps it, a blank
// line between the lines in LibreOffice's PDFs): its line breaks are no part of it.
const CITED = /《([^《》]{2,100})》(?:\s*[（(]([^（()）]{0,40}?[〔[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号)[）)])?/g;
const ORDER = /《中华人民共和国政府信息公开条例》[^。\n]{0,30}?(?:国务院令|国令|令)\s*第\s*(\d+)\s*号/g;

export function findCitations(source: string): Citation[] {
  return [...source.matchAll(CITED)].map((m) => ({
    title: unwrapLines(m[1] ?? '').words,
    number: m[2]?.replace(/\s+/g, '') ?? null,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export function findOrderNumbers(source: string): Array<{ number: number; start: number; end: number }> {
  // An order number beyond 2^53 is not one (and would not fit the model): not read.
  return [...source.matchAll(ORDER)]
    .filter((m) => Number.isSafeInteger(Number(m[1] ?? '')))
    .map((m) => {
      const digits = m[1] ?? '';
      const end = m.index + m[0].length;
      const start = end - m[0].length + m[0].lastIndexOf(digits);
      return { number: Number(digits), start, end: start + digits.length };
    });
}
