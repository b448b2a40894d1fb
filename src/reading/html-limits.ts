/** Levels of elements a page may nest (a real portal page has a few dozen); see html-parse.ts. */
export const MAX_HTML_DEPTH = 400;
