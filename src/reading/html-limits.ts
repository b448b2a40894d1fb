import type { Element } from 'hast';

/** Levels of elements a page may nest (a real portal page has a few dozen); see html-parse.ts. */
export const MAX_HTML_DEPTH = 400;

/** A cell's `rowspan`/`colspan` (hast's rowSpan/colSpan): 1 unless a whole number from 2 to 999. */
export function cellSpan(cell: Element, name: 'rowSpan' | 'colSpan'): number {
  const value = Number(cell.properties[name]);
  return Number.isInteger(value) && value > 1 && value < 1000 ? value : 1;
}
