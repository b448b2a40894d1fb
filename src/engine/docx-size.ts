/**
 * A .docx is a zip: 213 KB may inflate to 200 MB (a "zip bomb", or a document full of repeated
 * text) and mammoth would inflate all of it in memory before converting it. So, before mammoth:
 *
 * 1. the sizes the zip's central directory declares are summed (fflate's `unzipSync` with a
 *    filter that inflates nothing);
 * 2. the parts mammoth reads are inflated once in a stream, counting, and abandoned past the
 *    limit — a zip may declare small sizes and hold more.
 *
 * Images (word/media/) are not counted: they are not read (document.ts converts without them).
 * Pure (no `node:` modules): the web page reads .docx files too.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';

/** Bytes of XML a .docx may inflate to (a real report's document.xml is a few MB). */
export const MAX_DOCX_INFLATED = 64 * 1024 * 1024;

const isMedia = (name: string): boolean => /^word\/media\//i.test(name) || /\.(?:png|jpe?g|gif|bmp|emf|wmf|tiff?|svg)$/i.test(name);

/**
 * The bytes the text parts of a .docx inflate to, or more than `limit` when they exceed it (the
 * count stops there). Undefined when the bytes are not a zip fflate can read (mammoth then says
 * what is wrong).
 */
export function docxInflatedSize(bytes: Uint8Array, limit = MAX_DOCX_INFLATED): number | undefined {
  let declared = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (!isMedia(file.name)) declared += file.originalSize;
        return false;
      },
    });
  } catch {
    return undefined;
  }
  if (declared > limit) return declared;
  // What the entries really hold, counted as they inflate (never more than one chunk in memory).
  let actual = 0;
  let failed = false;
  const unzip = new Unzip((file) => {
    if (isMedia(file.name) || failed || actual > limit) return;
    file.ondata = (err, chunk) => {
      if (err) {
        failed = true;
        return;
      }
      actual += chunk.length;
      if (actual > limit) file.terminate();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    const step = 64 * 1024;
    for (let at = 0; at < bytes.length && actual <= limit; at += step)
      unzip.push(bytes.subarray(at, Math.min(bytes.length, at + step)), at + step >= bytes.length);
  } catch {
    return failed || actual > limit ? actual : undefined;
  }
  return Math.max(declared, actual);
}
