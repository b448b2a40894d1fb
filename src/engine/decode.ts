/**
 * Reading a report from disk. Reports come from many offices and tools: besides UTF-8 we meet
 * UTF-16 (Word's "Unicode text") and GB18030/GBK (Windows Notepad on Chinese systems), so the
 * encoding is detected here instead of assuming UTF-8 and reporting mojibake as rule findings.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Encoding } from './decode-bytes.ts';
import { decodeDocument, type DocumentInput } from './document.ts';
import { documentError, fileError, type FileError } from './file-error.ts';

// The pure decoding (no I/O) lives in decode-bytes.ts so that the web page can use it too.
export { decodeBuffer, sniffUtf16 } from './decode-bytes.ts';
export type { Encoding } from './decode-bytes.ts';
export { fileError, type FileError } from './file-error.ts';

export type ReadResult = { text: string; encoding: Encoding; bom?: true; input?: DocumentInput; bytes?: Uint8Array } | { error: FileError };

/** Annual reports are a few hundred KB at most; anything this big is not one. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

let pdfjsDirs: string[] | undefined;

/**
 * pdf.js's CMaps and standard fonts, read from disk (never a URL): next to the bundle (dist/pdfjs/,
 * copied there by scripts/build.mjs) or from the installed pdfjs-dist package (run from source).
 */
export async function pdfData(kind: 'cmap' | 'standardFont', name: string): Promise<Uint8Array> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`pdf.js data ${name} not found`);
  if (pdfjsDirs === undefined) {
    const here = path.dirname(fileURLToPath(import.meta.url));
    pdfjsDirs = [path.join(here, 'pdfjs'), path.join(here, '..', 'pdfjs')];
    try {
      pdfjsDirs.push(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')));
    } catch {
      // Not installed: the copy next to the bundle, if any, is all there is.
    }
  }
  const sub = kind === 'cmap' ? 'cmaps' : 'standard_fonts';
  for (const dir of pdfjsDirs) {
    try {
      return await readFile(path.join(dir, sub, name));
    } catch {
      // Try the next place.
    }
  }
  throw new Error(`pdf.js data ${name} not found`);
}

/** Maps a file-system exception to a file error; anything unexpected keeps its code. */
export function fileErrorFromException(err: unknown): FileError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'UNKNOWN';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return fileError('notFound');
    case 'EISDIR':
      return fileError('isDirectory');
    case 'EACCES':
    case 'EPERM':
      return fileError('permissionDenied');
    default:
      return fileError('unreadable', { code });
  }
}

export interface ReadReportOptions {
  /** Defaults to MAX_FILE_BYTES. */
  maxBytes?: number;
  /** Keep the bytes read (`bytes`): --fix writes only if the file still holds them (write.ts). */
  keepBytes?: boolean;
  /**
   * The file's bytes as {@link readBytes} read them ahead (while another file was being linted):
   * only decoding is left to do.
   */
  read?: Promise<BytesRead>;
}

/** A file's bytes, or why they could not be read. */
export type BytesRead = { bytes: Uint8Array } | { error: FileError };

/**
 * Reads a file's bytes, refusing before reading what is not a regular file or is larger than
 * `maxBytes` (a report is a few hundred KB). Never throws. Callers may start it early, so that the
 * disk works while the processor lints the file before (see readReport's `read`).
 */
export async function readBytes(path: string, maxBytes: number = MAX_FILE_BYTES): Promise<BytesRead> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { error: fileError('isDirectory') };
    // FIFOs and devices would block or never end.
    if (!info.isFile()) return { error: fileError('notRegular') };
    if (info.size > maxBytes) return { error: tooLarge(info.size, maxBytes) };
    bytes = await readFile(path);
  } catch (err) {
    return { error: fileErrorFromException(err) };
  }
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) return { error: tooLarge(bytes.length, maxBytes) };
  return { bytes };
}

/** Reads and decodes one report. Never throws: every failure is a FileError to report. */
export async function readReport(path: string, options: ReadReportOptions = {}): Promise<ReadResult> {
  const read = await (options.read ?? readBytes(path, options.maxBytes ?? MAX_FILE_BYTES));
  if ('error' in read) return read;
  const { bytes } = read;
  // .html/.htm, .docx and .pdf are converted to the Markdown text the reader reads (document.ts).
  const decoded = await decodeDocument(bytes, path, { pdfData });
  if ('error' in decoded) return documentError(decoded);
  return options.keepBytes ? { ...decoded, bytes } : decoded;
}

function tooLarge(size: number, limit: number): FileError {
  const mb = (n: number): string => String(Math.round((n / (1024 * 1024)) * 10) / 10);
  return fileError('tooLarge', { size: mb(size), limit: mb(limit) });
}
