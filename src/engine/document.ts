/**
 * Reports that are not Markdown: a saved portal page (.html/.htm) or the Word draft (.docx, through
 * mammoth's HTML). Both become the Markdown text the reader reads (reading/html-input.ts), and each
 * finding gets `place`: where it is in the original file, in words (HTML 第 12 行; 第 3 段; 表 2 第 5
 * 行第 3 格), since the text's lines mean nothing to whoever opens the file.
 *
 * Pure (no `node:` modules): readReport (decode.ts) and the web page both use it.
 */
import { decodeBuffer, tryDecode, type DecodeErrorKind, type Encoding } from './decode-bytes.ts';
import { declaredCharset, htmlToReportText, HtmlTooDeep, type Origin } from '../reading/html-input.ts';
import type { LintResult, Locale, PdfLocation } from '../types.ts';
import { fileWarning, t } from './messages.ts';
import type { PdfDataKind, PdfPlace, PdfReadError } from '../reading/pdf/index.ts';

export type DocumentKind = 'markdown' | 'html' | 'docx' | 'pdf';

export interface DocumentInput {
  kind: 'html' | 'docx' | 'pdf';
  /** Where each line of the text came from (index = line - 1). */
  origins: (Origin | null)[];
  /** For a PDF: where each line of the text shows on the pages (index = line - 1). */
  places?: (PdfPlace | null)[];
  /** For a PDF: how many pages' text is an OCR layer over a scan (a note for the file), when any is. */
  ocrPages?: number;
}

export type DocumentResult =
  | { text: string; encoding: Encoding; input?: DocumentInput }
  | { error: DecodeErrorKind | 'notDocx' | 'htmlTooDeep' | 'docxTooLarge' | PdfReadError; data?: Record<string, number> };

/** File extensions read as something else than Markdown text. */
export const DOCUMENT_EXTENSIONS: Readonly<Record<string, DocumentKind>> = { '.html': 'html', '.htm': 'html', '.docx': 'docx', '.pdf': 'pdf' };

export interface DecodeDocumentOptions {
  /** Reads pdf.js's CMaps and standard fonts from the pdfjs-dist package (the CLI: from disk). */
  pdfData?: (kind: PdfDataKind, name: string) => Promise<Uint8Array>;
}

export function documentKind(fileName: string): DocumentKind {
  const dot = fileName.lastIndexOf('.');
  const ext = dot === -1 ? '' : fileName.slice(dot).toLowerCase();
  return DOCUMENT_EXTENSIONS[ext] ?? 'markdown';
}

const GB = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'euc-cn', 'hz-gb-2312']);

/** Decodes an HTML page: the charset it declares wins (portal pages are often GB2312), else detection. */
export function decodeHtml(bytes: Uint8Array): { text: string; encoding: Encoding } | { error: DecodeErrorKind } {
  const charset = declaredCharset(bytes);
  if (charset && GB.has(charset) && bytes[0] !== 0xef && bytes[0] !== 0xff && bytes[0] !== 0xfe) {
    const text = tryDecode('gb18030', bytes);
    if (text !== undefined) return text.trim() === '' ? { error: 'empty' } : { text, encoding: 'gb18030' };
  }
  return decodeBuffer(bytes);
}

/** Reads the bytes of a report named `fileName` as the Markdown text to lint. */
export async function decodeDocument(bytes: Uint8Array, fileName: string, options: DecodeDocumentOptions = {}): Promise<DocumentResult> {
  const kind = documentKind(fileName);
  if (kind === 'markdown') return decodeBuffer(bytes);
  if (kind === 'pdf') return decodePdf(bytes, options);
  let html: string;
  let encoding: Encoding = 'utf-8';
  if (kind === 'html') {
    const decoded = decodeHtml(bytes);
    if ('error' in decoded) return decoded;
    html = decoded.text;
    encoding = decoded.encoding;
  } else {
    if (bytes.length === 0) return { error: 'empty' };
    // Refused before mammoth inflates it: what it would inflate to, from the zip (docx-size.ts).
    // Loaded only for a .docx file: fflate builds its tables as it loads (some ms of every start).
    const { docxInflatedSize, MAX_DOCX_INFLATED } = await import('./docx-size.ts');
    const inflated = docxInflatedSize(bytes);
    if (inflated !== undefined && inflated > MAX_DOCX_INFLATED) return { error: 'docxTooLarge', data: { limit: MAX_DOCX_INFLATED / (1024 * 1024) } };
    try {
      // Node's mammoth reads `buffer`, the browser build `arrayBuffer`; both take the bytes.
      // Loaded only for a .docx file: most runs read Markdown alone and need not compile it.
      const mammoth = (await import('mammoth')).default;
      const input = { buffer: bytes, arrayBuffer: bytes } as unknown as Parameters<typeof mammoth.convertToHtml>[0];
      // Images are not read (their text is none): no data URIs of megabytes in the HTML.
      html = (await mammoth.convertToHtml(input, { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) })).value;
    } catch {
      return { error: 'notDocx' };
    }
  }
  let converted;
  try {
    converted = htmlToReportText(html);
  } catch (err) {
    if (err instanceof HtmlTooDeep) return { error: 'htmlTooDeep', data: { limit: err.limit } };
    throw err;
  }
  if (converted.text.trim() === '') return { error: 'empty' };
  return { text: converted.text, encoding, input: { kind, origins: converted.origins } };
}

/** A PDF: its pages laid out as the text to read (reading/pdf/), pdf.js loaded only now. */
async function decodePdf(bytes: Uint8Array, options: DecodeDocumentOptions): Promise<DocumentResult> {
  if (bytes.length === 0) return { error: 'empty' };
  const { readPdf, MAX_PDF_INFLATED } = await import('../reading/pdf/index.ts');
  let read: Awaited<ReturnType<typeof readPdf>>;
  try {
    read = await readPdf(bytes, options.pdfData ? { loadData: options.pdfData } : {});
  } catch {
    return { error: 'notPdf' };
  }
  if ('error' in read) return read.error === 'pdfTooLarge' ? { error: 'pdfTooLarge', data: { limit: MAX_PDF_INFLATED / (1024 * 1024) } } : read;
  const ocr = read.ocrPages ? { ocrPages: read.ocrPages } : {};
  return { text: read.text, encoding: 'utf-8', input: { kind: 'pdf', origins: read.origins, places: read.places, ...ocr } };
}

/** Where a place in a PDF is, in words: 第 3 页 表三 （七）总计 · 自然人. */
export function describePdfPlace(place: PdfPlace, locale: Locale): string {
  const parts = [t('placePdfPage', locale, { page: place.page })];
  if (place.table !== undefined) parts.push(t('placePdfTable', locale, { table: place.table }));
  const cell = [place.row, place.column].filter((s): s is string => s !== undefined && s !== '').join(' · ');
  if (cell !== '') parts.push(cell);
  return parts.join(t('placePdfSeparator', locale));
}

/** Where an origin is, in words. */
export function describeOrigin(origin: Origin, kind: 'html' | 'docx' | 'pdf', locale: Locale): string {
  if (kind === 'html' && origin.line !== undefined) return t('placeHtmlLine', locale, { line: origin.line });
  switch (origin.kind) {
    case 'paragraph':
      return t('placeParagraph', locale, { paragraph: origin.paragraph });
    case 'cell':
      return t('placeCell', locale, { table: origin.table, row: origin.row, cell: origin.cell });
    case 'table':
      return origin.row === undefined ? t('placeTable', locale, { table: origin.table }) : t('placeTableRow', locale, { table: origin.table, row: origin.row });
  }
}

/** Gives each finding of a converted document its `place` in the original file. */
export function placeFindings(result: LintResult, input: DocumentInput, locale: Locale): LintResult {
  const originOf = (line: number): Origin | null => {
    // A finding on a blank line (the end of a part, say) belongs to the nearest line above.
    for (let i = Math.min(line, input.origins.length) - 1; i >= 0; i--) {
      const origin = input.origins[i];
      if (origin) return origin;
    }
    return null;
  };
  const pdfPlaceOf = (line: number): PdfPlace | null => {
    const places = input.places ?? [];
    for (let i = Math.min(line, places.length) - 1; i >= 0; i--) {
      const place = places[i];
      if (place) return place;
    }
    return null;
  };
  const messages = result.messages.map((m) => {
    const origin = originOf(m.line);
    // The edits are of the intermediate Markdown, not of the file: never a fix --fix could write.
    const { fix, ...rest } = m;
    const kept = fix ? { ...rest, suggestions: [{ desc: m.message, fix }, ...(m.suggestions ?? [])] } : rest;
    if (input.kind === 'pdf') {
      const found = pdfPlaceOf(m.line);
      if (!found) return kept;
      // A row read as a line of text (a table drawn without vertical lines): the column its value at the finding stands in.
      const { cells, ...place } = found;
      const cell = cells?.find((c) => m.column >= c.from && m.column < c.to);
      if (cell && place.column === undefined) place.column = cell.column;
      const pdf: PdfLocation = { page: place.page, rect: place.rect.map((v) => Math.round(v * 10) / 10) as PdfLocation['rect'] };
      return { ...kept, place: describePdfPlace(place, locale), pdf };
    }
    if (!origin) return kept;
    const placeLine = input.kind === 'html' && origin.line !== undefined ? { placeLine: origin.line } : {};
    return { ...kept, place: describeOrigin(origin, input.kind, locale), ...placeLine };
  });
  // A PDF whose text is an OCR layer over a scan: read, but the file's note says its numbers may be misread.
  if (input.ocrPages) {
    const data = { pages: input.ocrPages };
    const note = fileWarning('filePdfOcrLayer', t('filePdfOcrLayer', locale, data), data);
    return { ...result, messages: [note, ...messages], warningCount: result.warningCount + 1, input: { kind: input.kind } };
  }
  return { ...result, messages, input: { kind: input.kind } };
}
