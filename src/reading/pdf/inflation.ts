/**
 * A PDF whose streams inflate to more than any report needs (a “deflate bomb”: a few megabytes
 * that decode to gigabytes) is refused before pdf.js decodes it, as a .docx is (docx-size.ts):
 * pdf.js would grow its buffers until the file's time budget ran out, gigabytes in memory outside
 * the heap limit the worker has.
 */

/** What the streams pdf.js may decode (every stream but images, which it never decodes) may add up to. */
export const MAX_PDF_INFLATED = 512 * 1024 * 1024;

/** Deflate writes at most this many bytes a stored byte (RFC 1951: 258 bytes from one code of ¼ byte, and then some). */
const MAX_RATIO = 1032;

interface Inflate {
  on(event: 'data', listener: (chunk: Uint8Array) => void): this;
  on(event: 'end' | 'error', listener: () => void): this;
  end(data: Uint8Array): void;
  destroy(): void;
}
interface Zlib {
  inflateSync(data: Uint8Array, options: { maxOutputLength: number; info: true }): { buffer: Uint8Array; engine: { bytesWritten: number } };
  createInflate(options: { finishFlush: number }): Inflate;
}

/** Node's zlib, where there is one (not in a browser). */
export function nodeZlib(): Zlib | undefined {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  return typeof get === 'function' ? (get('node:zlib') as Zlib | undefined) : undefined;
}

/** Z_SYNC_FLUSH: data cut short is inflated as far as it goes, as pdf.js reads it. */
const SYNC_FLUSH = 2;

/**
 * What `data` inflates to, counted as it streams by (nothing kept), up to just past `max`; data
 * damaged part of the way counts as far as it inflates, as pdf.js reads it; data not deflated, 0.
 */
function inflatedSize(z: Zlib, data: Uint8Array, max: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = z.createInflate({ finishFlush: SYNC_FLUSH });
    let size = 0;
    inflate.on('data', (chunk) => {
      size += chunk.length;
      if (size > max) {
        inflate.destroy();
        resolve(size);
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', () => resolve(size));
    inflate.end(data);
  });
}

/**
 * Whether the file's streams (images aside) inflate to more than `limit` bytes in all. Nothing is
 * inflated while the stored sizes alone prove they cannot (every report seen: a few hundred KB of
 * streams, at most ~400 MB at deflate's highest ratio); else the largest are inflated first, until
 * the rest cannot reach the limit, counting as the data streams by (no more memory than a chunk).
 * In a browser (no zlib) nothing is checked: the page reads one file the user chose, in their tab.
 * `text`: the file as Latin-1 text, when the caller has it already.
 */
export async function inflatesBeyond(
  bytes: Uint8Array,
  { limit = MAX_PDF_INFLATED, text = latin1(bytes) }: { limit?: number; text?: string } = {},
): Promise<boolean> {
  const z = nodeZlib();
  if (!z) return false;
  const streams: [number, number][] = [];
  let bound = 0;
  const keyword = /stream(?:\r\n|\n|\r)/g;
  let match: RegExpExecArray | null;
  while ((match = keyword.exec(text))) {
    if (text.startsWith('end', match.index - 3)) continue;
    const start = match.index + match[0].length;
    let end = text.indexOf('endstream', start);
    if (end < 0) end = text.length;
    keyword.lastIndex = end;
    // The stream's dictionary: what follows the object before it (or the file's start).
    const dict = text.slice(Math.max(0, text.lastIndexOf('endobj', match.index)), match.index);
    if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    streams.push([start, end]);
    bound += (end - start) * MAX_RATIO;
  }
  if (bound <= limit) return false;
  streams.sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
  let total = 0;
  for (const [start, end] of streams) {
    const stored = end - start;
    bound -= stored * MAX_RATIO;
    // Not deflated (0 inflated): what is stored is what pdf.js reads.
    total += Math.max(stored, await inflatedSize(z, bytes.subarray(start, end), limit - total));
    if (total > limit) return true;
    if (total + bound <= limit) return false;
  }
  return false;
}

/** The file as Latin-1 text, one character a byte (Node's Buffer is ten times faster at it). */
export function latin1(bytes: Uint8Array): string {
  const NodeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'latin1'): string } } })
    .Buffer;
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : new TextDecoder('latin1').decode(bytes);
}
